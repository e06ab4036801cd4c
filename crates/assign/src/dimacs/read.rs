//! Reading DIMACS `asn` files: one pass over the bytes, no allocation per line.

use std::io::Read;

use super::{CAPACITY_KEY, PRIORITY_KEY};
use crate::problem::{MAX_DIMENSION, check_dimensions, csr_from_triples};
use crate::{AssignError, MAX_COST, Problem};

/// A problem read from a DIMACS file, with the node IDs behind its rows and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The assignment problem.
    pub problem: Problem,
    /// For each row, its DIMACS node ID (a node listed with `n`).
    pub row_nodes: Vec<u32>,
    /// For each column, its DIMACS node ID.
    pub col_nodes: Vec<u32>,
}

/// Reads a DIMACS `asn` problem (see the module docs).
///
/// # Errors
///
/// [`AssignError::Io`] when reading fails, [`AssignError::Dimacs`] with a line number for
/// malformed content.
pub fn read<R: Read>(reader: R) -> Result<Problem, AssignError> {
    read_instance(reader).map(|instance| instance.problem)
}

/// Reads a DIMACS `asn` problem and keeps the node IDs of rows and columns.
///
/// # Errors
///
/// As [`read`].
pub fn read_instance<R: Read>(mut reader: R) -> Result<Instance, AssignError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    parse(&bytes)
}

/// Parses the bytes of a DIMACS `asn` file.
///
/// # Errors
///
/// [`AssignError::Dimacs`] with a line number for malformed content.
///
/// ```
/// use redeploy_assign::dimacs;
///
/// let err = dimacs::parse(b"p asn 2 1\nn 1\na 1 2 -4\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "line 3: cost `-4` is negative: costs must be integers in 0..=4294967295"
/// );
/// ```
pub fn parse(bytes: &[u8]) -> Result<Instance, AssignError> {
    let mut parser = Parser {
        bytes,
        pos: 0,
        line: 0,
    };
    let mut file = FileState::default();
    while parser.pos < bytes.len() {
        parser.line += 1;
        let start = parser.pos;
        match bytes[start] {
            b'a' => {
                parser.pos += 1;
                parser.arc_line(&mut file, start)?;
            }
            b'c' => parser.comment_line(&mut file, start)?,
            b'n' => {
                parser.pos += 1;
                parser.node_line(&mut file, start)?;
            }
            b'p' => {
                parser.pos += 1;
                parser.problem_line(&mut file, start)?;
            }
            _ => {
                if !parser.end_of_line() {
                    return Err(parser.error(
                        start,
                        "unknown line: expected one starting with `c`, `p`, `n` or `a`",
                    ));
                }
            }
        }
    }
    file.finish(parser.line + 1)
}

/// Nodes a header may declare beyond one per byte of the file.
const SPARE_NODES: u64 = 1 << 16;

