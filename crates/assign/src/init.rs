//! Initialisation: Jonker–Volgenant column reduction (square one-class components only) and
//! augmenting row reduction, adapted to columns that may stay free and to capacities.
//!
//! Each free row takes the column with the smallest `cost - v`; when that column is full (and has
//! capacity 1) the row displaces its owner and the column's potential drops by the gap to the
//! row's second-best column, as in an auction. The displaced row is processed next. Potentials only
//! drop for columns that are (and stay) full, so free columns keep `v = 0`, and every assigned
//! pair is tight: the result satisfies the invariants of the crate docs, and the shortest path
//! phase finishes from there. A potential never drops below `-bound`, which keeps the overflow
//! proof's starting point. Column reduction instead starts every column at its cheapest arc,
//! which is sound only when every column ends full.

use crate::potential::Potential;
use crate::state::{NONE, State};

/// Jonker–Volgenant column reduction and reduction transfer: every column potential starts at the
/// column's cheapest arc and the column goes to that row if the row is still free (columns from
/// the last down, as in JV); a row that got exactly one column then lowers that column's potential
/// by its gap to its second-best column, so it stays tight while others look elsewhere. Only for
/// square problems where all columns end full (see the caller).
pub(crate) fn reduce_columns<P: Potential>(state: &mut State<'_, P>) {
    let problem = state.problem;
    let mut cheapest = vec![None::<(u32, u32)>; problem.cols()];
    for row in 0..problem.rows() {
        for arc in problem.row_slice(row) {
            let slot = &mut cheapest[arc.col as usize];
            if slot.is_none_or(|(cost, _)| arc.cost < cost) {
                *slot = Some((arc.cost, row as u32));
            }
        }
    }
    let mut wins = vec![0u32; problem.rows()];
    for (col, cheapest) in cheapest.iter().enumerate().rev() {
        let Some((cost, row)) = *cheapest else {
            continue;
        };
        state.cols[col].pot = P::from(cost);
        wins[row as usize] += 1;
        if wins[row as usize] == 1 && state.has_room(col as u32) {
            state.attach(row, col as u32);
            state.row_pot[row as usize] = P::ZERO;
        }
    }
    for row in 0..problem.rows() as u32 {
        let col = state.row_col[row as usize];
        if wins[row as usize] != 1 || col == NONE || state.cols[col as usize].cap != 1 {
            continue;
        }
        let gap = state
            .arcs(row)
            .iter()
            .filter(|a| a.col != col)
            .map(|a| P::from(a.cost) - state.cols[a.col as usize].pot)
            .min();
        if let Some(gap) = gap {
            state.cols[col as usize].pot = state.cols[col as usize].pot - gap;
            state.row_pot[row as usize] = gap;
        }
    }
}

/// The best and second-best `cost - v` of a row, with their columns (`NONE` when absent).
struct BestTwo<P> {
    best: P,
    best_col: u32,
    second: Option<P>,
    second_col: u32,
}

fn best_two<P: Potential>(state: &State<'_, P>, row: u32) -> Option<BestTwo<P>> {
    let mut arcs = state.arcs(row).iter();
    let first = arcs.next()?;
    let mut out = BestTwo {
        best: P::from(first.cost) - state.cols[first.col as usize].pot,
        best_col: first.col,
        second: None,
        second_col: NONE,
    };
    for arc in arcs {
        let value = P::from(arc.cost) - state.cols[arc.col as usize].pot;
        if value < out.best {
            out.second = Some(out.best);
            out.second_col = out.best_col;
            out.best = value;
            out.best_col = arc.col;
        } else if out.second.is_none_or(|s| value < s) {
            out.second = Some(value);
            out.second_col = arc.col;
        }
    }
    Some(out)
}

/// Runs `passes` rounds of augmenting row reduction over `rows` (all unassigned), in order.
/// `bound` is the largest allowed `-v`.
pub(crate) fn reduce_rows<P: Potential>(
    state: &mut State<'_, P>,
    rows: &[u32],
    passes: usize,
    bound: P,
) {
    let mut free = rows.to_vec();
    for _ in 0..passes {
        let mut next_free = Vec::new();
        // Immediate re-processing of displaced rows is bounded per pass; past it they wait.
        let mut budget = 64 * free.len() + 64;
        let mut k = 0;
        while k < free.len() {
            let row = free[k];
            k += 1;
            let Some(two) = best_two(state, row) else {
                continue;
            };
            let col = two.best_col;
            if state.has_room(col) {
                state.attach(row, col);
                let drop = price_drop(state, &two, col, bound, state.cols[col as usize].cap);
                state.cols[col as usize].pot = state.cols[col as usize].pot - drop;
                state.row_pot[row as usize] = two.best + drop;
                continue;
            }
            if state.cols[col as usize].cap != 1 {
                // Displacing from a multi-post column would untighten its other rows.
                continue;
            }
            let drop = price_drop(state, &two, col, bound, 1);
            if drop > P::ZERO {
                let owner = state.first_row(col);
                state.detach(owner);
                state.attach(row, col);
                state.cols[col as usize].pot = state.cols[col as usize].pot - drop;
                state.row_pot[row as usize] = two.best + drop;
                if budget > 0 {
                    budget -= 1;
                    k -= 1;
                    free[k] = owner;
                } else {
                    next_free.push(owner);
                }
                continue;
            }
            // A tie between the two best columns (or no room to lower the price): take the
            // second one when it has room or a single owner, else displace the first's owner.
            let target = match two.second {
                Some(second) if second == two.best => two.second_col,
                _ => col,
            };
            if state.has_room(target) {
                state.attach(row, target);
                state.row_pot[row as usize] = two.best;
                continue;
            }
            if state.cols[target as usize].cap != 1 {
                continue;
            }
            let owner = state.first_row(target);
            state.detach(owner);
            state.attach(row, target);
            state.row_pot[row as usize] = two.best;
            next_free.push(owner);
        }
        if next_free.is_empty() {
            break;
        }
        free = next_free;
    }
}

/// How far column `col`'s potential may drop once `row` holds it: the gap to the row's second-best
/// column, only if the column is then full with capacity 1, and never past `-bound`.
fn price_drop<P: Potential>(
    state: &State<'_, P>,
    two: &BestTwo<P>,
    col: u32,
    bound: P,
    capacity: u32,
) -> P {
    let Some(second) = two.second else {
        return P::ZERO;
    };
    if capacity != 1 {
        return P::ZERO;
    }
    let gap = second - two.best;
    let room = bound + state.cols[col as usize].pot;
    gap.min(room).max(P::ZERO)
}
