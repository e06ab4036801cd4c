//! Per-round constraints (absent people, open and held posts, excluded and pinned pairs): each
//! changes a round exactly as `Constraints` documents, and nothing else.

mod common;

use common::{person, placed_in, policy_without_slotting, ring_fenced, scenario, vacancy};
use redeploy_engine::{
    Constraints, Error, PlacementRoute, Rule, person_story_constrained, run_round,
    run_round_constrained,
};
use redeploy_model::{Band, Policy, Scenario, Tier};

fn pair(person: &str, vacancy: &str) -> (String, String) {
    (person.to_string(), vacancy.to_string())
}

/// Two people at E1, two one-post vacancies at E1 suitable for both; P1 is cheaper in V1.
fn two_and_two() -> (Scenario, Policy) {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B5));
    s.people.push(person("P2", "E1", Band::B5));
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    let mut lower = vacancy("V2", "E1", Band::B4);
    lower.posts = 2;
    s.vacancies.push(lower);
    (s, policy_without_slotting(&[Tier::Employer]))
}

#[test]
fn no_constraints_is_the_plain_round() {
    let (s, policy) = two_and_two();
    let plain = run_round(&s, &policy.validate().unwrap()).unwrap();
    let constrained =
        run_round_constrained(&s, &policy.validate().unwrap(), &Constraints::default()).unwrap();
    assert_eq!(plain, constrained);
    assert!(plain.held.is_empty());
}

#[test]
fn an_absent_person_is_nowhere_in_the_result_or_metrics() {
    let (s, policy) = two_and_two();
    let mut c = Constraints::default();
    c.absent.insert("P1".into(), "placed in round 1".into());
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    let json = serde_json::to_string(&round).unwrap();
    assert!(!json.contains("\"P1\""), "{json}");
    assert_eq!(round.metrics.people_at_risk, 1);
    assert_eq!(round.metrics.in_matching, 1);
    assert_eq!(round.metrics.by_employer[0].people_at_risk, 1);
    // P2 now takes the same-band post P1 would have competed for.
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"));
    // An absent volunteer is not listed as a leaver either.
    let mut s = s;
    s.people[0].volunteered_vr = true;
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    assert!(round.voluntary_redundancy.is_empty());
    assert_eq!(round.metrics.volunteers_leaving, 0);
}

#[test]
fn open_posts_cap_a_vacancy_and_zero_takes_it_out_of_the_round() {
    let (s, policy) = two_and_two();
    let plain = run_round(&s, &policy.validate().unwrap()).unwrap();
    assert_eq!(plain.metrics.posts, 3);
    let mut c = Constraints::default();
    c.open_posts.insert("V2".into(), 1);
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    assert_eq!(round.metrics.posts, 2);
    assert_eq!(round.placements.len(), 2);
    assert!(round.released.is_empty());

    c.open_posts.insert("V1".into(), 0);
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    let json = serde_json::to_string(&round).unwrap();
    assert!(!json.contains("\"V1\""), "{json}");
    assert_eq!(round.metrics.posts, 1);
    assert_eq!(round.placements.len(), 1);
    let unplaced = &round.unplaced[0];
    assert_eq!(unplaced.why.candidate_vacancies, 1);

    c.open_posts.insert("V1".into(), 2);
    match run_round_constrained(&s, &policy.validate().unwrap(), &c) {
        Err(Error::InvalidConstraint { constraint, detail }) => {
            assert_eq!(constraint, "open_posts");
            assert_eq!(
                detail,
                "vacancy `V1` has 1 post in the scenario; 2 cannot be open"
            );
        }
        other => panic!("expected an open_posts error, got {other:?}"),
    }
}

