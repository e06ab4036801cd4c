//! The dual information of an assignment: potentials that certify its cost, and which rows can
//! give up their column without losing a placement (the Kőnig / Dulmage–Mendelsohn structure).
//!
//! This module owns two read-only views of an assignment the solver returned; neither changes it.
//!
//! - [`potentials`]: row and column potentials `u`, `v` with `cost - u - v >= 0` on every arc,
//!   equality on every assigned pair, `v <= 0` everywhere and `v = 0` on every column with spare
//!   capacity. They are computed from the assignment (a shortest-path pass over its alternating
//!   arcs), not read from the solver's working state: the solver's fast paths (the auction, the
//!   complete-matrix LAPJV, the transposed surplus block) keep their potentials in other forms.
//! - [`alternating_reach`]: for each row, the best unassigned row (by a key the caller gives)
//!   from which an alternating path reaches it.
//!
//! # What the potentials certify
//!
//! For any assignment `A'` that places exactly the rows `R` the assignment `A` places,
//! `cost(A') = Σ (cost - u - v) + Σ_R u + Σ_j load'(j) v(j) >= Σ_R u + Σ_j cap(j) v(j) = cost(A)`,
//! since reduced costs are non-negative, `v <= 0` and `load' <= cap`, with equality for `A`
//! (tight pairs, and `v = 0` wherever `A` leaves a place free). So `A` has the least cost among
//! the assignments that place the same rows: with the solver's objective (classes, then
//! cardinality, then cost) every such assignment is as good in the first two, so this is exactly
//! the third. By the same sum, giving column `j` one more place can lower the cost of placing
//! `R` by at most `-v(j)`, and a new column `k` with arcs of cost `c(i, k)` by at most
//! `max(0, max_i u(i) - c(i, k))` (the old potentials with `v(k) = min(0, min_i c(i, k) - u(i))`
//! stay feasible).
//!
//! # What the reach says
//!
//! Take an assignment of maximum cardinality (every assignment [`crate::solve`] returns is one,
//! whatever the classes: the row sets a problem can place form a matroid, and the
//! class-by-class greedy optimum is one of its bases). An *alternating path* from an
//! unassigned row `r` goes along any arc of `r` to a column, back to any row assigned there,
//! along any arc of that row, and so on. A row `s` reached from `r` can give up its column while
//! `r` is placed instead: the rows `R - s + r` can all be placed at once, and these are the only
//! such exchanges (the symmetric difference of the two assignments is that path). Hence:
//! - the rows reached from some unassigned row (and the unassigned rows themselves) are exactly
//!   the rows that some maximum assignment leaves unassigned (Kőnig, Dulmage–Mendelsohn);
//! - a new column of one place adds a placement exactly when one of its arcs meets such a row
//!   (an augmenting path must end at the new column, and its last row is reached);
//! - the unassigned row it would place is any row that reaches that one; the key picks the best.
//!
//! # What the cheapest reach says
//!
//! Moving the rows along an alternating path from unassigned row `r` so that row `s` gives up
//! its column changes the total cost by `u(r) + Σ (cost - u - v) - u(s)` over the path's forward
//! arcs (the potentials telescope; backward arcs are tight). [`cheapest_reach`] finds, for each
//! row, the least such change and its `r`, by Dijkstra on reduced costs from every unassigned row
//! at once. A new column `k` joined to rows `s` at cost `c(s, k)` then adds a placement at a cost
//! of `min_s (change(s) + c(s, k))`. For a one-class problem, whose optimum is the cheapest of all
//! assignments of its cardinality, this is exactly the cost the optimum with the new column adds
//! (successive shortest paths), and the row it places is that path's `r` (up to ties).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use crate::Problem;

