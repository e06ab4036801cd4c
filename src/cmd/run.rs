//! `redeploy run`: run a match round and show or write the result.
//!
//! Loads the scenario (and, with `--policy`, another policy; with `--rule`, another matching
//! rule), runs the round, and prints the terminal summary (`--format table`, the default), the
//! whole round as JSON (`--format json`) or the HTML page (`--format html`). With `--explain
//! PERSON_ID` it prints that person's round tier by tier instead (as text, or as JSON with
//! `--format json`). With `--out DIR` it also writes every output into `DIR` — `round.json`,
//! `summary.txt`, `placements.csv`, `unplaced.csv`, `released.csv`, `equality.csv` and
//! `report.html` — atomically, refusing to overwrite an input file; `--format csv` needs
//! `--out`, since it is four files. `--pseudonymise` replaces person ids with stable pseudonyms
//! in everything shown or written. On a terminal a spinner shows the stage.
//!
//! Exit codes: 0 when the round ran, 1 when the scenario or policy is invalid, 2 for a usage
//! problem (unknown rule, format or person, a file that cannot be read or written).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use redeploy_model::{MatchingRule, Scenario, load_policy, load_scenario};
use redeploy_report::output::write_output;
use redeploy_report::pseudonym::Pseudonyms;
use redeploy_report::summary::{self, SummaryOptions};
use redeploy_report::{Report, ReportOptions, csv_export, explain, html, json};
use tracing::info;

use crate::cmd::check::report;
use crate::cmd::progress;
use crate::{EXIT_INVALID, EXIT_USAGE};

