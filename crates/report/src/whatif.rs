//! The what-if report: text for the terminal and CSV for a spreadsheet.
//!
//! This module owns how a [`WhatIf`] is laid out: [`render_text`] (relaxations ranked by people
//! placed then net saving, what places each unplaced person, critical posts, exempt posts worth
//! bringing in, the best new posts, fallbacks and the work done) and [`to_csv`] (one row per
//! change tried, every figure). The HTML page is [`crate::html::whatif`]. No figure is computed
//! here: each is read from the analysis, which read it from a round that was run.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use redeploy_engine::Money;
use redeploy_whatif::{Effect, Tried, VacancyValue, WhatIf};

use crate::Error;
use crate::csv_export::{BOM, pounds, text};
use crate::text_table::Table;

/// A signed count (`+3`, `-1`, `0`).
pub(crate) fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// A signed amount (`+£1,000.00`, `-£5.00`, `£0.00`).
pub(crate) fn signed_money(m: Money) -> String {
    match m.pence().signum() {
        1 => format!("+{m}"),
        -1 => format!("-{}", Money(-m.pence())),
        _ => m.to_string(),
    }
}

/// The relaxations, most people placed first, then most net saving, then as listed.
pub fn ranked(report: &WhatIf) -> Vec<&Tried> {
    let mut ranked: Vec<&Tried> = report.relaxations.iter().collect();
    ranked.sort_by(|a, b| {
        (b.effect.delta.placed, b.effect.delta.net_saving)
            .cmp(&(a.effect.delta.placed, a.effect.delta.net_saving))
    });
    ranked
}

fn effect_cells(e: &Effect) -> Vec<String> {
    vec![
        signed(e.delta.placed),
        signed_money(e.delta.redundancy_pay_avoided),
        signed_money(e.delta.pay_protection),
        signed_money(e.delta.net_saving),
        e.gain.len().to_string(),
        e.lose.len().to_string(),
        e.change.len().to_string(),
    ]
}

const EFFECT_COLUMNS: [(&str, bool); 7] = [
    ("placed", true),
    ("redundancy pay avoided", true),
    ("pay protection", true),
    ("net saving", true),
    ("gain", true),
    ("lose", true),
    ("change", true),
];

fn relaxations_text(report: &WhatIf, out: &mut String) {
    let _ = writeln!(
        out,
        "\nrelaxations: one step of one rule, most placed first ({} tried)",
        report.relaxations.len()
    );
    let mut columns = vec![("step", false)];
    columns.extend(EFFECT_COLUMNS);
    let mut table = Table::new(&columns);
    for t in ranked(report) {
        let mut row = vec![t.step.clone()];
        row.extend(effect_cells(&t.effect));
        table.row(row);
    }
    table.render(out);
}

fn unplaced_text(report: &WhatIf, out: &mut String) {
    let mut by_step: BTreeMap<Option<usize>, Vec<&str>> = BTreeMap::new();
    for fix in &report.unplaced {
        by_step
            .entry(fix.relaxation)
            .or_default()
            .push(fix.person.as_str());
    }
    let _ = writeln!(
        out,
        "\nunplaced people: the smallest single relaxation that places each ({} unplaced)",
        report.unplaced.len()
    );
    let mut table = Table::new(&[("step", false), ("people", true), ("first ids", false)]);
    for (step, people) in &by_step {
        let name = step.map_or("no single relaxation places them", |i| {
            report.relaxations[i].step.as_str()
        });
        let mut first: Vec<&str> = people.iter().take(5).copied().collect();
        if people.len() > 5 {
            first.push("…");
        }
        table.row(vec![
            name.to_string(),
            people.len().to_string(),
            first.join(" "),
        ]);
    }
    table.render(out);
}

/// Critical posts shown in the text; the CSV, JSON and HTML list them all.
pub const CRITICAL_SHOWN: usize = 10;

/// The critical posts, most placements lost first, then most net saving lost, then by id.
pub fn critical(report: &WhatIf) -> Vec<&VacancyValue> {
    let mut critical: Vec<&VacancyValue> = report.vacancies.iter().filter(|v| v.critical).collect();
    critical.sort_by(|a, b| {
        (a.withdrawn.delta.placed, a.withdrawn.delta.net_saving)
            .cmp(&(b.withdrawn.delta.placed, b.withdrawn.delta.net_saving))
    });
    critical
}

fn vacancies_text(report: &WhatIf, out: &mut String) {
    let critical = critical(report);
    let _ = writeln!(
        out,
        "\ncritical posts: withdrawing one costs a placement ({} of {} vacancies; the {} costing most)",
        critical.len(),
        report.vacancies.len(),
        critical.len().min(CRITICAL_SHOWN)
    );
    let mut table = Table::new(&[
        ("vacancy", false),
        ("employer", false),
        ("band", false),
        ("posts", true),
        ("filled", true),
        ("placed if withdrawn", true),
        ("net saving if withdrawn", true),
    ]);
    for v in critical.iter().take(CRITICAL_SHOWN) {
        table.row(vec![
            v.vacancy.clone(),
            v.employer.clone(),
            v.band.clone(),
            v.posts.to_string(),
            v.filled.to_string(),
            signed(v.withdrawn.delta.placed),
            signed_money(v.withdrawn.delta.net_saving),
        ]);
    }
    table.render(out);
    let brought: Vec<_> = report
        .vacancies
        .iter()
        .filter_map(|v| Some((v, v.brought_in.as_ref()?)))
        .collect();
    let gaining = brought.iter().filter(|(_, e)| e.delta.placed > 0).count();
    let _ = writeln!(
        out,
        "\nexempt posts released: brought into the ring-fence ({} tried, {} place more people)",
        brought.len(),
        gaining
    );
    let mut table = Table::new(&[
        ("vacancy", false),
        ("employer", false),
        ("band", false),
        ("placed", true),
        ("net saving", true),
    ]);
    for (v, e) in brought.iter().filter(|(_, e)| e.delta.placed > 0) {
        table.row(vec![
            v.vacancy.clone(),
            v.employer.clone(),
            v.band.clone(),
            signed(e.delta.placed),
            signed_money(e.delta.net_saving),
        ]);
    }
    table.render(out);
}

