//! The equality section: for each monitored characteristic, a chart of placement rates by
//! group with the four-fifths line, and a table of outcomes with small counts hidden.

use std::fmt::Write as _;

use super::escape;
use super::svg::{Bar, BarChart, Segment, colour};
use crate::equality::{CharacteristicOutcomes, EqualityBreakdown, FOUR_FIFTHS};

fn percent_axis(value: f64) -> String {
    format!("{:.0}%", value)
}

fn chart(c: &CharacteristicOutcomes, index: usize) -> String {
    let bars = c
        .groups
        .iter()
        .map(|g| match (g.rate_shown(), g.placement_rate) {
            (Some(shown), Some(rate)) => Bar {
                label: g.group.clone(),
                segments: vec![Segment {
                    value: rate * 100.0,
                    fill: if g.flagged { colour::RED } else { colour::BLUE },
                    tip: format!("{}: {shown} placed", g.group),
                }],
                note: if g.flagged {
                    format!("{shown}  below four-fifths")
                } else {
                    shown
                },
            },
            _ => Bar {
                label: g.group.clone(),
                segments: Vec::new(),
                note: if g.flagged {
                    "hidden for privacy; below four-fifths".to_string()
                } else {
                    "hidden for privacy".to_string()
                },
            },
        })
        .collect();
    let marker = c.highest_rate.map(|highest| {
        (
            highest * FOUR_FIFTHS * 100.0,
            format!("four-fifths of {:.0}% (highest shown)", highest * 100.0),
        )
    });
    let name = c.characteristic.as_str();
    BarChart {
        id: &format!("equality-{index}"),
        title: &format!("Placement rate by {name}"),
        description: format!(
            "Share of each {name} group in matching who were placed; groups below four-fifths of the highest shown rate are red."
        ),
        legend: Vec::new(),
        bars,
        axis: percent_axis,
        marker,
        axis_max: Some(100.0),
    }
    .render()
}

fn table(c: &CharacteristicOutcomes) -> String {
    let mut out = String::from(
        "<div class=\"scroll\"><table><thead><tr><th>group</th><th class=\"num\">people</th><th class=\"num\">placed</th><th class=\"num\">not placed</th><th class=\"num\">voluntary redundancy</th><th class=\"num\">placement rate</th><th></th></tr></thead><tbody>",
    );
    for g in &c.groups {
        let _ = write!(
            out,
            "<tr{}><td>{}</td>",
            if g.flagged { " class=\"flagged\"" } else { "" },
            escape(&g.group)
        );
        for count in g.shown_counts() {
            let _ = write!(out, "<td class=\"num\">{}</td>", escape(&count));
        }
        let _ = write!(
            out,
            "<td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&g.rate_shown().unwrap_or_else(|| "-".to_string())),
            match (g.flag_shown, g.flagged) {
                (false, _) => "flag not shown",
                (true, true) => "<span class=\"flag\">below four-fifths</span>",
                (true, false) => "",
            }
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The equality section.
pub(crate) fn section(breakdown: &EqualityBreakdown) -> String {
    if breakdown.characteristics.is_empty() {
        return super::section(
            "equality",
            "Equality monitoring",
            "The scenario records no equality fields (sex, ethnicity, disability, age band), so outcomes cannot be broken down.",
            "",
        );
    }
    let flags = breakdown.flags();
    let lead = if flags.is_empty() {
        "No group is flagged below four-fifths of the highest shown placement rate.".to_string()
    } else {
        format!(
            "{} below four-fifths of the highest shown placement rate: {}.",
            if flags.len() == 1 {
                "One group is"
            } else {
                "These groups are"
            },
            flags.join("; ")
        )
    };
    let mut content = String::from(
        "<p class=\"note\">Placement rate = people placed / people taking part in matching. For privacy, groups of fewer than 5 people are combined into one row, and x hides a count from 1 to 4, a zero in a group of fewer than 10 people, and every further count needed so that no hidden count can be worked out from the totals, the rates or the flags; a rate is shown only where both counts it is made of are, and the reference is the highest shown rate. A table that cannot be shown safely is withheld. Groups are compared only when recorded, not combined, and with at least 5 people in matching. The four-fifths ratio is a heuristic for a materially worse rate, not a legal test; equality fields are never used in matching.</p>",
    );
    for (index, c) in breakdown.characteristics.iter().enumerate() {
        if c.withheld {
            let _ = write!(
                content,
                "<h3>By {}</h3>\n<p>Withheld: too few groups to show this table without giving away a hidden count.</p>",
                escape(c.characteristic.as_str())
            );
            continue;
        }
        let _ = write!(
            content,
            "<h3>By {}</h3>\n{}\n{}",
            escape(c.characteristic.as_str()),
            chart(c, index),
            table(c)
        );
    }
    super::section("equality", "Equality monitoring", &lead, &content)
}
