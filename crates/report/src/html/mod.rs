//! One self-contained HTML page per round, and one per comparison.
//!
//! The page needs nothing from the network: the CSS is inline (`style.css`), the charts are SVG
//! drawn here, fonts are the reader's system fonts, and there is no script. It is laid out for a
//! laptop screen and prints cleanly (print CSS keeps the charts' colours and avoids breaking a
//! chart across pages). The same round gives the same bytes: no timestamps, numbers written
//! with fixed precision.
//!
//! Sections of the round page, each in its own module: the headline figures; the band flow
//! (`band_flow.rs`); placements by tier and by employer, why people were not placed, costs
//! (`charts.rs`); the equality breakdown (`equality.rs`); and the lists (`lists.rs`).

mod band_flow;
mod charts;
pub mod compare;
mod equality;
pub(crate) mod exercise;
mod lists;
mod svg;
pub mod whatif;

use std::fmt::Write as _;

use crate::report::Report;

const STYLE: &str = include_str!("style.css");

/// Text made safe for HTML and SVG.
///
/// ```
/// assert_eq!(redeploy_report::html::escape("A&B <c> \"d\""), "A&amp;B &lt;c&gt; &quot;d&quot;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Pounds in a few characters for chart axes and notes (`£3.8m`, `£190k`, `£950`).
pub(crate) fn compact_pounds(pounds: f64) -> String {
    let sign = if pounds < 0.0 { "-" } else { "" };
    let size = pounds.abs();
    if size >= 1_000_000.0 {
        format!("{sign}£{}m", svg::num(size / 1_000_000.0))
    } else if size >= 10_000.0 {
        format!("{sign}£{:.0}k", size / 1_000.0)
    } else if size >= 1_000.0 {
        format!("{sign}£{}k", svg::num(size / 1_000.0))
    } else {
        format!("{sign}£{size:.0}")
    }
}

/// A whole page around `body`.
pub(crate) fn page(title: &str, heading: &str, subtitle: &[String], body: &str) -> String {
    page_made_from(title, heading, subtitle, body, None)
}

/// A whole page around `body`; `made_from` (the provenance's short form), when given, ends
/// the footer.
pub(crate) fn page_made_from(
    title: &str,
    heading: &str,
    subtitle: &[String],
    body: &str,
    made_from: Option<&str>,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header class=\"page\"><div class=\"inner\"><h1>{}</h1>\n",
        escape(title),
        escape(heading)
    );
    for line in subtitle {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    let _ = write!(
        out,
        "</div></header>\n<main>\n{body}</main>\n<footer>Made by redeploy {} from the round's own records: every figure is a count or sum of its placements, unplaced people, volunteers and released posts. No scripts, fonts or images are loaded from anywhere.{}</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        made_from.map_or(String::new(), |text| format!(
            "<br><span class=\"provenance\">Made from: {}</span>",
            escape(text)
        ))
    );
    out
}

/// One headline figure.
pub(crate) struct Card<'a> {
    pub figure: String,
    pub what: &'a str,
    /// `good`, `bad` or empty.
    pub tone: &'a str,
}

pub(crate) fn cards(cards: &[Card<'_>]) -> String {
    let mut out = String::from("<div class=\"cards\">");
    for card in cards {
        let _ = write!(
            out,
            "<div class=\"card {}\"><div class=\"figure\">{}</div><div class=\"what\">{}</div></div>",
            card.tone,
            escape(&card.figure),
            escape(card.what)
        );
    }
    out.push_str("</div>");
    out
}

/// A section with a heading, a lead paragraph and its content.
pub(crate) fn section(id: &str, heading: &str, lead: &str, content: &str) -> String {
    format!(
        "<section id=\"{id}\">\n<h2>{}</h2>\n<p class=\"lead\">{}</p>\n{content}\n</section>\n",
        escape(heading),
        escape(lead)
    )
}

fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", f64::from(part) * 100.0 / f64::from(whole))
    }
}

