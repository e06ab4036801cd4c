//! A scenario file (TOML), read against the shipped pay scales, policies and CSV files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redeploy_fuzz::{exercise, footprint_scenario, names_special_file};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if names_special_file(text) {
        return;
    }
    if let Ok(scenario) = redeploy_model::parse_scenario(text, &footprint_scenario()) {
        exercise(&scenario);
    }
});
