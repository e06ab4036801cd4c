//! The own-employer protection: a solve wider than the employer tier keeps *who* each employer
//! places, not *where*.
//!
//! This module owns the rule. Before a solve wider than the employer (each `weighted` solve; a
//! sequential tier grouped by footprint or region) the matching rule is run on each employer's
//! own vacancies and staff, with statutory priority (the *employer step*, [`employer_step`]). Call
//! its assignment *A*, the people it places *S*, and the places it fills at vacancy *v* `k(v)`.
//! An employer here is, as at the employer tier, an employer with those declared associated
//! with it (`associated_with`): their staff are one another's own staff. Unless
//! `may_displace_own_employer` lifts it, the wider solve then
//!
//! 1. puts everyone in *S* in the guaranteed class, above everyone else, keeping their own
//!    order (statutory priority, then the rest) among themselves, and keeps those with statutory
//!    priority to their own employer's vacancies ([`row_terms`]);
//! 2. reserves the `k(v)` places of each vacancy *v* for its employer's own staff: people of
//!    other employers may take only its other places ([`split`]);
//! 3. completes the rule's assignment ([`keep`]): a person of *S* whose vacancy *v* holds fewer
//!    than `k(v)` of its employer's own staff goes back to *v*, and a person of *S* the rule left
//!    unplaced takes *v* (its room, else the place of one of its employer's own staff that *A*
//!    did not put there), until neither happens.
//!
//! **What it guarantees, for every rule and tier mode.** (a) Everyone in *S* is placed;
//! (b) every vacancy *v* holds at least `k(v)` of its employer's own staff, so a person leaves a
//! post their own employer's step gave them only when that post goes to the same employer's own
//! at-risk staff, and nobody is moved off it so that someone elsewhere is placed.
//! *Proof.* Step 3 ends: each action puts a person of *S* on their own *A* vacancy, and moves or
//! unplaces only people not on theirs, so the number of people of *S* on their *A* vacancy rises
//! by one each time, up to `|S|`. Each action has room: a vacancy short of its own staff has a
//! free reserved place (people of other employers fill at most its other places, by 2), and a
//! full vacancy with at least `k(v)` own staff, one of its *A* holders elsewhere, holds an own
//! employee *A* did not put there. When step 3 stops, no vacancy is short and nobody in *S* is
//! unplaced: (a) and (b). Under `optimal`, *A* is feasible in the wider solve, so by 1 the
//! solver places all of *S* itself and step 3 only moves people, never unplaces anyone: the
//! number placed is the solver's maximum under 1 and 2.
//!
//! Statutory priority (regulation 10) stays inside the employer: it orders *S* among itself; a
//! person it applies to is owed their own employer's suitable vacancy before others, so they
//! may move to another of its posts but are never moved away so that a colleague takes theirs;
//! and beyond the employer step a person's priority gives them no place at another employer.
//! Keeping them there leaves *A* feasible, so the proof above holds as written.

use rayon::prelude::*;
use redeploy_model::{IxVec, MatchingRule, PersonIx, Tier, VacancyIx};

use crate::error::Error;
use crate::index::RoundIndex;
use crate::replay::{Stage, Stages};
use crate::round::PlacementRoute;
use crate::rules::{self, RowAssignment, SolverCol, SolverRow, TierProblem};
use crate::table::EligibilityTable;
use crate::tier_problems::{RowTerms, build_problems};
use crate::tiers::{Pass, Placed, Pool};

/// The solver class of a row the employer step placed, before its own class is added: above
/// every class a person has of their own (`RoundIndex::person_class`, at most 2).
const GUARANTEED_CLASS: u8 = 3;

/// What the employer step decided, which the wider solve keeps.
pub(crate) struct OwnStaff {
    /// The vacancy the employer step placed each person at.
    pub step: IxVec<PersonIx, Option<VacancyIx>>,
    /// The places of each vacancy the employer step filled: its employer's own staff only.
    pub reserved: IxVec<VacancyIx, u32>,
}

impl OwnStaff {
    /// The protection of an employer step's placements.
    pub fn new(index: &RoundIndex<'_>, step: IxVec<PersonIx, Option<VacancyIx>>) -> OwnStaff {
        let mut reserved = IxVec::filled(&index.vacancies, 0);
        for vacancy in step.iter().flatten() {
            reserved[*vacancy] += 1;
        }
        OwnStaff { step, reserved }
    }
}

