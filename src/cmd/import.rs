//! `redeploy import`: build a scenario from a staff extract and a vacancy extract.
//!
//! Reads the extracts through the column mapping with `redeploy-import`, prints the import
//! report (rows imported, skipped and failed, columns read and ignored, unknown codes, every
//! problem), and writes the scenario directory and `import-report.txt` into `--out`, checked by
//! loading it back. Nothing is written when there are problems unless `--force` is given (rows
//! with problems are then left out), and files already in `--out` are replaced only with
//! `--force`; an input is never replaced.
//!
//! Exit codes (decided by the binary's one exit function): 0 when the scenario was written, 1
//! when the extracts or the mapping have problems (nothing written), 2 for a usage problem (a
//! file that cannot be read or written, outputs already there).

use std::path::PathBuf;

use clap::Args;
use redeploy_import::{Sources, build, write};

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
pub fn run(args: &ImportArgs) -> anyhow::Result<()> {
    let sources = Sources {
        staff: args.staff.clone(),
        vacancies: args.vacancies.clone(),
        mapping: args.mapping.clone(),
        postcodes: args.postcodes.clone(),
        at_risk: args.at_risk.clone(),
    };
    let built = build(&sources)?;
    print!("{}", built.report);
    let path = write(&args.out, &built, args.force)?;
    eprintln!(
        "wrote {}: {} people at risk, {} vacancies, {} sites",
        path.display(),
        built.scenario.people.len(),
        built.scenario.vacancies.len(),
        built.scenario.sites.len()
    );
    Ok(())
}
