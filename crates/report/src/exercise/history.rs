//! `redeploy exercise history`: the audit trail as a table, CSV or JSON.

use redeploy_exercise::EventRecord;

use super::detail;
use crate::Error;
use crate::csv_export::{BOM, text};
use crate::text_table::Table;

/// The columns of the history CSV.
pub const COLUMNS: [&str; 11] = [
    "seq",
    "effective",
    "kind",
    "person",
    "vacancy",
    "detail",
    "recorded_by",
    "recorded_at",
    "tool_version",
    "input_sha256",
    "hash",
];

/// The events as a terminal table.
pub fn render(events: &[&EventRecord]) -> String {
    let mut table = Table::new(&[
        ("seq", true),
        ("effective", false),
        ("kind", false),
        ("by", false),
        ("detail", false),
        ("hash", false),
    ]);
    for record in events {
        table.row(vec![
            record.seq.to_string(),
            record.effective.to_string(),
            record.event.kind().to_string(),
            record.recorded_by.clone(),
            detail(&record.event),
            record.hash.chars().take(12).collect(),
        ]);
    }
    let mut out = String::new();
    table.render(&mut out);
    out
}

/// The events as CSV (UTF-8 with a byte-order mark, as the round's CSV files).
///
/// # Errors
/// [`Error::Csv`] if writing fails.
pub fn csv(events: &[&EventRecord]) -> Result<String, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for record in events {
        writer.write_record([
            record.seq.to_string(),
            record.effective.to_string(),
            record.event.kind().to_string(),
            record.event.person().map(text).unwrap_or_default(),
            record.event.vacancy().map(text).unwrap_or_default(),
            text(&detail(&record.event)),
            text(&record.recorded_by),
            record.recorded_at.clone(),
            record.tool_version.clone(),
            record.input_sha256.clone().unwrap_or_default(),
            record.hash.clone(),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Csv(err.into_error().into()))?;
    Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
}

/// The events as JSON: every record in full, as stored.
///
/// # Errors
/// [`Error::Json`] if serialisation fails.
pub fn to_json(events: &[&EventRecord]) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(events)?;
    text.push('\n');
    Ok(text)
}
