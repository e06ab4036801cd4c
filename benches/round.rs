//! Criterion benchmarks of a whole match round on seeded synthetic scenarios (`redeploy-synth`),
//! under the three-tier policy `configs/policies/footprint-region-block-external.toml` with the
//! optimal rule, JSON written — what `redeploy run --format json --out DIR` does.
//!
//! - `round/footprint`: footprint scale (one footprint of eight employers plus its region's
//!   ambulance trust and a CSU, 3,000 people at risk, 6,000 posts), and its phases:
//!   `phase/load` (reading and validating the TOML + CSV files), `phase/travel-matrix`,
//!   `phase/run-round` (index, eligibility, slotting, tiers, result), `phase/json` (the
//!   round's JSON as text; `phase/json-serde-pretty` is serde_json's own pretty printer on the
//!   same round, the same bytes, for comparison), and the outputs of `--out` without the disk: `phase/report`
//!   (the report every renderer reads), `phase/json-stream` (`round.json` streamed into a
//!   writer) and `phase/csv` (the five CSV tables); and the phases inside the round one by one
//!   (`phase/index`, `phase/eligibility`, `phase/matching`, `phase/result`), with the
//!   eligibility phase checked pair by pair beside it (`phase/eligibility-pair-by-pair`, the
//!   reference the screen is measured against).
//! - `phase/people-10000/...`: the same phases at 10,000 people and 20,000 posts over England's
//!   map.
//! - `round/people/N`: all England's map (42 footprints, 223 employers) with N people at risk
//!   and 2N posts, for the growth of time with size.
//! - `round/england` (50,000 people, 100,000 posts) and the ladder's 20,000 and 50,000 steps run
//!   only with `REDEPLOY_BENCH_ENGLAND=1`, so that `cargo bench --bench round` stays within
//!   minutes.
//!
//! The split inside `run_round` (eligibility, each tier, the result) is also logged by the
//! engine's tracing spans: run the binary with `-v` or `RUST_LOG=redeploy_engine=info`. How to generate
//! the same scenarios as files is in `docs/synthetic.md`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use redeploy_engine::{RoundPhases, TravelTimes, run_round};
use redeploy_model::{DirOptions, Scenario, load_policy, load_scenario, write_scenario_dir};
use redeploy_report::{Report, ReportOptions, csv_export};
use redeploy_synth::{SynthConfig, generate};

/// Seed of every generated scenario.
const SEED: u64 = 7;
/// Set to run the England-scale cases.
const ENGLAND_VARIABLE: &str = "REDEPLOY_BENCH_ENGLAND";

fn england_enabled() -> bool {
    std::env::var_os(ENGLAND_VARIABLE).is_some_and(|value| !value.is_empty() && value != "0")
}

/// A generated scenario under the three-tier, block-external policy.
fn scenario(config: &SynthConfig) -> Scenario {
    let policy_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("configs/policies/footprint-region-block-external.toml");
    let mut scenario = generate(config).expect("bench configurations are in range");
    scenario.policy = load_policy(&policy_path).expect("the shipped policy is valid");
    scenario
}

/// The whole round and its JSON, as `redeploy run --format json` produces it.
fn round_json(scenario: &Scenario) -> String {
    let round = run_round(scenario, &scenario.policy.validate().unwrap()).expect("the round runs");
    redeploy_report::json::to_json(&round).expect("a round serialises")
}

/// The five CSV tables of `--out`, written as `redeploy run` writes them (into a sink here).
fn csv_tables(report: &Report) {
    let sink = std::io::sink;
    csv_export::write_placements(report, sink()).expect("placements write");
    csv_export::write_unplaced(report, sink()).expect("unplaced write");
    csv_export::write_voluntary_redundancy(report, sink()).expect("volunteers write");
    csv_export::write_released(report, sink()).expect("released write");
    csv_export::write_equality(&report.equality, sink()).expect("equality writes");
}

fn england_map(people: u32) -> SynthConfig {
    SynthConfig {
        people,
        posts: 2 * people,
        ..SynthConfig::england_scale(SEED)
    }
}

