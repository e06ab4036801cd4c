//! `redeploy import`: build a scenario from a staff extract and a vacancy extract.
//!
//! Reads the extracts through the column mapping with `redeploy-import`, prints the import
//! report (rows imported, skipped and failed, columns read and ignored, unknown codes, every
//! problem), and writes the scenario directory and `import-report.txt` into `--out`, checked by
//! loading it back. Nothing is written when there are problems unless `--force` is given (rows
//! with problems are then left out), and files already in `--out` are replaced only with
//! `--force`; an input is never replaced.
//!
//! Exit codes: 0 when the scenario was written, 1 when the extracts or the mapping have
//! problems (nothing written), 2 for a usage problem (a file that cannot be read or written,
//! outputs already there).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use redeploy_import::{ImportError, Sources, build, write};

use crate::{EXIT_INVALID, EXIT_USAGE};

/// Arguments of `redeploy import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The staff extract (CSV, an ESR staff-in-post report).
    #[arg(long, value_name = "FILE")]
    pub staff: PathBuf,
    /// The vacancy extract (CSV, NHS Jobs or Trac).
    #[arg(long, value_name = "FILE")]
    pub vacancies: PathBuf,
    /// The column mapping (TOML; start from configs/import/mapping.toml).
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// The postcode lookup (CSV: postcode or district, latitude, longitude).
    #[arg(long, value_name = "FILE")]
    pub postcodes: PathBuf,
    /// The people at risk (CSV, ids in the first column after a header), instead of the
    /// mapping's at-risk column.
    #[arg(long, value_name = "FILE")]
    pub at_risk: Option<PathBuf>,
    /// The directory to write the scenario into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write even when rows have problems (leaving those rows out), and replace scenario files
    /// already in the directory.
    #[arg(long)]
    pub force: bool,
}

/// Runs `redeploy import`.
pub fn run(args: &ImportArgs) -> ExitCode {
    let sources = Sources {
        staff: args.staff.clone(),
        vacancies: args.vacancies.clone(),
        mapping: args.mapping.clone(),
        postcodes: args.postcodes.clone(),
        at_risk: args.at_risk.clone(),
    };
    let built = match build(&sources) {
        Ok(built) => built,
        Err(err) => return fail(&err),
    };
    print!("{}", built.report);
    match write(&args.out, &built, args.force) {
        Ok(path) => {
            eprintln!(
                "wrote {}: {} people at risk, {} vacancies, {} sites",
                path.display(),
                built.scenario.people.len(),
                built.scenario.vacancies.len(),
                built.scenario.sites.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(&err),
    }
}

fn fail(err: &ImportError) -> ExitCode {
    match err {
        ImportError::Mapping(problems) | ImportError::Scenario(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            let count = problems.len();
            eprintln!("{count} problem{} found", if count == 1 { "" } else { "s" });
            ExitCode::from(EXIT_INVALID)
        }
        ImportError::Invalid(report) => {
            let count = report.problems.len();
            eprintln!(
                "error: {count} problem{} in the extracts (listed above); nothing was written. Fix them, or give --force to write the scenario without the rows that failed",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(EXIT_INVALID)
        }
        _ => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
