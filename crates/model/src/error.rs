//! Errors and diagnostics of loading.
//!
//! This module owns [`Error`], the one error type of the crate, and [`Diagnostic`], one problem
//! found in an input file. Loading never stops at the first problem: it collects every
//! diagnostic it can find in the scenario, its CSV files, its pay scale and its policy, and
//! returns them together in [`Error::Invalid`], sorted by file and position, root causes first:
//! a problem that may only follow from another (a reference to a kind of record of which some
//! could not be read) is marked [`Diagnostic::knock_on`] and comes after every root cause.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a scenario, policy or pay scale could not be loaded.
///
/// ```
/// use std::path::Path;
/// use redeploy_model::{Error, parse_policy};
///
/// let err = parse_policy("tiers = []\n", Path::new("p.toml")).unwrap_err();
/// assert!(matches!(err, Error::Invalid(_)));
/// assert_eq!(
///     err.to_string(),
///     "p.toml:1:9: field `tiers`: the list of tiers is empty, expected at least one of `employer`, `footprint`, `region`"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file named by the caller could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The input was read but is not valid; every problem found is listed.
    #[error("{}", Diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    /// A scenario built in code whose records do not fit together (an id used twice, a
    /// reference to a missing record, more records than ids can number); a loaded scenario never
    /// has these.
    #[error("the scenario's records do not fit together: {0}")]
    Records(String),
    /// A policy with fields out of range, found by [`Policy::validate`](crate::Policy::validate)
    /// (a loaded policy never has these: loading reports them with their line and column).
    #[error("policy `{policy}` cannot be applied:{}", list_problems(.problems))]
    InvalidPolicy {
        /// Name of the policy.
        policy: String,
        /// Every field out of range, with what was expected.
        problems: Vec<crate::PolicyProblem>,
    },
}

fn list_problems(problems: &[crate::PolicyProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("\n  field `{}`: {}", problem.field, problem.message))
        .collect()
}

impl Error {
    /// The diagnostics of an invalid input (empty for an I/O error).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(diagnostics) => diagnostics,
            Error::Io { .. } | Error::Records(_) | Error::InvalidPolicy { .. } => &[],
        }
    }

    /// The root causes: every diagnostic that is not a [`Diagnostic::knock_on`] (all of them if
    /// every one is).
    pub fn root_causes(&self) -> &[Diagnostic] {
        let list = self.diagnostics();
        match list.iter().position(|d| d.knock_on) {
            Some(0) | None => list,
            Some(first) => &list[..first],
        }
    }

    /// How many diagnostics follow from the [`root causes`](Error::root_causes) and are not
    /// among them.
    pub fn knock_on_count(&self) -> usize {
        self.diagnostics().len() - self.root_causes().len()
    }

    /// The line that stands for the knock-on diagnostics, naming the columns they are in:
    /// `` 190 more errors follow from these (column `ranked_vacancies` of people.csv) ``.
    /// `None` when there are none.
    ///
    /// ```
    /// use std::path::PathBuf;
    /// use redeploy_model::{Diagnostic, Error, Position};
    ///
    /// let problem = |field: &str, knock_on| Diagnostic {
    ///     file: PathBuf::from("people.csv"),
    ///     position: Position::Record { record: 1, line: 2 },
    ///     field: Some(field.into()),
    ///     found: None,
    ///     message: "unknown".into(),
    ///     help: None,
    ///     knock_on,
    /// };
    /// let err = Error::Invalid(vec![problem("id", false), problem("ranked_vacancies", true)]);
    /// assert_eq!(err.root_causes().len(), 1);
    /// assert_eq!(
    ///     err.knock_on_note().as_deref(),
    ///     Some("1 more error follows from these (column `ranked_vacancies` of people.csv)")
    /// );
    /// ```
    pub fn knock_on_note(&self) -> Option<String> {
        let count = self.knock_on_count();
        if count == 0 {
            return None;
        }
        let mut places: Vec<String> = Vec::new();
        for diagnostic in &self.diagnostics()[self.root_causes().len()..] {
            let file = diagnostic.file.file_name().map_or_else(
                || diagnostic.file.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            let place = match &diagnostic.field {
                Some(field) => format!("column `{field}` of {file}"),
                None => file,
            };
            if !places.contains(&place) {
                places.push(place);
            }
        }
        let verb = if count == 1 {
            "more error follows"
        } else {
            "more errors follow"
        };
        Some(format!("{count} {verb} from these ({})", places.join(", ")))
    }
}

struct Diagnostics<'a>(&'a [Diagnostic]);

