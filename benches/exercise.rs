//! Timings of live exercises (`redeploy exercise`), in process, on seeded synthetic scenarios.
//!
//! - Footprint (what `redeploy generate --out DIR` writes: 3,000 people at risk, 6,000 posts):
//!   an exercise filled with rounds, offers, answers, trials and confirmations to at least 2,000
//!   events, then `propose`, `record` (median of 21) and `verify`, and the file's size.
//! - England (`generate --footprints 42 --employers-per-footprint 5 --people 50000 --posts
//!   100000`), with `REDEPLOY_BENCH_ENGLAND=1`: loading and running a round (what `run` does
//!   before writing outputs) against `new` plus the first `propose`; then 100,000 events and
//!   `verify`; file sizes.
//!
//! Run with `cargo bench --bench exercise`. The files are left in `REDEPLOY_BENCH_DIR` (default:
//! the system's temporary directory) so the same commands can be timed through the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use redeploy_exercise::{EndedBy, Event, Exercise, SqliteLedger, Stage, Stamp};
use redeploy_model::{DirOptions, load_scenario, write_scenario_dir};
use redeploy_synth::{SynthConfig, generate};

/// The seed `redeploy generate` uses by default.
const SEED: u64 = 1;
const WAIT: Duration = Duration::from_secs(30);

