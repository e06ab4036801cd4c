//! CSV files an HR lead opens in a spreadsheet.
//!
//! This module owns the five CSV tables of a round: `placements.csv`, `unplaced.csv`,
//! `voluntary_redundancy.csv`, `released.csv` and `equality.csv`. Each has a fixed column order (the `*_COLUMNS`
//! constants, documented in `docs/reports.md`), one row per record in the round's order, money
//! as plain pounds with two decimals (`7764.34`, so a spreadsheet can add it up), and lists
//! inside a cell joined with `; `. Files start with a UTF-8 byte-order mark so Excel reads them
//! as UTF-8, and a text cell that begins with `=`, `+`, `-` or `@` gets a leading `'` so a
//! spreadsheet never runs it as a formula.

use std::fmt::{self, Display, Write as _};
use std::io::Write;

use redeploy_engine::{Money, Rule};
use serde::Serialize;

use crate::Error;
use crate::equality::EqualityBreakdown;
use crate::report::Report;

/// The byte-order mark each file starts with.
pub const BOM: &str = "\u{feff}";

/// Columns of `placements.csv`.
pub const PLACEMENT_COLUMNS: [&str; 25] = [
    "person",
    "from_employer",
    "vacancy",
    "to_employer",
    "tier",
    "route",
    "rule",
    "statutory_priority",
    "band_from",
    "band_to",
    "band_change",
    "wte_from",
    "wte_to",
    "salary_from",
    "salary_to",
    "travel_minutes",
    "extra_travel_minutes",
    "travel_source",
    "training_weeks",
    "preference_rank",
    "cost",
    "pay_protection",
    "excess_travel",
    "redundancy_pay_avoided",
    "reasons",
];

/// Columns of `unplaced.csv` before the one-per-rule `excluded_by_*` columns.
pub const UNPLACED_COLUMNS: [&str; 13] = [
    "person",
    "employer",
    "band",
    "statutory_priority",
    "redundancy_pay",
    "redundancy_eligible",
    "reckonable_years",
    "early_retirement_age",
    "candidate_vacancies",
    "outside_band_window",
    "suitable_vacancies",
    "suitable_taken_by_others",
    "why",
];

/// The last column of `unplaced.csv`, after the `excluded_by_*` columns.
pub const UNPLACED_LAST_COLUMN: &str = "nearest_misses";

/// Columns of `voluntary_redundancy.csv`: those of `unplaced.csv` that apply to a volunteer,
/// under the same names.
pub const VOLUNTARY_REDUNDANCY_COLUMNS: [&str; 7] = [
    "person",
    "employer",
    "band",
    "redundancy_pay",
    "redundancy_eligible",
    "reckonable_years",
    "early_retirement_age",
];

/// Columns of `released.csv`.
pub const RELEASED_COLUMNS: [&str; 6] =
    ["vacancy", "employer", "band", "posts", "filled", "unfilled"];

/// Columns of `equality.csv`.
pub const EQUALITY_COLUMNS: [&str; 9] = [
    "characteristic",
    "group",
    "people",
    "placed",
    "unplaced",
    "voluntary_redundancy",
    "placement_rate",
    "ratio_to_highest",
    "below_four_fifths",
];

/// The name a value has in the round's JSON (`"shared-parental"`, `"footprint"`).
pub(crate) fn json_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

/// Money as plain pounds with two decimals.
///
/// ```
/// use redeploy_engine::Money;
/// use redeploy_report::csv_export::pounds;
///
/// assert_eq!(pounds(Money(776_434)), "7764.34");
/// assert_eq!(pounds(Money(-5)), "-0.05");
/// ```
pub fn pounds(amount: Money) -> String {
    Pounds(i128::from(amount.pence())).to_string()
}

/// [`pounds`] of any number of pence (a difference of two amounts, which may not fit a
/// [`Money`]).
pub(crate) fn pence_as_pounds(pence: i128) -> String {
    Pounds(pence).to_string()
}

/// A number of pence displayed as plain pounds with two decimals.
struct Pounds(i128);

impl Display for Pounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pence = self.0;
        let sign = if pence < 0 { "-" } else { "" };
        let pence = pence.unsigned_abs();
        write!(f, "{sign}{}.{:02}", pence / 100, pence % 100)
    }
}

/// The first characters that make a spreadsheet run a cell as a formula.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// A text cell that a spreadsheet will not run as a formula.
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The rules with an `excluded_by_*` column in `unplaced.csv`: the scenario's and policy's rules.
/// Exclusions by a round's constraints (`Rule::Excluded`) appear in `round.json` only.
const CSV_RULES: [Rule; 13] = {
    let mut rules = [Rule::BandDrop; 13];
    let mut i = 0;
    while i < 13 {
        rules[i] = Rule::ALL[i];
        i += 1;
    }
    rules
};

/// The `excluded_by_*` column of a rule.
pub fn excluded_column(rule: Rule) -> String {
    format!("excluded_by_{}", json_name(&rule).replace('-', "_"))
}

