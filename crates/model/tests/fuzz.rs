//! Bad input never panics: truncated and byte-mutated copies of the shipped scenario, CSV,
//! policy and pay-scale files all load to `Ok` or to `Err` with diagnostics — deterministic, a
//! few hundred cases.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use redeploy_model::{Error, load_scenario};

/// A small deterministic generator (xorshift64*), so every run tries the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that change the meaning of TOML and CSV the most, plus invalid UTF-8.
const NASTY: &[u8] = b"\"'=[]{},;:\n\r\t #-.0123456789eE+\\\xff\xc3";

fn configs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs")
}

/// A private copy of `configs/` (pay, policies, examples), so files can be mutated in place.
fn workspace(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz")
        .join(name);
    for dir in ["pay", "policies", "examples/small", "examples/footprint"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        for entry in std::fs::read_dir(configs().join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.path().is_file() {
                std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
    root
}

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    match rng.below(5) {
        0 => bytes.truncate(rng.below(bytes.len())),
        1 => {
            for _ in 0..=rng.below(3) {
                let at = rng.below(bytes.len());
                bytes[at] = NASTY[rng.below(NASTY.len())];
            }
        }
        2 => {
            let at = rng.below(bytes.len());
            let end = (at + rng.below(40)).min(bytes.len());
            bytes.drain(at..end);
        }
        3 => {
            let at = rng.below(bytes.len());
            let end = (at + rng.below(80)).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            let to = rng.below(bytes.len());
            bytes.splice(to..to, copy);
        }
        _ => {
            let at = rng.below(bytes.len());
            bytes.insert(at, NASTY[rng.below(NASTY.len())]);
        }
    }
    bytes
}

/// Mutates `file` (relative to the workspace) `cases` times and loads `scenario` after each.
fn fuzz(name: &str, scenario: &str, file: &str, cases: usize, seed: u64) -> (usize, usize) {
    let root = workspace(name);
    let target = root.join(file);
    let original = std::fs::read(&target).unwrap();
    let mut rng = Rng(seed);
    let (mut ok, mut invalid) = (0, 0);
    for case in 0..cases {
        let bytes = mutate(&mut rng, &original);
        std::fs::write(&target, &bytes).unwrap();
        let loaded = catch_unwind(AssertUnwindSafe(|| load_scenario(&root.join(scenario))));
        match loaded {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(Error::Invalid(list))) => {
                assert!(
                    !list.is_empty(),
                    "case {case} of {file}: an invalid input must say why"
                );
                invalid += 1;
            }
            Ok(Err(other)) => panic!("case {case} of {file}: unexpected error {other}"),
            Err(_) => {
                let kept = root.join(format!("{file}.panic-{case}"));
                std::fs::write(&kept, &bytes).unwrap();
                panic!(
                    "case {case} of {file} panicked; the input is kept at {}",
                    kept.display()
                );
            }
        }
    }
    std::fs::write(&target, &original).unwrap();
    (ok, invalid)
}

#[test]
fn mutated_small_scenarios_never_panic() {
    let (ok, invalid) = fuzz(
        "small",
        "examples/small/scenario.toml",
        "examples/small/scenario.toml",
        250,
        0x5EED_0001,
    );
    assert!(
        invalid > 150,
        "most mutations should be caught ({ok} loaded, {invalid} rejected)"
    );
}

#[test]
fn mutated_people_and_vacancy_csv_never_panic() {
    let scenario = "examples/footprint/scenario.toml";
    let (_, people) = fuzz(
        "people",
        scenario,
        "examples/footprint/people.csv",
        120,
        0x5EED_0002,
    );
    let (_, vacancies) = fuzz(
        "vacancies",
        scenario,
        "examples/footprint/vacancies.csv",
        60,
        0x5EED_0003,
    );
    assert!(
        people > 40 && vacancies > 20,
        "most CSV mutations should be caught"
    );
}

#[test]
fn mutated_policies_and_pay_scales_never_panic() {
    let scenario = "examples/small/scenario.toml";
    let (_, policies) = fuzz(
        "policy",
        scenario,
        "policies/footprint-ring-fence.toml",
        80,
        0x5EED_0004,
    );
    let (_, scales) = fuzz("pay", scenario, "pay/afc-2025-26.toml", 80, 0x5EED_0005);
    assert!(
        policies > 0 && scales > 20,
        "some policy and pay-scale mutations should be caught"
    );
}

#[test]
fn every_truncation_of_the_small_scenario_is_handled() {
    let text = std::fs::read_to_string(configs().join("examples/small/scenario.toml")).unwrap();
    let path = configs().join("examples/small/scenario.toml");
    let mut boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).step_by(97).collect();
    boundaries.push(text.len());
    for end in boundaries {
        let result = catch_unwind(|| redeploy_model::parse_scenario(&text[..end], &path));
        assert!(
            result.is_ok(),
            "truncating the small scenario at byte {end} panicked"
        );
    }
}