#[test]
fn a_held_vacancy_is_matched_to_nobody_and_listed_with_its_reason() {
    let (s, policy) = two_and_two();
    let mut c = Constraints::default();
    c.held.insert("V1".into(), "budget review".into());
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    assert!(round.placements.iter().all(|p| p.vacancy != "V1"));
    assert_eq!(round.held.len(), 1);
    assert_eq!(round.held[0].vacancy, "V1");
    assert_eq!(round.held[0].reason, "budget review");
    assert!(round.released.iter().all(|r| r.vacancy != "V1"));
    assert_eq!(round.metrics.posts, 2);
    // Both go to the band 4 post, which has two places.
    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V2"));
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V2"));
    let story = person_story_constrained(&s, &policy.validate().unwrap(), &c, "P1")
        .unwrap()
        .unwrap();
    let v1 = story.considered.iter().find(|p| p.vacancy == "V1").unwrap();
    assert_eq!(v1.held.as_deref(), Some("budget review"));
}

#[test]
fn an_excluded_pair_fails_its_own_rule_with_the_reason_everywhere() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B5));
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    let policy = policy_without_slotting(&[Tier::Employer]);
    assert_eq!(
        placed_in(&run_round(&s, &policy.validate().unwrap()).unwrap(), "P1").as_deref(),
        Some("V1")
    );
    let mut c = Constraints::default();
    c.excluded
        .insert(pair("P1", "V1"), "refused in round 1".into());
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    assert!(round.placements.is_empty());
    let why = &round.unplaced[0].why;
    assert_eq!(why.excluded_by_rule.len(), 1);
    assert_eq!(why.excluded_by_rule[0].rule, Rule::Excluded);
    assert_eq!(why.excluded_by_rule[0].only_reason, Some(1));
    let failure = &why.nearest_misses[0].failures[0];
    assert_eq!(failure.rule, Rule::Excluded);
    assert!(
        failure.detail.contains("refused in round 1"),
        "{}",
        failure.detail
    );
    let story = person_story_constrained(&s, &policy.validate().unwrap(), &c, "P1")
        .unwrap()
        .unwrap();
    assert_eq!(
        story.considered[0].assessment.failed_rules(),
        [Rule::Excluded]
    );
}

#[test]
fn a_pinned_pair_is_placed_first_with_its_reason() {
    let (s, policy) = two_and_two();
    // Without the pin, the optimum gives V1 to one of them; pin P2 to the lower band post.
    let mut c = Constraints::default();
    c.pinned
        .insert(pair("P2", "V2"), "accepted in round 1".into());
    c.pinned
        .insert(pair("P1", "V2"), "accepted in round 1".into());
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    for who in ["P1", "P2"] {
        let placement = round.placements.iter().find(|p| p.person == who).unwrap();
        assert_eq!(placement.vacancy, "V2");
        assert_eq!(placement.route, PlacementRoute::Pinned);
        assert_eq!(placement.rule, None);
        assert_eq!(
            placement.reasons[0],
            "pinned before matching: accepted in round 1"
        );
    }
    // V1 is left for open recruitment.
    assert_eq!(round.released.len(), 1);
    assert_eq!(round.released[0].vacancy, "V1");
}

#[test]
fn a_pinned_pair_that_fails_a_rule_is_an_error_naming_the_pair_and_rule() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B5));
    s.vacancies.push(vacancy("V1", "E1", Band::B7));
    let policy = policy_without_slotting(&[Tier::Employer]);
    let mut c = Constraints::default();
    c.pinned.insert(pair("P1", "V1"), "HR decision".into());
    match run_round_constrained(&s, &policy.validate().unwrap(), &c) {
        Err(Error::PinnedPairFails {
            person,
            vacancy,
            failures,
        }) => {
            assert_eq!((person.as_str(), vacancy.as_str()), ("P1", "V1"));
            assert_eq!(failures[0].rule, Rule::BandRise);
        }
        other => panic!("expected a pinned pair error, got {other:?}"),
    }
}

