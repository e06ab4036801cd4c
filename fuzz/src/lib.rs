//! What the fuzz targets share: a private copy of the shipped configuration to load fuzzed
//! files against, and what happens to a scenario that loads (the round is run and every report
//! rendered, so that a valid but odd input reaches the engine and the renderers too).
//!
//! Every target asserts one thing: the code under test returns (`Ok` or an error), it never
//! panics. A panic is a crash that libFuzzer saves under `fuzz/artifacts/<target>/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use redeploy_model::{Scenario, load_scenario};
use redeploy_report::{Report, ReportOptions, csv_export, html, summary};

/// Largest scenario (people at risk) a target runs a round on; larger ones only load.
const MAX_ROUND_PEOPLE: usize = 200;

/// The shipped `configs/` directory.
pub fn configs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../configs")
}

/// A private directory for this process with `pay/`, `policies/` and `examples/footprint/`
/// copied from `configs/`, and the seed people and vacancy files beside the footprint scenario,
/// so that a fuzzed file can be written next to the scenario that reads it.
pub fn workspace() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("redeploy-fuzz-{}", std::process::id()));
        for dir in ["pay", "policies", "examples/small", "examples/footprint"] {
            let to = root.join(dir);
            std::fs::create_dir_all(&to).expect("create the fuzz workspace");
            for entry in std::fs::read_dir(configs().join(dir)).expect("read configs/") {
                let entry = entry.expect("list configs/");
                if entry.path().is_file() {
                    std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
                }
            }
        }
        // The footprint scenario, loaded with the small seed tables: every person refers only
        // to vacancies in the seed, so the unfuzzed side is always valid.
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let footprint = root.join("examples/footprint");
        for (seed, name) in [
            ("people_csv/footprint-head.csv", "people.csv"),
            ("vacancies_csv/footprint-head.csv", "vacancies.csv"),
        ] {
            std::fs::copy(seeds.join(seed), footprint.join(name)).expect("copy a seed");
        }
        root
    })
}

/// The footprint scenario of [`workspace`], for a target that writes one of its files.
pub fn footprint_scenario() -> PathBuf {
    workspace().join("examples/footprint/scenario.toml")
}

/// Writes `bytes` as `name` beside the footprint scenario of [`workspace`], loads the scenario,
/// and exercises it. A target only ever writes its own file, so the other stays the seed.
pub fn load_with_file(name: &str, bytes: &[u8]) {
    let path = footprint_scenario().with_file_name(name);
    std::fs::write(&path, bytes).expect("write the fuzzed file");
    if let Ok(scenario) = load_scenario(&footprint_scenario()) {
        exercise(&scenario);
    }
}

/// Runs the round of a scenario that loaded, and renders every report of it.
pub fn exercise(scenario: &Scenario) {
    if scenario.people.len() > MAX_ROUND_PEOPLE {
        return;
    }
    let Ok(round) = redeploy_engine::run_round(scenario, &scenario.policy.validate().unwrap()) else {
        return;
    };
    let report = Report::new(scenario, &round, ReportOptions::default());
    let _ = summary::render(&report, summary::SummaryOptions::default());
    let _ = html::render(&report);
    let _ = csv_export::placements(&report);
    let _ = csv_export::unplaced(&report);
    let _ = csv_export::released(&report);
    let _ = csv_export::equality(&report.equality);
    if let Some(person) = scenario.people.first() {
        let _ = redeploy_engine::person_story(scenario, &scenario.policy.validate().unwrap(), &person.id);
    }
}

/// Whether a fuzzed TOML text names a device or kernel file, which a scenario may legitimately
/// read but which would block or never end (`/dev/stdin`, `/dev/zero`).
pub fn names_special_file(text: &str) -> bool {
    ["/dev", "/proc", "/sys"]
        .iter()
        .any(|dir| text.contains(dir))
}
