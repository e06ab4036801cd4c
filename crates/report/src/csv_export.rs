//! CSV files an HR lead opens in a spreadsheet.
//!
//! This module owns the five CSV tables of a round: `placements.csv`, `unplaced.csv`,
//! `voluntary_redundancy.csv`, `released.csv` and `equality.csv`. Each has a fixed column order (the `*_COLUMNS`
//! constants, documented in `docs/reports.md`), one row per record in the round's order, money
//! as plain pounds with two decimals (`7764.34`, so a spreadsheet can add it up), and lists
//! inside a cell joined with `; `. Files start with a UTF-8 byte-order mark so Excel reads them
//! as UTF-8, and a text cell that begins with `=`, `+`, `-` or `@` gets a leading `'` so a
//! spreadsheet never runs it as a formula.

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
    pence_as_pounds(i128::from(amount.pence()))
}

/// [`pounds`] of any number of pence (a difference of two amounts, which may not fit a
/// [`Money`]).
pub(crate) fn pence_as_pounds(pence: i128) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    format!("{sign}{}.{:02}", pence / 100, pence % 100)
}

/// A text cell that a spreadsheet will not run as a formula.
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
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

fn table(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BOM.as_bytes().to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Csv(err.into_error().into()))?;
    // Every cell is a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn owned(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_string()).collect()
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `placements.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn placements(report: &Report) -> Result<String, Error> {
    let rows = report.round.placements.iter().map(|p| {
        vec![
            text(&p.person),
            text(&p.from_employer),
            text(&p.vacancy),
            text(&p.to_employer),
            p.tier.as_str().to_string(),
            json_name(&p.route),
            optional(p.rule.map(|r| r.as_str())),
            optional(p.statutory_priority.map(|g| g.as_str())),
            p.band_from.to_string(),
            p.band_to.to_string(),
            p.band_change.to_string(),
            p.wte_from.to_string(),
            p.wte_to.to_string(),
            p.salary_from.to_string(),
            p.salary_to.to_string(),
            p.travel_minutes.to_string(),
            p.extra_travel_minutes.to_string(),
            json_name(&p.travel_source),
            p.training_weeks.to_string(),
            optional(p.soft_costs.preference_rank),
            p.cost.to_string(),
            pounds(p.pay_protection),
            pounds(p.excess_travel),
            pounds(p.redundancy_pay_avoided),
            text(&p.reasons.join("; ")),
        ]
    });
    table(&owned(&PLACEMENT_COLUMNS), rows)
}

/// `unplaced.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn unplaced(report: &Report) -> Result<String, Error> {
    let rows = report.round.unplaced.iter().map(|u| {
        let why = &u.why;
        let mut row = vec![
            text(&u.person),
            text(&u.employer),
            u.band.to_string(),
            optional(u.statutory_priority.map(|g| g.as_str())),
            pounds(u.redundancy.amount),
            u.redundancy.eligible.to_string(),
            u.redundancy.reckonable_years.to_string(),
            optional(u.redundancy.early_retirement.map(|e| e.age)),
            why.candidate_vacancies.to_string(),
            why.outside_band_window.to_string(),
            why.suitable_vacancies.to_string(),
            why.suitable_vacancies_taken.len().to_string(),
            text(&why.summary),
        ];
        row.extend(CSV_RULES.into_iter().map(|rule| {
            why.excluded_by_rule
                .iter()
                .find(|e| e.rule == rule)
                .map_or(0, |e| e.vacancies)
                .to_string()
        }));
        let misses: Vec<String> = why
            .nearest_misses
            .iter()
            .map(|miss| {
                let failures: Vec<String> = miss
                    .failures
                    .iter()
                    .map(|f| format!("{}: {}", json_name(&f.rule), f.detail))
                    .collect();
                format!(
                    "{} ({}, band {}): {}",
                    miss.vacancy,
                    miss.employer,
                    miss.band,
                    failures.join("; ")
                )
            })
            .collect();
        row.push(text(&misses.join(" | ")));
        row
    });
    table(&unplaced_columns(), rows)
}

/// `voluntary_redundancy.csv`: one row per volunteer who leaves under voluntary redundancy,
/// in the round's order, with the Section 16 payment the round counts for them.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn voluntary_redundancy(report: &Report) -> Result<String, Error> {
    let rows = report.round.voluntary_redundancy.iter().map(|v| {
        vec![
            text(&v.person),
            text(&v.employer),
            v.band.to_string(),
            pounds(v.redundancy.amount),
            v.redundancy.eligible.to_string(),
            v.redundancy.reckonable_years.to_string(),
            optional(v.redundancy.early_retirement.map(|e| e.age)),
        ]
    });
    table(&owned(&VOLUNTARY_REDUNDANCY_COLUMNS), rows)
}

/// `released.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn released(report: &Report) -> Result<String, Error> {
    let rows = report.round.released.iter().map(|r| {
        vec![
            text(&r.vacancy),
            text(&r.employer),
            r.band.to_string(),
            r.posts.to_string(),
            r.filled.to_string(),
            r.unfilled.to_string(),
        ]
    });
    table(&owned(&RELEASED_COLUMNS), rows)
}

/// `equality.csv`: one row per group; hidden counts as `x`, rates and ratios only where both
/// counts they are made of are shown, `below_four_fifths` as `yes`, empty, or `not shown`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn equality(breakdown: &EqualityBreakdown) -> Result<String, Error> {
    let rows = breakdown.characteristics.iter().flat_map(|c| {
        c.groups.iter().map(move |g| {
            let [people, placed, unplaced, voluntary] = g.shown_counts();
            let rate_visible = g.rate_shown().is_some();
            vec![
                c.characteristic.as_str().to_string(),
                text(&g.group),
                people,
                placed,
                unplaced,
                voluntary,
                g.placement_rate
                    .filter(|_| rate_visible)
                    .map(|r| format!("{r:.3}"))
                    .unwrap_or_default(),
                g.ratio_to_highest
                    .filter(|_| rate_visible)
                    .map(|r| format!("{r:.3}"))
                    .unwrap_or_default(),
                match (g.flag_shown, g.flagged) {
                    (false, _) => "not shown",
                    (true, true) => "yes",
                    (true, false) => "",
                }
                .to_string(),
            ]
        })
    });
    table(&owned(&EQUALITY_COLUMNS), rows)
}