/// How the round is shown on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary: headline counts, tiers, employers, costs, equality, and the first
    /// rows of each list.
    Table,
    /// The whole round as JSON (see docs/engine.md for the fields).
    Json,
    /// The CSV files (placements, unplaced, released, equality), written with --out.
    Csv,
    /// One self-contained HTML page with charts.
    Html,
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
    /// Also write every output (round.json, summary.txt, CSV files, report.html) into this
    /// directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the round of one person instead of the summary: each tier, every vacancy it could
    /// offer, why each was or was not suitable, and where they went or why not.
    #[arg(long, value_name = "PERSON_ID")]
    pub explain: Option<String>,
    /// Replace person ids with stable pseudonyms (anon-0001, …) in everything shown or written.
    #[arg(long)]
    pub pseudonymise: bool,
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn parse_rule(text: &str) -> Result<MatchingRule, String> {
    text.parse()
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Loads the scenario with the policy and rule of the command line.
pub(crate) fn load(
    scenario: &Path,
    policy: Option<&Path>,
    rule: Option<MatchingRule>,
) -> Result<Scenario, redeploy_model::Error> {
    let mut scenario = load_scenario(scenario)?;
    if let Some(path) = policy {
        scenario.policy = load_policy(path)?;
    }
    if let Some(rule) = rule {
        scenario.policy.rule = rule;
    }
    Ok(scenario)
}

/// Runs `redeploy run`.
pub fn run(args: &RunArgs) -> ExitCode {
    if args.format == Format::Csv && args.out.is_none() {
        return usage(
            "--format csv writes four files (placements.csv, unplaced.csv, released.csv, equality.csv); give --out DIR",
        );
    }
    if args.explain.is_some() && matches!(args.format, Format::Csv | Format::Html) {
        return usage("--explain prints as text (--format table) or JSON (--format json)");
    }
    let spinner = progress::spinner("loading the scenario");
    let started = Instant::now();
    let scenario = match load(&args.scenario, args.policy.as_deref(), args.rule) {
        Ok(scenario) => scenario,
        Err(err) => {
            spinner.finish_and_clear();
            return report(&err);
        }
    };
    info!(
        people = scenario.people.len(),
        vacancies = scenario.vacancies.len(),
        elapsed_ms = elapsed_ms(started),
        "scenario loaded"
    );
    spinner.set_message("running the round");
    let started = Instant::now();
    let round = match redeploy_engine::run_round(&scenario, &scenario.policy) {
        Ok(round) => round,
        Err(err) => {
            spinner.finish_and_clear();
            eprintln!("error: {err}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    info!(elapsed_ms = elapsed_ms(started), "round run");
    spinner.set_message("preparing the reports");
    let started = Instant::now();
    let options = ReportOptions {
        pseudonymise: args.pseudonymise,
    };
    let report = Report::new(&scenario, &round, options);
    let inputs = input_files(&args.scenario, args.policy.as_deref());
    let options = Shown {
        format: args.format,
        out: args.out.as_deref(),
        inputs: &inputs,
        source: &args.scenario,
        pseudonymise: args.pseudonymise,
        constraints: None,
    };
    let shown = match &args.explain {
        Some(person) => explained(&scenario, &report, person, &options),
        None => Ok(None),
    };
    let explanation = match shown {
        Ok(explanation) => explanation,
        Err(code) => {
            spinner.finish_and_clear();
            return code;
        }
    };
    let result = outputs(&options, &report, explanation, &spinner);
    spinner.finish_and_clear();
    info!(elapsed_ms = elapsed_ms(started), "outputs written");
    match result {
        Ok(stdout) => {
            print!("{stdout}");
            ExitCode::SUCCESS
        }
        Err(message) => usage(&message),
    }
}

/// The story of `person` in the chosen format, or a usage error naming near ids.
pub(crate) fn explained(
    scenario: &Scenario,
    report: &Report,
    person: &str,
    shown: &Shown<'_>,
) -> Result<Option<String>, ExitCode> {
    let found = match shown.constraints {
        Some(c) => redeploy_engine::person_story_constrained(scenario, &scenario.policy, c, person),
        None => redeploy_engine::person_story(scenario, &scenario.policy, person),
    };
    let story = match found {
        Ok(Some(story)) => story,
        Ok(None) => {
            let near = nearest_ids(person, scenario.people.iter().map(|p| p.id.as_str()));
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", near.join(" or "))
            };
            return Err(usage(&format!(
                "--explain: no person `{person}` in `{}`{hint}",
                shown.source.display()
            )));
        }
        Err(err) => {
            eprintln!("error: {err}");
            return Err(ExitCode::from(EXIT_INVALID));
        }
    };
    let story = if shown.pseudonymise {
        Pseudonyms::for_scenario(scenario).story(&story)
    } else {
        story
    };
    let text = match shown.format {
        Format::Json => explain::to_json(&story, report).map_err(|err| usage(&err.to_string()))?,
        _ => explain::render(&story, report),
    };
    Ok(Some(text))
}

/// Up to three ids within two edits of `wanted`, closest first.
fn nearest_ids<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut near: Vec<(usize, &str)> = ids
        .map(|id| {
            (
                edit_distance(&wanted.to_lowercase(), &id.to_lowercase()),
                id,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .collect();
    near.sort_unstable();
    near.into_iter()
        .take(3)
        .map(|(_, id)| format!("`{id}`"))
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// How a round is shown and written: the output flags of `run` (shared by `exercise propose`).
pub(crate) struct Shown<'a> {
    /// What to print.
    pub format: Format,
    /// Where to write every output, if anywhere.
    pub out: Option<&'a Path>,
    /// Files never to be overwritten.
    pub inputs: &'a [PathBuf],
    /// The file the round came from, for messages.
    pub source: &'a Path,
    /// Whether person ids are replaced with pseudonyms.
    pub pseudonymise: bool,
    /// The round's constraints, when it ran with some (an exercise's round).
    pub constraints: Option<&'a redeploy_engine::Constraints>,
}

/// Writes the files of `--out` and returns what goes to stdout.
pub(crate) fn outputs(
    args: &Shown<'_>,
    report: &Report,
    explanation: Option<String>,
    spinner: &indicatif::ProgressBar,
) -> Result<String, String> {
    let json_shown = explanation.is_none() && args.format == Format::Json;
    let json_needed = json_shown || args.out.is_some();
    if args.out.is_some() {
        spinner.set_message("writing the reports");
    }
    // The JSON (the largest output) is serialised once, alongside the other renderers.
    let (json, files) = rayon::join(
        || {
            json_needed
                .then(|| json::to_json(&report.round).map_err(|err| err.to_string()))
                .transpose()
        },
        || args.out.as_ref().map(|_| other_files(report)).transpose(),
    );
    let json = json?.unwrap_or_default();
    if let (Some(dir), Some(files)) = (&args.out, files?) {
        let mut all: Vec<(&str, &str)> = vec![("round.json", json.as_str())];
        all.extend(files.iter().map(|(name, text)| (*name, text.as_str())));
        write_files(dir, args.inputs, &all)?;
    }
    Ok(match (explanation, args.format) {
        (Some(text), _) => text,
        (None, Format::Table) => summary::render(report, SummaryOptions::default()),
        (None, Format::Json) => json,
        (None, Format::Html) => html::render(report),
        (None, Format::Csv) => String::new(),
    })
}

/// Every file `--out` writes but `round.json`, by name, in the order they are listed.
fn other_files(report: &Report) -> Result<Vec<(&'static str, String)>, String> {
    let csv = |result: Result<String, redeploy_report::Error>| result.map_err(|e| e.to_string());
    Ok(vec![
        (
            "summary.txt",
            summary::render(report, SummaryOptions::default()),
        ),
        ("placements.csv", csv(csv_export::placements(report))?),
        ("unplaced.csv", csv(csv_export::unplaced(report))?),
        ("released.csv", csv(csv_export::released(report))?),
        ("equality.csv", csv(csv_export::equality(&report.equality))?),
        ("report.html", html::render(report)),
    ])
}

/// The files a run reads: the scenario, the policy given, and every existing file the scenario
/// names in a quoted string (its pay scale, policy and CSV files).
pub(crate) fn input_files(scenario: &Path, policy: Option<&Path>) -> Vec<PathBuf> {
    let mut inputs = vec![scenario.to_path_buf()];
    inputs.extend(policy.map(Path::to_path_buf));
    let base = scenario.parent().unwrap_or(Path::new(""));
    if let Ok(text) = std::fs::read_to_string(scenario) {
        for quoted in text.split('"').skip(1).step_by(2) {
            let candidate = base.join(quoted);
            if !quoted.is_empty() && candidate.is_file() {
                inputs.push(candidate);
            }
        }
    }
    inputs
}

/// Writes each `(name, contents)` into `dir`, atomically, never over an input.
pub(crate) fn write_files(
    dir: &Path,
    inputs: &[PathBuf],
    files: &[(&str, &str)],
) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("cannot create output directory `{}`: {err}", dir.display()))?;
    for (name, _) in files {
        redeploy_report::output::ensure_not_input(&dir.join(name), inputs)
            .map_err(|err| err.to_string())?;
    }
    for (name, contents) in files {
        write_output(&dir.join(name), contents.as_bytes(), inputs)
            .map_err(|err| err.to_string())?;
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    eprintln!("wrote {} in {}", names.join(", "), dir.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_ids_are_suggested_closest_first() {
        let ids = ["P05", "P50", "P15", "Q99"];
        assert_eq!(
            nearest_ids("p5", ids.into_iter()),
            ["`P05`", "`P15`", "`P50`"]
        );
        assert!(nearest_ids("XYZ123", ids.into_iter()).is_empty());
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("P05", "P05"), 0);
    }
}
