//! The exercise page: headline figures, rounds over time, the funnel, redundancy pay, days at
//! risk, equality across the exercise and warnings, in the round page's house style.

use std::fmt::Write as _;

use super::svg::{Bar, BarChart, Segment, colour, num};
use super::{Card, cards, compact_pounds, escape, page, section};
use crate::exercise::course::Course;

fn pounds(money: redeploy_engine::Money) -> String {
    compact_pounds(money.pence() as f64 / 100.0)
}

fn segment(value: f64, fill: &'static str, tip: String) -> Segment {
    Segment { value, fill, tip }
}

fn headline(course: &Course) -> String {
    let count = |stage: &str| {
        course
            .stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |(_, c)| *c)
    };
    let active: u32 = ["at-risk", "proposed", "offered", "accepted", "in-trial"]
        .iter()
        .map(|s| count(s))
        .sum();
    let body = cards(&[
        Card {
            figure: course.people.len().to_string(),
            what: "people at risk at the start",
            tone: "",
        },
        Card {
            figure: count("placed").to_string(),
            what: "redeployed (confirmed in a new post)",
            tone: "good",
        },
        Card {
            figure: active.to_string(),
            what: "still in the exercise",
            tone: "",
        },
        Card {
            figure: count("left").to_string(),
            what: "left (VR, resigned, retired, dismissed)",
            tone: "bad",
        },
        Card {
            figure: pounds(course.pay.avoided),
            what: "redundancy pay avoided",
            tone: "good",
        },
        Card {
            figure: pounds(course.pay.paid),
            what: "redundancy pay paid (dismissed, VR)",
            tone: "bad",
        },
        Card {
            figure: pounds(course.pay.at_stake),
            what: "redundancy pay still at stake",
            tone: "",
        },
        Card {
            figure: course.warnings.len().to_string(),
            what: "warnings for HR",
            tone: "",
        },
    ]);
    section(
        "headline",
        "The exercise at a glance",
        &format!(
            "From {} to {}: {} events, {} rounds.",
            course.started,
            course.date,
            course.events,
            course.rounds.len()
        ),
        &body,
    )
    .replacen(
        "from the round's own records: every figure is a count or sum of its placements, unplaced people, volunteers and released posts.",
        "from the exercise's own events: every figure is a count or sum of its events and of the state they replay to.",
        1,
    )
}

fn rounds(course: &Course) -> String {
    let bars = course
        .rounds
        .iter()
        .map(|r| Bar {
            label: format!("Round {} ({})", r.round, r.date),
            segments: vec![
                segment(
                    f64::from(r.proposed),
                    colour::GREEN,
                    format!("{} proposed a post", r.proposed),
                ),
                segment(
                    f64::from(r.not_placed),
                    colour::RED,
                    format!("{} not placed", r.not_placed),
                ),
            ],
            note: format!("pool {}, {} posts open", r.pool, r.open_posts),
        })
        .collect();
    let chart = BarChart {
        id: "rounds",
        title: "Rounds over time",
        description: "People in each round's pool, proposed a post or not placed.".to_string(),
        legend: vec![
            (colour::GREEN, "proposed a post"),
            (colour::RED, "not placed"),
        ],
        bars,
        axis: |v| num(v),
        marker: None,
        axis_max: None,
    };
    let lead = if course.rounds.is_empty() {
        "No round has been proposed yet.".to_string()
    } else {
        "Each round matches the people still in the pool against the posts still open.".to_string()
    };
    section("rounds", "Rounds over time", &lead, &chart.render())
}

fn funnel(course: &Course) -> String {
    let steps = course.funnel_steps();
    let bars = steps
        .iter()
        .enumerate()
        .map(|(i, (step, count))| Bar {
            label: (*step).to_string(),
            segments: vec![segment(
                f64::from(*count),
                if i < 5 { colour::BLUE } else { colour::ORANGE },
                format!("{count} {step}"),
            )],
            note: count.to_string(),
        })
        .collect();
    let chart = BarChart {
        id: "funnel",
        title: "From proposal to new post",
        description:
            "Proposals, offers, acceptances, trials and confirmations; refusals and failed trials."
                .to_string(),
        legend: vec![
            (colour::BLUE, "towards a new post"),
            (colour::ORANGE, "refused or failed"),
        ],
        bars,
        axis: |v| num(v),
        marker: None,
        axis_max: None,
    };
    section(
        "funnel",
        "The funnel",
        "Unreasonable refusals of suitable posts are flagged for HR; the tool never decides forfeiture.",
        &chart.render(),
    )
}

