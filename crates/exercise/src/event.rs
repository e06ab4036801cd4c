//! The events of an exercise and the hash chain that seals them.
//!
//! This module owns what one entry of the ledger says ([`Event`]), the record around it
//! ([`EventRecord`]: sequence number, effective date, who recorded it, when, with which
//! version of the tool, the SHA-256 of any file it read) and the chain: each record's hash is
//! the SHA-256 of its canonical serialisation (JSON, fields in a fixed order, no whitespace),
//! which includes the previous record's hash. Changing, inserting or removing a record in the
//! middle of the ledger breaks every later hash.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The hex SHA-256 of `bytes` (the model's, used for the scenario's input files too).
///
/// ```
/// assert_eq!(
///     redeploy_exercise::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub use redeploy_model::sha256_hex;

/// How a person left the exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftHow {
    /// Voluntary redundancy approved.
    Vr,
    /// Resigned.
    Resigned,
    /// Retired.
    Retired,
    /// Dismissed for redundancy at the end of notice.
    Dismissed,
}

impl LeftHow {
    /// The name used on the command line and in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            LeftHow::Vr => "vr",
            LeftHow::Resigned => "resigned",
            LeftHow::Retired => "retired",
            LeftHow::Dismissed => "dismissed",
        }
    }
}

/// Who ended a trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndedBy {
    /// The employee.
    Employee,
    /// The employer.
    Employer,
}

impl EndedBy {
    /// The name used on the command line and in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            EndedBy::Employee => "employee",
            EndedBy::Employer => "employer",
        }
    }
}

/// One pair a round proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Person id.
    pub person: String,
    /// Vacancy id.
    pub vacancy: String,
    /// The ring-fence tier (or `pinned`).
    pub tier: String,
    /// Whether the person had statutory priority on the round date.
    pub priority: bool,
}

/// A match round on the pool, recorded as proposals (offers to be made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundProposed {
    /// Round number, from 1.
    pub round: u32,
    /// The policy applied.
    pub policy: String,
    /// People in the pool.
    pub pool: u32,
    /// Posts open to the round.
    pub open_posts: u32,
    /// The pairs proposed, by person id.
    pub proposals: Vec<Proposal>,
    /// People in the pool the round could not place, by id.
    pub unplaced: Vec<String>,
    /// Redundancy pay the proposals would avoid, pence.
    pub redundancy_pay_avoided: i64,
}

/// A vacancy added during the exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedVacancy {
    /// Vacancy id.
    pub id: String,
    /// Employer id.
    pub employer: String,
    /// Posts.
    pub posts: u32,
}

