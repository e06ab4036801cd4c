//! The vacancies CSV of a scenario (any bytes: encoding, delimiters and quoting are fuzzed too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| redeploy_fuzz::load_with_file("vacancies.csv", data));
