//! `redeploy check SCENARIO --against round.json`: are today's files the ones that produced
//! the round?
//!
//! Reads the provenance a `round.json` recorded, loads the scenario as `run` would (with the
//! `--policy` file given, or else the one the round recorded), recording every file read, and
//! compares the two lists role by role: each file is `same`, `changed`, `missing` (recorded,
//! not read today) or `new` (read today, not recorded). Exit 0 when every file is the same, 1
//! when any is not, 2 when the round file cannot be read or records no provenance.

use std::path::PathBuf;

use redeploy_model::{Inputs, load_policy_recorded, load_scenario_recorded};
use redeploy_report::provenance::{all_same, check_inputs, recorded, render_check};

use crate::cmd::check::CheckArgs;
use crate::{AlreadyReported, usage};

/// The role a policy given on the command line is recorded under.
const POLICY_ROLE: &str = "--policy";

/// Runs `redeploy check --against ROUND`.
pub fn run(args: &CheckArgs, round: &std::path::Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(round)
        .map_err(|err| usage(format!("cannot read `{}`: {err}", round.display())))?;
    let recorded = recorded(&text).map_err(|err| usage(format!("`{}`: {err}", round.display())))?;
    let mut inputs = Inputs::default();
    let scenario = load_scenario_recorded(&args.scenario, &mut inputs);
    let policy_path = args.policy.clone().or_else(|| {
        recorded
            .inputs
            .iter()
            .find(|file| file.role == POLICY_ROLE)
            .map(|file| PathBuf::from(&file.path))
    });
    let policy = policy_path.map(|path| load_policy_recorded(&path, POLICY_ROLE, &mut inputs));
    let checks = check_inputs(&recorded.inputs, inputs.files());
    print!(
        "{}",
        render_check(&checks, &recorded, env!("CARGO_PKG_VERSION"))
    );
    let problems = [scenario.err(), policy.and_then(Result::err)]
        .into_iter()
        .flatten()
        .map(|err| err.diagnostics().len().max(1))
        .sum::<usize>();
    if problems > 0 {
        eprintln!(
            "note: today's files do not load as a valid scenario ({problems} problem{}); `redeploy check {}` lists them",
            if problems == 1 { "" } else { "s" },
            args.scenario.display()
        );
    }
    if all_same(&checks) {
        Ok(())
    } else {
        // The comparison printed above says which files differ.
        Err(AlreadyReported.into())
    }
}
