//! First come: the manual register as practised. Posts are taken in advertised order (then
//! vacancy id); each post, for each of its places, goes to the first suitable person on the
//! register who is not yet placed. The register lists people in scenario order, with people
//! with statutory priority first when the policy places priority first.
//!
//! # Complexity
//! O(A log A) for A arcs (sorting each post's suitable people by register position).

use super::{ColOfRow, TierProblem};
use crate::index::count;

pub(super) fn solve(problem: &TierProblem) -> ColOfRow {
    let mut suitable_people: Vec<Vec<usize>> = vec![Vec::new(); problem.cols()];
    for row in 0..problem.rows() {
        for (col, _) in problem.arcs(row) {
            suitable_people[col as usize].push(row);
        }
    }
    let mut posts: Vec<usize> = (0..problem.cols()).collect();
    posts.sort_unstable_by_key(|&col| problem.post_order[col]);
    let mut assignment: ColOfRow = vec![None; problem.rows()];
    for col in posts {
        let people = &mut suitable_people[col];
        people.sort_unstable_by_key(|&row| problem.register[row]);
        let mut places = problem.capacity[col];
        for &row in people.iter() {
            if places == 0 {
                break;
            }
            if assignment[row].is_none() {
                assignment[row] = Some(count(col));
                places -= 1;
            }
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::problem;
    use super::*;

    #[test]
    fn first_advertised_post_goes_to_first_on_register() {
        // Row 0 is first on the register and suits both posts; post 0 is advertised first, so
        // row 0 takes it even though row 1 could only take post 0.
        let p = problem(&[1, 1], &[(0, &[(1, 0), (0, 0)]), (0, &[(0, 0)])]);
        assert_eq!(solve(&p), vec![Some(0), None]);
    }
}
