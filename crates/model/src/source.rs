//! Input text and positions in it.
//!
//! This module owns [`SourceText`]: a file's path and contents, and the conversion of byte
//! offsets (as the TOML parser reports them) into 1-based line and column numbers.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Location, Position};

/// The text of one input file and where its lines start.
#[derive(Debug)]
pub(crate) struct SourceText {
    pub(crate) path: Arc<Path>,
    pub(crate) text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Wraps the text read from `path`.
    pub(crate) fn new(path: &Path, text: String) -> SourceText {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceText {
            path: Arc::from(path),
            text,
            line_starts,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        Position::Text {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The location of a byte offset.
    pub(crate) fn at(&self, offset: usize) -> Location {
        Location {
            file: Arc::clone(&self.path),
            position: self.position(offset),
        }
    }

    /// The location of the file as a whole.
    pub(crate) fn whole(&self) -> Location {
        Location::file(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let source = SourceText::new(Path::new("s.toml"), "a = 1\nnamé = \"x\"\n".to_string());
        assert_eq!(source.position(0), Position::Text { line: 1, column: 1 });
        assert_eq!(source.position(4), Position::Text { line: 1, column: 5 });
        assert_eq!(source.position(6), Position::Text { line: 2, column: 1 });
        // `=` after the two-byte `é` is the sixth character of line 2.
        assert_eq!(source.position(12), Position::Text { line: 2, column: 6 });
        assert_eq!(source.position(999), Position::Text { line: 3, column: 1 });
    }
}
