//! The bar-chart sections of the round page: placements by tier and by employer, why people
//! were not placed (rule by rule), and the costs.

use std::collections::BTreeMap;

use redeploy_engine::{Money, PlacementRoute, Rule, Unplaced};
use redeploy_model::count;

use super::svg::{Bar, BarChart, Segment, colour, num};
use super::{compact_pounds, section};
use crate::report::Report;

fn pounds(money: Money) -> f64 {
    money.pence() as f64 / 100.0
}

fn segment(value: u32, fill: &'static str, tip: String) -> Segment {
    Segment {
        value: f64::from(value),
        fill,
        tip,
    }
}

/// A plain-words name for a hard rule.
pub(crate) fn rule_label(rule: Rule) -> &'static str {
    match rule {
        Rule::BandDrop => "post too many bands lower",
        Rule::BandRise => "post too many bands higher",
        Rule::HoursReduction => "fewer hours than allowed",
        Rule::HoursIncrease => "more hours than allowed",
        Rule::Travel => "journey too long",
        Rule::ExtraTravel => "extra journey too long",
        Rule::PersonalTravelLimit => "beyond the person's own travel limit",
        Rule::PriorityTravel => "journey too long for statutory priority",
        Rule::EssentialSkills => "essential skill missing, not trainable",
        Rule::Training => "too much training needed",
        Rule::Registration => "registration required",
        Rule::ContractType => "fixed-term post for a permanent contract",
        Rule::JobFamily => "different job family",
        Rule::Excluded => "pair excluded this round",
    }
}

fn tier_chart(report: &Report) -> String {
    let bars = report
        .round
        .tiers
        .iter()
        .map(|tier| {
            let at_tier: Vec<_> = report
                .round
                .placements
                .iter()
                .filter(|p| p.tier == *tier)
                .collect();
            let count = |keep: &dyn Fn(&&redeploy_engine::Placement) -> bool| {
                u32::try_from(at_tier.iter().filter(|p| keep(p)).count()).unwrap_or(u32::MAX)
            };
            let slotted = count(&|p| p.route == PlacementRoute::Slotted);
            let priority =
                count(&|p| p.route == PlacementRoute::Matched && p.statutory_priority.is_some());
            let matched =
                count(&|p| p.route == PlacementRoute::Matched && p.statutory_priority.is_none());
            Bar {
                label: format!("{} tier", tier.as_str()),
                segments: vec![
                    segment(
                        slotted,
                        colour::PURPLE,
                        format!("{}: {slotted} slotted in", tier.as_str()),
                    ),
                    segment(
                        priority,
                        colour::GREEN,
                        format!(
                            "{}: {priority} matched with statutory priority",
                            tier.as_str()
                        ),
                    ),
                    segment(
                        matched,
                        colour::BLUE,
                        format!("{}: {matched} matched", tier.as_str()),
                    ),
                ],
                note: format!("{} placed", slotted + priority + matched),
            }
        })
        .collect();
    BarChart {
        id: "by-tier",
        title: "Placements by ring-fence tier",
        description: format!(
            "People placed at each tier of policy {}.",
            report.round.policy
        ),
        legend: vec![
            (colour::PURPLE, "slotted in"),
            (colour::GREEN, "matched, statutory priority"),
            (colour::BLUE, "matched"),
        ],
        bars,
        axis: num,
        marker: None,
        axis_max: None,
    }
    .render()
}