/// A retraining extension of a trial, agreed in writing before the start (ERA s138(3)–(6)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retraining {
    /// The date the written agreement was made.
    pub agreed_on: NaiveDate,
    /// The trial's last day as agreed.
    pub end: NaiveDate,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    /// The exercise was created from a scenario.
    Opened {
        /// Scenario name.
        scenario: String,
        /// Policy name.
        policy: String,
        /// People at risk.
        people: u32,
        /// Posts in the scenario's vacancies.
        posts: u32,
    },
    /// A match round proposed pairs.
    RoundProposed(RoundProposed),
    /// A proposed post was offered.
    OfferMade {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
    },
    /// The person accepted the offer.
    OfferAccepted {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
    },
    /// The person refused the offer; the employer's two separate judgements are recorded.
    OfferRefused {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
        /// The reason given.
        reason: String,
        /// The employer's judgement: is the post objectively suitable?
        objectively_suitable: bool,
        /// The employer's judgement: was the refusal reasonable, from the employee's view?
        refusal_reasonable: bool,
    },
    /// A trial in the new post started on the effective date.
    TrialStarted {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
        /// The trial's last day.
        end: NaiveDate,
        /// The retraining extension, if one was agreed before the start.
        retraining: Option<Retraining>,
    },
    /// The person stays in the new post (after a trial, or directly after accepting).
    Confirmed {
        /// Person id.
        person: String,
    },
    /// The trial failed; the person is back in the pool.
    TrialFailed {
        /// Person id.
        person: String,
        /// Who ended it.
        ended_by: EndedBy,
        /// The reason given.
        reason: String,
        /// When the employee ended it: the employer's judgement of whether the post was
        /// objectively suitable.
        objectively_suitable: Option<bool>,
        /// When the employee ended it: the employer's judgement of whether ending it was
        /// reasonable.
        ending_reasonable: Option<bool>,
    },
    /// Notice of dismissal served on the effective date.
    NoticeServed {
        /// Person id.
        person: String,
        /// The contract's last day.
        contract_end: NaiveDate,
    },
    /// The person left.
    Left {
        /// Person id.
        person: String,
        /// How.
        how: LeftHow,
    },
    /// Vacancies added from a CSV file in the scenario's vacancy format.
    VacanciesAdded {
        /// The file's name as given.
        file: String,
        /// The file's text, kept so the exercise stays self-contained.
        csv: String,
        /// The vacancies it adds.
        vacancies: Vec<AddedVacancy>,
    },
    /// A vacancy's open posts withdrawn.
    VacancyWithdrawn {
        /// Vacancy id.
        vacancy: String,
        /// Why.
        reason: String,
    },
    /// Posts of a vacancy filled outside the exercise.
    FilledOutside {
        /// Vacancy id.
        vacancy: String,
        /// Posts filled.
        posts: u32,
        /// A person of the exercise who left and was re-employed in it, if so.
        person: Option<String>,
    },
    /// A pair to be placed first in the next rounds.
    Pinned {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
        /// Why.
        reason: String,
    },
    /// A pair never to be proposed.
    Excluded {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
        /// Why.
        reason: String,
    },
    /// A vacancy held: no one is matched to it until released.
    Held {
        /// Vacancy id.
        vacancy: String,
        /// Why.
        reason: String,
    },
    /// A hold released.
    Released {
        /// Vacancy id.
        vacancy: String,
        /// Why.
        reason: String,
    },
}

impl Event {
    /// The event's kind, as listed in `history`.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Opened { .. } => "opened",
            Event::RoundProposed(_) => "round-proposed",
            Event::OfferMade { .. } => "offer-made",
            Event::OfferAccepted { .. } => "offer-accepted",
            Event::OfferRefused { .. } => "offer-refused",
            Event::TrialStarted { .. } => "trial-started",
            Event::Confirmed { .. } => "confirmed",
            Event::TrialFailed { .. } => "trial-failed",
            Event::NoticeServed { .. } => "notice-served",
            Event::Left { .. } => "left",
            Event::VacanciesAdded { .. } => "vacancies-added",
            Event::VacancyWithdrawn { .. } => "vacancy-withdrawn",
            Event::FilledOutside { .. } => "filled-outside",
            Event::Pinned { .. } => "pinned",
            Event::Excluded { .. } => "excluded",
            Event::Held { .. } => "held",
            Event::Released { .. } => "released",
        }
    }

    /// The person the event is about, if one.
    pub fn person(&self) -> Option<&str> {
        match self {
            Event::OfferMade { person, .. }
            | Event::OfferAccepted { person, .. }
            | Event::OfferRefused { person, .. }
            | Event::TrialStarted { person, .. }
            | Event::Confirmed { person }
            | Event::TrialFailed { person, .. }
            | Event::NoticeServed { person, .. }
            | Event::Left { person, .. }
            | Event::Pinned { person, .. }
            | Event::Excluded { person, .. } => Some(person),
            Event::FilledOutside { person, .. } => person.as_deref(),
            _ => None,
        }
    }

    /// The vacancy the event is about, if one.
    pub fn vacancy(&self) -> Option<&str> {
        match self {
            Event::OfferMade { vacancy, .. }
            | Event::OfferAccepted { vacancy, .. }
            | Event::OfferRefused { vacancy, .. }
            | Event::TrialStarted { vacancy, .. }
            | Event::VacancyWithdrawn { vacancy, .. }
            | Event::FilledOutside { vacancy, .. }
            | Event::Pinned { vacancy, .. }
            | Event::Excluded { vacancy, .. }
            | Event::Held { vacancy, .. }
            | Event::Released { vacancy, .. } => Some(vacancy),
            _ => None,
        }
    }

    /// Whether the event touches `person` (a round touches everyone it proposed or left
    /// unplaced).
    pub fn touches_person(&self, id: &str) -> bool {
        match self {
            Event::RoundProposed(round) => {
                round.proposals.iter().any(|p| p.person == id)
                    || round.unplaced.iter().any(|p| p == id)
            }
            _ => self.person() == Some(id),
        }
    }

    /// Whether the event touches `vacancy`.
    pub fn touches_vacancy(&self, id: &str) -> bool {
        match self {
            Event::RoundProposed(round) => round.proposals.iter().any(|p| p.vacancy == id),
            Event::VacanciesAdded { vacancies, .. } => vacancies.iter().any(|v| v.id == id),
            _ => self.vacancy() == Some(id),
        }
    }
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Sequence number, from 1, without gaps.
    pub seq: u64,
    /// The date the event takes effect.
    pub effective: NaiveDate,
    /// When it was recorded (UTC, RFC 3339, seconds).
    pub recorded_at: String,
    /// Who recorded it (`--by`).
    pub recorded_by: String,
    /// The version of redeploy that recorded it.
    pub tool_version: String,
    /// SHA-256 of the file the event read, if any.
    pub input_sha256: Option<String>,
    /// What happened.
    pub event: Event,
    /// The previous record's hash (the exercise's genesis hash for the first).
    pub prev_hash: String,
    /// SHA-256 of this record's canonical serialisation.
    pub hash: String,
}

