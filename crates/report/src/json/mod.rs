//! The whole round as JSON.
//!
//! Fields appear in the order the engine's types declare them (see `docs/engine.md`), lists are
//! sorted by id, and money is a number of pounds with at most two decimals, so two runs on the
//! same input give byte-identical files. [`report_json`], which `round.json` is, adds the
//! round's provenance after its fields.

mod pretty;

use redeploy_engine::Round;
use serde::Serialize;

use self::pretty::Pretty;

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
/// ```
/// use std::path::Path;
/// use redeploy_model::{Inputs, load_scenario_recorded};
/// use redeploy_report::provenance::Provenance;
/// use redeploy_report::{Report, ReportOptions, json};
///
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/examples/small/scenario.toml"));
/// let mut inputs = Inputs::default();
/// let scenario = load_scenario_recorded(path, &mut inputs).unwrap();
/// let round = redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
/// let report = Report::new(&scenario, &round, ReportOptions::default())
///     .with_provenance(Provenance::new("0.1.0", inputs.into_files(), &scenario.policy));
/// let value: serde_json::Value = serde_json::from_str(&json::report_json(&report).unwrap()).unwrap();
/// assert_eq!(value["scenario"], "northvale-small");
/// assert_eq!(value["provenance"]["inputs"][0]["role"], "scenario");
/// assert_eq!(value["provenance"]["policy"]["name"], scenario.policy.name);
/// ```
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn report_json(report: &Report) -> Result<String, Error> {
    let mut bytes = Vec::new();
    write_report_json(report, &mut bytes)?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Writes [`report_json`] into `out` as it is serialised, without holding the text in memory.
///
/// ```
/// # use std::path::Path;
/// # use redeploy_model::load_scenario;
/// # use redeploy_report::{Report, ReportOptions, json};
/// # let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/examples/small/scenario.toml"));
/// # let scenario = load_scenario(path).unwrap();
/// # let round = redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
/// let report = Report::new(&scenario, &round, ReportOptions::default());
/// let mut written = Vec::new();
/// json::write_report_json(&report, &mut written)?;
/// assert_eq!(written, json::report_json(&report)?.into_bytes());
/// # Ok::<(), redeploy_report::Error>(())
/// ```
///
/// # Errors
/// When `out` cannot be written.
pub fn write_report_json<W: std::io::Write>(report: &Report, out: W) -> Result<(), Error> {
    let file = RoundFile {
        round: &report.round,
        provenance: report.provenance.as_ref(),
    };
    write_pretty(&file, out)
}

/// Writes `value` as pretty-printed JSON with a final newline.
fn write_pretty<W: std::io::Write>(value: &impl Serialize, mut out: W) -> Result<(), Error> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Pretty::default(),
    ))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    Ok(())
}

/// The round as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn to_json(round: &Round) -> Result<String, Error> {
    let mut bytes = Vec::new();
    write_pretty(round, &mut bytes)?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
