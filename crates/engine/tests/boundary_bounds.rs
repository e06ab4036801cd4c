//! The bounds the model proves before the engine sums a scenario's numbers: a scenario built in
//! code beyond them is refused with the record, the field and the bound, never run with a value
//! quietly capped.

mod common;

use common::{person, scenario, vacancy};
use redeploy_engine::{Error, run_round};
use redeploy_model::{
    Band, MAX_DESIRABLE_SKILLS, MAX_MINUTES, MAX_RANKED_PLACES, MAX_SALARY, MAX_TRAINING_WEEKS,
    Policy, Ranking, Scenario, TrainableSkill,
};

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

#[test]
fn a_salary_beyond_the_bound_is_refused_naming_the_person() {
    let mut s = one_pair();
    s.people[0].salary = MAX_SALARY + 1;
    let text = refusal(&s);
    assert!(text.contains("person `P1`"), "{text}");
    assert!(text.contains("salary"), "{text}");
    s.people[0].salary = MAX_SALARY;
    s.check_bounds().expect("the largest salary is in range");
}

#[test]
fn hours_beyond_one_and_a_half_wte_are_refused_naming_the_person() {
    let mut s = one_pair();
    for wte in [1.5 + 1e-9, 0.0, f64::NAN, 1e300] {
        s.people[0].wte = wte;
        let text = refusal(&s);
        assert!(text.contains("person `P1`: wte"), "{text}");
    }
    s.people[0].wte = 1.5;
    s.check_bounds().expect("1.5 WTE is in range");
}

#[test]
fn too_many_desirable_skills_are_refused_naming_the_vacancy() {
    let mut s = one_pair();
    let skills = |n: u32| (0..n).map(|i| format!("skill-{i}")).collect::<Vec<_>>();
    s.vacancies[0].desirable_skills = skills(MAX_DESIRABLE_SKILLS + 1);
    let text = refusal(&s);
    assert!(text.contains("vacancy `V1`"), "{text}");
    assert!(text.contains("desirable_skills"), "{text}");
    s.vacancies[0].desirable_skills = skills(MAX_DESIRABLE_SKILLS);
    s.check_bounds()
        .expect("the most desirable skills are in range");
}

#[test]
fn a_ranking_of_too_many_places_is_refused_naming_the_person() {
    let mut s = one_pair();
    let places = |n: u32| Ranking::from_groups(vec![vec!["V1".to_string()]; n as usize]);
    s.people[0].preferences.ranked_vacancies = places(MAX_RANKED_PLACES + 1);
    let err = s.check_bounds().unwrap_err().to_string();
    assert!(err.contains("person `P1`: ranked_vacancies"), "{err}");
    s.people[0].preferences.ranked_vacancies = places(MAX_RANKED_PLACES);
    s.check_bounds().expect("the most places are in range");
}