impl fmt::Display for Diagnostics<'_> {
    /// The root causes, one a line, then the line that stands for the knock-on problems.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = Error::Invalid(self.0.to_vec());
        for (index, diagnostic) in error.root_causes().iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        if let Some(note) = error.knock_on_note() {
            write!(f, "\n{note}")?;
        }
        Ok(())
    }
}

/// Where in a file a problem lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// The file as a whole (for example a required top-level field that is missing).
    File,
    /// A place in a text file such as TOML: 1-based line and column (in characters).
    Text {
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
    },
    /// The header row of a CSV file.
    Header {
        /// Line of the header, from 1.
        line: usize,
    },
    /// A data record of a CSV file.
    Record {
        /// Record number, from 1 for the first record after the header.
        record: usize,
        /// Line the record starts on, from 1.
        line: usize,
    },
}

/// One problem in an input file: where it is, which field, what was found and what was expected.
///
/// Displayed on one line, as `path:line:column: field `x`: message` for TOML and
/// `path: record N (line L), column `x`: message` for CSV.
///
/// ```
/// use std::path::PathBuf;
/// use redeploy_model::{Diagnostic, Position};
///
/// let diagnostic = Diagnostic {
///     file: PathBuf::from("people.csv"),
///     position: Position::Record { record: 3, line: 4 },
///     field: Some("band".into()),
///     found: Some("10".into()),
///     message: "`10` is not an Agenda for Change band".into(),
///     help: None,
///     knock_on: false,
/// };
/// assert_eq!(
///     diagnostic.to_string(),
///     "people.csv: record 3 (line 4), column `band`: `10` is not an Agenda for Change band"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file.
    pub position: Position,
    /// The field (TOML key or CSV column) at fault, if the problem is about one field.
    pub field: Option<String>,
    /// The offending value as written, if there is one.
    pub found: Option<String>,
    /// What is wrong and what was expected; names the found value in backticks.
    pub message: String,
    /// A hint, such as "did you mean `band`?".
    pub help: Option<String>,
    /// Whether this problem may only follow from another one: a reference to a region,
    /// footprint, employer, site, skill or vacancy when some records of that kind could not be
    /// read (a bad file, header or row). Such problems come after every root cause, and the
    /// binary counts them rather than listing them.
    pub knock_on: bool,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let csv = matches!(
            self.position,
            Position::Header { .. } | Position::Record { .. }
        );
        match self.position {
            Position::File => write!(f, "{file}:")?,
            Position::Text { line, column } => write!(f, "{file}:{line}:{column}:")?,
            Position::Header { line } => write!(f, "{file}: header (line {line})")?,
            Position::Record { record, line } => {
                write!(f, "{file}: record {record} (line {line})")?
            }
        }
        match (&self.field, csv) {
            (Some(field), true) => write!(f, ", column `{field}`:")?,
            (Some(field), false) => write!(f, " field `{field}`:")?,
            (None, true) => f.write_str(":")?,
            (None, false) => {}
        }
        write!(f, " {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// A place problems can be reported at: a file and a position in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) file: Arc<Path>,
    pub(crate) position: Position,
}

impl Location {
    /// A location covering a whole file.
    pub(crate) fn file(file: &Arc<Path>) -> Location {
        Location {
            file: Arc::clone(file),
            position: Position::File,
        }
    }

    /// A diagnostic at this location.
    pub(crate) fn diagnostic(&self, field: Option<&str>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_path_buf(),
            position: self.position,
            field: field.map(str::to_string),
            found: None,
            message: message.into(),
            help: None,
            knock_on: false,
        }
    }
}

/// Collects the diagnostics of one load, in the order files were first met.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Diagnostic>,
}

impl Problems {
    /// Records a problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Records every problem of `other` after these, in its order.
    pub(crate) fn append(&mut self, mut other: Problems) {
        self.list.append(&mut other.list);
    }

    /// Records a problem about one field at a location.
    pub(crate) fn at(&mut self, at: &Location, field: &str, message: impl Into<String>) {
        self.push(at.diagnostic(Some(field), message));
    }

    /// `Ok(value)` when no problem was recorded, otherwise every problem, root causes first,
    /// each part sorted by file (in the order files were first met) and position. Every reader that gives `None` has recorded
    /// why, so `None` comes with at least one problem.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Error> {
        if let (true, Some(value)) = (self.list.is_empty(), value) {
            return Ok(value);
        }
        let mut files: Vec<PathBuf> = Vec::new();
        for diagnostic in &self.list {
            if !files.contains(&diagnostic.file) {
                files.push(diagnostic.file.clone());
            }
        }
        let mut list = self.list;
        list.sort_by_key(|d| {
            (
                d.knock_on,
                files.iter().position(|f| *f == d.file),
                d.position,
            )
        });
        list.dedup();
        Err(Error::Invalid(list))
    }
}
