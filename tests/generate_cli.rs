//! `redeploy generate` end to end: the files it writes pass `redeploy check`, one seed writes
//! byte-identical files, another seed different ones, and existing files are kept unless
//! `--force` is given.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use redeploy_model::SCENARIO_DIR_FILES;

fn redeploy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redeploy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the redeploy binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-generate-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Generates a small scenario (3 footprints, 4 employers each, 150 people, 300 posts).
fn generate(out: &Path, seed: &str, extra: &[&str]) -> Output {
    let out = out.to_str().expect("temporary paths are UTF-8");
    let mut args = vec![
        "generate",
        "--footprints",
        "3",
        "--employers-per-footprint",
        "4",
        "--people",
        "150",
        "--posts",
        "300",
        "--seed",
        seed,
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    redeploy(&args)
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    SCENARIO_DIR_FILES
        .iter()
        .map(|name| {
            (
                name.to_string(),
                fs::read(dir.join(name)).expect("file written"),
            )
        })
        .collect()
}

#[test]
fn a_generated_scenario_passes_check() {
    let dir = scratch("check");
    let out = generate(&dir, "3", &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("150 people at risk"),
        "{}",
        text(&out.stderr)
    );
    let scenario = dir.join("scenario.toml");
    let check = redeploy(&["check", scenario.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "check failed: {}",
        text(&check.stderr)
    );
    assert!(
        text(&check.stdout).contains("scenario `synthetic-3x4-150p-300v-seed3` is valid"),
        "{}",
        text(&check.stdout)
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_seed_writes_byte_identical_files_and_another_seed_different_ones() {
    let (first, second, other) = (scratch("seed-a"), scratch("seed-b"), scratch("seed-c"));
    for (dir, seed) in [(&first, "42"), (&second, "42"), (&other, "43")] {
        let out = generate(dir, seed, &[]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    }
    assert_eq!(
        files(&first),
        files(&second),
        "one seed wrote different files"
    );
    let differing: Vec<String> = files(&first)
        .into_iter()
        .zip(files(&other))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect();
    for name in ["people.csv", "vacancies.csv", "sites.csv", "scenario.toml"] {
        assert!(
            differing.iter().any(|d| d == name),
            "{name} did not change with the seed"
        );
    }
    for dir in [first, second, other] {
        fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn existing_files_are_kept_without_force_and_replaced_with_it() {
    let dir = scratch("force");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("people.csv"), "keep me").unwrap();
    let out = generate(&dir, "1", &[]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("people.csv` already exists") && stderr.contains("pass --force"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("people.csv")).unwrap(),
        "keep me"
    );
    assert!(
        !dir.join("scenario.toml").exists(),
        "nothing may be written after a refusal"
    );
    let out = generate(&dir, "1", &["--force"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        fs::read_to_string(dir.join("people.csv"))
            .unwrap()
            .starts_with("id,")
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sizes_out_of_range_and_bad_dates_are_usage_errors() {
    let dir = scratch("range");
    let out = redeploy(&[
        "generate",
        "--footprints",
        "0",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: `footprints` is `0`, expected from 1 to 999\n"
    );
    let out = redeploy(&[
        "generate",
        "--round-date",
        "01/10/2025",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("expected a date as YYYY-MM-DD, found `01/10/2025`"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.exists(), "a refused run must not create the directory");
}

#[test]
fn a_policy_file_is_written_into_the_scenario_and_never_overwritten() {
    let dir = scratch("policy");
    let policy = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("configs/policies/footprint-region-block-external.toml");
    let out = generate(&dir, "5", &["--policy", policy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let scenario = dir.join("scenario.toml");
    let check = redeploy(&["check", scenario.to_str().unwrap()]);
    assert!(
        text(&check.stdout)
            .contains("footprint-region-block-external: tiers employer -> footprint -> region"),
        "{}",
        text(&check.stdout)
    );
    let before = fs::read(&scenario).unwrap();
    let out = generate(
        &dir,
        "6",
        &["--policy", scenario.to_str().unwrap(), "--force"],
    );
    assert_eq!(out.status.code(), Some(2), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("is the --policy file"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read(&scenario).unwrap(),
        before,
        "the policy file was overwritten"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_generated_scenario_runs_a_three_tier_round_accounting_for_everyone() {
    let dir = scratch("run");
    let out = generate(&dir, "8", &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let scenario = dir.join("scenario.toml");
    let run = redeploy(&[
        "run",
        scenario.to_str().unwrap(),
        "--policy",
        "configs/policies/footprint-region-block-external.toml",
        "--format",
        "json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "run failed: {}",
        text(&run.stderr)
    );
    let round: serde_json::Value = serde_json::from_slice(&run.stdout).expect("run prints JSON");
    let count = |key: &str| round[key].as_array().map_or(0, Vec::len);
    assert_eq!(
        count("placements") + count("unplaced") + count("voluntary_redundancy"),
        150,
        "every person at risk is placed, unplaced or a volunteer"
    );
    assert!(count("placements") > 0, "a synthetic round places somebody");
    fs::remove_dir_all(&dir).unwrap();
}
