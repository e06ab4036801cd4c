//! One shortest-augmenting-path step: insert a row into an optimal partial assignment and keep it
//! optimal (successive shortest paths with Dijkstra on reduced costs and a binary heap).
//!
//! The search runs from the new row `r` over alternating paths (row → column along an arc,
//! column → its assigned rows backwards). Every arc has a non-negative reduced cost
//! `cost - row_pot - col_pot`, so Dijkstra applies. The path may end
//! - at a column with spare capacity: one more row is assigned (always preferred), or
//! - when no such column is reachable, at an assigned row `s` that gives up its column
//!   ("swap"): allowed when `s` has a lower priority class than `r`, or the same class and the
//!   swap lowers the total cost. Otherwise `r` stays unassigned.
//!
//! Among end points, the order is: spare column by path cost (the first one labelled wins a tie);
//! then swaps by the displaced row's class, then by the change in total cost, then by row index. This is the lexicographic objective
//! restricted to one insertion, which keeps the assignment optimal for the rows inserted so far.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::potential::Potential;
use crate::state::{NONE, State};

const UNSEEN: u8 = 0;
const LABELLED: u8 = 1;
const SCANNED: u8 = 2;

/// Scratch space reused by every search of a component; reset in time proportional to what the
/// last search touched. Labels, predecessors and marks live in [`crate::state::Column`].
pub(crate) struct Search<P> {
    touched: Vec<u32>,
    scanned: Vec<u32>,
    heap: BinaryHeap<Reverse<(P, u32)>>,
    /// Dense mode (rows that reach most columns): labelled full columns in a plain list, scanned
    /// for the minimum as in dense Jonker–Volgenant, instead of the heap.
    dense: bool,
    /// Every row has an arc to every column: labels are kept for all columns and each scan is
    /// one pass over the unscanned ones that also finds the next minimum (dense JV).
    complete: bool,
    todo: Vec<u32>,
    /// Complete mode: labels and potentials of the columns in `todo`, position for position.
    todo_dist: Vec<P>,
    todo_pot: Vec<P>,
    /// The cheapest column with spare capacity labelled so far: `(label, column)`.
    best_spare: Option<(P, u32)>,
}

/// Where an insertion ended.
enum End {
    /// A column with spare capacity.
    Spare(u32),
    /// An assigned row that gives up its column.
    Swap(u32),
    /// No improving end point: the row stays unassigned.
    Unassigned,
}

impl<P: Potential> Search<P> {
    /// Scratch for searches on `problem`; dense mode when rows average at least a quarter of the
    /// columns.
    pub(crate) fn new(problem: &crate::Problem) -> Self {
        let cells = problem.rows() as u64 * problem.cols() as u64;
        Search {
            touched: Vec::new(),
            scanned: Vec::new(),
            heap: BinaryHeap::new(),
            dense: cells > 0 && 4 * problem.arcs() as u64 >= cells,
            complete: cells > 0 && problem.arcs() as u64 == cells,
            todo: Vec::new(),
            todo_dist: Vec::new(),
            todo_pot: Vec::new(),
            best_spare: None,
        }
    }

    /// Inserts unassigned row `r`; see the module docs. With `stop_if_stuck`, a search that
    /// reaches no spare column changes nothing and returns `false`.
    pub(crate) fn insert(&mut self, state: &mut State<'_, P>, r: u32, stop_if_stuck: bool) -> bool {
        let Some(pot) = state.best_row_potential(r) else {
            return true;
        };
        state.row_pot[r as usize] = pot;
        let end = self.run(state, r);
        if stop_if_stuck && !matches!(end, End::Spare(_)) {
            self.reset(state);
            return false;
        }
        match end {
            End::Spare(col) => {
                let length = state.cols[col as usize].dist;
                self.update_potentials(state, r, length);
                augment(state, r, col);
            }
            End::Swap(row) => {
                let col = state.row_col[row as usize];
                let length = state.cols[col as usize].dist;
                self.update_potentials(state, r, length);
                state.detach(row);
                augment(state, r, col);
            }
            End::Unassigned => {}
        }
        self.reset(state);
        true
    }

