//! Reading an extract: a CSV file with a header row, as HR systems and spreadsheets save them.
//!
//! This module owns [`Extract`]: the header (a UTF-8 byte order mark dropped, names matched with
//! case and spacing ignored), the data rows with their line numbers, and which columns the
//! mapping read, so the import report can list the columns read and the columns ignored. A row
//! with the wrong number of cells or bytes that are not UTF-8 is a problem naming its line;
//! a row of empty cells (spreadsheets leave them at the end) is skipped.

use std::path::{Path, PathBuf};

use redeploy_model::{Diagnostic, Position, did_you_mean};

use crate::cell::code_key;
use crate::error::ImportError;

/// One data row of an extract.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Record number, from 1 for the first row after the header.
    pub(crate) record: usize,
    /// Line the row starts on, from 1.
    pub(crate) line: usize,
    cells: csv::StringRecord,
}

impl Row {
    /// The trimmed cell of a column, `None` when the column is not mapped or the cell is blank.
    pub(crate) fn get(&self, column: Option<usize>) -> Option<&str> {
        let cell = self.cells.get(column?)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// Where the row is, for a problem.
    pub(crate) fn position(&self) -> Position {
        Position::Record {
            record: self.record,
            line: self.line,
        }
    }
}

/// A CSV extract read into memory.
#[derive(Debug)]
pub(crate) struct Extract {
    pub(crate) path: PathBuf,
    header: Vec<String>,
    keys: Vec<String>,
    used: Vec<bool>,
    pub(crate) rows: Vec<Row>,
    /// Rows of empty cells, skipped.
    pub(crate) blank_rows: usize,
    /// Rows that could not be read (their problems are in `problems`).
    pub(crate) unreadable_rows: usize,
    pub(crate) problems: Vec<Diagnostic>,
}

impl Extract {
    /// Reads the file.
    pub(crate) fn read(path: &Path) -> Result<Extract, ImportError> {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Extract::parse(&bytes, path))
    }

