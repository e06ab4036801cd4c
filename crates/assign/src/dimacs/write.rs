//! Writing a [`Problem`] as a DIMACS `asn` file.

use std::io::Write;

use super::{CAPACITY_KEY, PRIORITY_KEY};
use crate::{AssignError, Problem};

/// Writes `problem` in DIMACS `asn` form: rows are nodes `1..=rows`, columns
/// `rows + 1..=rows + cols`, with `c left`/`c right` metadata and the extension comments for
/// non-default capacities and priority classes. Reading the output back gives an equal problem.
///
/// # Errors
///
/// [`AssignError::Io`] when writing fails.
pub fn write<W: Write>(problem: &Problem, writer: W) -> Result<(), AssignError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, writer);
    let rows = problem.rows();
    writeln!(out, "c left {rows}")?;
    writeln!(out, "c right {}", problem.cols())?;
    writeln!(out, "p asn {} {}", rows + problem.cols(), problem.arcs())?;
    for row in 0..rows {
        if problem.priority(row) != 0 {
            writeln!(
                out,
                "c {PRIORITY_KEY} {} {}",
                row + 1,
                problem.priority(row)
            )?;
        }
    }
    for col in 0..problem.cols() {
        if problem.capacity(col) != 1 {
            writeln!(
                out,
                "c {CAPACITY_KEY} {} {}",
                rows + col + 1,
                problem.capacity(col)
            )?;
        }
    }
    for row in 1..=rows {
        writeln!(out, "n {row}")?;
    }
    let mut line = Vec::with_capacity(48);
    for row in 0..rows {
        for (col, cost) in problem.row_arcs(row) {
            line.clear();
            line.extend_from_slice(b"a ");
            push_number(&mut line, (row + 1) as u64);
            line.push(b' ');
            push_number(&mut line, (rows + col + 1) as u64);
            line.push(b' ');
            push_number(&mut line, cost as u64);
            line.push(b'\n');
            out.write_all(&line)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn push_number(line: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    line.extend_from_slice(&digits[k..]);
}
