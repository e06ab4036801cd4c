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
//!   the register;
//! - `deferred-acceptance-posts` (`deferred.rs`): vacancy-proposing deferred acceptance, stable;
//! - `rank-maximal` (`rank_maximal.rs`): the most people at their first choice, then their
//!   second, and so on.
//!
//! # Orders every rule shares
//!
//! Both sides' rankings (explicit where given, derived otherwise, ties broken by the policy's
//! lottery) are worked out once per problem in `build.rs`, which documents them:
//! - a person's **preference** over their suitable posts: each row's arcs are stored in it;
//! - a post's **ranking** of people ([`TierProblem::post_key`]);
//! - the **serial order**: seniority (statutory priority first, then longer service, then
//!   person id), or the policy's given or lottery order.
//!
//! Every rule returns, for each row, the column it is placed in, and is deterministic. The rules
//! work on bare row and column positions; [`solve`] hands the rest of the engine a
//! [`RowAssignment`] indexed by [`SolverRow`] and holding [`SolverCol`]s, read through
//! [`TierProblem::person_at`] and [`TierProblem::vacancy_at`].
//! `measures.rs` measures the outcome of any rule.

pub(crate) mod build;
mod deferred;
mod export;
mod first_come;
mod measures;
pub(crate) mod optimal;
#[cfg(test)]
mod oracle_tests;
mod rank_maximal;
mod rankings;
mod report;
mod serial;
mod stability;

pub use export::{
    AssignmentExport, RankedAgent, TwoSidedInstance, assignment_problem, two_sided_instance,
};
pub(crate) use measures::measure;
pub use measures::{Measures, RankProfile};
pub(crate) use rankings::{Rankings, lottery_number, ranked_ids};
pub use report::{RankedUnsuitable, TieBreakRecord};
pub(crate) use report::{ranked_unsuitable, tie_break_record};

use redeploy_model::{Ix, IxVec, MatchingRule, PersonIx, VacancyIx};

pub use stability::Stability;
use stability::stability;

use crate::error::Error;
use crate::index::count;

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
    /// The person's rank of each arc's post (1 = first choice; tied posts share a rank).
    pub arc_rank: Vec<u32>,
    /// Soft cost of each arc without the person's preference terms (the derived post ranking).
    pub arc_fit: Vec<i64>,
    /// The vacancy's listed place for each arc's person (`u32::MAX` when not listed).
    pub arc_listed_by_post: Vec<u32>,
    /// The post's lottery draw for each arc's person (0 without a lottery).
    pub arc_post_draw: Vec<u64>,
    /// The post's rank of each arc's person (1 = first; tied people share a rank).
    pub arc_post_rank: Vec<u32>,
    /// The post's strict ranking key of each arc's person: smaller is better.
    pub arc_post_key: Vec<PostKey>,
    /// Place of each row in the serial dictatorship's order (lower goes first).
    pub serial: Vec<(u32, u64, u32)>,
}

/// A post's strict ranking key of a person: (rank, lottery draw, fit cost, service rank).
pub(crate) type PostKey = (u32, u64, i64, u32);

redeploy_model::typed_id!(
    /// A row of a tier problem: one person ([`TierProblem::person_at`]).
    pub(crate) SolverRow
);
redeploy_model::typed_id!(
    /// A column of a tier problem: places of one vacancy ([`TierProblem::vacancy_at`]).
    pub(crate) SolverCol
);

/// Column per row: `Some(column)` when the row is placed. What [`solve`] returns and the rest
/// of the engine reads.
pub(crate) type RowAssignment = IxVec<SolverRow, Option<SolverCol>>;

/// Column per row as the rules inside this module compute it, by bare position; [`typed`] and
/// [`untyped`] convert at the module's boundary.
type ColOfRow = Vec<Option<u32>>;

/// The rules' assignment as the rest of the engine reads it.
fn typed(cols: ColOfRow) -> Result<RowAssignment, Error> {
    Ok(IxVec::new(
        cols.into_iter().map(|col| col.map(SolverCol)).collect(),
    )?)
}

/// An assignment by bare position, for the measures inside this module.
fn untyped(assignment: &RowAssignment) -> ColOfRow {
    assignment.iter().map(|col| col.map(|col| col.0)).collect()
}

impl TierProblem {
    /// Number of rows (people).
    pub fn rows(&self) -> usize {
        self.people.len()
    }

    /// Number of columns (vacancies).
    pub fn cols(&self) -> usize {
        self.vacancies.len()
    }

    /// The rows, in order.
    pub fn row_ids(&self) -> impl Iterator<Item = SolverRow> + use<> {
        (0..self.people.len()).map(|row| SolverRow(count(row)))
    }

