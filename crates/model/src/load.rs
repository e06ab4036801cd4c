//! Loading a scenario file and the files it names.
//!
//! This module owns the top level of a scenario: reading the TOML, resolving the pay scale,
//! the policy and any CSV files relative to the scenario, collecting the raw records, and
//! handing them to validation. Every problem found on the way is kept; loading fails only at the
//! end, with all of them.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use rayon::prelude::*;

use crate::csv_table::{CsvFile, parse_csv_file, read_csv_file};
use crate::error::{Error, Location, Problems};
use crate::field::describe;
use crate::inputs::{InputFile, Inputs};
use crate::memory::{Disk, FileReader};
use crate::pay_file::read_pay_scale;
use crate::policy_file::read_policy;
use crate::raw::{Part, RawRecords, TABLES};
use crate::record::{Fields, TableSpec, not_a_table};
use crate::source::SourceText;
use crate::validate::{Header, build_scenario};
use crate::{PayScale, Policy, Scenario};

/// The top-level fields of a scenario file.
pub(crate) static SCENARIO: TableSpec = TableSpec {
    key: "scenario",
    record: "scenario",
    fields: &[
        "name",
        "round_date",
        "seed",
        "pay_scale",
        "policy",
        "regions",
        "regions_csv",
        "footprints",
        "footprints_csv",
        "employers",
        "employers_csv",
        "sites",
        "sites_csv",
        "travel_times",
        "travel_times_csv",
        "skills",
        "skills_csv",
        "people",
        "people_csv",
        "vacancies",
        "vacancies_csv",
    ],
    required: &["name", "round_date", "pay_scale"],
};

/// Reads and validates a scenario file, with the pay scale, policy and CSV files it names
/// (paths relative to the scenario file).
///
/// ```no_run
/// use std::path::Path;
///
/// let scenario = redeploy_model::load_scenario(Path::new("configs/examples/small/scenario.toml"))?;
/// println!("{} people at risk", scenario.people.len());
/// # Ok::<(), redeploy_model::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Io`] when the scenario file itself cannot be read; [`Error::Invalid`] listing every
/// problem in the scenario and the files it names otherwise.
pub fn load_scenario(path: &Path) -> Result<Scenario, Error> {
    load_scenario_recorded(path, &mut Inputs::default())
}

/// [`load_scenario`], recording in `inputs` every file read (the scenario first), with its
/// size and SHA-256, whether or not the scenario turns out valid.
///
/// ```no_run
/// use std::path::Path;
/// use redeploy_model::{Inputs, load_scenario_recorded};
///
/// let mut inputs = Inputs::default();
/// let scenario = load_scenario_recorded(Path::new("configs/examples/small/scenario.toml"), &mut inputs)?;
/// assert_eq!(inputs.files()[0].role, "scenario");
/// # Ok::<(), redeploy_model::Error>(())
/// ```
///
/// # Errors
///
/// As [`load_scenario`].
pub fn load_scenario_recorded(path: &Path, inputs: &mut Inputs) -> Result<Scenario, Error> {
    let text = read_recorded(path, "scenario", inputs)?;
    parse_recorded(&text, path, inputs)
}

/// Reads and validates a scenario from TOML text. `path` names the text in messages, and files
/// the scenario names are resolved relative to its directory.
///
/// See `docs/scenario-format.md` for the format; [`crate::write_scenario_toml`] writes it.
///
/// # Errors
///
/// [`Error::Invalid`] listing every problem.
pub fn parse_scenario(text: &str, path: &Path) -> Result<Scenario, Error> {
    parse_recorded(text, path, &mut Inputs::default())
}

/// [`parse_scenario`], recording the files the scenario names in `inputs`.
fn parse_recorded(text: &str, path: &Path, inputs: &mut Inputs) -> Result<Scenario, Error> {
    parse_scenario_with(text, path, inputs, &Disk, &[])
}