fn stamp(on: NaiveDate) -> Stamp {
    Stamp {
        effective: on,
        recorded_by: "bench".into(),
        recorded_at: "2025-10-01T09:00:00Z".into(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn write(dir: &Path, config: &SynthConfig) -> PathBuf {
    let scenario = generate(config).expect("bench configurations are in range");
    let options = DirOptions {
        overwrite: true,
        comment: None,
    };
    write_scenario_dir(dir, &scenario, &options).expect("the scenario is written")
}

fn fresh(path: &Path) {
    let _ = std::fs::remove_file(path);
}

fn size(path: &Path) -> String {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// One round's worth of events after a propose: every proposal offered (statutory priority
/// first), four in five accepted and the rest refused (half of them flagged), a trial for
/// every acceptance, and each trial confirmed or (one in six) failed by the employer.
fn round_events(ex: &Exercise<SqliteLedger>, day: NaiveDate) -> Vec<(Stamp, Event)> {
    let state = ex.state().expect("state");
    let roster = &ex.meta().roster;
    let mut proposed: Vec<(bool, String, String)> = state
        .people
        .iter()
        .filter_map(|(id, p)| match &p.stage {
            Stage::Proposed { vacancy, .. } => {
                let priority = roster.people.get(id).is_some_and(|f| f.has_priority(day));
                Some((!priority, id.clone(), vacancy.clone()))
            }
            _ => None,
        })
        .collect();
    proposed.sort();
    let at = |n: u64| stamp(day + Days::new(n));
    let mut events = Vec::new();
    for (_, person, vacancy) in &proposed {
        events.push((
            at(1),
            Event::OfferMade {
                person: person.clone(),
                vacancy: vacancy.clone(),
            },
        ));
    }
    let mut accepted = Vec::new();
    for (i, (_, person, vacancy)) in proposed.iter().enumerate() {
        if i % 5 == 4 {
            events.push((
                at(3),
                Event::OfferRefused {
                    person: person.clone(),
                    vacancy: vacancy.clone(),
                    reason: "declined".into(),
                    objectively_suitable: true,
                    refusal_reasonable: i % 10 != 4,
                },
            ));
        } else {
            events.push((
                at(3),
                Event::OfferAccepted {
                    person: person.clone(),
                    vacancy: vacancy.clone(),
                },
            ));
            accepted.push((person.clone(), vacancy.clone()));
        }
    }
    let rules = &ex.meta().rules;
    for (person, vacancy) in &accepted {
        let start = day + Days::new(7);
        events.push((
            stamp(start),
            Event::TrialStarted {
                person: person.clone(),
                vacancy: vacancy.clone(),
                end: rules.trial_end(start),
                retraining: None,
            },
        ));
    }
    for (i, (person, _)) in accepted.iter().enumerate() {
        let event = if i % 6 == 5 {
            Event::TrialFailed {
                person: person.clone(),
                ended_by: EndedBy::Employer,
                reason: "duties not met".into(),
                objectively_suitable: None,
                ending_reasonable: None,
            }
        } else {
            Event::Confirmed {
                person: person.clone(),
            }
        };
        events.push((at(30), event));
    }
    events
}

/// Fills the exercise to at least `target` events; returns the next free date.
fn fill(ex: &mut Exercise<SqliteLedger>, start: NaiveDate, target: usize) -> NaiveDate {
    let mut day = start;
    loop {
        let events = ex.events().expect("events").len();
        if events >= target {
            return day;
        }
        ex.propose(&stamp(day)).expect("propose");
        let batch = round_events(ex, day);
        let room = target.saturating_sub(events + 1).max(1);
        let batch: Vec<_> = batch.into_iter().take(room).collect();
        let last = batch.last().map_or(day, |(s, _)| s.effective);
        ex.record_batch(batch).expect("a round's events");
        day = last + Days::new(1);
    }
}

fn footprint(dir: &Path) {
    let scenario = write(&dir.join("scenario"), &SynthConfig::footprint_scale(SEED));
    let db = dir.join("footprint.db");
    fresh(&db);
    let started = Instant::now();
    let (mut ex, _) = Exercise::create(
        &db,
        &scenario,
        None,
        &stamp(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()),
        WAIT,
    )
    .expect("create");
    println!("footprint: new {}", ms(started.elapsed()));
    let day = fill(
        &mut ex,
        NaiveDate::from_ymd_opt(2025, 10, 6).unwrap(),
        2_000,
    );
    let events = ex.events().unwrap().len();
    println!("footprint: {events} events, file {}", size(&db));
    let started = Instant::now();
    let proposed = ex.propose(&stamp(day)).expect("propose");
    println!(
        "footprint: propose {} ({} proposals)",
        ms(started.elapsed()),
        proposed.round.placements.len()
    );
    let vacancies: Vec<String> = ex
        .state()
        .unwrap()
        .vacancies
        .keys()
        .take(21)
        .cloned()
        .collect();
    let mut times = Vec::new();
    for vacancy in vacancies {
        let started = Instant::now();
        ex.record(
            &stamp(day),
            Event::Held {
                vacancy,
                reason: "bench".into(),
            },
            None,
        )
        .expect("record");
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "footprint: record {} (median of {})",
        ms(times[times.len() / 2]),
        times.len()
    );
    let started = Instant::now();
    let verification = ex.verify().expect("verify");
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    println!(
        "footprint: verify {} ({} events), file {}",
        ms(started.elapsed()),
        verification.events,
        size(&db)
    );
}

fn england(dir: &Path) {
    let scenario = write(&dir.join("scenario"), &SynthConfig::england_scale(SEED));
    let started = Instant::now();
    let loaded = load_scenario(&scenario).expect("load");
    let round =
        redeploy_engine::run_round(&loaded, &loaded.policy.validate().unwrap()).expect("round");
    let run = started.elapsed();
    println!(
        "england: load + run_round {} ({} placed)",
        ms(run),
        round.metrics.placed
    );
    let db = dir.join("england.db");
    fresh(&db);
    let started = Instant::now();
    let (mut ex, _) = Exercise::create(
        &db,
        &scenario,
        None,
        &stamp(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()),
        WAIT,
    )
    .expect("create");
    let created = started.elapsed();
    let proposed = ex
        .propose(&stamp(NaiveDate::from_ymd_opt(2025, 10, 6).unwrap()))
        .expect("propose");
    let both = started.elapsed();
    println!(
        "england: new {} + first propose {} = {} ({:.2}x load + run_round; {} proposals), file {}",
        ms(created),
        ms(both - created),
        ms(both),
        both.as_secs_f64() / run.as_secs_f64(),
        proposed.round.placements.len(),
        size(&db)
    );
    // 100,000 events: holds and releases of vacancies, in batches.
    let vacancies: Vec<String> = ex
        .state()
        .unwrap()
        .vacancies
        .keys()
        .take(5_000)
        .cloned()
        .collect();
    let day = NaiveDate::from_ymd_opt(2025, 10, 7).unwrap();
    let mut held: BTreeMap<&str, bool> = BTreeMap::new();
    let target = 100_000;
    let mut recorded = ex.events().unwrap().len();
    let started = Instant::now();
    while recorded < target {
        let mut batch = Vec::new();
        for vacancy in &vacancies {
            if recorded + batch.len() >= target {
                break;
            }
            let on = held.entry(vacancy).or_insert(false);
            let event = if *on {
                Event::Released {
                    vacancy: vacancy.clone(),
                    reason: "bench".into(),
                }
            } else {
                Event::Held {
                    vacancy: vacancy.clone(),
                    reason: "bench".into(),
                }
            };
            *on = !*on;
            batch.push((stamp(day), event));
        }
        recorded += batch.len();
        ex.record_batch(batch).expect("batch");
    }
    println!(
        "england: {recorded} events recorded in {}",
        ms(started.elapsed())
    );
    let started = Instant::now();
    let verification = ex.verify().expect("verify");
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    println!(
        "england: verify {} ({} events), file {}",
        ms(started.elapsed()),
        verification.events,
        size(&db)
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = std::env::var_os("REDEPLOY_BENCH_DIR").map_or_else(
        || std::env::temp_dir().join("redeploy-exercise-bench"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).expect("bench directory");
    footprint(&dir.join("footprint"));
    let england_on =
        std::env::var_os("REDEPLOY_BENCH_ENGLAND").is_some_and(|v| !v.is_empty() && v != "0");
    if england_on {
        england(&dir.join("england"));
    }
}
