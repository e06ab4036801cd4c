//! Helpers shared by the crate's unit tests: a small deterministic generator (so the tests need
//! no extra dependency) and the total cost of a complete assignment, checked as it is summed.

use crate::problem::Problem;
use crate::state::NONE;

/// The next number of a linear congruential sequence (Knuth's MMIX constants), high bits.
pub(crate) fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Total cost of an assignment that places every row; panics if a row is unplaced, a column is
/// used twice or a pair is not an arc.
pub(crate) fn total(problem: &Problem, row_col: &[u32]) -> i64 {
    let mut used = vec![false; problem.cols()];
    row_col
        .iter()
        .enumerate()
        .map(|(row, &col)| {
            assert_ne!(col, NONE, "row {row} left unassigned");
            assert!(!used[col as usize], "column {col} used twice");
            used[col as usize] = true;
            problem.arc_cost(row, col as usize).expect("an arc")
        })
        .sum()
}
