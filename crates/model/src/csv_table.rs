//! Record tables read from CSV files.
//!
//! This module owns reading a CSV file named by a scenario: the header row names the fields
//! (the same names as in TOML), each further row is one record. Unknown, repeated and missing
//! columns are reported once, at the header; every malformed cell is reported with its record
//! number, line and column. A UTF-8 byte-order mark (as spreadsheets write) is ignored; a file
//! split by `;` or tabs (as some spreadsheets write) is reported once, with a hint.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use csv::{ReaderBuilder, StringRecord};

use crate::error::{Location, Position, Problems};
use crate::inputs::InputFile;
use crate::memory::FileReader;
use crate::raw::{Part, RawRecords};
use crate::record::{CsvRow, Fields, TableSpec};
use crate::suggest::{a, did_you_mean};

/// A CSV file read but neither hashed nor parsed yet.
pub(crate) struct CsvFile {
    path: PathBuf,
    bytes: Vec<u8>,
    spec: &'static TableSpec,
    /// The role the file is recorded in among the inputs (`people_csv`).
    role: String,
}

/// Reads the CSV file at `path` (named at `named_at` in the scenario), to be recorded among
/// the inputs in `role` once parsed; a file that cannot be read is a problem (and the table is
/// marked as not wholly read in `records`).
pub(crate) fn read_csv_file(
    files: &dyn FileReader,
    path: &Path,
    named_at: &Location,
    spec: &'static TableSpec,
    part: &mut Part,
    role: &str,
) -> Option<CsvFile> {
    match files.read(path) {
        Ok(bytes) => Some(CsvFile {
            path: path.to_path_buf(),
            bytes,
            spec,
            role: role.to_string(),
        }),
        Err(err) => {
            part.problems.at(
                named_at,
                &spec.csv_key(),
                format!("cannot read `{}`: {err}", path.display()),
            );
            part.records.lose(spec);
            None
        }
    }
}

/// Parses a CSV file read by [`read_csv_file`]: its records and every problem met, and the
/// file as recorded among the inputs (hashed from the bytes parsed).
pub(crate) fn parse_csv_file(file: CsvFile) -> (Part, InputFile) {
    let mut part = Part::default();
    parse_csv_table(
        &file.bytes,
        &file.path,
        file.spec,
        &mut part.records,
        &mut part.problems,
    );
    let input = InputFile::new(&file.role, &file.path, &file.bytes);
    (part, input)
}

/// Parses the bytes of the CSV file at `path` into `records`.
fn parse_csv_table(
    bytes: &[u8],
    path: &Path,
    spec: &'static TableSpec,
    records: &mut RawRecords,
    problems: &mut Problems,
) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file: Arc<Path> = Arc::from(path);
    // Cells are trimmed where they are read; one record is reused for every row.
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut row = StringRecord::new();
    match reader.read_record(&mut row) {
        Ok(true) => {}
        Err(err) => {
            problems.push(Location::file(&file).diagnostic(None, csv_message(&err)));
            records.lose(spec);
            return;
        }
        Ok(false) => {
            let message = format!(
                "the file is empty, expected a header row naming the {} fields",
                spec.record
            );
            problems.push(Location::file(&file).diagnostic(None, message));
            records.lose(spec);
            return;
        }
    };
    let mut lines = LineCounter::new(bytes);
    let header_line = lines.line_of(row.position());
    let header: Vec<String> = row.iter().map(|cell| cell.trim().to_string()).collect();
    if let Some(delimiter) = other_delimiter(&header) {
        let at = Location {
            file: Arc::clone(&file),
            position: Position::Header { line: header_line },
        };
        let mut diagnostic = at.diagnostic(
            None,
            format!(
                "the header is one column split by {}, expected columns separated by commas",
                delimiter.name
            ),
        );
        diagnostic.found = header.first().cloned();
        diagnostic.help = Some(delimiter.hint());
        problems.push(diagnostic);
        records.lose(spec);
        return;
    }
    check_header(&header, &file, header_line, spec, problems);
    // The column of each field of the spec, in the spec's order. A repeated column is reported
    // at the header; its first occurrence is read.
    let columns: Vec<Option<usize>> = spec
        .fields
        .iter()
        .map(|field| header.iter().position(|name| name == field))
        .collect();
    records.reserve(spec, most_records(bytes, header.len()));
    let mut record = 0;
    loop {
        record += 1;
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let line = lines.line_of(err.position());
                let at = record_location(&file, record, line);
                problems.push(at.diagnostic(None, csv_message(&err)));
                records.lose(spec);
                continue;
            }
        }
        let line = lines.line_of(row.position());
        let at = record_location(&file, record, line);
        if is_blank(&row) {
            continue;
        }
        if row.len() != header.len() {
            let message = format!(
                "the record has {}, expected {} (one per column of the header)",
                crate::count(row.len(), "cell", "cells"),
                header.len()
            );
            let mut diagnostic = at.diagnostic(None, message);
            let cells: Vec<String> = row.iter().map(|cell| cell.trim().to_string()).collect();
            diagnostic.help = other_delimiter(&cells).map(|delimiter| delimiter.hint());
            problems.push(diagnostic);
            records.lose(spec);
            continue;
        }
        let mut fields = Fields::csv(
            CsvRow {
                columns: &columns,
                row: &row,
            },
            at,
            spec,
            problems,
        );
        records.read_into(spec, &mut fields);
    }
}

