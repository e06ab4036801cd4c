//! The input: a sparse rectangular assignment problem in compressed sparse row (CSR) form, and the
//! builder that validates user data into it.

use crate::AssignError;

/// The largest arc cost accepted: `2^32 - 1`, so that a cost fits in a `u32` inside the solver.
///
/// With rows and columns at most [`MAX_DIMENSION`] (`2^28`), every total cost is below `2^60`, and
/// the solver's potentials stay below `2^62` or are computed in `i128` (see the crate docs, section
/// "No overflow").
pub const MAX_COST: i64 = u32::MAX as i64;

/// The largest number of rows, and of columns, a [`Problem`] may have: `2^28`.
pub const MAX_DIMENSION: usize = 1 << 28;

/// One stored arc of a row: the column and its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Arc {
    pub(crate) col: u32,
    pub(crate) cost: u32,
}

/// A sparse rectangular assignment problem: rows (people) by columns (posts), with only the
/// allowed pairs stored, integer costs in `0..=MAX_COST`, column capacities (default 1) and an
/// optional priority class per row (0 = none, larger = more important).
///
/// Arcs of a row are sorted by column and unique.
///
/// # Examples
///
/// Three band-6 staff and two posts, one of which has two openings:
///
/// ```
/// use redeploy_assign::Problem;
///
/// let mut builder = Problem::builder(3, 2);
/// builder.arc(0, 0, 5).arc(0, 1, 1).arc(1, 0, 2).arc(2, 0, 7).capacity(0, 2);
/// let problem = builder.build()?;
/// assert_eq!((problem.rows(), problem.cols(), problem.arcs()), (3, 2, 4));
/// assert_eq!(problem.capacity(0), 2);
/// assert_eq!(problem.arc_cost(0, 1), Some(1));
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    rows: usize,
    cols: usize,
    row_start: Vec<usize>,
    arcs: Vec<Arc>,
    capacity: Vec<u32>,
    priority: Vec<u8>,
}

