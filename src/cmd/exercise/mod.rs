//! `redeploy exercise`: a live redeployment exercise kept in one file.
//!
//! `new` creates the file from a scenario; `propose` runs a round on the current pool and
//! records its proposals (with `run`'s output flags); `record` records one event; `status`,
//! `history` and `report` read it; `verify` checks the hash chain and the replay. Every rule
//! lives in `redeploy-exercise`; this module parses arguments and renders, and hands its errors
//! to the binary's one exit function: 0 done, 1 an event or file the exercise refuses (nothing
//! written) or a failed verify, 2 a usage problem (a missing file, a file that exists, the file
//! busy).

mod record;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use redeploy_exercise::{Error, Exercise, ExerciseRules, Ledger, SqliteLedger, Stamp};
use redeploy_report::exercise::{course, history, status};
use redeploy_report::summary::{self, SummaryOptions};
use redeploy_report::{Report, ReportOptions, explain, html, json};

use crate::cmd::run::{Format, other_files, write_files};
use crate::{AlreadyReported, usage};

/// Arguments of `redeploy exercise`.
#[derive(Debug, Args)]
pub struct ExerciseArgs {
    #[command(subcommand)]
    command: ExerciseCommand,
}

#[derive(Debug, Subcommand)]
enum ExerciseCommand {
    /// Create an exercise file from a scenario (never over an existing file).
    New(NewArgs),
    /// Run a match round on the current pool and record its proposals.
    Propose(ProposeArgs),
    /// Record one event (an offer, an answer, a trial, notice, a leaver, a vacancy...).
    Record(record::RecordArgs),
    /// Where everyone stands, what falls due, and warnings.
    Status(StatusArgs),
    /// The audit trail.
    History(HistoryArgs),
    /// The exercise as a whole: HTML with charts, CSV and JSON.
    Report(ReportArgs),
    /// Check the hash chain and replay the state; exit 1 on any problem.
    Verify(FileArgs),
}

/// Who records, when it takes effect, how long to wait for another command.
#[derive(Debug, Args)]
pub(crate) struct Recording {
    /// Who records the event (required; kept in the ledger).
    #[arg(long, value_name = "NAME")]
    by: String,
    /// The date the event takes effect (YYYY-MM-DD or DD/MM/YYYY; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Seconds to wait for another command using the file.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    wait: f64,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The exercise file to create.
    file: PathBuf,
    /// The scenario file (TOML).
    #[arg(long, value_name = "FILE")]
    scenario: PathBuf,
    /// A policy file to use instead of the scenario's own policy.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// The rules of offers and trials (TOML; fields left out keep their defaults, listed in
    /// docs/exercise.md), stored in the exercise.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    recording: Recording,
}