/// Room to make for the records of a CSV file before reading it (so that tens of megabytes
/// of records are not copied as their vector grows): one a line, but no more than records of
/// `columns` cells (each its commas, a character and a line break) fit in the bytes. Quoted
/// line breaks and blank lines make it more than the records kept, which costs only address
/// space; lines ending in a lone `\r` make it less, and the vector then grows as it reads.
fn most_records(bytes: &[u8], columns: usize) -> usize {
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    lines.min((bytes.len() + 1) / (columns + 1))
}

/// Turns the byte offsets of records into 1-based line numbers (the CSV reader's own line count
/// skips blank lines), counting forward from the last record.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(position) = position else {
            return self.line;
        };
        // A position past the end of the text (or past what `usize` can address) is its end.
        let end = self.bytes.len();
        let mut target = usize::try_from(position.byte()).map_or(end, |byte| byte.min(end));
        // A record's position can point at blank lines the reader skipped before it.
        while matches!(self.bytes.get(target), Some(b'\n' | b'\r')) {
            target += 1;
        }
        if target >= self.offset {
            self.line += memchr::memchr_iter(b'\n', &self.bytes[self.offset..target]).count();
            self.offset = target;
        }
        self.line
    }
}

fn record_location(file: &Arc<Path>, record: usize, line: usize) -> Location {
    Location {
        file: Arc::clone(file),
        position: Position::Record { record, line },
    }
}

fn is_blank(row: &StringRecord) -> bool {
    row.iter().all(|cell| cell.trim().is_empty())
}

fn csv_message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "the text is not valid UTF-8 (in cell {}); save the file as UTF-8 CSV",
            err.field() + 1
        ),
        _ => format!("cannot read the CSV: {err}"),
    }
}

/// A column delimiter other than the comma, as some spreadsheets write CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Delimiter {
    /// The delimiter in words, with its character: `` `;` ``, `a tab`.
    name: &'static str,
}

impl Delimiter {
    fn hint(self) -> String {
        format!(
            "the file looks separated by {}: save it as comma-separated CSV (in Excel, \"CSV UTF-8 (Comma delimited)\")",
            self.name
        )
    }
}

/// The delimiter a row seems to be split by, when it is one cell holding `;` or a tab.
fn other_delimiter(cells: &[String]) -> Option<Delimiter> {
    let [cell] = cells else {
        return None;
    };
    if cell.contains('\t') {
        Some(Delimiter { name: "a tab" })
    } else if cell.contains(';') {
        Some(Delimiter { name: "`;`" })
    } else {
        None
    }
}

/// Reports unknown, repeated and missing columns of a header row.
fn check_header(
    header: &[String],
    file: &Arc<Path>,
    line: usize,
    spec: &TableSpec,
    problems: &mut Problems,
) {
    let at = Location {
        file: Arc::clone(file),
        position: Position::Header { line },
    };
    for (index, column) in header.iter().enumerate() {
        if !spec.fields.contains(&column.as_str()) {
            let mut diagnostic = at.diagnostic(
                Some(column),
                format!("unknown column for {}", a(spec.record)),
            );
            diagnostic.found = Some(column.clone());
            diagnostic.help = did_you_mean(column, spec.fields.iter().copied());
            problems.push(diagnostic);
        } else if header[..index].contains(column) {
            problems.at(&at, column, "the column appears more than once");
        }
    }
    for required in spec.required {
        if !header.iter().any(|column| column == required) {
            problems.at(
                &at,
                required,
                format!("missing column, required for every {}", spec.record),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::PEOPLE;

    /// The records kept from `text` as the people table, and the room made for them.
    fn kept_and_room(text: &str) -> (usize, usize) {
        let mut records = RawRecords::default();
        let mut problems = Problems::default();
        parse_csv_table(
            text.as_bytes(),
            Path::new("people.csv"),
            &PEOPLE,
            &mut records,
            &mut problems,
        );
        let columns = text
            .lines()
            .next()
            .map_or(0, |header| header.split(',').count());
        (records.people.len(), most_records(text.as_bytes(), columns))
    }

    #[test]
    fn room_is_made_for_every_record_kept() {
        let header = "id,employer,site";
        for body in [
            "",
            "P1,E,S",
            "P1,E,S\n",
            "P1,E,S\r\nP2,E,S\r\n",
            "\n\n\nP1,E,S\n\n,,\nP2,E,S",
            "\"P\n1\",E,S\n\"P\n\n2\",E,S\n",
            "P1,E,S,extra\nP2,E\nP3,E,S\n",
            "1,2,3\n4,5,6\n7,8,9",
        ] {
            let (kept, room) = kept_and_room(&format!("{header}\n{body}"));
            assert!(room >= kept, "{body:?}: room for {room}, kept {kept}");
        }
        // Blank lines are no records, and no more room is made than records fit.
        let blank = format!("{header}\n{}", "\n".repeat(1000));
        let (kept, room) = kept_and_room(&blank);
        assert_eq!(kept, 0);
        assert!(room <= blank.len() / 4, "{room}");
    }
}
