//! Loading records every file it reads, with the bytes it parsed: the footprint example's
//! five files, a policy given apart, and the files of a scenario that turns out invalid.

use std::path::{Path, PathBuf};

use redeploy_model::{Inputs, load_policy_recorded, load_scenario_recorded, sha256_hex};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_footprint_example_records_its_five_files() {
    let path = repo().join("configs/examples/footprint/scenario.toml");
    let mut inputs = Inputs::default();
    let scenario = load_scenario_recorded(&path, &mut inputs).unwrap();
    assert!(!scenario.people.is_empty());
    let roles: Vec<&str> = inputs.files().iter().map(|f| f.role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "scenario",
            "pay_scale",
            "policy",
            "people_csv",
            "vacancies_csv"
        ]
    );
    assert_eq!(inputs.files()[0].path, path.display().to_string());
    for file in inputs.files() {
        let bytes = std::fs::read(&file.path).unwrap();
        assert_eq!(file.bytes, bytes.len() as u64, "{}", file.path);
        assert_eq!(file.sha256, sha256_hex(&bytes), "{}", file.path);
    }
    let policy = repo().join("configs/policies/own-employer.toml");
    load_policy_recorded(&policy, "--policy", &mut inputs).unwrap();
    assert_eq!(inputs.files().last().unwrap().role, "--policy");
}

#[test]
fn an_invalid_scenario_still_records_what_was_read_and_not_what_was_not() {
    let dir = std::env::temp_dir().join(format!("redeploy-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("people.csv"), "id,unknown_column\nP1,x\n").unwrap();
    let scenario = dir.join("scenario.toml");
    std::fs::write(
        &scenario,
        "name = \"x\"\nround_date = 2025-10-01\npay_scale = \"missing-pay.toml\"\npeople_csv = \"people.csv\"\n",
    )
    .unwrap();
    let mut inputs = Inputs::default();
    assert!(load_scenario_recorded(&scenario, &mut inputs).is_err());
    let roles: Vec<&str> = inputs.files().iter().map(|f| f.role.as_str()).collect();
    assert_eq!(
        roles,
        ["scenario", "people_csv"],
        "the pay scale could not be read"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