#[derive(Debug, Args)]
struct ProposeArgs {
    /// The exercise file.
    file: PathBuf,
    #[command(flatten)]
    recording: Recording,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also write every output of the round (as `run --out`) into this directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace the outputs a directory given to --out already holds.
    #[arg(long, requires = "out")]
    force: bool,
    /// Print the round of one person instead of the summary.
    #[arg(long, value_name = "PERSON_ID")]
    explain: Option<String>,
    /// Replace person ids with stable pseudonyms in everything shown or written.
    #[arg(long)]
    pseudonymise: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatusFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
struct StatusArgs {
    /// The exercise file.
    file: PathBuf,
    /// The date to look from (default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Days ahead to list what falls due.
    #[arg(long, value_name = "N", default_value_t = 14)]
    days: u32,
    /// What to print.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum HistoryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
struct HistoryArgs {
    /// The exercise file.
    file: PathBuf,
    /// Only events about this person.
    #[arg(long, value_name = "ID", conflicts_with = "vacancy")]
    person: Option<String>,
    /// Only events about this vacancy.
    #[arg(long, value_name = "ID")]
    vacancy: Option<String>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    format: HistoryFormat,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The exercise file.
    file: PathBuf,
    /// The directory to write exercise.html, exercise.json and the CSV files into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace the files DIR already holds.
    #[arg(long)]
    force: bool,
    /// The date the report is made on (default today): days at risk run to it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
struct FileArgs {
    /// The exercise file.
    file: PathBuf,
}

/// Reads a date as ISO (2025-10-03) or UK day-first (03/10/2025), never month-first.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| format!("`{text}` is not a date; expected YYYY-MM-DD or DD/MM/YYYY"))
}

/// Today (UTC) and now as RFC 3339, from the system clock.
fn now() -> (NaiveDate, String) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let now = DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0).unwrap_or_default();
    (
        now.date_naive(),
        now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

impl Recording {
    fn stamp(&self) -> Stamp {
        let (today, recorded_at) = now();
        Stamp {
            effective: self.date.unwrap_or(today),
            recorded_by: self.by.clone(),
            recorded_at,
        }
    }

    fn wait(&self) -> Duration {
        Duration::from_secs_f64(self.wait.clamp(0.0, 3600.0))
    }
}

fn open(file: &Path) -> anyhow::Result<Exercise<SqliteLedger>> {
    Ok(Exercise::open(file, Duration::from_secs(5))?)
}

/// Runs `redeploy exercise`.
pub fn run(args: &ExerciseArgs) -> anyhow::Result<()> {
    match &args.command {
        ExerciseCommand::New(a) => new(a),
        ExerciseCommand::Propose(a) => propose(a),
        ExerciseCommand::Record(a) => record::run(a),
        ExerciseCommand::Status(a) => show_status(a),
        ExerciseCommand::History(a) => show_history(a),
        ExerciseCommand::Report(a) => write_report(a),
        ExerciseCommand::Verify(a) => verify(a),
    }
}

fn new(args: &NewArgs) -> anyhow::Result<()> {
    let stamp = args.recording.stamp();
    let rules = match &args.rules {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|err| usage(format!("cannot read `{}`: {err}", path.display())))?;
            ExerciseRules::parse(&text, path)?
        }
        None => ExerciseRules::default(),
    };
    let (exercise, record) = Exercise::create_with_rules(
        &args.file,
        &args.scenario,
        args.policy.as_deref(),
        rules,
        &stamp,
        args.recording.wait(),
    )?;
    let meta = exercise.meta();
    println!(
        "created {}: {} people at risk, {} vacancies, {} files stored; event {} {}",
        args.file.display(),
        meta.roster.people.len(),
        meta.roster.vacancies.len(),
        exercise.ledger().files().map_or(0, |f| f.len()),
        record.seq,
        &record.hash[..12]
    );
    Ok(())
}

fn propose(args: &ProposeArgs) -> anyhow::Result<()> {
    if args.format == Format::Csv && args.out.is_none() {
        return Err(usage("--format csv writes several files; give --out DIR"));
    }
    if args.explain.is_some()
        && (args.pseudonymise || matches!(args.format, Format::Csv | Format::Html))
    {
        return Err(usage(
            "--explain prints as text (--format table) or JSON (--format json), without --pseudonymise",
        ));
    }
    let mut exercise = Exercise::open(&args.file, args.recording.wait())?;
    let proposed = exercise.propose(&args.recording.stamp())?;
    let report = Report::new(
        &proposed.scenario,
        &proposed.round,
        ReportOptions {
            pseudonymise: args.pseudonymise,
        },
    );
    let text = |result: Result<String, redeploy_report::Error>| {
        result.map_err(|err| usage(err.to_string()))
    };
    let round_json = text(json::to_json(&report.round))?;
    if let Some(dir) = &args.out {
        let files = other_files(&report).map_err(|err| usage(err.to_string()))?;
        let mut all: Vec<(&str, &str)> = vec![("round.json", round_json.as_str())];
        all.extend(files.iter().map(|(name, text)| (*name, text.as_str())));
        write_files(dir, std::slice::from_ref(&args.file), &all, args.force)
            .map_err(|err| usage(err.to_string()))?;
    }
    let stdout = match (&args.explain, args.format) {
        (Some(person), format) => {
            let policy = proposed.scenario.policy.validate()?;
            let story = redeploy_engine::person_story_constrained(
                &proposed.scenario,
                &policy,
                &proposed.constraints,
                person,
            )
            .map_err(Error::Round)?
            .ok_or_else(|| usage(format!("--explain: no person `{person}` in the exercise")))?;
            match format {
                Format::Json => text(explain::to_json(&story, &report))?,
                _ => explain::render(&story, &report),
            }
        }
        (None, Format::Table) => summary::render(&report, SummaryOptions::default()),
        (None, Format::Json) => round_json,
        (None, Format::Html) => html::render(&report),
        (None, Format::Csv) => String::new(),
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout(), stdout.as_bytes());
    if let redeploy_exercise::Event::RoundProposed(round) = &proposed.record.event {
        eprintln!(
            "recorded round {} as event {} ({}): {} proposals to offer",
            round.round,
            proposed.record.seq,
            &proposed.record.hash[..12],
            round.proposals.len()
        );
    }
    Ok(())
}