#[test]
fn unknown_ids_and_impossible_pins_are_errors_naming_them() {
    let (s, policy) = two_and_two();
    let mut c = Constraints::default();
    c.excluded.insert(pair("P1", "V9"), "x".into());
    let err = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap_err();
    assert!(err.to_string().contains("`V9`"), "{err}");
    let mut c = Constraints::default();
    c.absent.insert("P9".into(), "x".into());
    let err = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap_err();
    assert!(err.to_string().contains("person `P9`"), "{err}");
    let mut c = Constraints::default();
    c.pinned.insert(pair("P1", "V1"), "x".into());
    c.pinned.insert(pair("P2", "V1"), "x".into());
    let err = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap_err();
    assert!(err.to_string().contains("`V1`"), "{err}");
    let mut c = Constraints::default();
    c.pinned.insert(pair("P1", "V1"), "x".into());
    c.held.insert("V1".into(), "x".into());
    assert!(run_round_constrained(&s, &policy.validate().unwrap(), &c).is_err());
}

#[test]
fn constraints_apply_across_employers_in_a_footprint() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B5));
    s.vacancies.push(ring_fenced(vacancy("V2", "E2", Band::B5)));
    let policy = policy_without_slotting(&[Tier::Employer, Tier::Footprint]);
    assert_eq!(
        placed_in(&run_round(&s, &policy.validate().unwrap()).unwrap(), "P1").as_deref(),
        Some("V2")
    );
    let mut c = Constraints::default();
    c.pinned.insert(pair("P1", "V2"), "offer accepted".into());
    let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
    assert_eq!(round.placements[0].tier, Tier::Footprint);
    assert_eq!(round.placements[0].route, PlacementRoute::Pinned);
}

mod properties {
    use super::*;
    use common::random::{policy_strategy, scenario_strategy};
    use proptest::prelude::*;

    /// Constraints drawn from a scenario: each person absent or one of their pairs excluded by
    /// the mask's bits, each vacancy held or closed.
    fn constraints_for(s: &Scenario, mask: u64) -> Constraints {
        let bit = |i: usize| mask >> (i % 64) & 1 == 1;
        let mut c = Constraints::default();
        for (i, p) in s.people.iter().enumerate() {
            if bit(3 * i) {
                c.absent.insert(p.id.clone(), "left".into());
            } else if let Some(v) = s.vacancies.get(i % s.vacancies.len().max(1))
                && bit(3 * i + 1)
            {
                c.excluded.insert(pair(&p.id, &v.id), "refused".into());
            }
        }
        for (i, v) in s.vacancies.iter().enumerate() {
            if bit(5 * i + 2) {
                c.held.insert(v.id.clone(), "on hold".into());
            } else if bit(5 * i + 3) {
                c.open_posts.insert(v.id.clone(), 0);
            }
        }
        c
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn constrained_rounds_keep_out_what_the_constraints_keep_out(
            s in scenario_strategy(),
            policy in policy_strategy(),
            mask in any::<u64>(),
        ) {
            let c = constraints_for(&s, mask);
            let round = run_round_constrained(&s, &policy.validate().unwrap(), &c).unwrap();
            let listed: Vec<&str> = round
                .placements
                .iter()
                .map(|p| p.person.as_str())
                .chain(round.unplaced.iter().map(|u| u.person.as_str()))
                .chain(round.voluntary_redundancy.iter().map(|v| v.person.as_str()))
                .collect();
            for person in c.absent.keys() {
                prop_assert!(!listed.contains(&person.as_str()));
            }
            prop_assert_eq!(listed.len(), s.people.len() - c.absent.len());
            for p in &round.placements {
                prop_assert!(!c.excluded.contains_key(&pair(&p.person, &p.vacancy)));
                prop_assert!(!c.held.contains_key(&p.vacancy));
                prop_assert!(c.open_posts.get(&p.vacancy) != Some(&0));
            }
            for r in &round.released {
                prop_assert!(!c.held.contains_key(&r.vacancy));
                prop_assert!(c.open_posts.get(&r.vacancy) != Some(&0));
            }
            let held_in_round = c.held.keys().filter(|v| c.open_posts.get(*v) != Some(&0)).count();
            prop_assert_eq!(round.held.len(), held_in_round);
            prop_assert_eq!(
                round.metrics.posts,
                round.metrics.posts_filled + round.metrics.posts_released
            );
        }
    }
}