fn pay(course: &Course) -> String {
    let p = &course.pay;
    let money = |m: redeploy_engine::Money| m.pence() as f64 / 100.0;
    let chart = BarChart {
        id: "pay",
        title: "Redundancy pay",
        description: "Section 16 redundancy pay of the people placed, paid and still at stake."
            .to_string(),
        legend: vec![
            (colour::GREEN, "avoided"),
            (colour::RED, "paid"),
            (colour::GREY, "at stake"),
        ],
        bars: vec![Bar {
            label: "Redundancy pay".to_string(),
            segments: vec![
                segment(
                    money(p.avoided),
                    colour::GREEN,
                    format!("avoided {}", pounds(p.avoided)),
                ),
                segment(
                    money(p.paid),
                    colour::RED,
                    format!("paid {}", pounds(p.paid)),
                ),
                segment(
                    money(p.at_stake),
                    colour::GREY,
                    format!("at stake {}", pounds(p.at_stake)),
                ),
            ],
            note: pounds(p.avoided + p.paid + p.at_stake),
        }],
        axis: |v| compact_pounds(v),
        marker: None,
        axis_max: None,
    };
    section(
        "pay",
        "Redundancy pay avoided, paid and at stake",
        &format!(
            "Of the pay at stake or paid, {} belongs to people with a warning that it may be at risk: a decision for HR.",
            pounds(p.flagged)
        ),
        &chart.render(),
    )
}

fn days_at_risk(course: &Course) -> String {
    let mut buckets = [0u32; 5];
    let labels = [
        "under 4 weeks",
        "4 to 8 weeks",
        "8 to 13 weeks",
        "13 to 26 weeks",
        "26 weeks or more",
    ];
    for person in &course.people {
        let index = match person.days_at_risk {
            d if d < 28 => 0,
            d if d < 56 => 1,
            d if d < 91 => 2,
            d if d < 182 => 3,
            _ => 4,
        };
        buckets[index] += 1;
    }
    let bars = labels
        .iter()
        .zip(buckets)
        .map(|(label, count)| Bar {
            label: (*label).to_string(),
            segments: vec![segment(
                f64::from(count),
                colour::PURPLE,
                format!("{count} people"),
            )],
            note: count.to_string(),
        })
        .collect();
    let chart = BarChart {
        id: "days",
        title: "Days at risk",
        description: "People by the days from the exercise's start to their placement, leaving, or the report date.".to_string(),
        legend: vec![(colour::PURPLE, "people")],
        bars,
        axis: |v| num(v),
        marker: None,
        axis_max: None,
    };
    let total: i64 = course.people.iter().map(|p| p.days_at_risk).sum();
    let lead = format!(
        "{} person-days at risk in all; each person's days are in people.csv.",
        total
    );
    section("days", "Days at risk", &lead, &chart.render())
}

fn warnings(course: &Course) -> String {
    let mut list = String::from("<ul>");
    for warning in &course.warnings {
        let _ = write!(list, "<li>{}</li>", escape(warning));
    }
    list.push_str("</ul>");
    let lead = if course.warnings.is_empty() {
        "No warnings."
    } else {
        "Flagged, never decided: each is a decision for HR."
    };
    section(
        "warnings",
        "Warnings for HR",
        lead,
        if course.warnings.is_empty() {
            ""
        } else {
            &list
        },
    )
}

/// The exercise page.
pub(crate) fn render(course: &Course) -> String {
    let mut body = String::new();
    body.push_str(&headline(course));
    body.push_str(&rounds(course));
    body.push_str(&funnel(course));
    body.push_str(&pay(course));
    body.push_str(&days_at_risk(course));
    body.push_str(&super::equality::section(&course.equality));
    body.push_str(&warnings(course));
    // The page frame is the round page's; its footer says where the figures come from.
    page(
        &format!("{} — exercise — redeploy", course.scenario),
        &format!("Redeployment exercise: {}", course.scenario),
        &[format!(
            "{} events from {} to {}; last event {}.",
            course.events,
            course.started,
            course.date,
            &course.head.chars().take(12).collect::<String>()
        )],
        &body,
    )
    .replacen(
        "from the round's own records: every figure is a count or sum of its placements, unplaced people, volunteers and released posts.",
        "from the exercise's own events: every figure is a count or sum of its events and of the state they replay to.",
        1,
    )
}
