//! Generated scenarios load and validate through the model's own loader, and generation is
//! deterministic.

use std::path::{Path, PathBuf};

use redeploy_model::{
    DirOptions, load_scenario, parse_scenario, write_scenario_dir, write_scenario_toml,
};
use redeploy_synth::{SynthConfig, generate};

fn small(seed: u64) -> SynthConfig {
    SynthConfig {
        footprints: 3,
        employers_per_footprint: 4,
        people: 300,
        posts: 600,
        seed,
        ..SynthConfig::default()
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-synth-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_generated_directory_loads_back_as_the_generated_scenario() {
    let scenario = generate(&small(11)).unwrap();
    let dir = scratch("load");
    let path = write_scenario_dir(&dir, &scenario, &DirOptions::default()).unwrap();
    let loaded =
        load_scenario(&path).unwrap_or_else(|err| panic!("generated scenario is invalid:\n{err}"));
    assert_eq!(
        loaded, scenario,
        "loading the written files changed the scenario"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_seed_gives_one_scenario_and_another_seed_another() {
    let a = generate(&small(5)).unwrap();
    assert_eq!(generate(&small(5)).unwrap(), a);
    let b = generate(&small(6)).unwrap();
    assert_ne!(a.people, b.people, "different seeds gave the same people");
    assert_ne!(a.sites, b.sites, "different seeds gave the same sites");
}

#[test]
fn more_people_leave_the_map_and_the_vacancies_unchanged() {
    let a = generate(&small(9)).unwrap();
    let b = generate(&SynthConfig {
        people: 900,
        ..small(9)
    })
    .unwrap();
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.vacancies, b.vacancies);
    assert_eq!(b.people.len(), 900);
}

#[test]
fn toml_writer_round_trips_a_generated_scenario() {
    let scenario = generate(&SynthConfig {
        people: 120,
        posts: 240,
        ..small(3)
    })
    .unwrap();
    let text = write_scenario_toml(&scenario);
    let read =
        parse_scenario(&text, Path::new("synthetic.toml")).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(read, scenario);
}
