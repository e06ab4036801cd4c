//! Suitability of single (person, post) pairs, checked by hand: each hard rule refuses with its
//! numbers and policy field, and every failed rule is listed.

mod common;

use common::{person, scenario, vacancy};
use redeploy_engine::{Assessment, Assessor, Rule};
use redeploy_model::{Band, ContractType, Policy, TrainableSkill};

fn failures(assessment: &Assessment) -> Vec<(Rule, String)> {
    match assessment {
        Assessment::NotSuitable { failures } => failures
            .iter()
            .map(|f| (f.rule, f.detail.clone()))
            .collect(),
        Assessment::Suitable { .. } => Vec::new(),
    }
}

#[test]
fn band_two_below_is_refused_with_the_reason() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B7));
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    let policy = Policy::default();
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    let assessment = assessor.assess("P1", "V1").unwrap();
    assert_eq!(
        failures(&assessment),
        vec![(
            Rule::BandDrop,
            "band 5 is 2 below band 7; policy allows 1 (sae.max_band_drop)".to_string()
        )]
    );
}

#[test]
fn band_one_below_is_suitable_with_pay_protection_costed() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6)); // £46,580
    s.vacancies.push(vacancy("V1", "E1", Band::B5)); // top of band 5: £37,796
    let policy = Policy::default();
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    let Some(Assessment::Suitable {
        soft_costs,
        cost,
        reasons,
    }) = assessor.assess("P1", "V1")
    else {
        panic!("a band one below is suitable under the default policy");
    };
    assert_eq!(soft_costs.band_drop, 1);
    // (46,580 - 37,796) x 12 / 12 months = £8,784 of pay protection.
    assert_eq!(soft_costs.pay_protection.pence(), 878_400);
    // 1,000 for the band drop + 8 whole thousands of protection x 5.
    assert_eq!(cost, 1_040);
    assert!(
        reasons[0].starts_with("band 5 is 1 below band 6, within 1 (sae.max_band_drop)"),
        "first reason names the band rule: {reasons:?}"
    );
}

#[test]
fn every_failed_rule_is_listed_with_its_numbers() {
    let mut s = scenario();
    let mut someone = person("P1", "E1", Band::B6);
    someone.wte = 1.0;
    someone.commute_minutes = Some(30);
    someone.preferences.max_travel_minutes = Some(40);
    s.people.push(someone);
    let mut post = vacancy("V1", "E3", Band::B8a);
    post.wte = 0.6;
    post.essential_skills = vec!["payroll".into()];
    post.trainable_skills = vec![TrainableSkill {
        skill: "ledger".into(),
        weeks: 30,
    }];
    post.registration = Some("HCPC".into());
    post.contract = ContractType::FixedTerm;
    post.job_family = "estates".into();
    s.vacancies.push(post);
    let mut policy = Policy::default();
    policy.sae.same_job_family = true;
    policy.sae.max_extra_travel_minutes = Some(30);
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    let got = failures(&assessor.assess("P1", "V1").unwrap());
    let rules: Vec<Rule> = got.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(
        rules,
        vec![
            Rule::BandRise,
            Rule::HoursReduction,
            Rule::Travel,
            Rule::ExtraTravel,
            Rule::PersonalTravelLimit,
            Rule::EssentialSkills,
            Rule::Training,
            Rule::Registration,
            Rule::ContractType,
            Rule::JobFamily,
        ]
    );
    let detail = |rule: Rule| got.iter().find(|(r, _)| *r == rule).unwrap().1.clone();
    assert_eq!(
        detail(Rule::BandRise),
        "band 8a is 2 above band 6; policy allows 0 (sae.max_band_rise)"
    );
    assert_eq!(
        detail(Rule::HoursReduction),
        "0.6 WTE is 0.4 fewer than today's 1.0; policy allows 0.0 (sae.max_wte_reduction)"
    );
    assert_eq!(
        detail(Rule::Travel),
        "journey 80 min (commute 30 + 50 between sites) is over 60 (sae.max_travel_minutes)"
    );
    assert_eq!(
        detail(Rule::ExtraTravel),
        "50 extra min each way is over 30 (sae.max_extra_travel_minutes)"
    );
    assert_eq!(
        detail(Rule::Training),
        "needs 30 weeks of training (ledger 30); policy allows 26 (sae.max_training_weeks)"
    );
    assert_eq!(
        detail(Rule::EssentialSkills),
        "lacks essential skill payroll, which the post does not train"
    );
}

#[test]
fn reasonable_adjustment_allows_one_band_up() {
    let mut s = scenario();
    let mut someone = person("P1", "E1", Band::B5);
    someone.reasonable_adjustment = true;
    s.people.push(someone);
    s.people.push(person("P2", "E1", Band::B5));
    s.vacancies.push(vacancy("V1", "E1", Band::B6));
    let policy = Policy::default();
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    assert!(assessor.assess("P1", "V1").unwrap().is_suitable());
    assert_eq!(
        assessor.assess("P2", "V1").unwrap().failed_rules(),
        vec![Rule::BandRise]
    );
}

#[test]
fn stricter_priority_travel_limit_applies_only_to_priority_staff() {
    let mut s = scenario();
    s.people.push(common::on_maternity(
        person("P1", "E1", Band::B5),
        common::date(2025, 3, 1),
    ));
    s.people.push(person("P2", "E1", Band::B5));
    s.vacancies.push(vacancy("V1", "E2", Band::B5)); // 20 minutes away
    let mut policy = Policy::default();
    policy.priority.max_travel_minutes = Some(15);
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    assert_eq!(
        assessor.assess("P1", "V1").unwrap().failed_rules(),
        vec![Rule::PriorityTravel]
    );
    assert!(assessor.assess("P2", "V1").unwrap().is_suitable());
}

#[test]
fn same_site_never_fails_travel_even_with_a_long_commute() {
    let mut s = scenario();
    let mut someone = person("P1", "E1", Band::B5);
    someone.commute_minutes = Some(75);
    s.people.push(someone);
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    s.vacancies.push(vacancy("V2", "E2", Band::B5));
    let policy = Policy::default();
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    assert!(assessor.assess("P1", "V1").unwrap().is_suitable());
    assert_eq!(
        assessor.assess("P1", "V2").unwrap().failed_rules(),
        vec![Rule::Travel]
    );
}

#[test]
fn unknown_ids_give_none_and_broken_references_an_error() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B5));
    let policy = Policy::default();
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(&s, &valid).unwrap();
    assert!(assessor.assess("P1", "V404").is_none());

    s.vacancies.push(vacancy("V1", "E9", Band::B5));
    let err = Assessor::new(&s, &policy.validate().unwrap())
        .err()
        .expect("unknown employer is an error");
    assert_eq!(
        err.to_string(),
        "the scenario's records do not fit together: vacancy `V1` names employer `E9`, which is not in the scenario"
    );
}
