//! `redeploy whatif`: what single change would place more people.
//!
//! Loads the scenario (and `--policy`), runs the what-if analysis (`redeploy-whatif`) and prints
//! it as a table, CSV, JSON or a self-contained HTML page; `--out DIR` writes all four
//! (`whatif.txt`, `whatif.csv`, `whatif.json`, `whatif.html`). Every figure is read from a round
//! that was run on the changed inputs. Exit codes as for `run`: 0 done, 1 an invalid scenario or
//! policy, 2 a usage problem.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use redeploy_model::Inputs;
use redeploy_report::html;
use redeploy_whatif::{Options, VacancyScope, WhatIf, analyse};

use crate::cmd::run::{check_targets, input_paths, load, write_files};

/// The names of the files `--out` writes.
const OUTPUT_FILES: [&str; 4] = ["whatif.txt", "whatif.csv", "whatif.json", "whatif.html"];

/// How the analysis is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for the terminal.
    Table,
    /// One row per change tried, unplaced person and placement.
    Csv,
    /// The whole analysis, every change with who gains, loses or changes a post.
    Json,
    /// One self-contained HTML page with charts.
    Html,
}

/// Which vacancies `--vacancies` withdraws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Vacancies {
    /// Every vacancy in the round.
    All,
    /// Vacancies with a place filled as the round stands (the others are not reported).
    Filled,
    /// None: no vacancy is withdrawn or brought into the ring-fence.
    None,
}

impl From<Vacancies> for VacancyScope {
    fn from(v: Vacancies) -> VacancyScope {
        match v {
            Vacancies::All => VacancyScope::All,
            Vacancies::Filled => VacancyScope::Filled,
            Vacancies::None => VacancyScope::None,
        }
    }
}

/// Arguments of `redeploy whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// A policy file to use instead of the scenario's own.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// How many new posts to confirm and list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Which vacancies to withdraw, each on its own: all, only those with a place
    /// filled, or none.
    #[arg(long, value_enum, default_value_t = Vacancies::All)]
    pub vacancies: Vacancies,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write whatif.txt, whatif.csv, whatif.json and whatif.html into this directory
    /// (refused if it already holds any of them, unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the outputs a directory given to --out already holds.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Runs `redeploy whatif`.
pub fn run(args: &WhatifArgs) -> anyhow::Result<()> {
    let mut inputs = Inputs::default();
    let scenario = load(&args.scenario, args.policy.as_deref(), None, &mut inputs)?;
    let inputs = input_paths(&inputs);
    if let Some(dir) = &args.out {
        // Refused before the rounds are run; checked again as the files are written.
        check_targets(dir, &inputs, &OUTPUT_FILES, args.force)?;
    }
    let options = Options {
        top: args.top,
        vacancies: args.vacancies.into(),
    };
    let analysis = analyse(&scenario, &scenario.policy, &options)?;
    print!("{}", outputs(args, &analysis, &inputs)?);
    Ok(())
}

/// Writes the files of `--out` and returns what goes to stdout.
fn outputs(args: &WhatifArgs, analysis: &WhatIf, inputs: &[PathBuf]) -> anyhow::Result<String> {
    let text = redeploy_report::whatif::render_text(analysis);
    let csv = redeploy_report::whatif::to_csv(analysis)?;
    let mut json = serde_json::to_string_pretty(analysis)?;
    json.push('\n');
    let page = html::whatif::render(analysis);
    if let Some(dir) = &args.out {
        let files = [
            (OUTPUT_FILES[0], text.as_str()),
            (OUTPUT_FILES[1], csv.as_str()),
            (OUTPUT_FILES[2], json.as_str()),
            (OUTPUT_FILES[3], page.as_str()),
        ];
        write_files(Path::new(dir), inputs, &files, args.force)?;
    }
    Ok(match args.format {
        Format::Table => text,
        Format::Csv => csv,
        Format::Json => json,
        Format::Html => page,
    })
}
