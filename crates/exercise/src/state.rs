//! Where every person and post stands: the state the events replay to.
//!
//! This module owns the [`State`] and its records. The state is a pure function of the roster
//! and the events ([`State::replay`]); `apply.rs` owns each event's checks and effect. A
//! person's stage and a vacancy's posts move as drawn in `docs/exercise.md`:
//!
//! ```text
//!   at-risk ──round──▶ proposed ──offer──▶ offered ──accept──▶ accepted ──trial──▶ in-trial
//!      ▲   ◀─next round─┘                    │                    │                 │
//!      │                                     │ refuse             │ confirm         │ confirm
//!      ├─────────────────────────────────────┘                    ▼                 ▼
//!      │◀──────────────────── trial failed ─────────────────── placed ◀────────────┘
//!   any stage but placed ──left (vr, resigned, retired, dismissed)──▶ left
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::event::{EventRecord, LeftHow};
use crate::roster::Roster;
use crate::{Error, ExerciseRules};

/// Where a person stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Stage {
    /// At risk and in the pool.
    AtRisk,
    /// Proposed a post by a round, not yet offered (lapses at the next round).
    Proposed {
        /// Round number.
        round: u32,
        /// Vacancy id.
        vacancy: String,
    },
    /// Holding an offer awaiting an answer.
    Offered {
        /// Round number the proposal came from.
        round: u32,
        /// Vacancy id.
        vacancy: String,
        /// When the offer was made.
        on: NaiveDate,
    },
    /// Accepted, not yet started.
    Accepted {
        /// Vacancy id.
        vacancy: String,
        /// When accepted.
        on: NaiveDate,
    },
    /// In a trial in the new post.
    InTrial {
        /// Vacancy id.
        vacancy: String,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// Whether the trial was extended for retraining.
        retraining: bool,
    },
    /// Redeployed into the post.
    Placed {
        /// Vacancy id.
        vacancy: String,
        /// When confirmed.
        on: NaiveDate,
    },
    /// Left the exercise.
    Left {
        /// How.
        how: LeftHow,
        /// When.
        on: NaiveDate,
    },
}

impl Stage {
    /// The stage's name, as `status` counts it.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::AtRisk => "at-risk",
            Stage::Proposed { .. } => "proposed",
            Stage::Offered { .. } => "offered",
            Stage::Accepted { .. } => "accepted",
            Stage::InTrial { .. } => "in-trial",
            Stage::Placed { .. } => "placed",
            Stage::Left { .. } => "left",
        }
    }

    /// Every stage name, in the order of the state machine.
    pub const NAMES: [&'static str; 7] = [
        "at-risk", "proposed", "offered", "accepted", "in-trial", "placed", "left",
    ];

    /// The post the person holds (offered, accepted, in a trial or placed), if any.
    pub fn holds(&self) -> Option<&str> {
        match self {
            Stage::Offered { vacancy, .. }
            | Stage::Accepted { vacancy, .. }
            | Stage::InTrial { vacancy, .. }
            | Stage::Placed { vacancy, .. } => Some(vacancy),
            _ => None,
        }
    }

    /// Whether the person takes part in the next round's pool (contract dates aside).
    pub fn in_pool(&self) -> bool {
        matches!(self, Stage::AtRisk | Stage::Proposed { .. })
    }
}

/// Notice of dismissal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// When served.
    pub served: NaiveDate,
    /// The contract's last day.
    pub contract_end: NaiveDate,
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// A suitable offer refused unreasonably (ERA s141).
    UnreasonableRefusal,
    /// A suitable trial ended unreasonably by the employee (ERA s141(4)).
    TrialEndedUnreasonably,
    /// Re-employed by an NHS employer within the forfeiture window (domain rule 22).
    ReemployedWithinWindow,
    /// Re-employed within the VR clawback window (domain rule 24).
    VrClawback,
}

/// A warning for HR: a decision the tool flags and never makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// What it is about.
    pub kind: FlagKind,
    /// The event that raised it.
    pub seq: u64,
    /// Its date.
    pub on: NaiveDate,
    /// The warning, in words.
    pub text: String,
}

/// One person's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonState {
    /// Where they stand.
    #[serde(flatten)]
    pub stage: Stage,
    /// Notice of dismissal, once served.
    pub notice: Option<Notice>,
    /// Warnings raised.
    pub flags: Vec<Flag>,
}

