//! Ring-fence tiers: which people and posts each tier solves, and in what order.
//!
//! This module owns the loop over the policy's tiers. In the `sequential` mode tier *k* takes the
//! people nobody has placed yet and the posts with places left, and pairs them only where tier
//! *k* (or an earlier, narrower tier) may offer the post: at the employer tier every vacancy of
//! the person's own employer; at the footprint and region tiers also the vacancies of other
//! employers in that scope that are open to at-risk staff (`ring_fenced`, or every vacancy when
//! the policy blocks external recruitment). Pairs never cross scope units, so each unit (each
//! employer at the employer tier, each footprint or region after it) is an independent problem;
//! units are built and solved in parallel and their results applied in unit order.
//!
//! In the `weighted` mode there is one pass over the widest tier's units, and each pair's cost
//! carries `weights.tier_distance` for every tier it lies beyond the first.

use redeploy_model::{IxVec, PersonIx, VacancyIx};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use redeploy_model::{MatchingRule, Tier, TierMode};
use tracing::{Span, debug, debug_span, field, info, info_span};

use crate::error::Error;
use crate::index::{RoundIndex, ScopeUnit, count};
use crate::own_staff;
use crate::replay::{Stage, Stages};
use crate::round::{PlacementRoute, SolveMetrics};
use crate::rules::{self, Measures, RowAssignment, Stability, TierProblem};
use crate::table::EligibilityTable;
use crate::tier_problems::{RowTerms, build_problems, pair_level};

/// Where a person was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub vacancy: VacancyIx,
    /// Position in the policy's tier list of the tier that placed them.
    pub tier: u8,
    pub route: PlacementRoute,
}

/// The running state of a round: places left and who is placed where.
pub(crate) struct Pool {
    /// Places left in each vacancy.
    pub capacity: IxVec<VacancyIx, u32>,
    /// Each person's placement, once made.
    pub placed: IxVec<PersonIx, Option<Placed>>,
    /// People left out of slotting-in and the tiers: outside the one scope unit a round run
    /// again from a prepared round re-solves (`rerun.rs`); none in a whole round.
    pub frozen: IxVec<PersonIx, bool>,
    /// Vacancies some stage of the round offered: a slotting-in choice, or a column of a
    /// problem a pass or an employer step built with a pair.
    pub reached: IxVec<VacancyIx, bool>,
    /// The people the round may decide, in scenario order: everyone in a whole round; in a
    /// round run again from a prepared round, the people of the units it re-solves (everyone
    /// else is frozen). Stages read only these.
    pub people: Arc<[PersonIx]>,
    /// The vacancies of the same units, in scenario order.
    pub vacancies: Arc<[VacancyIx]>,
}

impl Pool {
    pub fn new(index: &RoundIndex<'_>) -> Pool {
        Pool::with_members(
            index,
            index.people.ids().collect(),
            index.vacancies.ids().collect(),
        )
    }

    /// A fresh pool whose stages read only `people` and `vacancies` (`Pool::people`).
    pub fn with_members(
        index: &RoundIndex<'_>,
        people: Arc<[PersonIx]>,
        vacancies: Arc<[VacancyIx]>,
    ) -> Pool {
        Pool {
            capacity: index
                .vacancies
                .map_ids(|vacancy| index.constraints.capacity(vacancy)),
            placed: IxVec::filled(&index.people, None),
            frozen: IxVec::filled(&index.people, false),
            reached: IxVec::filled(&index.vacancies, false),
            people,
            vacancies,
        }
    }

    /// Marks the columns of `problems` as reached.
    pub(crate) fn reach(&mut self, problems: &[(ScopeUnit, TierProblem)]) {
        for (_, problem) in problems {
            for &vacancy in &problem.vacancies {
                self.reached[vacancy] = true;
            }
        }
    }

    pub fn place(&mut self, person: PersonIx, placed: Placed) {
        self.capacity[placed.vacancy] -= 1;
        self.placed[person] = Some(placed);
    }
}

/// The problems of one pass with the assignments the pass applied, in unit order.
pub(crate) type SolvedPass = Vec<(ScopeUnit, TierProblem, RowAssignment)>;

