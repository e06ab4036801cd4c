//! `redeploy check` end to end: exit code 0 for the shipped examples, 1 with every problem on
//! stderr for a broken copy, 2 for a usage error (missing file, bad flags).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn the_small_example_is_valid_and_summarised() {
    let out = redeploy(&["check", "configs/examples/small/scenario.toml"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        stdout.starts_with(
            "scenario `northvale-small` is valid (round date 2025-10-01, seed 2025)\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("policy     footprint-ring-fence: tiers employer -> footprint\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  total "), "{stdout}");
    let at_risk = stdout.lines().find(|l| l.starts_with("at risk")).unwrap();
    assert_eq!(at_risk.split_whitespace().last(), Some("21"), "{at_risk}");
    let posts = stdout.lines().find(|l| l.starts_with("posts")).unwrap();
    assert_eq!(posts.split_whitespace().last(), Some("36"), "{posts}");
}

#[test]
fn the_footprint_example_is_valid() {
    let out = redeploy(&["check", "configs/examples/footprint/scenario.toml"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("kingsmoor (Kingsmoor Integrated Care System, region midlands)")
    );
}

#[test]
fn a_policy_file_replaces_the_scenario_policy() {
    let out = redeploy(&[
        "check",
        "configs/examples/small/scenario.toml",
        "--policy",
        "configs/policies/footprint-region-block-external.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains(
        "policy     footprint-region-block-external: tiers employer -> footprint -> region, external recruitment blocked\n"
    ));
}

/// A copy of the small example with three mistakes, its file paths made absolute.
fn broken_copy() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let configs = root().join("configs");
    let text = std::fs::read_to_string(configs.join("examples/small/scenario.toml")).unwrap();
    let text = text
        .replace("\"../../pay/", &format!("\"{}/pay/", configs.display()))
        .replace(
            "\"../../policies/",
            &format!("\"{}/policies/", configs.display()),
        )
        .replacen(
            "id = \"P02\"\nemployer = \"QNV\"",
            "id = \"P02\"\nemployer = \"QNX\"",
            1,
        )
        .replacen(
            "band = \"8b\"\npay_point = 2",
            "band = \"10\"\npay_point = 2",
            1,
        )
        .replacen(
            "[[vacancies]]\nid = \"V20\"",
            "[[vacancies]]\nid = \"V19\"",
            1,
        );
    let path = dir.join("scenario.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_broken_scenario_reports_every_problem_and_exits_1() {
    let path = broken_copy();
    let out = redeploy(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing is summarised for an invalid scenario"
    );
    let stderr = text(&out.stderr).replace(&format!("{}", path.display()), "scenario.toml");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: scenario.toml:227:12: field `employer`: unknown employer `QNX`, expected the id of an employer in this scenario; did you mean `QNV`?",
            "error: scenario.toml:242:8: field `band`: `10` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
            "error: scenario.toml:696:6: field `id`: duplicate vacancy id `V19`, first defined at line 685, column 6; ids must be unique",
            "3 problems found",
        ]
    );
}

#[test]
fn a_missing_scenario_is_a_usage_error() {
    let out = redeploy(&["check", "configs/examples/nowhere/scenario.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("error: cannot read `configs/examples/nowhere/scenario.toml`: ")
    );
}

#[test]
fn a_missing_policy_file_is_a_usage_error() {
    let out = redeploy(&[
        "check",
        "configs/examples/small/scenario.toml",
        "--policy",
        "nowhere.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_invalid_policy_file_exits_1() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check_cli_policy");
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.toml");
    std::fs::write(&policy, "tiers = [\"region\", \"employer\"]\n").unwrap();
    let out = redeploy(&[
        "check",
        "configs/examples/small/scenario.toml",
        "--policy",
        policy.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains(":1:9: field `tiers`: tiers `region, employer` go from wide to narrow")
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    assert_eq!(
        redeploy(&["check"]).status.code(),
        Some(2),
        "a missing scenario argument"
    );
    assert_eq!(
        redeploy(&["check", "a.toml", "--colour"]).status.code(),
        Some(2),
        "an unknown flag"
    );
}

/// A copy of the footprint example with its pay scale and policy, `edit` applied to `file`.
fn footprint_copy(name: &str, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("check_cli")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let configs = root().join("configs");
    for entry in std::fs::read_dir(configs.join("examples/footprint")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let scenario = std::fs::read_to_string(dir.join("scenario.toml"))
        .unwrap()
        .replace("\"../../", &format!("\"{}/", configs.display()));
    std::fs::write(dir.join("scenario.toml"), scenario).unwrap();
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    std::fs::write(dir.join(file), edit(&text)).unwrap();
    dir.join("scenario.toml")
}

#[test]
fn a_broken_vacancies_file_reports_its_root_causes_then_counts_the_rest() {
    let scenario = footprint_copy("cascade", "vacancies.csv", |text| {
        text.replacen("id,title,", "idd,title,", 1)
    });
    let out = redeploy(&["check", scenario.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines[0].ends_with("vacancies.csv: header (line 1), column `idd`: unknown column for a vacancy; did you mean `id`?"), "{stderr}");
    assert!(lines[1].ends_with("vacancies.csv: header (line 1), column `id`: missing column, required for every vacancy"), "{stderr}");
    assert!(
        lines[2].ends_with(
            " more errors follow from these (column `ranked_vacancies` of people.csv); fix the errors above first"
        ),
        "{stderr}"
    );
    let follow: usize = lines[2].split(' ').next().unwrap().parse().unwrap();
    assert!(follow > 150, "{stderr}");
    assert_eq!(lines[3], "2 problems found");
}

#[test]
fn a_csv_file_split_by_semicolons_gets_a_delimiter_hint() {
    let scenario = footprint_copy("semicolons", "vacancies.csv", |text| text.replace(',', ";"));
    let out = redeploy(&["check", scenario.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.lines().next().unwrap().ends_with(
            "vacancies.csv: header (line 1): the header is one column split by `;`, expected columns separated by commas; the file looks separated by `;`: save it as comma-separated CSV (in Excel, \"CSV UTF-8 (Comma delimited)\")"
        ),
        "{stderr}"
    );
    assert!(stderr.ends_with("1 problem found\n"), "{stderr}");
}

#[test]
fn the_band_table_sizes_its_columns_to_five_digit_counts() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("check_cli")
        .join("wide");
    let out = redeploy(&[
        "generate",
        "--footprints",
        "1",
        "--employers-per-footprint",
        "2",
        "--people",
        "50",
        "--posts",
        "40000",
        "--force",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = redeploy(&["check", dir.join("scenario.toml").to_str().unwrap()]);
    let stdout = text(&out.stdout);
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|line| !line.starts_with("band "))
        .collect();
    assert_eq!(table.len(), 3, "{stdout}");
    let posts = table[2];
    assert!(
        posts
            .split_whitespace()
            .any(|count| count.len() == 5 && count != "posts"),
        "the test needs a band with 10,000 posts or more: {posts}"
    );
    for line in &table {
        let label = if line.starts_with("at risk") { 2 } else { 1 };
        assert_eq!(line.split_whitespace().count(), label + 13, "{stdout}");
        assert_eq!(line.len(), table[0].len(), "columns line up: {stdout}");
    }
}
