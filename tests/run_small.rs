//! End-to-end tests of `redeploy run` on the shipped examples: the summary table, the JSON,
//! `--out`, the same output on one and two threads, and clear errors with the documented exit
//! codes.

use std::path::PathBuf;
use std::process::{Command, Output};

mod cli;
use cli::{root, stderr, stdout};

const SMALL: &str = "configs/examples/small/scenario.toml";
const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";

fn redeploy(args: &[&str]) -> Output {
    redeploy_with_env(args, &[])
}

fn redeploy_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_redeploy"));
    command
        .current_dir(root())
        .args(args)
        .env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the redeploy binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-run-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn table_summary_of_the_small_example() {
    let output = redeploy(&["run", SMALL]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert!(
        stderr(&output).is_empty(),
        "default output stays clean: {}",
        stderr(&output)
    );
    let text = stdout(&output);
    for expected in [
        "Round northvale-small on 2025-10-01",
        "Policy footprint-ring-fence: tiers employer > footprint (sequential), rule optimal",
        "By tier",
        "By employer",
        "redundancy pay avoided",
        "Placements (",
        "Unplaced (",
    ] {
        assert!(
            text.contains(expected),
            "summary lacks `{expected}`:\n{text}"
        );
    }
    // P04 (maternity leave) wins the band 7 BI post over a longer-serving colleague; P03 slots in.
    let line = |person: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(person))
            .unwrap_or_else(|| panic!("no line for {person}:\n{text}"))
            .to_string()
    };
    assert!(
        line("P04").contains("V02") && line("P04").contains("priority"),
        "{}",
        line("P04")
    );
    assert!(
        line("P03").contains("V01") && line("P03").contains("slotted"),
        "{}",
        line("P03")
    );
}

#[test]
fn json_of_the_small_example_holds_the_whole_round() {
    let output = redeploy(&["run", SMALL, "--format", "json"]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    let round: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // Top-level fields in their documented order (two-space indentation marks the top level).
    let order = [
        "scenario",
        "round_date",
        "policy",
        "rule",
        "tier_mode",
        "tiers",
        "placements",
        "unplaced",
        "voluntary_redundancy",
        "released",
        "metrics",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|key| {
            text.find(&format!("\n  \"{key}\": "))
                .unwrap_or_else(|| panic!("no top-level `{key}`"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "fields out of order"
    );
    let placements = round["placements"].as_array().unwrap();
    let p04 = placements
        .iter()
        .find(|p| p["person"] == "P04")
        .expect("P04 placed");
    assert_eq!(p04["vacancy"], "V02");
    assert_eq!(p04["statutory_priority"], "maternity");
    let p03 = placements
        .iter()
        .find(|p| p["person"] == "P03")
        .expect("P03 placed");
    assert_eq!(p03["route"], "slotted");
    let vr = round["voluntary_redundancy"].as_array().unwrap();
    assert_eq!(vr[0]["person"], "P06");
    let metrics = &round["metrics"];
    assert_eq!(
        metrics["placed"].as_u64().unwrap()
            + metrics["unplaced"].as_u64().unwrap()
            + metrics["volunteers_leaving"].as_u64().unwrap(),
        metrics["people_at_risk"].as_u64().unwrap()
    );
    let unplaced = round["unplaced"].as_array().unwrap();
    assert!(
        unplaced
            .iter()
            .all(|u| !u["why"]["summary"].as_str().unwrap().is_empty())
    );
}

#[test]
fn rule_on_the_command_line_replaces_the_policy_rule() {
    let output = redeploy(&[
        "run",
        SMALL,
        "--rule",
        "serial-dictatorship",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let round: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(round["rule"], "serial-dictatorship");
}

#[test]
fn out_writes_round_and_summary_identical_to_stdout() {
    let dir = scratch("out");
    let out = dir.join("results");
    let output = redeploy(&[
        "run",
        SMALL,
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let written = std::fs::read_to_string(out.join("round.json")).unwrap();
    assert_eq!(written, stdout(&output));
    let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap();
    assert_eq!(summary, stdout(&redeploy(&["run", SMALL])));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn out_never_overwrites_an_input() {
    let dir = scratch("input");
    let policy = dir.join("round.json");
    let text = std::fs::read_to_string(root().join("configs/policies/own-employer.toml")).unwrap();
    std::fs::write(&policy, &text).unwrap();
    let output = redeploy(&[
        "run",
        SMALL,
        "--policy",
        policy.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(&output));
    assert!(
        stderr(&output).contains("it is an input of this run"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&policy).unwrap(),
        text,
        "the input is untouched"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unknown_rule_is_a_usage_error_listing_the_rules() {
    let output = redeploy(&["run", SMALL, "--rule", "greedy"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("unknown matching rule `greedy` (expected one of optimal, deferred-acceptance, serial-dictatorship, first-come, deferred-acceptance-posts, rank-maximal)"),
        "{message}"
    );
}

#[test]
fn bad_policy_file_gets_the_model_diagnostics_and_exit_1() {
    let dir = scratch("policy");
    let policy = dir.join("policy.toml");
    std::fs::write(
        &policy,
        "name = \"bad\"\ntiers = [\"employer\"]\n\n[slotting]\nthreshold = 1.5\n",
    )
    .unwrap();
    let output = redeploy(&["run", SMALL, "--policy", policy.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("threshold"), "{message}");
    assert!(message.contains("policy.toml"), "names the file: {message}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn missing_scenario_is_a_usage_error() {
    let output = redeploy(&["run", "no/such/scenario.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/scenario.toml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn one_and_two_threads_give_identical_json_on_the_footprint_example() {
    let policy = "configs/policies/footprint-region-block-external.toml";
    let run = |threads: &str| {
        let output = redeploy_with_env(
            &["run", FOOTPRINT, "--policy", policy, "--format", "json"],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(output.status.success(), "stderr: {}", stderr(&output));
        stdout(&output)
    };
    assert_eq!(run("1"), run("2"));
}
