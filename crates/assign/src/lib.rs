//! Domain-free minimum-cost assignment: rows (people) to columns (posts) over a sparse set of
//! allowed pairs, with column capacities and row priority classes.
//!
//! # The objective
//!
//! [`solve`] returns the lexicographic optimum:
//! 1. for each priority class from the highest down, as many assigned rows of that class or
//!    higher as possible;
//! 2. then as many assigned rows as possible (maximum cardinality, exact: not everyone need be
//!    placeable);
//! 3. then the least total cost among those assignments.
//!
//! No penalty constant stands in for "unassigned": the order above is built into the search, so
//! a row is never lost to a cost saving (the penalty trap), and which rows stay unassigned is
//! itself optimised (the skipped-row trap).
//!
//! # The algorithm
//!
//! - The problem is split into connected components with union-find; components are solved one
//!   after the other ([`solve`]) or in parallel with rayon ([`solve_parallel`]), and merged in
//!   order of their smallest row.
//! - A complete square component (every pair allowed) with one priority class and capacities 1
//!   is solved by Jonker–Volgenant as published (LAPJV): column reduction with reduction
//!   transfer, two passes of augmenting row reduction, then shortest augmenting paths that scan
//!   every column at the current minimum at once, on a copy of the costs as a plain matrix.
//! - A sparse square component with one priority class, capacities 1 and a perfect assignment
//!   is solved by a forward auction with ε-scaling (Bertsekas) on costs scaled by `n + 1`,
//!   starting from column-reduction prices, down to an ε of a sixteenth of one unscaled unit; its
//!   prices then become integer potentials, the rows whose column is not tight under them are
//!   unassigned, and shortest augmenting paths insert them again, exactly. Whether a perfect
//!   assignment exists is checked only if the auction's first phase runs long; if none exists, or
//!   a price passes its bound, the component goes to the shortest path solver below.
//! - Any other component: Jonker–Volgenant initialisation (column reduction with reduction
//!   transfer when the component is square with one class, then augmenting row reduction), then
//!   successive shortest augmenting paths. Each unassigned row, by decreasing class and then by
//!   index, runs Dijkstra on reduced costs `cost(i, j) - u[i] - v[j] >= 0` over alternating paths,
//!   with a binary heap (or JV's scan for the minimum when rows reach most columns), and stops as
//!   soon as no label is below the best column with spare capacity found. Only scanned columns
//!   have their potentials updated.
//! - A one-class component where not every row can be placed is split first
//!   (Dulmage–Mendelsohn): the rows that compete for too few columns form a *surplus* block,
//!   solved transposed so that every one of its column slots is filled, and the rest form a block
//!   where every row is placed. Neither block ever runs a search that reaches no spare column.
//! - With several classes, a search that reaches no spare column has explored everything the row
//!   can reach; it then displaces the assigned row whose loss is best for the objective (a lower
//!   class first, else the same class with the largest cost saving), or leaves the new row
//!   unassigned. This is the shortest path to the sink in the network where each row also has an
//!   "unassigned" arc whose cost is its class, compared lexicographically before money.
//! - Capacities are native: a column keeps a list of its rows, and is "free" while its load is
//!   below its capacity. [`Problem::expand_capacities`] gives the textbook expansion, which the
//!   tests check gives the same optimum.
//!
//! # Invariants
//!
//! Between searches, with `u` the row potentials and `v` the column potentials:
//! - every arc of every assigned row has `cost - u - v >= 0`, with equality on assigned pairs;
//! - `v[j] <= 0`, and `v[j] = 0` while column `j` has spare capacity, so all free columns look
//!   alike to the search and the first one reached is the cheapest (after column reduction, in
//!   the square one-class case, every column ends full and `v[j] <= C` is all that is needed);
//! - column loads never decrease, and a row left unassigned after its insertion is never
//!   reachable again (no alternating path enters it), so it stays unassigned;
//! - by linear programming duality the assignment is optimal for the rows inserted so far.
//!
//! # Dual information
//!
//! [`potentials`] gives the row and column potentials of a returned assignment, which certify
//! that no assignment of the same rows costs less, and [`alternating_reach`] which rows a new
//! column could move to add a placement, each with the best unassigned row that would then be
//! placed; [`cheapest_reach`] what each such move would cost and whom the optimum would place
//! (see the `duals` module).
//!
//! # Ties
//!
//! The result is a deterministic function of the problem: components in order of smallest row;
//! rows inserted by decreasing class then increasing index; the heap pops the smallest
//! `(path length, column)` and the dense scan the first minimum of its list; the spare column kept
//! is the first one labelled at the smallest length; swaps are chosen by the smallest
//! `(class, cost change, row index)`; auction bids go first-in-first-out; complete square
//! components follow the published LAPJV order (see the `complete` module). It does not depend on
//! the number of threads, and [`solve`] and [`solve_parallel`] return identical assignments.
//! Equal-cost optima found by other algorithms (such as [`solve_reference`]) may differ in which
//! pairs they use, never in the objective.
//!
//! # No overflow
//!
//! Costs lie in `0..=MAX_COST` (`2^32 - 1`) and rows, columns in `0..=MAX_DIMENSION` (`2^28`), so
//! any total cost is below `2^60`. For a component with `n` rows and largest cost `C`, write
//! `phi[j] = -v[j]` (at least `-C`, and `0` for free columns outside column reduction). A search
//! from row `r` labels column `j` with `d[j] = real(j) - u[r] + phi[j]`, where `real(j)` is the
//! money cost of the alternating path from `r` to `j`: it has at most `n` forward arcs, so
//! `|real(j)| <= nC`.
//! - After a search that ends at a spare column `f`, each updated column gets
//!   `phi[j] = real(f) - real(j) + phi[f] <= 2nC`: earlier values cancel out.
//! - After a swap ending at column `g`, each updated column gets
//!   `phi[j] = real(g) - real(j) + phi[g] <= 2nC + max phi`, at most once per inserted row.
//! - Augmenting row reduction never lets `phi` pass `2nC`.
//!
//! Hence `-C <= phi <= 2n(n+1)C`, `|u| <= C + 2n(n+1)C`, labels `0 <= d <= nC + C + max phi`,
//! and every sum the search forms is below `5(n+1)^2(C+1)` in absolute value. The solver uses
//! `i64` when `(n+1)^2 (C+1) <= 2^60` (so all values stay below `5 * 2^60 < 2^63`) and `i128`
//! otherwise; the unit tests of the `potential` module check both ends of this bound. The auction
//! runs only when `(n+1)^2 (C+1) <= 2^54` and gives up if a price passes its per-phase bound
//! (see the `auction` module), keeping prices below `2^60`; its prices become potentials only
//! when `-v <= 2nC` (see the `handover` module), within the bound above.
//!
//! # Examples
//!
//! Two people, one post: the post goes to whoever makes the total cheapest, and the other stays
//! unassigned (the "skipped-row trap": inserting row 0 first must not lock it in).
//!
//! ```
//! use redeploy_assign::{solve, solve_parallel, Problem};
//!
//! let mut builder = Problem::builder(2, 1);
//! builder.arc(0, 0, 10).arc(1, 0, 1);
//! let problem = builder.build()?;
//! let assignment = solve(&problem);
//! assert_eq!(assignment.row_to_col, vec![None, Some(0)]);
//! assert_eq!((assignment.matched, assignment.cost), (1, 1));
//! assert_eq!(solve_parallel(&problem), assignment);
//! # Ok::<(), redeploy_assign::AssignError>(())
//! ```

