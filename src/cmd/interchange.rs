//! `redeploy instance import` and `redeploy instance export`: two-sided instances to and from
//! the Python `matching` library's dictionaries (JSON) and PrefLib `toi` files.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use redeploy_interchange::{matching, preflib, scenario};
use redeploy_model::Inputs;
use redeploy_report::output::write_output;

use anyhow::anyhow;

use crate::usage;

/// A two-sided instance format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InstanceFormat {
    /// The `matching` library's dictionaries as one JSON file.
    Matching,
    /// PrefLib `toi`: `people.toi` and `vacancies.toi` in a directory.
    Preflib,
}

/// Arguments of `redeploy instance`.
#[derive(Debug, Args)]
pub struct InstanceArgs {
    #[command(subcommand)]
    pub command: InstanceCommand,
}

/// `redeploy instance import` or `export`.
#[derive(Debug, Subcommand)]
pub enum InstanceCommand {
    /// Write a `matching` JSON file, or the people's and vacancies' PrefLib files, as a scenario.
    Import(ImportArgs),
    /// Write a scenario's two-sided instance as `matching` JSON or PrefLib files.
    Export(ExportArgs),
}

/// Runs `redeploy instance`.
pub fn run(args: &InstanceArgs) -> anyhow::Result<()> {
    match &args.command {
        InstanceCommand::Import(args) => import(args),
        InstanceCommand::Export(args) => export(args),
    }
}

/// Arguments of `redeploy instance import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A `matching` JSON file, or the people's and the vacancies' PrefLib `toi` files.
    #[arg(required = true, num_args = 1..=2)]
    pub inputs: Vec<PathBuf>,
    /// The scenario file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Scenario name (default: the first input's file stem).
    #[arg(long)]
    pub name: Option<String>,
    /// Replace the scenario file if it is there already.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `redeploy instance export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The scenario file.
    pub scenario: PathBuf,
    /// A policy file to use instead of the scenario's own policy.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The format.
    #[arg(long, value_enum, default_value_t = InstanceFormat::Matching)]
    pub format: InstanceFormat,
    /// The JSON file (`matching`) or the directory (`preflib`) to write.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|err| usage(format!("cannot read `{}`: {err}", path.display())))
}

/// Runs `redeploy instance import`.
pub fn import(args: &ImportArgs) -> anyhow::Result<()> {
    if args.out.exists() && !args.force {
        return Err(usage(format!(
            "`{}` is there already; give --force to replace it",
            args.out.display()
        )));
    }
    let instance = match args.inputs.as_slice() {
        [json] => matching::from_json(&read(json)?),
        [people, vacancies] => preflib::from_toi_pair(
            (&people.display().to_string(), &read(people)?),
            (&vacancies.display().to_string(), &read(vacancies)?),
        ),
        _ => return Err(usage("give one JSON file or two PrefLib files")),
    }
    .map_err(|err| anyhow!("{}: {err}", args.inputs[0].display()))?;
    let name = args.name.clone().unwrap_or_else(|| {
        args.inputs[0]
            .file_stem()
            .map_or("instance".to_string(), |s| s.to_string_lossy().into_owned())
    });
    let text = scenario::to_scenario_toml(&instance, &name).map_err(|err| anyhow!("{err}"))?;
    // The scenario must read back before it is written.
    redeploy_model::parse_scenario(&text, &args.out)?;
    write_output(&args.out, text.as_bytes(), &args.inputs).map_err(|err| usage(err.to_string()))?;
    println!(
        "wrote `{}`: {} people, {} vacancies",
        args.out.display(),
        instance.people.len(),
        instance.vacancies.len()
    );
    Ok(())
}

/// Runs `redeploy instance export`.
pub fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let mut inputs = Inputs::default();
    let scenario =
        crate::cmd::run::load(&args.scenario, args.policy.as_deref(), None, &mut inputs)?;
    let kept = crate::cmd::run::input_paths(&inputs);
    let instance = redeploy_engine::two_sided_instance(&scenario, &scenario.policy.validate()?)
        .map_err(|err| anyhow!("{err}"))?;
    let written = match args.format {
        InstanceFormat::Matching => {
            write_output(&args.out, matching::to_json(&instance).as_bytes(), &kept)
        }
        InstanceFormat::Preflib => {
            std::fs::create_dir_all(&args.out)
                .map_err(|err| usage(format!("cannot create `{}`: {err}", args.out.display())))?;
            let (people, vacancies) = preflib::to_toi_pair(&instance);
            write_output(&args.out.join("people.toi"), people.as_bytes(), &kept).and_then(|()| {
                write_output(&args.out.join("vacancies.toi"), vacancies.as_bytes(), &kept)
            })
        }
    };
    written.map_err(|err| usage(err.to_string()))?;
    println!(
        "wrote `{}`: {} people, {} vacancies",
        args.out.display(),
        instance.people.len(),
        instance.vacancies.len()
    );
    Ok(())
}