fn new_posts_text(report: &WhatIf, out: &mut String) {
    let _ = writeln!(
        out,
        "\nbest new posts: one place each, confirmed by running the round ({} candidates, {} shown)",
        report.effort.new_post_candidates,
        report.new_posts.len()
    );
    let mut columns = vec![
        ("post", false),
        ("suits", true),
        ("may add", true),
        ("may avoid", true),
    ];
    columns.extend(EFFECT_COLUMNS);
    let mut table = Table::new(&columns);
    for n in &report.new_posts {
        let mut row = vec![
            n.step.clone(),
            n.score.suitable.to_string(),
            n.score.placements.to_string(),
            n.score.redundancy_pay.to_string(),
        ];
        row.extend(effect_cells(&n.effect));
        table.row(row);
    }
    table.render(out);
}

/// The work done: whole rounds run, and the changes decided again in their scope units only,
/// with what that saved.
pub fn effort_text(report: &WhatIf) -> String {
    let e = &report.effort;
    let mut text = format!("rounds run: {} whole", e.rounds);
    if e.reruns > 0 {
        let people = e.rerun_people as f64 / f64::from(e.people_at_risk.max(1));
        let _ = write!(
            text,
            "\nchanges decided again in their scope units only: {} (the people of {people:.1} whole \
             rounds); of them {} withdrawals of a vacancy no one was offered, shown without a solve",
            e.reruns, e.reruns_unchanged
        );
        let _ = write!(
            text,
            "\ntier problems of the others: {} built and solved ({} rows); {} met exactly as this \
             round met them, their answers taken from it ({} rows)",
            e.problems_solved, e.rows_solved, e.problems_reused, e.rows_reused
        );
    }
    text
}

/// The analysis for the terminal.
pub fn render_text(report: &WhatIf) -> String {
    let b = &report.baseline;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "What if, on {} under {}: every figure is the changed round's, run, less this round's",
        report.scenario, report.policy
    );
    let _ = writeln!(
        out,
        "  this round: {} of {} placed; redundancy pay avoided {}; pay protection {}; net saving {}",
        b.placed, report.in_matching, b.redundancy_pay_avoided, b.pay_protection, b.net_saving
    );
    relaxations_text(report, &mut out);
    unplaced_text(report, &mut out);
    vacancies_text(report, &mut out);
    new_posts_text(report, &mut out);
    let with = report
        .fallbacks
        .iter()
        .filter(|f| f.fallback.is_some())
        .count();
    let _ = writeln!(
        out,
        "\nfallbacks: {with} of {} placements have a suitable post still open if the trial fails",
        report.fallbacks.len()
    );
    let _ = writeln!(out, "\n{}", effort_text(report));
    out
}

/// Every change tried as CSV, one row each: `section` (`relaxation`, `withdraw`, `bring-in`,
/// `new-post`), `subject` (the vacancy, for `withdraw` and `bring-in`), `step`, the four
/// differences (money as plain pounds), then how many people gain, lose and change a post. Then
/// a row per unplaced person (`unplaced`: the person, the smallest relaxation placing them and
/// the vacancy it gives them) and per placement (`fallback`: the person, the vacancy they are
/// placed in, and the best suitable post still open).
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_csv(report: &WhatIf) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BOM.as_bytes().to_vec());
    writer.write_record([
        "section",
        "subject",
        "step",
        "vacancy",
        "placed",
        "redundancy_pay_avoided",
        "pay_protection",
        "net_saving",
        "gain",
        "lose",
        "change",
    ])?;
    let mut rows: Vec<[String; 11]> = Vec::new();
    let mut effect_row = |section: &str, subject: &str, step: &str, e: &Effect| {
        rows.push([
            section.to_string(),
            text(subject),
            text(step),
            String::new(),
            e.delta.placed.to_string(),
            pounds(e.delta.redundancy_pay_avoided),
            pounds(e.delta.pay_protection),
            pounds(e.delta.net_saving),
            e.gain.len().to_string(),
            e.lose.len().to_string(),
            e.change.len().to_string(),
        ]);
    };
    for t in &report.relaxations {
        effect_row("relaxation", "", &t.step, &t.effect);
    }
    for v in &report.vacancies {
        effect_row("withdraw", &v.vacancy, "withdrawn", &v.withdrawn);
        if let Some(e) = &v.brought_in {
            effect_row("bring-in", &v.vacancy, "brought into the ring-fence", e);
        }
    }
    for n in &report.new_posts {
        effect_row("new-post", "", &n.step, &n.effect);
    }
    let listed = |section: &str, subject: &str, step: String, vacancy: Option<&String>| {
        let mut row: [String; 11] = Default::default();
        row[0] = section.to_string();
        row[1] = text(subject);
        row[2] = text(&step);
        row[3] = vacancy.map(|v| text(v)).unwrap_or_default();
        row
    };
    for fix in &report.unplaced {
        rows.push(listed(
            "unplaced",
            &fix.person,
            fix.step.clone(),
            fix.vacancy.as_ref(),
        ));
    }
    for f in &report.fallbacks {
        rows.push(listed(
            "fallback",
            &f.person,
            format!("placed in {}", f.placed_in),
            f.fallback.as_ref(),
        ));
    }
    for row in rows {
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Csv(err.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
