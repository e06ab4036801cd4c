//! The rank-maximal rule: the most people at their first choice, then the most at their second
//! among those, and so on (the lexicographically greatest rank profile, or *signature*).
//!
//! Irving, R. W., Kavitha, T., Mehlhorn, K., Michail, D. and Paluch, K. (2006), "Rank-maximal
//! matchings", *ACM Transactions on Algorithms* 2(4): 602–610. Posts with several places follow
//! Paluch (2013), "Capacitated rank-maximal matchings", CIAC 2013: a post is free while it has a
//! place left.
//!
//! # How it works
//!
//! Stage *i* holds the graph `G'_i` of the arcs of rank at most *i* that earlier stages kept.
//! The assignment solver gives the size of a maximum matching of `G'_i` (every cost 0, so the
//! solver's first objective, most rows placed, is all that counts), and the previous stage's
//! matching is augmented along alternating paths until it has that size: augmenting never
//! unplaces a row nor empties a place, which is what keeps the earlier ranks' counts (any other
//! maximum matching of `G'_i` may lose them). The matching splits the vertices into
//! *even*, *odd* and *unreachable* (Gallai–Edmonds: reachable from a free vertex by an
//! alternating path of even or odd length, or neither). Every maximum matching of `G'_i`
//! matches every odd and unreachable vertex, and only with arcs of rank at most *i*, so these
//! arcs are deleted: the arcs of higher rank at an odd or unreachable vertex, and the odd–odd
//! and odd–unreachable arcs of `G'_i` (no maximum matching uses them). The arcs of rank *i + 1*
//! are then added. Restricting each stage to the face of the previous stage's optima this way
//! needs no weights at all: no penalty constant, no overflow, exact whatever the number of
//! ranks.
//!
//! Statutory priority goes first: when the policy places priority first, the people with
//! priority are matched rank-maximally among themselves, and then everyone else on the places
//! left (as serial dictatorship serves them first).
//!
//! # Complexity
//! One maximum matching and two alternating searches, O(A), per distinct rank.

use redeploy_assign::Problem;

use super::{ColOfRow, TierProblem};
use crate::error::Error;
use crate::index::count;

const UNREACHED: u8 = 0;
const EVEN: u8 = 1;
const ODD: u8 = 2;

pub(super) fn solve(problem: &TierProblem) -> Result<ColOfRow, Error> {
    let mut classes = problem.class.clone();
    classes.sort_unstable_by(|a, b| b.cmp(a));
    classes.dedup();
    let row_of = rows_of_arcs(problem);
    let mut capacity = problem.capacity.clone();
    let mut assignment: ColOfRow = vec![None; problem.rows()];
    for class in classes {
        let alive: Vec<bool> = row_of
            .iter()
            .map(|&row| problem.class[row] == class)
            .collect();
        let part = solve_arcs(problem, alive, &capacity, &row_of)?;
        for (row, col) in part.into_iter().enumerate() {
            if let Some(col) = col {
                capacity[col as usize] -= 1;
                assignment[row] = Some(col);
            }
        }
    }
    Ok(assignment)
}

/// The rank-maximal matching of the arcs marked alive, on `capacity`.
fn solve_arcs(
    problem: &TierProblem,
    mut alive: Vec<bool>,
    capacity: &[u32],
    row_of: &[usize],
) -> Result<ColOfRow, Error> {
    let mut ranks: Vec<u32> = (0..problem.arc_count())
        .filter(|&arc| alive[arc])
        .map(|arc| problem.arc_rank[arc])
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    let mut assignment = vec![None; problem.rows()];
    for (stage, &rank) in ranks.iter().enumerate() {
        let active: Vec<bool> = (0..problem.arc_count())
            .map(|arc| alive[arc] && problem.arc_rank[arc] <= rank)
            .collect();
        let target = maximum_size(problem, &active, capacity)?;
        augment(problem, &active, capacity, &mut assignment, target);
        if stage + 1 == ranks.len() {
            break;
        }
        let (row_label, col_label) = label(problem, &active, &assignment, row_of, capacity);
        for arc in 0..problem.arc_count() {
            let row = row_label[row_of[arc]];
            let col = col_label[problem.arc_col[arc] as usize];
            if problem.arc_rank[arc] > rank {
                alive[arc] &= row == EVEN && col == EVEN;
            } else if active[arc] {
                let odd_with_odd_or_unreached =
                    (row == ODD && col != EVEN) || (col == ODD && row != EVEN);
                alive[arc] &= !odd_with_odd_or_unreached;
            }
        }
    }
    Ok(assignment)
}

fn rows_of_arcs(problem: &TierProblem) -> Vec<usize> {
    let mut row_of = vec![0; problem.arc_count()];
    for row in 0..problem.rows() {
        for arc in problem.arc_range(row) {
            row_of[arc] = row;
        }
    }
    row_of
}

/// The size of a maximum matching of the active arcs, from the assignment solver.
fn maximum_size(problem: &TierProblem, active: &[bool], capacity: &[u32]) -> Result<usize, Error> {
    let mut builder = Problem::builder(problem.rows(), problem.cols());
    for row in 0..problem.rows() {
        for arc in problem.arc_range(row) {
            if active[arc] {
                builder.arc(row, problem.arc_col[arc] as usize, 0);
            }
        }
    }
    for (col, &places) in capacity.iter().enumerate() {
        builder.capacity(col, places);
    }
    let solver_problem = builder
        .build()
        .map_err(|source| Error::Solver { tier: "", source })?;
    Ok(redeploy_assign::solve(&solver_problem).matched)
}

