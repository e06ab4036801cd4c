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
    /// A pseudonym key file holds no key.
    #[error("`{}` is not a pseudonym key: {why}", path.display())]
    BadKey {
        /// The key file.
        path: PathBuf,
        /// What was found instead.
        why: String,
    },
    /// The operating system gave no random bytes for a key.
    #[error("cannot make a pseudonym key: the operating system gave no random bytes: {0}")]
    Random(String),
    /// A `round.json` records no provenance to check against.
    #[error("cannot check against this file: {why}")]
    NoProvenance {
        /// Why not.
        why: String,
    },
    /// The output directory already holds a round's outputs.
    #[error(
        "`{}` already holds {}; pass --force to replace them, or choose another directory",
        dir.display(),
        names.join(", ")
    )]
    OutputsExist {
        /// The output directory.
        dir: PathBuf,
        /// The outputs already there.
        names: Vec<String>,
    },
    /// Serialising the round failed.
    #[error("cannot serialise the round as JSON: {0}")]
    Json(#[from] serde_json::Error),
}
