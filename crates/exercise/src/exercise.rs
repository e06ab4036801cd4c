//! An exercise: its ledger, its stored scenario, and the commands on them.
//!
//! This module owns the commands as library calls: create ([`Exercise::create`]), record one
//! event ([`Exercise::record`]), propose a round ([`Exercise::propose`]), read the state
//! ([`Exercise::state`]) and verify the whole file ([`Exercise::verify`]). Each writing command is
//! one transaction: it reads the head of the ledger, checks the event against the state, appends
//! it with its hash and the new cached state, and commits; any error rolls everything back.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use redeploy_engine::{Assessment, Assessor, Round};
use redeploy_model::{Scenario, ScenarioFiles};

use crate::event::{AddedVacancy, Event, EventRecord, RoundProposed, sha256_hex};
use crate::pool::constraints;
use crate::sqlite::{SqliteLedger, file_row};
use crate::state::State;
use crate::store::{FileRow, Ledger, Meta};
use crate::{Error, ExerciseRules, Roster};

/// The version of redeploy recorded with each event.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Who records an event, when it takes effect, and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The date the event takes effect.
    pub effective: NaiveDate,
    /// Who records it.
    pub recorded_by: String,
    /// When it is recorded (UTC, RFC 3339).
    pub recorded_at: String,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    /// Events checked.
    pub events: u64,
    /// The last event's hash.
    pub head: Option<String>,
    /// Every problem found, in words; empty when the file is sound.
    pub problems: Vec<String>,
}

/// A proposed round: the round as the engine ran it, the scenario it ran on, and the event.
#[derive(Debug)]
pub struct Proposed {
    /// The scenario as of the round (stored scenario, added vacancies, round date).
    pub scenario: Scenario,
    /// The round.
    pub round: Round,
    /// The recorded event.
    pub record: EventRecord,
    /// The constraints the round ran with.
    pub constraints: redeploy_engine::Constraints,
}

/// An exercise on some storage.
#[derive(Debug)]
pub struct Exercise<L: Ledger> {
    ledger: L,
    meta: Meta,
}

impl Exercise<SqliteLedger> {
    /// Creates the exercise file `path` from the scenario at `scenario` (and the policy at
    /// `policy`, when given instead of the scenario's), storing every input file's content and
    /// checksum, and records the opening event.
    ///
    /// # Errors
    /// [`Error::Exists`] when `path` exists, [`Error::Scenario`] when the scenario does not
    /// load, storage errors otherwise.
    pub fn create(
        path: &Path,
        scenario: &Path,
        policy: Option<&Path>,
        stamp: &Stamp,
        wait: Duration,
    ) -> Result<(Exercise<SqliteLedger>, EventRecord), Error> {
        Self::create_with_rules(
            path,
            scenario,
            policy,
            ExerciseRules::default(),
            stamp,
            wait,
        )
    }

    /// [`Exercise::create`] with other rules of offers and trials than the defaults.
    ///
    /// # Errors
    /// As [`Exercise::create`].
    pub fn create_with_rules(
        path: &Path,
        scenario: &Path,
        policy: Option<&Path>,
        rules: ExerciseRules,
        stamp: &Stamp,
        wait: Duration,
    ) -> Result<(Exercise<SqliteLedger>, EventRecord), Error> {
        if path.exists() {
            return Err(Error::Exists(path.to_path_buf()));
        }
        let (mut loaded, files) = ScenarioFiles::read(scenario)?;
        let mut rows: Vec<FileRow> = files
            .files
            .into_iter()
            .map(|(name, bytes)| file_row(name, bytes))
            .collect();
        let mut policy_file = None;
        if let Some(policy_path) = policy {
            let bytes = std::fs::read(policy_path).map_err(|source| Error::Io {
                path: policy_path.to_path_buf(),
                source,
            })?;
            let name = format!(
                "--policy/{}",
                policy_path
                    .file_name()
                    .map_or_else(|| "policy.toml".into(), |n| n.to_string_lossy())
            );
            loaded.policy =
                redeploy_model::parse_policy(&String::from_utf8_lossy(&bytes), policy_path)?;
            rows.push(file_row(name.clone(), bytes));
            policy_file = Some(name);
        }
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        let mut meta = Meta {
            scenario_root: files.root,
            policy_file,
            rules,
            roster: Roster::of(&loaded),
            created_with: TOOL_VERSION.to_string(),
            genesis: String::new(),
        };
        meta.genesis = meta.compute_genesis(&rows);
        let ledger = SqliteLedger::create(path, &meta, &rows, wait)?;
        let mut exercise = Exercise { ledger, meta };
        let posts = loaded.vacancies.iter().map(|v| v.posts).sum();
        let opened = Event::Opened {
            scenario: loaded.name.clone(),
            policy: loaded.policy.name.clone(),
            people: count(loaded.people.len(), "people")?,
            posts,
        };
        let scenario_sha = rows
            .iter()
            .find(|r| r.path == exercise.meta.scenario_root)
            .map(|r| r.sha256.clone());
        let (record, _) = exercise.record(stamp, opened, scenario_sha)?;
        Ok((exercise, record))
    }

