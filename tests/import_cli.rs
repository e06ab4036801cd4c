//! `redeploy import` end to end: the invented sample extracts in `configs/import/sample/` are
//! imported, the scenario is checked and a round run on it, and the import report, the round's
//! summary and its placements are compared with the golden files in `tests/golden/import/`.
//! Then broken extracts: every problem in one run with its file, line, column, what was found
//! and what was expected, nothing written without `--force`, outputs never replaced without it.
//! Refresh the golden files with `UPDATE_GOLDEN=1 cargo test --test import_cli` after reading
//! the diff.

use std::path::{Path, PathBuf};
use std::process::Output;

mod cli;
use cli::{redeploy, root};

const SAMPLE: &str = "configs/import/sample";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn sample(file: &str) -> String {
    format!("{SAMPLE}/{file}")
}

/// `redeploy import` of the sample with `staff` and `vacancies` in place of the sample's
/// extracts, into `out`.
fn import(staff: &str, vacancies: &str, out: &Path, extra: &[&str]) -> Output {
    let mapping = sample("mapping.toml");
    let postcodes = sample("postcodes.csv");
    let at_risk = sample("at-risk.csv");
    let mut args = vec![
        "import",
        "--staff",
        staff,
        "--vacancies",
        vacancies,
        "--mapping",
        &mapping,
        "--postcodes",
        &postcodes,
        "--at-risk",
        &at_risk,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    redeploy(&args)
}

fn check_golden(name: &str, actual: &str) {
    let dir = root().join("tests/golden/import");
    let path = dir.join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
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
            .map_or(
                expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{name} differs from {} from line {line}:\nexpected: {:?}\nactual:   {:?}",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or(""),
            actual.lines().nth(line - 1).unwrap_or("")
        );
    }
}

#[test]
fn the_sample_extracts_import_check_and_run_as_the_golden_files_say() {
    let out = scratch("sample");
    let imported = import(
        &sample("esr-staff-in-post.csv"),
        &sample("nhs-jobs-vacancies.csv"),
        &out,
        &[],
    );
    assert!(
        imported.status.success(),
        "import failed: {}",
        text(&imported.stderr)
    );
    let report = text(&imported.stdout);
    assert_eq!(
        std::fs::read_to_string(out.join("import-report.txt")).unwrap(),
        report,
        "the report written is the report shown"
    );
    check_golden("import-report.txt", &report);

    let scenario = out.join("scenario.toml");
    let scenario = scenario.to_str().unwrap();
    let checked = redeploy(&["check", scenario]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));

    // Names and unread columns never reach the scenario.
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    assert!(!people.contains("Sample Person"), "a name was written");
    assert!(
        !people.lines().next().unwrap().contains("name"),
        "a name column was written"
    );
    for unread in ["Christianity", "Heterosexual", "Depending on experience"] {
        let all: String = ["people.csv", "vacancies.csv", "scenario.toml"]
            .iter()
            .map(|f| std::fs::read_to_string(out.join(f)).unwrap())
            .collect();
        assert!(
            !all.contains(unread),
            "an unread column's `{unread}` was written"
        );
    }

    let round = redeploy(&["run", scenario]);
    assert!(round.status.success(), "{}", text(&round.stderr));
    check_golden("summary.txt", &text(&round.stdout));
    let results = out.join("round");
    let csv = redeploy(&[
        "run",
        scenario,
        "--format",
        "csv",
        "--out",
        results.to_str().unwrap(),
    ]);
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    check_golden(
        "placements.csv",
        &std::fs::read_to_string(results.join("placements.csv")).unwrap(),
    );
    std::fs::remove_dir_all(out).unwrap();
}

/// A staff extract with one header and the rows given.
fn write_staff(dir: &Path, rows: &[&str]) -> String {
    let header = std::fs::read_to_string(root().join(sample("esr-staff-in-post.csv")))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("staff.csv");
    std::fs::write(&path, format!("{header}\r\n{}\r\n", rows.join("\r\n"))).unwrap();
    path.to_str().unwrap().to_string()
}

/// A row of the staff extract for an id the sample's at-risk file lists, with cells replaced.
fn staff_row(cells: &[(usize, &str)]) -> String {
    let sample_text =
        std::fs::read_to_string(root().join(sample("esr-staff-in-post.csv"))).unwrap();
    let at_risk = std::fs::read_to_string(root().join(sample("at-risk.csv"))).unwrap();
    let first_id = at_risk.lines().nth(1).unwrap();
    let line = sample_text
        .lines()
        .find(|line| line.starts_with(first_id))
        .unwrap();
    let mut fields: Vec<String> = csv_fields(line);
    for (index, value) in cells {
        fields[*index] = value.to_string();
    }
    fields
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect()
}

// Columns of the sample staff extract.
const ID: usize = 0;
const STAFF_GROUP: usize = 5;
const GRADE: usize = 8;
const PAY_POINT: usize = 9;
const SALARY: usize = 10;
const SERVICE_START: usize = 13;
const BIRTH: usize = 14;
const POSTCODE: usize = 17;

