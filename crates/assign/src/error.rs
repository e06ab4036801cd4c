//! The crate's one error type: invalid problems, DIMACS parse errors (with line numbers), I/O and
//! the size limits of the dense reference.

use thiserror::Error;

/// Everything that can go wrong when building, reading, writing or checking an assignment problem.
///
/// Messages are lowercase, name the offending value in backticks and say what was expected.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{AssignError, Problem};
///
/// let mut builder = Problem::builder(2, 2);
/// builder.arc(0, 5, 10);
/// let err = builder.build().unwrap_err();
/// assert!(matches!(err, AssignError::ColumnOutOfRange { col: 5, cols: 2 }));
/// assert_eq!(err.to_string(), "column `5` is out of range: the problem's columns are 0..2");
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum AssignError {
    /// A row index is not below the number of rows.
    #[error("row `{row}` is out of range: the problem's rows are 0..{rows}")]
    RowOutOfRange {
        /// The offending row index.
        row: usize,
        /// The number of rows of the problem.
        rows: usize,
    },
    /// A column index is not below the number of columns.
    #[error("column `{col}` is out of range: the problem's columns are 0..{cols}")]
    ColumnOutOfRange {
        /// The offending column index.
        col: usize,
        /// The number of columns of the problem.
        cols: usize,
    },
    /// An arc cost outside `0..=MAX_COST`.
    #[error("arc ({row}, {col}) has cost `{cost}`, expected an integer in 0..={max}")]
    CostOutOfRange {
        /// Row of the arc.
        row: usize,
        /// Column of the arc.
        col: usize,
        /// The offending cost.
        cost: i64,
        /// The largest cost accepted ([`crate::MAX_COST`]).
        max: i64,
    },
    /// A dimension or arc count above what the solver supports.
    #[error("{what} `{value}` exceeds the supported maximum of {limit}")]
    TooLarge {
        /// What was counted (`rows`, `columns`, `arcs`, …).
        what: &'static str,
        /// The count found.
        value: u64,
        /// The largest count accepted.
        limit: u64,
    },
    /// A malformed line in a DIMACS `asn` file.
    #[error("line {line}: {message}")]
    Dimacs {
        /// 1-based line number (the line after the last one for problems found at the end of file).
        line: usize,
        /// What was found and what was expected.
        message: String,
    },
    /// Reading or writing failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The dense reference was asked to solve a problem whose padded matrix is too large.
    #[error(
        "the dense reference needs a {rows} x {cols} matrix ({cells} cells), above its limit of {limit} cells; use `solve` instead"
    )]
    ReferenceTooLarge {
        /// Rows of the padded matrix.
        rows: usize,
        /// Columns of the padded matrix.
        cols: usize,
        /// `rows * cols`.
        cells: u128,
        /// The largest number of cells accepted.
        limit: u128,
    },
    /// An assignment that breaks a rule of its problem (found by [`crate::Assignment::check`]).
    #[error("invalid assignment: {0}")]
    InvalidAssignment(String),
}