    /// Opens the exercise file `path`, waiting up to `wait` for another command's write.
    ///
    /// # Errors
    /// As [`SqliteLedger::open`].
    pub fn open(path: &Path, wait: Duration) -> Result<Exercise<SqliteLedger>, Error> {
        let ledger = SqliteLedger::open(path, wait)?;
        let meta = ledger.meta()?;
        Ok(Exercise { ledger, meta })
    }
}

impl<L: Ledger> Exercise<L> {
    /// The exercise on `ledger`.
    ///
    /// # Errors
    /// When the meta data cannot be read.
    pub fn on(ledger: L) -> Result<Exercise<L>, Error> {
        let meta = ledger.meta()?;
        Ok(Exercise { ledger, meta })
    }

    /// The storage.
    pub fn ledger(&self) -> &L {
        &self.ledger
    }

    /// The meta data stored at creation.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Every event, in order.
    ///
    /// # Errors
    /// When the ledger cannot be read.
    pub fn events(&self) -> Result<Vec<EventRecord>, Error> {
        self.ledger.events()
    }

    /// The state the events replay to.
    ///
    /// # Errors
    /// When an event does not apply (a damaged ledger).
    pub fn replay(&self) -> Result<State, Error> {
        let events = self.ledger.events()?;
        State::replay(&self.meta.roster, &self.meta.rules, &events)
    }

    /// The current state: the cache when it is at the last event, else the replay.
    ///
    /// # Errors
    /// When the ledger cannot be read.
    pub fn state(&self) -> Result<State, Error> {
        let head = self.ledger.head()?.map_or(0, |h| h.seq);
        if let Some((seq, json)) = self.ledger.cached_state()?
            && seq == head
            && let Ok(state) = serde_json::from_str(&json)
        {
            return Ok(state);
        }
        self.replay()
    }

    /// Runs `body` in one write transaction: committed when it succeeds, rolled back (nothing
    /// written) when it fails.
    fn transaction<T>(
        &mut self,
        body: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.ledger.begin()?;
        match body(self) {
            Ok(done) => {
                self.ledger.commit()?;
                Ok(done)
            }
            Err(err) => {
                self.ledger.rollback();
                Err(err)
            }
        }
    }

    /// Records `event` taking effect on `stamp.effective`, with the checksum of the file it read.
    /// Returns the sealed record and the state after it.
    ///
    /// # Errors
    /// [`Error::Contradicts`] when the event does not fit the state (nothing is written);
    /// [`Error::Busy`] when another command holds the file.
    pub fn record(
        &mut self,
        stamp: &Stamp,
        event: Event,
        input_sha256: Option<String>,
    ) -> Result<(EventRecord, State), Error> {
        if let Event::Pinned {
            person, vacancy, ..
        } = &event
        {
            self.check_pin(stamp, person, vacancy)?;
        }
        self.transaction(|this| this.record_in_transaction(stamp, event, input_sha256))
    }

    /// Records several events in one transaction: all of them, or none when one is refused
    /// (for imports and benchmarks; each event is checked as [`Exercise::record`] checks it, and
    /// the state is cached once, after the last).
    ///
    /// # Errors
    /// As [`Exercise::record`], naming the first event refused.
    pub fn record_batch(&mut self, events: Vec<(Stamp, Event)>) -> Result<State, Error> {
        self.transaction(|this| this.batch_in_transaction(events))
    }

    fn batch_in_transaction(&mut self, events: Vec<(Stamp, Event)>) -> Result<State, Error> {
        let mut head = self.ledger.head()?;
        let mut state = self.state()?;
        for (stamp, event) in events {
            let record = EventRecord {
                seq: head.as_ref().map_or(0, |h| h.seq) + 1,
                effective: stamp.effective,
                recorded_at: stamp.recorded_at,
                recorded_by: stamp.recorded_by,
                tool_version: TOOL_VERSION.to_string(),
                input_sha256: None,
                event,
                prev_hash: head.map_or_else(|| self.meta.genesis.clone(), |h| h.hash),
                hash: String::new(),
            }
            .seal();
            state.apply(&self.meta.roster, &self.meta.rules, &record)?;
            self.ledger.append(&record)?;
            head = Some(record);
        }
        let json = serde_json::to_string(&state).unwrap_or_default();
        self.ledger.cache_state(state.seq, &json)?;
        Ok(state)
    }

