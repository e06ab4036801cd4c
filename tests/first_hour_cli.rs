//! What a new user meets in the first hour, end to end: an empty round is run with a warning,
//! `--out` naming a file says so, counts of one read in the singular, and the HTML page neither
//! cuts chart labels short nor points to CSV files it was not written with.

use std::path::PathBuf;

mod cli;
use cli::{redeploy, root, stderr, stdout};

const SMALL: &str = "configs/examples/small/scenario.toml";
const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("first_hour")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The small example with its `[[kind]]` tables kept only where `keep` says so, people's
/// ranked vacancies dropped, and its pay scale and policy named by absolute path.
fn small_with(name: &str, kind: &str, keep: impl Fn(&str) -> bool) -> String {
    let configs = root().join("configs");
    let text = std::fs::read_to_string(root().join(SMALL))
        .unwrap()
        .replace("\"../../", &format!("\"{}/", configs.display()));
    let table = format!("[[{kind}]]");
    let mut out = String::new();
    for (index, part) in text.split("\n[[").enumerate() {
        let part = if index == 0 {
            part.to_string()
        } else {
            format!("\n[[{part}")
        };
        if !part.trim_start().starts_with(&table) || keep(&part) {
            out.push_str(&part);
        }
    }
    let out: Vec<&str> = out
        .lines()
        .filter(|line| !line.starts_with("ranked_vacancies"))
        .collect();
    let path = scratch(name).join("scenario.toml");
    std::fs::write(&path, out.join("\n") + "\n").unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_round_without_people_runs_with_a_warning_on_stderr_and_in_the_summary() {
    let scenario = small_with("no-people", "people", |_| false);
    let out = redeploy(&["run", &scenario]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warning = "the scenario has no people at risk, so nobody takes part in matching; check its people (`[[people]]` or `people_csv`)";
    assert_eq!(stderr(&out), format!("warning: {warning}\n"));
    assert!(
        stdout(&out).contains(&format!("\n  warning: {warning}\n")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_round_without_posts_runs_with_a_warning() {
    let scenario = small_with("no-posts", "vacancies", |_| false);
    let out = redeploy(&["run", &scenario]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warning = "the scenario has no posts, so nobody can be placed; check its vacancies (`[[vacancies]]` or `vacancies_csv`)";
    assert_eq!(stderr(&out), format!("warning: {warning}\n"));
    assert!(stdout(&out).contains(warning), "{}", stdout(&out));
    let compare = redeploy(&["compare", &scenario]);
    assert_eq!(stderr(&compare), format!("warning: {warning}\n"));
}

#[test]
fn a_full_round_has_no_warning() {
    let out = redeploy(&["run", SMALL]);
    assert_eq!(stderr(&out), "");
    assert!(!stdout(&out).contains("warning"));
}

#[test]
fn out_naming_a_file_says_it_is_a_file() {
    let file = scratch("out-file").join("results");
    std::fs::write(&file, "mine").unwrap();
    let file = file.to_str().unwrap();
    let out = redeploy(&["run", SMALL, "--out", file]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: --out `{file}` is a file, expected a directory to write the outputs into (or a path that does not exist yet)\n"
        )
    );
    let out = redeploy(&["generate", "--out", file]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(&format!(
            "{file}: is a file, expected a directory to write the scenario into"
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(file).unwrap(), "mine");
}

#[test]
fn counts_of_one_are_singular() {
    let compare = stdout(&redeploy(&["compare", SMALL]));
    assert!(compare.starts_with("Compare 1 run on "), "{compare}");
    let html = stdout(&redeploy(&["compare", SMALL, "--format", "html"]));
    assert!(html.contains("<p>1 run on the same scenario"), "{html}");

    // V11 is a band 5 post that only a band 7 person fits: it is released.
    let scenario = small_with("one-vacancy", "vacancies", |t| t.contains("id = \"V11\""));
    let round = stdout(&redeploy(&["run", &scenario]));
    assert!(
        round.contains("\nReleased to open recruitment (1 vacancy)\n"),
        "{round}"
    );
    let html = stdout(&redeploy(&["run", &scenario, "--format", "html"]));
    assert!(
        html.contains("<h3>Released to open recruitment (1 vacancy)</h3>"),
        "{html}"
    );

    let dir = scratch("one-footprint");
    let out = redeploy(&[
        "generate",
        "--footprints",
        "1",
        "--employers-per-footprint",
        "2",
        "--people",
        "1",
        "--posts",
        "1",
        "--force",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        stderr(&out).contains(": 1 region, 1 footprint, "),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(", 1 person at risk, 1 vacancy (1 post)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_page_on_stdout_does_not_point_to_csv_files_it_was_not_written_with() {
    let page = stdout(&redeploy(&["run", FOOTPRINT, "--format", "html"]));
    assert!(!page.contains("every row is in"), "{page}");
    assert!(
        page.contains("The first 100 of 122; <code>redeploy run --out DIR</code> writes every row to placements.csv."),
        "{page}"
    );
    let dir = scratch("page-beside-csv");
    let out = redeploy(&["run", FOOTPRINT, "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        written.contains("The first 100 of 122; every row is in placements.csv."),
        "{written}"
    );
}

#[test]
fn chart_labels_are_whole_and_ids_in_the_lists_do_not_wrap() {
    let page = stdout(&redeploy(&["run", FOOTPRINT, "--format", "html"]));
    for label in page.split("class=\"label\">").skip(1) {
        let label = &label[..label.find("</text>").unwrap()];
        assert!(!label.contains('…'), "a label is cut short: {label}");
    }
    // The longest employer name, whole, over two lines.
    assert!(
        page.contains(">RHS Hollinbridge and Stanmere Hospitals</tspan><tspan x=")
            && page.contains(">NHS Foundation Trust</tspan>"),
        "{page}"
    );
    assert!(page.contains("#lists td:first-child { white-space: nowrap; }"));
}

#[test]
fn every_measure_of_the_summary_is_in_the_glossary() {
    let summary = stdout(&redeploy(&["run", SMALL]));
    let docs = std::fs::read_to_string(root().join("docs/reports.md")).unwrap();
    let start = docs.find("### What the summary's measures mean").unwrap();
    let glossary = &docs[start..start + docs[start..].find("\n## ").unwrap()];
    let explained: Vec<&str> = glossary
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|line| line.split(" |").next())
        .flat_map(|names| names.split(", "))
        .map(|name| name.split(" (").next().unwrap())
        .collect();
    for measure in [
        "at risk",
        "leaving under VR",
        "in matching",
        "with priority",
        "placed",
        "slotted in",
        "unplaced",
        "posts",
        "placements in a lower band",
        "tier",
        "at another employer",
        "open tiers",
        "problems",
        "people",
        "vacancies",
        "suitable pairs",
        "blocking pairs",
        "envious",
        "VR",
        "placed here",
        "elsewhere",
        "filled",
        "from elsewhere",
        "released",
        "liability",
        "redundancy pay avoided",
        "pay protection",
        "excess travel",
        "net saving",
        "residual liability",
        "voluntary redundancy",
        "placement rate",
        "FLAG",
    ] {
        assert!(summary.contains(measure), "the summary shows `{measure}`");
        assert!(
            explained.contains(&measure),
            "docs/reports.md explains `{measure}`: {explained:?}"
        );
    }
}

#[test]
fn the_readme_starts_with_two_commands_and_says_how_to_install() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("## Getting started").unwrap();
    let section = &readme[start..start + readme[start + 1..].find("\n## ").unwrap()];
    let block = section.split("```sh\n").nth(1).unwrap();
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(commands.len(), 2, "{section}");
    assert!(
        commands[0].starts_with("cargo run --release -- run configs/examples/"),
        "{section}"
    );
    assert!(
        commands[1].starts_with("cargo test --workspace"),
        "{section}"
    );
    assert!(readme.contains("`cargo install --locked --path .`"));
    // The England timing names its machine and a range, not a single promise.
    assert!(readme.contains("two-vCPU virtual machine"), "{readme}");
    assert!(readme.contains("5.4–6.5 s"), "{readme}");
    let ignored = std::fs::read_to_string(root().join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|line| line == "/results/"), "{ignored}");
}
