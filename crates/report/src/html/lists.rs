//! The lists at the end of the round page: placements, people not placed with why, posts
//! released — each cut at [`MAX_ROWS`] with a pointer to the rest: the CSV file beside the page
//! when the page is written with them, or how to write it when the page stands alone.

use std::fmt::Write as _;

use super::escape;
use crate::report::Report;

/// Most rows of each list on the page.
pub(crate) const MAX_ROWS: usize = 100;

/// Where the rows a list leaves out are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rest {
    /// In the CSV files written beside the page (`--out DIR`).
    BesideThePage,
    /// Nowhere yet: the page stands alone (printed to stdout).
    NotWritten,
}

fn table(
    headers: &[(&str, bool)],
    rows: &[Vec<String>],
    total: usize,
    file: &str,
    rest: Rest,
) -> String {
    let mut out = String::from("<div class=\"scroll\"><table><thead><tr>");
    for (header, numeric) in headers {
        let _ = write!(
            out,
            "<th{}>{}</th>",
            if *numeric { " class=\"num\"" } else { "" },
            escape(header)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (cell, (_, numeric)) in row.iter().zip(headers) {
            let _ = write!(
                out,
                "<td{}>{}</td>",
                if *numeric { " class=\"num\"" } else { "" },
                escape(cell)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if total > rows.len() {
        let shown = rows.len();
        let _ = match rest {
            Rest::BesideThePage => write!(
                out,
                "<p class=\"note\">The first {shown} of {total}; every row is in {file}.</p>"
            ),
            Rest::NotWritten => write!(
                out,
                "<p class=\"note\">The first {shown} of {total}; <code>redeploy run --out DIR</code> writes every row to {file}.</p>"
            ),
        };
    }
    out
}

/// The lists section.
pub(crate) fn section(report: &Report, rest: Rest) -> String {
    let round = &report.round;
    let placements: Vec<Vec<String>> = round
        .placements
        .iter()
        .take(MAX_ROWS)
        .map(|p| {
            vec![
                p.person.clone(),
                p.from_employer.clone(),
                format!("{} ({})", p.vacancy, p.to_employer),
                p.tier.as_str().to_string(),
                format!("{} → {}", p.band_from, p.band_to),
                format!("{} min (+{})", p.travel_minutes, p.extra_travel_minutes),
                p.training_weeks.to_string(),
                p.pay_protection.to_string(),
            ]
        })
        .collect();
    let unplaced: Vec<Vec<String>> = round
        .unplaced
        .iter()
        .take(MAX_ROWS)
        .map(|u| {
            vec![
                u.person.clone(),
                u.employer.clone(),
                u.band.to_string(),
                u.redundancy.amount.to_string(),
                u.why.summary.clone(),
            ]
        })
        .collect();
    let released: Vec<Vec<String>> = round
        .released
        .iter()
        .take(MAX_ROWS)
        .map(|r| {
            vec![
                r.vacancy.clone(),
                r.employer.clone(),
                r.band.to_string(),
                r.posts.to_string(),
                r.unfilled.to_string(),
            ]
        })
        .collect();
    let mut out = String::from("<section id=\"lists\" class=\"lists\">\n<h2>Who went where</h2>\n");
    let _ = write!(
        out,
        "<h3>Placements ({})</h3>{}",
        round.placements.len(),
        table(
            &[
                ("person", false),
                ("from", false),
                ("post", false),
                ("tier", false),
                ("band", false),
                ("journey", true),
                ("training weeks", true),
                ("pay protection", true),
            ],
            &placements,
            round.placements.len(),
            "placements.csv",
            rest
        )
    );
    let _ = write!(
        out,
        "<h3>Not placed ({})</h3>{}",
        round.unplaced.len(),
        table(
            &[
                ("person", false),
                ("employer", false),
                ("band", false),
                ("redundancy pay", true),
                ("why", false),
            ],
            &unplaced,
            round.unplaced.len(),
            "unplaced.csv",
            rest
        )
    );
    let _ = write!(
        out,
        "<h3>Released to open recruitment ({})</h3>{}",
        redeploy_model::count(round.released.len(), "vacancy", "vacancies"),
        table(
            &[
                ("vacancy", false),
                ("employer", false),
                ("band", false),
                ("places", true),
                ("released", true),
            ],
            &released,
            round.released.len(),
            "released.csv",
            rest
        )
    );
    out.push_str("</section>\n");
    out
}
