//! `redeploy check`: validate a scenario and summarise it.
//!
//! Loads the scenario (and the pay scale, policy and CSV files it names), optionally replaces
//! its policy, and prints a short summary: employers by footprint, people at risk and posts by
//! band, and the policy's tiers. Every problem found goes to stderr, one per line: the root
//! causes, then one line counting the problems that follow from them. With
//! `--against round.json` it says instead whether today's files are the ones that produced
//! that round ([`crate::cmd::against`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use redeploy_model::{Band, Scenario, load_policy, load_scenario};

/// Arguments of `redeploy check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// A policy file to use instead of the scenario's own policy.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Say, file by file, whether today's files are the ones that produced this round.json
    /// (same, changed, missing or new); exit 0 when all are the same, 1 when not.
    #[arg(long, value_name = "ROUND_JSON")]
    pub against: Option<PathBuf>,
}

/// Runs `redeploy check`: exit 0 when valid, 1 when invalid, 2 when a named file cannot be read.
pub fn run(args: &CheckArgs) -> anyhow::Result<()> {
    if let Some(round) = &args.against {
        return crate::cmd::against::run(args, round);
    }
    let mut scenario = load_scenario(&args.scenario)?;
    if let Some(path) = &args.policy {
        scenario.policy = load_policy(path)?;
    }
    print!("{}", summary(&scenario));
    Ok(())
}

/// Prints a model error and gives its exit code (for the subcommands that return their own).
pub fn report(err: &redeploy_model::Error) -> std::process::ExitCode {
    std::process::ExitCode::from(crate::model_error_code(err))
}

/// The summary `check` prints for a valid scenario.
fn summary(scenario: &Scenario) -> String {
    let mut out = String::new();
    let policy = &scenario.policy;
    let tiers: Vec<&str> = policy.tiers.iter().map(|tier| tier.as_str()).collect();
    let _ = writeln!(
        out,
        "scenario `{}` is valid (round date {}, seed {})",
        scenario.name, scenario.round_date, scenario.seed
    );
    let _ = writeln!(
        out,
        "pay scale  {} ({})",
        scenario.pay_scale.name, scenario.pay_scale.year
    );
    let _ = writeln!(
        out,
        "policy     {}: tiers {}{}",
        policy.name,
        tiers.join(" -> "),
        if policy.block_external_recruitment {
            ", external recruitment blocked"
        } else {
            ""
        }
    );
    let _ = writeln!(out);
    write_employers(&mut out, scenario);
    let _ = writeln!(out);
    write_bands(&mut out, scenario);
    out
}

fn write_employers(out: &mut String, scenario: &Scenario) {
    let mut people: BTreeMap<&str, usize> = BTreeMap::new();
    for person in &scenario.people {
        *people.entry(person.employer.as_str()).or_default() += 1;
    }
    let mut posts: BTreeMap<&str, u64> = BTreeMap::new();
    for vacancy in &scenario.vacancies {
        *posts.entry(vacancy.employer.as_str()).or_default() += u64::from(vacancy.posts);
    }
    let width = scenario
        .employers
        .iter()
        .map(|e| e.id.len() + e.name.len() + e.kind.as_str().len() + 4)
        .max()
        .unwrap_or(0)
        .max(20);
    let _ = writeln!(
        out,
        "{:<width$}  {:>7}  {:>5}",
        "employers by footprint",
        "at risk",
        "posts",
        width = width + 2
    );
    for footprint in &scenario.footprints {
        let _ = writeln!(
            out,
            "{} ({}, region {})",
            footprint.id, footprint.name, footprint.region
        );
        for employer in scenario
            .employers
            .iter()
            .filter(|e| e.footprint == footprint.id)
        {
            let label = format!(
                "{} {} ({})",
                employer.id,
                employer.name,
                employer.kind.as_str()
            );
            let at_risk = people.get(employer.id.as_str()).copied().unwrap_or(0);
            let post_count = posts.get(employer.id.as_str()).copied().unwrap_or(0);
            let _ = writeln!(out, "  {label:<width$}  {at_risk:>7}  {post_count:>5}");
        }
    }
    let _ = writeln!(
        out,
        "  {:<width$}  {:>7}  {:>5}",
        "total",
        scenario.people.len(),
        scenario.total_posts()
    );
}

/// People at risk and posts by band, each column as wide as its widest figure.
fn write_bands(out: &mut String, scenario: &Scenario) {
    let mut at_risk = [0u64; 12];
    for person in &scenario.people {
        at_risk[person.band.index()] += 1;
    }
    let mut posts = [0u64; 12];
    for vacancy in &scenario.vacancies {
        posts[vacancy.band.index()] += u64::from(vacancy.posts);
    }
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once("band".to_string())
            .chain(Band::ALL.iter().map(|band| band.as_str().to_string()))
            .chain(std::iter::once("total".to_string()))
            .collect(),
    ];
    for (label, counts) in [("at risk", at_risk), ("posts", posts)] {
        rows.push(
            std::iter::once(label.to_string())
                .chain(counts.iter().map(u64::to_string))
                .chain(std::iter::once(counts.iter().sum::<u64>().to_string()))
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|column| rows.iter().map(|row| row[column].len()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = format!("{:<width$}", row[0], width = widths[0]);
        for (cell, width) in row.iter().zip(&widths).skip(1) {
            let _ = write!(line, "  {cell:>width$}");
        }
        let _ = writeln!(out, "{line}");
    }
}