#[derive(Default)]
struct FileState {
    /// `(nodes, arcs, line)` of the `p` line.
    header: Option<(usize, usize, usize)>,
    is_row: Vec<bool>,
    /// Row or column index of each node ID, fixed at the first `a` line.
    index: Vec<u32>,
    rows: usize,
    first_arc_line: Option<usize>,
    triples: Vec<(u32, u32, u32)>,
    /// `(line, key is capacity, node, value)` of extension comments.
    extensions: Vec<(usize, bool, u64, u64)>,
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl Parser<'_> {
    fn skip_blanks(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b != b' ' && b != b'\t' {
                break;
            }
            self.pos += 1;
        }
    }

    /// An unsigned decimal integer after optional blanks (at most 19 digits).
    #[inline]
    fn number(&mut self) -> Option<u64> {
        self.skip_blanks();
        let start = self.pos;
        let mut value = 0u64;
        while let Some(&b) = self.bytes.get(self.pos) {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            self.pos += 1;
            if self.pos - start > 19 {
                return None;
            }
            value = value * 10 + u64::from(digit);
        }
        (self.pos > start).then_some(value)
    }

    /// Consumes trailing blanks and the line end; false when something else follows.
    #[inline]
    fn end_of_line(&mut self) -> bool {
        self.skip_blanks();
        if self.bytes.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            None => true,
            Some(b'\n') => {
                self.pos += 1;
                true
            }
            Some(_) => false,
        }
    }

    fn skip_line(&mut self) {
        match self.bytes[self.pos..].iter().position(|&b| b == b'\n') {
            Some(k) => self.pos += k + 1,
            None => self.pos = self.bytes.len(),
        }
    }

    /// The text of the line starting at `start`, shortened for messages.
    fn line_text(&self, start: usize) -> String {
        let rest = &self.bytes[start..];
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let text = String::from_utf8_lossy(&rest[..end]);
        let text = text.trim_end();
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text.to_string()
        }
    }

    fn error(&self, start: usize, what: &str) -> AssignError {
        AssignError::Dimacs {
            line: self.line,
            message: format!("{what}, found `{}`", self.line_text(start)),
        }
    }

    fn plain_error(&self, message: String) -> AssignError {
        AssignError::Dimacs {
            line: self.line,
            message,
        }
    }

    fn problem_line(&mut self, file: &mut FileState, start: usize) -> Result<(), AssignError> {
        const EXPECTED: &str = "expected `p asn NODES ARCS`";
        if let Some((_, _, line)) = file.header {
            return Err(self.plain_error(format!("a second `p` line (the first is line {line})")));
        }
        self.skip_blanks();
        if !self.bytes[self.pos..].starts_with(b"asn") {
            return Err(self.error(start, EXPECTED));
        }
        self.pos += 3;
        let (Some(nodes), Some(arcs), true) = (self.number(), self.number(), self.end_of_line())
        else {
            return Err(self.error(start, EXPECTED));
        };
        if nodes > 2 * MAX_DIMENSION as u64 {
            return Err(self.plain_error(format!(
                "`{nodes}` nodes exceed the supported maximum of {}",
                2 * MAX_DIMENSION
            )));
        }
        // Every node costs memory whether or not a line names it, so a header may not declare
        // far more nodes than the file could describe: one per byte, plus a margin for columns
        // that no arc reaches (they can never be assigned). Memory then follows the file's size.
        let describable = self.bytes.len() as u64 + SPARE_NODES;
        if nodes > describable {
            return Err(self.plain_error(format!(
                "`{nodes}` nodes are more than a file of {} bytes can describe (at most \
                 {describable}: one a byte, plus {SPARE_NODES}); a node no line names takes no \
                 part in an assignment",
                self.bytes.len()
            )));
        }
        let nodes = nodes as usize;
        file.header = Some((nodes, arcs as usize, self.line));
        file.is_row = vec![false; nodes + 1];
        // Reserve for the announced arcs, but never more than the file could hold.
        let room = (self.bytes.len() / 8).min(arcs as usize);
        file.triples.reserve(room);
        Ok(())
    }

    fn node_line(&mut self, file: &mut FileState, start: usize) -> Result<(), AssignError> {
        let Some((nodes, _, _)) = file.header else {
            return Err(self.plain_error("`n` line before the `p asn NODES ARCS` line".into()));
        };
        if let Some(first) = file.first_arc_line {
            return Err(self.plain_error(format!(
                "`n` line after the first `a` line (line {first}): list every source node first"
            )));
        }
        let (Some(id), true) = (self.number(), self.end_of_line()) else {
            return Err(self.error(start, "expected `n ID` with one node ID"));
        };
        let id = self.node_id(id, nodes)?;
        if std::mem::replace(&mut file.is_row[id], true) {
            return Err(self.plain_error(format!("node `{id}` is listed with `n` twice")));
        }
        file.rows += 1;
        Ok(())
    }

    fn node_id(&self, id: u64, nodes: usize) -> Result<usize, AssignError> {
        if id == 0 || id > nodes as u64 {
            return Err(self.plain_error(format!("node `{id}` is out of range 1..={nodes}")));
        }
        Ok(id as usize)
    }

    #[inline]
    fn arc_line(&mut self, file: &mut FileState, start: usize) -> Result<(), AssignError> {
        if file.first_arc_line.is_none() {
            self.first_arc(file)?;
        }
        let src = self.number();
        let dst = self.number();
        self.skip_blanks();
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
            if let Some(cost) = self.number() {
                return Err(self.plain_error(format!(
                    "cost `-{cost}` is negative: costs must be integers in 0..={MAX_COST}"
                )));
            }
        }
        let cost = self.number();
        let (Some(src), Some(dst), Some(cost), true) = (src, dst, cost, self.end_of_line()) else {
            return Err(self.error(
                start,
                "expected `a SRC DST COST` with three non-negative integers",
            ));
        };
        let nodes = file.is_row.len() - 1;
        let (src, dst) = (self.node_id(src, nodes)?, self.node_id(dst, nodes)?);
        if !file.is_row[src] {
            return Err(self.plain_error(format!(
                "arc source `{src}` is not a source node (sources are the nodes listed with `n`)"
            )));
        }
        if file.is_row[dst] {
            return Err(self.plain_error(format!(
                "arc destination `{dst}` is a source node: arcs go from a source to a non-source node"
            )));
        }
        if cost > MAX_COST as u64 {
            return Err(self.plain_error(format!(
                "cost `{cost}` exceeds the largest supported cost {MAX_COST}"
            )));
        }
        file.triples
            .push((file.index[src], file.index[dst], cost as u32));
        Ok(())
    }

    /// At the first `a` line the rows are known: number rows and columns by node ID.
    fn first_arc(&mut self, file: &mut FileState) -> Result<(), AssignError> {
        let Some((nodes, _, _)) = file.header else {
            return Err(self.plain_error("`a` line before the `p asn NODES ARCS` line".into()));
        };
        file.first_arc_line = Some(self.line);
        check_dimensions(file.rows, nodes - file.rows)
            .map_err(|e| self.plain_error(e.to_string()))?;
        let (mut rows, mut cols) = (0u32, 0u32);
        file.index = vec![0; file.is_row.len()];
        for (slot, &is_row) in file.index.iter_mut().zip(&file.is_row).skip(1) {
            let counter = if is_row { &mut rows } else { &mut cols };
            *slot = *counter;
            *counter += 1;
        }
        Ok(())
    }

    fn comment_line(&mut self, file: &mut FileState, start: usize) -> Result<(), AssignError> {
        let text = &self.bytes[start + 1..];
        for (key, is_capacity) in [(CAPACITY_KEY, true), (PRIORITY_KEY, false)] {
            let word = key.as_bytes();
            let after = text.strip_prefix(b" ").and_then(|t| t.strip_prefix(word));
            if after.is_some_and(|t| t.first().is_some_and(|&b| b == b' ' || b == b'\t')) {
                self.pos = start + 2 + word.len();
                let (Some(node), Some(value), true) =
                    (self.number(), self.number(), self.end_of_line())
                else {
                    return Err(self.error(start, &format!("expected `c {key} NODE VALUE`")));
                };
                file.extensions.push((self.line, is_capacity, node, value));
                return Ok(());
            }
        }
        self.skip_line();
        Ok(())
    }
}