#[test]
fn every_problem_is_listed_in_one_run_and_nothing_is_written() {
    let dir = scratch("problems");
    let at_risk = std::fs::read_to_string(root().join(sample("at-risk.csv"))).unwrap();
    let ids: Vec<&str> = at_risk.lines().skip(1).take(5).collect();
    let rows = [
        staff_row(&[(ID, ids[0]), (BIRTH, "10/13/1980")]),
        staff_row(&[(ID, ids[1]), (STAFF_GROUP, "Estates & Ancillary")]),
        staff_row(&[(ID, ids[2]), (POSTCODE, "QQ9 9QQ")]),
        staff_row(&[
            (ID, ids[3]),
            (GRADE, "Band 5"),
            (PAY_POINT, ""),
            (SALARY, "£80,000"),
        ]),
        staff_row(&[(ID, ids[4]), (SERVICE_START, "2026-01-05")]),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let staff = write_staff(&dir, &rows);
    let out = dir.join("out");
    let output = import(&staff, &sample("nhs-jobs-vacancies.csv"), &out, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    let expected = [
        "staff.csv: record 1 (line 2), column `Date of Birth`: `10/13/1980` is not a date, expected a date as ISO `2025-10-03` or day-first `03/10/2025` (a day that exists)",
        "staff.csv: record 3 (line 4), column `Work Location Postcode`: `QQ9 9QQ` is not in the postcode file, nor is its district `QQ9`",
        "staff.csv: record 4 (line 5), column `Annual Salary`: `£80,000` is outside band 5 on afc-2025-26 (£31049 to £37796)",
        "staff.csv: record 5 (line 6), column `NHS Continuous Service Start Date`: `2026-01-05` is after the round date 2025-10-01",
        "staff.csv: record 2 (line 3), column `Staff Group`: `Estates & Ancillary` is not in codes.job_family of the mapping (1 row from this line fail)",
        "at-risk.csv: record 6 (line 7): `",
    ];
    for wanted in expected {
        assert!(report.contains(wanted), "missing `{wanted}` in:\n{report}");
    }
    assert!(
        report.contains("5 rows read: 0 imported, 0 skipped, 5 failed"),
        "{report}"
    );
    assert!(
        !out.exists(),
        "nothing may be written when there are problems"
    );

    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn force_leaves_out_failed_rows_and_replaces_outputs_only_when_given() {
    let dir = scratch("force");
    let sample_staff =
        std::fs::read_to_string(root().join(sample("esr-staff-in-post.csv"))).unwrap();
    let at_risk = std::fs::read_to_string(root().join(sample("at-risk.csv"))).unwrap();
    let bad_id = at_risk.lines().nth(1).unwrap();
    // The sample with one at-risk row's staff group made unknown.
    let mut lines: Vec<String> = sample_staff.lines().map(str::to_string).collect();
    let index = lines.iter().position(|l| l.starts_with(bad_id)).unwrap();
    let mut fields = csv_fields(&lines[index]);
    fields[STAFF_GROUP] = "Porters".to_string();
    lines[index] = fields
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(",");
    std::fs::create_dir_all(&dir).unwrap();
    let staff = dir.join("staff.csv");
    std::fs::write(&staff, lines.join("\n")).unwrap();
    let staff = staff.to_str().unwrap();
    let out = dir.join("out");
    let vacancies = sample("nhs-jobs-vacancies.csv");

    let refused = import(staff, &vacancies, &out, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stdout).contains("`Porters` is not in codes.job_family"));
    assert!(!out.exists());

    let forced = import(staff, &vacancies, &out, &["--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    assert!(!people.contains(bad_id), "the failed row was written");
    assert_eq!(people.lines().count() - 1, at_risk.lines().count() - 2);

    let again = import(&sample("esr-staff-in-post.csv"), &vacancies, &out, &[]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again.stderr));
    assert!(text(&again.stderr).contains("already exist"));
    assert_eq!(
        std::fs::read_to_string(out.join("people.csv")).unwrap(),
        people
    );
    let replaced = import(
        &sample("esr-staff-in-post.csv"),
        &vacancies,
        &out,
        &["--force"],
    );
    assert!(replaced.status.success(), "{}", text(&replaced.stderr));
    assert!(
        std::fs::read_to_string(out.join("people.csv"))
            .unwrap()
            .contains(bad_id)
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unknown_mapping_field_is_refused_with_a_suggestion() {
    let dir = scratch("mapping");
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(root().join(sample("mapping.toml"))).unwrap();
    let sample_dir = root().join(SAMPLE);
    let mapping = original
        .replace("\"../", &format!("\"{}/../", sample_dir.display()))
        .replace(
            "\"codes-westmoor",
            &format!("\"{}/codes-westmoor", sample_dir.display()),
        )
        .replace("round_date =", "round_dte =");
    let path = dir.join("mapping.toml");
    std::fs::write(&path, mapping).unwrap();
    let output = redeploy(&[
        "import",
        "--staff",
        &sample("esr-staff-in-post.csv"),
        "--vacancies",
        &sample("nhs-jobs-vacancies.csv"),
        "--mapping",
        path.to_str().unwrap(),
        "--postcodes",
        &sample("postcodes.csv"),
        "--at-risk",
        &sample("at-risk.csv"),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("unknown field `round_dte`"), "{stderr}");
    assert!(stderr.contains("did you mean `round_date`?"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}
