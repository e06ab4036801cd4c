//! Forward auction with ε-scaling (Bertsekas) for sparse square components with one priority
//! class, where every column has capacity 1: near-linear on random sparse problems, where
//! shortest augmenting paths grow quadratically.
//!
//! Costs are scaled by `n + 1` (`n` rows). Prices start from column reduction: each column's
//! cheapest arc gets the same value, so rows spread over the columns from their first bids.
//! Each unassigned row bids for the column with the smallest `scaled cost + price`, raising that
//! price by the gap to its second-best column plus `ε`, and displacing the column's owner (first
//! in, first out). Every phase ends with all rows assigned and every row within `ε` of its best
//! column (ε-complementary slackness); `ε` starts at 1/64 of the largest scaled cost and shrinks
//! by a factor of 16 per phase down to 1. With `ε = 1` the total slack is below `n < n + 1`, one
//! unit of unscaled cost, so the final assignment is optimal. The caller usually stops earlier,
//! once `ε` is a small fraction of one unscaled unit, and finishes with shortest augmenting paths
//! (the `handover` module).
//!
//! Prices grow without bound when no perfect assignment exists. The first phase therefore has a
//! budget of arc scans (a few passes over the arcs, several times what the benchmark instances
//! need); past it the auction checks once that a perfect assignment exists (the `deficiency`
//! module's maximum matching) and gives up if not. As a guard against overflow, a phase also
//! gives up (and the caller solves the component with shortest augmenting paths, which is exact
//! too) if any price passes the largest price at the start of the phase by more than
//! `2(n + 1)(max scaled cost + ε)`, the length of an alternating path of `2n` arcs; it does not
//! happen on the benchmark instances. With `(n + 1)^2 (C + 1) <= 2^54` the starting prices are
//! below `2^54`, each phase adds at most `2^56`, and there are at most 13 phases, so prices stay
//! below `2^60`.

use std::collections::VecDeque;

use crate::Problem;
use crate::deficiency;
use crate::state::NONE;

/// Factor by which ε shrinks between phases.
const SHRINK: i64 = 16;
/// The first phase's ε is the largest scaled cost divided by this.
const FIRST_DIVISOR: i64 = 64;
/// From this many arcs (4 MiB of them) the auction reads ahead for the next bidders (see
/// [`Auction::touch_next_bidders`]); below, everything stays in cache and reading ahead costs time.
const LOOK_AHEAD_ARCS: usize = 1 << 19;
/// Arc scans allowed, in passes over all arcs, before the auction checks that a perfect
/// assignment exists.
const CHECK_AFTER_PASSES: usize = 16;

/// Why an auction stopped without an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GaveUp {
    /// No perfect assignment exists.
    NoPerfectAssignment,
    /// A price passed the phase bound of the module docs.
    PriceBound,
}

/// The auction's state between phases: prices, owners, the current ε.
pub(crate) struct Auction<'p> {
    problem: &'p Problem,
    scale: i64,
    max_scaled: i64,
    price: Vec<i64>,
    owner: Vec<u32>,
    free: VecDeque<u32>,
    epsilon: i64,
    /// Arc scans left before the perfect-assignment check; `None` once a perfect assignment is
    /// known to exist.
    budget: Option<usize>,
}

impl<'p> Auction<'p> {
    /// An auction on `problem`, which must be square (rows = columns), with every capacity 1,
    /// every row with an arc, and `(n + 1)^2 (C + 1) <= 2^54`.
    pub(crate) fn new(problem: &'p Problem) -> Self {
        let n = problem.rows();
        let scale = n as i64 + 1;
        let max_scaled = problem.max_cost().max(1) * scale;
        Auction {
            problem,
            scale,
            max_scaled,
            price: starting_prices(problem, scale),
            owner: vec![NONE; problem.cols()],
            free: VecDeque::with_capacity(n),
            epsilon: (max_scaled / FIRST_DIVISOR).max(1),
            budget: Some(CHECK_AFTER_PASSES * (problem.arcs() + n)),
        }
    }

    /// The factor costs are scaled by (`n + 1`).
    pub(crate) fn scale(&self) -> i64 {
        self.scale
    }

    /// The ε of the current (or last finished) phase, in scaled units.
    pub(crate) fn epsilon(&self) -> i64 {
        self.epsilon
    }

    /// Column prices, in scaled units.
    pub(crate) fn prices(&self) -> &[i64] {
        &self.price
    }

    /// Each row's column after a finished phase.
    pub(crate) fn row_col(&self) -> Vec<u32> {
        let mut row_col = vec![NONE; self.problem.rows()];
        for (col, &row) in self.owner.iter().enumerate() {
            if row != NONE {
                row_col[row as usize] = col as u32;
            }
        }
        row_col
    }

