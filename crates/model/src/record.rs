//! Reading the fields of one record, from a TOML table or a CSV row.
//!
//! This module owns [`Fields`], which hands out typed field values with their location and
//! records a diagnostic for every field that is missing, malformed or unknown — then carries on,
//! so one run reports every problem of a record. It also owns [`TableSpec`], the list of field
//! names of each kind of record, shared by TOML, CSV and the documentation test.

use std::sync::Arc;

use csv::StringRecord;
use toml::de::{DeTable, DeValue};

use crate::error::{Location, Problems};
use crate::field::{BadValue, FieldValue, describe, trim};
use crate::source::SourceText;
use crate::suggest::{a, did_you_mean};

/// A value read from an input file, with where it was written (shared: every field of a CSV
/// record is at the record's location, held once).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) at: Arc<Location>,
}

/// The fields of one kind of record.
#[derive(Debug)]
pub(crate) struct TableSpec {
    /// Name of the table in a scenario (`people`); `people_csv` names its CSV file.
    pub(crate) key: &'static str,
    /// What one record is called in messages (`person`).
    pub(crate) record: &'static str,
    /// Every field a record may have, in documentation order.
    pub(crate) fields: &'static [&'static str],
    /// The fields every record must have.
    pub(crate) required: &'static [&'static str],
}

impl TableSpec {
    /// The scenario key naming a CSV file of these records (`people_csv`).
    pub(crate) fn csv_key(&self) -> String {
        format!("{}_csv", self.key)
    }
}

/// A CSV row with the columns of the header it belongs to.
#[derive(Debug)]
pub(crate) struct CsvRow<'a> {
    /// Column of each field of the spec in the header (`None` when the header lacks it), in
    /// the order of [`TableSpec::fields`].
    pub(crate) columns: &'a [Option<usize>],
    pub(crate) row: &'a StringRecord,
}

enum Source<'a, 'i> {
    Toml {
        table: &'a DeTable<'i>,
        text: &'a SourceText,
    },
    Csv(CsvRow<'a>),
}

/// Hands out the fields of one record, recording a problem for each bad one.
pub(crate) struct Fields<'a, 'i> {
    source: Source<'a, 'i>,
    at: Arc<Location>,
    spec: &'static TableSpec,
    problems: &'a mut Problems,
    /// Where in the spec the next field read is looked for first: records read their fields
    /// in the spec's order.
    next: usize,
}

impl<'a, 'i> Fields<'a, 'i> {
    /// The fields of a TOML table; `at` is where the table starts.
    pub(crate) fn toml(
        table: &'a DeTable<'i>,
        text: &'a SourceText,
        at: Location,
        spec: &'static TableSpec,
        problems: &'a mut Problems,
    ) -> Self {
        Fields {
            source: Source::Toml { table, text },
            at: Arc::new(at),
            spec,
            problems,
            next: 0,
        }
    }

    /// The fields of a CSV row; `at` is the record's position.
    pub(crate) fn csv(
        row: CsvRow<'a>,
        at: Location,
        spec: &'static TableSpec,
        problems: &'a mut Problems,
    ) -> Self {
        Fields {
            source: Source::Csv(row),
            at: Arc::new(at),
            spec,
            problems,
            next: 0,
        }
    }

    /// Where the record starts.
    pub(crate) fn location(&self) -> Arc<Location> {
        Arc::clone(&self.at)
    }

    /// Reads a field. A missing required field, or a value of the wrong form, is recorded as a
    /// problem and gives `None`; so does an optional field that is absent (without a problem).
    pub(crate) fn get<T: FieldValue>(&mut self, name: &'static str) -> Option<Located<T>> {
        debug_assert!(
            self.spec.fields.contains(&name),
            "field `{name}` is not in the spec"
        );
        let required = || self.spec.required.contains(&name);
        let (result, at) = match &self.source {
            Source::Toml { table, text } => match table.get(name) {
                Some(value) => (
                    T::from_toml(value.get_ref()),
                    Arc::new(text.at(value.span().start)),
                ),
                None => {
                    if required() {
                        self.report_missing(name);
                    }
                    return None;
                }
            },
            Source::Csv(csv) => {
                let fields = self.spec.fields;
                let index = if fields
                    .get(self.next)
                    .is_some_and(|next| same_name(next, name))
                {
                    self.next
                } else {
                    fields.iter().position(|field| *field == name)?
                };
                self.next = index + 1;
                let column = (*csv.columns.get(index)?)?;
                let cell = trim(csv.row.get(column).unwrap_or(""));
                if cell.is_empty() {
                    if required() {
                        self.report_missing(name);
                    }
                    return None;
                }
                (T::from_cell(cell), Arc::clone(&self.at))
            }
        };
        match result {
            Ok(value) => Some(Located { value, at }),
            Err(bad) => {
                self.report_bad(&at, name, bad);
                None
            }
        }
    }

    fn report_missing(&mut self, name: &str) {
        let record = self.spec.record;
        let message = match self.source {
            Source::Toml { .. } => format!("missing field, required for every {record}"),
            Source::Csv(_) => format!("empty cell, a value is required for every {record}"),
        };
        self.problems.at(&self.at, name, message);
    }

    fn report_bad(&mut self, at: &Location, name: &str, bad: BadValue) {
        let mut diagnostic = at.diagnostic(Some(name), bad.message);
        diagnostic.found = bad.found;
        diagnostic.help = bad.help;
        self.problems.push(diagnostic);
    }

    /// Reports every key of a TOML record that is not a known field, with a suggestion.
    pub(crate) fn finish(self) {
        let Source::Toml { table, text } = self.source else {
            return;
        };
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if !self.spec.fields.contains(&name) {
                let mut diagnostic = text.at(key.span().start).diagnostic(
                    Some(name),
                    format!("unknown field for {}", a(self.spec.record)),
                );
                diagnostic.found = Some(name.to_string());
                diagnostic.help = did_you_mean(name, self.spec.fields.iter().copied());
                self.problems.push(diagnostic);
            }
        }
    }
}

/// Whether two field names are the same: the same static text (as the raw records and their
/// spec name their fields) is recognised without comparing its bytes.
fn same_name(a: &'static str, b: &'static str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Reports `value` as not being a table where a record was expected.
pub(crate) fn not_a_table(
    value: &DeValue<'_>,
    at: &Location,
    spec: &TableSpec,
    problems: &mut Problems,
) {
    let (found, described) = describe(value);
    let mut diagnostic = at.diagnostic(
        Some(spec.key),
        format!(
            "expected a table for each {}, found {described}",
            spec.record
        ),
    );
    diagnostic.found = Some(found);
    problems.push(diagnostic);
}
