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

use std::sync::Arc;

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
    Replay(Box<Replay<'r>>),
}

/// A replay under way; see [`Stages::Replay`].
pub(crate) struct Replay<'r> {
    /// The recorded stages, in the order the tier loop runs them.
    recorded: &'r [StageRecord],
    /// Slotting-in replayed for every employer but one, when the rerun changes only that
    /// employer's vacancies.
    slotting: Option<SlottingReplay<'r>>,
    /// The people of each scope unit of each tier.
    units: &'r UnitPeople,
    /// The stage under way.
    next: usize,
    /// Units of the stage under way left out: each stands as recorded.
    clean: Vec<bool>,
    /// The people the rerun decides, while the stage under way reads only those of the units
    /// it builds (to restore at its end).
    all_people: Option<Arc<[PersonIx]>>,
    /// The people and vacancies whose state may differ from the recorded round's at the stage
    /// under way (see [`Stages::begin`]); `None` before the first stage.
    suspects: Option<(Vec<PersonIx>, Vec<VacancyIx>)>,
    /// What was solved and reused.
    counts: Replayed,
}

/// The people of each scope unit of each tier, in scenario order: what a replayed stage reads
/// instead of every person of the rerun.
pub(crate) struct UnitPeople {
    /// By tier (`Tier as usize`), by unit position.
    by_tier: [Vec<Vec<PersonIx>>; 3],
}

impl UnitPeople {
    /// Every person of `index`, by unit of each tier.
    pub fn new(index: &RoundIndex<'_>) -> UnitPeople {
        let of = |tier: Tier| {
            let mut units = vec![Vec::new(); index.unit_count(tier)];
            for (person, entry) in index.people.iter_ids() {
                units[index.unit_of_employer(tier, entry.employer).position()].push(person);
            }
            units
        };
        UnitPeople {
            by_tier: [of(Tier::Employer), of(Tier::Footprint), of(Tier::Region)],
        }
    }
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
    /// Replay of `recorded` (whose people by unit are `units`), and of slotting-in as
    /// `slotting` says.
    pub fn replay(
        recorded: &'r [StageRecord],
        units: &'r UnitPeople,
        slotting: Option<SlottingReplay<'r>>,
    ) -> Stages<'r> {
        Stages::Replay(Box::new(Replay {
            recorded,
            slotting,
            units,
            next: 0,
            clean: Vec::new(),
            all_people: None,
            suspects: None,
            counts: Replayed::default(),
        }))
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
            Stages::Replay(replay) => replay.slotting,
            _ => None,
        }
    }

    /// What a replay solved and reused.
    pub fn counts(&self) -> Replayed {
        match self {
            Stages::Replay(replay) => replay.counts,
            Stages::Count(counts) => *counts,
            Stages::Off | Stages::Record(_) => Replayed::default(),
        }
    }

    /// At the start of a stage, before its problems are built: records where the pool stands,
    /// or, in a replay, leaves out every unit that stands as recorded (the stage reads only the
    /// people of the other units, so no problem is built for it).
    ///
    /// A unit stands as recorded when each of its people is placed or not as in the recorded
    /// round and each of its vacancies has the recorded places left. At the first stage every
    /// person and vacancy of the rerun is compared; the ones that differ are the *suspects*.
    /// After it, a person's or vacancy's state can come to differ only through a unit that was
    /// not left out (a left-out unit places exactly the recorded people in the recorded
    /// vacancies), so [`Stages::end`] adds to the suspects everyone and every vacancy such a
    /// unit decides, now or in the recorded round, and later stages compare the suspects only.
    pub fn begin(&mut self, index: &RoundIndex<'_>, pool: &mut Pool, stage: Stage) {
        match self {
            Stages::Off | Stages::Count(_) => {}
            Stages::Record(records) => records.push(StageRecord {
                placed: pool.placed.map(Option::is_some),
                capacity: pool.capacity.clone(),
                problems: Vec::new(),
                decided: Vec::new(),
            }),
            Stages::Replay(replay) => replay.begin(index, pool, stage),
        }
    }

    /// At the end of a stage, with the problems it built and what it decided for each person
    /// (`decided`, by unit): records them, or, in a replay, gives the stage back every person
    /// of the rerun and adds the recorded decisions of the units left out to `decided`.
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
            Stages::Replay(replay) => replay.end(pool, problems, decided),
        }
    }
}

