//! Complete square components (every row has an arc to every column, one priority class,
//! capacities 1): the Jonker–Volgenant algorithm (LAPJV, 1987) on the cost matrix.
//!
//! Such a component always has a perfect assignment, so the lexicographic objective reduces to
//! the least total cost, and JV's three phases apply as published:
//! 1. **Column reduction** with reduction transfer: `v[j]` starts at the column's cheapest cost,
//!    each column (from the last) goes to its cheapest row if that row is still free, and a row
//!    that won exactly one column lowers that column's `v` by the row's gap to its second-best
//!    column.
//! 2. **Augmenting row reduction**, two passes: a free row takes its best column `j1`
//!    (smallest `cost - v`), lowering `v[j1]` by the gap to its second-best so that the row stays
//!    there while the displaced owner looks elsewhere; the owner is processed at once when the
//!    price dropped, and in the next pass when it did not (a tie, where the row takes the
//!    second-best column instead if the best one is owned).
//! 3. **Augmentation**: Dijkstra from each remaining free row on reduced costs
//!    `cost(i, j) - v[j] - u[i]` with `u[i] = cost(i, x[i]) - v[x[i]]` for assigned rows (never
//!    stored). The columns sit in one array split into *ready* (scanned), *scan* (at the current
//!    minimum, waiting to be scanned) and *todo*. When the scan part is empty, one pass over
//!    todo moves every column at the new minimum into it; scanning a column relaxes the todo
//!    columns from its row, and a column that drops to the current minimum joins the scan part
//!    at once, or ends the search if it is free. Ready columns then get
//!    `v[j] += d[j] - min`, and the path is flipped.
//!
//! Invariant after each phase: every assigned row's column minimises `cost - v` over its row
//! (dual feasibility with tight assigned pairs), so the final perfect assignment is optimal.
//! `v[j]` never drops below `-2nC` (the reduction is clamped there, as in the crate's overflow
//! proof), and the caller runs this module only when the `i64` bound of the `potential` module
//! holds.
//!
//! Ties are broken as in the published code: first minimum row per column in the reduction,
//! first minimum column per row in the row reduction, columns in array order in the search.

use crate::potential::fits_i64;
use crate::state::NONE;
use crate::{MAX_COST, Problem};

/// When `problem` is square, complete, with capacities 1 and one class, and `i64` potentials
/// suffice: a bound on its costs to solve it with. The bound is [`MAX_COST`] when that already
/// passes the `i64` test (up to 16,382 rows), which spares a pass over all the costs.
pub(crate) fn applies(problem: &Problem) -> Option<i64> {
    let n = problem.rows();
    let classes = problem.priorities();
    let shape = n > 0
        && problem.cols() == n
        && problem.arcs() == n * n
        && problem.capacities().iter().all(|&c| c == 1)
        && classes.iter().all(|&c| c == classes[0]);
    if !shape {
        return None;
    }
    if fits_i64(n, MAX_COST) {
        return Some(MAX_COST);
    }
    let max_cost = problem.max_cost();
    fits_i64(n, max_cost).then_some(max_cost)
}

/// The costs, row by row, as a plain `n x n` array: half the bytes of the problem's arcs, which
/// also carry the column, so the row reductions (one full row read per step) move half as much
/// memory.
struct Matrix {
    n: usize,
    costs: Vec<u32>,
}

impl Matrix {
    #[inline]
    fn row(&self, i: usize) -> &[u32] {
        &self.costs[i * self.n..(i + 1) * self.n]
    }
}

/// Solves a problem accepted by [`applies`], with `max_cost` the bound it returned; returns each
/// row's column.
pub(crate) fn solve(problem: &Problem, max_cost: i64) -> Vec<u32> {
    solve_with_floor(problem, -2 * problem.rows() as i64 * max_cost)
}

