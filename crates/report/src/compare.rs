//! Several policies and matching rules on one scenario, side by side.
//!
//! This module owns [`Comparison`]: one [`Report`] per run (a policy with a matching rule) and
//! the [`MEASURES`] laid out for each — placements, redundancies, costs, downgrades, travel,
//! stability and equality flags — with every run after the first given as a difference against
//! the first. [`render_text`] is the terminal table, [`to_csv`] the same table for a
//! spreadsheet; the HTML page is [`crate::html::compare`]. Which direction is better for each
//! measure ([`Better`]) decides how the HTML colours a difference; it never changes a number.

use std::fmt::Write as _;

use redeploy_engine::Money;

use crate::Error;
use crate::csv_export::{BOM, pounds};
use crate::report::Report;
use crate::text_table::Table;

/// One run of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRun {
    /// A short label: the policy name, with the rule when the comparison varies rules.
    pub label: String,
    /// The run's report.
    pub report: Report,
}

/// Runs of one scenario, in the order given (the first is the baseline).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Scenario name.
    pub scenario: String,
    /// Round date.
    pub round_date: String,
    /// The runs.
    pub runs: Vec<CompareRun>,
}

/// Which way a measure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better (people placed).
    Higher,
    /// Less is better (redundancies, costs).
    Lower,
    /// Neither: shown for information.
    Neither,
}

/// The value of a measure for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count (exact: every count a round gives fits).
    Count(i128),
    /// An amount of money.
    Money(Money),
    /// A number in tenths (a mean of minutes).
    Tenths(i128),
    /// Words (the flagged equality groups).
    Text(String),
}

impl Value {
    /// The value for the terminal.
    pub fn shown(&self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Money(m) => m.to_string(),
            Value::Tenths(t) => tenths(*t),
            Value::Text(text) => text.clone(),
        }
    }

    /// The value for a spreadsheet (money as plain pounds).
    pub fn plain(&self) -> String {
        match self {
            Value::Money(m) => pounds(*m),
            other => other.shown(),
        }
    }

    /// `self − base` as a signed number (pence for money), when both are numbers; zero when
    /// they are equal text. Exact: counts and pence are far inside `i128`.
    pub fn delta(&self, base: &Value) -> Option<i128> {
        match (self, base) {
            (Value::Count(a), Value::Count(b)) | (Value::Tenths(a), Value::Tenths(b)) => {
                Some(a - b)
            }
            (Value::Money(a), Value::Money(b)) => {
                Some(i128::from(a.pence()) - i128::from(b.pence()))
            }
            (Value::Text(a), Value::Text(b)) if a == b => Some(0),
            _ => None,
        }
    }

    /// A signed difference in this value's unit (`+57`, `-£1,200.00`, `+2.5`).
    pub fn delta_shown(&self, delta: i128) -> String {
        let plus = if delta > 0 { "+" } else { "" };
        match self {
            Value::Count(_) => format!("{plus}{delta}"),
            Value::Money(_) => format!("{plus}{}", redeploy_engine::pounds_text(delta)),
            Value::Tenths(_) => format!("{plus}{}", tenths(delta)),
            Value::Text(_) => String::new(),
        }
    }

    /// A signed difference for a spreadsheet.
    pub fn delta_plain(&self, delta: i128) -> String {
        match self {
            Value::Money(_) => crate::csv_export::pence_as_pounds(delta),
            Value::Text(_) => String::new(),
            _ => {
                let text = self.delta_shown(delta);
                text.trim_start_matches('+').to_string()
            }
        }
    }
}

fn tenths(value: i128) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let size = value.unsigned_abs();
    format!("{sign}{}.{}", size / 10, size % 10)
}

/// One row of a comparison.
pub struct Measure {
    /// What is measured.
    pub name: &'static str,
    /// Which way is better.
    pub better: Better,
    /// Its value in a report.
    pub value: fn(&Report) -> Value,
}

