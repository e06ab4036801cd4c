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

use std::time::Instant;

use rayon::prelude::*;
use redeploy_model::{MatchingRule, SerialOrder, SoftCostWeights, Tier, TierMode, Unlisted};
use tracing::{Span, debug, debug_span, field, info, info_span};

use crate::error::Error;
use crate::index::{PersonEntry, RoundIndex};
use crate::round::{PlacementRoute, SolveMetrics};
use crate::rules::build::{OpenArc, draws};
use crate::rules::{self, Measures, RowAssignment, Stability, TierProblem};
use crate::table::EligibilityTable;

/// Where a person was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub vacancy: u32,
    /// Position in the policy's tier list of the tier that placed them.
    pub tier: u8,
    pub route: PlacementRoute,
}

/// The running state of a round: places left and who is placed where.
pub(crate) struct Pool {
    /// Places left in each vacancy.
    pub capacity: Vec<u32>,
    /// Each person's placement, once made.
    pub placed: Vec<Option<Placed>>,
}

impl Pool {
    pub fn new(index: &RoundIndex<'_>) -> Pool {
        Pool {
            capacity: (0..index.vacancies.len())
                .map(|vacancy| {
                    index
                        .constraints
                        .capacity(u32::try_from(vacancy).unwrap_or(u32::MAX))
                })
                .collect(),
            placed: vec![None; index.people.len()],
        }
    }

    pub fn place(&mut self, person: u32, placed: Placed) {
        self.capacity[placed.vacancy as usize] -= 1;
        self.placed[person as usize] = Some(placed);
    }
}

/// Runs the matching tiers of the policy on what slotting-in left.
pub(crate) fn run_tiers(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    rule: MatchingRule,
    pool: &mut Pool,
) -> Result<Vec<SolveMetrics>, Error> {
    match index.policy.tier_mode {
        TierMode::Sequential => {
            let mut outcomes = Vec::with_capacity(index.policy.tiers.len());
            let tiers = &index.policy.tiers;
            for position in 0..tiers.len() {
                // Group by the widest tier so far, so that no pair open at this pass crosses
                // two groups even if the policy lists a wider tier before a narrower one.
                let tier = tiers[..=position]
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(Tier::Employer);
                let position = u8::try_from(position).unwrap_or(u8::MAX);
                let pass = Pass {
                    tier,
                    position,
                    weighted: false,
                };
                outcomes.push(run_pass(index, table, rule, pool, pass)?);
            }
            Ok(outcomes)
        }
        TierMode::Weighted => {
            let last = u8::try_from(index.policy.tiers.len().saturating_sub(1)).unwrap_or(u8::MAX);
            let pass = Pass {
                tier: index.widest,
                position: last,
                weighted: true,
            };
            Ok(vec![run_pass(index, table, rule, pool, pass)?])
        }
    }
}

/// The problems of one solve over every tier at once, before slotting-in: each unit of the
/// widest tier with every person in matching and every open place (for export).
pub(crate) fn whole_problems(index: &RoundIndex<'_>, table: &EligibilityTable) -> Vec<TierProblem> {
    let pool = Pool::new(index);
    let pass = Pass {
        tier: index.widest,
        position: u8::try_from(index.policy.tiers.len().saturating_sub(1)).unwrap_or(u8::MAX),
        weighted: false,
    };
    group_people(index, table, &pool, pass)
        .into_iter()
        .map(|(_, people)| build_problem(index, table, &pool, pass, &people))
        .filter(|problem| problem.arc_count() > 0)
        .collect()
}

/// One solve over the units of one tier.
#[derive(Debug, Clone, Copy)]
struct Pass {
    /// Tier whose units split the problem.
    tier: Tier,
    /// Pairs whose first tier is at or before this position take part.
    position: u8,
    /// Whether tier distance is a cost and the placement's tier is the pair's own.
    weighted: bool,
}