/// [`solve`] with the lowest potential the row reduction may set (tests raise it so that the
/// clamp binds).
fn solve_with_floor(problem: &Problem, floor: i64) -> Vec<u32> {
    let n = problem.rows();
    let mut duals = Duals {
        v: vec![0; n],
        x: vec![NONE; n],
        y: vec![NONE; n],
    };
    let (matrix, mut free) = reduce_columns(problem, &mut duals);
    for _ in 0..2 {
        if free.is_empty() {
            break;
        }
        reduce_rows(&matrix, &mut duals, &mut free, floor);
    }
    let mut search = Search::new(n);
    for &row in &free {
        search.augment(&matrix, &mut duals, row);
    }
    duals.x
}

/// Column potentials and the assignment both ways (`x`: row to column, `y`: column to row).
struct Duals {
    v: Vec<i64>,
    x: Vec<u32>,
    y: Vec<u32>,
}

/// Phase 1, while copying the costs into a [`Matrix`]; returns it and the free rows in
/// increasing order.
fn reduce_columns(problem: &Problem, duals: &mut Duals) -> (Matrix, Vec<u32>) {
    let n = duals.v.len();
    let mut costs = Vec::with_capacity(n * n);
    costs.extend(problem.row_slice(0).iter().map(|a| a.cost));
    let mut min = costs.clone();
    let mut argmin = vec![0u32; n];
    for i in 1..n {
        let start = costs.len();
        costs.extend(problem.row_slice(i).iter().map(|a| a.cost));
        for ((&cost, min), argmin) in costs[start..]
            .iter()
            .zip(min.iter_mut())
            .zip(argmin.iter_mut())
        {
            if cost < *min {
                *min = cost;
                *argmin = i as u32;
            }
        }
    }
    let matrix = Matrix { n, costs };
    for (v, &min) in duals.v.iter_mut().zip(&min) {
        *v = i64::from(min);
    }
    let mut unique = vec![true; n];
    for j in (0..n).rev() {
        let i = argmin[j] as usize;
        if duals.x[i] == NONE {
            duals.x[i] = j as u32;
            duals.y[j] = i as u32;
        } else {
            unique[i] = false;
        }
    }
    let mut free = Vec::new();
    for (i, &unique) in unique.iter().enumerate() {
        let j1 = duals.x[i];
        if j1 == NONE {
            free.push(i as u32);
            continue;
        }
        if !unique {
            continue;
        }
        let gap = matrix
            .row(i)
            .iter()
            .zip(&duals.v)
            .enumerate()
            .filter(|&(j, _)| j != j1 as usize)
            .map(|(_, (&cost, &v))| i64::from(cost) - v)
            .min();
        if let Some(gap) = gap {
            duals.v[j1 as usize] -= gap;
        }
    }
    (matrix, free)
}

/// One pass of phase 2 over `free`, which it replaces by the rows left free. No `v` drops below
/// `floor`.
fn reduce_rows(matrix: &Matrix, duals: &mut Duals, free: &mut Vec<u32>, floor: i64) {
    let n = duals.v.len();
    let mut current = 0;
    let mut kept = 0;
    let mut steps = 0usize;
    while current < free.len() {
        steps += 1;
        let i = free[current] as usize;
        current += 1;
        let (costs, pots) = (matrix.row(i), &duals.v[..n]);
        // Every `cost - v` is far below `i64::MAX`, so the first column always becomes `best`.
        let (mut best, mut best_col) = (i64::MAX, NONE as usize);
        let (mut second, mut second_col) = (i64::MAX, NONE as usize);
        for (j, (&cost, &v)) in costs.iter().zip(pots).enumerate() {
            let h = i64::from(cost) - v;
            if h < second {
                if h >= best {
                    second = h;
                    second_col = j;
                } else {
                    second = best;
                    second_col = best_col;
                    best = h;
                    best_col = j;
                }
            }
        }
        let mut j1 = best_col;
        let mut owner = duals.y[j1];
        let lowered = if second == i64::MAX {
            duals.v[j1]
        } else {
            (duals.v[j1] - (second - best)).max(floor)
        };
        // Without the floor, the price fails to drop only on a tie (`second == best`); at the
        // floor the row keeps its best column all the same.
        let lowers = lowered < duals.v[j1];
        if steps < current * n {
            if lowers {
                duals.v[j1] = lowered;
            } else if second == best && owner != NONE {
                // A tie: the second-best column is as good, and its owner (if any) moves on.
                j1 = second_col;
                owner = duals.y[j1];
            }
            if owner != NONE {
                duals.x[owner as usize] = NONE;
                if lowers {
                    current -= 1;
                    free[current] = owner;
                } else {
                    free[kept] = owner;
                    kept += 1;
                }
            }
        } else if owner != NONE {
            duals.x[owner as usize] = NONE;
            free[kept] = owner;
            kept += 1;
        }
        duals.x[i] = j1 as u32;
        duals.y[j1] = i as u32;
    }
    free.truncate(kept);
}