    fn record_in_transaction(
        &mut self,
        stamp: &Stamp,
        event: Event,
        input_sha256: Option<String>,
    ) -> Result<(EventRecord, State), Error> {
        let head = self.ledger.head()?;
        let mut state = self.state()?;
        let record = EventRecord {
            seq: head.as_ref().map_or(0, |h| h.seq) + 1,
            effective: stamp.effective,
            recorded_at: stamp.recorded_at.clone(),
            recorded_by: stamp.recorded_by.clone(),
            tool_version: TOOL_VERSION.to_string(),
            input_sha256,
            event,
            prev_hash: head.map_or_else(|| self.meta.genesis.clone(), |h| h.hash),
            hash: String::new(),
        }
        .seal();
        state.apply(&self.meta.roster, &self.meta.rules, &record)?;
        self.ledger.append(&record)?;
        let json = serde_json::to_string(&state).unwrap_or_default();
        self.ledger.cache_state(record.seq, &json)?;
        Ok((record, state))
    }

    /// A pinned pair must be suitable: every hard rule of the policy passes (the engine refuses
    /// a round whose pin fails one).
    fn check_pin(&self, stamp: &Stamp, person: &str, vacancy: &str) -> Result<(), Error> {
        let scenario = self.scenario(Some(stamp.effective))?;
        let policy = scenario.policy.validate()?;
        let assessor = Assessor::new(&scenario, &policy)?;
        if let Some(Assessment::NotSuitable { failures }) = assessor.assess(person, vacancy) {
            let rules: Vec<String> = failures.iter().map(|f| f.detail.clone()).collect();
            return Err(Error::contradicts(
                format!("pinned {person} {vacancy} ({})", stamp.effective),
                format!(
                    "a pinned pair must be suitable, and {vacancy} is not for {person}: {}",
                    rules.join("; ")
                ),
            ));
        }
        Ok(())
    }

    /// The stored scenario with the vacancies added so far and the exercise's policy, as of
    /// `date` (its round date).
    ///
    /// # Errors
    /// [`Error::Scenario`] when the stored files do not load.
    pub fn scenario(&self, date: Option<NaiveDate>) -> Result<Scenario, Error> {
        let events = self.ledger.events()?;
        self.scenario_with(&events, None, date)
    }

    fn scenario_with(
        &self,
        events: &[EventRecord],
        extra: Option<(&str, &[u8])>,
        date: Option<NaiveDate>,
    ) -> Result<Scenario, Error> {
        let mut files = ScenarioFiles {
            root: self.meta.scenario_root.clone(),
            files: self
                .ledger
                .files()?
                .into_iter()
                .map(|row| (row.path, row.bytes))
                .collect(),
        };
        let mut added = Vec::new();
        for record in events {
            if let Event::VacanciesAdded { csv, .. } = &record.event {
                let name = format!("--added/{}.csv", record.seq);
                files.files.insert(name.clone(), csv.clone().into_bytes());
                added.push(name);
            }
        }
        if let Some((name, bytes)) = extra {
            files.files.insert(name.to_string(), bytes.to_vec());
            added.push(name.to_string());
        }
        let mut scenario = files.load(&added)?;
        if let Some(name) = &self.meta.policy_file {
            scenario.policy = files.policy(name)?;
        }
        if let Some(date) = date {
            scenario.round_date = date;
        }
        Ok(scenario)
    }

    /// The event adding the vacancies of the CSV text `bytes` (the scenario's vacancy format),
    /// checked with the whole scenario, and its checksum.
    ///
    /// # Errors
    /// [`Error::Scenario`] listing every problem in the file, each with its record and field.
    pub fn vacancies_added(&self, file: &str, bytes: &[u8]) -> Result<(Event, String), Error> {
        let events = self.ledger.events()?;
        let before = self.scenario_with(&events, None, None)?;
        let after = self.scenario_with(&events, Some((file, bytes)), None)?;
        let vacancies = after.vacancies[before.vacancies.len()..]
            .iter()
            .map(|v| AddedVacancy {
                id: v.id.clone(),
                employer: v.employer.clone(),
                posts: v.posts,
            })
            .collect();
        let event = Event::VacanciesAdded {
            file: file.to_string(),
            csv: String::from_utf8_lossy(bytes).into_owned(),
            vacancies,
        };
        Ok((event, sha256_hex(bytes)))
    }

    /// Runs a match round on the pool as of `stamp.effective` and records its proposals.
    ///
    /// # Errors
    /// [`Error::Contradicts`] when the date is before the last event; [`Error::Round`] when the
    /// engine cannot run the round; nothing is written then.
    pub fn propose(&mut self, stamp: &Stamp) -> Result<Proposed, Error> {
        self.transaction(|this| this.propose_in_transaction(stamp))
    }

