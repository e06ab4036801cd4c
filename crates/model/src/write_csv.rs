//! Writing a scenario as a directory: `scenario.toml` plus CSV files of its large tables.
//!
//! This module owns [`scenario_dir_files`] (the files as text) and [`write_scenario_dir`] (the
//! files on disk, each written atomically). Employers, sites, travel times, people and vacancies
//! go to CSV files, as HR teams keep them; the scenario file holds the header, the pay scale and
//! the policy inline, the regions, footprints and skills, and a `*_csv` key naming each CSV file.
//! Every record goes through the same record writers as [`crate::write_scenario_toml`], so the
//! two formats cannot drift apart, and [`crate::load_scenario`] reads the directory back as the
//! same scenario.
//!
//! A value CSV cannot carry is refused rather than written wrongly: an empty text (an empty cell
//! reads as no value), a text with spaces at either end (cells are trimmed when read) and a list
//! item containing `;` (the list separator in a cell).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Value;

use crate::Scenario;
use crate::error::{Diagnostic, Error, Location, Position};
use crate::raw::{EMPLOYERS, PEOPLE, SITES, TRAVEL_TIMES, VACANCIES};
use crate::record::TableSpec;
use crate::write::{
    Out, RecordSink, text, write_employer, write_footprint, write_header, write_pay_scale,
    write_person, write_policy, write_region, write_site, write_skill, write_travel_time,
    write_vacancy,
};

/// The name of the scenario file in a scenario directory.
pub const SCENARIO_FILE: &str = "scenario.toml";

/// The files [`write_scenario_dir`] writes, in the order it writes them: the CSV files first and
/// the scenario file, which names them, last.
pub const SCENARIO_DIR_FILES: [&str; 6] = [
    "employers.csv",
    "sites.csv",
    "travel_times.csv",
    "people.csv",
    "vacancies.csv",
    SCENARIO_FILE,
];

/// How [`write_scenario_dir`] treats the directory it writes into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirOptions {
    /// Whether files already in the directory may be replaced; when `false`, nothing is written
    /// if any of [`SCENARIO_DIR_FILES`] exists.
    pub overwrite: bool,
    /// Lines written as `# ` comments at the top of the scenario file (say how it was made).
    pub comment: Option<String>,
}

/// One file of a scenario directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioFile {
    /// File name inside the directory (one of [`SCENARIO_DIR_FILES`]).
    pub name: &'static str,
    /// The whole contents, UTF-8.
    pub contents: String,
}

/// The files of a scenario directory as text, in [`SCENARIO_DIR_FILES`] order.
///
/// ```
/// use std::path::Path;
/// use redeploy_model::{DirOptions, parse_scenario, scenario_dir_files};
///
/// let scenario = parse_scenario(include_str!("../tests/data/tiny.toml"), Path::new("tiny.toml")).unwrap();
/// let files = scenario_dir_files(&scenario, &DirOptions::default()).unwrap();
/// let people = files.iter().find(|file| file.name == "people.csv").unwrap();
/// assert!(people.contents.starts_with("id,"));
/// assert_eq!(people.contents.lines().count(), scenario.people.len() + 1);
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] naming every value CSV cannot carry (file, record, column and why).
pub fn scenario_dir_files(
    scenario: &Scenario,
    options: &DirOptions,
) -> Result<Vec<ScenarioFile>, Error> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let tables: [(&'static str, &'static TableSpec, CsvRows); 5] = [
        (
            "employers.csv",
            &EMPLOYERS,
            rows(&scenario.employers, write_employer),
        ),
        ("sites.csv", &SITES, rows(&scenario.sites, write_site)),
        (
            "travel_times.csv",
            &TRAVEL_TIMES,
            rows(&scenario.travel_times, write_travel_time),
        ),
        ("people.csv", &PEOPLE, rows(&scenario.people, write_person)),
        (
            "vacancies.csv",
            &VACANCIES,
            rows(&scenario.vacancies, write_vacancy),
        ),
    ];
    let mut out = Out::default();
    if let Some(comment) = &options.comment {
        for line in comment.lines() {
            out.text.push_str(format!("# {line}").trim_end());
            out.text.push('\n');
        }
        out.text.push('\n');
    }
    write_header(&mut out, scenario);
    for (name, spec, records) in &tables {
        out.field(&spec.csv_key(), text(name));
        match csv_text(name, spec, records) {
            Ok(contents) => files.push(ScenarioFile { name, contents }),
            Err(mut found) => problems.append(&mut found),
        }
    }
    write_pay_scale(&mut out, scenario);
    write_policy(&mut out, scenario);
    for region in &scenario.regions {
        write_region(&mut out, region);
    }
    for footprint in &scenario.footprints {
        write_footprint(&mut out, footprint);
    }
    for skill in &scenario.skills {
        write_skill(&mut out, skill);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    files.push(ScenarioFile {
        name: SCENARIO_FILE,
        contents: out.text,
    });
    Ok(files)
}

