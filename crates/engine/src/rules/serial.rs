//! Serial dictatorship: people in the serial order (seniority by default: statutory priority,
//! then longer service, then id; or the policy's given or lottery order) each take their most
//! preferred post that still has room.
//!
//! # Complexity
//! O(A + R log R) for A arcs and R rows.

use super::{ColOfRow, TierProblem};

pub(super) fn solve(problem: &TierProblem) -> ColOfRow {
    let mut remaining = problem.capacity.clone();
    let mut assignment = vec![None; problem.rows()];
    for row in problem.serial_order() {
        if let Some((col, _)) = problem
            .arcs(row)
            .find(|&(col, _)| remaining[col as usize] > 0)
        {
            remaining[col as usize] -= 1;
            assignment[row] = Some(col);
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::problem;
    use super::*;

    #[test]
    fn senior_person_takes_their_first_choice_even_if_it_strands_another() {
        // Row 0 (longer service) prefers post 0, the only post row 1 can take.
        let p = problem(&[1, 1], &[(0, &[(0, 5), (1, 9)]), (0, &[(0, 1)])]);
        assert_eq!(solve(&p), vec![Some(0), None]);
    }

    #[test]
    fn priority_goes_before_service() {
        let p = problem(&[1], &[(0, &[(0, 0)]), (1, &[(0, 0)])]);
        assert_eq!(solve(&p), vec![None, Some(0)]);
    }
}
