//! Components where not every row can be assigned, with a single priority class: the
//! Dulmage–Mendelsohn split that keeps the shortest path phase from ever failing.
//!
//! Take any maximum matching. Let `D` be the rows reachable from its unassigned rows by
//! alternating paths, and `N(D)` the columns next to them. In every maximum matching, each slot
//! of `N(D)` is filled by a row of `D`, and every row outside `D` is assigned outside `N(D)`
//! (by Kőnig's theorem, `(rows \ D) ∪ N(D)` is a minimum vertex cover, and each edge of a maximum
//! matching has exactly one end in it). So the optimum is the union of two independent problems:
//! - the *surplus* block `D x N(D)`, transposed: column slots become rows that must all be
//!   filled, rows of `D` become columns of capacity 1 (which of them stay unassigned is exactly
//!   what this block decides);
//! - the *rest*: rows outside `D`, columns outside `N(D)`, every row assigned.
//!
//! Both are solved with searches that always reach a spare column. The maximum matching comes from
//! breadth-first augmenting paths started from the solver's current assignment; the region a
//! failed search visits is closed and full, so it is marked and never entered again.

use std::collections::VecDeque;

use crate::Problem;
use crate::problem::{Arc, csr_from_triples};
use crate::state::{NONE, State};

/// Columns of `N(D)` for a maximum matching grown from `start`, and that matching; `None` when
/// every row with an arc can be assigned.
fn surplus_columns(problem: &Problem, start: &[u32]) -> Option<(Vec<bool>, Vec<u32>)> {
    // The solver's state keeps the rows of each column in linked lists; potentials go unused.
    let mut matching = State::<i64>::new(problem);
    for (row, &col) in start.iter().enumerate() {
        if col != NONE {
            matching.attach(row as u32, col);
        }
    }
    let mut dead = vec![false; problem.cols()];
    let mut seen = vec![0u32; problem.cols()];
    let mut pred = vec![NONE; problem.cols()];
    let mut visited = Vec::new();
    let mut queue = VecDeque::new();
    let mut deficient = false;
    for (epoch, row) in (1u32..).zip(0..problem.rows() as u32) {
        if matching.row_col[row as usize] != NONE || problem.row_slice(row as usize).is_empty() {
            continue;
        }
        visited.clear();
        queue.clear();
        queue.push_back(row);
        let mut spare = None;
        'bfs: while let Some(current) = queue.pop_front() {
            for arc in problem.row_slice(current as usize) {
                let c = arc.col as usize;
                if dead[c] || seen[c] == epoch {
                    continue;
                }
                seen[c] = epoch;
                pred[c] = current;
                visited.push(arc.col);
                if matching.has_room(arc.col) {
                    spare = Some(arc.col);
                    break 'bfs;
                }
                let mut owner = matching.first_row(arc.col);
                while owner != NONE {
                    queue.push_back(owner);
                    owner = matching.next_row(owner);
                }
            }
        }
        match spare {
            Some(mut col) => loop {
                let current = pred[col as usize];
                let previous = matching.row_col[current as usize];
                matching.reassign(current, col);
                if current == row {
                    break;
                }
                col = previous;
            },
            None => {
                deficient = true;
                for &col in &visited {
                    dead[col as usize] = true;
                }
            }
        }
    }
    deficient.then_some((dead, matching.row_col))
}

/// True when every row with an arc can be assigned at once (a maximum matching grown from a
/// greedy start covers them all).
pub(crate) fn all_rows_assignable(problem: &Problem) -> bool {
    surplus_columns(problem, &greedy_start(problem)).is_none()
}

/// A quick starting assignment for the maximum matching: each row in turn takes its first column
/// with room.
pub(crate) fn greedy_start(problem: &Problem) -> Vec<u32> {
    let mut load = vec![0u32; problem.cols()];
    let mut start = vec![NONE; problem.rows()];
    for (row, slot) in start.iter_mut().enumerate() {
        if let Some(arc) = problem
            .row_slice(row)
            .iter()
            .find(|a| load[a.col as usize] < problem.capacity(a.col as usize))
        {
            load[arc.col as usize] += 1;
            *slot = arc.col;
        }
    }
    start
}

/// The two blocks of a deficient component, with the maps back to the component's indices.
pub(crate) struct Blocks {
    /// Transposed surplus block: one row per slot of a column in `N(D)`, one column per row of `D`.
    pub(crate) surplus: Problem,
    /// For each surplus row, the component column it is a slot of.
    pub(crate) surplus_slot_col: Vec<u32>,
    /// For each surplus column, the component row it stands for.
    pub(crate) surplus_rows: Vec<u32>,
    /// Rows outside `D` by columns outside `N(D)`.
    pub(crate) rest: Problem,
    /// Component row of each rest row.
    pub(crate) rest_rows: Vec<u32>,
    /// Component column of each rest column.
    pub(crate) rest_cols: Vec<u32>,
}

/// Splits `problem` (one component, one priority class) when some row cannot be assigned;
/// `start` is any valid assignment to grow the maximum matching from.
pub(crate) fn split(problem: &Problem, start: &[u32]) -> Option<Blocks> {
    let (dead, row_col) = surplus_columns(problem, start)?;
    let in_d = |row: usize| {
        !problem.row_slice(row).is_empty() && (row_col[row] == NONE || dead[row_col[row] as usize])
    };
    let surplus_rows: Vec<u32> = (0..problem.rows())
        .filter(|&r| in_d(r))
        .map(|r| r as u32)
        .collect();
    let rest_rows: Vec<u32> = (0..problem.rows())
        .filter(|&r| !in_d(r))
        .map(|r| r as u32)
        .collect();
    let mut first_slot = vec![NONE; problem.cols()];
    let mut surplus_slot_col = Vec::new();
    let mut rest_cols = Vec::new();
    let mut rest_index = vec![NONE; problem.cols()];
    for col in 0..problem.cols() {
        if dead[col] {
            first_slot[col] = surplus_slot_col.len() as u32;
            surplus_slot_col.extend(std::iter::repeat_n(
                col as u32,
                problem.capacity(col) as usize,
            ));
        } else {
            rest_index[col] = rest_cols.len() as u32;
            rest_cols.push(col as u32);
        }
    }
    let mut triples = Vec::new();
    for (local, &row) in surplus_rows.iter().enumerate() {
        for arc in problem.row_slice(row as usize) {
            let col = arc.col as usize;
            if dead[col] {
                for slot in 0..problem.capacity(col) {
                    triples.push((first_slot[col] + slot, local as u32, arc.cost));
                }
            }
        }
    }
    let (start_of, arcs) = csr_from_triples(
        surplus_slot_col.len(),
        triples.len(),
        triples.iter().copied(),
    );
    let surplus = Problem::from_csr(
        surplus_rows.len(),
        start_of,
        arcs,
        vec![1; surplus_rows.len()],
        vec![0; surplus_slot_col.len()],
    );
    let mut row_start = vec![0];
    let mut arcs = Vec::new();
    for &row in &rest_rows {
        arcs.extend(problem.row_slice(row as usize).iter().filter_map(|a| {
            let col = rest_index[a.col as usize];
            (col != NONE).then_some(Arc { col, cost: a.cost })
        }));
        row_start.push(arcs.len());
    }
    let rest = Problem::from_csr(
        rest_cols.len(),
        row_start,
        arcs,
        rest_cols
            .iter()
            .map(|&c| problem.capacity(c as usize))
            .collect(),
        vec![0; rest_rows.len()],
    );
    Some(Blocks {
        surplus,
        surplus_slot_col,
        surplus_rows,
        rest,
        rest_rows,
        rest_cols,
    })
}