mod assignment;
mod auction;
mod complete;
mod components;
mod deficiency;
mod dense;
pub mod dimacs;
mod duals;
mod error;
mod handover;
mod init;
mod potential;
mod problem;
mod search;
mod sparse;
mod state;
#[cfg(test)]
mod test_support;

pub use assignment::Assignment;
pub use dense::{REFERENCE_CELL_LIMIT, solve_reference, try_solve_reference};
pub use duals::{Potentials, alternating_reach, cheapest_reach, potentials};
pub use error::AssignError;
pub use problem::{MAX_COST, MAX_DIMENSION, Problem, ProblemBuilder};

/// Solves `problem` to the lexicographic optimum (see the crate docs), one component after the
/// other on the calling thread.
///
/// # Complexity
///
/// One Dijkstra search per row left unassigned by the initialisation, each `O(a log a)` in the
/// arcs `a` it reaches; typically far less than the worst case `O(rows * arcs * log arcs)`.
///
/// # Examples
///
/// The penalty trap: every row can be placed, at total cost 30. A solver that prices "unassigned"
/// at 21 would leave row 0 out and report cost 0.
///
/// ```
/// use redeploy_assign::{solve, Problem};
///
/// let mut builder = Problem::builder(3, 3);
/// builder.arc(0, 0, 10).arc(1, 0, 0).arc(1, 1, 10).arc(2, 1, 0).arc(2, 2, 10);
/// let assignment = solve(&builder.build()?);
/// assert_eq!((assignment.matched, assignment.cost), (3, 30));
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn solve(problem: &Problem) -> Assignment {
    let (row_to_col, cost) = components::solve_split(problem, false);
    Assignment::with_cost(problem, row_to_col, cost)
}

/// [`solve`] with the connected components solved in parallel on the current rayon thread pool.
/// Returns exactly the same assignment as [`solve`], whatever the number of threads.
///
/// # Examples
///
/// ```
/// use redeploy_assign::{solve, solve_parallel, Problem};
///
/// // Two regions that share no post: two components.
/// let mut builder = Problem::builder(4, 4);
/// builder.arc(0, 0, 3).arc(1, 0, 1).arc(1, 1, 5).arc(2, 2, 2).arc(3, 3, 2).arc(3, 2, 1);
/// let problem = builder.build()?;
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// assert_eq!(pool.install(|| solve_parallel(&problem)), solve(&problem));
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn solve_parallel(problem: &Problem) -> Assignment {
    let (row_to_col, cost) = components::solve_split(problem, true);
    Assignment::with_cost(problem, row_to_col, cost)
}

/// Number of connected components of `problem` that contain at least one arc.
///
/// ```
/// use redeploy_assign::{component_count, Problem};
///
/// let mut builder = Problem::builder(3, 3);
/// builder.arc(0, 0, 1).arc(1, 0, 1).arc(2, 2, 1);
/// assert_eq!(component_count(&builder.build()?), 2);
/// # Ok::<(), redeploy_assign::AssignError>(())
/// ```
pub fn component_count(problem: &Problem) -> usize {
    components::components(problem).len()
}
