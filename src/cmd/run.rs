//! `redeploy run`: run a match round and show or write the result.
//!
//! Loads the scenario (and, with `--policy`, another policy; with `--rule`, another matching
//! rule), runs the round, and prints the terminal summary (`--format table`, the default), the
//! whole round as JSON (`--format json`) or the HTML page (`--format html`). With `--explain
//! PERSON_ID` it prints that person's round tier by tier instead (as text, or as JSON with
//! `--format json`). With `--out DIR` it also writes every output into `DIR` — `round.json`,
//! `summary.txt`, `placements.csv`, `unplaced.csv`, `voluntary_redundancy.csv`,
//! `released.csv`, `equality.csv` and `report.html` — atomically, refusing to overwrite an
//! input file, and refusing a directory that already holds any of them unless `--force` is
//! given; `--format csv` needs `--out`, since it is five files. `round.json` and the JSON on
//! stdout end with the round's provenance: the tool's version, every input file with its
//! SHA-256, and the policy as applied. `--pseudonymise` replaces person ids with keyed
//! pseudonyms in everything shown or written (see [`crate::cmd::key`]). On a terminal a
//! spinner shows the stage.
//!
//! A round with nobody in matching or no post is almost always a mistake in the input: it runs,
//! with a warning on stderr (and in the summary).
//!
//! Exit codes: 0 when the round ran, 1 when the scenario or policy is invalid, 2 for a usage
//! problem (unknown rule, format or person, a file that cannot be read or written).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use redeploy_model::{
    Inputs, MatchingRule, Scenario, load_policy_recorded, load_scenario_recorded,
};
use redeploy_report::output::{Tracked, ensure_no_outputs, write_output, write_output_with};
use redeploy_report::provenance::Provenance;
use redeploy_report::pseudonym::Pseudonyms;
use redeploy_report::summary::{self, SummaryOptions};
use redeploy_report::{Report, csv_export, explain, html, json};
use tracing::info;

use crate::cmd::{key, progress};
use crate::usage;

/// How the round is shown on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary: headline counts, tiers, employers, costs, equality, and the first
    /// rows of each list.
    Table,
    /// The whole round as JSON (see docs/engine.md for the fields).
    Json,
    /// The CSV files (placements, unplaced, voluntary redundancy, released, equality),
    /// written with --out.
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
    /// directory (created if missing; refused if it already holds any of them, unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the outputs a directory given to --out already holds.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Print the round of one person instead of the summary: each tier, every vacancy it could
    /// offer, why each was or was not suitable, and where they went or why not. Takes a
    /// pseudonym (anon-…) with the --pseudonym-key it was made under.
    #[arg(long, value_name = "PERSON_ID")]
    pub explain: Option<String>,
    /// Replace person ids with keyed pseudonyms (anon- and eight letters or digits) in
    /// everything shown or written; a fresh random key each run unless --pseudonym-key is given.
    #[arg(long)]
    pub pseudonymise: bool,
    /// The pseudonym key: read from FILE, or made and written to FILE when it does not exist
    /// (personal data: it links pseudonyms to staff ids; keep it apart from the reports).
    #[arg(long, value_name = "FILE")]
    pub pseudonym_key: Option<PathBuf>,
    /// Also write the round's assignment problem (every tier at once, before slotting-in) as a
    /// DIMACS `asn` file, so any assignment solver can check the optimum.
    #[arg(long, value_name = "FILE")]
    pub export_asn: Option<PathBuf>,
}

/// The names of the files `--out` writes, in order.
pub const OUTPUT_FILES: [&str; 8] = [
    "round.json",
    "summary.txt",
    "placements.csv",
    "unplaced.csv",
    "voluntary_redundancy.csv",
    "released.csv",
    "equality.csv",
    "report.html",
];

fn elapsed_ms(started: Instant) -> u128 {
    started.elapsed().as_millis()
}

fn parse_rule(text: &str) -> Result<MatchingRule, String> {
    text.parse()
}

