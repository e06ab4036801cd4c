//! DIMACS `asn` files: the assignment format of the first DIMACS implementation challenge, as
//! written by the benchmark generator.
//!
//! ```text
//! c any comment
//! p asn NODES ARCS
//! n ID              one line per source (left) node; these become the rows, by increasing ID
//! a SRC DST COST    SRC a source node, DST any other node (the columns, by increasing ID)
//! ```
//!
//! Node IDs are `1..=NODES`. Every node not listed with `n` is a column, so the file needs no
//! metadata (the generator's `c left N` / `c right M` comments are read as plain comments). All
//! `n` lines must come before the first `a` line. Costs are integers in `0..=MAX_COST`; a
//! repeated pair keeps the cheaper cost.
//!
//! Two comment lines extend the format with what the solver supports beyond it, and other
//! DIMACS readers skip them: `c redeploy-capacity NODE CAP` (a column's capacity, default 1) and
//! `c redeploy-priority NODE CLASS` (a row's priority class, default 0). [`write()`] emits them only
//! for non-default values.
//!
//! Every malformed line gives [`crate::AssignError::Dimacs`] with its line number; the reader
//! never panics.
//!
//! # Examples
//!
//! ```
//! use redeploy_assign::{dimacs, solve};
//!
//! let text = "c two rows, one column\np asn 3 2\nn 1\nn 2\na 1 3 10\na 2 3 1\n";
//! let problem = dimacs::read(text.as_bytes())?;
//! assert_eq!((problem.rows(), problem.cols(), problem.arcs()), (2, 1, 2));
//! let mut out = Vec::new();
//! dimacs::write(&problem, &mut out)?;
//! assert_eq!(dimacs::read(out.as_slice())?, problem);
//! assert_eq!(solve(&problem).cost, 1);
//!
//! let err = dimacs::read("p asn 3 1\nn 1\na 1 3 x\n".as_bytes()).unwrap_err();
//! assert!(err.to_string().starts_with("line 3: "), "{err}");
//! # Ok::<(), redeploy_assign::AssignError>(())
//! ```

mod read;
mod write;

pub use read::{Instance, parse, read, read_instance};
pub use write::write;

/// The comment key of the capacity extension line.
pub const CAPACITY_KEY: &str = "redeploy-capacity";
/// The comment key of the priority extension line.
pub const PRIORITY_KEY: &str = "redeploy-priority";
