//! Person-proposing deferred acceptance (Gale and Shapley, 1962) with post capacities.
//!
//! Each unplaced person proposes to their most preferred post they have not yet proposed to; a
//! post holds its best proposers up to its capacity (by the post ranking of `TierProblem`) and
//! rejects the rest; rejected people propose again. The result is the stable matching every
//! person likes at least as well as any other stable matching. Post rankings are strict (the
//! service rank breaks every tie), so the result does not depend on the order proposals are
//! made in.
//!
//! Gale, D. and Shapley, L. S. (1962), "College admissions and the stability of marriage",
//! *American Mathematical Monthly* 69(1): 9–15.
//!
//! # Complexity
//! O(A log C) for A arcs and largest capacity C: each arc is proposed along at most once.

use std::collections::BinaryHeap;

use super::{ColOfRow, PostKey, TierProblem};
use crate::index::count;

/// A proposer a post holds: (the post's ranking key of them, row).
type Held = (PostKey, usize);

pub(super) fn solve(problem: &TierProblem) -> ColOfRow {
    let rows = problem.rows();
    let mut next_arc: Vec<usize> = problem.arc_start[..rows].to_vec();
    // Each post's held proposers as a max-heap on the post's ranking key: the worst on top.
    let mut held: Vec<BinaryHeap<Held>> = vec![BinaryHeap::new(); problem.cols()];
    let mut free: Vec<usize> = (0..rows).rev().collect();
    while let Some(row) = free.pop() {
        let arc = next_arc[row];
        if arc == problem.arc_start[row + 1] {
            continue; // proposed to every suitable post: stays unplaced
        }
        next_arc[row] += 1;
        let col = problem.arc_col[arc] as usize;
        let key = problem.post_key(arc);
        let capacity = problem.capacity[col] as usize;
        let holders = &mut held[col];
        if holders.len() < capacity {
            holders.push((key, row));
        } else if let Some(&(worst_key, worst_row)) = holders.peek()
            && key < worst_key
        {
            holders.pop();
            holders.push((key, row));
            free.push(worst_row);
        } else {
            free.push(row);
        }
    }
    let mut assignment = vec![None; rows];
    for (col, holders) in held.into_iter().enumerate() {
        for (_, row) in holders {
            assignment[row] = Some(count(col));
        }
    }
    assignment
}

/// Vacancy-proposing deferred acceptance: each post with a free place offers it to the best
/// person in its ranking it has not yet offered to; a person holds the best offer so far (by
/// their own order) and refuses the rest. The result is the stable matching every post likes
/// at least as well as any other stable matching (Gale and Shapley 1962, with the roles
/// swapped; Roth and Sotomayor 1990, ch. 5, for posts with several places).
///
/// # Complexity
/// O(A log A) for A arcs: each arc is offered along at most once.
pub(super) fn solve_posts_proposing(problem: &TierProblem) -> ColOfRow {
    let rows = problem.rows();
    let cols = problem.cols();
    // Each post's offers in its ranking order, as arc indices.
    let mut offers: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for row in 0..rows {
        for arc in problem.arc_range(row) {
            offers[problem.arc_col[arc] as usize].push(arc);
        }
    }
    for list in &mut offers {
        list.sort_unstable_by_key(|&arc| std::cmp::Reverse(problem.post_key(arc)));
    }
    // Each row's held offer as an arc index (lower is better for the person).
    let mut holding: Vec<Option<usize>> = vec![None; rows];
    let mut free_places: Vec<u32> = problem.capacity.clone();
    let mut row_of = vec![0usize; problem.arc_count()];
    for row in 0..rows {
        for arc in problem.arc_range(row) {
            row_of[arc] = row;
        }
    }
    let mut active: Vec<usize> = (0..cols).rev().collect();
    while let Some(col) = active.pop() {
        while free_places[col] > 0 {
            let Some(arc) = offers[col].pop() else { break };
            let row = row_of[arc];
            match holding[row] {
                Some(current) if current < arc => {} // refused
                current => {
                    holding[row] = Some(arc);
                    free_places[col] -= 1;
                    if let Some(released) = current {
                        let released_col = problem.arc_col[released] as usize;
                        free_places[released_col] += 1;
                        active.push(released_col);
                    }
                }
            }
        }
    }
    holding
        .into_iter()
        .map(|held| held.map(|arc| problem.arc_col[arc]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{placed, problem};
    use super::super::stability;
    use super::*;

    #[test]
    fn post_keeps_the_proposer_it_ranks_higher() {
        // Both want post 0; row 1 is a better fit (lower cost), so post 0 keeps row 1 and row 0
        // falls back to post 1.
        let p = problem(&[1, 1], &[(0, &[(0, 50), (1, 10)]), (0, &[(0, 20)])]);
        assert_eq!(solve(&p), vec![Some(1), Some(0)]);
    }

    #[test]
    fn priority_beats_a_better_fit() {
        let p = problem(&[1], &[(0, &[(0, 0)]), (1, &[(0, 900)])]);
        assert_eq!(solve(&p), vec![None, Some(0)]);
    }

    #[test]
    fn capacity_holds_several() {
        let p = problem(&[2], &[(0, &[(0, 3)]), (0, &[(0, 1)]), (0, &[(0, 2)])]);
        let assignment = solve(&p);
        assert_eq!(assignment, vec![None, Some(0), Some(0)]);
        assert_eq!(placed(&assignment), 2);
        assert_eq!(stability(&p, &assignment).blocking_pairs, 0);
    }
}
