//! The sparse solver for one connected component: initialisation, then one shortest augmenting
//! path search per row still unassigned, in a fixed order.

use std::cmp::Reverse;

use crate::Problem;
use crate::deficiency::{self, Blocks};
use crate::init::{reduce_columns, reduce_rows};
use crate::potential::{Potential, fits_i64};
use crate::search::Search;
use crate::state::{NONE, State};
use crate::{complete, handover};

/// Solves `problem` (normally one connected component) and returns each row's column or
/// [`NONE`]. Picks `i64` arithmetic when the overflow bound allows it, `i128` otherwise.
pub(crate) fn solve_component(problem: &Problem) -> Vec<u32> {
    if let Some(max_cost) = complete::applies(problem) {
        return complete::solve(problem, max_cost);
    }
    if auction_applies(problem)
        && let Ok(row_col) = handover::solve(problem)
    {
        return row_col;
    }
    if fits_i64(problem.rows(), problem.max_cost()) {
        solve_with::<i64>(problem)
    } else {
        solve_with::<i128>(problem)
    }
}

/// The auction handles sparse square components with one class, capacities 1, every row with an
/// arc, and costs small enough for its scaled `i64` prices. Whether a perfect assignment exists
/// is checked by the auction itself, only if its first phase runs long.
fn auction_applies(problem: &Problem) -> bool {
    let n = problem.rows();
    let classes = problem.priorities();
    n == problem.cols()
        && n > 0
        && 4 * problem.arcs() < n * n
        && (n as u128 + 1).pow(2) * (problem.max_cost() as u128 + 1) <= 1 << 54
        && problem.capacities().iter().all(|&c| c == 1)
        && classes.iter().all(|&c| c == classes[0])
        && (0..n).all(|r| !problem.row_slice(r).is_empty())
}

/// [`solve_component`] with the potential type fixed (tests force `i128` on small problems).
pub(crate) fn solve_with<P: Potential>(problem: &Problem) -> Vec<u32> {
    solve_inner::<P>(problem, true)
}

/// Initialisation, then one search per unassigned row by decreasing class and increasing index.
/// With `may_split` and a single priority class, a component where not every row can be assigned
/// goes to the deficiency split, checked once before the initialisation (and, as a safeguard, at
/// the first search that reaches no spare column).
fn solve_inner<P: Potential>(problem: &Problem, may_split: bool) -> Vec<u32> {
    let mut state = State::<P>::new(problem);
    let classes = problem.priorities();
    let mut rows_with_arcs: Vec<u32> = (0..problem.rows() as u32)
        .filter(|&r| !problem.row_slice(r as usize).is_empty())
        .collect();
    rows_with_arcs.sort_by_key(|&r| (Reverse(classes[r as usize]), r));
    let single_class = rows_with_arcs.first().is_none_or(|&first| {
        rows_with_arcs
            .iter()
            .all(|&r| classes[r as usize] == classes[first as usize])
    });
    let stop_if_stuck = may_split && single_class;
    if stop_if_stuck
        && let Some(blocks) = deficiency::split(problem, &deficiency::greedy_start(problem))
    {
        // Found before any initialisation or search, which would explore full regions.
        return solve_blocks::<P>(problem, &blocks);
    }
    if single_class
        && rows_with_arcs.len() == problem.rows()
        && problem.total_capacity() == problem.rows() as u64
    {
        // Square with one class: if a perfect assignment exists no column stays free, so
        // Jonker–Volgenant column reduction is sound (otherwise the first stuck search hands
        // over to the deficiency split, which starts afresh).
        reduce_columns(&mut state);
    }
    let bound = 2 * problem.rows() as i64 * problem.max_cost();
    let unassigned = |state: &State<'_, P>| -> Vec<u32> {
        rows_with_arcs
            .iter()
            .copied()
            .filter(|&r| state.row_col[r as usize] == NONE)
            .collect()
    };
    let free = unassigned(&state);
    reduce_rows(&mut state, &free, 2, P::from(bound));
    // Rows displaced during the reduction count too.
    let order = unassigned(&state);
    let mut search = Search::new(problem);
    for row in order {
        if !search.insert(&mut state, row, stop_if_stuck) {
            if let Some(blocks) = deficiency::split(problem, &state.row_col) {
                return solve_blocks::<P>(problem, &blocks);
            }
            search.insert(&mut state, row, false);
        }
    }
    state.row_col
}

/// Solves the two blocks of a deficient component and maps them back.
fn solve_blocks<P: Potential>(problem: &Problem, blocks: &Blocks) -> Vec<u32> {
    let mut row_col = vec![NONE; problem.rows()];
    for (slot, row) in solve_inner::<P>(&blocks.surplus, false)
        .into_iter()
        .enumerate()
    {
        if row != NONE {
            row_col[blocks.surplus_rows[row as usize] as usize] = blocks.surplus_slot_col[slot];
        }
    }
    for (local, col) in solve_inner::<P>(&blocks.rest, false)
        .into_iter()
        .enumerate()
    {
        if col != NONE {
            row_col[blocks.rest_rows[local] as usize] = blocks.rest_cols[col as usize];
        }
    }
    row_col
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::next;

    fn random_problem(seed: &mut u64) -> Problem {
        let rows = 1 + next(seed) as usize % 12;
        let cols = 1 + next(seed) as usize % 12;
        let mut builder = Problem::builder(rows, cols);
        for row in 0..rows {
            for col in 0..cols {
                if next(seed).is_multiple_of(3) {
                    builder.arc(row, col, (next(seed) % 50) as i64 * 1_000_000);
                }
            }
            builder.priority(row, (next(seed) % 3) as u8);
        }
        for col in 0..cols {
            builder.capacity(col, (next(seed) % 3) as u32);
        }
        builder.build().expect("valid")
    }

    #[test]
    fn i64_and_i128_potentials_give_identical_answers() {
        let mut seed = 7;
        for _ in 0..500 {
            let problem = random_problem(&mut seed);
            assert_eq!(
                solve_with::<i64>(&problem),
                solve_with::<i128>(&problem),
                "the potential type changed the answer for {problem:?}"
            );
        }
    }
}
