//! Building a [`TierProblem`]'s two-sided rankings from the suitable pairs open to a solve.
//!
//! # A person's ranking of posts
//!
//! - Posts the person listed in `ranked_vacancies` take their listed place (1 = first; tied
//!   posts share a place).
//! - Suitable posts the person did not list come after every listed place, ranked by ascending
//!   weighted soft cost (equal costs tie). A person who listed nothing is ranked this way alone.
//! - Ties are broken by the lottery when the policy draws one (`ranking.lottery`), else by
//!   lower soft cost, then vacancy id. Each row's arcs are stored in this strict order.
//!
//! # A post's ranking of people
//!
//! - Statutory priority first, when the policy places priority first (a hard rule, never
//!   overridden by a ranking).
//! - Then the people the vacancy listed in `ranked_people`, at their listed place (tied people
//!   share a place); people it did not list come after them.
//! - Among people the vacancy did not list (all of them when it gives no ranking): lower
//!   **fit cost** first, the weighted soft cost *without* the person's own preference terms
//!   (`weights.preference_rank`, `weights.unranked_post`), so people's preferences never leak
//!   into employers' rankings.
//! - Ties are broken by the lottery when the policy draws one, else by lower fit cost, then
//!   longer service, then person id.
//!
//! Only suitable pairs are arcs: a ranking never makes an unsuitable pair suitable.

use redeploy_model::Lottery;

use super::TierProblem;
use super::rankings::lottery_number;
use crate::index::count;

/// One suitable open pair of a row, before ordering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenArc {
    /// Column of the post in the problem.
    pub col: u32,
    /// Weighted soft cost (what the optimal rule minimises).
    pub cost: i64,
    /// Soft cost without the person's preference terms.
    pub fit: i64,
    /// The person's listed place for the post (0 = first), if listed.
    pub listed: Option<u32>,
    /// The vacancy's listed place for the person (0 = first), if listed.
    pub listed_by_post: Option<u32>,
    /// The vacancy id's rank (last tie-break).
    pub id_rank: u32,
    /// The person's lottery number for the post (0 without a lottery).
    pub person_draw: u64,
    /// The post's lottery number for the person (0 without a lottery).
    pub post_draw: u64,
}

/// The lottery draws of one pair: (the person's for the post, the post's for the person).
pub(crate) fn draws(lottery: Lottery, seed: u32, person_id: &str, vacancy_id: &str) -> (u64, u64) {
    match lottery {
        Lottery::None => (0, 0),
        Lottery::Single => (
            lottery_number(seed, "people", vacancy_id),
            lottery_number(seed, "posts", person_id),
        ),
        Lottery::Multiple => (
            lottery_number(seed, person_id, vacancy_id),
            lottery_number(seed, vacancy_id, person_id),
        ),
    }
}

/// The place an arc's vacancy gave the person when it did not rank them: after every place it
/// gave (places number people, so they stay below `u32::MAX`).
pub(crate) const NOT_LISTED: u32 = u32::MAX;

impl TierProblem {
    /// Appends a row's arcs in the person's strict order, with their ranks.
    pub(crate) fn push_row(&mut self, arcs: &mut [OpenArc]) {
        let listed_places = arcs
            .iter()
            .filter_map(|a| a.listed)
            .max()
            .map_or(0, |p| p + 1);
        // Dense ranks of the unlisted posts by cost.
        let mut unlisted: Vec<i64> = arcs
            .iter()
            .filter(|a| a.listed.is_none())
            .map(|a| a.cost)
            .collect();
        unlisted.sort_unstable();
        unlisted.dedup();
        let rank = |arc: &OpenArc| match arc.listed {
            Some(place) => place + 1,
            None => {
                let dense = unlisted.partition_point(|&c| c < arc.cost);
                // Each arc of a row is a distinct column: the listed places and the unlisted
                // posts below this one number fewer than the columns, at most u32::MAX.
                listed_places + 1 + count(dense)
            }
        };
        arcs.sort_unstable_by_key(|a| (rank(a), a.person_draw, a.cost, a.id_rank, a.col));
        for arc in arcs.iter() {
            self.arc_col.push(arc.col);
            self.arc_cost.push(arc.cost);
            self.arc_rank.push(rank(arc));
            self.arc_fit.push(arc.fit);
            self.arc_listed_by_post
                .push(arc.listed_by_post.unwrap_or(NOT_LISTED));
            self.arc_post_draw.push(arc.post_draw);
        }
        self.arc_start.push(self.arc_col.len());
    }

    /// Works out every post's ranking of the rows that reach it, once all rows are pushed.
    pub(crate) fn rank_posts(&mut self) {
        let arcs = self.arc_count();
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); self.cols()];
        let mut row_of = vec![0usize; arcs];
        for row in 0..self.rows() {
            for arc in self.arc_start[row]..self.arc_start[row + 1] {
                by_col[self.arc_col[arc] as usize].push(arc);
                row_of[arc] = row;
            }
        }
        self.arc_post_rank = vec![0; arcs];
        self.arc_post_key = vec![(0, 0, 0, 0); arcs];
        for list in &by_col {
            let weak = |arc: usize| {
                let row = row_of[arc];
                let listed = self.arc_listed_by_post[arc];
                let fit = if listed == NOT_LISTED {
                    self.arc_fit[arc]
                } else {
                    0
                };
                (u8::MAX - self.class[row], listed, fit)
            };
            let mut keys: Vec<(u8, u32, i64)> = list.iter().map(|&arc| weak(arc)).collect();
            keys.sort_unstable();
            keys.dedup();
            for &arc in list {
                let dense = keys.partition_point(|&k| k < weak(arc));
                // At most one rank per row reaching the column, and rows are people.
                let rank = count(dense + 1);
                self.arc_post_rank[arc] = rank;
                self.arc_post_key[arc] = (
                    rank,
                    self.arc_post_draw[arc],
                    self.arc_fit[arc],
                    self.service_rank[row_of[arc]],
                );
            }
        }
    }
}
