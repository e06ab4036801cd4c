//! Live redeployment exercises: offers, refusals, trials and new rounds over weeks, on record.
//!
//! `redeploy-exercise` owns an *exercise*: one scenario plus everything that happens to it,
//! kept in one file. The file holds the scenario's input files with their checksums, the
//! rules of offers and trials ([`ExerciseRules`]), and an append-only ledger of [`Event`]s, each
//! sealed by a hash chained to the one before ([`EventRecord`]). The state of every person and
//! post ([`State`]) is a pure function of the events: [`State::replay`] rebuilds it, and the
//! cached copy in the file is checked against the replay by [`Exercise::verify`].
//!
//! - `event.rs`: the events and the hash chain;
//! - `state.rs`, `apply.rs`, `checks.rs`: the state machine of people and posts, each event's
//!   checks and the words of its refusals;
//! - `rules.rs`: the rules of offers and trials, with their sources;
//! - `roster.rs`: the facts about people and posts taken from the scenario;
//! - `pool.rs`, `round.rs`: a new round's pool and constraints, and its proposals;
//! - `store.rs`, `sqlite.rs`: storage behind the [`Ledger`] trait, one SQLite implementation;
//! - `status.rs`: what stands and falls due on a date, and warnings;
//! - `exercise.rs`: the commands (create, record, propose, verify).
//!
//! ```no_run
//! use std::path::Path;
//! use std::time::Duration;
//! use chrono::NaiveDate;
//! use redeploy_exercise::{Event, Exercise, Stamp};
//!
//! let stamp = Stamp {
//!     effective: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
//!     recorded_by: "regional HR".to_string(),
//!     recorded_at: "2025-10-01T09:00:00Z".to_string(),
//! };
//! let wait = Duration::from_secs(5);
//! let (mut exercise, _) = Exercise::create(
//!     Path::new("kingsmoor.db"),
//!     Path::new("configs/examples/footprint/scenario.toml"),
//!     None,
//!     &stamp,
//!     wait,
//! )?;
//! let proposed = exercise.propose(&stamp)?;
//! println!("{} proposals", proposed.round.placements.len());
//! let event = Event::Held { vacancy: "V0001".into(), reason: "budget review".into() };
//! exercise.record(&stamp, event, None)?;
//! assert!(exercise.verify()?.problems.is_empty());
//! # Ok::<(), redeploy_exercise::Error>(())
//! ```

mod apply;
mod checks;
mod error;
mod event;
mod exercise;
mod pool;
mod roster;
mod round;
mod rules;
mod sqlite;
mod state;
mod status;
mod store;

pub use error::Error;
pub use event::{
    AddedVacancy, EndedBy, Event, EventRecord, LeftHow, Proposal, Retraining, RoundProposed,
    sha256_hex,
};
pub use exercise::{Exercise, Proposed, Stamp, TOOL_VERSION, Verification};
pub use pool::constraints;
pub use roster::{PersonFacts, Roster, VacancyFacts};
pub use rules::ExerciseRules;
pub use sqlite::SqliteLedger;
pub use state::{Flag, FlagKind, Notice, PersonState, Stage, State, VacancyState};
pub use status::{Due, PersonLine, Status, status};
pub use store::{FORMAT, FileRow, Ledger, Meta, SCHEMA_VERSION};