/// One vacancy's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyState {
    /// Employer id.
    pub employer: String,
    /// Posts it has.
    pub posts: u32,
    /// Posts withdrawn.
    pub withdrawn: u32,
    /// Posts filled outside the exercise.
    pub filled_outside: u32,
    /// People holding one of its posts (offered, accepted, in a trial or placed).
    pub holders: BTreeSet<String>,
    /// The hold on it, if any.
    pub held: Option<String>,
    /// The event that added it, for vacancies added during the exercise.
    pub added_by: Option<u64>,
}

impl VacancyState {
    /// Posts open: neither withdrawn, filled outside nor held by anyone.
    pub fn open(&self) -> u32 {
        self.posts
            .saturating_sub(self.withdrawn)
            .saturating_sub(self.filled_outside)
            .saturating_sub(u32::try_from(self.holders.len()).unwrap_or(u32::MAX))
    }
}

/// The whole exercise's state after some events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The last event applied (0 before any).
    pub seq: u64,
    /// Its effective date.
    pub date: Option<NaiveDate>,
    /// Rounds proposed so far.
    pub rounds: u32,
    /// People, by id.
    pub people: BTreeMap<String, PersonState>,
    /// Vacancies, by id.
    pub vacancies: BTreeMap<String, VacancyState>,
    /// Pinned pairs: person id → vacancy id → reason.
    pub pinned: BTreeMap<String, BTreeMap<String, String>>,
    /// Excluded (or refused) pairs: person id → vacancy id → reason.
    pub excluded: BTreeMap<String, BTreeMap<String, String>>,
}

impl State {
    /// The state before any event: everyone at risk, every post open.
    pub fn new(roster: &Roster) -> State {
        let people = roster
            .people
            .keys()
            .map(|id| {
                let person = PersonState {
                    stage: Stage::AtRisk,
                    notice: None,
                    flags: Vec::new(),
                };
                (id.clone(), person)
            })
            .collect();
        let vacancies = roster
            .vacancies
            .iter()
            .map(|(id, facts)| {
                let vacancy = VacancyState {
                    employer: facts.employer.clone(),
                    posts: facts.posts,
                    withdrawn: 0,
                    filled_outside: 0,
                    holders: BTreeSet::new(),
                    held: None,
                    added_by: None,
                };
                (id.clone(), vacancy)
            })
            .collect();
        State {
            seq: 0,
            date: None,
            rounds: 0,
            people,
            vacancies,
            pinned: BTreeMap::new(),
            excluded: BTreeMap::new(),
        }
    }

    /// The state the `events` replay to, checking each one.
    ///
    /// # Errors
    ///
    /// [`Error::Contradicts`] at the first event that does not fit the state before it.
    pub fn replay<'a>(
        roster: &Roster,
        rules: &ExerciseRules,
        events: impl IntoIterator<Item = &'a EventRecord>,
    ) -> Result<State, Error> {
        let mut state = State::new(roster);
        for record in events {
            state.apply(roster, rules, record)?;
        }
        Ok(state)
    }

    /// The people whose stage has the name `stage`, in id order.
    pub fn people_in(&self, stage: &str) -> impl Iterator<Item = (&String, &PersonState)> {
        self.people
            .iter()
            .filter(move |(_, person)| person.stage.name() == stage)
    }

    /// How many people are at each stage, in [`Stage::NAMES`] order.
    pub fn counts(&self) -> Vec<(&'static str, u32)> {
        Stage::NAMES
            .iter()
            .map(|name| {
                let count = self.people_in(name).count();
                (*name, u32::try_from(count).unwrap_or(u32::MAX))
            })
            .collect()
    }

    /// Every broken invariant, in words (none in a state reached by [`State::apply`]): each
    /// post is held by at most one person, each person holds at most one post, and a
    /// vacancy's holders are exactly the people whose stage names it.
    pub fn invariant_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut holders: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (id, person) in &self.people {
            if let Some(vacancy) = person.stage.holds() {
                holders.entry(vacancy).or_default().insert(id.clone());
            }
        }
        for (id, vacancy) in &self.vacancies {
            let taken = vacancy.withdrawn + vacancy.filled_outside;
            let held = u32::try_from(vacancy.holders.len()).unwrap_or(u32::MAX);
            if taken.saturating_add(held) > vacancy.posts {
                problems.push(format!(
                    "vacancy {id}: {held} people hold posts, {taken} posts withdrawn or filled outside, of {} posts",
                    vacancy.posts
                ));
            }
            let expected = holders.remove(id.as_str()).unwrap_or_default();
            if expected != vacancy.holders {
                problems.push(format!(
                    "vacancy {id}: holders {:?} but people's stages name {:?}",
                    vacancy.holders, expected
                ));
            }
        }
        for (vacancy, people) in holders {
            problems.push(format!("{people:?} hold unknown vacancy {vacancy}"));
        }
        problems
    }
}