    /// Moves to the next phase's ε; `false` when ε is already 1.
    pub(crate) fn shrink(&mut self) -> bool {
        if self.epsilon == 1 {
            return false;
        }
        self.epsilon = (self.epsilon / SHRINK).max(1);
        true
    }

    /// Runs one phase at the current ε: every row unassigned, then bids until all are assigned.
    pub(crate) fn run_phase(&mut self) -> Result<(), GaveUp> {
        let n = self.problem.rows();
        let (scale, epsilon) = (self.scale, self.epsilon);
        let start_max = self.price.iter().copied().max().unwrap_or(0);
        let price_bound = start_max + 2 * scale * (self.max_scaled + epsilon);
        self.owner.fill(NONE);
        self.free.clear();
        self.free.extend(0..n as u32);
        let look_ahead = self.problem.arcs() >= LOOK_AHEAD_ARCS;
        while let Some(row) = self.free.pop_front() {
            if look_ahead {
                self.touch_next_bidders();
            }
            let arcs = self.problem.row_slice(row as usize);
            if let Some(budget) = self.budget {
                if budget < arcs.len() {
                    if !deficiency::all_rows_assignable(self.problem) {
                        return Err(GaveUp::NoPerfectAssignment);
                    }
                    self.budget = None;
                } else {
                    self.budget = Some(budget - arcs.len());
                }
            }
            let mut best = i64::MAX;
            let mut second = i64::MAX;
            let mut best_col = NONE;
            for arc in arcs {
                let value = i64::from(arc.cost) * scale + self.price[arc.col as usize];
                if value < best {
                    second = best;
                    best = value;
                    best_col = arc.col;
                } else if value < second {
                    second = value;
                }
            }
            if best_col == NONE {
                return Err(GaveUp::NoPerfectAssignment);
            }
            let raise = if second == i64::MAX {
                epsilon
            } else {
                second - best + epsilon
            };
            let col = best_col as usize;
            self.price[col] += raise;
            if self.price[col] > price_bound {
                return Err(GaveUp::PriceBound);
            }
            let previous = self.owner[col];
            self.owner[col] = row;
            if previous != NONE {
                self.free.push_back(previous);
            }
        }
        // A finished phase is a perfect assignment: no check needed any more.
        self.budget = None;
        Ok(())
    }

    /// Reads, without using them, what the next three bids will need: the prices of the next
    /// bidder's columns, the first arc of the one after, the row bounds of the third. On problems
    /// larger than the caches each of these is a miss; issued now, they overlap the current bid
    /// instead of stalling the next ones (a software pipeline made of plain loads).
    #[inline]
    fn touch_next_bidders(&self) {
        if let Some(&next) = self.free.front() {
            let mut touched = 0i64;
            for arc in self.problem.row_slice(next as usize) {
                touched |= self.price[arc.col as usize];
            }
            std::hint::black_box(touched);
        }
        if let Some(&second) = self.free.get(1) {
            std::hint::black_box(
                self.problem
                    .row_slice(second as usize)
                    .first()
                    .map(|a| a.cost),
            );
        }
        if let Some(&third) = self.free.get(2) {
            std::hint::black_box(self.problem.row_slice(third as usize).first());
        }
    }
}

/// Column reduction as starting prices: `price[j] = (C' - cheapest cost of column j) * scale`
/// with `C'` the largest of those cheapest costs, so every column's cheapest arc has the same
/// value `C' * scale` and rows spread over the columns from the first bids.
fn starting_prices(problem: &Problem, scale: i64) -> Vec<i64> {
    let mut cheapest = vec![u32::MAX; problem.cols()];
    for row in 0..problem.rows() {
        for arc in problem.row_slice(row) {
            let slot = &mut cheapest[arc.col as usize];
            *slot = (*slot).min(arc.cost);
        }
    }
    let top = cheapest
        .iter()
        .copied()
        .filter(|&c| c != u32::MAX)
        .max()
        .unwrap_or(0);
    cheapest
        .iter()
        .map(|&c| {
            if c == u32::MAX {
                0
            } else {
                i64::from(top - c) * scale
            }
        })
        .collect()
}

/// Runs every phase down to `ε = 1` and returns each row's column (optimal), or why the auction
/// gave up. Preconditions as for [`Auction::new`].
#[cfg(test)]
pub(crate) fn auction(problem: &Problem) -> Result<Vec<u32>, GaveUp> {
    let mut auction = Auction::new(problem);
    loop {
        auction.run_phase()?;
        if !auction.shrink() {
            return Ok(auction.row_col());
        }
    }
}