fn show_status(args: &StatusArgs) -> anyhow::Result<()> {
    let exercise = open(&args.file)?;
    let state = exercise.state()?;
    let date = args.date.unwrap_or_else(|| now().0);
    let meta = exercise.meta();
    let status = redeploy_exercise::status(&state, &meta.roster, &meta.rules, date, args.days);
    let text = match args.format {
        StatusFormat::Table => status::render(&status),
        StatusFormat::Json => status::to_json(&status).map_err(|err| usage(err.to_string()))?,
    };
    print!("{text}");
    Ok(())
}

fn show_history(args: &HistoryArgs) -> anyhow::Result<()> {
    let exercise = open(&args.file)?;
    let events = exercise.events()?;
    let state = exercise.state()?;
    if let Some(person) = &args.person
        && !state.people.contains_key(person)
    {
        return Err(usage(format!(
            "--person: no person `{person}` in the exercise"
        )));
    }
    if let Some(vacancy) = &args.vacancy
        && !state.vacancies.contains_key(vacancy)
    {
        return Err(usage(format!(
            "--vacancy: no vacancy `{vacancy}` in the exercise"
        )));
    }
    let chosen: Vec<_> = events
        .iter()
        .filter(|r| {
            args.person
                .as_ref()
                .is_none_or(|p| r.event.touches_person(p))
        })
        .filter(|r| {
            args.vacancy
                .as_ref()
                .is_none_or(|v| r.event.touches_vacancy(v))
        })
        .collect();
    let text = match args.format {
        HistoryFormat::Table => Ok(history::render(&chosen)),
        HistoryFormat::Csv => history::csv(&chosen),
        HistoryFormat::Json => history::to_json(&chosen),
    }
    .map_err(|err| usage(err.to_string()))?;
    print!("{text}");
    Ok(())
}

fn write_report(args: &ReportArgs) -> anyhow::Result<()> {
    let exercise = open(&args.file)?;
    let events = exercise.events()?;
    let state = exercise.state()?;
    let scenario = exercise.scenario(None)?;
    let date = args.date.or(state.date).unwrap_or_else(|| now().0);
    let course = course::Course::new(&scenario, exercise.meta(), &events, &state, date);
    let files = course.files().map_err(|err| usage(err.to_string()))?;
    let all: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    write_files(
        &args.out,
        std::slice::from_ref(&args.file),
        &all,
        args.force,
    )
    .map_err(|err| usage(err.to_string()))?;
    Ok(())
}

fn verify(args: &FileArgs) -> anyhow::Result<()> {
    let exercise = open(&args.file)?;
    let mut problems = exercise.ledger().integrity_problems()?;
    let verification = exercise.verify()?;
    problems.extend(verification.problems);
    if problems.is_empty() {
        println!(
            "{}: {} events, hash chain intact, replay matches the stored state; head {}",
            args.file.display(),
            verification.events,
            verification.head.as_deref().unwrap_or("(none)")
        );
        return Ok(());
    }
    for problem in &problems {
        eprintln!("problem: {problem}");
    }
    eprintln!(
        "{}: {} problems found; the file has been changed outside redeploy or is damaged",
        args.file.display(),
        problems.len()
    );
    Err(AlreadyReported.into())
}