/// Before a pass wider than the employer: where each person's own employer would place them,
/// as its tier would (the same rule on the vacancies of the person's own employer only, with
/// statutory priority). Nothing is placed; the pass uses the outcome to keep statutory priority
/// and the employer's duty to its own staff inside the employer (this module).
pub(crate) fn employer_step(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    rule: MatchingRule,
    pool: &mut Pool,
    pass: Pass,
    stages: &mut Stages<'_>,
) -> Result<OwnStaff, Error> {
    let step_pass = Pass {
        tier: Tier::Employer,
        ..pass
    };
    let own_employer = |person| RowTerms::own_employer(index, person, true);
    stages.begin(
        index,
        pool,
        Stage {
            tier: Tier::Employer,
        },
    );
    let problems = build_problems(index, table, pool, step_pass, &own_employer, None);
    pool.reach(&problems);
    let solved: Vec<Result<RowAssignment, Error>> = problems
        .par_iter()
        .map(|(_, problem)| rules::solve(rule, problem))
        .collect();
    // Where the step would place each person (nothing is placed in the pool).
    let mut decided = Vec::new();
    for ((unit, problem), assignment) in problems.iter().zip(solved) {
        for (row, col) in assignment?.iter_ids() {
            if let Some(col) = *col {
                let placed = Placed {
                    vacancy: problem.vacancy_at(col),
                    tier: pass.position,
                    route: PlacementRoute::Matched,
                };
                decided.push((*unit, problem.person_at(row), placed));
            }
        }
    }
    stages.end(pool, &problems, &mut decided);
    let mut step = IxVec::filled(&index.people, None);
    for (_, person, placed) in decided {
        step[person] = Some(placed.vacancy);
    }
    Ok(OwnStaff::new(index, step))
}

/// The row of a person the employer step placed, in the wider solve: guaranteed, in their own
/// order (statutory priority applies, as at their employer); kept to their own employer's
/// vacancies when statutory priority applies to them there.
pub(crate) fn row_terms(index: &RoundIndex<'_>, person: PersonIx) -> RowTerms {
    RowTerms {
        class: GUARANTEED_CLASS + index.person_class(person, true),
        own_only: priority_applies(index, person),
    }
}

/// Whether statutory priority places the person first at their own employer: they have a
/// ground and the policy puts priority first (`priority.statutory_first`).
pub(crate) fn priority_applies(index: &RoundIndex<'_>, person: PersonIx) -> bool {
    index.person_class(person, true) > index.person_class(person, false)
}

/// One column of a tier problem: a vacancy's places reserved for its employer's own staff, or
/// its places open to everyone the pass pairs with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub vacancy: VacancyIx,
    /// Whether the places are open to everyone (`false`: reserved for the employer's own
    /// staff; a vacancy's reserved column comes first).
    pub open: bool,
    pub places: u32,
}

/// The columns of one vacancy with `places` left, `reserved` of them (at most) kept for its
/// employer's own staff: the kept places first, then the others, each column only if it has a
/// place.
pub(crate) fn split(
    vacancy: VacancyIx,
    places: u32,
    reserved: Option<&IxVec<VacancyIx, u32>>,
) -> impl Iterator<Item = Column> {
    let kept = reserved.map_or(0, |reserved| reserved[vacancy]).min(places);
    let kept_column = Column {
        vacancy,
        open: false,
        places: kept,
    };
    let open_column = Column {
        vacancy,
        open: true,
        places: places - kept,
    };
    [kept_column, open_column]
        .into_iter()
        .filter(|column| column.places > 0)
}

