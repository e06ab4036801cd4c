//! `redeploy generate`: write a seeded synthetic scenario (TOML + CSV) into a directory.
//!
//! Builds a [`SynthConfig`] from the flags, generates the scenario with `redeploy-synth`, and
//! writes `scenario.toml`, `employers.csv`, `sites.csv`, `travel_times.csv`, `people.csv` and
//! `vacancies.csv` into `--out`, each atomically. The same flags always write byte-identical
//! files. Existing files are kept unless `--force` is given, and a `--policy` file is never
//! overwritten.
//!
//! Exit codes: 0 when the files were written, 1 when the `--policy` file is invalid, 2 for a
//! usage problem (a size out of range, files already there, a directory that cannot be written).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;
use redeploy_model::{
    DirOptions, SCENARIO_DIR_FILES, Scenario, count, load_policy, write_scenario_dir,
};
use redeploy_synth::{SynthConfig, generate};

use crate::usage;

/// Arguments of `redeploy generate`. The defaults are footprint scale (one footprint of eight
/// employers, 3,000 people at risk, 6,000 posts); England scale is `--footprints 42
/// --employers-per-footprint 5 --people 50000 --posts 100000`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Footprints (integrated care systems); a new NHS region opens every six, up to seven.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub footprints: u32,
    /// Local employers per footprint: the ICB and N-1 trusts (each region adds an ambulance
    /// trust, every eighth footprint a CSU).
    #[arg(long, default_value_t = 8, value_name = "M")]
    pub employers_per_footprint: u32,
    /// People at risk.
    #[arg(long, default_value_t = 3_000, value_name = "P")]
    pub people: u32,
    /// Posts (a vacancy of several identical posts counts each).
    #[arg(long, default_value_t = 6_000, value_name = "V")]
    pub posts: u32,
    /// Seed of every random draw: the same seed writes the same files.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// The round date ages, service and protected periods are measured to.
    #[arg(long, default_value = "2025-10-01", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub round_date: NaiveDate,
    /// Scenario name (default: named after the sizes and seed).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// A policy file to write into the scenario (default: the built-in own-employer policy).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace scenario files already in the directory.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, found `{text}`"))
}

/// Runs `redeploy generate`.
pub fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    let mut config = SynthConfig {
        footprints: args.footprints,
        employers_per_footprint: args.employers_per_footprint,
        people: args.people,
        posts: args.posts,
        seed: args.seed,
        round_date: args.round_date,
        name: args.name.clone(),
        ..SynthConfig::default()
    };
    check_targets(args)?;
    if let Some(path) = &args.policy {
        config.policy = load_policy(path)?;
    }
    // The generator refuses only settings given on the command line.
    let scenario = generate(&config).map_err(|err| usage(err.to_string()))?;
    let options = DirOptions {
        overwrite: args.force,
        comment: Some(comment(args)),
    };
    // Writing the files fails only on the output directory: a usage problem.
    let path = write_scenario_dir(&args.out, &scenario, &options).map_err(|err| {
        let lines: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
        usage(lines.join("\nerror: "))
    })?;
    eprintln!("wrote {}: {}", path.display(), describe(&scenario));
    Ok(())
}

/// Refuses files already in the directory (without `--force`) and, always, writing over the
/// `--policy` file.
fn check_targets(args: &GenerateArgs) -> anyhow::Result<()> {
    let targets: Vec<PathBuf> = SCENARIO_DIR_FILES
        .iter()
        .map(|name| args.out.join(name))
        .collect();
    if let Some(policy) = &args.policy {
        let policy = std::fs::canonicalize(policy).ok();
        if let Some(target) = targets
            .iter()
            .find(|target| std::fs::canonicalize(target).ok() == policy && policy.is_some())
        {
            return Err(usage(format!(
                "`{}` is the --policy file, expected an output directory that does not hold the inputs",
                target.display()
            )));
        }
    }
    if args.force {
        return Ok(());
    }
    let existing: Vec<String> = targets
        .iter()
        .filter(|target| target.exists())
        .map(|target| format!("`{}`", target.display()))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(usage(format!(
        "{} already exist{}, expected a directory without scenario files; pass --force to replace them",
        existing.join(", "),
        if existing.len() == 1 { "s" } else { "" }
    )))
}

/// The comment heading `scenario.toml`: how to make the same files again.
fn comment(args: &GenerateArgs) -> String {
    let mut command = format!(
        "redeploy generate --footprints {} --employers-per-footprint {} --people {} --posts {} --seed {} --round-date {}",
        args.footprints,
        args.employers_per_footprint,
        args.people,
        args.posts,
        args.seed,
        args.round_date
    );
    if let Some(name) = &args.name {
        command.push_str(&format!(" --name {name:?}"));
    }
    if let Some(policy) = &args.policy {
        command.push_str(&format!(" --policy {}", display(policy)));
    }
    format!(
        "A synthetic scenario: every footprint, employer, site and person is invented.\n\
         Made by: {command} --out DIR\n\
         The same command writes the same files. Calibration and sources: docs/synthetic.md."
    )
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// One line on what was written.
fn describe(scenario: &Scenario) -> String {
    let posts: u64 = scenario.vacancies.iter().map(|v| u64::from(v.posts)).sum();
    format!(
        "{}, {}, {}, {}, {} at risk, {} ({})",
        count(scenario.regions.len(), "region", "regions"),
        count(scenario.footprints.len(), "footprint", "footprints"),
        count(scenario.employers.len(), "employer", "employers"),
        count(scenario.sites.len(), "site", "sites"),
        count(scenario.people.len(), "person", "people"),
        count(scenario.vacancies.len(), "vacancy", "vacancies"),
        count(posts, "post", "posts")
    )
}
