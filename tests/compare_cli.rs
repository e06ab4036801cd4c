//! End-to-end tests of `redeploy compare`: the three shipped policies on the footprint example
//! (as the README runs it), the CSV and HTML forms, rules crossed with policies, the same output
//! on one and two threads, `--out`, and clear errors.

use std::path::PathBuf;
use std::process::{Command, Output};

mod cli;
use cli::{root, stderr, stdout};

const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";
const POLICIES: [&str; 3] = [
    "configs/policies/own-employer.toml",
    "configs/policies/footprint-ring-fence.toml",
    "configs/policies/footprint-region-block-external.toml",
];

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

fn redeploy(args: &[&str]) -> Output {
    redeploy_with_env(args, &[])
}

/// `compare FOOTPRINT --policy A --policy B --policy C` plus `extra`.
fn three_policies(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["compare".to_string(), FOOTPRINT.to_string()];
    for policy in POLICIES {
        args.push("--policy".into());
        args.push(policy.into());
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    redeploy(&args)
}

/// The numbers of a table row, as `value` or `value (delta)` cells.
fn row<'a>(table: &'a str, measure: &str) -> Vec<&'a str> {
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with(measure))
        .unwrap_or_else(|| panic!("no row `{measure}`:\n{table}"));
    line.trim_start()[measure.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect()
}

fn count(cell: &str) -> i64 {
    cell.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn three_shipped_policies_side_by_side() {
    let output = run(&three_policies(&[]));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert!(stderr(&output).is_empty(), "no progress off a terminal");
    let table = stdout(&output);
    for legend in [
        "A  own-employer: tiers employer (sequential), rule optimal",
        "B  footprint-ring-fence: tiers employer > footprint (sequential), rule optimal",
        "C  footprint-region-block-external: tiers employer > footprint > region (sequential), rule optimal",
    ] {
        assert!(table.contains(legend), "no `{legend}`:\n{table}");
    }
    let placed = row(&table, "placed");
    assert_eq!(placed.len(), 3, "{placed:?}");
    let (a, b, c) = (count(placed[0]), count(placed[1]), count(placed[2]));
    // Each policy adds a tier to the one before, so it never places fewer people.
    assert!(a <= b && b <= c, "placed {a}, {b}, {c}");
    assert!(
        placed[1].ends_with(&format!("(+{})", b - a)),
        "B shows its difference from A: {placed:?}"
    );
    let unplaced = row(&table, "redundancies (unplaced)");
    let people = count(row(&table, "people in matching")[0]);
    assert_eq!(
        count(unplaced[0]) + a,
        people,
        "placed + unplaced = in matching"
    );
    assert_eq!(
        count(row(&table, "placed at another employer")[0]),
        0,
        "own-employer places nobody elsewhere"
    );
    assert!(table.contains("\nflagged groups\n"), "{table}");
}

#[test]
fn csv_has_a_value_per_run_and_a_difference_per_later_run() {
    let output = run(&three_policies(&["--format", "csv"]));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "measure,own-employer,footprint-ring-fence,footprint-region-block-external,footprint-ring-fence - own-employer,footprint-region-block-external - own-employer"
    );
    let placed: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("placed,"))
        .unwrap()
        .split(',')
        .collect();
    let values: Vec<i64> = placed[1..].iter().map(|v| v.parse().unwrap()).collect();
    assert_eq!(values[3], values[1] - values[0]);
    assert_eq!(values[4], values[2] - values[0]);
    let avoided = text
        .lines()
        .find(|l| l.starts_with("redundancy pay avoided,"))
        .unwrap();
    assert!(
        avoided
            .split(',')
            .skip(1)
            .all(|v| v.contains('.') && !v.contains('£')),
        "money as plain pounds: {avoided}"
    );
    assert_eq!(
        lines.count(),
        redeploy_report::compare::MEASURES.len(),
        "one row per measure"
    );
}

#[test]
fn html_is_one_page_with_the_table_and_charts() {
    let output = run(&three_policies(&["--format", "html"]));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains(r#"<table id="side-by-side">"#));
    assert!(html.contains(r#"id="compare-outcomes""#) && html.contains(r#"id="compare-costs""#));
    assert!(
        html.contains(r#"<span class="delta better">+"#),
        "more people placed is marked better"
    );
    assert!(
        html.contains(r#"<span class="delta worse">+"#),
        "more downgrades is marked worse"
    );
}

#[test]
fn rules_cross_the_policies_in_order() {
    let output = redeploy(&[
        "compare",
        FOOTPRINT,
        "--policy",
        POLICIES[1],
        "--rule",
        "optimal",
        "--rule",
        "first-come",
        "--format",
        "csv",
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let header = stdout(&output).lines().next().unwrap().to_string();
    assert!(
        header.ends_with("measure,footprint-ring-fence / optimal,footprint-ring-fence / first-come,footprint-ring-fence / first-come - footprint-ring-fence / optimal"),
        "{header}"
    );
}

#[test]
fn one_and_two_threads_give_the_same_comparison() {
    let args = three_policies(&["--format", "csv"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let one = redeploy_with_env(&args, &[("RAYON_NUM_THREADS", "1")]);
    let two = redeploy_with_env(&args, &[("RAYON_NUM_THREADS", "2")]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(stdout(&one), stdout(&two));
}

#[test]
fn without_a_policy_the_scenario_policy_is_the_one_run() {
    let output = redeploy(&["compare", FOOTPRINT]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert!(stdout(&output).contains("A  footprint-ring-fence:"));
    assert_eq!(row(&stdout(&output), "placed").len(), 1);
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-compare-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn out_writes_text_csv_and_html() {
    let dir = scratch("out");
    let output = run(&three_policies(&["--out", dir.to_str().unwrap()]));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let text = std::fs::read_to_string(dir.join("compare.txt")).unwrap();
    assert_eq!(text, stdout(&output));
    assert!(dir.join("compare.csv").is_file() && dir.join("compare.html").is_file());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn errors_name_the_problem_with_the_documented_exit_codes() {
    let missing = redeploy(&["compare", FOOTPRINT, "--policy", "no/such/policy.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no/such/policy.toml"),
        "{}",
        stderr(&missing)
    );

    let dir = scratch("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "name = \"bad\"\ntiers = [\"employer\"]\n\n[sae]\nmax_band_drop = 20\n",
    )
    .unwrap();
    let invalid = redeploy(&["compare", FOOTPRINT, "--policy", bad.to_str().unwrap()]);
    assert_eq!(
        invalid.status.code(),
        Some(1),
        "stderr: {}",
        stderr(&invalid)
    );
    assert!(
        stderr(&invalid).contains("max_band_drop"),
        "{}",
        stderr(&invalid)
    );
    std::fs::remove_dir_all(dir).unwrap();

    let rule = redeploy(&["compare", FOOTPRINT, "--rule", "lottery"]);
    assert_eq!(rule.status.code(), Some(2));
    assert!(stderr(&rule).contains("unknown matching rule `lottery`"));
}

#[test]
fn docs_show_the_output_of_the_readme_command() {
    // docs/compare.md explains this exact output; when a change alters it, update the docs.
    let docs = std::fs::read_to_string(root().join("docs/compare.md")).unwrap();
    let start = docs.find("```text\n").expect("the output block") + "```text\n".len();
    let end = start + docs[start..].find("```").unwrap();
    assert_eq!(
        &docs[start..end],
        stdout(&run(&three_policies(&[]))),
        "docs/compare.md shows a different comparison"
    );
}