fn footprint(c: &mut Criterion) {
    let scenario = scenario(&SynthConfig::footprint_scale(SEED));
    let mut group = c.benchmark_group("round");
    group.sample_size(10);
    group.bench_function("footprint", |b| b.iter(|| round_json(black_box(&scenario))));
    group.finish();

    let dir = scratch_dir("footprint");
    let path = write_scenario_dir(&dir, &scenario, &DirOptions::default())
        .expect("the scratch directory is writable");
    let round = run_round(&scenario, &scenario.policy.validate().unwrap()).expect("the round runs");
    let mut group = c.benchmark_group("phase");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| load_scenario(black_box(&path)).expect("a written scenario loads"));
    });
    group.bench_function("travel-matrix", |b| {
        let indexed = scenario.indexed().expect("the scenario indexes");
        b.iter(|| TravelTimes::new(black_box(&indexed)));
    });
    group.bench_function("run-round", |b| {
        b.iter(|| {
            run_round(black_box(&scenario), &scenario.policy.validate().unwrap())
                .expect("the round runs")
        });
    });
    group.bench_function("json", |b| {
        b.iter(|| redeploy_report::json::to_json(black_box(&round)).expect("a round serialises"));
    });
    group.bench_function("json-serde-pretty", |b| {
        b.iter(|| serde_json::to_string_pretty(black_box(&round)).expect("a round serialises"));
    });
    let report = Report::new(&scenario, &round, ReportOptions::default());
    group.bench_function("report", |b| {
        b.iter(|| Report::new(black_box(&scenario), &round, ReportOptions::default()));
    });
    group.bench_function("json-stream", |b| {
        b.iter(|| {
            redeploy_report::json::write_report_json(black_box(&report), std::io::sink())
                .expect("a round serialises");
        });
    });
    group.bench_function("csv", |b| {
        b.iter(|| csv_tables(black_box(&report)));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    round_phases(c, "phase", &scenario);
}

/// The phases inside `run_round` one by one (`phase/index`, `phase/eligibility`,
/// `phase/matching`, `phase/result`), and the eligibility phase with every pair checked one by
/// one (`phase/eligibility-pair-by-pair`, the reference the screen is measured against).
fn round_phases(c: &mut Criterion, name: &str, scenario: &Scenario) {
    let policy = scenario
        .policy
        .validate()
        .expect("the shipped policy is valid");
    let phases = RoundPhases::index(scenario, &policy).expect("the scenario indexes");
    let eligibility = phases.eligibility().expect("the table builds");
    let matched = phases.matching(&eligibility).expect("the tiers solve");
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("index", |b| {
        b.iter(|| RoundPhases::index(black_box(scenario), &policy).expect("the scenario indexes"));
    });
    group.bench_function("eligibility", |b| {
        b.iter(|| phases.eligibility().expect("the table builds"));
    });
    group.bench_function("eligibility-pair-by-pair", |b| {
        b.iter(|| phases.eligibility_pair_by_pair().expect("the table builds"));
    });
    group.bench_function("matching", |b| {
        b.iter(|| {
            phases
                .matching(black_box(&eligibility))
                .expect("the tiers solve")
        });
    });
    group.bench_function("result", |b| {
        b.iter(|| phases.result(black_box(&eligibility), &matched));
    });
    group.finish();
}

/// The phases at 10,000 people and 20,000 posts over England's map, where a region's buckets
/// hold thousands of posts.
fn phases_at_scale(c: &mut Criterion) {
    round_phases(c, "phase/people-10000", &scenario(&england_map(10_000)));
}

fn growth(c: &mut Criterion) {
    let mut sizes = vec![1_000, 2_000, 5_000, 10_000];
    if england_enabled() {
        sizes.extend([20_000, 50_000]);
    }
    let mut group = c.benchmark_group("round/people");
    group.sample_size(10);
    for people in sizes {
        let scenario = scenario(&england_map(people));
        group.bench_with_input(BenchmarkId::from_parameter(people), &scenario, |b, s| {
            b.iter(|| round_json(black_box(s)));
        });
    }
    group.finish();
}

fn england(c: &mut Criterion) {
    if !england_enabled() {
        eprintln!("round/england skipped: set {ENGLAND_VARIABLE}=1 to run it");
        return;
    }
    let scenario = scenario(&SynthConfig::england_scale(SEED));
    let mut group = c.benchmark_group("round");
    group.sample_size(10);
    group.bench_function("england", |b| b.iter(|| round_json(black_box(&scenario))));
    group.finish();
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

criterion_group!(benches, footprint, phases_at_scale, growth, england);
criterion_main!(benches);
