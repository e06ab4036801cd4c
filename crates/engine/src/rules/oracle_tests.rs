//! The rules against brute force on small random problems: every assignment is enumerated, so
//! the oracle shares nothing with the rules but the problem.
//!
//! - rank-maximal: its signature is the greatest of every feasible assignment's;
//! - deferred acceptance with lottery tie-breaking: stable under the tie-broken (strict)
//!   rankings, and the best stable outcome for the proposing side (the worst for the other);
//! - the stability measure: its blocking pairs are the brute-force count under the stated
//!   (weak) rankings.

use proptest::prelude::*;

use super::build::OpenArc;
use super::{ColOfRow, TierProblem, deferred, rank_maximal, stability};

/// One arc as generated: (col, person's place, post's place, person's draw, post's draw).
type GenArc = (u32, u32, u32, u64, u64);

fn problem_from(capacity: &[u32], rows: &[Vec<GenArc>]) -> TierProblem {
    let mut problem = TierProblem {
        people: (0..rows.len() as u32)
            .map(redeploy_model::Ix::from_position)
            .collect(),
        vacancies: (0..capacity.len() as u32)
            .map(redeploy_model::Ix::from_position)
            .collect(),
        capacity: capacity.to_vec(),
        post_order: (0..capacity.len() as u32).map(|c| (c, c)).collect(),
        arc_start: vec![0],
        ..TierProblem::default()
    };
    for (position, arcs) in rows.iter().enumerate() {
        problem.class.push(0);
        problem.service_rank.push(position as u32);
        problem.register.push(position as u64);
        let mut open: Vec<OpenArc> = arcs
            .iter()
            .map(
                |&(col, place, post_place, person_draw, post_draw)| OpenArc {
                    col,
                    cost: 0,
                    fit: 0,
                    listed: Some(place),
                    listed_by_post: Some(post_place),
                    id_rank: col,
                    person_draw,
                    post_draw,
                },
            )
            .collect();
        problem.push_row(&mut open);
    }
    problem.rank_posts();
    problem
}

fn arb_problem() -> impl Strategy<Value = TierProblem> {
    (1usize..=5, 1usize..=4).prop_flat_map(|(rows, cols)| {
        let capacity = prop::collection::vec(1u32..=2, cols);
        let row = prop::collection::btree_map(
            0..cols as u32,
            (0u32..3, 0u32..3, 0u64..4, 0u64..4),
            0..=cols,
        )
        .prop_map(|arcs| {
            arcs.into_iter()
                .map(|(col, (p, q, d, e))| (col, p, q, d, e))
                .collect::<Vec<GenArc>>()
        });
        let rows = prop::collection::vec(row, rows);
        (capacity, rows).prop_map(|(capacity, rows)| problem_from(&capacity, &rows))
    })
}

/// Every feasible assignment, as an arc index (or none) per row.
fn every_assignment(problem: &TierProblem) -> Vec<Vec<Option<usize>>> {
    fn extend(
        problem: &TierProblem,
        row: usize,
        load: &mut Vec<u32>,
        current: &mut Vec<Option<usize>>,
        out: &mut Vec<Vec<Option<usize>>>,
    ) {
        if row == problem.rows() {
            out.push(current.clone());
            return;
        }
        current.push(None);
        extend(problem, row + 1, load, current, out);
        current.pop();
        for arc in problem.arc_range(row) {
            let col = problem.arc_col[arc] as usize;
            if load[col] < problem.capacity[col] {
                load[col] += 1;
                current.push(Some(arc));
                extend(problem, row + 1, load, current, out);
                current.pop();
                load[col] -= 1;
            }
        }
    }
    let mut out = Vec::new();
    extend(
        problem,
        0,
        &mut vec![0; problem.cols()],
        &mut Vec::new(),
        &mut out,
    );
    out
}

fn as_arcs(problem: &TierProblem, assignment: &ColOfRow) -> Vec<Option<usize>> {
    assignment
        .iter()
        .enumerate()
        .map(|(row, col)| col.map(|c| problem.arc_of(row, c).expect("placed on an arc")))
        .collect()
}

fn signature(problem: &TierProblem, arcs: &[Option<usize>]) -> Vec<u32> {
    let mut counts = vec![0u32; 8];
    for arc in arcs.iter().flatten() {
        counts[problem.arc_rank[*arc] as usize] += 1;
    }
    counts
}

/// Blocking pairs under the strict (tie-broken) rankings when `strict`, else the stated ones.
fn blocking(problem: &TierProblem, arcs: &[Option<usize>], strict: bool) -> u64 {
    let mut count = 0;
    for row in 0..problem.rows() {
        for arc in problem.arc_range(row) {
            let prefers = match arcs[row] {
                None => true,
                Some(own) if strict => arc < own,
                Some(own) => problem.arc_rank[arc] < problem.arc_rank[own],
            };
            if !prefers {
                continue;
            }
            let col = problem.arc_col[arc];
            let held: Vec<usize> = arcs
                .iter()
                .flatten()
                .copied()
                .filter(|&a| problem.arc_col[a] == col)
                .collect();
            let free = (held.len() as u32) < problem.capacity[col as usize];
            let beats = held.iter().any(|&h| {
                if strict {
                    problem.post_key(arc) < problem.post_key(h)
                } else {
                    problem.arc_post_rank[arc] < problem.arc_post_rank[h]
                }
            });
            count += u64::from(free || beats);
        }
    }
    count
}

/// A row's outcome as a comparable position: its arc index, or past every arc when unplaced.
fn outcome(problem: &TierProblem, row: usize, arcs: &[Option<usize>]) -> usize {
    arcs[row].unwrap_or(problem.arc_start[row + 1])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rank_maximal_has_the_greatest_signature(problem in arb_problem()) {
        let found = as_arcs(&problem, &rank_maximal::solve(&problem).unwrap());
        let best = every_assignment(&problem)
            .iter()
            .map(|a| signature(&problem, a))
            .max()
            .unwrap();
        prop_assert_eq!(signature(&problem, &found), best, "rank-maximal missed the best signature");
    }

    #[test]
    fn deferred_acceptance_with_lotteries_is_stable_and_proposer_optimal(problem in arb_problem()) {
        let people = as_arcs(&problem, &deferred::solve(&problem));
        let posts = as_arcs(&problem, &deferred::solve_posts_proposing(&problem));
        prop_assert_eq!(blocking(&problem, &people, true), 0, "people-proposing outcome not stable");
        prop_assert_eq!(blocking(&problem, &posts, true), 0, "posts-proposing outcome not stable");
        prop_assert_eq!(blocking(&problem, &people, false), 0, "not weakly stable under the stated rankings");
        for stable in every_assignment(&problem).iter().filter(|a| blocking(&problem, a, true) == 0) {
            for row in 0..problem.rows() {
                prop_assert!(
                    outcome(&problem, row, &people) <= outcome(&problem, row, stable),
                    "a stable matching is better for row {} than people-proposing", row
                );
                prop_assert!(
                    outcome(&problem, row, &posts) >= outcome(&problem, row, stable),
                    "a stable matching is worse for row {} than posts-proposing", row
                );
            }
        }
    }

    #[test]
    fn stability_measure_counts_the_brute_force_blocking_pairs(problem in arb_problem()) {
        for arcs in every_assignment(&problem).into_iter().take(64) {
            let assignment: ColOfRow = arcs.iter().map(|a| a.map(|a| problem.arc_col[a])).collect();
            prop_assert_eq!(stability(&problem, &assignment).blocking_pairs, blocking(&problem, &arcs, false));
        }
    }
}
