//! One person's round in words (`redeploy run --explain PERSON_ID`).
//!
//! This module renders a [`PersonStory`] with what the round did: the outcome first (where the
//! person went and why the post is suitable, or why nobody could place them), then each tier in
//! the policy's order with every vacancy it could offer — suitable ones first, each with its
//! reasons and what became of it (placed here, went to someone else, released, not reached),
//! unsuitable ones with every rule they fail and the numbers — and last the vacancies left out
//! by the band window.

use std::collections::HashMap;
use std::fmt::Write as _;

use redeploy_engine::{
    Assessment, ConsideredPost, PersonStory, Placement, PlacementRoute, Round, Unplaced,
    VoluntaryLeaver,
};
use serde::Serialize;

use crate::csv_export::json_name;
use crate::report::Report;

/// What became of the vacancies and of the person, read from the round.
struct Fates<'a> {
    /// Who holds each vacancy: (person, statutory priority ground if any).
    holders: HashMap<&'a str, Vec<(&'a str, Option<&'static str>)>>,
    released: HashMap<&'a str, (u32, u32)>,
}

impl<'a> Fates<'a> {
    fn new(round: &'a Round) -> Fates<'a> {
        let mut holders: HashMap<&str, Vec<(&str, Option<&'static str>)>> = HashMap::new();
        for placement in &round.placements {
            holders
                .entry(placement.vacancy.as_str())
                .or_default()
                .push((
                    placement.person.as_str(),
                    placement.statutory_priority.map(|g| g.as_str()),
                ));
        }
        let released = round
            .released
            .iter()
            .map(|r| (r.vacancy.as_str(), (r.unfilled, r.posts)))
            .collect();
        Fates { holders, released }
    }
}

/// Renders the story of one person; `report` is the round the story belongs to (both with
/// pseudonyms, or both without).
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario, round: &redeploy_engine::Round) {
/// use redeploy_report::{Report, ReportOptions};
///
/// let report = Report::new(scenario, round, ReportOptions::default());
/// let story = redeploy_engine::person_story(scenario, &scenario.policy.validate().unwrap(), "P05").unwrap().unwrap();
/// print!("{}", redeploy_report::explain::render(&story, &report));
/// # }
/// ```
pub fn render(story: &PersonStory, report: &Report) -> String {
    let round = &report.round;
    let fates = Fates::new(round);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} at {} ({}), band {}",
        story.person,
        report.employer_name(&story.employer),
        story.employer,
        story.band
    );
    let _ = writeln!(
        out,
        "Statutory priority: {}. {}",
        story.statutory_priority.map_or("none", |g| g.as_str()),
        if story.in_matching {
            "Takes part in matching."
        } else {
            "Volunteered for voluntary redundancy; the policy leaves volunteers out of matching (voluntary_redundancy.include_volunteers)."
        }
    );
    let _ = writeln!(
        out,
        "Band window: posts from band {} to band {} (sae.max_band_drop, sae.max_band_rise).",
        story.lowest_band, story.highest_band
    );
    out.push('\n');
    let placed_tier = outcome(story, round, &mut out);
    for (position, tier) in story.tiers.iter().enumerate() {
        let posts: Vec<&ConsideredPost> = story
            .considered
            .iter()
            .filter(|p| p.tier == *tier)
            .collect();
        let _ = writeln!(
            out,
            "\nTier {}: {} — {} {}{} it could offer",
            position + 1,
            tier.as_str(),
            posts.len(),
            if position == 0 { "" } else { "more " },
            if posts.len() == 1 {
                "vacancy"
            } else {
                "vacancies"
            }
        );
        let reached = placed_tier.is_none_or(|placed| position <= placed);
        for post in ordered(&posts) {
            post_lines(story, post, &fates, reached, &mut out);
        }
    }
    outside(story, &mut out);
    out
}

/// Suitable posts first by cost, then unsuitable ones by how many rules they fail.
fn ordered<'a>(posts: &[&'a ConsideredPost]) -> Vec<&'a ConsideredPost> {
    let mut posts = posts.to_vec();
    posts.sort_by_key(|post| match &post.assessment {
        Assessment::Suitable { cost, .. } => (0, *cost, 0),
        Assessment::NotSuitable { failures } => (1, 0, failures.len()),
    });
    posts
}

/// The outcome paragraph; returns the position of the tier that placed the person, if any.
fn outcome(story: &PersonStory, round: &Round, out: &mut String) -> Option<usize> {
    if let Some(p) = round.placements.iter().find(|p| p.person == story.person) {
        let how = match p.route {
            PlacementRoute::Slotted => "slotted in before any competition".to_string(),
            PlacementRoute::Pinned => "pinned before any competition".to_string(),
            PlacementRoute::Matched => format!(
                "matched by the {} rule{}",
                p.rule.map_or("policy's", |r| r.as_str()),
                if p.statutory_priority.is_some() {
                    " with statutory priority"
                } else {
                    ""
                }
            ),
        };
        let _ = writeln!(
            out,
            "Outcome: placed in {} at {}, band {} to {}, at the {} tier, {how}.",
            p.vacancy,
            p.to_employer,
            p.band_from,
            p.band_to,
            p.tier.as_str()
        );
        let _ = writeln!(
            out,
            "  journey {} min (+{} over today's), {} of training; pay protection {}, excess travel {}; redundancy pay avoided {}.",
            p.travel_minutes,
            p.extra_travel_minutes,
            redeploy_model::count(p.training_weeks, "week", "weeks"),
            p.pay_protection,
            p.excess_travel,
            p.redundancy_pay_avoided
        );
        return story.tiers.iter().position(|t| *t == p.tier);
    }
    if let Some(u) = round.unplaced.iter().find(|u| u.person == story.person) {
        let _ = writeln!(out, "Outcome: not placed — {}.", u.why.summary);
        let _ = writeln!(
            out,
            "  redundancy pay {} ({}).",
            u.redundancy.amount,
            if u.redundancy.eligible {
                format!("{} reckonable years", u.redundancy.reckonable_years)
            } else {
                "not eligible: under the policy's continuous service".to_string()
            }
        );
    } else if let Some(v) = round
        .voluntary_redundancy
        .iter()
        .find(|v| v.person == story.person)
    {
        let _ = writeln!(
            out,
            "Outcome: leaves under voluntary redundancy with {}.",
            v.redundancy.amount
        );
    }
    None
}