    /// Reads CSV bytes; `path` names them in problems.
    pub(crate) fn parse(bytes: &[u8], path: &Path) -> Extract {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(bytes);
        let mut extract = Extract {
            path: path.to_path_buf(),
            header: Vec::new(),
            keys: Vec::new(),
            used: Vec::new(),
            rows: Vec::new(),
            blank_rows: 0,
            unreadable_rows: 0,
            problems: Vec::new(),
        };
        let mut record = csv::ByteRecord::new();
        let mut first = true;
        let mut number = 0;
        // Lines are counted from the bytes: the reader's own count slips on CRLF line ends.
        let (mut counted_to, mut counted_line) = (0usize, 1usize);
        let mut line_at = |byte: usize| {
            let mut byte = byte.min(bytes.len());
            // A record's start may sit on the line end before it.
            while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
                byte += 1;
            }
            if byte > counted_to {
                counted_line += bytes[counted_to..byte]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                counted_to = byte;
            }
            counted_line
        };
        loop {
            let line = line_at(reader.position().byte() as usize);
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(err) => {
                    extract.unreadable_rows += 1;
                    extract.problem(
                        Position::Header { line },
                        None,
                        None,
                        format!("the CSV cannot be read past here: {err}"),
                    );
                    break;
                }
            }
            let line = record
                .position()
                .map_or(line, |p| line_at(p.byte() as usize));
            let cells = match csv::StringRecord::from_byte_record(std::mem::take(&mut record)) {
                Ok(cells) => cells,
                Err(_) => {
                    number += usize::from(!first);
                    extract.unreadable_rows += 1;
                    extract.problem(
                        Position::Record {
                            record: number,
                            line,
                        },
                        None,
                        None,
                        "the row is not UTF-8 text, expected the extract saved as CSV UTF-8".into(),
                    );
                    first = false;
                    continue;
                }
            };
            if first {
                first = false;
                extract.header = cells.iter().map(|c| c.trim().to_string()).collect();
                extract.keys = extract.header.iter().map(|c| code_key(c)).collect();
                extract.used = vec![false; extract.header.len()];
                continue;
            }
            number += 1;
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                extract.blank_rows += 1;
                continue;
            }
            if cells.len() != extract.header.len() {
                extract.unreadable_rows += 1;
                extract.problem(
                    Position::Record {
                        record: number,
                        line,
                    },
                    None,
                    Some(cells.len().to_string()),
                    format!(
                        "found {} cells, expected {} as in the header",
                        cells.len(),
                        extract.header.len()
                    ),
                );
                continue;
            }
            extract.rows.push(Row {
                record: number,
                line,
                cells,
            });
        }
        if first {
            extract.problem(
                Position::File,
                None,
                None,
                "the file is empty, expected a header row and data rows".into(),
            );
        }
        extract
    }

    /// The column named `name` (case and spacing ignored), marked as read; a problem naming
    /// the mapping field and the closest header name when there is none.
    pub(crate) fn column(&mut self, name: &str, field: &str) -> Option<usize> {
        let key = code_key(name);
        if let Some(index) = self.keys.iter().position(|k| *k == key) {
            self.used[index] = true;
            return Some(index);
        }
        if self.header.is_empty() {
            return None;
        }
        let help = did_you_mean(name, self.header.iter().map(String::as_str));
        self.problem(
            Position::Header { line: 1 },
            Some(name),
            Some(name.to_string()),
            format!(
                "the mapping reads `{field}` from the column `{name}`, which is not in the header; expected one of {}",
                self.header
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        if let Some(last) = self.problems.last_mut() {
            last.help = help;
        }
        None
    }

    /// The header names read, and those left unread, in header order.
    pub(crate) fn columns(&self) -> (Vec<String>, Vec<String>) {
        let mut read = Vec::new();
        let mut ignored = Vec::new();
        for (name, used) in self.header.iter().zip(&self.used) {
            if *used {
                read.push(name.clone());
            } else {
                ignored.push(name.clone());
            }
        }
        (read, ignored)
    }

    pub(crate) fn problem(
        &mut self,
        position: Position,
        field: Option<&str>,
        found: Option<String>,
        message: String,
    ) {
        self.problems.push(Diagnostic {
            file: self.path.clone(),
            position,
            field: field.map(str::to_string),
            found,
            message,
            help: None,
            knock_on: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_blank_rows_and_short_rows_are_handled() {
        let text = "\u{feff}Vacancy ID , Pay Band\nV1, Band 5 \n,\nV2\n\"V3\",6\n";
        let mut extract = Extract::parse(text.as_bytes(), Path::new("v.csv"));
        assert_eq!(extract.column("vacancy  id", "id"), Some(0));
        assert_eq!(extract.column("PAY BAND", "band"), Some(1));
        assert_eq!(extract.rows.len(), 2);
        assert_eq!(extract.rows[0].get(Some(1)), Some("Band 5"));
        assert_eq!((extract.rows[1].record, extract.rows[1].line), (4, 5));
        assert_eq!(extract.blank_rows, 1);
        assert_eq!(extract.unreadable_rows, 1);
        let shown = extract.problems[0].to_string();
        assert_eq!(
            shown,
            "v.csv: record 3 (line 4): found 1 cells, expected 2 as in the header"
        );
    }

    #[test]
    fn lines_are_right_with_crlf_line_ends() {
        let extract = Extract::parse(b"a,b\r\nx,1\r\n\r\ny,\"2\r\n3\"\r\nz,4\r\n", Path::new("p"));
        let at: Vec<(usize, usize)> = extract.rows.iter().map(|r| (r.record, r.line)).collect();
        assert_eq!(at, [(1, 2), (2, 4), (3, 6)]);
    }

    #[test]
    fn a_missing_column_names_the_field_and_the_closest_header() {
        let mut extract = Extract::parse(b"Vacancy ID,Pay Band\nV1,5\n", Path::new("v.csv"));
        assert_eq!(extract.column("Pay Bnad", "band"), None);
        let shown = extract.problems[0].to_string();
        assert!(
            shown
                .starts_with("v.csv: header (line 1), column `Pay Bnad`: the mapping reads `band`"),
            "{shown}"
        );
        assert!(shown.ends_with("did you mean `Pay Band`?"), "{shown}");
        let (read, ignored) = extract.columns();
        assert!(read.is_empty());
        assert_eq!(ignored, ["Vacancy ID", "Pay Band"]);
    }
}
