//! Property tests: random valid and invalid event sequences.
//!
//! - On the state machine alone (many cases): a refused event leaves the state exactly as it
//!   was; the state reached event by event equals the replay of the events accepted; no post
//!   is ever held by more people than it has posts; no person holds two offers or trials (a
//!   person's stage names one post at most, and the vacancies' holders agree with the stages).
//! - On an exercise file (fewer cases, the small example): a refused event never changes the
//!   file's bytes, rounds included, and `verify` passes at the end with the cached state equal
//!   to the replay.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use redeploy_exercise::{
    EndedBy, Event, EventRecord, Exercise, ExerciseRules, LeftHow, PersonFacts, Proposal,
    Retraining, Roster, RoundProposed, Stage, Stamp, State, VacancyFacts,
};

const PEOPLE: [&str; 5] = ["P1", "P2", "P3", "P4", "PX"];
const VACANCIES: [&str; 4] = ["V1", "V2", "V3", "VX"];

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()
}

fn roster() -> Roster {
    let mut people = BTreeMap::new();
    for (i, id) in PEOPLE[..4].iter().enumerate() {
        people.insert(
            id.to_string(),
            PersonFacts {
                employer: "E1".into(),
                priority: (i == 0).then(|| "maternity".to_string()),
                priority_until: None,
                redundancy_pay: 100_000 * (i as i64 + 1),
            },
        );
    }
    let mut vacancies = BTreeMap::new();
    for (i, id) in VACANCIES[..3].iter().enumerate() {
        vacancies.insert(
            id.to_string(),
            VacancyFacts {
                employer: "E1".into(),
                posts: 1 + (i as u32 % 2),
            },
        );
    }
    Roster { people, vacancies }
}

/// One random step: an event and a day offset (sometimes backwards).
fn step(
    people: &'static [&'static str],
    vacancies: &'static [&'static str],
) -> impl Strategy<Value = (i64, Event)> {
    let person = proptest::sample::select(people);
    let vacancy = proptest::sample::select(vacancies);
    let pair = (person.clone(), vacancy.clone());
    let yes = any::<bool>();
    let event = prop_oneof![
        3 => proptest::collection::vec(pair.clone(), 0..4).prop_map(|pairs| {
            Event::RoundProposed(RoundProposed {
                round: 0, policy: "p".into(), pool: 0, open_posts: 0,
                proposals: pairs.into_iter().map(|(p, v)| Proposal { person: p.into(), vacancy: v.into(), tier: "employer".into(), priority: false }).collect(),
                unplaced: vec![], redundancy_pay_avoided: 0,
            })
        }),
        8 => pair.clone().prop_map(|(p, v)| Event::OfferMade { person: p.into(), vacancy: v.into() }),
        6 => pair.clone().prop_map(|(p, v)| Event::OfferAccepted { person: p.into(), vacancy: v.into() }),
        2 => (pair.clone(), yes, yes).prop_map(|((p, v), s, r)| Event::OfferRefused {
            person: p.into(), vacancy: v.into(), reason: "r".into(), objectively_suitable: s, refusal_reasonable: r }),
        6 => (pair.clone(), 0..3u8).prop_map(|((p, v), kind)| Event::TrialStarted {
            person: p.into(), vacancy: v.into(), end: NaiveDate::MIN,
            retraining: (kind == 2).then_some(Retraining { agreed_on: NaiveDate::MIN, end: NaiveDate::MIN }),
        }),
        4 => person.clone().prop_map(|p| Event::Confirmed { person: p.into() }),
        4 => (person.clone(), yes, proptest::option::of((yes, yes))).prop_map(|(p, by, judged)| Event::TrialFailed {
            person: p.into(), ended_by: if by { EndedBy::Employee } else { EndedBy::Employer }, reason: "r".into(),
            objectively_suitable: judged.map(|j| j.0), ending_reasonable: judged.map(|j| j.1) }),
        1 => (person.clone(), 0..40u64).prop_map(|(p, d)| Event::NoticeServed { person: p.into(), contract_end: start() + Days::new(d) }),
        1 => (person.clone(), 0..4u8).prop_map(|(p, h)| Event::Left { person: p.into(), how: [LeftHow::Vr, LeftHow::Resigned, LeftHow::Retired, LeftHow::Dismissed][h as usize] }),
        1 => vacancy.clone().prop_map(|v| Event::VacancyWithdrawn { vacancy: v.into(), reason: "r".into() }),
        1 => (vacancy.clone(), 0..3u32, proptest::option::of(person.clone())).prop_map(|(v, n, p)| Event::FilledOutside { vacancy: v.into(), posts: n, person: p.map(Into::into) }),
        1 => pair.clone().prop_map(|(p, v)| Event::Pinned { person: p.into(), vacancy: v.into(), reason: "r".into() }),
        1 => pair.clone().prop_map(|(p, v)| Event::Excluded { person: p.into(), vacancy: v.into(), reason: "r".into() }),
        1 => vacancy.clone().prop_map(|v| Event::Held { vacancy: v.into(), reason: "r".into() }),
        1 => vacancy.clone().prop_map(|v| Event::Released { vacancy: v.into(), reason: "r".into() }),
    ];
    (-2i64..6, event)
}

