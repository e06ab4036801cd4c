//! Matching rules: how the posts of one tier problem are shared among its people.
//!
//! This module owns [`TierProblem`], the domain-free input every rule works on (rows are people,
//! columns are vacancies with a capacity, arcs are suitable pairs with a weighted soft cost), and
//! dispatches to the four rules:
//!
//! - `optimal` (`optimal.rs`): the lexicographic optimum from the assignment solver;
//! - `deferred-acceptance` (`deferred.rs`): person-proposing deferred acceptance, stable;
//! - `serial-dictatorship` (`serial.rs`): people in priority then service order each take their
//!   best remaining post;
//! - `first-come` (`first_come.rs`): posts in advertised order go to the first suitable person on
//!   the register.
//!
//! # Orders every rule shares
//!
//! - A person's **preference** over their suitable posts: the posts they ranked, in their order,
//!   then the rest by ascending soft cost, then by vacancy id. Each row's arcs are stored in this
//!   order.
//! - A post's **ranking** of people: statutory priority first (when the policy places priority
//!   first), then lower soft cost (the better fit), then longer continuous service, then person id.
//! - **Seniority**: statutory priority first, then longer service, then person id.
//!
//! Every rule returns, for each row, the column it is placed in, and is deterministic.

use redeploy_model::{PersonIx, VacancyIx};
mod deferred;
mod first_come;
mod optimal;
mod serial;
mod stability;

use redeploy_model::MatchingRule;

pub use stability::Stability;
pub(crate) use stability::stability;

use crate::error::Error;

/// One tier's problem for one scope unit.
#[derive(Debug, Clone, Default)]
pub(crate) struct TierProblem {
    /// Person of each row.
    pub people: Vec<PersonIx>,
    /// Vacancy of each column.
    pub vacancies: Vec<VacancyIx>,
    /// Posts left in each column.
    pub capacity: Vec<u32>,
    /// Solver priority class of each row (1 = statutory priority placed first, 0 = none).
    pub class: Vec<u8>,
    /// Rank of each row by longer service then person id (0 = longest service).
    pub service_rank: Vec<u32>,
    /// Position of each row on the first-come register (lower is earlier).
    pub register: Vec<u64>,
    /// Advertised order of each column: (advertised position, vacancy id rank).
    pub post_order: Vec<(u32, u32)>,
    /// Start of each row's arcs in `arc_col`/`arc_cost`; one more entry than rows.
    pub arc_start: Vec<usize>,
    /// Column of each arc; each row's arcs are in the person's preference order.
    pub arc_col: Vec<u32>,
    /// Weighted soft cost of each arc (lower is better).
    pub arc_cost: Vec<i64>,
}

/// Column per row: `Some(column)` when the row is placed.
pub(crate) type RowAssignment = Vec<Option<u32>>;

impl TierProblem {
    /// Number of rows (people).
    pub fn rows(&self) -> usize {
        self.people.len()
    }

    /// Number of columns (vacancies).
    pub fn cols(&self) -> usize {
        self.vacancies.len()
    }

    /// Number of arcs (suitable pairs).
    pub fn arc_count(&self) -> usize {
        self.arc_col.len()
    }

    /// The arcs of a row, in the person's preference order: (column, cost).
    pub fn arcs(&self, row: usize) -> impl Iterator<Item = (u32, i64)> + '_ {
        let range = self.arc_start[row]..self.arc_start[row + 1];
        self.arc_col[range.clone()]
            .iter()
            .copied()
            .zip(self.arc_cost[range].iter().copied())
    }

    /// How a post ranks a row reached by an arc of cost `cost`: smaller is better.
    pub fn post_rank_key(&self, row: usize, cost: i64) -> (u8, i64, u32) {
        (u8::MAX - self.class[row], cost, self.service_rank[row])
    }

    /// Rows in seniority order: statutory priority first, then longer service, then id.
    pub fn seniority_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows()).collect();
        order.sort_unstable_by_key(|&row| (u8::MAX - self.class[row], self.service_rank[row]));
        order
    }
}

/// Solves a tier problem with a matching rule.
pub(crate) fn solve(rule: MatchingRule, problem: &TierProblem) -> Result<RowAssignment, Error> {
    Ok(match rule {
        MatchingRule::Optimal => optimal::solve(problem)?,
        MatchingRule::DeferredAcceptance => deferred::solve(problem),
        MatchingRule::SerialDictatorship => serial::solve(problem),
        MatchingRule::FirstCome => first_come::solve(problem),
    })
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small tier problems written out by hand.

    use super::TierProblem;

    /// Builds a problem from rows of (class, [(col, cost)...]) in preference order; service rank
    /// is the row order, register is the row order, post order is the column order.
    pub fn problem(capacity: &[u32], rows: &[(u8, &[(u32, i64)])]) -> TierProblem {
        let mut problem = TierProblem {
            people: (0..rows.len() as u32)
                .map(redeploy_model::Ix::from_position)
                .collect(),
            vacancies: (0..capacity.len() as u32)
                .map(redeploy_model::Ix::from_position)
                .collect(),
            capacity: capacity.to_vec(),
            post_order: (0..capacity.len() as u32).map(|c| (c, c)).collect(),
            arc_start: vec![0],
            ..TierProblem::default()
        };
        for (position, (class, arcs)) in rows.iter().enumerate() {
            problem.class.push(*class);
            problem.service_rank.push(position as u32);
            problem.register.push(position as u64);
            for &(col, cost) in arcs.iter() {
                problem.arc_col.push(col);
                problem.arc_cost.push(cost);
            }
            problem.arc_start.push(problem.arc_col.len());
        }
        problem
    }

    /// Number of rows placed.
    pub fn placed(assignment: &[Option<u32>]) -> usize {
        assignment.iter().flatten().count()
    }
}