/// Every column of `unplaced.csv`, in order.
pub fn unplaced_columns() -> Vec<String> {
    UNPLACED_COLUMNS
        .iter()
        .map(|c| (*c).to_string())
        .chain(CSV_RULES.into_iter().map(excluded_column))
        .chain(std::iter::once(UNPLACED_LAST_COLUMN.to_string()))
        .collect()
}

/// One CSV table being written: the byte-order mark and the header first, then rows cell by
/// cell, each cell formatted into one reused buffer rather than a `String` of its own.
struct Table<W: Write> {
    writer: csv::Writer<W>,
    cell: String,
}

impl<W: Write> Table<W> {
    fn new<H: AsRef<[u8]>>(
        mut out: W,
        header: impl IntoIterator<Item = H>,
    ) -> Result<Table<W>, Error> {
        out.write_all(BOM.as_bytes()).map_err(csv::Error::from)?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        writer.write_record(header)?;
        Ok(Table {
            writer,
            cell: String::new(),
        })
    }

    /// A cell as it is.
    fn raw(&mut self, value: &str) -> Result<(), Error> {
        Ok(self.writer.write_field(value)?)
    }

    /// A text cell, guarded against formulas ([`text`]).
    fn text(&mut self, value: &str) -> Result<(), Error> {
        if value.starts_with(FORMULA_STARTS) {
            self.cell.clear();
            self.cell.push('\'');
            self.cell.push_str(value);
            Ok(self.writer.write_field(&self.cell)?)
        } else {
            self.raw(value)
        }
    }

    /// A cell of anything displayed.
    fn show(&mut self, value: impl Display) -> Result<(), Error> {
        self.cell.clear();
        let _ = write!(self.cell, "{value}");
        Ok(self.writer.write_field(&self.cell)?)
    }

    /// A cell of something displayed, empty when absent.
    fn optional(&mut self, value: Option<impl Display>) -> Result<(), Error> {
        match value {
            Some(value) => self.show(value),
            None => self.raw(""),
        }
    }

    /// Money as plain pounds ([`pounds`]).
    fn pounds(&mut self, amount: Money) -> Result<(), Error> {
        self.show(Pounds(i128::from(amount.pence())))
    }

    fn end_row(&mut self) -> Result<(), Error> {
        Ok(self.writer.write_record(None::<&[u8]>)?)
    }

    fn finish(self) -> Result<W, Error> {
        self.writer
            .into_inner()
            .map_err(|err| Error::Csv(err.into_error().into()))
    }
}

/// The JSON names of the values of a small enum, each worked out once.
struct JsonNames<T>(Vec<(T, String)>);

impl<T: Serialize + PartialEq + Copy> JsonNames<T> {
    fn new() -> JsonNames<T> {
        JsonNames(Vec::new())
    }

    fn get(&mut self, value: T) -> &str {
        let index = match self.0.iter().position(|(known, _)| *known == value) {
            Some(index) => index,
            None => {
                self.0.push((value, json_name(&value)));
                self.0.len() - 1
            }
        };
        &self.0[index].1
    }
}

/// Writes a table into memory and returns it as text.
fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>) -> Result<String, Error> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    // Every cell is text, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `placements.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn placements(report: &Report) -> Result<String, Error> {
    in_memory(|out| write_placements(report, out).map(drop))
}

/// Writes `placements.csv` into `out`, and gives `out` back.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_placements<W: Write>(report: &Report, out: W) -> Result<W, Error> {
    let mut table = Table::new(out, PLACEMENT_COLUMNS)?;
    let mut routes = JsonNames::new();
    let mut sources = JsonNames::new();
    for p in &report.round.placements {
        table.text(&p.person)?;
        table.text(&p.from_employer)?;
        table.text(&p.vacancy)?;
        table.text(&p.to_employer)?;
        table.raw(p.tier.as_str())?;
        table.raw(routes.get(p.route))?;
        table.optional(p.rule.map(|r| r.as_str()))?;
        table.optional(p.statutory_priority.map(|g| g.as_str()))?;
        table.show(p.band_from)?;
        table.show(p.band_to)?;
        table.show(p.band_change)?;
        table.show(p.wte_from)?;
        table.show(p.wte_to)?;
        table.show(p.salary_from)?;
        table.show(p.salary_to)?;
        table.show(p.travel_minutes)?;
        table.show(p.extra_travel_minutes)?;
        table.raw(sources.get(p.travel_source))?;
        table.show(p.training_weeks)?;
        table.optional(p.soft_costs.preference_rank)?;
        table.show(p.cost)?;
        table.pounds(p.pay_protection)?;
        table.pounds(p.excess_travel)?;
        table.pounds(p.redundancy_pay_avoided)?;
        table.text(&p.reasons.join("; "))?;
        table.end_row()?;
    }
    table.finish()
}

/// `unplaced.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn unplaced(report: &Report) -> Result<String, Error> {
    in_memory(|out| write_unplaced(report, out).map(drop))
}