impl Problem {
    /// Starts a problem with `rows` rows and `cols` columns, no arcs, capacity 1 everywhere and
    /// every row in class 0.
    pub fn builder(rows: usize, cols: usize) -> ProblemBuilder {
        ProblemBuilder {
            rows,
            cols,
            arcs: Vec::new(),
            capacities: Vec::new(),
            priorities: Vec::new(),
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of stored (allowed) pairs.
    pub fn arcs(&self) -> usize {
        self.arcs.len()
    }

    /// Capacity of column `col` (how many rows it can take).
    ///
    /// # Panics
    ///
    /// If `col >= self.cols()`.
    pub fn capacity(&self, col: usize) -> u32 {
        self.capacity[col]
    }

    /// Sum of all column capacities.
    pub fn total_capacity(&self) -> u64 {
        self.capacity.iter().map(|&c| u64::from(c)).sum()
    }

    /// Priority class of row `row` (0 = none).
    ///
    /// # Panics
    ///
    /// If `row >= self.rows()`.
    pub fn priority(&self, row: usize) -> u8 {
        self.priority[row]
    }

    /// The largest priority class of any row (0 when no row has one).
    pub fn max_class(&self) -> u8 {
        self.priority.iter().copied().max().unwrap_or(0)
    }

    /// The largest arc cost (0 for a problem without arcs).
    pub fn max_cost(&self) -> i64 {
        self.arcs
            .iter()
            .map(|a| i64::from(a.cost))
            .max()
            .unwrap_or(0)
    }

    /// The arcs of `row` as `(column, cost)`, by increasing column.
    ///
    /// # Panics
    ///
    /// If `row >= self.rows()`.
    pub fn row_arcs(&self, row: usize) -> impl ExactSizeIterator<Item = (usize, i64)> + '_ {
        self.row_slice(row)
            .iter()
            .map(|a| (a.col as usize, i64::from(a.cost)))
    }

    /// The cost of the pair (`row`, `col`), or `None` when the pair is not allowed or out of range.
    pub fn arc_cost(&self, row: usize, col: usize) -> Option<i64> {
        if row >= self.rows {
            return None;
        }
        let arcs = self.row_slice(row);
        let col = u32::try_from(col).ok()?;
        arcs.binary_search_by_key(&col, |a| a.col)
            .ok()
            .map(|k| i64::from(arcs[k].cost))
    }

    pub(crate) fn row_slice(&self, row: usize) -> &[Arc] {
        &self.arcs[self.row_start[row]..self.row_start[row + 1]]
    }

    pub(crate) fn capacities(&self) -> &[u32] {
        &self.capacity
    }

    pub(crate) fn priorities(&self) -> &[u8] {
        &self.priority
    }

    /// Builds a problem from rows whose arcs are already sorted by column and unique, with every
    /// index and cost valid. Used by the component split, the capacity expansion and the reader.
    pub(crate) fn from_csr(
        cols: usize,
        row_start: Vec<usize>,
        arcs: Vec<Arc>,
        capacity: Vec<u32>,
        priority: Vec<u8>,
    ) -> Problem {
        debug_assert_eq!(row_start.len(), priority.len() + 1);
        debug_assert_eq!(capacity.len(), cols);
        Problem {
            rows: priority.len(),
            cols,
            row_start,
            arcs,
            capacity,
            priority,
        }
    }

    /// The same problem with every column of capacity `k` replaced by `k` columns of capacity 1
    /// (columns of capacity 0 disappear). Returns the expanded problem and, for each new column,
    /// the original column it copies.
    ///
    /// Solving either gives the same matched counts and total cost; this is the textbook way to
    /// handle capacities and serves as a cross-check of the native handling.
    ///
    /// # Examples
    ///
    /// ```
    /// use redeploy_assign::{solve, Problem};
    ///
    /// let mut builder = Problem::builder(2, 1);
    /// builder.arc(0, 0, 3).arc(1, 0, 4).capacity(0, 2);
    /// let problem = builder.build()?;
    /// let (expanded, origin) = problem.expand_capacities();
    /// assert_eq!((expanded.cols(), origin), (2, vec![0, 0]));
    /// assert_eq!(solve(&problem).cost, solve(&expanded).cost);
    /// # Ok::<(), redeploy_assign::AssignError>(())
    /// ```
    pub fn expand_capacities(&self) -> (Problem, Vec<usize>) {
        let mut first_copy = Vec::with_capacity(self.cols + 1);
        let mut origin = Vec::new();
        for (col, &cap) in self.capacity.iter().enumerate() {
            first_copy.push(origin.len());
            origin.extend(std::iter::repeat_n(col, cap as usize));
        }
        first_copy.push(origin.len());
        let mut row_start = Vec::with_capacity(self.rows + 1);
        let mut arcs = Vec::new();
        row_start.push(0);
        for row in 0..self.rows {
            for arc in self.row_slice(row) {
                let col = arc.col as usize;
                for copy in first_copy[col]..first_copy[col + 1] {
                    arcs.push(Arc {
                        col: copy as u32,
                        cost: arc.cost,
                    });
                }
            }
            row_start.push(arcs.len());
        }
        let expanded = Problem::from_csr(
            origin.len(),
            row_start,
            arcs,
            vec![1; origin.len()],
            self.priority.clone(),
        );
        (expanded, origin)
    }
}

/// Collects arcs, capacities and priority classes, then validates them into a [`Problem`].
///
/// Nothing is checked until [`ProblemBuilder::build`], which reports the first bad entry as an
/// error and never panics.
#[derive(Debug, Clone)]
pub struct ProblemBuilder {
    rows: usize,
    cols: usize,
    arcs: Vec<(usize, usize, i64)>,
    capacities: Vec<(usize, u32)>,
    priorities: Vec<(usize, u8)>,
}

impl ProblemBuilder {
    /// Allows the pair (`row`, `col`) at `cost`. A repeated pair keeps the cheaper cost.
    pub fn arc(&mut self, row: usize, col: usize, cost: i64) -> &mut Self {
        self.arcs.push((row, col, cost));
        self
    }

    /// Sets how many rows column `col` can take (default 1; 0 closes the column).
    pub fn capacity(&mut self, col: usize, capacity: u32) -> &mut Self {
        self.capacities.push((col, capacity));
        self
    }