fn count(n: impl Into<i128>) -> Value {
    Value::Count(n.into())
}

/// A count of records as an exact `i128` (a `usize` is at most 64 bits wide on every target
/// Rust supports, so the cast never loses anything).
fn wide(n: usize) -> i128 {
    n as i128
}

fn count_of(n: usize) -> Value {
    Value::Count(wide(n))
}

/// A mean in tenths, rounded half up; zero for no items.
fn mean_tenths(total: u64, items: i128) -> Value {
    if items == 0 {
        return Value::Tenths(0);
    }
    let total = i128::from(total);
    Value::Tenths((total * 20 + items) / (items * 2))
}

/// Placements at choice `rank` (1 = first) in a rank profile.
fn choice_count(profile: &redeploy_engine::RankProfile, rank: usize) -> u64 {
    profile.counts.get(rank - 1).copied().unwrap_or(0)
}

/// The rows of a comparison, in order.
pub const MEASURES: [Measure; 33] = [
    Measure {
        name: "people in matching",
        better: Better::Neither,
        value: |r| count(r.round.metrics.in_matching),
    },
    Measure {
        name: "placed",
        better: Better::Higher,
        value: |r| count(r.round.metrics.placed),
    },
    Measure {
        name: "slotted in",
        better: Better::Neither,
        value: |r| count(r.round.metrics.slotted),
    },
    Measure {
        name: "placed with statutory priority",
        better: Better::Higher,
        value: |r| count(r.round.metrics.placed_with_priority),
    },
    Measure {
        name: "placed at another employer",
        better: Better::Neither,
        value: |r| {
            count_of(
                r.round
                    .placements
                    .iter()
                    .filter(|p| p.from_employer != p.to_employer)
                    .count(),
            )
        },
    },
    Measure {
        name: "redundancies (unplaced)",
        better: Better::Lower,
        value: |r| count(r.round.metrics.unplaced),
    },
    Measure {
        name: "unplaced with statutory priority",
        better: Better::Lower,
        value: |r| count(r.round.metrics.unplaced_with_priority),
    },
    Measure {
        name: "downgrades (placed a band lower)",
        better: Better::Lower,
        value: |r| count(r.round.metrics.downgraded),
    },
    Measure {
        name: "posts filled",
        better: Better::Higher,
        value: |r| count(r.round.metrics.posts_filled),
    },
    Measure {
        name: "posts released to open recruitment",
        better: Better::Neither,
        value: |r| count(r.round.metrics.posts_released),
    },
    Measure {
        name: "redundancy pay avoided",
        better: Better::Higher,
        value: |r| Value::Money(r.round.metrics.redundancy_cost_avoided),
    },
    Measure {
        name: "redundancy liability remaining",
        better: Better::Lower,
        value: |r| Value::Money(r.round.metrics.residual_liability),
    },
    Measure {
        name: "pay protection",
        better: Better::Lower,
        value: |r| Value::Money(r.round.metrics.pay_protection_cost),
    },
    Measure {
        name: "excess travel",
        better: Better::Lower,
        value: |r| Value::Money(r.round.metrics.excess_travel_cost),
    },
    Measure {
        name: "net saving",
        better: Better::Higher,
        value: |r| Value::Money(r.round.metrics.net_saving),
    },
    Measure {
        name: "mean journey of placed (min)",
        better: Better::Lower,
        value: |r| {
            mean_tenths(
                r.round
                    .placements
                    .iter()
                    .map(|p| u64::from(p.travel_minutes))
                    .sum(),
                wide(r.round.placements.len()),
            )
        },
    },
    Measure {
        name: "mean extra journey of placed (min)",
        better: Better::Lower,
        value: |r| {
            mean_tenths(
                r.round
                    .placements
                    .iter()
                    .map(|p| u64::from(p.extra_travel_minutes))
                    .sum(),
                wide(r.round.placements.len()),
            )
        },
    },
    Measure {
        name: "training weeks (all placed)",
        better: Better::Neither,
        value: |r| {
            count(
                r.round
                    .placements
                    .iter()
                    .map(|p| u64::from(p.training_weeks))
                    .sum::<u64>(),
            )
        },
    },
    Measure {
        name: "blocking pairs",
        better: Better::Lower,
        value: |r| count(r.round.metrics.stability.blocking_pairs),
    },
    Measure {
        name: "envious people",
        better: Better::Lower,
        value: |r| count(r.round.metrics.stability.envious_people),
    },
    Measure {
        name: "justified envy (pairs)",
        better: Better::Lower,
        value: |r| count(r.round.metrics.measures.stability.justified_envy),
    },
    Measure {
        name: "matched by the rule",
        better: Better::Neither,
        value: |r| count(r.round.metrics.measures.matched),
    },
    Measure {
        name: "matched at 1st choice",
        better: Better::Higher,
        value: |r| count(choice_count(&r.round.metrics.measures.people_ranks, 1)),
    },
    Measure {
        name: "matched at 2nd choice",
        better: Better::Neither,
        value: |r| count(choice_count(&r.round.metrics.measures.people_ranks, 2)),
    },
    Measure {
        name: "matched at 3rd choice or lower",
        better: Better::Lower,
        value: |r| {
            let ranks = &r.round.metrics.measures.people_ranks;
            count(ranks.counts.iter().skip(2).sum::<u64>())
        },
    },
    Measure {
        name: "mean choice rank of matched",
        better: Better::Lower,
        value: |r| {
            let ranks = &r.round.metrics.measures.people_ranks;
            mean_tenths(ranks.rank_sum, ranks.placed().into())
        },
    },
    Measure {
        name: "worst choice rank of matched",
        better: Better::Lower,
        value: |r| count(r.round.metrics.measures.people_ranks.worst),
    },
    Measure {
        name: "mean rank given by the posts",
        better: Better::Lower,
        value: |r| {
            let ranks = &r.round.metrics.measures.post_ranks;
            mean_tenths(ranks.rank_sum, ranks.placed().into())
        },
    },
    Measure {
        name: "worst rank given by the posts",
        better: Better::Lower,
        value: |r| count(r.round.metrics.measures.post_ranks.worst),
    },
    Measure {
        name: "soft cost of matched",
        better: Better::Lower,
        value: |r| count(r.round.metrics.measures.cost),
    },
    Measure {
        name: "placed at the first tier",
        better: Better::Neither,
        value: |r| count(r.round.metrics.by_tier.first().map_or(0, |t| t.placed)),
    },
    Measure {
        name: "equality flags",
        better: Better::Lower,
        value: |r| count_of(r.equality.flags().len()),
    },
    Measure {
        name: "flagged groups",
        better: Better::Neither,
        value: |r| {
            let flags = r.equality.flags();
            Value::Text(if flags.is_empty() {
                "none".to_string()
            } else {
                flags.join("; ")
            })
        },
    },
];