/// The first person (in id order) at stage `stage`, with the post their stage names.
fn at_stage(state: &State, stage: &str) -> Option<(String, String)> {
    state.people_in(stage).next().map(|(id, p)| {
        let vacancy = match &p.stage {
            Stage::Proposed { vacancy, .. } => vacancy.clone(),
            other => other.holds().unwrap_or("V1").to_string(),
        };
        (id.clone(), vacancy)
    })
}

/// Fills in what a caller would: the round number, a trial's statutory or extended end; and,
/// unless `twist`, aims offers, answers and trials at someone whose stage fits, so that valid
/// sequences reach every stage (with `twist` the random ids stand, mostly invalid).
fn complete(
    event: Event,
    state: &State,
    on: NaiveDate,
    rules: &ExerciseRules,
    twist: bool,
) -> Event {
    let aim = |stage: &str, person: String, vacancy: String| {
        if twist {
            (person, vacancy)
        } else {
            at_stage(state, stage).unwrap_or((person, vacancy))
        }
    };
    let event = match event {
        Event::OfferMade { person, vacancy } => {
            let (person, vacancy) = aim("proposed", person, vacancy);
            Event::OfferMade { person, vacancy }
        }
        Event::OfferAccepted { person, vacancy } => {
            let (person, vacancy) = aim("offered", person, vacancy);
            Event::OfferAccepted { person, vacancy }
        }
        Event::OfferRefused {
            person,
            vacancy,
            reason,
            objectively_suitable,
            refusal_reasonable,
        } => {
            let (person, vacancy) = aim("offered", person, vacancy);
            Event::OfferRefused {
                person,
                vacancy,
                reason,
                objectively_suitable,
                refusal_reasonable,
            }
        }
        Event::TrialStarted {
            person,
            vacancy,
            end,
            retraining,
        } => {
            let (person, vacancy) = aim("accepted", person, vacancy);
            Event::TrialStarted {
                person,
                vacancy,
                end,
                retraining,
            }
        }
        Event::Confirmed { person } => {
            let stage = if on.day().is_multiple_of(2) {
                "in-trial"
            } else {
                "accepted"
            };
            Event::Confirmed {
                person: aim(stage, person, String::new()).0,
            }
        }
        Event::TrialFailed {
            person,
            ended_by,
            reason,
            objectively_suitable,
            ending_reasonable,
        } => {
            let person = aim("in-trial", person, String::new()).0;
            Event::TrialFailed {
                person,
                ended_by,
                reason,
                objectively_suitable,
                ending_reasonable,
            }
        }
        other => other,
    };
    match event {
        Event::RoundProposed(mut round) => {
            round.round = state.rounds + u32::from(twist);
            if !twist {
                round.round += 1;
            }
            Event::RoundProposed(round)
        }
        Event::TrialStarted {
            person,
            vacancy,
            retraining,
            ..
        } => {
            let end = rules.trial_end(on);
            match retraining {
                Some(_) => {
                    let later = end + Days::new(14);
                    let agreed = if twist { on } else { on - Days::new(3) };
                    Event::TrialStarted {
                        person,
                        vacancy,
                        end: later,
                        retraining: Some(Retraining {
                            agreed_on: agreed,
                            end: later,
                        }),
                    }
                }
                None => Event::TrialStarted {
                    person,
                    vacancy,
                    end: if twist { end + Days::new(1) } else { end },
                    retraining: None,
                },
            }
        }
        other => other,
    }
}

