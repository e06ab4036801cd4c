//! Storage of an exercise behind a small interface.
//!
//! This module owns the [`Ledger`] trait: what the exercise needs from storage (its stored
//! scenario, its meta data, the append-only events, the cached state, and transactions). One
//! implementation exists, one SQLite file ([`crate::SqliteLedger`]); a server database for a
//! region whose HR leads share one exercise would implement the same trait.

use serde::{Deserialize, Serialize};

use crate::event::{EventRecord, sha256_hex};
use crate::roster::Roster;
use crate::{Error, ExerciseRules};

/// The version of the storage layout this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// The value of the `format` key that marks an exercise.
pub const FORMAT: &str = "redeploy-exercise";

/// One stored input file of the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Path relative to the scenario's directory.
    pub path: String,
    /// SHA-256 recorded when stored.
    pub sha256: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What an exercise stores once, when it is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The scenario file's stored name.
    pub scenario_root: String,
    /// The stored name of the policy given with `--policy`, if one was.
    pub policy_file: Option<String>,
    /// The rules of offers and trials.
    pub rules: ExerciseRules,
    /// The people and vacancies of the scenario.
    pub roster: Roster,
    /// The version of redeploy that created the exercise.
    pub created_with: String,
    /// The hash the first event chains to: SHA-256 over the meta data above and every stored
    /// file's name and checksum.
    pub genesis: String,
}

#[derive(Serialize)]
struct Genesis<'a> {
    format: &'a str,
    scenario_root: &'a str,
    policy_file: Option<&'a str>,
    rules: &'a ExerciseRules,
    roster: &'a Roster,
    created_with: &'a str,
    files: Vec<(&'a str, &'a str)>,
}

impl Meta {
    /// The genesis hash of this meta data with `files`.
    pub fn compute_genesis(&self, files: &[FileRow]) -> String {
        let genesis = Genesis {
            format: FORMAT,
            scenario_root: &self.scenario_root,
            policy_file: self.policy_file.as_deref(),
            rules: &self.rules,
            roster: &self.roster,
            created_with: &self.created_with,
            files: files
                .iter()
                .map(|f| (f.path.as_str(), f.sha256.as_str()))
                .collect(),
        };
        sha256_hex(&serde_json::to_vec(&genesis).unwrap_or_default())
    }
}

/// What an exercise needs from its storage. Reads see a consistent ledger; writes happen only
/// between [`Ledger::begin`] and [`Ledger::commit`], and a transaction not committed leaves
/// nothing behind.
pub trait Ledger {
    /// Starts a write transaction, waiting for other writers (up to the ledger's wait).
    ///
    /// # Errors
    /// [`Error::Busy`] when another command holds the ledger for longer than the wait.
    fn begin(&mut self) -> Result<(), Error>;
    /// Makes the transaction's writes durable.
    ///
    /// # Errors
    /// When the storage cannot commit (nothing is then written).
    fn commit(&mut self) -> Result<(), Error>;
    /// Drops the transaction's writes.
    fn rollback(&mut self);
    /// The meta data.
    ///
    /// # Errors
    /// When it cannot be read or does not parse.
    fn meta(&self) -> Result<Meta, Error>;
    /// The stored scenario files, by path.
    ///
    /// # Errors
    /// When they cannot be read.
    fn files(&self) -> Result<Vec<FileRow>, Error>;
    /// The last event, if any.
    ///
    /// # Errors
    /// When it cannot be read or does not parse.
    fn head(&self) -> Result<Option<EventRecord>, Error>;
    /// Every event, in sequence order.
    ///
    /// # Errors
    /// When they cannot be read or one does not parse.
    fn events(&self) -> Result<Vec<EventRecord>, Error>;
    /// The cached state (JSON) and the sequence number it is at, if cached.
    ///
    /// # Errors
    /// When it cannot be read.
    fn cached_state(&self) -> Result<Option<(u64, String)>, Error>;
    /// Appends one event (inside a transaction).
    ///
    /// # Errors
    /// When it cannot be written.
    fn append(&mut self, record: &EventRecord) -> Result<(), Error>;
    /// Replaces the cached state (inside a transaction).
    ///
    /// # Errors
    /// When it cannot be written.
    fn cache_state(&mut self, seq: u64, json: &str) -> Result<(), Error>;
}
