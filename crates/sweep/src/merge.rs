//! Joining the results of one or more shards into one long-format table (`sweep.csv`) and an
//! HTML page of plots (`sweep.html`).
//!
//! The table has one row per (cell, measure): `cell`, the key's dimensions, `measure`, `value`,
//! cells in grid order and measures in a fixed order. The page plots each measure against each
//! swept dimension (a policy field, the seed or the scenario), averaging over the other
//! dimensions, with one line per rule (or per policy when the sweep varies policies but not
//! rules).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::run::{CellResult, RESULT_FILE, read_result};

/// The long-format table of `results` (already in grid order).
pub fn table(results: &[CellResult]) -> String {
    let mut out = String::new();
    let dims: Vec<&str> = results
        .first()
        .map(|r| r.key.iter().map(|(name, _)| name.as_str()).collect())
        .unwrap_or_default();
    out.push_str("cell");
    for dim in &dims {
        let _ = write!(out, ",{dim}");
    }
    out.push_str(",measure,value\n");
    for result in results {
        for (measure, value) in &result.measures {
            let _ = write!(out, "{}", result.cell);
            for (_, key) in &result.key {
                let _ = write!(out, ",{key}");
            }
            let _ = writeln!(out, ",{measure},{value}");
        }
    }
    out
}

fn find_results(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::Io {
        path: dir.display().to_string(),
        message: err.to_string(),
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            find_results(&path, found)?;
        } else if path.file_name().is_some_and(|n| n == RESULT_FILE) {
            found.push(path);
        }
    }
    Ok(())
}

/// Every cell result under `dirs`, one per cell, in grid order.
///
/// # Errors
/// [`Error::Io`] for a directory that cannot be read or a result that cannot be parsed;
/// [`Error::Spec`] when two results claim one cell with different keys (shards of different
/// sweeps).
pub fn collect(dirs: &[PathBuf]) -> Result<Vec<CellResult>, Error> {
    let mut files = Vec::new();
    for dir in dirs {
        find_results(dir, &mut files)?;
    }
    let mut by_cell: BTreeMap<usize, CellResult> = BTreeMap::new();
    for file in files {
        let result = read_result(&file).ok_or_else(|| Error::Io {
            path: file.display().to_string(),
            message: "not a cell result".to_string(),
        })?;
        if let Some(earlier) = by_cell.get(&result.cell) {
            if earlier.key != result.key {
                return Err(Error::Spec(format!(
                    "{}: cell {} has another key than a result read before; expected shards of one sweep",
                    file.display(),
                    result.cell
                )));
            }
            continue;
        }
        by_cell.insert(result.cell, result);
    }
    Ok(by_cell.into_values().collect())
}

/// Joins the results under `dirs` and writes `sweep.csv` and `sweep.html` into `out`, each
/// atomically. Returns the number of cells.
///
/// # Errors
/// As [`collect`]; [`Error::Io`] when a file cannot be written.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<usize, Error> {
    let results = collect(dirs)?;
    let write = |name: &str, text: &str| {
        let target = out.join(name);
        redeploy_report::output::write_atomic(&target, text.as_bytes()).map_err(|err| Error::Io {
            path: target.display().to_string(),
            message: err.to_string(),
        })
    };
    std::fs::create_dir_all(out).map_err(|err| Error::Io {
        path: out.display().to_string(),
        message: err.to_string(),
    })?;
    write("sweep.csv", &table(&results))?;
    write("sweep.html", &page(&results))?;
    Ok(results.len())
}

/// The HTML page: one plot per (measure, swept dimension).
pub fn page(results: &[CellResult]) -> String {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sweep</title>\n<style>body{font-family:sans-serif;margin:1em}figure{display:inline-block;margin:0.5em}figcaption{font-size:0.9em}</style></head><body>\n",
    );
    let _ = writeln!(html, "<h1>Sweep of {} cells</h1>", results.len());
    let Some(first) = results.first() else {
        html.push_str("</body></html>\n");
        return html;
    };
    let dims: Vec<&str> = first.key.iter().map(|(d, _)| d.as_str()).collect();
    let values_of = |dim: usize| {
        let mut values: Vec<&str> = Vec::new();
        for r in results {
            let v = r.key[dim].1.as_str();
            if !values.contains(&v) {
                values.push(v);
            }
        }
        values
    };
    let line_dim = dims
        .iter()
        .position(|&d| d == "rule")
        .or_else(|| dims.iter().position(|&d| d == "policy"));
    let measures: Vec<&str> = first.measures.iter().map(|(m, _)| m.as_str()).collect();
    for (dim, name) in dims.iter().enumerate() {
        if Some(dim) == line_dim || values_of(dim).len() < 2 {
            continue;
        }
        let _ = writeln!(html, "<h2>Against {name}</h2>");
        for (m, measure) in measures.iter().enumerate() {
            html.push_str(&plot(
                results,
                dim,
                line_dim,
                m,
                measure,
                name,
                &values_of(dim),
            ));
        }
    }
    html.push_str("</body></html>\n");
    html
}

/// One SVG line plot: the mean of measure `m` at each value of `dim`, a line per `line_dim`.
fn plot(
    results: &[CellResult],
    dim: usize,
    line_dim: Option<usize>,
    m: usize,
    measure: &str,
    dim_name: &str,
    xs: &[&str],
) -> String {
    let mut lines: BTreeMap<String, Vec<(f64, u32)>> = BTreeMap::new();
    for r in results {
        let line = line_dim.map_or("all".to_string(), |d| r.key[d].1.clone());
        let x = xs.iter().position(|&v| v == r.key[dim].1).unwrap_or(0);
        let value: f64 = r.measures[m].1.parse().unwrap_or(0.0);
        let sums = lines
            .entry(line)
            .or_insert_with(|| vec![(0.0, 0); xs.len()]);
        sums[x].0 += value;
        sums[x].1 += 1;
    }
    let means: Vec<(String, Vec<Option<f64>>)> = lines
        .into_iter()
        .map(|(line, sums)| {
            let points = sums
                .into_iter()
                .map(|(sum, n)| (n > 0).then(|| sum / f64::from(n)))
                .collect();
            (line, points)
        })
        .collect();
    let all: Vec<f64> = means
        .iter()
        .flat_map(|(_, p)| p.iter().flatten().copied())
        .collect();
    let (lo, hi) = all
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let (w, h, pad) = (320.0, 180.0, 30.0);
    let x_at = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (xs.len().max(2) - 1) as f64;
    let y_at = |v: f64| h - pad - (h - 2.0 * pad) * (v - lo) / span;
    let colours = [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf",
    ];
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{measure} against {dim_name}\">"
    );
    let _ = write!(
        svg,
        "<text x=\"{pad}\" y=\"14\" font-size=\"11\">{lo:.2} to {hi:.2}</text>"
    );
    for (i, x) in xs.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{x}</text>",
            x_at(i),
            h - 8.0
        );
    }
    for (n, (line, points)) in means.iter().enumerate() {
        let colour = colours[n % colours.len()];
        let coords: Vec<String> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|v| format!("{:.1},{:.1}", x_at(i), y_at(v))))
            .collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            coords.join(" ")
        );
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"{colour}\">{line}</text>",
            w - pad - 60.0,
            26 + 12 * n
        );
    }
    let _ = writeln!(
        svg,
        "</svg><figcaption>{measure} against {dim_name}</figcaption></figure>"
    );
    svg
}
