//! Measures of a rule's outcome, the same for every rule, so rules can be compared.
//!
//! - **Matched**: people the rule placed.
//! - **Rank profile** of each side (the signature of Irving et al. 2006): how many placed
//!   people got their 1st, 2nd, … choice, by the person's ranking; and how many posts' places
//!   went to their 1st, 2nd, … ranked person, by the post's ranking. Ranks are as the rule saw
//!   them (`build.rs`): listed places first, then derived ranks; ties share a rank.
//! - **Mean and worst rank** of each side, over placements.
//! - **Stability**: blocking pairs and justified envy ([`super::Stability`]).
//! - **Cost**: the total weighted soft cost of the placements (what `optimal` minimises).
//!
//! Placements by tier are counted by the round's metrics (`TierMetrics`).

use serde::Serialize;

use super::{RowAssignment, Stability, TierProblem, stability, untyped};

/// How many placements went to each rank, with the mean and the worst.
///
/// ```
/// use redeploy_engine::RankProfile;
///
/// let mut profile = RankProfile::default();
/// profile.add(1);
/// profile.add(3);
/// assert_eq!(profile.counts, vec![1, 0, 1]);
/// assert_eq!((profile.mean, profile.worst), (2.0, 3));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RankProfile {
    /// Placements at rank 1, 2, … (index 0 is rank 1).
    pub counts: Vec<u64>,
    /// Sum of the ranks (for the mean).
    pub rank_sum: u64,
    /// Mean rank over placements (0 when there are none).
    pub mean: f64,
    /// Worst rank of any placement (0 when there are none).
    pub worst: u32,
}

impl RankProfile {
    /// Records one placement at `rank` (1 = first).
    pub fn add(&mut self, rank: u32) {
        let index = rank.saturating_sub(1) as usize;
        if self.counts.len() <= index {
            self.counts.resize(index + 1, 0);
        }
        self.counts[index] += 1;
        self.rank_sum += u64::from(rank);
        self.worst = self.worst.max(rank);
        self.update_mean();
    }

    /// Adds another profile's placements.
    pub fn merge(&mut self, other: &RankProfile) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.rank_sum += other.rank_sum;
        self.worst = self.worst.max(other.worst);
        self.update_mean();
    }

    /// Placements counted.
    pub fn placed(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn update_mean(&mut self) {
        let placed = self.placed();
        self.mean = if placed == 0 {
            0.0
        } else {
            self.rank_sum as f64 / placed as f64
        };
    }
}

/// The measures of one or more solves.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Measures {
    /// People placed.
    pub matched: u64,
    /// Placements by the person's rank of their post.
    pub people_ranks: RankProfile,
    /// Placements by the post's rank of the person placed.
    pub post_ranks: RankProfile,
    /// Blocking pairs, justified envy, envious people.
    pub stability: Stability,
    /// Total weighted soft cost of the placements, exact: each placement's cost is at most
    /// [`MAX_COST`](redeploy_assign::MAX_COST) (`2^32 − 1`) and a round places fewer than `2^64`
    /// people, so the sum is below `2^96`, far within `i128`.
    pub cost: i128,
}

impl Measures {
    /// Adds another solve's measures.
    pub fn merge(&mut self, other: &Measures) {
        self.matched += other.matched;
        self.people_ranks.merge(&other.people_ranks);
        self.post_ranks.merge(&other.post_ranks);
        self.stability += other.stability;
        self.cost += other.cost;
    }
}

/// Measures an assignment of `problem`.
pub(crate) fn measure(problem: &TierProblem, assignment: &RowAssignment) -> Measures {
    let assignment = untyped(assignment);
    let mut measures = Measures {
        stability: stability(problem, &assignment),
        ..Measures::default()
    };
    for (row, col) in assignment.iter().enumerate() {
        let Some(arc) = col.and_then(|col| problem.arc_of(row, col)) else {
            continue;
        };
        measures.matched += 1;
        measures.people_ranks.add(problem.arc_rank[arc]);
        measures.post_ranks.add(problem.arc_post_rank[arc]);
        measures.cost += i128::from(problem.arc_cost[arc]);
    }
    measures
}