/// Writes `unplaced.csv` into `out`, and gives `out` back.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_unplaced<W: Write>(report: &Report, out: W) -> Result<W, Error> {
    let mut table = Table::new(out, unplaced_columns())?;
    let mut rules = JsonNames::new();
    let mut misses = String::new();
    for u in &report.round.unplaced {
        let why = &u.why;
        table.text(&u.person)?;
        table.text(&u.employer)?;
        table.show(u.band)?;
        table.optional(u.statutory_priority.map(|g| g.as_str()))?;
        table.pounds(u.redundancy.amount)?;
        table.show(u.redundancy.eligible)?;
        table.show(u.redundancy.reckonable_years)?;
        table.optional(u.redundancy.early_retirement.map(|e| e.age))?;
        table.show(why.candidate_vacancies)?;
        table.show(why.outside_band_window)?;
        table.show(why.suitable_vacancies)?;
        table.show(why.suitable_vacancies_taken.len())?;
        table.text(&why.summary)?;
        for rule in CSV_RULES {
            let excluded = why.excluded_by_rule.iter().find(|e| e.rule == rule);
            table.show(excluded.map_or(0, |e| e.vacancies))?;
        }
        misses.clear();
        for (index, miss) in why.nearest_misses.iter().enumerate() {
            if index > 0 {
                misses.push_str(" | ");
            }
            let _ = write!(
                misses,
                "{} ({}, band {}): ",
                miss.vacancy, miss.employer, miss.band
            );
            for (index, failure) in miss.failures.iter().enumerate() {
                if index > 0 {
                    misses.push_str("; ");
                }
                let _ = write!(misses, "{}: {}", rules.get(failure.rule), failure.detail);
            }
        }
        table.text(&misses)?;
        table.end_row()?;
    }
    table.finish()
}

/// `voluntary_redundancy.csv`: one row per volunteer who leaves under voluntary redundancy,
/// in the round's order, with the Section 16 payment the round counts for them.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn voluntary_redundancy(report: &Report) -> Result<String, Error> {
    in_memory(|out| write_voluntary_redundancy(report, out).map(drop))
}

/// Writes `voluntary_redundancy.csv` into `out`, and gives `out` back.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_voluntary_redundancy<W: Write>(report: &Report, out: W) -> Result<W, Error> {
    let mut table = Table::new(out, VOLUNTARY_REDUNDANCY_COLUMNS)?;
    for v in &report.round.voluntary_redundancy {
        table.text(&v.person)?;
        table.text(&v.employer)?;
        table.show(v.band)?;
        table.pounds(v.redundancy.amount)?;
        table.show(v.redundancy.eligible)?;
        table.show(v.redundancy.reckonable_years)?;
        table.optional(v.redundancy.early_retirement.map(|e| e.age))?;
        table.end_row()?;
    }
    table.finish()
}

/// `released.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn released(report: &Report) -> Result<String, Error> {
    in_memory(|out| write_released(report, out).map(drop))
}

/// Writes `released.csv` into `out`, and gives `out` back.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_released<W: Write>(report: &Report, out: W) -> Result<W, Error> {
    let mut table = Table::new(out, RELEASED_COLUMNS)?;
    for r in &report.round.released {
        table.text(&r.vacancy)?;
        table.text(&r.employer)?;
        table.show(r.band)?;
        table.show(r.posts)?;
        table.show(r.filled)?;
        table.show(r.unfilled)?;
        table.end_row()?;
    }
    table.finish()
}

/// `equality.csv`: one row per group; hidden counts as `x`, rates and ratios only where both
/// counts they are made of are shown, `below_four_fifths` as `yes`, empty, or `not shown`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn equality(breakdown: &EqualityBreakdown) -> Result<String, Error> {
    in_memory(|out| write_equality(breakdown, out).map(drop))
}

/// Writes `equality.csv` into `out`, and gives `out` back.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_equality<W: Write>(breakdown: &EqualityBreakdown, out: W) -> Result<W, Error> {
    let mut table = Table::new(out, EQUALITY_COLUMNS)?;
    for c in &breakdown.characteristics {
        for g in &c.groups {
            let [people, placed, unplaced, voluntary] = g.shown_counts();
            let rate_visible = g.rate_shown().is_some();
            table.raw(c.characteristic.as_str())?;
            table.text(&g.group)?;
            table.raw(&people)?;
            table.raw(&placed)?;
            table.raw(&unplaced)?;
            table.raw(&voluntary)?;
            let three_places = |r: f64| format!("{r:.3}");
            table.optional(g.placement_rate.filter(|_| rate_visible).map(three_places))?;
            table.optional(
                g.ratio_to_highest
                    .filter(|_| rate_visible)
                    .map(three_places),
            )?;
            table.raw(match (g.flag_shown, g.flagged) {
                (false, _) => "not shown",
                (true, true) => "yes",
                (true, false) => "",
            })?;
            table.end_row()?;
        }
    }
    table.finish()
}
