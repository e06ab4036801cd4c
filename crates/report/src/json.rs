//! The whole round as JSON.
//!
//! Fields appear in the order the engine's types declare them (see `docs/engine.md`), lists are
//! sorted by id, and money is a number of pounds with at most two decimals, so two runs on the
//! same input give byte-identical files.

use redeploy_engine::Round;
use serde::Serialize;

use crate::provenance::Provenance;
use crate::{Error, Report};

/// `round.json`: the round's fields, then its provenance when known.
#[derive(Serialize)]
struct RoundFile<'a> {
    #[serde(flatten)]
    round: &'a Round,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a Provenance>,
}

/// The report's round as pretty-printed JSON with a final newline, followed by a `provenance`
/// object when the report has one (see `docs/reports.md`).
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn report_json(report: &Report) -> Result<String, Error> {
    let file = RoundFile {
        round: &report.round,
        provenance: report.provenance.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// The round as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn to_json(round: &Round) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(round)?;
    text.push('\n');
    Ok(text)
}