/// Loads the scenario with the policy and rule of the command line, recording every file
/// read in `inputs` (a policy given on the command line as `--policy`).
pub(crate) fn load(
    scenario: &Path,
    policy: Option<&Path>,
    rule: Option<MatchingRule>,
    inputs: &mut Inputs,
) -> Result<Scenario, redeploy_model::Error> {
    let mut scenario = load_scenario_recorded(scenario, inputs)?;
    if let Some(path) = policy {
        scenario.policy = load_policy_recorded(path, "--policy", inputs)?;
    }
    if let Some(rule) = rule {
        scenario.policy.rule = rule;
    }
    Ok(scenario)
}

/// Runs `redeploy run`.
pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    if args.format == Format::Csv && args.out.is_none() {
        return Err(usage(
            "--format csv writes five files (placements.csv, unplaced.csv, voluntary_redundancy.csv, released.csv, equality.csv); give --out DIR",
        ));
    }
    if args.explain.is_some() && matches!(args.format, Format::Csv | Format::Html) {
        return Err(usage(
            "--explain prints as text (--format table) or JSON (--format json)",
        ));
    }
    let spinner = progress::spinner("loading the scenario");
    // The spinner is cleared however the command ends.
    let _clear = ClearOnDrop(&spinner);
    let started = Instant::now();
    let mut inputs = Inputs::default();
    let scenario = load(
        &args.scenario,
        args.policy.as_deref(),
        args.rule,
        &mut inputs,
    )?;
    // Files no output may replace: every file read, and the pseudonym key.
    let mut kept = input_paths(&inputs);
    kept.extend(args.pseudonym_key.iter().cloned());
    if let Some(dir) = &args.out {
        // Refused before the round is run, not after; checked again as the files are written.
        check_targets(dir, &kept, &OUTPUT_FILES, args.force)?;
    }
    info!(
        people = scenario.people.len(),
        vacancies = scenario.vacancies.len(),
        elapsed_ms = elapsed_ms(started),
        "scenario loaded"
    );
    spinner.set_message("running the round");
    let started = Instant::now();
    let round = redeploy_engine::run_round(&scenario, &scenario.policy.validate()?)?;
    info!(elapsed_ms = elapsed_ms(started), "round run");
    for warning in summary::warnings(&round) {
        spinner.suspend(|| eprintln!("warning: {warning}"));
    }
    if let Some(target) = &args.export_asn {
        let written = export_asn(&scenario, target, &kept);
        if written.is_err() {
            spinner.finish_and_clear();
        }
        written?;
    }
    spinner.set_message("preparing the reports");
    let started = Instant::now();
    let outputs_paths: Vec<PathBuf> = args
        .out
        .iter()
        .flat_map(|dir| OUTPUT_FILES.iter().map(|name| dir.join(name)))
        .collect();
    let pseudonyms = key::pseudonyms(args, &scenario, &outputs_paths).map_err(usage)?;
    let provenance = Provenance::new(
        env!("CARGO_PKG_VERSION"),
        inputs.into_files(),
        &scenario.policy,
    );
    let shown_pseudonyms = pseudonyms.as_ref().filter(|_| args.pseudonymise);
    let report = Report::from_round(&scenario, round, shown_pseudonyms).with_provenance(provenance);
    let explanation = match &args.explain {
        Some(person) => Some(explained(
            &scenario,
            &report,
            person,
            args,
            pseudonyms.as_ref(),
        )?),
        None => None,
    };
    let stdout = outputs(args, &report, explanation, &kept, &spinner)?;
    spinner.finish_and_clear();
    info!(elapsed_ms = elapsed_ms(started), "outputs written");
    print!("{stdout}");
    // The process ends next: its memory goes back to the system at once, rather than the
    // scenario's and the round's millions of allocations being freed one by one.
    std::mem::forget((scenario, report));
    Ok(())
}

/// Clears a progress spinner when dropped.
pub(crate) struct ClearOnDrop<'a>(pub &'a indicatif::ProgressBar);

impl Drop for ClearOnDrop<'_> {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Writes the scenario's assignment problem as DIMACS `asn`, rows and columns named in comments.
fn export_asn(scenario: &Scenario, target: &Path, kept: &[PathBuf]) -> anyhow::Result<()> {
    let export = redeploy_engine::assignment_problem(scenario, &scenario.policy.validate()?)?;
    let mut text = Vec::new();
    text.extend_from_slice(
        format!(
            "c redeploy assignment problem of `{}` under policy `{}`: rows are people, columns vacancies, costs weighted soft costs\n",
            scenario.name, scenario.policy.name
        )
        .as_bytes(),
    );
    for (row, id) in export.rows.iter().enumerate() {
        text.extend_from_slice(format!("c row {} {id}\n", row + 1).as_bytes());
    }
    let rows = export.rows.len();
    for (col, id) in export.cols.iter().enumerate() {
        text.extend_from_slice(format!("c column {} {id}\n", rows + col + 1).as_bytes());
    }
    redeploy_assign::dimacs::write(&export.problem, &mut text)?;
    write_output(target, &text, kept)?;
    Ok(())
}

