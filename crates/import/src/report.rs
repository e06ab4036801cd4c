//! The import report: what was read, what was made of it, and every problem.
//!
//! This module owns [`ImportReport`] and its text. It holds counts, column names, codes and
//! problems — never a name or any other cell of a person's row beyond the value a problem is
//! about — so it can be kept with the scenario (`import-report.txt`).

use std::collections::BTreeMap;
use std::fmt;

use redeploy_model::Diagnostic;

use crate::codes::UnknownCode;

/// What happened to the rows of one extract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The extract as named on the command line.
    pub file: String,
    /// Data rows read (blank rows included).
    pub rows: usize,
    /// Rows that became scenario records.
    pub imported: usize,
    /// Rows left out on purpose, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Rows left out because of a problem, by reason.
    pub failed: BTreeMap<String, usize>,
    /// Header columns the mapping read, in header order.
    pub columns_read: Vec<String>,
    /// Header columns the mapping did not read (never written anywhere), in header order.
    pub columns_ignored: Vec<String>,
}

impl FileSummary {
    pub(crate) fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    pub(crate) fn fail(&mut self, reason: &str) {
        *self.failed.entry(reason.to_string()).or_default() += 1;
    }

    /// Rows skipped, all reasons.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// Rows failed, all reasons.
    pub fn failed_total(&self) -> usize {
        self.failed.values().sum()
    }
}

/// Everything an import found, shown to the user and written next to the scenario.
///
/// ```
/// use redeploy_import::ImportReport;
///
/// let report = ImportReport::default();
/// assert!(!report.has_errors());
/// assert!(report.to_string().ends_with("unknown codes: none\nproblems: none\n"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// The staff extract.
    pub staff: FileSummary,
    /// The vacancy extract.
    pub vacancies: FileSummary,
    /// People at risk named by the at-risk file, when one was given.
    pub at_risk_listed: Option<usize>,
    /// Rows of the postcode file.
    pub postcode_rows: usize,
    /// Sites the scenario has.
    pub sites: usize,
    /// Skills the scenario's catalogue has.
    pub skills: usize,
    /// Every code the mapping does not know, with its count.
    pub unknown_codes: Vec<UnknownCode>,
    /// Every problem, in file and line order.
    pub problems: Vec<Diagnostic>,
}

impl ImportReport {
    /// Whether any problem was found (then nothing is written without `force`).
    pub fn has_errors(&self) -> bool {
        !self.problems.is_empty()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (what, summary) in [("staff", &self.staff), ("vacancies", &self.vacancies)] {
            writeln!(
                f,
                "{what} `{}`: {} rows read: {} imported, {} skipped, {} failed",
                summary.file,
                summary.rows,
                summary.imported,
                summary.skipped_total(),
                summary.failed_total()
            )?;
            for (label, reasons) in [("skipped", &summary.skipped), ("failed", &summary.failed)] {
                for (reason, count) in reasons {
                    writeln!(f, "  {label}: {count} {reason}")?;
                }
            }
            writeln!(f, "  columns read: {}", joined(&summary.columns_read))?;
            writeln!(
                f,
                "  columns ignored (not written): {}",
                joined(&summary.columns_ignored)
            )?;
        }
        if let Some(listed) = self.at_risk_listed {
            writeln!(f, "at-risk file: {listed} people listed")?;
        }
        writeln!(
            f,
            "postcode file: {} rows; the scenario has {} sites and {} skills",
            self.postcode_rows, self.sites, self.skills
        )?;
        if self.unknown_codes.is_empty() {
            writeln!(f, "unknown codes: none")?;
        } else {
            writeln!(
                f,
                "unknown codes ({}), most rows first:",
                self.unknown_codes.len()
            )?;
            for code in &self.unknown_codes {
                writeln!(
                    f,
                    "  {}, column `{}`, not in {}: `{}` on {} row{} from line {}: {}",
                    code.file,
                    code.column,
                    code.table,
                    code.code,
                    code.count,
                    if code.count == 1 { "" } else { "s" },
                    code.first_line,
                    code.effect.as_str()
                )?;
            }
        }
        if self.problems.is_empty() {
            writeln!(f, "problems: none")?;
        } else {
            writeln!(f, "problems ({}):", self.problems.len())?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
        }
        Ok(())
    }
}

fn joined(names: &[String]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