    /// Dijkstra from `r` until no label below the best spare column remains, or until every
    /// reachable column is scanned.
    fn run(&mut self, state: &mut State<'_, P>, r: u32) -> End {
        if self.complete {
            return self.run_complete(state, r);
        }
        self.relax(state, r, P::ZERO);
        while let Some((d, col)) = self.pop_closest(state) {
            state.cols[col as usize].mark = SCANNED;
            self.scanned.push(col);
            let mut row = state.first_row(col);
            while row != NONE {
                self.relax(state, row, d);
                row = state.next_row(row);
            }
        }
        match self.best_spare {
            Some((_, spare)) => End::Spare(spare),
            None => self.best_swap(state, r),
        }
    }

    /// [`Search::run`] when every row reaches every column (arc `k` of a row is column `k`).
    /// The unscanned columns, their labels and potentials sit in three parallel arrays in column
    /// order, so each scan is one sequential pass that relaxes and finds the next minimum.
    fn run_complete(&mut self, state: &mut State<'_, P>, r: u32) -> End {
        let cols = state.cols.len();
        self.todo.clear();
        self.todo.extend(0..cols as u32);
        self.touched.extend(0..cols as u32);
        self.todo_pot.clear();
        self.todo_pot.extend(state.cols.iter().map(|c| c.pot));
        self.todo_dist.clear();
        self.todo_dist.resize(cols, P::from(i64::MAX / 4));
        for column in state.cols.iter_mut() {
            column.mark = LABELLED;
            column.pred = r;
        }
        let mut next = self.relax_complete(state, r, P::ZERO);
        while let Some(k) = next {
            let col = self.todo.remove(k);
            let d = self.todo_dist.remove(k);
            self.todo_pot.remove(k);
            let column = &mut state.cols[col as usize];
            column.dist = d;
            if column.has_room() {
                return End::Spare(col);
            }
            column.mark = SCANNED;
            self.scanned.push(col);
            let mut row = state.first_row(col);
            next = if row == NONE {
                // A column of capacity 0: nothing to relax, just find the next minimum.
                (0..self.todo.len()).min_by_key(|&k| (self.todo_dist[k], k))
            } else {
                None
            };
            while row != NONE {
                next = self.relax_complete(state, row, d);
                row = state.next_row(row);
            }
        }
        self.best_swap(state, r)
    }

    /// Relaxes `row` (reached at `d`) over the unscanned columns and returns the position in
    /// `todo` of the closest one (the first of equals).
    #[inline]
    fn relax_complete(&mut self, state: &mut State<'_, P>, row: u32, d: P) -> Option<usize> {
        let base = d - state.row_pot[row as usize];
        let arcs = state.problem.row_slice(row as usize);
        let mut best = P::from(i64::MAX);
        let mut best_k = usize::MAX;
        for (k, ((&col, dist), &pot)) in self
            .todo
            .iter()
            .zip(self.todo_dist.iter_mut())
            .zip(&self.todo_pot)
            .enumerate()
        {
            let nd = base + P::from(arcs[col as usize].cost) - pot;
            if nd < *dist {
                *dist = nd;
                state.cols[col as usize].pred = row;
            }
            if *dist < best {
                best = *dist;
                best_k = k;
            }
        }
        (best_k != usize::MAX).then_some(best_k)
    }