/// The story of `person` (an id, or a pseudonym traced back with `pseudonyms`) in the chosen
/// format, or a usage error naming near ids.
fn explained(
    scenario: &Scenario,
    report: &Report,
    person: &str,
    args: &RunArgs,
    pseudonyms: Option<&Pseudonyms>,
) -> anyhow::Result<String> {
    let person = if key::explains_pseudonym(args, scenario) {
        let traced = pseudonyms.and_then(|p| p.person(person));
        let Some(id) = traced else {
            return Err(usage(format!(
                "--explain: no person of `{}` has the pseudonym `{person}` under the key in `{}`",
                args.scenario.display(),
                args.pseudonym_key
                    .as_deref()
                    .unwrap_or(Path::new(""))
                    .display()
            )));
        };
        id
    } else {
        person
    };
    let Some(story) =
        redeploy_engine::person_story(scenario, &scenario.policy.validate()?, person)?
    else {
        let near: Vec<String> =
            redeploy_model::near_ids(person, scenario.people.iter().map(|p| p.id.as_str()))
                .iter()
                .map(|id| format!("`{id}`"))
                .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", near.join(" or "))
        };
        return Err(usage(format!(
            "--explain: no person `{person}` in `{}`{hint}",
            args.scenario.display()
        )));
    };
    let story = match pseudonyms.filter(|_| args.pseudonymise) {
        Some(pseudonyms) => pseudonyms.story(&story),
        None => story,
    };
    Ok(match args.format {
        Format::Json => explain::to_json(&story, report)?,
        _ => explain::render(&story, report),
    })
}

/// Writes the files of `--out`, never over a file of `kept`, and returns what goes to stdout.
fn outputs(
    args: &RunArgs,
    report: &Report,
    explanation: Option<String>,
    kept: &[PathBuf],
    spinner: &indicatif::ProgressBar,
) -> anyhow::Result<String> {
    let json_shown = explanation.is_none() && args.format == Format::Json;
    // JSON shown on stdout is serialised once, and the same text written to `round.json`;
    // otherwise `round.json` is written as it is serialised.
    let shown_json = json_shown.then(|| json::report_json(report)).transpose()?;
    if let Some(dir) = &args.out {
        spinner.set_message("writing the reports");
        let round_json: Render<'_> = match &shown_json {
            Some(text) => Box::new(move |out| write_bytes(out, text.as_bytes())),
            None => Box::new(|out| json::write_report_json(report, out)),
        };
        let mut files = vec![("round.json", round_json)];
        files.extend(other_renders(report));
        write_rendered(dir, kept, &files, args.force)?;
    }
    Ok(match (explanation, args.format) {
        (Some(text), _) => text,
        (None, Format::Table) => summary::render(report, SummaryOptions::default()),
        (None, Format::Json) => shown_json.unwrap_or_default(),
        (None, Format::Html) => html::render(report),
        (None, Format::Csv) => String::new(),
    })
}

/// What writes the contents of one output file into its staging file.
pub(crate) type Render<'a> =
    Box<dyn Fn(&mut BufWriter<Tracked>) -> Result<(), redeploy_report::Error> + Sync + 'a>;

/// Writes `bytes` into a staging file.
fn write_bytes(out: &mut BufWriter<Tracked>, bytes: &[u8]) -> Result<(), redeploy_report::Error> {
    out.write_all(bytes)
        .map_err(|source| redeploy_report::Error::Io {
            path: PathBuf::from("staging file"),
            source,
        })
}

