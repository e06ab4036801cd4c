//! Stability of a tier's outcome, so researchers can compare rules.
//!
//! A **blocking pair** is a person and a suitable post they prefer to where they ended (or any
//! suitable post, when unplaced) that has a free place or holds someone it ranks below them.
//! A stable outcome (deferred acceptance) has none. An **envious person** prefers a post that
//! went to someone else over their own outcome, whether or not the post ranks them higher.

use serde::Serialize;

use super::{RowAssignment, TierProblem};

/// Stability counts of one or more tier outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Stability {
    /// (person, post) pairs that would both rather be matched to each other.
    pub blocking_pairs: u64,
    /// People who prefer a post someone else got to their own outcome.
    pub envious_people: u64,
}

impl std::ops::AddAssign for Stability {
    fn add_assign(&mut self, other: Stability) {
        self.blocking_pairs += other.blocking_pairs;
        self.envious_people += other.envious_people;
    }
}

/// Counts blocking pairs and envious people of an assignment.
pub(crate) fn stability(problem: &TierProblem, assignment: &RowAssignment) -> Stability {
    let cols = problem.cols();
    let mut held = vec![0u32; cols];
    let mut worst: Vec<Option<(u8, i64, u32)>> = vec![None; cols];
    for (row, col) in assignment.iter().enumerate() {
        let Some(col) = *col else { continue };
        let cost = problem
            .arcs(row)
            .find(|&(c, _)| c == col)
            .map_or(i64::MAX, |(_, cost)| cost);
        let key = problem.post_rank_key(row, cost);
        let col = col as usize;
        held[col] += 1;
        worst[col] = Some(worst[col].map_or(key, |w| w.max(key)));
    }
    let mut result = Stability::default();
    for (row, own) in assignment.iter().enumerate() {
        let mut envious = false;
        for (col, cost) in problem.arcs(row) {
            if *own == Some(col) {
                break; // the rest are posts the person likes less
            }
            let col = col as usize;
            if held[col] > 0 {
                envious = true;
            }
            let free = held[col] < problem.capacity[col];
            let ranks_higher = worst[col].is_some_and(|w| problem.post_rank_key(row, cost) < w);
            if free || ranks_higher {
                result.blocking_pairs += 1;
            }
        }
        result.envious_people += u64::from(envious);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::problem;
    use super::*;

    #[test]
    fn unstable_outcome_has_a_blocking_pair() {
        // Row 1 is the better fit for post 0 but row 0 holds it: (row 1, post 0) blocks.
        let p = problem(&[1], &[(0, &[(0, 50)]), (0, &[(0, 10)])]);
        let counts = stability(&p, &vec![Some(0), None]);
        assert_eq!(counts.blocking_pairs, 1);
        assert_eq!(counts.envious_people, 1);
        let counts = stability(&p, &vec![None, Some(0)]);
        assert_eq!(counts.blocking_pairs, 0);
        assert_eq!(counts.envious_people, 1);
    }

    #[test]
    fn free_place_blocks() {
        let p = problem(&[2], &[(0, &[(0, 5)])]);
        assert_eq!(stability(&p, &vec![None]).blocking_pairs, 1);
    }
}