/// Row and column potentials of an assignment; see the module docs for what they certify.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{potentials, solve, Problem};
///
/// // Two rows want column 0; row 1 can also take column 1 at a higher cost.
/// let mut builder = Problem::builder(2, 2);
/// builder.arc(0, 0, 3).arc(1, 0, 1).arc(1, 1, 6);
/// let problem = builder.build()?;
/// let assignment = solve(&problem);
/// let duals = potentials(&problem, &assignment.row_to_col).expect("the solver's optimum");
/// // Column 0 is worth 5 to the assignment: a second place there would save row 1 five.
/// assert_eq!(duals.col, vec![-5, 0]);
/// assert_eq!(duals.row, vec![8, 6]);
/// assert_eq!(duals.reduced(1, 1, 6), 0);
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Potentials {
    /// `u`: for an assigned row, its pair's cost less its column's potential; for an unassigned
    /// row, the largest value that keeps its arcs' reduced costs non-negative (0 without arcs).
    pub row: Vec<i64>,
    /// `v`: at most 0, and 0 on every column with spare capacity; `-v(j)` bounds what one more
    /// place at column `j` could save.
    pub col: Vec<i64>,
}

impl Potentials {
    /// The reduced cost `cost - u(row) - v(col)` of a pair of cost `cost`.
    ///
    /// # Panics
    ///
    /// If `row` or `col` is out of range.
    pub fn reduced(&self, row: usize, col: usize, cost: i64) -> i64 {
        cost - self.row[row] - self.col[col]
    }
}

/// The potentials of the assignment `row_to_col` (each row's column, as
/// [`crate::Assignment::row_to_col`] holds it) on `problem` (see the module docs), or `None` when
/// there are none: the assignment does not fit the problem, or another assignment places the
/// same rows for less.
///
/// # Complexity
///
/// A queue-based Bellman–Ford pass over the columns, where column `a` leads to every column `j`
/// some row assigned to `a` has an arc to, at length `cost(i, j) - cost(i, a)`: `O(cols · arcs)`
/// in the worst case, typically a few passes over the arcs of the assigned rows.
///
/// # Examples
///
/// An assignment that is not the cheapest for its rows has no potentials:
///
/// ```
/// use redeploy_assign::{potentials, solve, Problem};
///
/// let mut builder = Problem::builder(2, 2);
/// builder.arc(0, 0, 1).arc(0, 1, 5).arc(1, 0, 5).arc(1, 1, 1);
/// let problem = builder.build()?;
/// assert!(potentials(&problem, &solve(&problem).row_to_col).is_some());
/// assert!(potentials(&problem, &[Some(1), Some(0)]).is_none());
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn potentials(problem: &Problem, row_to_col: &[Option<usize>]) -> Option<Potentials> {
    let cols = problem.cols();
    let rows_of = rows_of_col(problem, row_to_col)?;
    let own_cost = |row: usize| -> Option<i64> { problem.arc_cost(row, row_to_col[row]?) };
    // Shortest distances from a source joined to every column at length 0: dist <= 0.
    let mut dist = vec![0i64; cols];
    let mut edges = vec![0usize; cols];
    let mut queued = vec![false; cols];
    let mut queue: VecDeque<usize> = (0..cols).filter(|&c| !rows_of[c].is_empty()).collect();
    for &c in &queue {
        queued[c] = true;
    }
    while let Some(a) = queue.pop_front() {
        queued[a] = false;
        for &row in &rows_of[a] {
            let base = own_cost(row)?;
            for (j, cost) in problem.row_arcs(row) {
                let d = dist[a] + cost - base;
                if d < dist[j] {
                    dist[j] = d;
                    edges[j] = edges[a] + 1;
                    if edges[j] > cols {
                        // A shortest path never repeats a column: a cycle of negative length, a
                        // cheaper way to place the same rows.
                        return None;
                    }
                    if !queued[j] && !rows_of[j].is_empty() {
                        queued[j] = true;
                        queue.push_back(j);
                    }
                }
            }
        }
    }
    if (0..cols).any(|j| (rows_of[j].len() as u32) < problem.capacity(j) && dist[j] < 0) {
        // A chain of moves ending at a free place would lower the cost.
        return None;
    }
    let row = (0..problem.rows())
        .map(|r| match row_to_col[r] {
            Some(col) => own_cost(r).map_or(0, |c| c - dist[col]),
            None => problem
                .row_arcs(r)
                .map(|(j, cost)| cost - dist[j])
                .min()
                .unwrap_or(0),
        })
        .collect();
    Some(Potentials { row, col: dist })
}

