//! The one error type of the crate.
//!
//! This module owns [`ImportError`]. Problems in the extracts themselves are not errors of this
//! type: they are collected, all of them, in the [`crate::ImportReport`], and
//! [`ImportError::Invalid`] carries that report when the import stops because of them.

use std::path::PathBuf;

use redeploy_model::Diagnostic;

use crate::ImportReport;

/// Why an import could not be made or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A file named by the caller could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The mapping file (or a section file it names) is not valid; every problem is listed.
    #[error("{}", lines(.0))]
    Mapping(Vec<Diagnostic>),
    /// The pay scale or policy the mapping names does not load, or the written scenario did not
    /// load back; every problem is listed (load-back problems name the extract row).
    #[error("{}", lines(.0))]
    Scenario(Vec<Diagnostic>),
    /// The extracts have problems and `force` was not given: nothing was written.
    #[error("{} problem(s) in the extracts; nothing was written", .0.problems.len())]
    Invalid(Box<ImportReport>),
    /// Output files already exist and `force` was not given: nothing was written.
    #[error("{} already exist, expected a directory without scenario files; give --force to replace them", names(.0))]
    Exists(Vec<PathBuf>),
    /// An output file would replace one of the inputs.
    #[error("`{}` is an input of the import, expected an output directory that does not hold the inputs", .0.display())]
    WouldOverwriteInput(PathBuf),
    /// An output file could not be written.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|path| format!("`{}`", path.display()))
        .collect::<Vec<_>>()
        .join(", ")
}