impl Replay<'_> {
    fn begin(&mut self, index: &RoundIndex<'_>, pool: &mut Pool, stage: Stage) {
        self.clean.clear();
        let Some(record) = self.recorded.get(self.next) else {
            return;
        };
        let tier = stage.tier;
        let unit = |employer| index.unit_of_employer(tier, employer).position();
        let mut dirty = vec![false; index.unit_count(tier)];
        match &mut self.suspects {
            None => {
                let (mut people, mut vacancies) = (Vec::new(), Vec::new());
                for &person in pool.people.iter() {
                    if pool.placed[person].is_some() != record.placed[person] {
                        dirty[unit(index.people[person].employer)] = true;
                        people.push(person);
                    }
                }
                for &vacancy in pool.vacancies.iter() {
                    if pool.capacity[vacancy] != record.capacity[vacancy] {
                        dirty[unit(index.vacancies[vacancy].terms.employer)] = true;
                        vacancies.push(vacancy);
                    }
                }
                self.suspects = Some((people, vacancies));
            }
            Some((people, vacancies)) => {
                for &person in people.iter() {
                    if pool.placed[person].is_some() != record.placed[person] {
                        dirty[unit(index.people[person].employer)] = true;
                    }
                }
                for &vacancy in vacancies.iter() {
                    if pool.capacity[vacancy] != record.capacity[vacancy] {
                        dirty[unit(index.vacancies[vacancy].terms.employer)] = true;
                    }
                }
            }
        }
        // A unit takes part when its people are decided in this rerun (not frozen); it is
        // left out when it takes part and stands as recorded.
        let units = &self.units.by_tier[tier as usize];
        let mut read: Vec<PersonIx> = Vec::new();
        self.clean
            .extend(units.iter().zip(&dirty).map(|(people, &dirty)| {
                let active = people.first().is_some_and(|&first| !pool.frozen[first]);
                if active && dirty {
                    read.extend_from_slice(people);
                }
                active && !dirty
            }));
        self.all_people = Some(std::mem::replace(&mut pool.people, read.into()));
    }

    fn end(
        &mut self,
        pool: &mut Pool,
        problems: &[(ScopeUnit, TierProblem)],
        decided: &mut Vec<(ScopeUnit, PersonIx, Placed)>,
    ) {
        if let Some(people) = self.all_people.take() {
            pool.people = people;
        }
        for (_, problem) in problems {
            self.counts.solved += 1;
            self.counts.solved_rows += count_rows(problem);
        }
        if let Some(record) = self.recorded.get(self.next) {
            let clean = &self.clean;
            let kept = |unit: &ScopeUnit| clean.get(unit.position()).copied() == Some(true);
            for (_, rows) in record.problems.iter().filter(|(unit, _)| kept(unit)) {
                self.counts.reused += 1;
                self.counts.reused_rows += rows;
            }
            let (people, vacancies) = self.suspects.get_or_insert_with(Default::default);
            for &(_, person, placed) in decided.iter() {
                people.push(person);
                vacancies.push(placed.vacancy);
            }
            for &(unit, person, placed) in &record.decided {
                if pool.frozen[person] {
                    continue;
                }
                if kept(&unit) {
                    decided.push((unit, person, placed));
                } else {
                    people.push(person);
                    vacancies.push(placed.vacancy);
                }
            }
        }
        self.next += 1;
        self.clean.clear();
    }
}

/// A problem's rows, as a count.
fn count_rows(problem: &TierProblem) -> u32 {
    crate::index::count(problem.rows())
}