/// For each row of `problem`, the unassigned row with the largest `key` (the smallest index on a
/// tie) from which an alternating path of the assignment `row_to_col` reaches it; `None` for a
/// row no alternating path from an unassigned row reaches. An unassigned row reaches itself.
/// `None` instead of the list when `row_to_col` does not fit `problem`.
///
/// For an assignment of maximum cardinality (as [`crate::solve`] returns), a row has `Some` exactly
/// when some maximum assignment leaves it unassigned, and a new column of one place with an arc to
/// row `s` adds a placement exactly when `s` has `Some(r)`: row `s` may move there, and `r` is then
/// placed by shifting the rows along the path (see the module docs).
///
/// # Complexity
///
/// `O(rows + cols + arcs)` after sorting the unassigned rows by key: each row and column is
/// visited once, by the first (best) unassigned row that reaches it.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{alternating_reach, solve, Problem};
///
/// // Rows 0 and 1 compete for column 0; row 2 holds column 1 alone.
/// let mut builder = Problem::builder(3, 2);
/// builder.arc(0, 0, 1).arc(1, 0, 2).arc(2, 1, 1);
/// let problem = builder.build()?;
/// let assignment = solve(&problem);
/// assert_eq!(assignment.row_to_col, vec![Some(0), None, Some(1)]);
/// // A new post for row 0 would free column 0 for row 1; one for row 2 adds no placement.
/// let pay = [10, 20, 30];
/// let reach = alternating_reach(&problem, &assignment.row_to_col, |row| pay[row]);
/// assert_eq!(reach, Some(vec![Some(1), Some(1), None]));
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn alternating_reach<K: Ord>(
    problem: &Problem,
    row_to_col: &[Option<usize>],
    key: impl Fn(usize) -> K,
) -> Option<Vec<Option<usize>>> {
    let rows = problem.rows();
    let cols = problem.cols();
    let rows_of = rows_of_col(problem, row_to_col)?;
    let mut starts: Vec<usize> = (0..rows).filter(|&r| row_to_col[r].is_none()).collect();
    starts.sort_by_cached_key(|&r| (Reverse(key(r)), r));
    let mut from: Vec<Option<usize>> = vec![None; rows];
    let mut seen_col = vec![false; cols];
    let mut queue = VecDeque::new();
    for start in starts {
        from[start] = Some(start);
        queue.push_back(start);
        while let Some(row) = queue.pop_front() {
            for (col, _) in problem.row_arcs(row) {
                if std::mem::replace(&mut seen_col[col], true) {
                    continue;
                }
                for &next in &rows_of[col] {
                    if from[next].is_none() {
                        from[next] = Some(start);
                        queue.push_back(next);
                    }
                }
            }
        }
    }
    Some(from)
}