fn run_pass(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    rule: MatchingRule,
    pool: &mut Pool,
    pass: Pass,
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
    let groups = group_people(index, table, pool, pass);
    let problems: Vec<(u32, TierProblem)> = groups
        .into_par_iter()
        .map(|(unit, people)| (unit, build_problem(index, table, pool, pass, &people)))
        .filter(|(_, problem)| problem.arc_count() > 0)
        .collect();
    let tiers = &index.policy.tiers;
    let mut outcome = SolveMetrics {
        open_tiers: tiers[..=usize::from(pass.position).min(tiers.len() - 1)].to_vec(),
        grouped_by: pass.tier,
        problems: u32::try_from(problems.len()).unwrap_or(u32::MAX),
        people: 0,
        vacancies: 0,
        eligible_pairs: 0,
        placed: 0,
        placed_with_priority: 0,
        stability: Stability::default(),
        measures: Measures::default(),
    };
    for (_, problem) in &problems {
        outcome.people += u32::try_from(problem.rows()).unwrap_or(u32::MAX);
        outcome.vacancies += u32::try_from(problem.cols()).unwrap_or(u32::MAX);
        outcome.eligible_pairs += problem.arc_count() as u64;
    }
    span.record("problems", outcome.problems);
    span.record("people", outcome.people);
    span.record("posts", outcome.vacancies);
    span.record("pairs", outcome.eligible_pairs);
    let solved: Vec<Result<RowAssignment, Error>> = problems
        .par_iter()
        .map(|(unit, problem)| solve_unit(index, rule, pass.tier, *unit, problem, &span))
        .collect();
    for ((_, problem), assignment) in problems.iter().zip(solved) {
        let assignment = assignment?;
        let measures = rules::measure(problem, &assignment);
        outcome.stability += measures.stability;
        outcome.measures.merge(&measures);
        for (row, col) in assignment.iter().enumerate() {
            let Some(col) = col else { continue };
            let person = problem.people[row];
            let vacancy = problem.vacancies[*col as usize];
            let tier = if pass.weighted {
                pair_level(table, person, vacancy)
            } else {
                pass.position
            };
            pool.place(
                person,
                Placed {
                    vacancy,
                    tier,
                    route: PlacementRoute::Matched,
                },
            );
            outcome.placed += 1;
            outcome.placed_with_priority +=
                u32::from(index.people[person as usize].priority.is_some());
        }
    }
    info!(
        placed = outcome.placed,
        placed_with_priority = outcome.placed_with_priority,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "tier solved"
    );
    Ok(outcome)
}

fn solve_unit(
    index: &RoundIndex<'_>,
    rule: MatchingRule,
    tier: Tier,
    unit: u32,
    problem: &TierProblem,
    parent: &Span,
) -> Result<RowAssignment, Error> {
    let (people, posts, pairs) = (problem.rows(), problem.cols(), problem.arc_count());
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

/// The first tier of a suitable pair, read back from the table.
fn pair_level(table: &EligibilityTable, person: u32, vacancy: u32) -> u8 {
    let row = &table.rows[person as usize].suitable;
    row.binary_search_by_key(&vacancy, |pair| pair.vacancy)
        .map_or(u8::MAX, |found| row[found].level)
}

/// Unplaced people taking part in matching, grouped by their unit at the pass's tier, units in
/// ascending order and people in scenario order inside each.
fn group_people(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    pass: Pass,
) -> Vec<(u32, Vec<u32>)> {
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); index.unit_count(pass.tier)];
    for (person, entry) in index.people.iter().enumerate() {
        let has_open_pair = table.rows[person]
            .suitable
            .iter()
            .any(|pair| pair.level <= pass.position && pool.capacity[pair.vacancy as usize] > 0);
        if entry.in_matching && pool.placed[person].is_none() && has_open_pair {
            let unit = index.unit_of_employer(pass.tier, entry.employer) as usize;
            groups[unit].push(u32::try_from(person).unwrap_or(u32::MAX));
        }
    }
    groups
        .into_iter()
        .enumerate()
        .filter(|(_, people)| !people.is_empty())
        .map(|(unit, people)| (u32::try_from(unit).unwrap_or(u32::MAX), people))
        .collect()
}