impl FileState {
    fn finish(mut self, end_line: usize) -> Result<Instance, AssignError> {
        let at_end = |message: String| AssignError::Dimacs {
            line: end_line,
            message,
        };
        let Some((nodes, arcs, p_line)) = self.header else {
            return Err(at_end("no `p asn NODES ARCS` line".into()));
        };
        if self.triples.len() != arcs {
            return Err(at_end(format!(
                "the `p` line (line {p_line}) gives the number of arcs as {arcs}, the file has {}",
                self.triples.len()
            )));
        }
        if self.first_arc_line.is_none() {
            let mut parser = Parser {
                bytes: &[],
                pos: 0,
                line: end_line,
            };
            parser.first_arc(&mut self)?;
        }
        let rows = self.rows;
        let cols = nodes - rows;
        let mut capacity = vec![1u32; cols];
        let mut priority = vec![0u8; rows];
        for &(line, is_capacity, node, value) in &self.extensions {
            let fail = |message: String| AssignError::Dimacs { line, message };
            if node == 0 || node > nodes as u64 {
                return Err(fail(format!("node `{node}` is out of range 1..={nodes}")));
            }
            let (node_is_row, index) = (self.is_row[node as usize], self.index[node as usize]);
            if is_capacity {
                if node_is_row {
                    return Err(fail(format!(
                        "node `{node}` is a source node: capacities belong to columns"
                    )));
                }
                capacity[index as usize] = u32::try_from(value)
                    .map_err(|_| fail(format!("capacity `{value}` exceeds {}", u32::MAX)))?;
            } else {
                if !node_is_row {
                    return Err(fail(format!(
                        "node `{node}` is not a source node: priority classes belong to rows"
                    )));
                }
                priority[index as usize] = u8::try_from(value)
                    .map_err(|_| fail(format!("priority class `{value}` exceeds {}", u8::MAX)))?;
            }
        }
        let (row_start, csr) =
            csr_from_triples(rows, self.triples.len(), self.triples.iter().copied());
        let mut row_nodes = Vec::with_capacity(rows);
        let mut col_nodes = Vec::with_capacity(cols);
        for id in 1..=nodes {
            if self.is_row[id] {
                row_nodes.push(id as u32);
            } else {
                col_nodes.push(id as u32);
            }
        }
        Ok(Instance {
            problem: Problem::from_csr(cols, row_start, csr, capacity, priority),
            row_nodes,
            col_nodes,
        })
    }
}
