//! The output: which column each row got, with the totals the objective is made of, and a checker
//! that an assignment respects its problem.

use crate::{AssignError, Problem};

/// A solution: for each row its column (or `None`), the number of assigned rows, the total cost
/// and the number of assigned rows per priority class.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{solve, Problem};
///
/// let mut builder = Problem::builder(2, 2);
/// builder.arc(0, 0, 4).arc(1, 0, 1).arc(1, 1, 2);
/// let assignment = solve(&builder.build()?);
/// assert_eq!(assignment.row_to_col, vec![Some(0), Some(1)]);
/// assert_eq!((assignment.matched, assignment.cost), (2, 6));
/// assert_eq!(assignment.col_load(2), vec![1, 1]);
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Assignment {
    /// For each row, the column it is assigned to; a column appears at most `capacity` times.
    pub row_to_col: Vec<Option<usize>>,
    /// Number of assigned rows.
    pub matched: usize,
    /// Sum of the costs of the assigned pairs.
    pub cost: i64,
    /// Number of assigned rows per priority class (index = class, length = largest class + 1).
    pub matched_by_class: Vec<usize>,
}

impl Assignment {
    /// Builds the totals from `row_to_col`. Every assigned pair must be an arc of `problem`.
    pub(crate) fn from_row_to_col(problem: &Problem, row_to_col: Vec<Option<usize>>) -> Self {
        let mut matched_by_class = vec![0; usize::from(problem.max_class()) + 1];
        let mut cost = 0i64;
        let mut matched = 0;
        for (row, col) in row_to_col.iter().enumerate() {
            if let Some(col) = *col {
                matched += 1;
                matched_by_class[usize::from(problem.priority(row))] += 1;
                cost += problem
                    .arc_cost(row, col)
                    .expect("the solvers only assign allowed pairs");
            }
        }
        Assignment {
            row_to_col,
            matched,
            cost,
            matched_by_class,
        }
    }

    /// [`Assignment::from_row_to_col`] when the solver already knows the total cost (checked in
    /// debug builds).
    pub(crate) fn with_cost(problem: &Problem, row_to_col: Vec<Option<usize>>, cost: i64) -> Self {
        let mut matched_by_class = vec![0; usize::from(problem.max_class()) + 1];
        for (row, _) in row_to_col
            .iter()
            .enumerate()
            .filter(|(_, col)| col.is_some())
        {
            matched_by_class[usize::from(problem.priority(row))] += 1;
        }
        let assignment = Assignment {
            matched: matched_by_class.iter().sum(),
            row_to_col,
            cost,
            matched_by_class,
        };
        debug_assert_eq!(
            assignment.cost,
            Assignment::from_row_to_col(problem, assignment.row_to_col.clone()).cost,
            "the solver's total cost"
        );
        assignment
    }

    /// How many rows each of the `cols` columns received.
    pub fn col_load(&self, cols: usize) -> Vec<u32> {
        let mut load = vec![0u32; cols];
        for col in self.row_to_col.iter().flatten() {
            if let Some(slot) = load.get_mut(*col) {
                *slot += 1;
            }
        }
        load
    }

    /// The rows assigned to each of the `cols` columns, by increasing row.
    ///
    /// ```
    /// use redeploy_assign::{solve, Problem};
    ///
    /// let mut builder = Problem::builder(3, 1);
    /// builder.arc(0, 0, 1).arc(2, 0, 1).capacity(0, 2);
    /// let assignment = solve(&builder.build()?);
    /// assert_eq!(assignment.rows_of_col(1), vec![vec![0, 2]]);
    /// # Ok::<(), redeploy_assign::AssignError>(())
    /// ```
    pub fn rows_of_col(&self, cols: usize) -> Vec<Vec<usize>> {
        let mut rows = vec![Vec::new(); cols];
        for (row, col) in self.row_to_col.iter().enumerate() {
            if let Some(list) = col.and_then(|c| rows.get_mut(c)) {
                list.push(row);
            }
        }
        rows
    }

    /// Checks that this assignment fits `problem`: one entry per row, only allowed pairs, no
    /// column over capacity, and totals that add up.
    ///
    /// # Errors
    ///
    /// [`AssignError::InvalidAssignment`] naming the first broken rule.
    pub fn check(&self, problem: &Problem) -> Result<(), AssignError> {
        let invalid = |msg: String| Err(AssignError::InvalidAssignment(msg));
        if self.row_to_col.len() != problem.rows() {
            return invalid(format!(
                "the assignment's row count is {}, the problem's is {}",
                self.row_to_col.len(),
                problem.rows()
            ));
        }
        let mut load = vec![0u32; problem.cols()];
        for (row, col) in self.row_to_col.iter().enumerate() {
            let Some(col) = *col else { continue };
            if problem.arc_cost(row, col).is_none() {
                return invalid(format!(
                    "row {row} is assigned to column {col}, not an allowed pair"
                ));
            }
            load[col] += 1;
            if load[col] > problem.capacity(col) {
                return invalid(format!(
                    "column {col} takes more than its capacity of {}",
                    problem.capacity(col)
                ));
            }
        }
        let totals = Assignment::from_row_to_col(problem, self.row_to_col.clone());
        if totals != *self {
            return invalid(format!(
                "totals do not add up: stated matched {} cost {} by class {:?}, recomputed {} {} {:?}",
                self.matched,
                self.cost,
                self.matched_by_class,
                totals.matched,
                totals.cost,
                totals.matched_by_class
            ));
        }
        Ok(())
    }

    /// The objective as one comparable key (smaller is better): for each class from the highest
    /// down, minus the number of assigned rows of that class or higher; then minus the number of
    /// assigned rows; then the cost. Two optimal assignments of one problem have equal keys.
    pub fn objective(&self) -> Vec<i64> {
        let mut key = Vec::with_capacity(self.matched_by_class.len() + 1);
        let mut at_or_above = 0i64;
        for &count in self.matched_by_class.iter().rev() {
            at_or_above += count as i64;
            key.push(-at_or_above);
        }
        key.push(self.cost);
        key
    }
}