    fn propose_in_transaction(&mut self, stamp: &Stamp) -> Result<Proposed, Error> {
        let state = self.state()?;
        let date = stamp.effective;
        if let Some(last) = state.date.filter(|last| date < *last) {
            return Err(Error::contradicts(
                format!("propose ({date})"),
                format!(
                    "its date is before the previous event's ({last}); events are recorded in date order"
                ),
            ));
        }
        let events = self.ledger.events()?;
        let scenario = self.scenario_with(&events, None, Some(date))?;
        let c = constraints(&state, date);
        let (round, proposals) = crate::round::run(&scenario, &scenario.policy, &c)?;
        let pool = scenario.people.len() - c.absent.len();
        let open_posts = state
            .vacancies
            .iter()
            .filter(|(_, v)| v.held.is_none())
            .map(|(_, v)| v.open())
            .sum();
        let proposed: std::collections::BTreeSet<&str> =
            proposals.iter().map(|p| p.person.as_str()).collect();
        let unplaced = state
            .people
            .keys()
            .filter(|id| !c.absent.contains_key(*id) && !proposed.contains(id.as_str()))
            .cloned()
            .collect();
        let avoided = proposals
            .iter()
            .filter_map(|p| self.meta.roster.people.get(&p.person))
            .map(|f| f.redundancy_pay)
            .sum();
        let event = Event::RoundProposed(RoundProposed {
            round: state.rounds + 1,
            policy: scenario.policy.name.clone(),
            pool: count(pool, "people in the pool")?,
            open_posts,
            proposals,
            unplaced,
            redundancy_pay_avoided: avoided,
        });
        let (record, _) = self.record_in_transaction(stamp, event, None)?;
        Ok(Proposed {
            scenario,
            round,
            record,
            constraints: c,
        })
    }

    /// Checks the whole exercise: the stored files against their checksums and the genesis
    /// hash, every event's hash and link, the replay of every event, the cached state against
    /// the replay, and the state's invariants.
    ///
    /// # Errors
    /// Only when the ledger cannot be read at all; everything else is a problem in the result.
    pub fn verify(&self) -> Result<Verification, Error> {
        let mut problems = Vec::new();
        let files = self.ledger.files()?;
        for file in &files {
            let actual = sha256_hex(&file.bytes);
            if actual != file.sha256 {
                problems.push(format!(
                    "stored file `{}` has changed: its checksum is {actual}, {} was recorded",
                    file.path, file.sha256
                ));
            }
        }
        if self.meta.compute_genesis(&files) != self.meta.genesis {
            problems.push("the stored scenario, rules or roster differ from those the exercise was created with (genesis hash)".to_string());
        }
        let events = self.ledger.events()?;
        let mut previous = self.meta.genesis.clone();
        for (index, record) in events.iter().enumerate() {
            let expected = index as u64 + 1;
            if record.seq != expected {
                problems.push(format!(
                    "event {expected} is missing (found event {} in its place)",
                    record.seq
                ));
            }
            if record.prev_hash != previous {
                problems.push(format!(
                    "event {}: does not follow event {} (hash chain broken)",
                    record.seq,
                    record.seq.saturating_sub(1)
                ));
            }
            if record.compute_hash() != record.hash {
                problems.push(format!(
                    "event {}: its content has been changed since it was recorded (hash mismatch)",
                    record.seq
                ));
            }
            previous = record.hash.clone();
        }
        let mut state = State::new(&self.meta.roster);
        let mut replayed = true;
        for record in &events {
            if let Err(err) = state.apply(&self.meta.roster, &self.meta.rules, record) {
                problems.push(format!("event {} does not replay: {err}", record.seq));
                replayed = false;
                break;
            }
        }
        if replayed {
            problems.extend(state.invariant_problems());
            match self.ledger.cached_state()? {
                Some((seq, json)) => {
                    let replay = serde_json::to_string(&state).unwrap_or_default();
                    if seq != state.seq || json != replay {
                        problems.push(format!(
                            "the cached state (at event {seq}) differs from the replay of the {} events",
                            events.len()
                        ));
                    }
                }
                None if !events.is_empty() => {
                    problems.push("the cached state is missing".to_string())
                }
                None => {}
            }
        }
        Ok(Verification {
            events: events.len() as u64,
            head: events.last().map(|r| r.hash.clone()),
            problems,
        })
    }
}
/// A count of records as an event stores it; more than a `u32` can number is refused (the
/// engine refuses such a scenario too), never stored as another count.
fn count(len: usize, what: &str) -> Result<u32, Error> {
    u32::try_from(len).map_err(|_| {
        Error::Scenario(redeploy_model::Error::Records(format!(
            "{len} {what}; at most {} are supported",
            u32::MAX
        )))
    })
}