    /// Sets the priority class of `row` (0 = none; larger classes are placed first).
    pub fn priority(&mut self, row: usize, class: u8) -> &mut Self {
        self.priorities.push((row, class));
        self
    }

    /// Validates every entry and builds the CSR problem.
    ///
    /// # Errors
    ///
    /// [`AssignError::TooLarge`] when rows or columns exceed [`MAX_DIMENSION`];
    /// [`AssignError::RowOutOfRange`], [`AssignError::ColumnOutOfRange`] or
    /// [`AssignError::CostOutOfRange`] for the first bad entry, in the order they were added.
    pub fn build(&self) -> Result<Problem, AssignError> {
        check_dimensions(self.rows, self.cols)?;
        let mut capacity = vec![1u32; self.cols];
        for &(col, cap) in &self.capacities {
            check_col(col, self.cols)?;
            capacity[col] = cap;
        }
        let mut priority = vec![0u8; self.rows];
        for &(row, class) in &self.priorities {
            check_row(row, self.rows)?;
            priority[row] = class;
        }
        for &(row, col, cost) in &self.arcs {
            check_row(row, self.rows)?;
            check_col(col, self.cols)?;
            if !(0..=MAX_COST).contains(&cost) {
                return Err(AssignError::CostOutOfRange {
                    row,
                    col,
                    cost,
                    max: MAX_COST,
                });
            }
        }
        let triples = self
            .arcs
            .iter()
            .map(|&(row, col, cost)| (row as u32, col as u32, cost as u32));
        let (row_start, arcs) = csr_from_triples(self.rows, self.arcs.len(), triples);
        Ok(Problem::from_csr(
            self.cols, row_start, arcs, capacity, priority,
        ))
    }
}

pub(crate) fn check_dimensions(rows: usize, cols: usize) -> Result<(), AssignError> {
    for (what, value) in [("rows", rows), ("columns", cols)] {
        if value > MAX_DIMENSION {
            return Err(AssignError::TooLarge {
                what,
                value: value as u64,
                limit: MAX_DIMENSION as u64,
            });
        }
    }
    Ok(())
}

fn check_row(row: usize, rows: usize) -> Result<(), AssignError> {
    if row >= rows {
        return Err(AssignError::RowOutOfRange { row, rows });
    }
    Ok(())
}

fn check_col(col: usize, cols: usize) -> Result<(), AssignError> {
    if col >= cols {
        return Err(AssignError::ColumnOutOfRange { col, cols });
    }
    Ok(())
}

/// Counting sort of valid `(row, col, cost)` triples into CSR, then per row: sort by column and
/// keep the cheapest of repeated pairs.
pub(crate) fn csr_from_triples(
    rows: usize,
    count: usize,
    triples: impl Iterator<Item = (u32, u32, u32)> + Clone,
) -> (Vec<usize>, Vec<Arc>) {
    let mut row_start = vec![0usize; rows + 1];
    for (row, _, _) in triples.clone() {
        row_start[row as usize + 1] += 1;
    }
    for row in 0..rows {
        row_start[row + 1] += row_start[row];
    }
    let mut next = row_start.clone();
    let mut packed = vec![0u64; count];
    for (row, col, cost) in triples {
        let slot = &mut next[row as usize];
        packed[*slot] = (u64::from(col) << 32) | u64::from(cost);
        *slot += 1;
    }
    let mut arcs = Vec::with_capacity(count);
    let mut compact_start = Vec::with_capacity(rows + 1);
    compact_start.push(0);
    for row in 0..rows {
        let segment = &mut packed[row_start[row]..row_start[row + 1]];
        if !segment.is_sorted() {
            segment.sort_unstable();
        }
        let mut last_col = None;
        for &key in segment.iter() {
            let col = (key >> 32) as u32;
            if last_col != Some(col) {
                arcs.push(Arc {
                    col,
                    cost: key as u32,
                });
                last_col = Some(col);
            }
        }
        compact_start.push(arcs.len());
    }
    (compact_start, arcs)
}