/// Runs the matching tiers of the policy on what slotting-in left; also hands back the last
/// pass's problems and assignments when `keep_last` (the dual view of `duals.rs` reads them).
///
/// `stages` records each stage, or takes the recorded answer of every unit that meets the
/// recorded problem (`replay.rs`).
pub(crate) fn run_tiers_keeping(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    rule: MatchingRule,
    pool: &mut Pool,
    keep_last: bool,
    stages: &mut Stages<'_>,
) -> Result<(Vec<SolveMetrics>, SolvedPass), Error> {
    let mut last = SolvedPass::new();
    let outcomes = match index.policy.tier_mode {
        TierMode::Sequential => {
            let mut outcomes = Vec::with_capacity(index.policy.tiers.len());
            let tiers = &index.policy.tiers;
            // The policy names each tier at most once (checked with the policy): 3 positions.
            for (position, _) in (0u8..).zip(tiers) {
                // Group by the widest tier so far, so that no pair open at this pass crosses
                // two groups even if the policy lists a wider tier before a narrower one.
                let tier = tiers[..=usize::from(position)]
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(Tier::Employer);
                let pass = Pass {
                    tier,
                    position,
                    weighted: false,
                };
                let keep = keep_last && usize::from(position) + 1 == tiers.len();
                outcomes.push(run_pass(
                    index,
                    table,
                    rule,
                    pool,
                    pass,
                    keep.then_some(&mut last),
                    stages,
                )?);
            }
            outcomes
        }
        TierMode::Weighted => {
            let position = (0u8..)
                .zip(&index.policy.tiers)
                .last()
                .map_or(0, |(position, _)| position);
            let pass = Pass {
                tier: index.widest,
                position,
                weighted: true,
            };
            let keep = keep_last.then_some(&mut last);
            vec![run_pass(index, table, rule, pool, pass, keep, stages)?]
        }
    };
    Ok((outcomes, last))
}

/// The problems of one solve over every tier at once, before slotting-in: each unit of the
/// widest tier with every person in matching and every open place (for export).
pub(crate) fn whole_problems(index: &RoundIndex<'_>, table: &EligibilityTable) -> Vec<TierProblem> {
    let pool = Pool::new(index);
    let pass = Pass {
        tier: index.widest,
        position: index.policy.limits().last_tier,
        weighted: false,
    };
    let row_terms = |person: PersonIx| RowTerms {
        class: index.person_class(person, false),
        own_only: false,
    };
    build_problems(index, table, &pool, pass, &row_terms, None)
        .into_iter()
        .map(|(_, problem)| problem)
        .collect()
}

/// One solve over the units of one tier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Tier whose units split the problem.
    pub tier: Tier,
    /// Pairs whose first tier is at or before this position take part.
    pub position: u8,
    /// Whether tier distance is a cost and the placement's tier is the pair's own.
    pub weighted: bool,
}

