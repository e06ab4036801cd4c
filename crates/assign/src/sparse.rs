//! The sparse solver for one connected component: initialisation, then one shortest augmenting
//! path search per row still unassigned, in a fixed order.

use std::cmp::Reverse;

use crate::Problem;
use crate::potential::{Potential, fits_i64};
use crate::search::Search;
use crate::state::{NONE, State};

/// Solves `problem` (normally one connected component) and returns each row's column or
/// [`NONE`]. Picks `i64` arithmetic when the overflow bound allows it, `i128` otherwise.
pub(crate) fn solve_component(problem: &Problem) -> Vec<u32> {
    if fits_i64(problem.rows(), problem.max_cost()) {
        solve_with::<i64>(problem)
    } else {
        solve_with::<i128>(problem)
    }
}

/// [`solve_component`] with the potential type fixed (tests force `i128` on small problems).
pub(crate) fn solve_with<P: Potential>(problem: &Problem) -> Vec<u32> {
    let mut state = State::<P>::new(problem);
    let classes = problem.priorities();
    let mut order: Vec<u32> = (0..problem.rows() as u32)
        .filter(|&r| state.row_col[r as usize] == NONE)
        .collect();
    order.sort_by_key(|&r| (Reverse(classes[r as usize]), r));
    let mut search = Search::new(problem.cols());
    for row in order {
        search.insert(&mut state, row);
    }
    state.row_col
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no extra dependency.
    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

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
