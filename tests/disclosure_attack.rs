//! The disclosure attack (issue 10, part 1) on what `redeploy` publishes about equality groups.
//!
//! - On the equality figures published before the fix (`tests/data/disclosure-before`, the
//!   footprint example), the attack recovers the hidden cells the issue names.
//! - On both shipped examples, under the scenario's own policy and every policy in
//!   `configs/policies`, taken together (they share the scenario), with the shipped comparison's
//!   flags, it recovers nothing; the summary and the HTML tables show the same cells as the CSV.
//! - On random scenarios from `redeploy-synth`, rendered in process by the same renderers, it
//!   recovers nothing.

mod attack;

use std::path::{Path, PathBuf};
use std::process::Command;

use attack::{Published, Reference, attack};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
        "redeploy {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-attack-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `scenario` under `policy` (or its own) and reads what the run publishes.
fn publish(scenario: &str, policy: Option<&str>, label: &str) -> Published {
    let dir = out_dir(&label.replace(['/', ' '], "-"));
    let dir_text = dir.to_string_lossy().to_string();
    let mut args = vec!["run", scenario, "--out", &dir_text];
    if let Some(policy) = policy {
        args.extend(["--policy", policy]);
    }
    redeploy(&args);
    let equality = read(&dir.join("equality.csv"));
    let summary = read(&dir.join("summary.txt"));
    let html = read(&dir.join("report.html"));
    let published = Published::read(
        label,
        &equality,
        &read(&dir.join("round.json")),
        Some(&html),
    );
    same_cells_everywhere(&published, &summary, &html);
    let _ = std::fs::remove_dir_all(&dir);
    published
}

/// The summary and the HTML table of every group show exactly the CSV's four counts.
fn same_cells_everywhere(published: &Published, summary: &str, html: &str) {
    for (characteristic, groups) in &published.tables {
        for group in groups {
            let cells: Vec<String> = group
                .cells
                .iter()
                .map(|c| match c {
                    attack::Cell::Exact(n) => n.to_string(),
                    attack::Cell::Small => "<5".to_string(),
                    attack::Cell::Hidden => "x".to_string(),
                })
                .collect();
            let line = summary
                .lines()
                .skip_while(|l| !l.starts_with(&format!("  {characteristic}  ")))
                .find(|l| l.contains(&format!(" {}  ", group.name)))
                .unwrap_or_else(|| panic!("summary has {characteristic}: {}", group.name));
            let after = &line[line.find(&group.name).unwrap_or(0) + group.name.len()..];
            let shown: Vec<&str> = after.split_whitespace().take(4).collect();
            assert_eq!(
                shown, cells,
                "summary row of {characteristic}: {}",
                group.name
            );
            let cell = format!("<td>{}</td>", group.name.replace('&', "&amp;"));
            let section = html
                .find(&format!("<h3>By {characteristic}</h3>"))
                .map(|at| &html[at..])
                .unwrap_or_else(|| panic!("HTML has a section on {characteristic}"));
            let at = section
                .find(&cell)
                .unwrap_or_else(|| panic!("HTML table has {characteristic}: {}", group.name));
            let shown: Vec<&str> = section[at + cell.len()..]
                .split("<td class=\"num\">")
                .skip(1)
                .take(4)
                .map(|c| c.split("</td>").next().unwrap_or_default())
                .map(|c| if c == "&lt;5" { "<5" } else { c })
                .collect();
            assert_eq!(shown, cells, "HTML row of {characteristic}: {}", group.name);
        }
    }
}

fn policies() -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(root().join("configs/policies"))
        .expect("configs/policies")
        .filter_map(|e| e.ok())
        .map(|e| format!("configs/policies/{}", e.file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".toml"))
        .collect();
    found.sort();
    found
}

/// Every run of `scenario` (its own policy, then every shipped policy), for a joint attack.
fn every_policy(scenario: &str) -> Vec<Published> {
    let mut runs = vec![publish(scenario, None, "own policy")];
    for policy in policies() {
        let label = Path::new(&policy)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        runs.push(publish(scenario, Some(&policy), &label));
    }
    runs
}

fn assert_nothing_disclosed(runs: &[Published]) {
    let found = attack(runs, Reference::HighestShown);
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        list.is_empty(),
        "hidden counts worked out:\n{}",
        list.join("\n")
    );
}

