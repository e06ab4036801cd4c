//! Golden files: the summary table, the CSV files, the JSON and one person's story for the
//! small example, byte for byte. The files in `tests/golden/small/` were read by eye before they
//! were locked; when a change to the engine or the renderers changes them on purpose, refresh
//! them with `UPDATE_GOLDEN=1 cargo test --test report_golden`, read the diff, and commit it.

use std::path::{Path, PathBuf};
use std::process::Command;

const SMALL: &str = "configs/examples/small/scenario.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden/small")
}

fn redeploy(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_redeploy"))
        .current_dir(root())
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the redeploy binary runs");
    assert!(
        output.status.success(),
        "redeploy {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Compares `actual` with the golden file `name`, or rewrites it under `UPDATE_GOLDEN=1`.
fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or_else(
                || expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{name} differs from {} from line {line}:\nexpected: {:?}\nactual:   {:?}\n(refresh with UPDATE_GOLDEN=1 after reading the diff)",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or(""),
            actual.lines().nth(line - 1).unwrap_or(""),
        );
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-golden-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn summary_table_of_the_small_example() {
    check_golden("summary.txt", &redeploy(&["run", SMALL]));
}

#[test]
fn round_json_of_the_small_example() {
    check_golden("round.json", &redeploy(&["run", SMALL, "--format", "json"]));
}

#[test]
fn csv_files_of_the_small_example() {
    let dir = scratch("csv");
    redeploy(&[
        "run",
        SMALL,
        "--format",
        "csv",
        "--out",
        dir.to_str().unwrap(),
    ]);
    for name in [
        "placements.csv",
        "unplaced.csv",
        "voluntary_redundancy.csv",
        "released.csv",
        "equality.csv",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        check_golden(name, &text);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn story_of_one_person_in_the_small_example() {
    // P05 loses the ICB's band 7 post to P04 (maternity leave) and goes one band down at the
    // mental health trust.
    check_golden(
        "explain-P05.txt",
        &redeploy(&["run", SMALL, "--explain", "P05"]),
    );
}

/// A fixed pseudonym key for the golden files; a real key is random and kept apart from
/// the reports.
const TEST_KEY: &str = "tests/golden/small/pseudonym-key.txt";

#[test]
fn pseudonymised_summary_of_the_small_example() {
    check_golden(
        "summary-pseudonymised.txt",
        &redeploy(&["run", SMALL, "--pseudonymise", "--pseudonym-key", TEST_KEY]),
    );
}
