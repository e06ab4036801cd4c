//! The band flow: from each person's band today to the band of the post they take, or to "not
//! placed", drawn as a flow diagram (Sankey) with downgrades in orange.
//!
//! Left, one node per band of the people taking part in matching, highest band at the top;
//! right, one node per band of the posts taken, and "not placed" at the bottom. Every node's
//! height is proportional to its people, on the same scale both sides; a link's thickness is
//! proportional to the people who moved along it. Links leave a left node in the order of
//! their right nodes and arrive in the order of their left nodes, so they never cross inside a
//! node.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use redeploy_model::Band;

use super::svg::{Svg, WIDTH, colour, num};
use crate::report::Report;

const NODE: f64 = 14.0;
const GAP: f64 = 10.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = WIDTH - 150.0;
const TOP: f64 = 34.0;
/// Least distance between the tops of two neighbouring nodes (a label's height and a little).
const MIN_STEP: f64 = 16.0;

/// Where a person ended: the band of their post, or not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    /// A band, ordered highest first by its reversed index.
    Band(std::cmp::Reverse<usize>),
    NotPlaced,
}

fn end_label(end: End) -> String {
    match end {
        End::Band(std::cmp::Reverse(index)) => {
            format!("band {}", Band::from_index(index).map_or("?", Band::as_str))
        }
        End::NotPlaced => "not placed".to_string(),
    }
}

/// (from band, end) → people, with the from band ordered highest first.
fn flows(report: &Report) -> BTreeMap<(std::cmp::Reverse<usize>, End), u32> {
    let mut flows = BTreeMap::new();
    for p in &report.round.placements {
        let key = (
            std::cmp::Reverse(p.band_from.index()),
            End::Band(std::cmp::Reverse(p.band_to.index())),
        );
        *flows.entry(key).or_insert(0) += 1;
    }
    for u in &report.round.unplaced {
        *flows
            .entry((std::cmp::Reverse(u.band.index()), End::NotPlaced))
            .or_insert(0) += 1;
    }
    flows
}

/// Node positions: for each key, its top y, with at least [`MIN_STEP`] between the tops of
/// neighbours so their labels never overlap; and where the last node ends.
fn layout<K: Ord + Copy>(totals: &BTreeMap<K, u32>, scale: f64) -> (BTreeMap<K, f64>, f64) {
    let mut y = TOP;
    let mut end = TOP;
    let tops = totals
        .iter()
        .map(|(key, count)| {
            let top = y;
            end = top + f64::from(*count) * scale;
            y = (end + GAP).max(top + MIN_STEP);
            (*key, top)
        })
        .collect();
    (tops, end)
}

fn link_colour(from: usize, end: End) -> (&'static str, f64, &'static str) {
    match end {
        End::NotPlaced => (colour::RED, 0.3, "not placed"),
        End::Band(std::cmp::Reverse(to)) if to < from => (colour::ORANGE, 0.75, "a band lower"),
        End::Band(std::cmp::Reverse(to)) if to > from => (colour::CYAN, 0.6, "a band higher"),
        End::Band(_) => (colour::BLUE, 0.45, "the same band"),
    }
}

