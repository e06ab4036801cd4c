//! Forward auction with ε-scaling (Bertsekas) for sparse square components with one priority
//! class, where every column has capacity 1: near-linear on random sparse problems, where
//! shortest augmenting paths grow quadratically.
//!
//! Costs are scaled by `n + 1` (`n` rows). Each unassigned row bids for the column with the
//! smallest `scaled cost + price`, raising that price by the gap to its second-best column plus
//! `ε`, and displacing the column's owner. Every phase ends with all rows assigned and every row
//! within `ε` of its best column (ε-complementary slackness); `ε` shrinks by a factor of 16 per phase
//! down to 1. With `ε = 1` the total slack is below `n < n + 1`, one unit of unscaled cost,
//! so the final assignment is optimal.
//!
//! The caller first checks that a perfect assignment exists, since otherwise prices would grow
//! without bound. As a guard against overflow, a phase gives up (and the caller solves the
//! component with shortest augmenting paths, which is exact too) if any price passes the largest
//! price at the start of the phase by more than `2(n + 1)(max scaled cost + ε)`, the length of
//! an alternating path of `2n` arcs; it does not happen on the benchmark instances. With
//! `(n + 1)^2 (C + 1) <= 2^54` each phase adds at most `2^56`, and there are at most 15 phases,
//! so prices stay below `2^60`.

use std::collections::VecDeque;

use crate::Problem;
use crate::state::NONE;

/// Factor by which ε shrinks between phases.
const SHRINK: i64 = 16;
/// Runs the auction on `problem`, which must be square (rows = columns), with every capacity 1,
/// a perfect assignment, and `(n + 1)^2 (C + 1) <= 2^54`. Returns each row's column, or `None`
/// if a price passes the phase bound of the module docs.
pub(crate) fn auction(problem: &Problem) -> Option<Vec<u32>> {
    let n = problem.rows();
    let scale = n as i64 + 1;
    let max_scaled = problem.max_cost().max(1) * scale;
    let mut price = vec![0i64; problem.cols()];
    let mut owner = vec![NONE; problem.cols()];
    let mut row_col = vec![NONE; n];
    let mut free: VecDeque<u32> = VecDeque::with_capacity(n);
    let mut epsilon = (max_scaled / SHRINK).max(1);
    loop {
        let start_max = price.iter().copied().max().unwrap_or(0);
        let price_bound = start_max + 2 * scale * (max_scaled + epsilon);
        owner.fill(NONE);
        row_col.fill(NONE);
        free.extend(0..n as u32);
        while let Some(row) = free.pop_front() {
            let arcs = problem.row_slice(row as usize);
            let mut best = i64::MAX;
            let mut second = i64::MAX;
            let mut best_col = NONE;
            for arc in arcs {
                let value = i64::from(arc.cost) * scale + price[arc.col as usize];
                if value < best {
                    second = best;
                    best = value;
                    best_col = arc.col;
                } else if value < second {
                    second = value;
                }
            }
            if best_col == NONE {
                return None;
            }
            let raise = if second == i64::MAX {
                epsilon
            } else {
                second - best + epsilon
            };
            let col = best_col as usize;
            price[col] += raise;
            if price[col] > price_bound {
                return None;
            }
            let previous = owner[col];
            owner[col] = row;
            row_col[row as usize] = best_col;
            if previous != NONE {
                row_col[previous as usize] = NONE;
                free.push_back(previous);
            }
        }
        if epsilon == 1 {
            return Some(row_col);
        }
        epsilon = (epsilon / SHRINK).max(1);
    }
}
