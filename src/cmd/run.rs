//! `redeploy run`: run a match round and show or write the result.
//!
//! Loads the scenario (and, with `--policy`, another policy; with `--rule`, another matching
//! rule), runs the round, and prints the terminal summary (`--format table`, the default) or the
//! whole round as JSON (`--format json`). With `--out DIR` it also writes `round.json` and
//! `summary.txt` into `DIR`, atomically, refusing to overwrite an input file.
//!
//! Exit codes: 0 when the round ran, 1 when the scenario or policy is invalid, 2 for a usage
//! problem (unknown rule or format, a file that cannot be read or written).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use redeploy_model::{MatchingRule, load_policy, load_scenario};
use redeploy_report::output::write_output;
use redeploy_report::summary::{self, SummaryOptions};

use crate::cmd::check::report;
use crate::{EXIT_INVALID, EXIT_USAGE};

/// How the round is shown on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary: headline counts, tiers, employers, costs, and the first rows of each
    /// list.
    Table,
    /// The whole round as JSON (see docs/engine.md for the fields).
    Json,
}

/// Arguments of `redeploy run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// A policy file to use instead of the scenario's own policy.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The matching rule inside each tier, instead of the policy's: optimal,
    /// deferred-acceptance, serial-dictatorship or first-come.
    #[arg(long, value_name = "NAME", value_parser = parse_rule)]
    pub rule: Option<MatchingRule>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write `round.json` and `summary.txt` into this directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

fn parse_rule(text: &str) -> Result<MatchingRule, String> {
    text.parse()
}

/// Runs `redeploy run`.
pub fn run(args: &RunArgs) -> ExitCode {
    let loaded = load_scenario(&args.scenario).and_then(|mut scenario| {
        if let Some(path) = &args.policy {
            scenario.policy = load_policy(path)?;
        }
        Ok(scenario)
    });
    let mut scenario = match loaded {
        Ok(scenario) => scenario,
        Err(err) => return report(&err),
    };
    if let Some(rule) = args.rule {
        scenario.policy.rule = rule;
    }
    let round = match redeploy_engine::run_round(&scenario, &scenario.policy) {
        Ok(round) => round,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let summary = summary::render(&round, SummaryOptions::default());
    let json = match redeploy_report::json::to_json(&round) {
        Ok(json) => json,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(dir) = &args.out
        && let Err(message) = write_files(dir, args, &json, &summary)
    {
        eprintln!("error: {message}");
        return ExitCode::from(EXIT_USAGE);
    }
    match args.format {
        Format::Table => print!("{summary}"),
        Format::Json => print!("{json}"),
    }
    ExitCode::SUCCESS
}

/// Writes `round.json` and `summary.txt` into `dir`.
fn write_files(dir: &Path, args: &RunArgs, json: &str, summary: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("cannot create output directory `{}`: {err}", dir.display()))?;
    let inputs: Vec<PathBuf> = std::iter::once(args.scenario.clone())
        .chain(args.policy.clone())
        .collect();
    for (name, contents) in [("round.json", json), ("summary.txt", summary)] {
        let target = dir.join(name);
        write_output(&target, contents.as_bytes(), &inputs).map_err(|err| err.to_string())?;
    }
    eprintln!(
        "wrote {} and {}",
        dir.join("round.json").display(),
        dir.join("summary.txt").display()
    );
    Ok(())
}
