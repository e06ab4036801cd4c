//! A round's stages recorded, and replayed where a rerun meets the same problem.
//!
//! This module owns [`Stages`]: how the tier loop (`tiers.rs`, `own_staff.rs`) records what
//! each stage of a prepared round started from and decided, and how a round decided again with
//! a vacancy withdrawn (`rerun.rs`) takes the recorded answer of every scope unit whose problem
//! is the recorded one, instead of building and solving it. A *stage* is one employer step or
//! one pass of the tier loop; its *units* are the scope units it solves each on its own
//! (employers with their associates for an employer step, the pass's tier's units for a pass).
//!
//! # Why a replayed answer is exact
//!
//! A unit's problem at a stage (its rows, columns with places left, costs, solver classes,
//! tie-break keys, order) is built from the eligibility table rows of the unit's people that
//! are not yet placed and the places left in the unit's vacancies (pairs never cross units),
//! and, for a pass wider than the employer, from the employer step's answers and reserved places
//! inside the unit (employer groups never cross footprints). So when, at the start of a stage,
//! every person of the unit is placed or not as in the recorded round, every vacancy of the unit
//! has the recorded places left, and the table is the recorded one (a withdrawal changes only
//! capacities), the unit's problem is the recorded problem, and since every matching rule is a
//! deterministic function of its problem, its answer is the recorded answer. Replay checks
//! exactly this, person by person and vacancy by vacancy ([`Stages::begin`]); a unit that
//! differs in anything is built and solved as in a whole round. A property test in
//! `redeploy-whatif` compares every withdrawal with a whole round run on the changed inputs.

use redeploy_model::{EmployerIx, IxVec, PersonIx, Tier, VacancyIx};

use crate::index::{RoundIndex, ScopeUnit};
use crate::rules::TierProblem;
use crate::tiers::{Placed, Pool};

/// One stage of a recorded round: what it started from, and what each unit decided.
pub(crate) struct StageRecord {
    /// Whether each person was placed when the stage began.
    placed: IxVec<PersonIx, bool>,
    /// Places left in each vacancy when the stage began.
    capacity: IxVec<VacancyIx, u32>,
    /// Each unit with a problem at the stage, and its rows.
    problems: Vec<(ScopeUnit, u32)>,
    /// What the stage decided for each person it placed (an employer step: where it would
    /// place them; a pass: where it placed them), with the person's unit.
    decided: Vec<(ScopeUnit, PersonIx, Placed)>,
}

/// How much of a rerun's tier problems were solved, and how many taken from the recorded round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Replayed {
    /// Problems built and solved.
    pub solved: u32,
    /// Rows of the problems solved.
    pub solved_rows: u32,
    /// Problems whose recorded answer was taken.
    pub reused: u32,
    /// Rows of the problems reused.
    pub reused_rows: u32,
}

/// What the tier loop does with its stages.
pub(crate) enum Stages<'r> {
    /// Solve every problem; keep nothing.
    Off,
    /// Solve every problem; count them.
    Count(Replayed),
    /// Solve every problem and record each stage.
    Record(Vec<StageRecord>),
    /// Take the recorded answer of each unit that meets the recorded problem; solve the rest.
    Replay {
        /// The recorded stages, in the order the tier loop runs them.
        recorded: &'r [StageRecord],
        /// Slotting-in replayed for every employer but one, when the rerun changes only that
        /// employer's vacancies.
        slotting: Option<SlottingReplay<'r>>,
        /// The stage under way.
        next: usize,
        /// Units of the stage under way left out: each stands as recorded.
        clean: Vec<bool>,
        /// People frozen for the stage under way (to thaw at its end).
        thawed: Vec<PersonIx>,
        /// What was solved and reused.
        counts: Replayed,
    },
}

/// Slotting-in as recorded, for a rerun that changes the vacancies of one employer only.
///
/// Slotting-in pairs a person only with vacancies of their own employer (`slotting.rs`), and
/// reads only the places left in those vacancies and the person's own row of the table. Before
/// slotting-in, a withdrawal changes the pool only in the withdrawn vacancy's places (the pins
/// are the recorded ones), so every person of another employer makes the recorded choice, every
/// vacancy of another employer has the recorded candidates, and the recorded outcome stands for
/// them: only the people of `employer` slot in again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlottingReplay<'r> {
    /// The one employer whose vacancies changed.
    pub employer: EmployerIx,
    /// Everyone the recorded round slotted in, with their vacancy, in scenario order.
    pub recorded: &'r [(PersonIx, Placed)],
}

/// The stage a tier loop is in: its tier (whose units split it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stage {
    pub tier: Tier,
}