fn post_lines(
    story: &PersonStory,
    post: &ConsideredPost,
    fates: &Fates<'_>,
    reached: bool,
    out: &mut String,
) {
    let places = if post.posts == 1 { "place" } else { "places" };
    let head = format!(
        "  {}  band {}  {}  {} {places}",
        post.vacancy, post.band, post.employer, post.posts
    );
    match &post.assessment {
        Assessment::Suitable { cost, reasons, .. } => {
            let _ = writeln!(
                out,
                "{head}  SUITABLE (cost {cost}){}",
                post.slotting_match
                    .map(|m| format!(", job-content match {:.0}% for slotting-in", m * 100.0))
                    .unwrap_or_default()
            );
            let _ = writeln!(out, "      => {}", fate(story, post, fates, reached));
            for reason in reasons {
                let _ = writeln!(out, "      - {reason}");
            }
        }
        Assessment::NotSuitable { failures } => {
            let _ = writeln!(
                out,
                "{head}  not suitable: fails {} {}",
                failures.len(),
                if failures.len() == 1 { "rule" } else { "rules" }
            );
            for failure in failures {
                let _ = writeln!(
                    out,
                    "      - {}: {}",
                    json_name(&failure.rule),
                    failure.detail
                );
            }
        }
    }
}

/// What became of a suitable post, from this person's point of view.
fn fate(story: &PersonStory, post: &ConsideredPost, fates: &Fates<'_>, reached: bool) -> String {
    let holders = fates
        .holders
        .get(post.vacancy.as_str())
        .cloned()
        .unwrap_or_default();
    if holders.iter().any(|(person, _)| *person == story.person) {
        return "placed here".to_string();
    }
    if !reached {
        return "not needed: placed at an earlier tier".to_string();
    }
    let others: Vec<String> = holders
        .into_iter()
        .map(|(person, priority)| match priority {
            Some(ground) => format!("{person} (statutory priority: {ground})"),
            None => person.to_string(),
        })
        .collect();
    let released = fates.released.get(post.vacancy.as_str());
    match (others.is_empty(), released) {
        (false, Some((unfilled, _))) => format!(
            "went to {}; {unfilled} left for open recruitment",
            others.join(", ")
        ),
        (false, None) => format!("went to {}", others.join(", ")),
        (true, Some((unfilled, posts))) => {
            format!("{unfilled} of {posts} released to open recruitment")
        }
        (true, None) => "no place left".to_string(),
    }
}

fn outside(story: &PersonStory, out: &mut String) {
    let total = story.below_band_window + story.above_band_window;
    let _ = writeln!(
        out,
        "\nOutside the band window: {total} more {} a tier could offer ({} below, {} above), not assessed further.",
        if total == 1 { "vacancy" } else { "vacancies" },
        story.below_band_window,
        story.above_band_window
    );
    if story.just_outside_window.is_empty() {
        return;
    }
    let _ = writeln!(out, "One band beyond the window, in full:");
    for post in &story.just_outside_window {
        if let Assessment::NotSuitable { failures } = &post.assessment {
            let _ = writeln!(
                out,
                "  {}  band {}  {}  ({} tier)",
                post.vacancy,
                post.band,
                post.employer,
                post.tier.as_str()
            );
            for failure in failures {
                let _ = writeln!(
                    out,
                    "      - {}: {}",
                    json_name(&failure.rule),
                    failure.detail
                );
            }
        }
    }
}

/// What the round did with the person, as the JSON of [`to_json`] shows it.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome<'a> {
    Placed(&'a Placement),
    Unplaced(&'a Unplaced),
    VoluntaryRedundancy(&'a VoluntaryLeaver),
}

#[derive(Serialize)]
struct StoryJson<'a> {
    story: &'a PersonStory,
    outcome: Option<Outcome<'a>>,
}

/// The story as JSON with the round's record of the person: `{"story": …, "outcome": …}`,
/// where the outcome is `{"placed": Placement}`, `{"unplaced": Unplaced}`,
/// `{"voluntary_redundancy": VoluntaryLeaver}` or `null`. Fields keep the engine's order.
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn to_json(story: &PersonStory, report: &Report) -> Result<String, crate::Error> {
    let round = &report.round;
    let person = story.person.as_str();
    let outcome = round
        .placements
        .iter()
        .find(|p| p.person == person)
        .map(Outcome::Placed)
        .or_else(|| {
            round
                .unplaced
                .iter()
                .find(|u| u.person == person)
                .map(Outcome::Unplaced)
        })
        .or_else(|| {
            round
                .voluntary_redundancy
                .iter()
                .find(|v| v.person == person)
                .map(Outcome::VoluntaryRedundancy)
        });
    let mut text = serde_json::to_string_pretty(&StoryJson { story, outcome })?;
    text.push('\n');
    Ok(text)
}
