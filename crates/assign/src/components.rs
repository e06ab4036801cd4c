//! Splitting a problem into connected components (union-find over rows and columns), solving
//! them one by one or in parallel with rayon, and merging the answers in a fixed order.
//!
//! Components are numbered by their smallest row. Inside a component rows and columns keep their
//! relative order, so the answer for a component does not depend on what else is in the problem,
//! nor on how many threads run: [`crate::solve`] and [`crate::solve_parallel`] return identical
//! assignments.

use rayon::prelude::*;

use crate::problem::{Arc, Problem};
use crate::sparse::solve_component;
use crate::state::NONE;

/// One connected component: its rows and its columns, both increasing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Component {
    pub(crate) rows: Vec<u32>,
    pub(crate) cols: Vec<u32>,
}

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
    }
}

/// The connected components that contain at least one arc, ordered by smallest row. Rows and
/// columns without arcs belong to none.
///
/// Union-find runs over columns only: all columns of a row are joined, and the row belongs to the
/// set of its first column. Most arcs of a row point at a column already linked straight to the
/// row's root, which the loop checks with one load.
pub(crate) fn components(problem: &Problem) -> Vec<Component> {
    let rows = problem.rows();
    let mut sets = DisjointSets::new(problem.cols());
    for row in 0..rows {
        let Some((first, rest)) = problem.row_slice(row).split_first() else {
            continue;
        };
        let mut root = sets.find(first.col);
        for arc in rest {
            if sets.parent[arc.col as usize] == root {
                continue;
            }
            sets.union(root, arc.col);
            root = sets.find(root);
        }
    }
    let mut index_of_root = vec![NONE; problem.cols()];
    let mut found: Vec<Component> = Vec::new();
    for row in 0..rows {
        let Some(first) = problem.row_slice(row).first() else {
            continue;
        };
        let root = sets.find(first.col) as usize;
        if index_of_root[root] == NONE {
            index_of_root[root] = found.len() as u32;
            found.push(Component {
                rows: Vec::new(),
                cols: Vec::new(),
            });
        }
        found[index_of_root[root] as usize].rows.push(row as u32);
    }
    for col in 0..problem.cols() {
        let root = sets.find(col as u32) as usize;
        if index_of_root[root] != NONE {
            found[index_of_root[root] as usize].cols.push(col as u32);
        }
    }
    found
}

/// The sub-problem of one component, with local row and column indices.
fn extract(problem: &Problem, component: &Component, col_local: &[u32]) -> Problem {
    let mut row_start = Vec::with_capacity(component.rows.len() + 1);
    let total: usize = component
        .rows
        .iter()
        .map(|&row| problem.row_slice(row as usize).len())
        .sum();
    let mut arcs = Vec::with_capacity(total);
    row_start.push(0);
    let mut priority = Vec::with_capacity(component.rows.len());
    for &row in &component.rows {
        arcs.extend(problem.row_slice(row as usize).iter().map(|a| Arc {
            col: col_local[a.col as usize],
            cost: a.cost,
        }));
        row_start.push(arcs.len());
        priority.push(problem.priority(row as usize));
    }
    let capacity = component
        .cols
        .iter()
        .map(|&c| problem.capacity(c as usize))
        .collect();
    Problem::from_csr(component.cols.len(), row_start, arcs, capacity, priority)
}

/// Each column's index inside its component.
fn local_col_indices(problem: &Problem, parts: &[Component]) -> Vec<u32> {
    let mut col_local = vec![NONE; problem.cols()];
    for part in parts {
        for (k, &col) in part.cols.iter().enumerate() {
            col_local[col as usize] = k as u32;
        }
    }
    col_local
}

/// Solves one component and returns its rows' global columns, in the component's row order,
/// and their total cost (looked up in the component's own arcs, still in cache).
fn solve_part(problem: &Problem, part: &Component, col_local: &[u32]) -> (Vec<u32>, i64) {
    let sub = extract(problem, part, col_local);
    let local = solve_component(&sub);
    let cost = total_cost(&sub, &local);
    let global = local
        .into_iter()
        .map(|c| {
            if c == NONE {
                NONE
            } else {
                part.cols[c as usize]
            }
        })
        .collect();
    (global, cost)
}

/// The total cost of `row_col` (a solver's answer) on `problem`.
fn total_cost(problem: &Problem, row_col: &[u32]) -> i64 {
    row_col
        .iter()
        .enumerate()
        .filter(|&(_, &col)| col != NONE)
        .map(|(row, &col)| {
            problem
                .arc_cost(row, col as usize)
                .expect("the solvers only assign allowed pairs")
        })
        .sum()
}

/// Solves every component (in parallel when `parallel`) and merges the answers by component.
/// Returns each row's column and the total cost.
pub(crate) fn solve_split(problem: &Problem, parallel: bool) -> (Vec<Option<usize>>, i64) {
    // Every pair allowed: one component, known without a pass over the arcs.
    let complete = problem.rows() > 0 && problem.arcs() == problem.rows() * problem.cols();
    let parts = if complete {
        Vec::new()
    } else {
        components(problem)
    };
    let (row_col, cost) = if parts.len() <= 1 {
        let row_col = solve_component(problem);
        let cost = total_cost(problem, &row_col);
        (row_col, cost)
    } else {
        let col_local = local_col_indices(problem, &parts);
        let answers: Vec<(Vec<u32>, i64)> = if parallel {
            parts
                .par_iter()
                .map(|part| solve_part(problem, part, &col_local))
                .collect()
        } else {
            parts
                .iter()
                .map(|part| solve_part(problem, part, &col_local))
                .collect()
        };
        let mut row_col = vec![NONE; problem.rows()];
        let mut cost = 0;
        for (part, (answer, part_cost)) in parts.iter().zip(answers) {
            for (&row, col) in part.rows.iter().zip(answer) {
                row_col[row as usize] = col;
            }
            cost += part_cost;
        }
        (row_col, cost)
    };
    let row_col = row_col
        .into_iter()
        .map(|c| (c != NONE).then_some(c as usize))
        .collect();
    (row_col, cost)
}