/// Step 3 of the protection (module docs): completes a wider solve's assignment so that
/// everyone the employer step placed is placed and every vacancy keeps its employer step's
/// count of its own staff. Rows that do not move keep their column.
///
/// # Errors
/// [`Error::Inconsistent`] when a person's employer-step vacancy is not a column of the
/// problem, or a completing move finds no room (both defects: the module docs prove neither).
pub(crate) fn keep(
    index: &RoundIndex<'_>,
    problem: &TierProblem,
    assignment: &mut RowAssignment,
    own: &OwnStaff,
) -> Result<(), Error> {
    if problem
        .people
        .iter()
        .all(|&person| own.step[person].is_none())
    {
        return Ok(());
    }
    // The vacancies of the problem, each once, and each column's position among them.
    let mut vacancies: Vec<VacancyIx> = problem.vacancies.clone();
    vacancies.dedup();
    let slot_of = |vacancy: VacancyIx| vacancies.binary_search(&vacancy).ok();
    let slot_of_col: IxVec<SolverCol, usize> = IxVec::new(
        problem
            .vacancies
            .iter()
            .map(|&v| vacancies.partition_point(|&w| w < v))
            .collect(),
    )?;
    let employer_of = |slot: usize| index.vacancies[vacancies[slot]].terms.employer;
    let own_row = |row: SolverRow, slot: usize| {
        index.associated(
            index.people[problem.person_at(row)].employer,
            employer_of(slot),
        )
    };
    // Each row's slot on the employer step, when it has one.
    let mut step_slot: IxVec<SolverRow, Option<usize>> = IxVec::filled(assignment, None);
    for row in problem.row_ids() {
        let person = problem.person_at(row);
        if let Some(vacancy) = own.step[person] {
            step_slot[row] = Some(slot_of(vacancy).ok_or_else(|| {
                Error::Inconsistent(format!(
                    "{person:?}'s employer-step vacancy {vacancy:?} is not in its wider problem"
                ))
            })?);
        }
    }
    let mut load: IxVec<SolverCol, u32> = IxVec::filled(&slot_of_col, 0);
    let mut own_at = vec![0u32; vacancies.len()];
    let mut occupants: Vec<Vec<SolverRow>> = vec![Vec::new(); vacancies.len()];
    for (row, col) in assignment.iter_ids() {
        if let Some(col) = *col {
            let slot = slot_of_col[col];
            load[col] += 1;
            own_at[slot] += u32::from(own_row(row, slot));
            occupants[slot].push(row);
        }
    }
    let kept = |slot: usize| own.reserved[vacancies[slot]];
    let room = |load: &IxVec<SolverCol, u32>, slot: usize| {
        let first = problem.vacancies.partition_point(|&v| v < vacancies[slot]);
        problem
            .col_ids()
            .skip(first)
            .take_while(|&col| slot_of_col[col] == slot)
            .find(|&col| load[col] < problem.capacity_at(col))
    };
    loop {
        let mut moved = false;
        for row in problem.row_ids() {
            let Some(slot) = step_slot[row] else { continue };
            let here = assignment[row].map(|col| slot_of_col[col]);
            let short = own_at[slot] < kept(slot);
            if here == Some(slot) || (here.is_some() && !short) {
                continue;
            }
            let col = match room(&load, slot) {
                Some(col) => col,
                // A vacancy short of its own staff has a reserved place free.
                None if short => return Err(no_room(problem, row)),
                None => {
                    // Full, with at least its step's count of own staff and one of its step's
                    // holders elsewhere: an own employee the step did not put there gives way,
                    // one the step placed nowhere first.
                    let bumped = occupants[slot]
                        .iter()
                        .copied()
                        .filter(|&other| own_row(other, slot) && step_slot[other] != Some(slot))
                        .min_by_key(|&other| (step_slot[other].is_some(), other))
                        .ok_or_else(|| no_room(problem, row))?;
                    let col = assignment[bumped]
                        .take()
                        .ok_or_else(|| no_room(problem, bumped))?;
                    load[col] -= 1;
                    own_at[slot] -= 1;
                    occupants[slot].retain(|&other| other != bumped);
                    col
                }
            };
            if let Some(from) = assignment[row] {
                let from_slot = slot_of_col[from];
                load[from] -= 1;
                own_at[from_slot] -= u32::from(own_row(row, from_slot));
                occupants[from_slot].retain(|&other| other != row);
            }
            assignment[row] = Some(col);
            load[col] += 1;
            own_at[slot] += 1;
            occupants[slot].push(row);
            moved = true;
        }
        if !moved {
            return Ok(());
        }
    }
}

fn no_room(problem: &TierProblem, row: SolverRow) -> Error {
    Error::Inconsistent(format!(
        "the own-employer protection found no place for {:?} at their employer-step vacancy",
        problem.person_at(row)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use redeploy_model::Ix;

    fn v(position: u32) -> VacancyIx {
        VacancyIx::from_position(position)
    }

    #[test]
    fn a_vacancy_partly_filled_by_the_employer_step_splits_in_two_columns() {
        let reserved = IxVec::new(vec![0, 1, 2]).unwrap();
        let got: Vec<(u32, bool, u32)> = [(0, 3), (1, 3), (2, 2)]
            .into_iter()
            .flat_map(|(vacancy, places)| split(v(vacancy), places, Some(&reserved)))
            .map(|c| (c.vacancy.raw(), c.open, c.places))
            .collect();
        assert_eq!(
            got,
            vec![(0, true, 3), (1, false, 1), (1, true, 2), (2, false, 2)]
        );
    }
}
