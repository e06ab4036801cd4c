//! The bounds the model proves before the engine sums a scenario's numbers: a scenario built in
//! code beyond them is refused with the record, the field and the bound, never run with a value
//! quietly capped.

mod common;

use common::{person, scenario, vacancy};
use redeploy_engine::{Error, run_round};
use redeploy_model::{Band, MAX_MINUTES, MAX_TRAINING_WEEKS, Policy, Scenario, TrainableSkill};

fn refusal(s: &Scenario) -> String {
    let policy = Policy::default().validate().unwrap();
    match run_round(s, &policy) {
        Err(err @ Error::Scenario(_)) => err.to_string(),
        other => panic!("expected the model's refusal, got {other:?}"),
    }
}

fn one_pair() -> Scenario {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    s.vacancies.push(vacancy("V1", "E1", Band::B6));
    s
}

#[test]
fn a_commute_beyond_a_day_is_refused_naming_the_person() {
    let mut s = one_pair();
    s.people[0].commute_minutes = Some(MAX_MINUTES + 1);
    let text = refusal(&s);
    assert!(text.contains("person `P1`"), "{text}");
    assert!(text.contains("commute_minutes"), "{text}");
    s.people[0].commute_minutes = Some(MAX_MINUTES);
    run_round(&s, &Policy::default().validate().unwrap()).expect("a day's commute is in range");
}

#[test]
fn an_explicit_journey_beyond_a_day_is_refused_naming_the_sites() {
    let mut s = one_pair();
    s.travel_times[0].minutes = u32::MAX;
    let text = refusal(&s);
    assert!(text.contains("`S1`–`S2`"), "{text}");
    assert!(text.contains(&MAX_MINUTES.to_string()), "{text}");
}

#[test]
fn training_beyond_ten_years_a_skill_is_refused_naming_the_vacancy() {
    let mut s = one_pair();
    s.vacancies[0].trainable_skills.push(TrainableSkill {
        skill: "coding".into(),
        weeks: MAX_TRAINING_WEEKS + 1,
    });
    let text = refusal(&s);
    assert!(text.contains("vacancy `V1`"), "{text}");
    assert!(text.contains("coding"), "{text}");
}
