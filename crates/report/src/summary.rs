//! The terminal summary of a round.
//!
//! A few short tables an HR lead can read at a glance: the headline counts, what each tier did,
//! what the round means for each employer, the costs, and then the placements, the unplaced
//! people with why, and the posts released — each list cut at [`SummaryOptions::max_rows`] with
//! a note of how many more the JSON holds — and the equality breakdown, small counts hidden.
//! Plain text, no colour, so it pastes into an email.

use std::fmt::Write as _;

use redeploy_engine::{PlacementRoute, Round};
use redeploy_model::count;

use crate::equality::{EqualityBreakdown, FOUR_FIFTHS, SUPPRESS_BELOW, ZERO_HIDDEN_BELOW};
use crate::report::Report;
use crate::text_table::Table;

/// How much of each list the summary shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Most rows of each per-person or per-post list (placements, unplaced, released).
    pub max_rows: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions { max_rows: 25 }
    }
}

fn more(out: &mut String, shown: usize, total: usize) {
    if total > shown {
        let _ = writeln!(
            out,
            "  ... and {} more (the full list is in the JSON: --format json or --out DIR)",
            total - shown
        );
    }
}

/// What makes a round empty, in words, when it is: nobody in matching or no post to match to.
/// Such a round is almost always a mistake in the input, so the binary repeats these warnings
/// on stderr and the summary shows them under the headline.
///
/// ```no_run
/// # fn demo(round: &redeploy_engine::Round) {
/// for warning in redeploy_report::summary::warnings(round) {
///     eprintln!("warning: {warning}");
/// }
/// # }
/// ```
pub fn warnings(round: &Round) -> Vec<String> {
    let m = &round.metrics;
    let mut warnings = Vec::new();
    if m.people_at_risk == 0 {
        warnings.push(
            "the scenario has no people at risk, so nobody takes part in matching; check its people (`[[people]]` or `people_csv`)"
                .to_string(),
        );
    } else if m.in_matching == 0 {
        warnings.push(format!(
            "all {} at risk leave under voluntary redundancy, so nobody takes part in matching",
            count(m.people_at_risk, "person", "people")
        ));
    }
    if m.posts == 0 {
        warnings.push(
            "the scenario has no posts, so nobody can be placed; check its vacancies (`[[vacancies]]` or `vacancies_csv`)"
                .to_string(),
        );
    }
    warnings
}