/// What the footprint or small example published before the fix (`equality.csv`, the headline
/// counts of `round.json`, the equality section of `report.html`), attacked under the rule then
/// documented.
fn attack_before(example: &str) -> Vec<String> {
    let dir = root().join("tests/data/disclosure-before").join(example);
    let before = Published::read(
        "before",
        &read(&dir.join("equality.csv")),
        &read(&dir.join("round.json")),
        Some(&read(&dir.join("report.html"))),
    );
    attack(&[before], Reference::HighestCompared)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The worked example: the 25-34 row's rate and ratio give the reference rate, which only
/// 16-24 with 9 placed can have; the ethnicity rows do the same for Asian or Asian British.
#[test]
fn the_figures_published_before_the_fix_give_hidden_counts_away() {
    let found = attack_before("footprint");
    for leak in [
        "before: age band 16-24 placed = 9",
        "before: age band 16-24 voluntary redundancy = 2",
        "before: ethnicity Asian or Asian British placed = 14",
        "before: ethnicity Asian or Asian British voluntary redundancy = 1",
    ] {
        assert!(
            found.iter().any(|f| f == leak),
            "{leak} not found in {found:#?}"
        );
    }
}

/// Before the fix the small example hid its four recorded age bands (one person each), but the
/// headline (14 placed, 1 leaving) and the not-recorded row (17 people, 10 placed) leave one
/// answer: all four were placed. The same goes for the women and men of the sex table.
#[test]
fn the_small_example_before_the_fix_gave_hidden_counts_away() {
    let found = attack_before("small");
    for leak in [
        "before: age band 25-34 people = 1",
        "before: age band 25-34 placed = 1",
        "before: age band 55-64 unplaced = 0",
        "before: sex female unplaced = 0",
        "before: sex male voluntary redundancy = 0",
    ] {
        assert!(
            found.iter().any(|f| f == leak),
            "{leak} not found in {found:#?}"
        );
    }
}

/// The small example's 21 people record few equality fields: each characteristic has one
/// group of 5 or more (not recorded) and small groups, which combined with it leave one row, so
/// every table is withheld and the attack has nothing to work on.
#[test]
fn the_small_example_under_every_policy_gives_nothing_away() {
    let runs = every_policy("configs/examples/small/scenario.toml");
    assert!(
        runs.iter().all(|r| r.tables.is_empty()),
        "every table is withheld"
    );
    let summary = redeploy(&["run", "configs/examples/small/scenario.toml"]);
    for characteristic in ["sex", "ethnicity", "disability", "age band"] {
        assert!(
            summary.contains(&format!("  {characteristic:<12}withheld")),
            "{characteristic} is withheld:\n{summary}"
        );
    }
    assert_nothing_disclosed(&runs);
}

#[test]
fn the_footprint_example_under_every_policy_and_the_shipped_comparison_give_nothing_away() {
    let scenario = "configs/examples/footprint/scenario.toml";
    let mut runs = every_policy(scenario);
    let mut args = vec!["compare", scenario];
    let shipped = [
        "configs/policies/own-employer.toml",
        "configs/policies/footprint-ring-fence.toml",
        "configs/policies/footprint-region-block-external.toml",
    ];
    for policy in &shipped {
        args.extend(["--policy", policy]);
    }
    args.extend(["--format", "csv"]);
    let compare = redeploy(&args);
    let mut reader = csv::Reader::from_reader(compare.trim_start_matches('\u{feff}').as_bytes());
    let flagged = reader
        .records()
        .map(|r| r.expect("a compare row"))
        .find(|r| &r[0] == "flagged groups")
        .expect("compare has the flagged groups");
    for (i, policy) in shipped.iter().enumerate() {
        let stem = Path::new(policy)
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        let run = runs
            .iter_mut()
            .find(|r| r.label == stem)
            .expect("the shipped policy was run");
        run.add_compare_flags(&flagged[i + 1]);
    }
    assert_nothing_disclosed(&runs);
}

mod random {
    use super::*;
    use redeploy_model::Policy;
    use redeploy_report::{Report, ReportOptions};
    use redeploy_synth::SynthConfig;

    fn published(scenario: &redeploy_model::Scenario, policy: &Policy, label: &str) -> Published {
        let round = redeploy_engine::run_round(scenario, &policy.validate().unwrap())
            .expect("the round runs");
        let report = Report::new(scenario, &round, ReportOptions::default());
        let csv = redeploy_report::csv_export::equality(&report.equality).expect("CSV");
        let json = redeploy_report::json::to_json(&report.round).expect("JSON");
        let html = redeploy_report::html::render(&report);
        Published::read(label, &csv, &json, Some(&html))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// Three policies on one random scenario, attacked together: the scenario's own, the
        /// own employer only (the same volunteers leave, so the voluntary counts are shared),
        /// and volunteers matched too.
        #[test]
        fn random_scenarios_give_nothing_away(
            seed in 0u64..1_000_000,
            people in 12u32..150,
            posts in 8u32..200,
        ) {
            let config = SynthConfig {
                footprints: 1,
                employers_per_footprint: 3,
                people,
                posts,
                ..SynthConfig::footprint_scale(seed)
            };
            let scenario = redeploy_synth::generate(&config).expect("a scenario");
            let mut own_employer = scenario.policy.clone();
            own_employer.tiers = vec![redeploy_model::Tier::Employer];
            let mut matched_too = scenario.policy.clone();
            matched_too.voluntary_redundancy.include_volunteers = true;
            let runs = [
                published(&scenario, &scenario.policy, "own policy"),
                published(&scenario, &own_employer, "own employer"),
                published(&scenario, &matched_too, "volunteers matched"),
            ];
            let found: Vec<String> = attack(&runs, Reference::HighestShown)
                .iter()
                .map(ToString::to_string)
                .collect();
            prop_assert!(found.is_empty(), "seed {seed}: {}", found.join("\n"));
        }
    }
}
