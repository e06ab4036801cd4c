//! End-to-end tests of the reports `redeploy run` writes: every file of `--out`, the HTML page
//! is self-contained and deterministic, `--pseudonymise` leaves no person id behind, `--explain`
//! and its errors, logs without equality fields, and the JSON fields all documented.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

mod cli;
use cli::{root, stderr, stdout};

const SMALL: &str = "configs/examples/small/scenario.toml";
const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";

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

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const OUT_FILES: [&str; 8] = [
    "round.json",
    "summary.txt",
    "placements.csv",
    "unplaced.csv",
    "voluntary_redundancy.csv",
    "released.csv",
    "equality.csv",
    "report.html",
];

/// Checks that an HTML page loads nothing from anywhere and runs no script.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for forbidden in ["<script", "@import", "url(", "<img", "<iframe", "src="] {
        assert!(
            !lower.contains(forbidden),
            "the page contains `{forbidden}`"
        );
    }
    let links: Vec<&str> = lower.matches("<link").collect();
    assert_eq!(links.len(), 1, "only the empty icon link");
    assert!(lower.contains(r#"<link rel="icon" href="data:,">"#));
    // The only URL is the SVG namespace, which names the language and is never fetched.
    let urls = lower.matches("http").count();
    let namespaces = lower.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(urls, namespaces, "a URL other than the SVG namespace");
}

#[test]
fn out_writes_every_file_and_the_page_stands_alone() {
    let dir = scratch("out");
    let output = redeploy(&["run", FOOTPRINT, "--out", dir.to_str().unwrap()]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    for name in OUT_FILES {
        let path = dir.join(name);
        assert!(path.is_file(), "{name} not written");
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert_self_contained(&html);
    for id in [
        "band-flow",
        "by-tier",
        "by-employer",
        "posts-by-employer",
        "main-reason",
        "rule-by-rule",
        "costs",
        "equality-0",
    ] {
        assert!(
            html.contains(&format!(r#"<svg class="chart" id="{id}""#)),
            "no chart {id}"
        );
    }
    assert!(html.contains("@media print"), "print styles");
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !OUT_FILES.contains(&name.as_str()))
        .collect();
    assert!(leftovers.is_empty(), "stray files: {leftovers:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn html_on_stdout_is_the_file_and_the_same_on_one_and_two_threads() {
    let run = |threads: &str| {
        let output = redeploy_with_env(
            &["run", FOOTPRINT, "--format", "html"],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(output.status.success(), "stderr: {}", stderr(&output));
        stdout(&output)
    };
    let one = run("1");
    assert!(one.starts_with("<!DOCTYPE html>"));
    assert_eq!(one, run("2"), "HTML differs between one and two threads");
}

/// Every person id of the small example (P01 … P21).
fn small_person_ids() -> Vec<String> {
    (1..=21).map(|n| format!("P{n:02}")).collect()
}

fn contains_id(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let after = text[at + id.len()..].chars().next();
        let before = text[..at].chars().next_back();
        !after.is_some_and(|c| c.is_ascii_alphanumeric())
            && !before.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[test]
fn pseudonymise_leaves_no_person_id_in_any_output() {
    let dir = scratch("pseudonyms");
    let key_dir = scratch("pseudonyms-key");
    std::fs::create_dir_all(&key_dir).unwrap();
    let key = key_dir.join("key.txt");
    let key = key.to_str().unwrap();
    let output = redeploy(&[
        "run",
        SMALL,
        "--pseudonymise",
        "--pseudonym-key",
        key,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let mut texts: Vec<(String, String)> = OUT_FILES
        .iter()
        .map(|name| {
            (
                (*name).to_string(),
                std::fs::read_to_string(dir.join(name)).unwrap(),
            )
        })
        .collect();
    texts.push(("stdout".into(), stdout(&output)));
    let story = redeploy(&[
        "run",
        SMALL,
        "--pseudonymise",
        "--pseudonym-key",
        key,
        "--explain",
        "P05",
    ]);
    assert!(story.status.success(), "stderr: {}", stderr(&story));
    texts.push(("--explain".into(), stdout(&story)));
    for (name, text) in &texts {
        for id in small_person_ids() {
            assert!(!contains_id(text, &id), "{name} still names {id}");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("round.json")).unwrap()).unwrap();
    let people: Vec<&str> = json["placements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"].as_str().unwrap())
        .collect();
    assert!(people.iter().all(|p| p.starts_with("anon-")));
    let mut sorted = people.clone();
    sorted.sort_unstable();
    assert_eq!(people, sorted, "lists are sorted by pseudonym, not by id");
    // The same person gets the same pseudonym in the story and the round.
    let placed = json["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["vacancy"] == "V17")
        .unwrap();
    assert!(
        stdout(&story).starts_with(placed["person"].as_str().unwrap()),
        "the story names P05 by the pseudonym the round gives under the same key"
    );
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(key_dir).unwrap();
}

#[test]
fn explain_as_json_holds_the_story_and_the_outcome() {
    let output = redeploy(&["run", SMALL, "--explain", "P05", "--format", "json"]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["story"]["person"], "P05");
    assert_eq!(value["outcome"]["placed"]["vacancy"], "V17");
    let considered = value["story"]["considered"].as_array().unwrap();
    assert!(
        considered
            .iter()
            .any(|p| p["vacancy"] == "V02" && p["assessment"]["outcome"] == "suitable")
    );
    let unplaced = redeploy(&["run", SMALL, "--explain", "P12", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&unplaced)).unwrap();
    assert!(
        value["outcome"]["unplaced"]["why"]["summary"]
            .as_str()
            .unwrap()
            .contains("essential-skills")
    );
}

#[test]
fn explain_names_every_failed_rule_with_its_numbers() {
    let output = redeploy(&["run", SMALL, "--explain", "P12"]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "Outcome: not placed",
        "Tier 1: employer",
        "Tier 2: footprint",
        "V11  band 5",
        "band-drop: band 5 is 2 below band 7; policy allows 1 (sae.max_band_drop)",
        "essential-skills: lacks essential skills data-analysis, sql",
    ] {
        assert!(text.contains(expected), "story lacks `{expected}`:\n{text}");
    }
}

#[test]
fn explain_of_an_unknown_person_suggests_near_ids() {
    let output = redeploy(&["run", SMALL, "--explain", "P5"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no person `P5`") && message.contains("did you mean `P05`"),
        "{message}"
    );
}

#[test]
fn usage_errors_for_formats_that_cannot_be_printed() {
    let csv = redeploy(&["run", SMALL, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2));
    assert!(stderr(&csv).contains("give --out DIR"), "{}", stderr(&csv));
    let html = redeploy(&["run", SMALL, "--explain", "P05", "--format", "html"]);
    assert_eq!(html.status.code(), Some(2));
    assert!(stderr(&html).contains("--explain prints as text"));
}

#[test]
fn out_refuses_to_write_over_a_csv_the_scenario_reads() {
    // The footprint example reads people.csv and vacancies.csv from its own directory; an
    // output file there of another name is fine, but nothing may replace an input.
    let dir = scratch("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["scenario.toml", "people.csv", "vacancies.csv"] {
        std::fs::copy(
            root().join("configs/examples/footprint").join(name),
            dir.join(name),
        )
        .unwrap();
    }
    let scenario = std::fs::read_to_string(dir.join("scenario.toml"))
        .unwrap()
        .replace("../../", &format!("{}/configs/", root().display()))
        .replace("people.csv", "released.csv");
    std::fs::write(dir.join("scenario.toml"), scenario).unwrap();
    std::fs::rename(dir.join("people.csv"), dir.join("released.csv")).unwrap();
    let before = std::fs::read_to_string(dir.join("released.csv")).unwrap();
    let output = redeploy(&[
        "run",
        dir.join("scenario.toml").to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(&output));
    assert!(stderr(&output).contains("it is an input of this run"));
    assert_eq!(
        std::fs::read_to_string(dir.join("released.csv")).unwrap(),
        before
    );
    assert!(
        !dir.join("round.json").exists(),
        "nothing written when one file is refused"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn logs_never_carry_equality_fields_even_when_verbose() {
    let values: BTreeSet<String> =
        std::fs::read_to_string(root().join("configs/examples/footprint/people.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .flat_map(|line| {
                let cells: Vec<String> = line.split(',').map(str::to_string).collect();
                // sex, ethnicity, disability, age_band are columns 22 to 25.
                cells[21..25].to_vec()
            })
            .filter(|value| value.len() > 2)
            .collect();
    assert!(values.contains("Asian or Asian British"), "{values:?}");
    for args in [
        vec!["-vv", "run", FOOTPRINT, "--format", "html"],
        vec!["-vv", "compare", FOOTPRINT],
    ] {
        let output = redeploy(&args);
        assert!(output.status.success(), "stderr: {}", stderr(&output));
        let log = stderr(&output);
        assert!(!log.is_empty(), "-vv logs something");
        for value in &values {
            assert!(!log.contains(value.as_str()), "{args:?} logged `{value}`");
        }
    }
    let quiet = redeploy(&["run", FOOTPRINT, "--format", "html"]);
    assert!(stderr(&quiet).is_empty(), "default level prints nothing");
}

/// Every key of `value`, at any depth.
fn keys(value: &serde_json::Value, into: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                into.insert(key.clone());
                keys(inner, into);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| keys(item, into)),
        _ => {}
    }
}

/// Whether `docs` names `key` in backticks, alone or as part of a dotted path (`why.summary`).
fn documented(docs: &str, key: &str) -> bool {
    docs.match_indices(key).any(|(at, _)| {
        let before = docs[..at].chars().next_back();
        let after = docs[at + key.len()..].chars().next();
        matches!(before, Some('`' | '.')) && matches!(after, Some('`' | '.'))
    })
}

#[test]
fn every_json_field_is_documented() {
    let engine_docs = std::fs::read_to_string(root().join("docs/engine.md")).unwrap();
    let schema = &engine_docs[engine_docs
        .find("## The round as JSON")
        .expect("docs/engine.md has the JSON section")..];
    let reports_docs = std::fs::read_to_string(root().join("docs/reports.md")).unwrap();
    let mut round_keys = BTreeSet::new();
    for scenario in [SMALL, FOOTPRINT] {
        let output = redeploy(&["run", scenario, "--format", "json"]);
        let mut value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        // The policy as applied has the fields of a policy file, documented in
        // docs/scenario-format.md (a test of the model checks them).
        let policy = value["provenance"]
            .as_object_mut()
            .and_then(|provenance| provenance.remove("policy"));
        assert!(policy.is_some_and(|p| p.is_object()), "provenance.policy");
        round_keys.insert("policy".into());
        keys(&value, &mut round_keys);
    }
    let missing: Vec<&String> = round_keys
        .iter()
        .filter(|key| !documented(schema, key))
        .collect();
    assert!(
        missing.is_empty(),
        "round fields missing from docs/engine.md: {missing:?}"
    );
    let mut story_keys = BTreeSet::new();
    for person in ["P05", "P12", "P06"] {
        let output = redeploy(&["run", SMALL, "--explain", person, "--format", "json"]);
        let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        keys(&value["story"], &mut story_keys);
        story_keys.insert("story".into());
        story_keys.insert("outcome".into());
    }
    let missing: Vec<&String> = story_keys
        .iter()
        .filter(|key| !documented(&reports_docs, key) && !documented(schema, key))
        .collect();
    assert!(
        missing.is_empty(),
        "story fields missing from docs: {missing:?}"
    );
}

#[test]
fn every_csv_column_is_documented() {
    let docs = std::fs::read_to_string(root().join("docs/reports.md")).unwrap();
    let dir = scratch("columns");
    let output = redeploy(&["run", SMALL, "--out", dir.to_str().unwrap()]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    for name in [
        "placements.csv",
        "unplaced.csv",
        "released.csv",
        "equality.csv",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let text = text
            .strip_prefix('\u{feff}')
            .expect("files start with a BOM for Excel");
        let header = text.lines().next().unwrap();
        for column in header.split(',') {
            assert!(
                docs.contains(&format!("`{column}`")),
                "{name}: column `{column}` is not in docs/reports.md"
            );
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}