/// Scratch for phase 3, reused by every search. Position `k` holds column `cols[k]` with its
/// label `d[k]` and a copy of its potential `v[k]`, so a pass over the todo part reads both in
/// order; only the cost of the scanned row is read out of order.
struct Search {
    cols: Vec<u32>,
    d: Vec<i64>,
    v: Vec<i64>,
    /// Indexed by column: the row the column was last reached from.
    pred: Vec<u32>,
}

impl Search {
    fn new(n: usize) -> Self {
        Search {
            cols: vec![0; n],
            d: vec![0; n],
            v: vec![0; n],
            pred: vec![0; n],
        }
    }

    /// Finds a shortest augmenting path from free row `start`, updates `v` and flips the path.
    fn augment(&mut self, matrix: &Matrix, duals: &mut Duals, start: u32) {
        let end = self.find_path(matrix, duals, start);
        let mut j = end;
        loop {
            let i = self.pred[j as usize];
            duals.y[j as usize] = i;
            let previous = duals.x[i as usize];
            duals.x[i as usize] = j;
            if i == start {
                break;
            }
            j = previous;
        }
    }

    /// Positions `0..lo` are ready, `lo..hi` wait to be scanned at label `min`, `hi..` are todo.
    fn find_path(&mut self, matrix: &Matrix, duals: &mut Duals, start: u32) -> u32 {
        for (k, ((&cost, &v), ((col, d), copy))) in matrix
            .row(start as usize)
            .iter()
            .zip(&duals.v)
            .zip(
                self.cols
                    .iter_mut()
                    .zip(self.d.iter_mut())
                    .zip(self.v.iter_mut()),
            )
            .enumerate()
        {
            *col = k as u32;
            *copy = v;
            *d = i64::from(cost) - v;
        }
        self.pred.fill(start);
        let (mut lo, mut hi, mut ready) = (0usize, 0usize, 0usize);
        let mut min = 0;
        let end = 'search: loop {
            if lo == hi {
                ready = lo;
                (hi, min) = self.gather_minimum(lo);
                if let Some(&free) = self.cols[lo..hi]
                    .iter()
                    .find(|&&j| duals.y[j as usize] == NONE)
                {
                    break free;
                }
            }
            while lo < hi {
                lo += 1;
                if let Some(free) = self.scan(matrix, duals, lo - 1, &mut hi, min) {
                    break 'search free;
                }
            }
        };
        for k in 0..ready {
            duals.v[self.cols[k] as usize] = self.v[k] + self.d[k] - min;
        }
        end
    }

    /// Moves every todo column (from `lo`) at the smallest label to the front of todo; returns
    /// the end of that scan part and the label.
    fn gather_minimum(&mut self, lo: usize) -> (usize, i64) {
        // With no todo column left the minimum of nothing is +infinity (a sentinel, no value is
        // capped): the scan part is then empty.
        let min = self.d[lo..].iter().copied().min().unwrap_or(i64::MAX);
        let mut hi = lo;
        for k in lo..self.cols.len() {
            if self.d[k] == min {
                self.cols.swap(hi, k);
                self.d.swap(hi, k);
                self.v.swap(hi, k);
                hi += 1;
            }
        }
        (hi, min)
    }

    /// Scans the column at position `k0` (label `min`) and relaxes the todo part from its row.
    /// A todo column that drops to `min` joins the scan part, or ends the search if it is free.
    #[inline]
    fn scan(
        &mut self,
        matrix: &Matrix,
        duals: &Duals,
        k0: usize,
        hi: &mut usize,
        min: i64,
    ) -> Option<u32> {
        let j0 = self.cols[k0] as usize;
        let i = duals.y[j0];
        let costs = matrix.row(i as usize);
        let h = i64::from(costs[j0]) - self.v[k0] - min;
        let (cols, d, v, pred) = (
            &mut self.cols[..],
            &mut self.d[..],
            &mut self.v[..],
            &mut self.pred[..],
        );
        let mut top = *hi;
        for k in *hi..cols.len() {
            let j = cols[k] as usize;
            let reduced = i64::from(costs[j]) - v[k] - h;
            if reduced < d[k] {
                d[k] = reduced;
                pred[j] = i;
                if reduced == min {
                    if duals.y[j] == NONE {
                        return Some(j as u32);
                    }
                    cols.swap(top, k);
                    d.swap(top, k);
                    v.swap(top, k);
                    top += 1;
                }
            }
        }
        *hi = top;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sparse::solve_with;
    use crate::test_support::{next, total};

    fn random_complete(seed: &mut u64, n: usize, range: u64) -> Problem {
        let mut builder = Problem::builder(n, n);
        for row in 0..n {
            for col in 0..n {
                builder.arc(row, col, (next(seed) % range) as i64);
            }
        }
        builder.build().expect("valid")
    }

    #[test]
    fn agrees_with_shortest_paths_on_larger_problems_with_ties() {
        let mut seed = 11;
        for round in 0..60 {
            let n = 20 + round % 40;
            let range = [2, 5, 50, 1_000_000][round % 4];
            let problem = random_complete(&mut seed, n, range);
            let max_cost = applies(&problem).expect("complete, square, one class");
            let jv = solve(&problem, max_cost);
            let paths = solve_with::<i64>(&problem);
            assert_eq!(
                total(&problem, &jv),
                total(&problem, &paths),
                "n = {n}, costs below {range}"
            );
        }
    }

    #[test]
    fn optimal_when_the_row_reduction_floor_binds() {
        let mut seed = 5;
        for round in 0..200 {
            let n = 2 + round % 12;
            let problem = random_complete(&mut seed, n, 1 + (round % 7) as u64 * 3);
            let expected = total(&problem, &solve_with::<i64>(&problem));
            for floor in [0, -1, -3] {
                let jv = solve_with_floor(&problem, floor);
                assert_eq!(total(&problem, &jv), expected, "floor {floor}, {problem:?}");
            }
        }
    }

    #[test]
    fn other_shapes_are_left_to_the_general_solver() {
        let mut builder = Problem::builder(2, 2);
        builder.arc(0, 0, 1).arc(0, 1, 2).arc(1, 0, 3).arc(1, 1, 4);
        assert_eq!(applies(&builder.build().expect("valid")), Some(MAX_COST));
        builder.priority(1, 2);
        assert_eq!(
            applies(&builder.build().expect("valid")),
            None,
            "two classes"
        );
        let mut builder = Problem::builder(2, 2);
        builder
            .arc(0, 0, 1)
            .arc(0, 1, 2)
            .arc(1, 0, 3)
            .arc(1, 1, 4)
            .capacity(1, 2);
        assert_eq!(
            applies(&builder.build().expect("valid")),
            None,
            "capacity 2"
        );
        let mut builder = Problem::builder(2, 2);
        builder.arc(0, 0, 1).arc(0, 1, 2).arc(1, 0, 3);
        assert_eq!(
            applies(&builder.build().expect("valid")),
            None,
            "a missing pair"
        );
    }
}
