//! The what-if analysis at footprint and England scale (synthetic, seed 1), timed. Run with
//! `cargo test --release -p redeploy-whatif --test scale -- --ignored --nocapture`.

use std::time::Instant;

use redeploy_engine::run_round;
use redeploy_synth::{SynthConfig, generate};
use redeploy_whatif::{Options, VacancyScope, analyse};

fn timed(config: &SynthConfig, vacancies: VacancyScope) {
    let scenario = generate(config).unwrap();
    let started = Instant::now();
    let base = run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    let one = started.elapsed();
    println!(
        "{}: one round {:.3} s ({} placed of {}, {} vacancies)",
        scenario.name,
        one.as_secs_f64(),
        base.metrics.placed,
        base.metrics.in_matching,
        scenario.vacancies.len()
    );
    let started = Instant::now();
    let report = analyse(&scenario, &scenario.policy, &Options { top: 20, vacancies }).unwrap();
    let all = started.elapsed();
    let e = &report.effort;
    println!(
        "{} ({vacancies:?}): analysis {:.2} s, {} whole rounds, {} reruns ({} without a solve, the \
         people of {:.1} whole rounds), {} vacancies, {} relaxations, {} new posts",
        scenario.name,
        all.as_secs_f64(),
        e.rounds,
        e.reruns,
        e.reruns_unchanged,
        e.rerun_people as f64 / f64::from(e.people_at_risk.max(1)),
        report.vacancies.len(),
        report.relaxations.len(),
        report.new_posts.len(),
    );
}

#[test]
#[ignore = "footprint scale: run in release"]
fn footprint() {
    timed(&SynthConfig::footprint_scale(1), VacancyScope::All);
}

#[test]
#[ignore = "footprint scale: run in release"]
fn footprint_filled() {
    timed(&SynthConfig::footprint_scale(1), VacancyScope::Filled);
}

#[test]
#[ignore = "footprint scale: run in release"]
fn footprint_no_vacancies() {
    timed(&SynthConfig::footprint_scale(1), VacancyScope::None);
}

#[test]
#[ignore = "England scale: run in release"]
fn england() {
    timed(&SynthConfig::england_scale(1), VacancyScope::None);
}

#[test]
#[ignore = "England scale: run in release"]
fn england_all() {
    timed(&SynthConfig::england_scale(1), VacancyScope::All);
}

/// Withdrawals one by one on England under a region-wide policy with external recruitment
/// held (each re-decides a whole region): the time per withdrawal, over the first 400 filled
/// vacancies.
#[test]
#[ignore = "England scale: run in release"]
fn england_region_withdrawals() {
    use redeploy_engine::{Constraints, PreparedRound};
    use redeploy_model::{Policy, Tier};
    let mut config = SynthConfig::england_scale(1);
    config.policy = Policy {
        tiers: vec![Tier::Employer, Tier::Footprint, Tier::Region],
        block_external_recruitment: true,
        ..Policy::default()
    };
    let scenario = generate(&config).unwrap();
    let policy = scenario.policy.validate().unwrap();
    let none = Constraints::default();
    let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    let base = prepared.round();
    let mut filled: Vec<&str> = base.placements.iter().map(|p| p.vacancy.as_str()).collect();
    filled.sort_unstable();
    filled.dedup();
    filled.truncate(400);
    let started = Instant::now();
    let mut people = 0u64;
    for vacancy in &filled {
        if let redeploy_engine::Rework::Unit { people: p, .. } =
            prepared.withdraw(vacancy).unwrap().work
        {
            people += u64::from(p);
        }
    }
    let all = started.elapsed();
    println!(
        "{}: {} withdrawals in {:.2} s ({:.1} ms each, {:.0} people each)",
        scenario.name,
        filled.len(),
        all.as_secs_f64(),
        all.as_secs_f64() * 1000.0 / filled.len() as f64,
        people as f64 / filled.len() as f64
    );
}
