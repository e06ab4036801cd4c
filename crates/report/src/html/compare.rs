//! The comparison page: the runs, every measure side by side with its difference from the first
//! run coloured better or worse, and charts of outcomes and costs per run.

use std::fmt::Write as _;

use redeploy_engine::Money;

use super::svg::{Bar, BarChart, Segment, colour, num};
use super::{compact_pounds, escape, page, section};
use crate::compare::{Better, Comparison, MEASURES, Value, column_letter};

fn run_label(comparison: &Comparison, index: usize) -> String {
    format!("{} {}", column_letter(index), comparison.runs[index].label)
}

fn runs_table(comparison: &Comparison) -> String {
    let mut out = String::from(
        "<div class=\"scroll\"><table><thead><tr><th>run</th><th>policy</th><th>ring-fence tiers</th><th>tier mode</th><th>matching rule</th></tr></thead><tbody>",
    );
    for (i, run) in comparison.runs.iter().enumerate() {
        let round = &run.report.round;
        let tiers: Vec<&str> = round.tiers.iter().map(|t| t.as_str()).collect();
        let _ = write!(
            out,
            "<tr><td><span class=\"tag\">{}</span> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            column_letter(i),
            escape(&run.label),
            escape(&round.policy),
            escape(&tiers.join(" then ")),
            escape(&crate::csv_export::json_name(&round.tier_mode)),
            escape(round.rule.as_str())
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

fn delta_class(better: Better, delta: i128) -> &'static str {
    match (better, delta.signum()) {
        (_, 0) | (Better::Neither, _) => "",
        (Better::Higher, 1) | (Better::Lower, -1) => "better",
        _ => "worse",
    }
}

fn measures_table(comparison: &Comparison) -> String {
    let mut out = String::from(
        "<div class=\"scroll\"><table id=\"side-by-side\"><thead><tr><th>measure</th>",
    );
    for i in 0..comparison.runs.len() {
        let _ = write!(
            out,
            "<th class=\"num\">{}</th>",
            escape(&run_label(comparison, i))
        );
    }
    out.push_str("</tr></thead><tbody>");
    for measure in &MEASURES {
        let values: Vec<Value> = comparison
            .runs
            .iter()
            .map(|r| (measure.value)(&r.report))
            .collect();
        let _ = write!(out, "<tr><td>{}</td>", escape(measure.name));
        for (i, value) in values.iter().enumerate() {
            let is_text = matches!(value, Value::Text(_));
            let delta = (i > 0).then(|| value.delta(&values[0])).flatten();
            let delta_html = match delta {
                Some(d) if d != 0 => format!(
                    "<span class=\"delta {}\">{}</span>",
                    delta_class(measure.better, d),
                    escape(&value.delta_shown(d))
                ),
                None if i > 0 && is_text => {
                    "<span class=\"delta worse\">differs</span>".to_string()
                }
                _ => String::new(),
            };
            let _ = write!(
                out,
                "<td class=\"{}\">{}{delta_html}</td>",
                if is_text { "" } else { "num" },
                escape(&value.shown())
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn outcomes_chart(comparison: &Comparison) -> String {
    let bars = comparison
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let m = &run.report.round.metrics;
            let label = run_label(comparison, i);
            let part = |value: u32, fill: &'static str, what: &str| Segment {
                value: f64::from(value),
                fill,
                tip: format!("{label}: {value} {what}"),
            };
            Bar {
                label: label.clone(),
                segments: vec![
                    part(m.slotted, colour::PURPLE, "slotted in"),
                    part(m.placed - m.slotted, colour::BLUE, "matched"),
                    part(m.unplaced, colour::RED, "not placed"),
                    part(m.volunteers_leaving, colour::GREY, "voluntary redundancy"),
                ],
                note: format!("{} placed, {} not", m.placed, m.unplaced),
            }
        })
        .collect();
    BarChart {
        id: "compare-outcomes",
        title: "Outcomes of the people at risk, run by run",
        description: "For each run, people at risk by outcome.".to_string(),
        legend: vec![
            (colour::PURPLE, "slotted in"),
            (colour::BLUE, "matched"),
            (colour::RED, "not placed"),
            (colour::GREY, "voluntary redundancy"),
        ],
        bars,
        axis: num,
        marker: None,
        axis_max: None,
    }
    .render()
}

fn costs_chart(comparison: &Comparison) -> String {
    let pounds = |money: Money| money.pence() as f64 / 100.0;
    let bars = comparison
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let m = &run.report.round.metrics;
            let label = run_label(comparison, i);
            let part = |value: Money, fill: &'static str, what: &str| Segment {
                value: pounds(value).max(0.0),
                fill,
                tip: format!("{label}: {what} {value}"),
            };
            Bar {
                label: label.clone(),
                segments: vec![
                    part(
                        m.redundancy_cost_avoided,
                        colour::GREEN,
                        "redundancy pay avoided",
                    ),
                    part(m.residual_liability, colour::RED, "liability remaining"),
                ],
                note: format!(
                    "{} avoided, {} remaining",
                    compact_pounds(pounds(m.redundancy_cost_avoided)),
                    compact_pounds(pounds(m.residual_liability))
                ),
            }
        })
        .collect();
    BarChart {
        id: "compare-costs",
        title: "Redundancy pay avoided against liability remaining, run by run",
        description: "For each run, the Section 16 redundancy pay its placements avoid and the liability left.".to_string(),
        legend: vec![(colour::GREEN, "avoided"), (colour::RED, "remaining")],
        bars,
        axis: compact_pounds,
        marker: None,
        axis_max: None,
    }
    .render()
}