/// [`parse_scenario`], reading the files the scenario names through `files` (recording them in
/// `inputs`), and appending the vacancies of each CSV file in `extra_vacancies` (the scenario's
/// vacancy format, read through `files`) after the scenario's own. Every record is validated
/// together.
pub(crate) fn parse_scenario_with(
    text: &str,
    path: &Path,
    inputs: &mut Inputs,
    files: &dyn FileReader,
    extra_vacancies: &[PathBuf],
) -> Result<Scenario, Error> {
    let source = SourceText::new(path, text.to_string());
    let mut problems = Problems::default();
    let Some(document) = parse_toml(&source, &mut problems) else {
        return problems.finish(None);
    };
    let document = document.get_ref();
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let loader = Loader {
        source: &source,
        document,
        base,
        inputs: RefCell::new(inputs),
        files,
    };

    let mut fields = Fields::toml(document, &source, source.whole(), &SCENARIO, &mut problems);
    let name = fields.get::<String>("name");
    let round_date = fields.get::<NaiveDate>("round_date");
    let seed = fields.get::<u64>("seed");
    fields.finish();

    let pay_scale = loader.pay_scale(&mut problems);
    let policy = loader.policy(&mut problems);
    // Every place records come from, in the order they are named: inline tables (read as the
    // TOML is walked) and CSV files (read now, hashed and parsed in parallel below). The
    // parts are then joined in this order, so records and problems come in the same order as
    // when each place is read in turn.
    let mut places = Vec::new();
    for spec in TABLES {
        loader.records(spec, &mut places);
        if spec.key == "vacancies" {
            for extra in extra_vacancies {
                let at = Location::file(&std::sync::Arc::from(extra.as_path()));
                let role = "added_vacancies_csv";
                let mut part = Part::default();
                places.push(
                    match read_csv_file(files, extra, &at, spec, &mut part, role) {
                        Some(file) => Place::Csv(file),
                        None => Place::Read(part),
                    },
                );
            }
        }
    }
    // Each CSV file is hashed by the thread that parses it, and recorded among the inputs in
    // the order the files were read (after the scenario, pay scale and policy, as before).
    let parts: Vec<(Part, Option<InputFile>)> = places
        .into_par_iter()
        .map(|place| match place {
            Place::Read(part) => (part, None),
            Place::Csv(file) => {
                let (part, input) = parse_csv_file(file);
                (part, Some(input))
            }
        })
        .collect();
    let mut records = RawRecords::default();
    for (part, input) in parts {
        if let Some(input) = input {
            loader.inputs.borrow_mut().add(input);
        }
        part.join_into(&mut records, &mut problems);
    }
    let header = Header {
        name: name.map(|name| name.value),
        round_date: round_date.map(|date| date.value),
        seed: seed.map_or(0, |seed| seed.value),
    };
    let scenario = build_scenario(header, pay_scale, policy, records, &mut problems);
    problems.finish(scenario)
}

/// Reads a file the caller named as UTF-8 text.
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    read_recorded(path, "file", &mut Inputs::default())
}

/// Reads a file the caller named as UTF-8 text, recording it in `inputs` as `role`.
pub(crate) fn read_recorded(path: &Path, role: &str, inputs: &mut Inputs) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    inputs.record(role, path, &bytes);
    let mut problems = Problems::default();
    let text = utf8(
        bytes,
        &Location::file(&std::sync::Arc::from(path)),
        None,
        &mut problems,
    );
    problems.finish(text)
}

/// The bytes as text, or a problem at `at` saying where the first invalid byte is.
fn utf8(
    bytes: Vec<u8>,
    at: &Location,
    field: Option<&str>,
    problems: &mut Problems,
) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let line = err.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            problems.push(at.diagnostic(
                field,
                format!(
                    "the file is not valid UTF-8 (first bad byte on line {line}); save it as UTF-8"
                ),
            ));
            None
        }
    }
}

/// Parses TOML text, recording every syntax error; `None` if there was any.
pub(crate) fn parse_toml<'s>(
    source: &'s SourceText,
    problems: &mut Problems,
) -> Option<Spanned<DeTable<'s>>> {
    let (document, errors) = DeTable::parse_recoverable(&source.text);
    if errors.is_empty() {
        return Some(document);
    }
    for err in errors {
        let offset = err.span().map_or(0, |span| span.start);
        let message = err.message().trim().replace('\n', "; ");
        problems.push(
            source
                .at(offset)
                .diagnostic(None, format!("invalid TOML: {message}")),
        );
    }
    None
}

/// A place records come from: read already, or a CSV file to parse.
enum Place {
    Read(Part),
    Csv(CsvFile),
}

struct Loader<'a, 's> {
    source: &'a SourceText,
    document: &'a DeTable<'s>,
    base: PathBuf,
    /// Every file read on the way, recorded as it is read.
    inputs: RefCell<&'a mut Inputs>,
    /// Where the files come from.
    files: &'a dyn FileReader,
}