/// Writes a scenario into `dir` (created if missing) as [`SCENARIO_DIR_FILES`], each file
/// atomically (a temporary file in `dir`, flushed, then renamed), the scenario file last, and
/// returns the path of the scenario file.
///
/// Unless `options.overwrite` is set, nothing is written when any of the files already exists.
///
/// ```no_run
/// use std::path::Path;
/// use redeploy_model::{DirOptions, load_scenario, write_scenario_dir};
///
/// let scenario = load_scenario(Path::new("configs/examples/small/scenario.toml"))?;
/// let written = write_scenario_dir(Path::new("/tmp/small-copy"), &scenario, &DirOptions::default())?;
/// assert_eq!(load_scenario(&written)?, scenario);
/// # Ok::<(), redeploy_model::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] when `dir` is a file; listing every file that already exists (without
/// `overwrite`), every value CSV cannot carry, or the file that could not be written and why.
pub fn write_scenario_dir(
    dir: &Path,
    scenario: &Scenario,
    options: &DirOptions,
) -> Result<PathBuf, Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Invalid(vec![file_problem(
            dir,
            "is a file, expected a directory to write the scenario into (or a path that does not exist yet)",
        )]));
    }
    if !options.overwrite {
        let existing: Vec<Diagnostic> = SCENARIO_DIR_FILES
            .iter()
            .map(|name| dir.join(name))
            .filter(|path| path.exists())
            .map(|path| {
                file_problem(
                    &path,
                    "the file already exists, expected a directory without scenario files (allow overwriting to replace them)",
                )
            })
            .collect();
        if !existing.is_empty() {
            return Err(Error::Invalid(existing));
        }
    }
    let files = scenario_dir_files(scenario, options)?;
    fs::create_dir_all(dir).map_err(|err| {
        Error::Invalid(vec![file_problem(
            dir,
            &format!("cannot create the directory: {err}"),
        )])
    })?;
    for file in &files {
        let target = dir.join(file.name);
        write_atomic(&target, file.contents.as_bytes()).map_err(|err| {
            Error::Invalid(vec![file_problem(
                &target,
                &format!("cannot write the file: {err}"),
            )])
        })?;
    }
    Ok(dir.join(SCENARIO_FILE))
}

fn file_problem(path: &Path, message: &str) -> Diagnostic {
    Location::file(&Arc::from(path)).diagnostic(None, message)
}