fn flags_list(comparison: &Comparison) -> String {
    let mut out = String::from("<ul>");
    for (i, run) in comparison.runs.iter().enumerate() {
        let flags = run.report.equality.flags();
        let _ = write!(
            out,
            "<li><span class=\"tag\">{}</span> {}: {}</li>",
            column_letter(i),
            escape(&run.label),
            if flags.is_empty() {
                "no group below four-fifths".to_string()
            } else {
                format!("<span class=\"flag\">{}</span>", escape(&flags.join("; ")))
            }
        );
    }
    out.push_str("</ul>");
    out
}

/// The comparison page.
///
/// ```no_run
/// # fn demo(comparison: &redeploy_report::compare::Comparison) {
/// let html = redeploy_report::html::compare::render(comparison);
/// assert!(html.contains("side-by-side"));
/// # }
/// ```
pub fn render(comparison: &Comparison) -> String {
    let mut body = String::new();
    body.push_str(&section(
        "runs",
        "The runs",
        "Each run is the same scenario under one policy and matching rule; run A is the baseline the others are compared with.",
        &runs_table(comparison),
    ));
    body.push_str(&section(
        "measures",
        "Side by side",
        "Every run after A shows its difference from A underneath: green where it is better for the people at risk or the budget, red where it is worse, plain where neither.",
        &measures_table(comparison),
    ));
    body.push_str(&section(
        "compare-charts",
        "Outcomes and costs",
        "Placements and redundancies, then redundancy pay avoided against liability remaining.",
        &[outcomes_chart(comparison), costs_chart(comparison)].join("\n"),
    ));
    body.push_str(&section(
        "compare-equality",
        "Equality flags",
        "Groups whose placement rate is below four-fifths of the highest shown rate (a heuristic, not a legal test; small and combined groups are not compared). Equality counts are not compared across runs: each run's tables are protected on their own, with the same pattern for counts every run shares.",
        &flags_list(comparison),
    ));
    page(
        &format!("{} — policy comparison — redeploy", comparison.scenario),
        &format!("Policy comparison: {}", comparison.scenario),
        &[format!(
            "{} on the same scenario, round date {}.",
            redeploy_model::count(comparison.runs.len(), "run", "runs"),
            comparison.round_date
        )],
        &body,
    )
}