impl<'r> Stages<'r> {
    /// Replay of `recorded`, and of slotting-in as `slotting` says.
    pub fn replay(recorded: &'r [StageRecord], slotting: Option<SlottingReplay<'r>>) -> Stages<'r> {
        Stages::Replay {
            recorded,
            slotting,
            next: 0,
            clean: Vec::new(),
            thawed: Vec::new(),
            counts: Replayed::default(),
        }
    }

    /// The recorded stages (empty unless recording).
    pub fn into_records(self) -> Vec<StageRecord> {
        match self {
            Stages::Record(records) => records,
            _ => Vec::new(),
        }
    }

    /// Slotting-in to replay, if any.
    pub fn slotting(&self) -> Option<SlottingReplay<'r>> {
        match self {
            Stages::Replay { slotting, .. } => *slotting,
            _ => None,
        }
    }

    /// What a replay solved and reused.
    pub fn counts(&self) -> Replayed {
        match self {
            Stages::Replay { counts, .. } | Stages::Count(counts) => *counts,
            Stages::Off | Stages::Record(_) => Replayed::default(),
        }
    }

    /// At the start of a stage, before its problems are built: records where the pool stands,
    /// or, in a replay, freezes the people of every unit that stands as recorded (so no problem
    /// is built for them).
    pub fn begin(&mut self, index: &RoundIndex<'_>, pool: &mut Pool, stage: Stage) {
        match self {
            Stages::Off | Stages::Count(_) => {}
            Stages::Record(records) => records.push(StageRecord {
                placed: pool.placed.map(Option::is_some),
                capacity: pool.capacity.clone(),
                problems: Vec::new(),
                decided: Vec::new(),
            }),
            Stages::Replay {
                recorded,
                next,
                clean,
                thawed,
                ..
            } => {
                let Some(record) = recorded.get(*next) else {
                    clean.clear();
                    return;
                };
                let unit = |employer| index.unit_of_employer(stage.tier, employer).position();
                // A unit is left out when some person of it is decided in this round (not
                // frozen) and everything of it stands as recorded.
                let mut active = vec![false; index.unit_count(stage.tier)];
                clean.clear();
                clean.resize(active.len(), true);
                let people = std::sync::Arc::clone(&pool.people);
                for &person in people.iter() {
                    let entry = &index.people[person];
                    if pool.frozen[person] {
                        continue;
                    }
                    active[unit(entry.employer)] = true;
                    if pool.placed[person].is_some() != record.placed[person] {
                        clean[unit(entry.employer)] = false;
                    }
                }
                for &vacancy in pool.vacancies.iter() {
                    if pool.capacity[vacancy] != record.capacity[vacancy] {
                        clean[unit(index.vacancies[vacancy].terms.employer)] = false;
                    }
                }
                for (clean, active) in clean.iter_mut().zip(active) {
                    *clean &= active;
                }
                thawed.clear();
                for &person in people.iter() {
                    if !pool.frozen[person] && clean[unit(index.people[person].employer)] {
                        pool.frozen[person] = true;
                        thawed.push(person);
                    }
                }
            }
        }
    }

    /// At the end of a stage, with the problems it built and what it decided for each person
    /// (`decided`, by unit): records them, or, in a replay, thaws the people frozen at
    /// [`Stages::begin`] and adds the recorded decisions of the units left out to `decided`.
    pub fn end(
        &mut self,
        pool: &mut Pool,
        problems: &[(ScopeUnit, TierProblem)],
        decided: &mut Vec<(ScopeUnit, PersonIx, Placed)>,
    ) {
        match self {
            Stages::Off => {}
            Stages::Count(counts) => {
                for (_, problem) in problems {
                    counts.solved += 1;
                    counts.solved_rows += count_rows(problem);
                }
            }
            Stages::Record(records) => {
                if let Some(record) = records.last_mut() {
                    record.problems = problems
                        .iter()
                        .map(|(unit, problem)| (*unit, count_rows(problem)))
                        .collect();
                    record.decided = decided.clone();
                }
            }
            Stages::Replay {
                recorded,
                next,
                clean,
                thawed,
                counts,
                ..
            } => {
                for person in thawed.drain(..) {
                    pool.frozen[person] = false;
                }
                for (_, problem) in problems {
                    counts.solved += 1;
                    counts.solved_rows += count_rows(problem);
                }
                if let Some(record) = recorded.get(*next) {
                    let kept = |unit: &ScopeUnit| clean.get(unit.position()).copied() == Some(true);
                    for (_, rows) in record.problems.iter().filter(|(unit, _)| kept(unit)) {
                        counts.reused += 1;
                        counts.reused_rows += rows;
                    }
                    decided.extend(
                        record
                            .decided
                            .iter()
                            .filter(|(unit, person, _)| kept(unit) && !pool.frozen[*person]),
                    );
                }
                *next += 1;
                clean.clear();
            }
        }
    }
}

/// A problem's rows, as a count.
fn count_rows(problem: &TierProblem) -> u32 {
    crate::index::count(problem.rows())
}
