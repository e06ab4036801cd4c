//! The dense reference solver: `pathfinding::kuhn_munkres::kuhn_munkres_min` on a padded matrix.
//! Slow (cubic, dense) but independent of the sparse solver, so it serves as the oracle in tests
//! and as a cross-check on small files.
//!
//! # Construction
//!
//! Columns are expanded by capacity. Each row gets one private "unassigned" column, so the matrix
//! is `rows x (expanded columns + rows)` and every row is assigned somewhere. Weights are `i128`:
//! - an allowed pair costs its cost;
//! - row `i`'s own unassigned column costs `U[level(i)]`, where the distinct priority classes are
//!   numbered `0..L` upwards and `U[0] = W = max_cost * min(rows, expanded columns) + 1`,
//!   `U[k] = (rows + 1) * U[k - 1]`;
//! - every other cell (forbidden pair, another row's unassigned column) costs
//!   `BIG = (rows + 1) * U[L - 1]`.
//!
//! Why this is the lexicographic objective: the real costs of any assignment sum to less than
//! `W`. Leaving one more row of level `k` unassigned adds `U[k]`, while any change at lower levels
//! saves at most `rows * (U[0] + … + U[k-1]) = U[k] - W` plus less than `W` of real cost. One
//! forbidden cell costs more than leaving every row unassigned (`rows * U[L-1] < BIG`), so none is
//! ever chosen. All weights and their sums are checked to stay below `i128::MAX / 4`.

use pathfinding::kuhn_munkres::kuhn_munkres_min;
use pathfinding::matrix::Matrix;

use crate::{AssignError, Assignment, Problem};

/// The largest padded matrix (in cells) the reference accepts.
pub const REFERENCE_CELL_LIMIT: u128 = 1 << 24;

/// Solves `problem` with the dense reference; see [`solve_reference`].
///
/// # Errors
///
/// [`AssignError::ReferenceTooLarge`] when the padded matrix has more than
/// [`REFERENCE_CELL_LIMIT`] cells or its weights would not fit `i128`.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{solve, try_solve_reference, Problem};
///
/// let mut builder = Problem::builder(2, 1);
/// builder.arc(0, 0, 10).arc(1, 0, 1);
/// let problem = builder.build()?;
/// let reference = try_solve_reference(&problem)?;
/// assert_eq!((reference.matched, reference.cost), (1, 1));
/// assert_eq!(reference.cost, solve(&problem).cost);
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn try_solve_reference(problem: &Problem) -> Result<Assignment, AssignError> {
    let rows = problem.rows();
    let (expanded, origin) = problem.expand_capacities();
    let real_cols = expanded.cols();
    let cols = real_cols + rows;
    let cells = rows as u128 * cols as u128;
    let too_large = || AssignError::ReferenceTooLarge {
        rows,
        cols,
        cells,
        limit: REFERENCE_CELL_LIMIT,
    };
    if cells > REFERENCE_CELL_LIMIT {
        return Err(too_large());
    }
    if rows == 0 {
        return Ok(Assignment::from_row_to_col(problem, Vec::new()));
    }
    let weights = Weights::new(problem, real_cols).ok_or_else(too_large)?;
    let mut matrix = vec![weights.big; cells as usize];
    for row in 0..rows {
        let line = &mut matrix[row * cols..(row + 1) * cols];
        for (col, cost) in expanded.row_arcs(row) {
            line[col] = i128::from(cost);
        }
        line[real_cols + row] = weights.unassigned(problem.priority(row));
    }
    let matrix = Matrix::from_vec(rows, cols, matrix).map_err(|_| too_large())?;
    let (_, chosen) = kuhn_munkres_min(&matrix);
    let row_to_col = chosen
        .into_iter()
        .map(|col| (col < real_cols).then(|| origin[col]))
        .collect();
    Ok(Assignment::from_row_to_col(problem, row_to_col))
}

/// Solves `problem` with the dense reference (`pathfinding::kuhn_munkres_min`), for small problems
/// and as a test oracle. Same objective as [`crate::solve`]; among equal optima it may pick a
/// different assignment.
///
/// # Panics
///
/// When [`try_solve_reference`] fails: the padded matrix exceeds [`REFERENCE_CELL_LIMIT`] cells.
/// Use [`try_solve_reference`] on user data.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{solve_reference, Problem};
///
/// // The post goes to the priority row even though the other row is cheaper.
/// let mut builder = Problem::builder(2, 1);
/// builder.arc(0, 0, 1).arc(1, 0, 9).priority(1, 1);
/// let assignment = solve_reference(&builder.build()?);
/// assert_eq!(assignment.row_to_col, vec![None, Some(0)]);
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn solve_reference(problem: &Problem) -> Assignment {
    match try_solve_reference(problem) {
        Ok(assignment) => assignment,
        Err(err) => panic!("dense reference: {err}"),
    }
}

/// The lexicographic weights of the construction in the module docs.
struct Weights {
    level_of_class: [usize; 256],
    unassigned_by_level: Vec<i128>,
    big: i128,
}

impl Weights {
    fn new(problem: &Problem, real_cols: usize) -> Option<Weights> {
        let rows = problem.rows() as i128;
        let mut present = [false; 256];
        for row in 0..problem.rows() {
            present[usize::from(problem.priority(row))] = true;
        }
        let mut level_of_class = [0usize; 256];
        let mut levels = 0;
        for class in 0..256 {
            level_of_class[class] = levels;
            if present[class] {
                levels += 1;
            }
        }
        let limit = i128::MAX / 4;
        let w = i128::from(problem.max_cost())
            .checked_mul(rows.min(real_cols as i128))?
            .checked_add(1)?;
        let mut unassigned_by_level = vec![w];
        for _ in 1..levels {
            let last = *unassigned_by_level.last()?;
            unassigned_by_level.push(last.checked_mul(rows + 1)?);
        }
        let big = unassigned_by_level.last()?.checked_mul(rows + 1)?;
        if big.checked_mul(rows + 1)? > limit {
            return None;
        }
        Some(Weights {
            level_of_class,
            unassigned_by_level,
            big,
        })
    }

    fn unassigned(&self, class: u8) -> i128 {
        self.unassigned_by_level[self.level_of_class[usize::from(class)]]
    }
}