/// Augments `assignment` along alternating paths of active arcs until it has `target` rows
/// placed (a maximum matching, by the solver). Augmenting never unplaces a row nor takes a
/// place from a column, which is what keeps earlier stages' signature.
fn augment(
    problem: &TierProblem,
    active: &[bool],
    capacity: &[u32],
    assignment: &mut ColOfRow,
    target: usize,
) {
    let (rows, cols) = (problem.rows(), problem.cols());
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for (row, col) in assignment.iter().enumerate() {
        if let Some(col) = col {
            holders[*col as usize].push(row);
        }
    }
    let mut placed = assignment.iter().flatten().count();
    let mut row_seen = vec![usize::MAX; rows];
    let mut col_seen = vec![usize::MAX; cols];
    // The row each column was reached from, and the column each row was reached through.
    let mut col_from = vec![0usize; cols];
    let mut row_via = vec![0u32; rows];
    for start in 0..rows {
        if placed >= target {
            break;
        }
        if assignment[start].is_some() {
            continue;
        }
        row_seen[start] = start;
        let mut queue = std::collections::VecDeque::from([start]);
        let mut free_col = None;
        'search: while let Some(row) = queue.pop_front() {
            for arc in problem.arc_range(row) {
                let col = problem.arc_col[arc] as usize;
                if !active[arc] || assignment[row] == Some(problem.arc_col[arc]) {
                    continue;
                }
                if col_seen[col] == start {
                    continue;
                }
                col_seen[col] = start;
                col_from[col] = row;
                if (holders[col].len() as u64) < u64::from(capacity[col]) {
                    free_col = Some(col);
                    break 'search;
                }
                for &holder in &holders[col] {
                    if row_seen[holder] != start {
                        row_seen[holder] = start;
                        row_via[holder] = problem.arc_col[arc];
                        queue.push_back(holder);
                    }
                }
            }
        }
        let Some(mut col) = free_col else { continue };
        // Walk back: each row on the path moves to the column it reached.
        loop {
            let row = col_from[col];
            holders[col].push(row);
            let previous = assignment[row].replace(count(col));
            match previous {
                None => break,
                Some(old) => {
                    let old = old as usize;
                    debug_assert_eq!(old, row_via[row] as usize);
                    holders[old].retain(|&h| h != row);
                    col = old;
                }
            }
        }
        placed += 1;
    }
    debug_assert_eq!(
        placed.min(target),
        target,
        "augmenting reaches the solver's maximum"
    );
}

/// Even, odd or unreached, for every row and column, under a maximum matching of the active
/// arcs. A column is free while it has a place left.
fn label(
    problem: &TierProblem,
    active: &[bool],
    assignment: &ColOfRow,
    row_of: &[usize],
    capacity: &[u32],
) -> (Vec<u8>, Vec<u8>) {
    let (rows, cols) = (problem.rows(), problem.cols());
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for (row, col) in assignment.iter().enumerate() {
        if let Some(col) = col {
            holders[*col as usize].push(row);
        }
    }
    let mut col_arcs: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for arc in 0..problem.arc_count() {
        if active[arc] {
            col_arcs[problem.arc_col[arc] as usize].push(arc);
        }
    }
    let mut row_label = vec![UNREACHED; rows];
    let mut col_label = vec![UNREACHED; cols];
    // From free rows: rows even, columns reached by a non-matching arc odd, their holders even.
    let mut queue: Vec<usize> = (0..rows).filter(|&r| assignment[r].is_none()).collect();
    for &row in &queue {
        row_label[row] = EVEN;
    }
    while let Some(row) = queue.pop() {
        for arc in problem.arc_range(row) {
            let col = problem.arc_col[arc];
            let skip = !active[arc] || assignment[row] == Some(col);
            if skip || col_label[col as usize] != UNREACHED {
                continue;
            }
            col_label[col as usize] = ODD;
            for &holder in &holders[col as usize] {
                if row_label[holder] == UNREACHED {
                    row_label[holder] = EVEN;
                    queue.push(holder);
                }
            }
        }
    }
    // From free columns: columns even, rows reached by a non-matching arc odd, their columns even.
    let mut queue: Vec<usize> = (0..cols)
        .filter(|&c| (holders[c].len() as u64) < u64::from(capacity[c]))
        .collect();
    for &col in &queue {
        col_label[col] = EVEN;
    }
    while let Some(col) = queue.pop() {
        for &arc in &col_arcs[col] {
            let row = row_of[arc];
            // Columns are vacancies, at most u32::MAX of them.
            let col_u32 = count(col);
            if assignment[row] == Some(col_u32) || row_label[row] != UNREACHED {
                continue;
            }
            row_label[row] = ODD;
            if let Some(next) = assignment[row] {
                let next = next as usize;
                if col_label[next] == UNREACHED {
                    col_label[next] = EVEN;
                    queue.push(next);
                }
            }
        }
    }
    (row_label, col_label)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::problem;
    use super::*;

    #[test]
    fn more_first_choices_beat_more_placements_at_lower_ranks() {
        // Row 0: post 0 first, post 1 second. Row 1: post 0 first only. Row 2: post 1 first.
        // Rank-maximal: rows 1 and 2 at their first choice (signature (2, 0)), or rows 0 and 2
        // ... both give 2 firsts; row 0 cannot also be placed at its first choice.
        let p = problem(
            &[1, 1],
            &[(0, &[(0, 0), (1, 0)]), (0, &[(0, 0)]), (0, &[(1, 0)])],
        );
        let assignment = solve(&p).unwrap();
        let firsts = (0..3)
            .filter(|&row| {
                assignment[row].is_some_and(|c| p.arc_of(row, c) == Some(p.arc_start[row]))
            })
            .count();
        assert_eq!(firsts, 2);
    }
}