    /// The columns, in order.
    pub fn col_ids(&self) -> impl Iterator<Item = SolverCol> + use<> {
        (0..self.vacancies.len()).map(|col| SolverCol(count(col)))
    }

    /// The person of row `row`.
    pub fn person_at(&self, row: SolverRow) -> PersonIx {
        self.people[row.position()]
    }

    /// The vacancy of column `col` (a column of this problem, as the solvers' assignments give
    /// them).
    pub fn vacancy_at(&self, col: SolverCol) -> VacancyIx {
        self.vacancies[col.position()]
    }

    /// Posts left in column `col`.
    pub fn capacity_at(&self, col: SolverCol) -> u32 {
        self.capacity[col.position()]
    }

    /// Number of arcs (suitable pairs).
    pub fn arc_count(&self) -> usize {
        self.arc_col.len()
    }

    /// Number of distinct vacancies: a vacancy whose places are split between its employer's
    /// own staff and everyone (`own_staff.rs`) has two columns.
    pub fn posts(&self) -> usize {
        let mut vacancies = self.vacancies.clone();
        vacancies.dedup();
        vacancies.len()
    }

    /// Number of distinct suitable (person, vacancy) pairs: a row may reach both columns of a
    /// split vacancy.
    pub fn pairs(&self) -> usize {
        let mut row_vacancies = Vec::new();
        (0..self.rows())
            .map(|row| {
                row_vacancies.clear();
                row_vacancies.extend(
                    self.arcs(row)
                        .map(|(col, _)| self.vacancy_at(SolverCol(col))),
                );
                row_vacancies.sort_unstable();
                row_vacancies.dedup();
                row_vacancies.len()
            })
            .sum()
    }

    /// The arcs of a row, in the person's preference order: (column, cost).
    pub fn arcs(&self, row: usize) -> impl Iterator<Item = (u32, i64)> + '_ {
        let range = self.arc_start[row]..self.arc_start[row + 1];
        self.arc_col[range.clone()]
            .iter()
            .copied()
            .zip(self.arc_cost[range].iter().copied())
    }

    /// The arc indices of a row, in the person's preference order.
    pub fn arc_range(&self, row: usize) -> std::ops::Range<usize> {
        self.arc_start[row]..self.arc_start[row + 1]
    }

    /// The arc joining `row` to `col`, if the pair is suitable and open.
    pub fn arc_of(&self, row: usize, col: u32) -> Option<usize> {
        self.arc_range(row).find(|&arc| self.arc_col[arc] == col)
    }

    /// How the post of `arc` ranks the arc's person, strictly: smaller is better.
    pub fn post_key(&self, arc: usize) -> PostKey {
        self.arc_post_key[arc]
    }

    /// Rows in the serial dictatorship's order: seniority (statutory priority, then longer
    /// service, then id) unless the policy gives an order or draws one.
    pub fn serial_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows()).collect();
        if self.serial.len() == self.rows() {
            order.sort_unstable_by_key(|&row| (self.serial[row], self.service_rank[row]));
        } else {
            order.sort_unstable_by_key(|&row| (u8::MAX - self.class[row], self.service_rank[row]));
        }
        order
    }
}

/// Solves a tier problem with a matching rule.
pub(crate) fn solve(rule: MatchingRule, problem: &TierProblem) -> Result<RowAssignment, Error> {
    typed(match rule {
        MatchingRule::Optimal => optimal::solve(problem)?,
        MatchingRule::DeferredAcceptance => deferred::solve(problem),
        MatchingRule::SerialDictatorship => serial::solve(problem),
        MatchingRule::FirstCome => first_come::solve(problem),
        MatchingRule::DeferredAcceptancePosts => deferred::solve_posts_proposing(problem),
        MatchingRule::RankMaximal => rank_maximal::solve(problem)?,
    })
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small tier problems written out by hand.

    use super::TierProblem;
    use super::build::OpenArc;

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
            let mut open: Vec<OpenArc> = arcs
                .iter()
                .enumerate()
                .map(|(place, &(col, cost))| OpenArc {
                    col,
                    cost,
                    fit: cost,
                    listed: Some(u32::try_from(place).unwrap()),
                    listed_by_post: None,
                    id_rank: col,
                    person_draw: 0,
                    post_draw: 0,
                })
                .collect();
            problem.push_row(&mut open);
        }
        problem.rank_posts();
        problem
    }

    /// Number of rows placed.
    pub fn placed(assignment: &[Option<u32>]) -> usize {
        assignment.iter().flatten().count()
    }
}
