//! The what-if page: headline figures, a ranked bar chart of relaxations (people placed and net
//! saving), the table of critical posts, and a chart of the best new posts, in the round page's
//! style (inline CSS, SVG, no script).

use std::fmt::Write as _;

use redeploy_engine::Money;
use redeploy_whatif::WhatIf;

use super::svg::{Bar, BarChart, Segment, colour};
use super::{Card, cards, compact_pounds, escape, page, section};
use crate::whatif::{critical, ranked, signed, signed_money};

fn pounds(money: Money) -> f64 {
    money.pence() as f64 / 100.0
}

fn count_axis(value: f64) -> String {
    format!("{value:.0}")
}

fn headline(report: &WhatIf) -> String {
    let best = ranked(report)
        .first()
        .map(|t| t.effect.delta.placed)
        .unwrap_or(0);
    let critical = report.vacancies.iter().filter(|v| v.critical).count();
    let fixable = report
        .unplaced
        .iter()
        .filter(|f| f.relaxation.is_some())
        .count();
    cards(&[
        Card {
            figure: format!("{} of {}", report.baseline.placed, report.in_matching),
            what: "placed as the round stands",
            tone: "",
        },
        Card {
            figure: signed(best),
            what: "placed by the best single relaxation",
            tone: if best > 0 { "good" } else { "" },
        },
        Card {
            figure: format!("{fixable} of {}", report.unplaced.len()),
            what: "unplaced people one relaxation would place",
            tone: "",
        },
        Card {
            figure: critical.to_string(),
            what: "critical posts (withdrawing one costs a placement)",
            tone: if critical > 0 { "bad" } else { "" },
        },
    ])
}

fn relaxation_charts(report: &WhatIf) -> String {
    let ranked = ranked(report);
    let placed = BarChart {
        id: "whatif-placed",
        title: "People placed, relaxation by relaxation",
        description: "For each single relaxation, how many more people the changed round places than this one.".to_string(),
        legend: vec![(colour::GREEN, "more placed")],
        bars: ranked
            .iter()
            .map(|t| Bar {
                label: t.step.clone(),
                segments: vec![Segment {
                    value: t.effect.delta.placed.max(0) as f64,
                    fill: colour::GREEN,
                    tip: format!("{}: {} placed", t.step, signed(t.effect.delta.placed)),
                }],
                note: signed(t.effect.delta.placed),
            })
            .collect(),
        axis: count_axis,
        marker: None,
        axis_max: None,
    }
    .render();
    let saving = BarChart {
        id: "whatif-saving",
        title: "Net saving, relaxation by relaxation",
        description: "For each single relaxation, the change in net saving (redundancy pay avoided less pay protection and excess travel).".to_string(),
        legend: vec![(colour::BLUE, "more net saving")],
        bars: ranked
            .iter()
            .map(|t| Bar {
                label: t.step.clone(),
                segments: vec![Segment {
                    value: pounds(t.effect.delta.net_saving).max(0.0),
                    fill: colour::BLUE,
                    tip: format!(
                        "{}: net saving {}",
                        t.step,
                        signed_money(t.effect.delta.net_saving)
                    ),
                }],
                note: compact_pounds(pounds(t.effect.delta.net_saving)),
            })
            .collect(),
        axis: compact_pounds,
        marker: None,
        axis_max: None,
    }
    .render();
    format!("{placed}\n{saving}")
}

fn critical_table(report: &WhatIf) -> String {
    let mut out = String::from(
        "<div class=\"scroll\"><table id=\"critical-posts\"><thead><tr><th>vacancy</th><th>employer</th><th>band</th><th class=\"num\">posts</th><th class=\"num\">filled</th><th class=\"num\">placed if withdrawn</th><th class=\"num\">net saving if withdrawn</th></tr></thead><tbody>",
    );
    let mut any = false;
    for v in critical(report) {
        any = true;
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num worse\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&v.vacancy),
            escape(&v.employer),
            escape(&v.band),
            v.posts,
            v.filled,
            signed(v.withdrawn.delta.placed),
            escape(&signed_money(v.withdrawn.delta.net_saving))
        );
    }
    if !any {
        out.push_str("<tr><td colspan=\"7\">No post is critical: each could be withdrawn without a placement lost.</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn new_posts_chart(report: &WhatIf) -> String {
    if report.new_posts.is_empty() {
        return "<p>No new post would be suitable for anyone left unplaced.</p>".to_string();
    }
    BarChart {
        id: "whatif-new-posts",
        title: "The best new posts",
        description:
            "Each hypothetical post of one place, with the people its round places beyond this one."
                .to_string(),
        legend: vec![(colour::GREEN, "more placed")],
        bars: report
            .new_posts
            .iter()
            .map(|n| Bar {
                label: n.step.clone(),
                segments: vec![Segment {
                    value: n.effect.delta.placed.max(0) as f64,
                    fill: colour::GREEN,
                    tip: format!(
                        "{}: {} placed, net saving {}",
                        n.step,
                        signed(n.effect.delta.placed),
                        signed_money(n.effect.delta.net_saving)
                    ),
                }],
                note: format!(
                    "{} placed, {}",
                    signed(n.effect.delta.placed),
                    compact_pounds(pounds(n.effect.delta.net_saving))
                ),
            })
            .collect(),
        axis: count_axis,
        marker: None,
        axis_max: None,
    }
    .render()
}

/// The what-if page.
///
/// ```
/// use redeploy_synth::{SynthConfig, generate};
/// use redeploy_whatif::{Options, analyse};
///
/// let scenario = generate(&SynthConfig { people: 20, posts: 30, seed: 2, ..SynthConfig::default() }).unwrap();
/// let report = analyse(&scenario, &scenario.policy, &Options { top: 3, ..Options::default() }).unwrap();
/// let html = redeploy_report::html::whatif::render(&report);
/// assert!(html.contains("critical-posts"));
/// ```
pub fn render(report: &WhatIf) -> String {
    let mut body = headline(report);
    body.push_str(&section(
        "relaxations",
        "One relaxation at a time",
        "Each bar is the round run again with one rule relaxed by one step, or one employer's exempt vacancies brought into the ring-fence, ranked by people placed then net saving.",
        &relaxation_charts(report),
    ));
    body.push_str(&section(
        "critical",
        "Critical posts",
        "Vacancies whose withdrawal, with the round run again, leaves at least one more person without a post.",
        &critical_table(report),
    ));
    body.push_str(&section(
        "new-posts",
        "Where a new post helps most",
        "Hypothetical posts shaped on the people a new post could help (the unplaced, and those whose move would free a post for one), shortlisted by the round's dual values (a placement added, then the redundancy pay avoided), each confirmed by running the round with it.",
        &new_posts_chart(report),
    ));
    page(
        &format!("{} — what if — redeploy", report.scenario),
        &format!("What would place more people: {}", report.scenario),
        &[format!(
            "Policy {}; {} whole rounds run and {} changes decided again in their scope units, every figure read from a round decided on the changed inputs.",
            report.policy, report.effort.rounds, report.effort.reruns
        )],
        &body,
    )
}