impl Loader<'_, '_> {
    fn at(&self, value: &Spanned<DeValue<'_>>) -> Location {
        self.source.at(value.span().start)
    }

    /// Reads a file named by the scenario; problems are reported at the naming value.
    fn referenced(
        &self,
        value: &Spanned<DeValue<'_>>,
        relative: &str,
        field: &str,
        problems: &mut Problems,
    ) -> Option<(PathBuf, String)> {
        let path = self.base.join(relative);
        match self.files.read(&path) {
            Ok(bytes) => {
                self.inputs.borrow_mut().record(field, &path, &bytes);
                utf8(bytes, &self.at(value), Some(field), problems).map(|text| (path, text))
            }
            Err(err) => {
                problems.at(
                    &self.at(value),
                    field,
                    format!("cannot read `{}`: {err}", path.display()),
                );
                None
            }
        }
    }

    fn pay_scale(&self, problems: &mut Problems) -> Option<PayScale> {
        let Some(value) = self.document.get("pay_scale") else {
            problems.at(
                &self.source.whole(),
                "pay_scale",
                "missing field, expected the path of a pay-scale file or a `[pay_scale]` table",
            );
            return None;
        };
        self.table_or_file(value, "pay_scale", "pay-scale", read_pay_scale, problems)
    }

    fn policy(&self, problems: &mut Problems) -> Option<Policy> {
        match self.document.get("policy") {
            Some(value) => self.table_or_file(value, "policy", "policy", read_policy, problems),
            None => Some(Policy::default()),
        }
    }

    /// Reads `key`, given as an inline table or as the path of a TOML file (a `what` file).
    fn table_or_file<T>(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        what: &str,
        read: fn(&DeTable<'_>, &SourceText, Location, &mut Problems) -> Option<T>,
        problems: &mut Problems,
    ) -> Option<T> {
        match value.get_ref() {
            DeValue::Table(table) => read(table, self.source, self.at(value), problems),
            DeValue::String(relative) => {
                let (path, text) = self.referenced(value, relative, key, problems)?;
                let source = SourceText::new(&path, text);
                let document = parse_toml(&source, problems)?;
                read(document.get_ref(), &source, source.whole(), problems)
            }
            other => {
                let (_, described) = describe(other);
                let message =
                    format!("expected the path of a {what} file or a table, found {described}");
                problems.at(&self.at(value), key, message);
                None
            }
        }
    }

    /// Reads the records of one table: inline `[[key]]` tables, then the `key_csv` file (read,
    /// left to hash and parse), each a place of its own.
    fn records(&self, spec: &'static TableSpec, places: &mut Vec<Place>) {
        let mut part = Part::default();
        let (records, problems) = (&mut part.records, &mut part.problems);
        if let Some(value) = self.document.get(spec.key) {
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        let at = self.at(item);
                        match item.get_ref() {
                            DeValue::Table(table) => {
                                let mut fields =
                                    Fields::toml(table, self.source, at, spec, problems);
                                records.read_into(spec, &mut fields);
                                fields.finish();
                            }
                            other => {
                                not_a_table(other, &at, spec, problems);
                                records.lose(spec);
                            }
                        }
                    }
                }
                other => {
                    let (_, described) = describe(other);
                    problems.at(
                        &self.at(value),
                        spec.key,
                        format!(
                            "expected an array of tables (`[[{}]]`), found {described}",
                            spec.key
                        ),
                    );
                    records.lose(spec);
                }
            }
        }
        places.push(Place::Read(part));
        let csv_key = spec.csv_key();
        let Some(value) = self.document.get(csv_key.as_str()) else {
            return;
        };
        let mut part = Part::default();
        match value.get_ref() {
            DeValue::String(relative) => {
                let path = self.base.join(relative.as_ref());
                let at = self.at(value);
                if let Some(file) = read_csv_file(self.files, &path, &at, spec, &mut part, &csv_key)
                {
                    places.push(Place::Csv(file));
                    return;
                }
            }
            other => {
                let (_, described) = describe(other);
                part.problems.at(
                    &self.at(value),
                    &csv_key,
                    format!("expected the path of a CSV file, found {described}"),
                );
                part.records.lose(spec);
            }
        }
        places.push(Place::Read(part));
    }
}
