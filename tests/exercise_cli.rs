//! End-to-end tests of `redeploy exercise`: commands and exit codes, a process killed at many
//! points during `propose` and `record` (the file verifies and is at the state before or after),
//! byte-identical output on one and two threads, and the report's files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_redeploy"));
    command
        .current_dir(root())
        .args(args)
        .env_remove("RUST_LOG");
    command
}

fn redeploy(args: &[&str]) -> Output {
    command(args).output().expect("the redeploy binary runs")
}

fn ok(args: &[&str]) -> String {
    let output = redeploy(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-exercise-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Starts an exercise of the footprint example in `file` on 2025-10-01 (with `new_args` added
/// to `new`), runs round 1 on 2025-10-06, and returns that round's proposals from the history.
fn first_round_proposals(file: &Path, new_args: &[&str]) -> serde_json::Value {
    let mut new = vec!["exercise", "new", s(file), "--scenario", FOOTPRINT];
    new.extend_from_slice(new_args);
    new.extend_from_slice(&["--by", "HR", "--date", "2025-10-01"]);
    ok(&new);
    ok(&[
        "exercise",
        "propose",
        s(file),
        "--by",
        "HR",
        "--date",
        "2025-10-06",
        "--format",
        "json",
    ]);
    let text = ok(&["exercise", "history", s(file), "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&text).unwrap();
    events[1]["event"]["proposals"].clone()
}

/// Events in the file, from `history --format json`.
fn event_count(file: &Path) -> usize {
    let text = ok(&["exercise", "history", s(file), "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&text).unwrap();
    events.as_array().unwrap().len()
}

/// An exercise with round 1 proposed and the priority offers made.
fn prepared(dir: &Path) -> (PathBuf, Vec<(String, String, bool)>) {
    let file = dir.join("ex.db");
    let proposals = first_round_proposals(&file, &[]);
    let pairs: Vec<(String, String, bool)> = proposals
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["person"].as_str().unwrap().to_string(),
                p["vacancy"].as_str().unwrap().to_string(),
                p["priority"].as_bool().unwrap(),
            )
        })
        .collect();
    (file, pairs)
}

#[test]
fn commands_record_refuse_and_report_with_their_exit_codes() {
    let dir = scratch("commands");
    let (file, pairs) = prepared(&dir);
    // Exists: never overwritten (usage, 2).
    let again = redeploy(&[
        "exercise",
        "new",
        s(&file),
        "--scenario",
        FOOTPRINT,
        "--by",
        "HR",
    ]);
    assert_eq!(again.status.code(), Some(2));
    // --by is required.
    assert_eq!(
        redeploy(&[
            "exercise",
            "record",
            s(&file),
            "hold",
            "--vacancy",
            "V0001",
            "--reason",
            "x"
        ])
        .status
        .code(),
        Some(2)
    );
    // A contradiction: exit 1, a clear message, nothing written.
    let before = std::fs::read(&file).unwrap();
    let (person, vacancy, _) = pairs.iter().find(|p| p.2).unwrap().clone();
    let out = redeploy(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-07",
        "accept",
        "--person",
        &person,
        "--vacancy",
        &vacancy,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains(&format!("{person} holds no offer of {vacancy}")),
        "{message}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Offer and refuse unreasonably: the warning is printed and kept for status.
    ok(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "07/10/2025",
        "offer",
        "--person",
        &person,
        "--vacancy",
        &vacancy,
    ]);
    let text = ok(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-09",
        "refuse",
        "--person",
        &person,
        "--vacancy",
        &vacancy,
        "--reason",
        "prefers home site",
        "--suitable",
        "yes",
        "--reasonable",
        "no",
    ]);
    assert!(
        text.contains("warning:") && text.contains("ERA s141"),
        "{text}"
    );
    let status = ok(&["exercise", "status", s(&file), "--date", "2025-10-09"]);
    assert!(status.contains(&format!("{person} refused {vacancy}, a post judged suitable, unreasonably: redundancy pay may be at risk (ERA s141): a decision for HR, not made here")), "{status}");
    let history = ok(&["exercise", "history", s(&file), "--person", &person]);
    assert_eq!(history.lines().count(), 4, "{history}"); // header, round, offer, refusal
    let csv = ok(&[
        "exercise",
        "history",
        s(&file),
        "--vacancy",
        &vacancy,
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("\u{feff}seq,effective,kind,person,vacancy"),
        "{csv}"
    );
    assert_eq!(
        redeploy(&["exercise", "history", s(&file), "--person", "NOBODY"])
            .status
            .code(),
        Some(2)
    );
    // Report: every file, and verify passes.
    let out = dir.join("report");
    ok(&[
        "exercise",
        "report",
        s(&file),
        "--out",
        s(&out),
        "--date",
        "2025-10-09",
    ]);
    for name in [
        "exercise.html",
        "exercise.json",
        "rounds.csv",
        "funnel.csv",
        "people.csv",
        "equality.csv",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    let html = std::fs::read_to_string(out.join("exercise.html")).unwrap();
    assert!(
        html.contains("<svg") && html.contains("Equality monitoring"),
        "no charts"
    );
    let verify = ok(&["exercise", "verify", s(&file)]);
    assert!(verify.contains("hash chain intact"), "{verify}");
    // Not an exercise.
    let out = redeploy(&["exercise", "status", FOOTPRINT]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a redeploy exercise"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Kills `args` after `delay`, then checks the file verifies and holds `before` or `before + 1`
/// events. Returns whether the command had finished.
fn kill_and_check(file: &Path, args: &[&str], delay: Duration, before: usize) -> bool {
    let mut child = command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    let verify = redeploy(&["exercise", "verify", s(file)]);
    assert!(
        verify.status.success(),
        "after a kill at {delay:?}: {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let after = event_count(file);
    assert!(
        after == before || after == before + 1,
        "{before} events before, {after} after a kill at {delay:?}"
    );
    finished
}

#[test]
fn a_process_killed_at_any_point_leaves_the_file_before_or_after() {
    let dir = scratch("kill");
    let (file, pairs) = prepared(&dir);
    let base = std::fs::read(&file).unwrap();
    // Time one propose to spread the kills over it.
    let started = std::time::Instant::now();
    ok(&[
        "exercise",
        "propose",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-07",
        "--format",
        "json",
    ]);
    let took = started.elapsed();
    let steps = 24u32;
    let mut outcomes = (0, 0);
    for step in 0..steps {
        std::fs::write(&file, &base).unwrap();
        let delay = took * step / (steps - 4);
        let done = kill_and_check(
            &file,
            &[
                "exercise",
                "propose",
                s(&file),
                "--by",
                "HR",
                "--date",
                "2025-10-07",
                "--format",
                "json",
            ],
            delay,
            2,
        );
        if done {
            outcomes.1 += 1
        } else {
            outcomes.0 += 1
        }
    }
    assert!(outcomes.0 > 0, "no propose was killed before it finished");
    // Record: the priority offers, killed at short delays.
    let (person, vacancy, _) = pairs.iter().find(|p| p.2).unwrap().clone();
    for step in 0..24u64 {
        std::fs::write(&file, &base).unwrap();
        let delay = Duration::from_micros(step * 1500);
        kill_and_check(
            &file,
            &[
                "exercise",
                "record",
                s(&file),
                "--by",
                "HR",
                "--date",
                "2025-10-07",
                "offer",
                "--person",
                &person,
                "--vacancy",
                &vacancy,
            ],
            delay,
            2,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn proposals_and_reports_are_the_same_on_one_and_two_threads() {
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let dir = scratch(&format!("threads-{threads}"));
        let file = dir.join("ex.db");
        let run = |args: &[&str]| {
            let output = command(args)
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            output.stdout
        };
        run(&[
            "exercise",
            "new",
            s(&file),
            "--scenario",
            FOOTPRINT,
            "--by",
            "HR",
            "--date",
            "2025-10-01",
        ]);
        let round = run(&[
            "exercise",
            "propose",
            s(&file),
            "--by",
            "HR",
            "--date",
            "2025-10-06",
            "--format",
            "json",
        ]);
        let status = run(&[
            "exercise",
            "status",
            s(&file),
            "--date",
            "2025-10-06",
            "--format",
            "json",
        ]);
        let out = dir.join("report");
        run(&[
            "exercise",
            "report",
            s(&file),
            "--out",
            s(&out),
            "--date",
            "2025-10-06",
        ]);
        let html = std::fs::read(out.join("exercise.html")).unwrap();
        let json = std::fs::read(out.join("exercise.json")).unwrap();
        // Events carry the time they were recorded, so the head hash differs; nothing else may.
        let history = run(&["exercise", "history", s(&file), "--format", "json"]);
        let events: serde_json::Value = serde_json::from_slice(&history).unwrap();
        let proposals = events[1]["event"].to_string();
        let head = events[1]["hash"].as_str().unwrap().to_string();
        let unstamped = |bytes: Vec<u8>| {
            String::from_utf8(bytes)
                .unwrap()
                .replace(&head, "HEAD")
                .replace(&head[..12], "HEAD")
        };
        let (html, json) = (unstamped(html), unstamped(json));
        outputs.push((round, status, html, json, proposals));
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        outputs[0] == outputs[1],
        "outputs differ between 1 and 2 threads"
    );
}

#[test]
fn rules_given_to_new_are_kept_and_bad_ones_refused() {
    let dir = scratch("rules");
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, "trial_period_weeks = 6\n").unwrap();
    let file = dir.join("ex.db");
    let proposals = first_round_proposals(&file, &["--rules", s(&rules)]);
    let first = &proposals[0];
    let (person, vacancy) = (
        first["person"].as_str().unwrap(),
        first["vacancy"].as_str().unwrap(),
    );
    let status = ok(&[
        "exercise",
        "status",
        s(&file),
        "--date",
        "2025-10-06",
        "--format",
        "json",
    ]);
    assert!(status.contains("\"rounds\": 1"), "{status}");
    // A six-week trial under these rules.
    let priority: Vec<(String, String)> = proposals
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["priority"].as_bool().unwrap())
        .map(|p| {
            (
                p["person"].as_str().unwrap().to_string(),
                p["vacancy"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let (person, vacancy) = priority
        .first()
        .map_or((person, vacancy), |(p, v)| (p.as_str(), v.as_str()));
    ok(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-07",
        "offer",
        "--person",
        person,
        "--vacancy",
        vacancy,
    ]);
    ok(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-08",
        "accept",
        "--person",
        person,
        "--vacancy",
        vacancy,
    ]);
    let started = ok(&[
        "exercise",
        "record",
        s(&file),
        "--by",
        "HR",
        "--date",
        "2025-10-13",
        "trial-start",
        "--person",
        person,
        "--vacancy",
        vacancy,
    ]);
    assert!(started.contains("to 2025-11-23"), "{started}");
    std::fs::write(&rules, "trial_weeks = 6\n").unwrap();
    let out = redeploy(&[
        "exercise",
        "new",
        s(&dir.join("other.db")),
        "--scenario",
        FOOTPRINT,
        "--rules",
        s(&rules),
        "--by",
        "HR",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `trial_weeks`"));
    assert!(!dir.join("other.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