/// A column letter for run `index` (A, B, …, Z, AA, …).
pub fn column_letter(index: usize) -> String {
    let mut index = index;
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + u8::try_from(index % 26).unwrap_or(0)));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The comparison as a terminal table: a legend of the runs, then one row per measure with a
/// column per run; every run after the first shows its difference from the first.
///
/// ```no_run
/// # fn demo(comparison: &redeploy_report::compare::Comparison) {
/// print!("{}", redeploy_report::compare::render_text(comparison));
/// # }
/// ```
pub fn render_text(comparison: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Compare {} on {} ({}); differences against run A",
        redeploy_model::count(comparison.runs.len(), "run", "runs"),
        comparison.scenario,
        comparison.round_date
    );
    for (i, run) in comparison.runs.iter().enumerate() {
        let round = &run.report.round;
        let tiers: Vec<&str> = round.tiers.iter().map(|t| t.as_str()).collect();
        let _ = writeln!(
            out,
            "  {}  {}: tiers {} ({}), rule {}{}",
            column_letter(i),
            run.label,
            tiers.join(" > "),
            crate::csv_export::json_name(&round.tier_mode),
            round.rule.as_str(),
            if round.policy == run.label || run.label.starts_with(&round.policy) {
                String::new()
            } else {
                format!(", policy {}", round.policy)
            }
        );
    }
    out.push('\n');
    let mut columns: Vec<(String, bool)> = vec![(String::new(), false)];
    columns.extend((0..comparison.runs.len()).map(|i| (column_letter(i), true)));
    let header: Vec<(&str, bool)> = columns.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    let mut table = Table::new(&header);
    let mut text_rows = Vec::new();
    for measure in &MEASURES {
        let values: Vec<Value> = comparison
            .runs
            .iter()
            .map(|run| (measure.value)(&run.report))
            .collect();
        if matches!(values.first(), Some(Value::Text(_))) {
            text_rows.push((measure.name, values));
            continue;
        }
        let mut row = vec![measure.name.to_string()];
        for (i, value) in values.iter().enumerate() {
            let delta = (i > 0).then(|| value.delta(&values[0])).flatten();
            row.push(match delta {
                Some(d) if d != 0 => format!("{} ({})", value.shown(), value.delta_shown(d)),
                _ => value.shown(),
            });
        }
        table.row(row);
    }
    table.render(&mut out);
    for (name, values) in text_rows {
        let _ = writeln!(out, "\n{name}");
        for (i, value) in values.iter().enumerate() {
            let _ = writeln!(out, "  {}  {}", column_letter(i), value.shown());
        }
    }
    out
}

