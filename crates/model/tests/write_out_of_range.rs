//! A scenario built in code can hold a seed or a date no scenario file can: writing it never
//! puts another seed or date in its place, and reading it back refuses the field by name.

use std::path::Path;

use chrono::NaiveDate;
use redeploy_model::{parse_scenario, write_scenario_toml};

fn tiny() -> redeploy_model::Scenario {
    let text = include_str!("data/tiny.toml");
    parse_scenario(text, Path::new("tiny.toml")).unwrap()
}

#[test]
fn the_largest_toml_seed_is_written_as_itself() {
    let mut scenario = tiny();
    scenario.seed = i64::MAX as u64;
    let written = write_scenario_toml(&scenario);
    let read = parse_scenario(&written, Path::new("written.toml")).unwrap();
    assert_eq!(read.seed, i64::MAX as u64);
}

#[test]
fn a_seed_past_toml_integers_is_refused_on_reading_not_replaced() {
    let mut scenario = tiny();
    scenario.seed = i64::MAX as u64 + 1;
    let written = write_scenario_toml(&scenario);
    assert!(
        written.contains(&format!("seed = \"{}\"", i64::MAX as u64 + 1)),
        "{written}"
    );
    assert!(!written.contains(&i64::MAX.to_string()), "{written}");
    let err = parse_scenario(&written, Path::new("written.toml")).unwrap_err();
    assert!(err.to_string().contains("seed"), "{err}");
}

#[test]
fn a_round_date_past_four_digit_years_is_refused_on_reading_not_replaced() {
    let mut scenario = tiny();
    scenario.round_date = NaiveDate::from_ymd_opt(12_025, 10, 1).unwrap();
    let written = write_scenario_toml(&scenario);
    assert!(
        written.contains("round_date = \"+12025-10-01\""),
        "{written}"
    );
    let err = parse_scenario(&written, Path::new("written.toml")).unwrap_err();
    assert!(err.to_string().contains("round_date"), "{err}");
}
