//! `redeploy sweep`: a grid of match rounds, sharded for batch schedulers.
//!
//! This crate owns the sweep: the specification ([`spec`]: scenario files or generated seeds,
//! policies, matching rules and policy-field overrides), the grid of cells in a fixed order with
//! each cell's key and path ([`grid`]), running a shard of the cells in parallel and writing each
//! cell's result atomically under its path ([`run`]), and joining the results of any number of
//! shards into one long-format table and an HTML page of plots ([`merge`]).
//!
//! Determinism: a cell's result depends only on its key (the scenario, the policy after the
//! overrides, the rule); cells are numbered in grid order, a shard `i/n` takes the cells whose
//! number is `i - 1` modulo `n`, and the merged table lists cells in grid order. So the table is
//! byte-identical for any number of threads and any sharding.
//!
//! ```
//! use redeploy_sweep::spec::Spec;
//!
//! let spec = Spec::parse(r#"
//! scenarios = ["small.toml"]
//! rules = ["optimal", "deferred-acceptance"]
//! [overrides]
//! "sae.max_band_drop" = [0, 1, 2]
//! "#).unwrap();
//! let cells = redeploy_sweep::grid::cells(&spec).unwrap();
//! assert_eq!(cells.len(), 6);
//! assert_eq!(cells[1].path(), "rule~optimal/max_band_drop~1/scenario~small");
//! ```

impl From<redeploy_model::Error> for Error {
    fn from(err: redeploy_model::Error) -> Error {
        Error::Model(Box::new(err))
    }
}

pub mod grid;
pub mod merge;
pub mod run;
pub mod spec;

/// Why a sweep could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The specification is not valid (the message names the field and what was expected).
    #[error("{0}")]
    Spec(String),
    /// A scenario or policy could not be loaded.
    #[error(transparent)]
    Model(Box<redeploy_model::Error>),
    /// A round failed.
    #[error("cell {cell}: {source}")]
    Round {
        /// The cell's path.
        cell: String,
        /// What failed.
        source: Box<redeploy_engine::Error>,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
}
