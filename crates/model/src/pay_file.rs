//! Pay-scale files.
//!
//! This module owns reading a [`PayScale`] from TOML — a file such as
//! `configs/pay/afc-2025-26.toml`, or an inline `[pay_scale]` table of a scenario:
//!
//! ```toml
//! name = "afc-2025-26"
//! year = "2025/26"
//! source = "https://…"
//! [points]
//! 2 = [24_465]
//! 5 = [31_049, 33_487, 37_796]
//! 8a = [55_690, 62_682]
//! ```
//!
//! Every band must have at least one point, and points rise within a band.

use std::collections::BTreeMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::error::{Error, Location, Problems};
use crate::field::{FieldValue, describe};
use crate::record::{Fields, TableSpec};
use crate::source::SourceText;
use crate::{Band, PayScale};

static PAY_SCALE: TableSpec = TableSpec {
    key: "pay_scale",
    record: "pay scale",
    fields: &["name", "year", "source", "points"],
    required: &["name", "year", "source", "points"],
};

/// Reads a pay scale from a TOML file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] listing every problem
/// otherwise.
pub fn load_pay_scale(path: &Path) -> Result<PayScale, Error> {
    let text = crate::load::read_text(path)?;
    parse_pay_scale(&text, path)
}

/// Reads a pay scale from TOML text; `path` names the text in messages.
///
/// ```
/// use std::path::Path;
/// use redeploy_model::{Band, parse_pay_scale};
///
/// let mut text = String::from("name = \"demo\"\nyear = \"2025/26\"\nsource = \"example\"\n[points]\n");
/// for band in Band::ALL {
///     text.push_str(&format!("{band} = [{}]\n", 20_000 + 1_000 * band.index()));
/// }
/// let scale = parse_pay_scale(&text, Path::new("demo.toml")).unwrap();
/// assert_eq!(scale.salary_at(Band::B5, 1), Some(24_000));
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] listing every problem.
pub fn parse_pay_scale(text: &str, path: &Path) -> Result<PayScale, Error> {
    let source = SourceText::new(path, text.to_string());
    let mut problems = Problems::default();
    let Some(document) = crate::load::parse_toml(&source, &mut problems) else {
        return problems.finish(None);
    };
    let scale = read_pay_scale(document.get_ref(), &source, source.whole(), &mut problems);
    problems.finish(scale)
}

/// Reads a pay scale from a TOML table starting at `at`.
pub(crate) fn read_pay_scale(
    table: &DeTable<'_>,
    source: &SourceText,
    at: Location,
    problems: &mut Problems,
) -> Option<PayScale> {
    let mut fields = Fields::toml(table, source, at, &PAY_SCALE, problems);
    let name = fields.get::<String>("name");
    let year = fields.get::<String>("year");
    let source_text = fields.get::<String>("source");
    fields.finish();
    let points = match table.get("points") {
        Some(value) => read_points(value, source, problems),
        None => None,
    };
    Some(PayScale {
        name: name?.value,
        year: year?.value,
        source: source_text?.value,
        points: points?,
    })
}

fn read_points(
    value: &toml::Spanned<DeValue<'_>>,
    source: &SourceText,
    problems: &mut Problems,
) -> Option<BTreeMap<Band, Vec<u32>>> {
    let at = source.at(value.span().start);
    let DeValue::Table(table) = value.get_ref() else {
        let (_, described) = describe(value.get_ref());
        problems.at(
            &at,
            "points",
            format!("expected a table of pay points by band, found {described}"),
        );
        return None;
    };
    let mut points = BTreeMap::new();
    let mut seen = Vec::new();
    let mut ok = true;
    for (key, list) in table.iter() {
        let key_at = source.at(key.span().start);
        let band = match key.get_ref().parse::<Band>() {
            Ok(band) => band,
            Err(err) => {
                problems.at(&key_at, "points", err.to_string());
                ok = false;
                continue;
            }
        };
        seen.push(band);
        match read_band_points(band, list, source, problems) {
            Some(list) => {
                points.insert(band, list);
            }
            None => ok = false,
        }
    }
    let missing: Vec<&str> = Band::ALL
        .iter()
        .filter(|band| !seen.contains(band))
        .map(|band| band.as_str())
        .collect();
    if !missing.is_empty() {
        problems.at(
            &at,
            "points",
            format!(
                "no pay points for band {}, expected points for every band (band 1 is paid at the band 2 rate)",
                missing.join(", ")
            ),
        );
        ok = false;
    }
    ok.then_some(points)
}

fn read_band_points(
    band: Band,
    list: &toml::Spanned<DeValue<'_>>,
    source: &SourceText,
    problems: &mut Problems,
) -> Option<Vec<u32>> {
    let at = source.at(list.span().start);
    let field = format!("points.{band}");
    let DeValue::Array(items) = list.get_ref() else {
        let (_, described) = describe(list.get_ref());
        problems.at(
            &at,
            &field,
            format!("expected an array of annual salaries, found {described}"),
        );
        return None;
    };
    let mut values = Vec::with_capacity(items.len());
    for item in items.iter() {
        match u32::from_toml(item.get_ref()) {
            Ok(0) => {
                problems.at(
                    &source.at(item.span().start),
                    &field,
                    "a salary of `0` is not a pay point",
                );
                return None;
            }
            Ok(value) => values.push(value),
            Err(bad) => {
                problems.at(&source.at(item.span().start), &field, bad.message);
                return None;
            }
        }
    }
    if values.is_empty() {
        problems.at(
            &at,
            &field,
            "no pay points, expected at least one annual salary",
        );
        return None;
    }
    if values.windows(2).any(|pair| pair[0] > pair[1]) {
        problems.at(
            &at,
            &field,
            "pay points must rise from the entry point to the top point",
        );
        return None;
    }
    Some(values)
}