/// Renders the summary of a round.
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario, round: &redeploy_engine::Round) {
/// use redeploy_report::{Report, ReportOptions, summary};
///
/// let report = Report::new(scenario, round, ReportOptions::default());
/// print!("{}", summary::render(&report, summary::SummaryOptions::default()));
/// # }
/// ```
pub fn render(report: &Report, options: SummaryOptions) -> String {
    let round = &report.round;
    let mut out = String::new();
    headline(round, &mut out);
    for warning in warnings(round) {
        let _ = writeln!(out, "  warning: {warning}");
    }
    if report.pseudonymised {
        let _ = writeln!(out, "  people are shown by pseudonym (--pseudonymise)");
    }
    tiers(round, &mut out);
    employers(round, &mut out);
    costs(round, &mut out);
    equality(&report.equality, &mut out);
    placements(round, options, &mut out);
    unplaced(round, options, &mut out);
    released(round, options, &mut out);
    if let Some(provenance) = &report.provenance {
        let _ = writeln!(out, "\nMade by {}", provenance.short());
    }
    out
}

fn headline(round: &Round, out: &mut String) {
    let m = &round.metrics;
    let tiers: Vec<&str> = round.tiers.iter().map(|t| t.as_str()).collect();
    let _ = writeln!(out, "Round {} on {}", round.scenario, round.round_date);
    let _ = writeln!(
        out,
        "Policy {}: tiers {} ({}), rule {}",
        round.policy,
        tiers.join(" > "),
        match round.tier_mode {
            redeploy_model::TierMode::Sequential => "sequential",
            redeploy_model::TierMode::Weighted => "weighted",
        },
        round.rule.as_str()
    );
    out.push('\n');
    let mut table = Table::new(&[("", false), ("people", true), ("with priority", true)]);
    table.row(vec![
        "at risk".into(),
        m.people_at_risk.to_string(),
        String::new(),
    ]);
    table.row(vec![
        "leaving under VR".into(),
        m.volunteers_leaving.to_string(),
        String::new(),
    ]);
    table.row(vec![
        "in matching".into(),
        m.in_matching.to_string(),
        m.with_priority.to_string(),
    ]);
    table.row(vec![
        "placed".into(),
        format!("{} ({} slotted in)", m.placed, m.slotted),
        m.placed_with_priority.to_string(),
    ]);
    table.row(vec![
        "unplaced".into(),
        m.unplaced.to_string(),
        m.unplaced_with_priority.to_string(),
    ]);
    table.render(out);
    let _ = writeln!(
        out,
        "  posts: {} in all, {} filled, {} released to open recruitment; {} in a lower band",
        m.posts,
        m.posts_filled,
        m.posts_released,
        count(m.downgraded, "placement", "placements")
    );
}

fn tiers(round: &Round, out: &mut String) {
    let _ = writeln!(out, "\nBy tier");
    let mut table = Table::new(&[
        ("tier", false),
        ("placed", true),
        ("slotted in", true),
        ("with priority", true),
        ("at another employer", true),
    ]);
    for tier in &round.metrics.by_tier {
        table.row(vec![
            tier.tier.as_str().to_string(),
            tier.placed.to_string(),
            tier.slotted.to_string(),
            tier.placed_with_priority.to_string(),
            tier.placed_at_other_employers.to_string(),
        ]);
    }
    table.render(out);
    let _ = writeln!(out, "\nMatching solves ({})", round.rule.as_str());
    let mut table = Table::new(&[
        ("open tiers", false),
        ("problems", true),
        ("people", true),
        ("vacancies", true),
        ("suitable pairs", true),
        ("placed", true),
        ("blocking pairs", true),
        ("envious", true),
    ]);
    for solve in &round.metrics.solves {
        let open: Vec<&str> = solve.open_tiers.iter().map(|t| t.as_str()).collect();
        table.row(vec![
            open.join(" + "),
            solve.problems.to_string(),
            solve.people.to_string(),
            solve.vacancies.to_string(),
            solve.eligible_pairs.to_string(),
            solve.placed.to_string(),
            solve.stability.blocking_pairs.to_string(),
            solve.stability.envious_people.to_string(),
        ]);
    }
    table.render(out);
}

fn employers(round: &Round, out: &mut String) {
    let _ = writeln!(out, "\nBy employer");
    let mut table = Table::new(&[
        ("employer", false),
        ("at risk", true),
        ("VR", true),
        ("placed here", true),
        ("elsewhere", true),
        ("unplaced", true),
        ("posts", true),
        ("filled", true),
        ("from elsewhere", true),
        ("released", true),
        ("liability", true),
    ]);
    for e in &round.metrics.by_employer {
        table.row(vec![
            e.employer.clone(),
            e.people_at_risk.to_string(),
            e.volunteers_leaving.to_string(),
            e.placed_here.to_string(),
            e.placed_elsewhere.to_string(),
            e.unplaced.to_string(),
            e.posts.to_string(),
            e.posts_filled.to_string(),
            e.filled_from_elsewhere.to_string(),
            (e.posts - e.posts_filled).to_string(),
            e.residual_liability.to_string(),
        ]);
    }
    table.render(out);
}

fn costs(round: &Round, out: &mut String) {
    let m = &round.metrics;
    let _ = writeln!(out, "\nCosts");
    let mut table = Table::new(&[("", false), ("amount", true)]);
    for (label, amount) in [
        ("redundancy pay avoided", m.redundancy_cost_avoided),
        ("pay protection", m.pay_protection_cost),
        ("excess travel", m.excess_travel_cost),
        ("net saving", m.net_saving),
        ("residual liability (unplaced)", m.residual_liability),
        ("voluntary redundancy", m.voluntary_redundancy_cost),
    ] {
        table.row(vec![label.to_string(), amount.to_string()]);
    }
    table.render(out);
}

fn equality(breakdown: &EqualityBreakdown, out: &mut String) {
    let _ = writeln!(out, "\nEquality monitoring");
    if breakdown.characteristics.is_empty() {
        let _ = writeln!(
            out,
            "  the scenario records no equality fields (sex, ethnicity, disability, age band)"
        );
        return;
    }
    let _ = writeln!(
        out,
        "  x: hidden (a count from 1 to 4, a zero in a group under {ZERO_HIDDEN_BELOW}, or a count hidden so that"
    );
    let _ = writeln!(
        out,
        "  none of those can be worked out); groups under {SUPPRESS_BELOW} are combined; placement rate ="
    );
    let _ = writeln!(
        out,
        "  placed / taking part in matching; FLAG: below {:.0}% of the highest shown rate (a",
        FOUR_FIFTHS * 100.0
    );
    let _ = writeln!(
        out,
        "  heuristic, not a legal test); withheld: a table that cannot be shown safely"
    );
    let mut table = Table::new(&[
        ("", false),
        ("group", false),
        ("people", true),
        ("placed", true),
        ("unplaced", true),
        ("VR", true),
        ("placement rate", true),
        ("", false),
    ]);
    for characteristic in &breakdown.characteristics {
        if characteristic.withheld {
            table.row(vec![
                characteristic.characteristic.as_str().to_string(),
                "withheld".to_string(),
            ]);
        }
        for (i, g) in characteristic.groups.iter().enumerate() {
            let label = if i == 0 {
                characteristic.characteristic.as_str()
            } else {
                ""
            };
            let [people, placed, unplaced, voluntary] = g.shown_counts();
            table.row(vec![
                label.to_string(),
                g.group.clone(),
                people,
                placed,
                unplaced,
                voluntary,
                g.rate_shown().unwrap_or_else(|| "-".to_string()),
                match (g.flag_shown, g.flagged) {
                    (false, _) => "flag not shown",
                    (true, true) => "FLAG",
                    (true, false) => "",
                }
                .to_string(),
            ]);
        }
    }
    table.render(out);
}

fn placements(round: &Round, options: SummaryOptions, out: &mut String) {
    let _ = writeln!(out, "\nPlacements ({})", round.placements.len());
    if round.placements.is_empty() {
        return;
    }
    let mut table = Table::new(&[
        ("person", false),
        ("vacancy", false),
        ("employer", false),
        ("tier", false),
        ("how", false),
        ("band", false),
        ("travel", true),
        ("training", true),
        ("pay protection", true),
    ]);
    for p in round.placements.iter().take(options.max_rows) {
        let how = match p.route {
            PlacementRoute::Slotted => "slotted",
            PlacementRoute::Pinned => "pinned",
            PlacementRoute::Matched if p.statutory_priority.is_some() => "matched (priority)",
            PlacementRoute::Matched => "matched",
        };
        table.row(vec![
            p.person.clone(),
            p.vacancy.clone(),
            p.to_employer.clone(),
            p.tier.as_str().to_string(),
            how.to_string(),
            format!("{} > {}", p.band_from, p.band_to),
            format!("{} min (+{})", p.travel_minutes, p.extra_travel_minutes),
            format!("{} wk", p.training_weeks),
            p.pay_protection.to_string(),
        ]);
    }
    table.render(out);
    more(out, options.max_rows, round.placements.len());
}

fn unplaced(round: &Round, options: SummaryOptions, out: &mut String) {
    let _ = writeln!(out, "\nUnplaced ({})", round.unplaced.len());
    if round.unplaced.is_empty() {
        return;
    }
    let mut table = Table::new(&[
        ("person", false),
        ("employer", false),
        ("band", false),
        ("redundancy pay", true),
        ("why", false),
    ]);
    for u in round.unplaced.iter().take(options.max_rows) {
        table.row(vec![
            u.person.clone(),
            u.employer.clone(),
            u.band.to_string(),
            u.redundancy.amount.to_string(),
            u.why.summary.clone(),
        ]);
    }
    table.render(out);
    more(out, options.max_rows, round.unplaced.len());
}

fn released(round: &Round, options: SummaryOptions, out: &mut String) {
    let _ = writeln!(
        out,
        "\nReleased to open recruitment ({})",
        count(round.released.len(), "vacancy", "vacancies")
    );
    if round.released.is_empty() {
        return;
    }
    let mut table = Table::new(&[
        ("vacancy", false),
        ("employer", false),
        ("band", false),
        ("posts", true),
        ("unfilled", true),
    ]);
    for r in round.released.iter().take(options.max_rows) {
        table.row(vec![
            r.vacancy.clone(),
            r.employer.clone(),
            r.band.to_string(),
            r.posts.to_string(),
            r.unfilled.to_string(),
        ]);
    }
    table.render(out);
    more(out, options.max_rows, round.released.len());
}