/// For each row, the least change in total cost (see the module docs) of moving the rows along
/// an alternating path from an unassigned row so that this row gives up its column, with that
/// unassigned row: `(row, change)`; `(row, 0)` for an unassigned row; `None` for a row no
/// alternating path from an unassigned row reaches. Ties go to the smaller change, then the
/// smaller unassigned row. `None` instead of the list when `row_to_col` does not fit `problem`
/// or `duals` does not have its shape.
///
/// # Complexity
///
/// One Dijkstra search over rows and columns from every unassigned row at once:
/// `O((rows + cols + arcs) log(cols + rows))`.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{cheapest_reach, potentials, solve, Problem};
///
/// // Row 0 holds column 0 (cost 1) and could take column 1 (cost 4); row 1 can only take
/// // column 0 (cost 2) and is left out.
/// let mut builder = Problem::builder(2, 2);
/// builder.arc(0, 0, 1).arc(0, 1, 4).arc(1, 0, 2).capacity(1, 0);
/// let problem = builder.build()?;
/// let assignment = solve(&problem);
/// assert_eq!(assignment.row_to_col, vec![Some(0), None]);
/// let duals = potentials(&problem, &assignment.row_to_col).unwrap();
/// // Row 1 taking column 0 from row 0 costs 2 - 1 = 1 more.
/// let reach = cheapest_reach(&problem, &assignment.row_to_col, &duals);
/// assert_eq!(reach, Some(vec![Some((1, 1)), Some((1, 0))]));
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn cheapest_reach(
    problem: &Problem,
    row_to_col: &[Option<usize>],
    duals: &Potentials,
) -> Option<Vec<Option<(usize, i64)>>> {
    let rows_of = rows_of_col(problem, row_to_col)?;
    if duals.row.len() != problem.rows() || duals.col.len() != problem.cols() {
        return None;
    }
    // Labels are `u(r) + Σ reduced` (in i128: potentials and sums of costs stay far inside it).
    // A node is a column (kind 0) or a row (kind 1).
    let mut row_label: Vec<Option<(i128, usize)>> = vec![None; problem.rows()];
    let mut col_label: Vec<Option<(i128, usize)>> = vec![None; problem.cols()];
    let mut done_row = vec![false; problem.rows()];
    let mut done_col = vec![false; problem.cols()];
    let mut heap: BinaryHeap<Reverse<(i128, usize, u8, usize)>> = BinaryHeap::new();
    for (row, col) in row_to_col.iter().enumerate() {
        if col.is_none() {
            let label = i128::from(duals.row[row]);
            row_label[row] = Some((label, row));
            heap.push(Reverse((label, row, 1, row)));
        }
    }
    while let Some(Reverse((label, source, kind, node))) = heap.pop() {
        if kind == 0 {
            if std::mem::replace(&mut done_col[node], true) {
                continue;
            }
            // Backward arcs to the column's rows are tight: the same label.
            for &row in &rows_of[node] {
                if !done_row[row] && row_label[row].is_none_or(|old| (label, source) < old) {
                    row_label[row] = Some((label, source));
                    heap.push(Reverse((label, source, 1, row)));
                }
            }
            continue;
        }
        if std::mem::replace(&mut done_row[node], true) {
            continue;
        }
        for (col, cost) in problem.row_arcs(node) {
            let reduced = i128::from(duals.reduced(node, col, cost)).max(0);
            let next = (label + reduced, source);
            if !done_col[col] && col_label[col].is_none_or(|old| next < old) {
                col_label[col] = Some(next);
                heap.push(Reverse((next.0, source, 0, col)));
            }
        }
    }
    Some(
        row_label
            .iter()
            .enumerate()
            .map(|(row, label)| {
                label.map(|(label, source)| {
                    let change = label - i128::from(duals.row[row]);
                    (source, i64::try_from(change).unwrap_or(i64::MAX))
                })
            })
            .collect(),
    )
}

/// The rows assigned to each column, by increasing row; `None` when `row_to_col` does not fit
/// `problem` (another row count, a pair that is not an arc, a column over its capacity).
fn rows_of_col(problem: &Problem, row_to_col: &[Option<usize>]) -> Option<Vec<Vec<usize>>> {
    if row_to_col.len() != problem.rows() {
        return None;
    }
    let mut rows_of = vec![Vec::new(); problem.cols()];
    for (row, col) in row_to_col.iter().enumerate() {
        let Some(col) = *col else { continue };
        problem.arc_cost(row, col)?;
        rows_of[col].push(row);
        if rows_of[col].len() as u64 > u64::from(problem.capacity(col)) {
            return None;
        }
    }
    Some(rows_of)
}
