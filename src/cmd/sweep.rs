//! `redeploy sweep SPEC.toml --out DIR` and `redeploy sweep merge DIR...`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Subcommand};
use redeploy_sweep::{Error, grid, merge, run, spec::Spec};

use crate::{EXIT_INVALID, EXIT_USAGE};

/// Arguments of `redeploy sweep`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SweepArgs {
    #[command(subcommand)]
    pub merge: Option<SweepCommand>,
    /// The sweep specification (TOML; see docs/sweep.md).
    pub spec: Option<PathBuf>,
    /// The output directory: each cell's result under its path, and the shard's table.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Run only shard `i` of `n` (1-based): the cells whose number is `i - 1` modulo `n`.
    /// With Slurm: `--shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"`.
    #[arg(long, value_name = "i/n", default_value = "1/1")]
    pub shard: String,
    /// Skip cells whose result is already written under `--out`.
    #[arg(long)]
    pub resume: bool,
}

/// `redeploy sweep merge`.
#[derive(Debug, Subcommand)]
pub enum SweepCommand {
    /// Join shards' results into `sweep.csv` and `sweep.html`.
    Merge {
        /// Directories holding cell results (the `--out` of each shard).
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where to write the table and page (default: the first directory).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

fn failed(err: &Error) -> ExitCode {
    eprintln!("error: {err}");
    match err {
        Error::Io { .. } => ExitCode::from(EXIT_USAGE),
        _ => ExitCode::from(EXIT_INVALID),
    }
}

/// Runs `redeploy sweep`.
pub fn run(args: &SweepArgs) -> ExitCode {
    if let Some(SweepCommand::Merge { dirs, out }) = &args.merge {
        let started = Instant::now();
        let out = out.clone().unwrap_or_else(|| dirs[0].clone());
        return match merge::merge(dirs, &out) {
            Ok(cells) => {
                println!(
                    "merged {cells} cells into {} and {} in {:.2} s",
                    out.join("sweep.csv").display(),
                    out.join("sweep.html").display(),
                    started.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(err) => failed(&err),
        };
    }
    let (Some(spec_path), Some(out)) = (&args.spec, &args.out) else {
        eprintln!("error: give SPEC.toml and --out DIR (or `sweep merge DIR...`)");
        return ExitCode::from(EXIT_USAGE);
    };
    let shard = match grid::parse_shard(&args.shard) {
        Ok(shard) => shard,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let spec = match Spec::load(spec_path) {
        Ok(spec) => spec,
        Err(err) => return failed(&err),
    };
    let started = Instant::now();
    let options = run::Options {
        out: out.clone(),
        shard,
        resume: args.resume,
    };
    match run::run(&spec, &options) {
        Ok(summary) => {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "shard {}/{}: {} of {} cells, {} run, {} already done, in {seconds:.2} s ({:.1} cells/s)",
                shard.0,
                shard.1,
                summary.in_shard,
                summary.cells,
                summary.run,
                summary.skipped,
                summary.run as f64 / seconds.max(1e-9)
            );
            ExitCode::SUCCESS
        }
        Err(err) => failed(&err),
    }
}
