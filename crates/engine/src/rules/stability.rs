//! Stability of a tier's outcome, so researchers can compare rules.
//!
//! Both are judged under the rankings as stated (ties are indifference; a lottery's tie-breaks
//! are not preferences):
//! - a **blocking pair** is a person and a suitable post they strictly prefer to where they
//!   ended (or any suitable post, when unplaced) that has a free place or holds someone it
//!   ranks strictly below them (Gale and Shapley 1962; weak stability, Irving 1994). A stable
//!   outcome (deferred acceptance) has none;
//! - **justified envy** (Abdulkadiroğlu and Sönmez 2003) counts (person, holder) pairs where the
//!   person strictly prefers the holder's post to their own outcome and the post ranks the
//!   person strictly above the holder: blocking pairs without the free places;
//! - an **envious person** prefers a post that went to someone else over their own outcome,
//!   whether or not the post ranks them higher.

use serde::Serialize;

use super::{ColOfRow, TierProblem};

/// Stability counts of one or more tier outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Stability {
    /// (person, post) pairs that would both rather be matched to each other.
    pub blocking_pairs: u64,
    /// (person, holder) pairs where the person has justified envy of the holder's place.
    pub justified_envy: u64,
    /// People who prefer a post someone else got to their own outcome.
    pub envious_people: u64,
}

impl std::ops::AddAssign for Stability {
    fn add_assign(&mut self, other: Stability) {
        self.blocking_pairs += other.blocking_pairs;
        self.justified_envy += other.justified_envy;
        self.envious_people += other.envious_people;
    }
}

/// Counts blocking pairs, justified envy and envious people of an assignment.
pub(crate) fn stability(problem: &TierProblem, assignment: &ColOfRow) -> Stability {
    let cols = problem.cols();
    // The post's rank of each person it holds.
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); cols];
    let mut own_rank = vec![u32::MAX; problem.rows()];
    for (row, col) in assignment.iter().enumerate() {
        let Some(col) = *col else { continue };
        let Some(arc) = problem.arc_of(row, col) else {
            continue;
        };
        holders[col as usize].push(problem.arc_post_rank[arc]);
        own_rank[row] = problem.arc_rank[arc];
    }
    let mut result = Stability::default();
    for (row, &own) in own_rank.iter().enumerate() {
        let mut envious = false;
        for arc in problem.arc_range(row) {
            if problem.arc_rank[arc] >= own {
                break; // the rest are posts the person likes no better
            }
            let col = problem.arc_col[arc] as usize;
            let held = &holders[col];
            envious |= !held.is_empty();
            let rank = problem.arc_post_rank[arc];
            let below = held.iter().filter(|&&h| h > rank).count() as u64;
            result.justified_envy += below;
            let free = (held.len() as u64) < u64::from(problem.capacity[col]);
            if free || below > 0 {
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
        assert_eq!((counts.blocking_pairs, counts.justified_envy), (1, 1));
        assert_eq!(counts.envious_people, 1);
        let counts = stability(&p, &vec![None, Some(0)]);
        assert_eq!((counts.blocking_pairs, counts.justified_envy), (0, 0));
        assert_eq!(counts.envious_people, 1);
    }

    #[test]
    fn free_place_blocks_without_envy() {
        let p = problem(&[2], &[(0, &[(0, 5)])]);
        let counts = stability(&p, &vec![None]);
        assert_eq!((counts.blocking_pairs, counts.justified_envy), (1, 0));
    }
}
