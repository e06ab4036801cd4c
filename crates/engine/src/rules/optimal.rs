//! The optimal rule: the assignment solver's lexicographic optimum.
//!
//! Rows carry their priority class, columns their places left, arcs their weighted soft cost.
//! The solver maximises, class by class from the highest, the number of placed rows of that
//! class, then the number of placed rows, then minimises the total cost, breaking ties
//! deterministically (see `redeploy_assign`). So people with statutory priority are placed
//! whenever any assignment can place them, nobody is left unplaced whom some assignment could
//! place without displacing a person with priority, and among those assignments the one with the
//! least disruption is chosen.

use redeploy_assign::{Problem, solve_parallel};

use super::{ColOfRow, TierProblem};
use crate::error::Error;

pub(super) fn solve(problem: &TierProblem) -> Result<ColOfRow, Error> {
    let assignment = solve_parallel(&solver_problem(problem)?);
    Ok(assignment
        .row_to_col
        .into_iter()
        .map(|col| col.and_then(|c| u32::try_from(c).ok()))
        .collect())
}

/// The solver's problem of a tier problem: its rows with their classes, arcs with their costs,
/// columns with their places.
pub(crate) fn solver_problem(problem: &TierProblem) -> Result<Problem, Error> {
    let mut builder = Problem::builder(problem.rows(), problem.cols());
    for row in 0..problem.rows() {
        builder.priority(row, problem.class[row]);
        for (col, cost) in problem.arcs(row) {
            builder.arc(row, col as usize, cost);
        }
    }
    for (col, &capacity) in problem.capacity.iter().enumerate() {
        builder.capacity(col, capacity);
    }
    builder
        .build()
        .map_err(|source| Error::Solver { tier: "", source })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{placed, problem};
    use super::*;

    #[test]
    fn priority_row_is_placed_before_a_cheaper_one() {
        let p = problem(&[1], &[(0, &[(0, 0)]), (1, &[(0, 500)])]);
        assert_eq!(solve(&p).unwrap(), vec![None, Some(0)]);
    }

    #[test]
    fn places_everyone_a_greedy_order_would_strand() {
        // Row 0 prefers post 0, the only post row 1 can take; the optimum moves row 0 to post 1.
        let p = problem(&[1, 1], &[(0, &[(0, 5), (1, 9)]), (0, &[(0, 1)])]);
        let assignment = solve(&p).unwrap();
        assert_eq!(assignment, vec![Some(1), Some(0)]);
        assert_eq!(placed(&assignment), 2);
    }
}