/// Writes `contents` to a temporary file next to `target`, flushes it, and renames it over
/// `target`; the temporary file is removed if anything fails.
fn write_atomic(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// The records of one table as written by the record writers: (field, value) per record.
#[derive(Default)]
struct CsvRows {
    records: Vec<Vec<(String, Value)>>,
}

impl RecordSink for CsvRows {
    fn table(&mut self, _key: &str) {
        self.records.push(Vec::new());
    }

    fn field(&mut self, key: &str, value: Value) {
        if self.records.is_empty() {
            self.records.push(Vec::new());
        }
        if let Some(record) = self.records.last_mut() {
            record.push((key.to_string(), value));
        }
    }
}

fn rows<T>(items: &[T], write: fn(&mut CsvRows, &T)) -> CsvRows {
    let mut sink = CsvRows::default();
    for item in items {
        write(&mut sink, item);
    }
    sink
}

/// One CSV file: a header row of the table's fields that any record uses (and every required
/// field), in the order the format documents them, then one row per record.
fn csv_text(name: &str, spec: &TableSpec, rows: &CsvRows) -> Result<String, Vec<Diagnostic>> {
    let columns: Vec<&str> = spec
        .fields
        .iter()
        .copied()
        .filter(|field| {
            spec.required.contains(field)
                || rows
                    .records
                    .iter()
                    .any(|record| record.iter().any(|(key, _)| key == field))
        })
        .collect();
    let file: Arc<Path> = Arc::from(Path::new(name));
    let mut problems = Vec::new();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut line = 2;
    let push = |writer: &mut csv::Writer<Vec<u8>>, cells: &[String]| {
        // Writing into memory cannot fail.
        let _ = writer.write_record(cells);
    };
    push(
        &mut writer,
        &columns.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
    );
    for (index, record) in rows.records.iter().enumerate() {
        let at = Location {
            file: Arc::clone(&file),
            position: Position::Record {
                record: index + 1,
                line,
            },
        };
        let mut cells = Vec::with_capacity(columns.len());
        for column in &columns {
            let value = record.iter().find(|(key, _)| key == column).map(|(_, v)| v);
            match value.map(cell).transpose() {
                Ok(text) => cells.push(text.unwrap_or_default()),
                Err((found, message)) => {
                    let mut diagnostic = at.diagnostic(Some(column), message);
                    diagnostic.found = Some(found);
                    problems.push(diagnostic);
                    cells.push(String::new());
                }
            }
        }
        line += 1 + cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        push(&mut writer, &cells);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    // Every cell came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// A value as the CSV reader reads it back, or (found, why it cannot be written).
fn cell(value: &Value) -> Result<String, (String, String)> {
    match value {
        Value::String(item) => single_text(item),
        Value::Integer(number) => Ok(number.to_string()),
        Value::Float(number) => Ok(number.to_string()),
        Value::Boolean(flag) => Ok(flag.to_string()),
        Value::Datetime(when) => Ok(when.to_string()),
        Value::Array(items) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(item) = item else {
                    return Err((item.to_string(), "expected a list of text".to_string()));
                };
                if item.contains(';') {
                    return Err((
                        item.clone(),
                        format!(
                            "`{item}` contains `;`, which separates list items in a CSV cell; expected list items without `;`"
                        ),
                    ));
                }
                texts.push(single_text(item)?);
            }
            Ok(texts.join(";"))
        }
        Value::Table(_) => Err((
            "{…}".to_string(),
            "a table cannot be written to a CSV cell".to_string(),
        )),
    }
}

fn single_text(item: &str) -> Result<String, (String, String)> {
    if item.is_empty() {
        return Err((
            String::new(),
            "an empty text cannot be written to CSV (an empty cell reads as no value); expected some text".to_string(),
        ));
    }
    if item.trim() != item {
        return Err((
            item.to_string(),
            format!(
                "`{item}` starts or ends with spaces, which CSV cells lose when read; expected trimmed text"
            ),
        ));
    }
    Ok(item.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_scenario;

    fn tiny() -> Scenario {
        parse_scenario(
            include_str!("../tests/data/tiny.toml"),
            Path::new("tiny.toml"),
        )
        .unwrap()
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "redeploy-model-write-csv-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn associated_employers_are_written_as_one_cell_and_read_back() {
        let mut scenario = tiny();
        let first = scenario.employers[0].clone();
        for (id, associated) in [("RX2", vec![]), ("RX3", vec!["RX1", "RX2"])] {
            scenario.employers.push(crate::Employer {
                id: id.into(),
                name: id.into(),
                associated_with: associated.into_iter().map(String::from).collect(),
                ..first.clone()
            });
        }
        let files = scenario_dir_files(&scenario, &DirOptions::default()).unwrap();
        let employers = files.iter().find(|f| f.name == "employers.csv").unwrap();
        assert_eq!(
            employers.contents.lines().collect::<Vec<_>>(),
            [
                "id,name,kind,footprint,associated_with",
                "RX1,RX1,acute,north,",
                "RX2,RX2,acute,north,",
                "RX3,RX3,acute,north,RX1;RX2",
            ]
        );
        let dir = scratch("associated");
        let path = write_scenario_dir(&dir, &scenario, &DirOptions::default()).unwrap();
        assert_eq!(crate::load_scenario(&path).unwrap(), scenario);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_written_directory_loads_back_as_the_same_scenario() {
        let scenario = tiny();
        let dir = scratch("round-trip");
        let path = write_scenario_dir(&dir, &scenario, &DirOptions::default()).unwrap();
        let loaded = crate::load_scenario(&path).unwrap();
        assert_eq!(
            loaded, scenario,
            "reading the directory back changed the scenario"
        );
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn existing_files_are_kept_unless_overwriting_is_allowed() {
        let scenario = tiny();
        let dir = scratch("refuse");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("people.csv"), "mine").unwrap();
        let err = write_scenario_dir(&dir, &scenario, &DirOptions::default()).unwrap_err();
        assert_eq!(
            err.diagnostics().len(),
            1,
            "one existing file, one problem: {err}"
        );
        assert!(
            err.to_string()
                .contains("people.csv: the file already exists"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(dir.join("people.csv")).unwrap(), "mine");
        assert!(
            !dir.join(SCENARIO_FILE).exists(),
            "nothing may be written after a refusal"
        );
        let options = DirOptions {
            overwrite: true,
            comment: None,
        };
        write_scenario_dir(&dir, &scenario, &options).unwrap();
        assert_ne!(fs::read_to_string(dir.join("people.csv")).unwrap(), "mine");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn values_csv_cannot_carry_are_refused_with_their_record_and_column() {
        let mut scenario = tiny();
        scenario.people[0].skills.push("a;b".to_string());
        scenario.people[0].role = Some(" padded".to_string());
        let err = scenario_dir_files(&scenario, &DirOptions::default()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(
                "people.csv: record 1 (line 2), column `role`: ` padded` starts or ends with spaces"
            ),
            "{text}"
        );
        assert!(
            text.contains("column `skills`: `a;b` contains `;`"),
            "{text}"
        );
    }

    #[test]
    fn the_comment_heads_the_scenario_file_and_columns_follow_the_format() {
        let options = DirOptions {
            overwrite: false,
            comment: Some("made for a test\n\nsecond line".to_string()),
        };
        let files = scenario_dir_files(&tiny(), &options).unwrap();
        let names: Vec<&str> = files.iter().map(|file| file.name).collect();
        assert_eq!(names, SCENARIO_DIR_FILES);
        let scenario = &files[5].contents;
        assert!(
            scenario.starts_with("# made for a test\n#\n# second line\n\nname = "),
            "{scenario}"
        );
        let header = files[3].contents.lines().next().unwrap();
        let columns: Vec<&str> = header.split(',').collect();
        let mut in_spec_order: Vec<&str> = PEOPLE
            .fields
            .iter()
            .copied()
            .filter(|field| columns.contains(field))
            .collect();
        assert_eq!(
            columns, in_spec_order,
            "columns must follow the documented field order"
        );
        in_spec_order.retain(|field| PEOPLE.required.contains(field));
        assert_eq!(
            in_spec_order, PEOPLE.required,
            "every required column is written"
        );
    }
}
