//! `redeploy`: match NHS staff at risk of redundancy to vacancies across a footprint.
//!
//! The binary only parses arguments, reads files, picks a renderer and sets the exit code;
//! every rule lives in the library crates.

mod cmd;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code for input that failed validation.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage error (bad flags, missing files).
pub const EXIT_USAGE: u8 = 2;

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
    match cli.command {
        Command::Check(args) => cmd::check::run(&args),
        Command::Run(args) => cmd::run::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Whatif(args) => cmd::whatif::run(&args),
        Command::Solve(args) => cmd::solve::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
        Command::Exercise(args) => cmd::exercise::run(&args),
        Command::Import(args) => cmd::import::run(&args),
    }
}