    /// Removes and returns the closest labelled full column, unless none is closer than the best
    /// spare column found so far.
    #[inline]
    fn pop_closest(&mut self, state: &State<'_, P>) -> Option<(P, u32)> {
        let limit = self.best_spare.map(|(best, _)| best);
        if self.dense {
            let mut best: Option<(P, usize)> = None;
            for (k, &col) in self.todo.iter().enumerate() {
                let d = state.cols[col as usize].dist;
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, k));
                }
            }
            let (d, k) = best?;
            if limit.is_some_and(|l| d >= l) {
                return None;
            }
            return Some((d, self.todo.swap_remove(k)));
        }
        while let Some(&Reverse((d, col))) = self.heap.peek() {
            if limit.is_some_and(|l| d >= l) {
                return None;
            }
            self.heap.pop();
            let column = &state.cols[col as usize];
            if column.mark != SCANNED && column.dist == d {
                return Some((d, col));
            }
        }
        None
    }

    /// Labels the unscanned columns of `row`, reached at path length `d`.
    #[inline]
    fn relax(&mut self, state: &mut State<'_, P>, row: u32, d: P) {
        let base = d - state.row_pot[row as usize];
        for arc in state.problem.row_slice(row as usize) {
            let column = &mut state.cols[arc.col as usize];
            let mark = column.mark;
            if mark == SCANNED {
                continue;
            }
            let nd = base + P::from(arc.cost) - column.pot;
            if mark == UNSEEN || nd < column.dist {
                if mark == UNSEEN {
                    column.mark = LABELLED;
                    self.touched.push(arc.col);
                }
                column.dist = nd;
                column.pred = row;
                if column.has_room() {
                    if self.best_spare.is_none_or(|(best, _)| nd < best) {
                        self.best_spare = Some((nd, arc.col));
                    }
                } else if !self.dense {
                    self.heap.push(Reverse((nd, arc.col)));
                } else if mark == UNSEEN {
                    self.todo.push(arc.col);
                }
            }
        }
    }

    /// No spare column is reachable: pick the best assigned row to displace, if any improves on
    /// leaving `r` unassigned.
    fn best_swap(&self, state: &State<'_, P>, r: u32) -> End {
        let classes = state.problem.priorities();
        let r_class = classes[r as usize];
        let r_pot = state.row_pot[r as usize];
        let mut best: Option<(u8, P, u32)> = None;
        for &col in &self.scanned {
            let mut row = state.first_row(col);
            while row != NONE {
                let class = classes[row as usize];
                // Change in total cost when `row` gives up its column to the path from `r`.
                let change = state.cols[col as usize].dist + r_pot - state.row_pot[row as usize];
                if class < r_class || (class == r_class && change < P::ZERO) {
                    let key = (class, change, row);
                    if best.is_none_or(|b| key < b) {
                        best = Some(key);
                    }
                }
                row = state.next_row(row);
            }
        }
        best.map_or(End::Unassigned, |(_, _, row)| End::Swap(row))
    }

    /// Shifts potentials so that the path of length `length` becomes tight and every arc keeps
    /// a non-negative reduced cost: scanned columns closer than `length` (and their rows) move by
    /// the difference.
    fn update_potentials(&self, state: &mut State<'_, P>, r: u32, length: P) {
        for &col in &self.scanned {
            let column = &mut state.cols[col as usize];
            if column.dist >= length {
                continue;
            }
            let delta = length - column.dist;
            column.pot = column.pot - delta;
            let mut row = state.first_row(col);
            while row != NONE {
                state.row_pot[row as usize] = state.row_pot[row as usize] + delta;
                row = state.next_row(row);
            }
        }
        state.row_pot[r as usize] = state.row_pot[r as usize] + length;
    }

    fn reset(&mut self, state: &mut State<'_, P>) {
        for &col in &self.touched {
            state.cols[col as usize].mark = UNSEEN;
        }
        self.touched.clear();
        self.scanned.clear();
        self.heap.clear();
        self.todo.clear();
        self.best_spare = None;
    }
}

/// Flips the alternating path that ends at `col` (which has a free slot) back to `r`.
fn augment<P: Potential>(state: &mut State<'_, P>, r: u32, mut col: u32) {
    loop {
        let row = state.cols[col as usize].pred;
        let previous = state.row_col[row as usize];
        state.reassign(row, col);
        if row == r {
            return;
        }
        col = previous;
    }
}
