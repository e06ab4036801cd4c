//! `redeploy solve` end to end: the trap instances give the expected optimum (read from the
//! files' `c expect` lines), `--peer-line` has the shape the peer benchmark parses, the assignment
//! is printed in the file's node IDs, 1 and 2 threads agree, and bad input gives exit code 1 with
//! the line number (2 for a missing file).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn trap(name: &str) -> PathBuf {
    root().join("crates/assign/tests/data").join(name)
}

fn redeploy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redeploy"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the redeploy binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `(matched, total_cost)` from a trap file's `c expect matched=M total_cost=C` line.
fn expected(path: &Path) -> (String, String) {
    let content = std::fs::read_to_string(path).expect("trap file is readable");
    let line = content
        .lines()
        .find_map(|l| l.strip_prefix("c expect "))
        .expect("trap files carry a `c expect` line");
    let field = |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key))
            .expect("field present")
            .to_string()
    };
    (field("matched="), field("total_cost="))
}

#[test]
fn traps_report_the_optimum() {
    for name in ["penalty_trap.asn", "skip_row_trap.asn"] {
        let path = trap(name);
        let (matched, cost) = expected(&path);
        let out = redeploy(&["solve", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains(&format!("matched {matched} of ")),
            "{name}: {stdout}"
        );
        assert!(
            stdout.contains(&format!("total cost {cost}\n")),
            "{name}: {stdout}"
        );
        assert!(
            stdout.contains("read ") && stdout.contains(", solve "),
            "{stdout}"
        );
    }
}

#[test]
fn peer_line_has_the_benchmark_shape_and_threads_agree() {
    let path = trap("penalty_trap.asn");
    let (matched, cost) = expected(&path);
    let mut answers = Vec::new();
    for threads in ["1", "2"] {
        let out = redeploy(&[
            "solve",
            path.to_str().unwrap(),
            "--peer-line",
            "--repeat",
            "3",
            "--threads",
            threads,
            "--assignment",
        ]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let mut lines = stdout.lines();
        let fields: Vec<&str> = lines
            .next()
            .expect("a peer line")
            .split_whitespace()
            .collect();
        assert_eq!(
            &fields[..6],
            &["redeploy", "3", "3", "5", matched.as_str(), cost.as_str()]
        );
        assert!(
            fields[6].parse::<f64>().is_ok(),
            "seconds field: {}",
            fields[6]
        );
        assert!(fields.contains(&"runs=3"), "{fields:?}");
        assert!(
            fields.contains(&format!("threads={threads}").as_str()),
            "{fields:?}"
        );
        answers.push(lines.map(str::to_string).collect::<Vec<_>>());
    }
    // Rows are nodes 1..=3 and columns 4..=6: everyone is placed along the chain.
    assert_eq!(answers[0], vec!["1 4 10", "2 5 10", "3 6 10"]);
    assert_eq!(
        answers[0], answers[1],
        "1 and 2 threads gave different assignments"
    );
}

#[test]
fn reference_solver_agrees() {
    let path = trap("skip_row_trap.asn");
    let (matched, cost) = expected(&path);
    let out = redeploy(&[
        "solve",
        path.to_str().unwrap(),
        "--reference",
        "--peer-line",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let fields: Vec<&str> = stdout.split_whitespace().collect();
    assert_eq!(
        (fields[4], fields[5]),
        (matched.as_str(), cost.as_str()),
        "{stdout}"
    );
}

#[test]
fn malformed_file_names_the_line() {
    let dir = std::env::temp_dir().join(format!("redeploy-solve-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.asn");
    std::fs::write(&bad, "p asn 3 1\nn 1\na 1 2 seven\n").unwrap();
    let out = redeploy(&["solve", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "stdout: {}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("line 3: expected `a SRC DST COST` with three non-negative integers, found `a 1 2 seven`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_and_bad_flags_are_usage_errors() {
    let out = redeploy(&["solve", "no/such/file.asn"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no/such/file.asn"),
        "{}",
        text(&out.stderr)
    );
    let path = trap("skip_row_trap.asn");
    let out = redeploy(&["solve", path.to_str().unwrap(), "--repeat", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