/// Every file `--out` writes but `round.json`, by name, in the order they are listed, each
/// written as it is rendered: the CSV tables straight into their files.
fn other_renders(report: &Report) -> Vec<(&'static str, Render<'_>)> {
    let text = |render: fn(&Report) -> String| -> Render<'_> {
        Box::new(move |out| write_bytes(out, render(report).as_bytes()))
    };
    vec![
        (
            "summary.txt",
            text(|report| summary::render(report, SummaryOptions::default())),
        ),
        (
            "placements.csv",
            Box::new(|out| csv_export::write_placements(report, out).map(drop)),
        ),
        (
            "unplaced.csv",
            Box::new(|out| csv_export::write_unplaced(report, out).map(drop)),
        ),
        (
            "voluntary_redundancy.csv",
            Box::new(|out| csv_export::write_voluntary_redundancy(report, out).map(drop)),
        ),
        (
            "released.csv",
            Box::new(|out| csv_export::write_released(report, out).map(drop)),
        ),
        (
            "equality.csv",
            Box::new(|out| csv_export::write_equality(&report.equality, out).map(drop)),
        ),
        ("report.html", text(html::render_beside_csv)),
    ]
}

/// [`write_files`] for files written as they are rendered, each into its own staging file,
/// the files in parallel (each file's contents do not depend on the others or on the order).
/// The first failure in the order of `files` is reported.
pub(crate) fn write_rendered(
    dir: &Path,
    inputs: &[PathBuf],
    files: &[(&str, Render<'_>)],
    force: bool,
) -> anyhow::Result<()> {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    prepare_dir(dir, inputs, &names, force)?;
    let written: Vec<Result<(), redeploy_report::Error>> = files
        .par_iter()
        .map(|(name, render)| write_output_with(&dir.join(name), inputs, render))
        .collect();
    written.into_iter().collect::<Result<(), _>>()?;
    eprintln!("wrote {} in {}", names.join(", "), dir.display());
    Ok(())
}

/// Every file `--out` writes but `round.json`, by name, in the order they are listed.
pub(crate) fn other_files(
    report: &Report,
) -> Result<Vec<(&'static str, String)>, redeploy_report::Error> {
    let csv = |result: Result<String, redeploy_report::Error>| result;
    Ok(vec![
        (
            "summary.txt",
            summary::render(report, SummaryOptions::default()),
        ),
        ("placements.csv", csv(csv_export::placements(report))?),
        ("unplaced.csv", csv(csv_export::unplaced(report))?),
        (
            "voluntary_redundancy.csv",
            csv(csv_export::voluntary_redundancy(report))?,
        ),
        ("released.csv", csv(csv_export::released(report))?),
        ("equality.csv", csv(csv_export::equality(&report.equality))?),
        ("report.html", html::render_beside_csv(report)),
    ])
}

/// The paths of the files a load read.
pub(crate) fn input_paths(inputs: &Inputs) -> Vec<PathBuf> {
    inputs
        .files()
        .iter()
        .map(|file| PathBuf::from(&file.path))
        .collect()
}

/// Fails when a file `names` in `dir` would replace an input, or, without `force`, a file
/// already there.
pub(crate) fn check_targets(
    dir: &Path,
    inputs: &[PathBuf],
    names: &[&str],
    force: bool,
) -> anyhow::Result<()> {
    for name in names {
        redeploy_report::output::ensure_not_input(&dir.join(name), inputs)?;
    }
    if !force {
        ensure_no_outputs(dir, names)?;
    }
    Ok(())
}

/// Writes each `(name, contents)` into `dir`, atomically, never over an input, and over a file
/// already there only with `force`.
pub(crate) fn write_files(
    dir: &Path,
    inputs: &[PathBuf],
    files: &[(&str, &str)],
    force: bool,
) -> anyhow::Result<()> {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    prepare_dir(dir, inputs, &names, force)?;
    for (name, contents) in files {
        write_output(&dir.join(name), contents.as_bytes(), inputs)?;
    }
    eprintln!("wrote {} in {}", names.join(", "), dir.display());
    Ok(())
}

/// Creates `dir` if missing and checks that the files `names` may be written into it.
fn prepare_dir(dir: &Path, inputs: &[PathBuf], names: &[&str], force: bool) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!(
            "--out `{}` is a file, expected a directory to write the outputs into (or a path that does not exist yet)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|err| {
        usage(format!(
            "cannot create output directory `{}`: {err}",
            dir.display()
        ))
    })?;
    check_targets(dir, inputs, names, force)
}
