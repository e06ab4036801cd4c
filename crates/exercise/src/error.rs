//! The exercise crate's single error type.

use std::path::PathBuf;

use thiserror::Error;

/// Why an exercise command could not be carried out. Nothing is written when one is returned.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The event contradicts the exercise's state (an offer never made, a trial for someone
    /// placed, an unknown id, a date before the previous event...).
    #[error("{event}: {why}")]
    Contradicts {
        /// The event, as the user named it (`"accept P0012 V0040"`).
        event: String,
        /// What in the state it contradicts, and what would be accepted.
        why: String,
    },
    /// `new` was asked to create an exercise where a file already exists.
    #[error("`{}` already exists; an exercise is never overwritten (choose another file name)", .0.display())]
    Exists(PathBuf),
    /// The file is not there.
    #[error("`{}` does not exist; create an exercise with `redeploy exercise new`", .0.display())]
    Missing(PathBuf),
    /// The file is not an exercise (another SQLite database, or not SQLite at all).
    #[error("`{}` is not a redeploy exercise: {why}", .path.display())]
    NotExercise {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        why: String,
    },
    /// The file was written by a newer version of the tool.
    #[error(
        "`{}` has exercise schema version {found}; this redeploy reads versions up to {supported}: upgrade redeploy to open it",
        .path.display()
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// The file is damaged (truncated, corrupt pages, rows that do not parse).
    #[error("`{}` is damaged: {why}; restore it from a copy", .path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What could not be read.
        why: String,
    },
    /// Another command holds the file.
    #[error(
        "`{}` is in use by another command (waited {waited_ms} ms); nothing was written, run the command again when it has finished",
        .path.display()
    )]
    Busy {
        /// The file.
        path: PathBuf,
        /// How long the command waited.
        waited_ms: u64,
    },
    /// A rules file given to `new` does not parse, or a rule is out of range.
    #[error("`{}`: {why}", .path.display())]
    Rules {
        /// The file.
        path: PathBuf,
        /// What is wrong, and what was expected.
        why: String,
    },
    /// The scenario stored in the exercise (or a file an event reads) does not load.
    #[error(transparent)]
    Scenario(#[from] redeploy_model::Error),
    /// The match round could not be run.
    #[error("the round could not be run: {0}")]
    Round(#[from] redeploy_engine::Error),
    /// The storage failed in a way not covered above.
    #[error("`{}`: {source}", .path.display())]
    Storage {
        /// The file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// A file could not be read or written.
    #[error("`{}`: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl Error {
    /// A [`Error::Contradicts`] for `event`.
    pub(crate) fn contradicts(event: impl Into<String>, why: impl Into<String>) -> Error {
        Error::Contradicts {
            event: event.into(),
            why: why.into(),
        }
    }
}