fn sealed(seq: u64, on: NaiveDate, event: Event) -> EventRecord {
    EventRecord {
        seq,
        effective: on,
        recorded_at: "t".into(),
        recorded_by: "hr".into(),
        tool_version: "0".into(),
        input_sha256: None,
        event,
        prev_hash: String::new(),
        hash: String::new(),
    }
    .seal()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_state_machine_keeps_its_invariants(steps in proptest::collection::vec((step(&PEOPLE, &VACANCIES), proptest::bool::weighted(0.3)), 1..80)) {
        let roster = roster();
        let rules = ExerciseRules::default();
        let mut state = State::new(&roster);
        let mut accepted = Vec::new();
        let mut day = start();
        for ((offset, event), twist) in steps {
            let on = if offset >= 0 { day + Days::new(offset as u64) } else { day - Days::new(offset.unsigned_abs()) };
            let event = complete(event, &state, on, &rules, twist);
            let record = sealed(state.seq + 1, on, event);
            let before = state.clone();
            match state.apply(&roster, &rules, &record) {
                Ok(()) => {
                    day = on;
                    accepted.push(record);
                }
                Err(_) => prop_assert_eq!(&state, &before, "a refused event changed the state"),
            }
            let problems = state.invariant_problems();
            prop_assert!(problems.is_empty(), "{:?}", problems);
        }
        let replayed = State::replay(&roster, &rules, &accepted).unwrap();
        prop_assert_eq!(replayed, state);
    }
}

fn small() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml")
}

const SMALL_PEOPLE: [&str; 6] = ["P01", "P02", "P03", "P05", "P08", "P99"];
const SMALL_VACANCIES: [&str; 5] = ["V01", "V02", "V03", "V05", "V99"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn refused_events_never_change_the_file(steps in proptest::collection::vec((step(&SMALL_PEOPLE, &SMALL_VACANCIES), proptest::bool::weighted(0.3), 0..8u8), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ex.db");
        let stamp = |on| Stamp { effective: on, recorded_by: "hr".into(), recorded_at: "t".into() };
        let wait = Duration::from_secs(1);
        let (mut ex, _) = Exercise::create(&path, &small(), None, &stamp(start()), wait).unwrap();
        let rules = ExerciseRules::default();
        let mut day = start();
        for ((offset, event), twist, round) in steps {
            let on = if offset >= 0 { day + Days::new(offset as u64) } else { day - Days::new(offset.unsigned_abs()) };
            let before = std::fs::read(&path).unwrap();
            let result = if round == 0 {
                ex.propose(&stamp(on)).map(|_| ())
            } else {
                let state = ex.state().unwrap();
                let event = complete(event, &state, on, &rules, twist);
                ex.record(&stamp(on), event, None).map(|_| ())
            };
            match result {
                Ok(()) => day = on,
                Err(_) => prop_assert_eq!(std::fs::read(&path).unwrap(), before, "a refused event changed the file"),
            }
        }
        let verification = ex.verify().unwrap();
        prop_assert!(verification.problems.is_empty(), "{:?}", verification.problems);
        prop_assert_eq!(ex.state().unwrap(), ex.replay().unwrap());
    }
}
