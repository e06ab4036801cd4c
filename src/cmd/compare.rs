//! `redeploy compare`: run several policies and matching rules on one scenario and lay the
//! outcomes side by side.
//!
//! Each `--policy` (the scenario's own policy when none is given) runs with each `--rule` (the
//! policy's own rule when none is given); the runs are independent rounds of the same
//! scenario and run in parallel (rayon), and come back in the order given, so the output is the
//! same on any number of threads. The first run is the baseline every other run is compared
//! with. `--format table` (the default) prints the comparison for the terminal, `--format csv`
//! and `--format html` the same as CSV or a self-contained HTML page; `--out DIR` writes all
//! three (`compare.txt`, `compare.csv`, `compare.html`). On a terminal a bar counts the rounds.
//!
//! Exit codes as for `run`: 0 done, 1 an invalid scenario or policy, 2 a usage problem.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use redeploy_model::{Inputs, MatchingRule, Policy, load_policy};
use redeploy_report::compare::{self, CompareRun, Comparison};
use redeploy_report::{Report, ReportOptions, html, summary};

use crate::cmd::progress;
use crate::cmd::run::{check_targets, input_paths, load, write_files};

/// The names of the files `--out` writes: the text table, the CSV and the HTML page.
const OUTPUT_FILES: [&str; 3] = ["compare.txt", "compare.csv", "compare.html"];

/// How the comparison is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal, differences against the first run in brackets.
    Table,
    /// The same table as CSV, with a difference column per later run.
    Csv,
    /// One self-contained HTML page with the table and charts.
    Html,
}

/// Arguments of `redeploy compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// A policy file to compare; repeat for each policy (default: the scenario's own policy).
    #[arg(long, value_name = "FILE")]
    pub policy: Vec<PathBuf>,
    /// A matching rule to run each policy with; repeat for each rule (default: each policy's
    /// own rule).
    #[arg(long, value_name = "NAME", value_parser = parse_rule)]
    pub rule: Vec<MatchingRule>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write compare.txt, compare.csv and compare.html into this directory (refused if
    /// it already holds any of them, unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the outputs a directory given to --out already holds.
    #[arg(long, requires = "out")]
    pub force: bool,
}

fn parse_rule(text: &str) -> Result<MatchingRule, String> {
    text.parse()
}

/// One run to make: its label and policy.
struct Plan {
    label: String,
    policy: Policy,
}

/// Every policy × rule, in the order given; labels made unique.
fn plans(policies: Vec<Policy>, rules: &[MatchingRule]) -> Vec<Plan> {
    let mut plans: Vec<Plan> = Vec::new();
    for policy in policies {
        if rules.is_empty() {
            plans.push(Plan {
                label: policy.name.clone(),
                policy,
            });
            continue;
        }
        for rule in rules {
            let mut policy = policy.clone();
            policy.rule = *rule;
            plans.push(Plan {
                label: format!("{} / {}", policy.name, rule.as_str()),
                policy,
            });
        }
    }
    let labels: Vec<String> = plans.iter().map(|p| p.label.clone()).collect();
    for (i, plan) in plans.iter_mut().enumerate() {
        let repeats = labels[..i].iter().filter(|l| **l == labels[i]).count();
        if repeats > 0 {
            plan.label = format!("{} #{}", labels[i], repeats + 1);
        }
    }
    plans
}

/// Runs `redeploy compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let mut inputs = Inputs::default();
    let scenario = load(&args.scenario, None, None, &mut inputs)?;
    let inputs: Vec<PathBuf> = input_paths(&inputs)
        .into_iter()
        .chain(args.policy.iter().cloned())
        .collect();
    if let Some(dir) = &args.out {
        // Refused before the rounds are run; checked again as the files are written.
        check_targets(dir, &inputs, &OUTPUT_FILES, args.force)?;
    }
    let policies = if args.policy.is_empty() {
        vec![scenario.policy.clone()]
    } else {
        args.policy
            .iter()
            .map(|path| load_policy(path))
            .collect::<Result<Vec<_>, _>>()?
    };
    let plans = plans(policies, &args.rule);
    let bar = progress::counter(plans.len() as u64, "rounds");
    let rounds: Vec<Result<redeploy_engine::Round, redeploy_engine::Error>> = plans
        .par_iter()
        .map(|plan| {
            let round = plan
                .policy
                .validate()
                .map_err(redeploy_engine::Error::from)
                .and_then(|policy| redeploy_engine::run_round(&scenario, &policy));
            bar.inc(1);
            round
        })
        .collect();
    bar.finish_and_clear();
    let mut runs = Vec::with_capacity(plans.len());
    for (plan, round) in plans.into_iter().zip(rounds) {
        match round {
            Ok(round) => runs.push(CompareRun {
                label: plan.label,
                report: Report::new(&scenario, &round, ReportOptions::default()),
            }),
            Err(err) => anyhow::bail!("policy `{}`: {err}", plan.policy.name),
        }
    }
    let mut warned: Vec<String> = Vec::new();
    for run in &runs {
        for warning in summary::warnings(&run.report.round) {
            if !warned.contains(&warning) {
                eprintln!("warning: {warning}");
                warned.push(warning);
            }
        }
    }
    let comparison = Comparison {
        scenario: scenario.name.clone(),
        round_date: scenario.round_date.to_string(),
        runs,
    };
    print!("{}", outputs(args, &comparison, &inputs)?);
    Ok(())
}

/// Writes the files of `--out` and returns what goes to stdout.
fn outputs(
    args: &CompareArgs,
    comparison: &Comparison,
    inputs: &[PathBuf],
) -> anyhow::Result<String> {
    let text = compare::render_text(comparison);
    let csv = compare::to_csv(comparison)?;
    let page = html::compare::render(comparison);
    if let Some(dir) = &args.out {
        let files = [
            (OUTPUT_FILES[0], text.as_str()),
            (OUTPUT_FILES[1], csv.as_str()),
            (OUTPUT_FILES[2], page.as_str()),
        ];
        write_files(Path::new(dir), inputs, &files, args.force)?;
    }
    Ok(match args.format {
        Format::Table => text,
        Format::Csv => csv,
        Format::Html => page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(name: &str) -> Policy {
        Policy {
            name: name.to_string(),
            ..Policy::default()
        }
    }

    #[test]
    fn plans_cross_policies_with_rules_in_order() {
        let rules = [MatchingRule::Optimal, MatchingRule::FirstCome];
        let labels: Vec<String> = plans(vec![policy("a"), policy("b")], &rules)
            .into_iter()
            .map(|p| p.label)
            .collect();
        assert_eq!(
            labels,
            [
                "a / optimal",
                "a / first-come",
                "b / optimal",
                "b / first-come"
            ]
        );
    }

    #[test]
    fn repeated_policies_get_unique_labels() {
        let labels: Vec<String> = plans(vec![policy("a"), policy("a"), policy("a")], &[])
            .into_iter()
            .map(|p| p.label)
            .collect();
        assert_eq!(labels, ["a", "a #2", "a #3"]);
    }
}