/// The comparison as CSV: `measure`, then each run's value, then each later run's difference
/// from the first (`<label> - <first label>`). Money is plain pounds.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_csv(comparison: &Comparison) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BOM.as_bytes().to_vec());
    let first = comparison.runs.first().map_or("", |r| r.label.as_str());
    let mut header = vec!["measure".to_string()];
    header.extend(comparison.runs.iter().map(|r| r.label.clone()));
    header.extend(
        comparison
            .runs
            .iter()
            .skip(1)
            .map(|r| format!("{} - {first}", r.label)),
    );
    writer.write_record(&header)?;
    for measure in &MEASURES {
        let values: Vec<Value> = comparison
            .runs
            .iter()
            .map(|run| (measure.value)(&run.report))
            .collect();
        let mut row = vec![measure.name.to_string()];
        row.extend(values.iter().map(Value::plain));
        row.extend(values.iter().skip(1).map(|value| {
            value
                .delta(&values[0])
                .map(|d| value.delta_plain(d))
                .unwrap_or_default()
        }));
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Csv(err.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_past_z() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(column_letter).to_vec();
        assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    }

    #[test]
    fn deltas_keep_their_unit_and_sign() {
        assert_eq!(Value::Count(5).delta(&Value::Count(8)), Some(-3));
        assert_eq!(Value::Count(5).delta_shown(-3), "-3");
        let money = Value::Money(Money(150_000));
        assert_eq!(money.delta(&Value::Money(Money(50_000))), Some(100_000));
        assert_eq!(money.delta_shown(100_000), "+£1,000.00");
        assert_eq!(money.delta_plain(-100_000), "-1000.00");
        assert_eq!(Value::Tenths(25).delta_shown(15), "+1.5");
        assert_eq!(
            Value::Text("a".into()).delta(&Value::Text("b".into())),
            None
        );
    }

    #[test]
    fn mean_in_tenths_rounds_half_up() {
        assert_eq!(mean_tenths(10, 4), Value::Tenths(25));
        assert_eq!(mean_tenths(1, 3), Value::Tenths(3));
        assert_eq!(mean_tenths(1, 6), Value::Tenths(2));
        assert_eq!(mean_tenths(0, 0), Value::Tenths(0));
    }
}