/// The SVG, or `None` when nobody took part in matching.
fn chart(report: &Report) -> Option<String> {
    let flows = flows(report);
    let people: u32 = flows.values().sum();
    if people == 0 {
        return None;
    }
    let mut left_totals: BTreeMap<std::cmp::Reverse<usize>, u32> = BTreeMap::new();
    let mut right_totals: BTreeMap<End, u32> = BTreeMap::new();
    for ((from, end), count) in &flows {
        *left_totals.entry(*from).or_insert(0) += count;
        *right_totals.entry(*end).or_insert(0) += count;
    }
    let plot = (f64::from(people) * 3.0).clamp(220.0, 460.0);
    let scale = plot / f64::from(people);
    let (left_y, left_end) = layout(&left_totals, scale);
    let (right_y, right_end) = layout(&right_totals, scale);
    let height = left_end.max(right_end) + 22.0;

    let mut svg = Svg::new(WIDTH, height);
    svg.legend(
        8.0,
        16.0,
        WIDTH - 8.0,
        &[
            (colour::BLUE, "same band"),
            (colour::ORANGE, "a band lower (downgrade)"),
            (colour::CYAN, "a band higher"),
            (colour::RED, "not placed"),
        ],
    );
    // Offsets already used inside each node, for stacking links.
    let mut left_used: BTreeMap<std::cmp::Reverse<usize>, f64> = BTreeMap::new();
    let mut right_used: BTreeMap<End, f64> = BTreeMap::new();
    // Links leave each left node in right-node order (the flows' key order is left then end),
    // and arrive in left-node order (iterating flows by left node first does that too).
    for ((from, end), count) in &flows {
        let thickness = f64::from(*count) * scale;
        let left_offset = left_used.entry(*from).or_insert(0.0);
        let y0 = left_y[from] + *left_offset;
        *left_offset += thickness;
        let right_offset = right_used.entry(*end).or_insert(0.0);
        let y1 = right_y[end] + *right_offset;
        *right_offset += thickness;
        let (x0, x1) = (LEFT + NODE, RIGHT);
        let middle = (x0 + x1) / 2.0;
        let mut d = String::new();
        let _ = write!(
            d,
            "M{} {}C{} {} {} {} {} {}L{} {}C{} {} {} {} {} {}Z",
            num(x0),
            num(y0),
            num(middle),
            num(y0),
            num(middle),
            num(y1),
            num(x1),
            num(y1),
            num(x1),
            num(y1 + thickness),
            num(middle),
            num(y1 + thickness),
            num(middle),
            num(y0 + thickness),
            num(x0),
            num(y0 + thickness),
        );
        let (fill, opacity, kind) = link_colour(from.0, *end);
        let from_label = end_label(End::Band(*from));
        svg.path(
            &d,
            fill,
            opacity,
            &format!(
                "{from_label} to {}: {count} {} ({kind})",
                end_label(*end),
                if *count == 1 { "person" } else { "people" }
            ),
        );
    }
    for (from, count) in &left_totals {
        let y = left_y[from];
        let h = f64::from(*count) * scale;
        let label = end_label(End::Band(*from));
        svg.rect(
            LEFT,
            y,
            NODE,
            h,
            "#444444",
            &format!("{label}: {count} in matching"),
        );
        svg.text(
            LEFT - 8.0,
            y + h / 2.0 + 4.0,
            "end",
            "node",
            &format!("{label} · {count}"),
        );
    }
    for (end, count) in &right_totals {
        let y = right_y[end];
        let h = f64::from(*count) * scale;
        let label = end_label(*end);
        let fill = if *end == End::NotPlaced {
            colour::RED
        } else {
            "#444444"
        };
        svg.rect(RIGHT, y, NODE, h, fill, &format!("{label}: {count}"));
        svg.text(
            RIGHT + NODE + 8.0,
            y + h / 2.0 + 4.0,
            "start",
            "node",
            &format!("{label} · {count}"),
        );
    }
    svg.text(
        LEFT + NODE / 2.0,
        height - 2.0,
        "middle",
        "axis",
        "band today",
    );
    svg.text(
        RIGHT + NODE / 2.0,
        height - 2.0,
        "middle",
        "axis",
        "band of the post",
    );
    let description = format!(
        "{people} people in matching: {} placed, {} in a lower band, {} not placed.",
        report.round.placements.len(),
        report.round.metrics.downgraded,
        report.round.unplaced.len()
    );
    Some(svg.finish(
        "band-flow",
        "Band flow: band today to band of the post",
        &description,
    ))
}

/// The band flow section.
pub(crate) fn section(report: &Report) -> String {
    let m = &report.round.metrics;
    let lead = format!(
        "Where the {} in matching went, by band. {} of {} {} in a lower band (pay protected); {} not placed.",
        redeploy_model::count(m.in_matching, "person", "people"),
        m.downgraded,
        redeploy_model::count(m.placed, "placement", "placements"),
        if m.downgraded == 1 { "is" } else { "are" },
        match m.unplaced {
            1 => "1 person was".to_string(),
            n => format!("{n} people were"),
        }
    );
    let content = chart(report).unwrap_or_else(|| {
        "<p class=\"note\">Nobody took part in matching, so there is no flow to draw.</p>"
            .to_string()
    });
    super::section("band-flow-section", "Band flow", &lead, &content)
}