/// The tier problem of one unit: its people as rows, the vacancies they could take as columns.
fn build_problem(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    pass: Pass,
    people: &[u32],
) -> TierProblem {
    let open =
        |level: u8, vacancy: u32| level <= pass.position && pool.capacity[vacancy as usize] > 0;
    let mut vacancies: Vec<u32> = people
        .iter()
        .flat_map(|&p| table.rows[p as usize].suitable.iter())
        .filter(|pair| open(pair.level, pair.vacancy))
        .map(|pair| pair.vacancy)
        .collect();
    vacancies.sort_unstable();
    vacancies.dedup();

    let weights = &index.policy.weights;
    let mut problem = TierProblem {
        people: people.to_vec(),
        capacity: vacancies
            .iter()
            .map(|&v| pool.capacity[v as usize])
            .collect(),
        post_order: vacancies
            .iter()
            .map(|&v| {
                let record = &index.scenario.vacancies[v as usize];
                (
                    record.advertised_order,
                    index.vacancies[v as usize].terms.id_rank,
                )
            })
            .collect(),
        arc_start: Vec::with_capacity(people.len() + 1),
        ..TierProblem::default()
    };
    problem.arc_start.push(0);
    let tie_break = &index.policy.ranking;
    let scenario = index.scenario;
    let rankings = &index.rankings;
    let mut arcs: Vec<OpenArc> = Vec::new();
    for &person in people {
        let entry = &index.people[person as usize];
        let person_id = scenario.people[person as usize].id.as_str();
        let class = index.priority_class(person);
        problem.class.push(class);
        problem
            .register
            .push((u64::from(1 - class) << 32) | u64::from(person));
        arcs.clear();
        for pair in &table.rows[person as usize].suitable {
            if !open(pair.level, pair.vacancy) {
                continue;
            }
            let col = vacancies.binary_search(&pair.vacancy).unwrap_or_default();
            let mut cost = pair.cost;
            if pass.weighted {
                let distance = i64::from(pair.level) * i64::from(weights.tier_distance);
                cost = cost.saturating_add(distance).min(redeploy_assign::MAX_COST);
            }
            let listed = entry
                .ranked
                .iter()
                .find(|&&(v, _)| v == pair.vacancy)
                .map(|&(_, place)| place);
            let listed_by_post = rankings.vacancy_place(pair.vacancy, person);
            let left_out = (listed.is_none() && !entry.ranked.is_empty())
                || (listed_by_post.is_none() && rankings.vacancy_ranks(pair.vacancy));
            if left_out && tie_break.unlisted == Unlisted::Unacceptable {
                continue;
            }
            let vacancy_id = scenario.vacancies[pair.vacancy as usize].id.as_str();
            let (person_draw, post_draw) =
                draws(tie_break.lottery, tie_break.seed, person_id, vacancy_id);
            arcs.push(OpenArc {
                col: u32::try_from(col).unwrap_or(u32::MAX),
                cost,
                fit: cost
                    .saturating_sub(preference_cost(entry, listed, weights))
                    .max(0),
                listed,
                listed_by_post,
                id_rank: index.vacancies[pair.vacancy as usize].terms.id_rank,
                person_draw,
                post_draw,
            });
        }
        problem.push_row(&mut arcs);
        problem.serial.push(serial_place(index, person, class));
    }
    problem.service_rank = service_ranks(index, people);
    problem.vacancies = vacancies;
    problem.rank_posts();
    problem
}

/// The person's preference terms inside a pair's weighted cost (taken out of the fit cost).
fn preference_cost(entry: &PersonEntry, listed: Option<u32>, weights: &SoftCostWeights) -> i64 {
    match listed {
        Some(place) => i64::from(place) * i64::from(weights.preference_rank),
        None if entry.ranked.is_empty() => 0,
        None => i64::from(weights.unranked_post),
    }
}

/// A person's place in the serial dictatorship's order: (given place or priority, lottery draw,
/// 0); the service rank breaks what remains.
fn serial_place(index: &RoundIndex<'_>, person: u32, class: u8) -> (u32, u64, u32) {
    let tie_break = &index.policy.ranking;
    let priority = u32::from(u8::MAX - class);
    match tie_break.serial_order {
        SerialOrder::Seniority => (priority, 0, 0),
        SerialOrder::Given => (
            index
                .rankings
                .serial_given
                .get(person as usize)
                .copied()
                .unwrap_or(u32::MAX),
            0,
            0,
        ),
        SerialOrder::Lottery => {
            let id = &index.scenario.people[person as usize].id;
            (0, rules::lottery_number(tie_break.seed, "serial", id), 0)
        }
    }
}

/// Rank of each person by longer service, then person id (0 = longest service).
fn service_ranks(index: &RoundIndex<'_>, people: &[u32]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_unstable_by_key(|&row| {
        let person = people[row];
        (
            std::cmp::Reverse(index.service_days(person)),
            index.people[person as usize].id_rank,
        )
    });
    let mut ranks = vec![0; people.len()];
    for (rank, row) in order.into_iter().enumerate() {
        ranks[row] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    ranks
}
