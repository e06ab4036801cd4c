//! `redeploy`: match NHS staff at risk of redundancy to vacancies across a footprint.
//!
//! The binary only parses arguments, reads files, picks a renderer and sets the exit code;
//! every rule lives in the library crates. Every subcommand returns `anyhow::Result<()>`; the
//! exit code and the error's words are decided in one place, [`exit`].

mod cmd;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code for input that failed validation.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage error (bad flags, a file that cannot be read, an output that cannot be
/// written).
pub const EXIT_USAGE: u8 = 2;

/// A usage problem (exit code 2): a bad flag or combination of flags, an output refused.
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Writes a model error to stderr: every problem listed, one per line, and counted.
fn print_model_error(model: &redeploy_model::Error) {
    if model.diagnostics().is_empty() {
        eprintln!("error: {model}");
        return;
    }
    let causes = model.root_causes();
    for diagnostic in causes {
        eprintln!("error: {diagnostic}");
    }
    if let Some(note) = model.knock_on_note() {
        eprintln!("{note}; fix the errors above first");
    }
    let plural = if causes.len() == 1 { "" } else { "s" };
    eprintln!("{} problem{plural} found", causes.len());
}

/// Writes a list of problems to stderr, one per line, and counts them.
fn print_problems(problems: &[redeploy_model::Diagnostic]) {
    for problem in problems {
        eprintln!("error: {problem}");
    }
    let count = problems.len();
    eprintln!("{count} problem{} found", if count == 1 { "" } else { "s" });
}

/// Invalid input the command has already described on its own output (exit code 1, nothing
/// more printed): `check --against` when today's files differ from the round's.
#[derive(Debug)]
pub struct AlreadyReported;

impl std::fmt::Display for AlreadyReported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("see the output above")
    }
}

impl std::error::Error for AlreadyReported {}

/// A usage error with `message`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Usage(message.into()).into()
}

/// Match NHS staff at risk of redundancy to vacancies across a footprint.
#[derive(Debug, Parser)]
#[command(name = "redeploy", version, about, propagate_version = true)]
struct Cli {
    /// More log output (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a scenario and print a short summary.
    Check(cmd::check::CheckArgs),
    /// Run a match round: who can go where, why, and what it saves.
    Run(cmd::run::RunArgs),
    /// Run several policies and matching rules on one scenario and compare them side by side.
    Compare(cmd::compare::CompareArgs),
    /// What single change would place more people: relaxations, each vacancy's value, new posts.
    Whatif(cmd::whatif::WhatifArgs),
    /// Solve a DIMACS `asn` assignment file and report the optimum and the time taken.
    Solve(cmd::solve::SolveArgs),
    /// Write a seeded synthetic scenario (TOML + CSV) shaped like the NHS in England.
    Generate(cmd::generate::GenerateArgs),
    /// A live redeployment exercise over weeks: rounds, offers, refusals, trials, on record.
    Exercise(cmd::exercise::ExerciseArgs),
    /// Build a scenario from a staff extract (ESR) and a vacancy extract (NHS Jobs) through a
    /// column mapping.
    Import(cmd::import::ImportArgs),
    /// Two-sided matching instances: `instance import` writes a `matching` JSON file or two PrefLib
    /// files as a scenario, `instance export` writes a scenario's rankings in those formats.
    Instance(cmd::interchange::InstanceArgs),
    /// Run a grid of rounds (scenarios or seeds x policies x rules x policy fields), sharded for
    /// batch schedulers; `sweep merge` joins the shards.
    Sweep(cmd::sweep::SweepArgs),
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "redeploy=info,redeploy_engine=info,redeploy_assign=info,redeploy_whatif=info,warn",
        _ => {
            "redeploy=debug,redeploy_engine=debug,redeploy_assign=debug,redeploy_whatif=debug,warn"
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    init_tracing(cli.verbose);
    exit(match cli.command {
        Command::Exercise(args) => cmd::exercise::run(&args),
        Command::Import(args) => cmd::import::run(&args),
        Command::Instance(args) => cmd::interchange::run(&args),
        Command::Sweep(args) => cmd::sweep::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Run(args) => cmd::run::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Whatif(args) => cmd::whatif::run(&args),
        Command::Solve(args) => cmd::solve::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
    })
}

/// The exit code of a subcommand's result, with the error written to stderr: 0 when it
/// succeeded; 2 for a usage problem, a file that cannot be read or an output that cannot be
/// written (an exercise file missing, already there or busy; import outputs already there);
/// 1 for everything else, which is invalid input (a scenario, policy, DIMACS file, exercise
/// event or import extract that fails validation, a round the engine cannot run on it, a result
/// that cannot be written out as JSON or CSV, an exercise that fails `verify`). A validation
/// error lists every problem, one per line, and counts them. This is the only place an exit
/// code is decided.
fn exit(result: anyhow::Result<()>) -> ExitCode {
    use redeploy_exercise::Error as ExerciseError;
    use redeploy_import::ImportError;
    let Err(err) = result else {
        return ExitCode::SUCCESS;
    };
    if err.is::<AlreadyReported>() {
        return ExitCode::from(EXIT_INVALID);
    }
    let model = err.downcast_ref::<redeploy_model::Error>().or_else(|| {
        match err.downcast_ref::<ExerciseError>() {
            Some(ExerciseError::Scenario(model)) => Some(model),
            _ => None,
        }
    });
    let code = if let Some(model) = model {
        print_model_error(model);
        if matches!(model, redeploy_model::Error::Io { .. }) {
            EXIT_USAGE
        } else {
            EXIT_INVALID
        }
    } else if let Some(import) = err.downcast_ref::<ImportError>() {
        match import {
            ImportError::Mapping(problems) | ImportError::Scenario(problems) => {
                print_problems(problems);
                EXIT_INVALID
            }
            ImportError::Invalid(report) => {
                let count = report.problems.len();
                eprintln!(
                    "error: {count} problem{} in the extracts (listed above); nothing was written. Fix them, or give --force to write the scenario without the rows that failed",
                    if count == 1 { "" } else { "s" }
                );
                EXIT_INVALID
            }
            _ => {
                eprintln!("error: {err}");
                EXIT_USAGE
            }
        }
    } else {
        eprintln!("error: {err}");
        let usage = err.is::<Usage>()
            || matches!(
                err.downcast_ref::<ExerciseError>(),
                Some(
                    ExerciseError::Exists(_)
                        | ExerciseError::Missing(_)
                        | ExerciseError::Busy { .. }
                        | ExerciseError::Io { .. }
                )
            )
            || matches!(
                err.downcast_ref::<redeploy_sweep::Error>(),
                Some(redeploy_sweep::Error::Io { .. })
            )
            || matches!(
                err.downcast_ref::<redeploy_report::Error>(),
                Some(
                    redeploy_report::Error::Io { .. }
                        | redeploy_report::Error::WouldOverwriteInput { .. }
                        | redeploy_report::Error::OutputsExist { .. }
                )
            );
        if usage { EXIT_USAGE } else { EXIT_INVALID }
    };
    ExitCode::from(code)
}
