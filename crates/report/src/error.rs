//! The crate's one error type.

use std::path::PathBuf;

use thiserror::Error;

/// Why output could not be written.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing or renaming a file failed.
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output file is one of the inputs of the run.
    #[error(
        "refusing to write `{}`: it is an input of this run; choose another output directory",
        path.display()
    )]
    WouldOverwriteInput {
        /// The output path that names an input file.
        path: PathBuf,
    },
    /// Writing a CSV table failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Serialising the round failed.
    #[error("cannot serialise the round as JSON: {0}")]
    Json(#[from] serde_json::Error),
}