fn run_pass(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    rule: MatchingRule,
    pool: &mut Pool,
    pass: Pass,
    keep: Option<&mut SolvedPass>,
    stages: &mut Stages<'_>,
) -> Result<SolveMetrics, Error> {
    let started = Instant::now();
    let span = info_span!(
        "tier",
        tier = index.policy.tiers[usize::from(pass.position)].as_str(),
        rule = rule.as_str(),
        problems = field::Empty,
        people = field::Empty,
        posts = field::Empty,
        pairs = field::Empty,
    );
    let _entered = span.enter();
    let own = if pass.tier > Tier::Employer {
        Some(own_staff::employer_step(
            index, table, rule, pool, pass, stages,
        )?)
    } else {
        None
    };
    // The own-employer protection (`own_staff.rs`), unless the policy lifts it.
    let protect = own
        .as_ref()
        .filter(|_| !index.policy.may_displace_own_employer);
    let row_terms = |person: PersonIx| -> RowTerms {
        if pass.tier == Tier::Employer {
            // Every pair of the pass is at the person's own employer.
            return RowTerms::own_employer(index, person, false);
        }
        match own.as_ref().and_then(|own| own.step[person]) {
            Some(_) if protect.is_some() => own_staff::row_terms(index, person),
            // Regulation 10 acts at the person's own employer only.
            Some(_) if own_staff::priority_applies(index, person) => {
                RowTerms::own_employer(index, person, true)
            }
            _ => RowTerms {
                class: index.person_class(person, false),
                own_only: false,
            },
        }
    };
    let reserved = protect.map(|own| &own.reserved);
    stages.begin(index, pool, Stage { tier: pass.tier });
    let problems = build_problems(index, table, pool, pass, &row_terms, reserved);
    pool.reach(&problems);
    let tiers = &index.policy.tiers;
    let mut outcome = SolveMetrics {
        open_tiers: tiers[..=usize::from(pass.position).min(tiers.len() - 1)].to_vec(),
        grouped_by: pass.tier,
        problems: count(problems.len()),
        people: 0,
        vacancies: 0,
        eligible_pairs: 0,
        placed: 0,
        placed_with_priority: 0,
        stability: Stability::default(),
        measures: Measures::default(),
    };
    for (_, problem) in &problems {
        outcome.people += count(problem.rows());
        outcome.vacancies += count(problem.posts());
        outcome.eligible_pairs += problem.pairs() as u64;
    }
    span.record("problems", outcome.problems);
    span.record("people", outcome.people);
    span.record("posts", outcome.vacancies);
    span.record("pairs", outcome.eligible_pairs);
    let solved: Vec<Result<RowAssignment, Error>> = problems
        .par_iter()
        .map(|(unit, problem)| {
            let mut assignment = solve_unit(index, rule, pass.tier, *unit, problem, &span)?;
            if let Some(own) = protect {
                own_staff::keep(index, problem, &mut assignment, own)?;
            }
            Ok(assignment)
        })
        .collect();
    let solved = solved.into_iter().collect::<Result<Vec<_>, Error>>()?;
    let mut decided = Vec::new();
    for ((unit, problem), assignment) in problems.iter().zip(&solved) {
        let measures = rules::measure(problem, assignment);
        outcome.stability += measures.stability;
        outcome.measures.merge(&measures);
        for (row, col) in assignment.iter_ids() {
            let Some(col) = *col else { continue };
            let person = problem.person_at(row);
            let vacancy = problem.vacancy_at(col);
            let tier = if pass.weighted {
                pair_level(table, person, vacancy)?
            } else {
                pass.position
            };
            let placed = Placed {
                vacancy,
                tier,
                route: PlacementRoute::Matched,
            };
            pool.place(person, placed);
            decided.push((*unit, person, placed));
            outcome.placed += 1;
            outcome.placed_with_priority += u32::from(index.people[person].priority.is_some());
        }
    }
    let placed_here = decided.len();
    stages.end(pool, &problems, &mut decided);
    for &(_, person, placed) in &decided[placed_here..] {
        pool.place(person, placed);
    }
    info!(
        placed = outcome.placed,
        placed_with_priority = outcome.placed_with_priority,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "tier solved"
    );
    if let Some(keep) = keep {
        *keep = problems
            .into_iter()
            .zip(solved)
            .map(|((unit, problem), assignment)| (unit, problem, assignment))
            .collect();
    }
    Ok(outcome)
}

fn solve_unit(
    index: &RoundIndex<'_>,
    rule: MatchingRule,
    tier: Tier,
    unit: ScopeUnit,
    problem: &TierProblem,
    parent: &Span,
) -> Result<RowAssignment, Error> {
    let (people, posts, pairs) = (problem.rows(), problem.posts(), problem.pairs());
    let scope = index.unit_id(tier, unit);
    let span = if tier == Tier::Employer {
        debug_span!(parent: parent, "employer", employer = scope, people, posts, pairs)
    } else {
        debug_span!(parent: parent, "component", scope, people, posts, pairs)
    };
    let _entered = span.enter();
    let started = Instant::now();
    let assignment = rules::solve(rule, problem).map_err(|err| match err {
        Error::Solver { source, .. } => Error::Solver {
            tier: tier.as_str(),
            source,
        },
        other => other,
    })?;
    debug!(
        placed = assignment.iter().flatten().count(),
        elapsed_us = started.elapsed().as_micros() as u64,
        "solved"
    );
    Ok(assignment)
}