fn employer_label(report: &Report, id: &str) -> String {
    let name = report.employer_name(id);
    if name == id {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

fn employer_people_chart(report: &Report) -> String {
    let bars = report
        .round
        .metrics
        .by_employer
        .iter()
        .map(|e| Bar {
            label: employer_label(report, &e.employer),
            segments: vec![
                segment(
                    e.placed_here,
                    colour::BLUE,
                    format!(
                        "{}: {} placed at their own employer",
                        e.employer, e.placed_here
                    ),
                ),
                segment(
                    e.placed_elsewhere,
                    colour::CYAN,
                    format!(
                        "{}: {} placed at another employer",
                        e.employer, e.placed_elsewhere
                    ),
                ),
                segment(
                    e.unplaced,
                    colour::RED,
                    format!("{}: {} not placed", e.employer, e.unplaced),
                ),
                segment(
                    e.volunteers_leaving,
                    colour::GREY,
                    format!("{}: {} leaving under VR", e.employer, e.volunteers_leaving),
                ),
            ],
            note: format!("{} at risk", e.people_at_risk),
        })
        .collect();
    BarChart {
        id: "by-employer",
        title: "What happened to each employer's people at risk",
        description: "For each employer, its people at risk by outcome.".to_string(),
        legend: vec![
            (colour::BLUE, "placed at own employer"),
            (colour::CYAN, "placed elsewhere"),
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

fn employer_posts_chart(report: &Report) -> String {
    let bars = report
        .round
        .metrics
        .by_employer
        .iter()
        .map(|e| {
            let own = e.posts_filled - e.filled_from_elsewhere;
            let released = e.posts - e.posts_filled;
            Bar {
                label: employer_label(report, &e.employer),
                segments: vec![
                    segment(
                        own,
                        colour::BLUE,
                        format!(
                            "{}: {} filled by its own staff",
                            e.employer,
                            count(own, "place", "places")
                        ),
                    ),
                    segment(
                        e.filled_from_elsewhere,
                        colour::CYAN,
                        format!(
                            "{}: {} filled from other employers",
                            e.employer, e.filled_from_elsewhere
                        ),
                    ),
                    segment(
                        released,
                        colour::YELLOW,
                        format!("{}: {released} released to open recruitment", e.employer),
                    ),
                ],
                note: count(e.posts, "place", "places"),
            }
        })
        .collect();
    BarChart {
        id: "posts-by-employer",
        title: "Each employer's vacant places",
        description: "For each employer, its places filled by its own staff, filled from other employers, and released.".to_string(),
        legend: vec![
            (colour::BLUE, "filled by own staff"),
            (colour::CYAN, "filled from elsewhere"),
            (colour::YELLOW, "released"),
        ],
        bars,
        axis: num,
        marker: None,
        axis_max: None,
    }
    .render()
}

/// Placements by tier and by employer.
pub(crate) fn placements_section(report: &Report) -> String {
    let m = &report.round.metrics;
    let elsewhere: u32 = m.by_tier.iter().map(|t| t.placed_at_other_employers).sum();
    let lead = format!(
        "{} placed: {} slotted in, {} matched; {} at another employer than their own.",
        m.placed,
        m.slotted,
        m.placed - m.slotted,
        elsewhere
    );
    let content = [
        tier_chart(report),
        employer_people_chart(report),
        employer_posts_chart(report),
    ]
    .join("\n");
    section(
        "placements",
        "Placements by tier and employer",
        &lead,
        &content,
    )
}

/// The main reason one person was not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MainReason {
    NoVacancyInScope,
    OutsideBandWindow,
    Rule(Rule),
    WentToOthers,
}

impl MainReason {
    fn of(unplaced: &Unplaced) -> MainReason {
        let why = &unplaced.why;
        if why.suitable_vacancies > 0 {
            return MainReason::WentToOthers;
        }
        if why.candidate_vacancies + why.outside_band_window == 0 {
            return MainReason::NoVacancyInScope;
        }
        why.excluded_by_rule
            .iter()
            .filter(|e| !matches!(e.rule, Rule::BandDrop | Rule::BandRise))
            .max_by_key(|e| (e.vacancies, std::cmp::Reverse(e.rule)))
            .map_or(MainReason::OutsideBandWindow, |e| MainReason::Rule(e.rule))
    }

    fn label(self) -> String {
        match self {
            MainReason::NoVacancyInScope => "no vacancy in any tier's scope".to_string(),
            MainReason::OutsideBandWindow => "every vacancy outside the band window".to_string(),
            MainReason::Rule(rule) => format!("mostly: {}", rule_label(rule)),
            MainReason::WentToOthers => "suitable posts went to others".to_string(),
        }
    }
}

fn main_reason_chart(report: &Report) -> String {
    let mut reasons: BTreeMap<MainReason, u32> = BTreeMap::new();
    for unplaced in &report.round.unplaced {
        *reasons.entry(MainReason::of(unplaced)).or_insert(0) += 1;
    }
    let bars = reasons
        .into_iter()
        .map(|(reason, people)| Bar {
            label: reason.label(),
            segments: vec![segment(
                people,
                colour::RED,
                format!("{}: {}", reason.label(), count(people, "person", "people")),
            )],
            note: count(people, "person", "people"),
        })
        .collect();
    BarChart {
        id: "main-reason",
        title: "Main reason each person was not placed",
        description: "Unplaced people by the main reason no post was found for them.".to_string(),
        legend: Vec::new(),
        bars,
        axis: num,
        marker: None,
        axis_max: None,
    }
    .render()
}

fn rule_chart(report: &Report) -> String {
    let bars = Rule::ALL
        .into_iter()
        .filter_map(|rule| {
            let exclusions: Vec<_> = report
                .round
                .unplaced
                .iter()
                .filter_map(|u| u.why.excluded_by_rule.iter().find(|e| e.rule == rule))
                .collect();
            let people = u32::try_from(exclusions.len()).unwrap_or(u32::MAX);
            (people > 0).then(|| {
                let alone: u32 = exclusions.iter().filter_map(|e| e.only_reason).sum();
                let field = exclusions.first().map_or("", |e| e.field);
                Bar {
                    label: rule_label(rule).to_string(),
                    segments: vec![segment(
                        people,
                        colour::ORANGE,
                        format!(
                            "{} ({field}): ruled out posts for {}",
                            rule_label(rule),
                            count(people, "person", "people")
                        ),
                    )],
                    note: if matches!(rule, Rule::BandDrop | Rule::BandRise) {
                        count(people, "person", "people")
                    } else {
                        format!(
                            "{}; {} on its own",
                            count(people, "person", "people"),
                            count(alone, "post", "posts")
                        )
                    },
                }
            })
        })
        .collect();
    BarChart {
        id: "rule-by-rule",
        title: "Rule by rule: unplaced people for whom each rule ruled out a post",
        description: "For each suitability rule, how many unplaced people it ruled out at least one vacancy for, and how many vacancies it alone ruled out.".to_string(),
        legend: Vec::new(),
        bars,
        axis: num,
        marker: None,
        axis_max: None,
    }
    .render()
}

/// Why people were not placed.
pub(crate) fn unplaced_section(report: &Report) -> String {
    let unplaced = report.round.unplaced.len();
    if unplaced == 0 {
        return section(
            "why-not-placed",
            "Why people were not placed",
            "Everyone taking part in matching was placed.",
            "",
        );
    }
    let lead = format!(
        "{} not placed. Each unplaced person's vacancies were assessed rule by rule; the first chart gives each person's main reason, the second every rule that ruled out a post for them (a person usually counts under several rules).",
        count(
            u32::try_from(unplaced).unwrap_or(u32::MAX),
            "person was",
            "people were"
        )
    );
    let content = [main_reason_chart(report), rule_chart(report)].join("\n");
    section(
        "why-not-placed",
        "Why people were not placed",
        &lead,
        &content,
    )
}

/// Redundancy cost avoided against liability remaining, and the costs of the moves.
pub(crate) fn costs_section(report: &Report) -> String {
    let m = &report.round.metrics;
    let at_stake = m.redundancy_cost_avoided + m.residual_liability;
    let money = |value: Money, fill: &'static str, what: &str| Segment {
        value: pounds(value).max(0.0),
        fill,
        tip: format!("{what}: {value}"),
    };
    let bars = vec![
        Bar {
            label: "redundancy pay at stake".to_string(),
            segments: vec![
                money(
                    m.redundancy_cost_avoided,
                    colour::GREEN,
                    "avoided by placements",
                ),
                money(m.residual_liability, colour::RED, "liability remaining"),
            ],
            note: compact_pounds(pounds(at_stake)),
        },
        Bar {
            label: "cost of the moves".to_string(),
            segments: vec![
                money(m.pay_protection_cost, colour::ORANGE, "pay protection"),
                money(m.excess_travel_cost, colour::YELLOW, "excess travel"),
            ],
            note: compact_pounds(pounds(m.pay_protection_cost + m.excess_travel_cost)),
        },
        Bar {
            label: "net saving".to_string(),
            segments: vec![money(m.net_saving, colour::BLUE, "net saving")],
            note: compact_pounds(pounds(m.net_saving)),
        },
        Bar {
            label: "voluntary redundancy".to_string(),
            segments: vec![money(
                m.voluntary_redundancy_cost,
                colour::GREY,
                "voluntary redundancy pay",
            )],
            note: compact_pounds(pounds(m.voluntary_redundancy_cost)),
        },
    ];
    let chart = BarChart {
        id: "costs",
        title: "Redundancy cost avoided against liability remaining",
        description: format!(
            "Of {at_stake} redundancy pay at stake for the people in matching, placements avoid {} and {} remains.",
            m.redundancy_cost_avoided, m.residual_liability
        ),
        legend: vec![
            (colour::GREEN, "avoided"),
            (colour::RED, "remaining"),
            (colour::ORANGE, "pay protection"),
            (colour::YELLOW, "excess travel"),
            (colour::BLUE, "net saving"),
        ],
        bars,
        axis: compact_pounds,
        marker: None,
        axis_max: None,
    }
    .render();
    let lead = format!(
        "Placements avoid {} of Section 16 redundancy pay; {} remains owed to the people not placed. Moving people costs {} in pay protection and {} in excess travel, a net saving of {}.",
        m.redundancy_cost_avoided,
        m.residual_liability,
        m.pay_protection_cost,
        m.excess_travel_cost,
        m.net_saving
    );
    section("costs-section", "Costs", &lead, &chart)
}
