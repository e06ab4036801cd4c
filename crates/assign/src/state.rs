//! The solver's working state for one component: the current assignment (with the rows of each
//! column in a doubly linked list, so capacities are handled natively) and the dual potentials.

use crate::potential::Potential;
use crate::problem::{Arc, Problem};

/// Marks "no row" / "no column" in the `u32` index arrays.
pub(crate) const NONE: u32 = u32::MAX;

/// Everything the solver keeps per column, in one record so a search touches one cache line per
/// arc: the potential, the search's label and predecessor, load and capacity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column<P> {
    pub(crate) pot: P,
    pub(crate) dist: P,
    pub(crate) pred: u32,
    pub(crate) load: u32,
    pub(crate) cap: u32,
    pub(crate) mark: u8,
}

impl<P: Potential> Column<P> {
    #[inline]
    pub(crate) fn has_room(&self) -> bool {
        self.load < self.cap
    }
}

/// Assignment plus potentials. Invariants between searches (see the crate docs):
/// - dual feasibility: `cost(i, j) - row_pot[i] - col_pot[j] >= 0` for every arc of every row
///   that is assigned or not yet inserted with its current `row_pot`;
/// - tightness: equality on every assigned pair;
/// - `col_pot[j] <= 0`, and `col_pot[j] == 0` while column `j` has spare capacity;
/// - column loads never decrease.
pub(crate) struct State<'p, P> {
    pub(crate) problem: &'p Problem,
    pub(crate) row_col: Vec<u32>,
    pub(crate) cols: Vec<Column<P>>,
    col_head: Vec<u32>,
    row_next: Vec<u32>,
    row_prev: Vec<u32>,
    pub(crate) row_pot: Vec<P>,
}

impl<'p, P: Potential> State<'p, P> {
    pub(crate) fn new(problem: &'p Problem) -> Self {
        let rows = problem.rows();
        State {
            problem,
            row_col: vec![NONE; rows],
            cols: problem
                .capacities()
                .iter()
                .map(|&cap| Column {
                    pot: P::ZERO,
                    dist: P::ZERO,
                    pred: NONE,
                    load: 0,
                    cap,
                    mark: 0,
                })
                .collect(),
            col_head: vec![NONE; problem.cols()],
            row_next: vec![NONE; rows],
            row_prev: vec![NONE; rows],
            row_pot: vec![P::ZERO; rows],
        }
    }

    #[inline]
    pub(crate) fn arcs(&self, row: u32) -> &'p [Arc] {
        self.problem.row_slice(row as usize)
    }

    #[inline]
    pub(crate) fn has_room(&self, col: u32) -> bool {
        self.cols[col as usize].has_room()
    }

    /// First row assigned to `col` (then follow [`State::next_row`]).
    #[inline]
    pub(crate) fn first_row(&self, col: u32) -> u32 {
        self.col_head[col as usize]
    }

    #[inline]
    pub(crate) fn next_row(&self, row: u32) -> u32 {
        self.row_next[row as usize]
    }

    /// Assigns `row` (currently unassigned) to `col`.
    pub(crate) fn attach(&mut self, row: u32, col: u32) {
        let (r, c) = (row as usize, col as usize);
        debug_assert_eq!(self.row_col[r], NONE);
        let head = self.col_head[c];
        self.row_next[r] = head;
        self.row_prev[r] = NONE;
        if head != NONE {
            self.row_prev[head as usize] = row;
        }
        self.col_head[c] = row;
        self.row_col[r] = col;
        self.cols[c].load += 1;
    }

    /// Unassigns `row` (currently assigned).
    pub(crate) fn detach(&mut self, row: u32) {
        let r = row as usize;
        let col = self.row_col[r] as usize;
        let (prev, next) = (self.row_prev[r], self.row_next[r]);
        if prev == NONE {
            self.col_head[col] = next;
        } else {
            self.row_next[prev as usize] = next;
        }
        if next != NONE {
            self.row_prev[next as usize] = prev;
        }
        self.row_col[r] = NONE;
        self.cols[col].load -= 1;
    }

    /// Moves `row` to `col`, whether or not it was assigned before.
    pub(crate) fn reassign(&mut self, row: u32, col: u32) {
        if self.row_col[row as usize] != NONE {
            self.detach(row);
        }
        self.attach(row, col);
    }

    /// `min_j cost(row, j) - col_pot[j]`: the largest row potential that keeps the row's arcs
    /// dual feasible. `None` for a row without arcs.
    pub(crate) fn best_row_potential(&self, row: u32) -> Option<P> {
        self.arcs(row)
            .iter()
            .map(|a| P::from(a.cost) - self.cols[a.col as usize].pot)
            .min()
    }
}