/// The hashed part of a record, in its canonical field order.
#[derive(Serialize)]
struct Hashed<'a> {
    seq: u64,
    effective: NaiveDate,
    recorded_at: &'a str,
    recorded_by: &'a str,
    tool_version: &'a str,
    input_sha256: Option<&'a str>,
    event: &'a Event,
    prev_hash: &'a str,
}

impl EventRecord {
    /// The hash this record should carry.
    pub fn compute_hash(&self) -> String {
        let hashed = Hashed {
            seq: self.seq,
            effective: self.effective,
            recorded_at: &self.recorded_at,
            recorded_by: &self.recorded_by,
            tool_version: &self.tool_version,
            input_sha256: self.input_sha256.as_deref(),
            event: &self.event,
            prev_hash: &self.prev_hash,
        };
        // Serialising plain data with string keys cannot fail.
        let canonical = serde_json::to_vec(&hashed).unwrap_or_default();
        sha256_hex(&canonical)
    }

    /// Fills in `hash` from the other fields.
    pub fn seal(mut self) -> EventRecord {
        self.hash = self.compute_hash();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(person: &str) -> EventRecord {
        EventRecord {
            seq: 1,
            effective: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            recorded_at: "2025-10-01T09:00:00Z".into(),
            recorded_by: "hr".into(),
            tool_version: "0.1.0".into(),
            input_sha256: None,
            event: Event::Confirmed {
                person: person.into(),
            },
            prev_hash: "0".repeat(64),
            hash: String::new(),
        }
        .seal()
    }

    #[test]
    fn any_change_to_a_record_changes_its_hash() {
        let a = record("P1");
        assert_eq!(a.hash, a.compute_hash());
        assert_ne!(a.hash, record("P2").hash);
        let mut later = a.clone();
        later.effective = NaiveDate::from_ymd_opt(2025, 10, 2).unwrap();
        assert_ne!(later.compute_hash(), a.hash);
    }

    #[test]
    fn records_round_trip_through_json() {
        let a = record("P1");
        let text = serde_json::to_string(&a).unwrap();
        let back: EventRecord = serde_json::from_str(&text).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.compute_hash(), a.hash);
    }
}