fn headline(report: &Report) -> String {
    let m = &report.round.metrics;
    let pounds = |money: redeploy_engine::Money| compact_pounds(money.pence() as f64 / 100.0);
    let body = cards(&[
        Card {
            figure: m.people_at_risk.to_string(),
            what: "people at risk",
            tone: "",
        },
        Card {
            figure: format!("{} ({})", m.placed, percent(m.placed, m.in_matching)),
            what: "placed (of those in matching)",
            tone: "good",
        },
        Card {
            figure: m.unplaced.to_string(),
            what: "not placed: redundancies",
            tone: "bad",
        },
        Card {
            figure: m.volunteers_leaving.to_string(),
            what: "leaving under voluntary redundancy",
            tone: "",
        },
        Card {
            figure: m.downgraded.to_string(),
            what: "placed a band or more lower",
            tone: "",
        },
        Card {
            figure: m.posts_released.to_string(),
            what: "posts released to open recruitment",
            tone: "",
        },
        Card {
            figure: pounds(m.redundancy_cost_avoided),
            what: "redundancy pay avoided",
            tone: "good",
        },
        Card {
            figure: pounds(m.residual_liability),
            what: "redundancy liability remaining",
            tone: "bad",
        },
    ]);
    section(
        "headline",
        "The round at a glance",
        &format!(
            "{} at risk; {} in matching ({} with statutory priority).",
            redeploy_model::count(m.people_at_risk, "person", "people"),
            m.in_matching,
            m.with_priority
        ),
        &body,
    )
}

/// The round page, standing alone (as printed to stdout): a list cut short says how to write
/// the CSV file that holds every row.
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario, round: &redeploy_engine::Round) {
/// use redeploy_report::{Report, ReportOptions};
///
/// let html = redeploy_report::html::render(&Report::new(scenario, round, ReportOptions::default()));
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// # }
/// ```
pub fn render(report: &Report) -> String {
    render_page(report, lists::Rest::NotWritten)
}

/// The round page as written beside the CSV files (`report.html` of `--out DIR`): a list cut
/// short points to the CSV file that holds every row.
///
/// ```no_run
/// # fn demo(report: &redeploy_report::Report) {
/// let html = redeploy_report::html::render_beside_csv(report);
/// # }
/// ```
pub fn render_beside_csv(report: &Report) -> String {
    render_page(report, lists::Rest::BesideThePage)
}

fn render_page(report: &Report, rest: lists::Rest) -> String {
    let round = &report.round;
    let tiers: Vec<&str> = round.tiers.iter().map(|t| t.as_str()).collect();
    let mut subtitle = vec![format!(
        "Policy {}: ring-fence tiers {} ({}), matching rule {}. Round date {}.",
        round.policy,
        tiers.join(" then "),
        crate::csv_export::json_name(&round.tier_mode),
        round.rule.as_str(),
        round.round_date
    )];
    if report.pseudonymised {
        subtitle.push("People are shown by pseudonym.".to_string());
    }
    let mut body = String::new();
    body.push_str(&headline(report));
    body.push_str(&band_flow::section(report));
    body.push_str(&charts::placements_section(report));
    body.push_str(&charts::unplaced_section(report));
    body.push_str(&charts::costs_section(report));
    body.push_str(&equality::section(&report.equality));
    body.push_str(&lists::section(report, rest));
    page_made_from(
        &format!("{} — {} — redeploy", round.scenario, round.policy),
        &format!("Redeployment round: {}", round.scenario),
        &subtitle,
        &body,
        report.provenance.as_ref().map(|p| p.short()).as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_pounds_reads_at_a_glance() {
        assert_eq!(compact_pounds(3_767_031.04), "£3.8m");
        assert_eq!(compact_pounds(189_760.7), "£190k");
        assert_eq!(compact_pounds(2_500.0), "£2.5k");
        assert_eq!(compact_pounds(950.0), "£950");
        assert_eq!(compact_pounds(-12_000.0), "-£12k");
    }
}
