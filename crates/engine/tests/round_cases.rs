//! Whole rounds on small scenarios checked by hand: priority, tiers, slotting-in, costs, and what
//! each matching rule does with the same people and posts.

mod common;

use common::{
    date, on_maternity, person, placed_in, policy_without_slotting, ring_fenced, scenario, vacancy,
};
use redeploy_engine::{Money, PlacementRoute, Round, Rule, run_round};
use redeploy_model::{Band, MatchingRule, Policy, Scenario, Tier, TierMode};

fn run(s: &Scenario, policy: &Policy) -> Round {
    run_round(s, &policy.validate().unwrap()).expect("the test scenario is valid")
}

#[test]
fn maternity_leave_gets_the_one_suitable_post_ahead_of_a_longer_serving_colleague() {
    let mut s = scenario();
    let mut senior = person("P1", "E1", Band::B6);
    senior.nhs_service_start = date(1995, 1, 1);
    s.people.push(senior);
    let mut protected = on_maternity(person("P2", "E1", Band::B6), date(2025, 6, 1));
    protected.nhs_service_start = date(2022, 1, 1);
    s.people.push(protected);
    s.vacancies.push(vacancy("V1", "E1", Band::B6));
    for rule in MatchingRule::ALL {
        let policy = Policy {
            rule,
            ..Policy::default()
        };
        let round = run(&s, &policy);
        assert_eq!(
            placed_in(&round, "P2").as_deref(),
            Some("V1"),
            "{} must place the person on maternity leave",
            rule.as_str()
        );
        assert_eq!(placed_in(&round, "P1"), None);
        assert_eq!(round.metrics.placed_with_priority, 1);
        // Both slotting candidates for one post: contested, so it went to competition.
        assert_eq!(round.metrics.contested_at_slotting, 1);
        let unplaced = &round.unplaced[0];
        assert_eq!(unplaced.person, "P1");
        assert_eq!(
            unplaced.why.summary,
            "1 suitable vacancy existed but went to others"
        );
        assert_eq!(
            unplaced.why.suitable_vacancies_taken[0].taken_by,
            vec!["P2"]
        );
    }
}

#[test]
fn priority_is_placed_even_when_a_cheaper_match_exists() {
    // P2 (priority) needs training for V1; P1 fits it perfectly. Optimal still gives V1 to P2.
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    let mut protected = on_maternity(person("P2", "E1", Band::B6), date(2025, 6, 1));
    protected.skills = Vec::new();
    s.people.push(protected);
    let mut post = vacancy("V1", "E1", Band::B6);
    post.trainable_skills = vec![redeploy_model::TrainableSkill {
        skill: "ledger".into(),
        weeks: 10,
    }];
    s.people[0].skills = vec!["ledger".into()];
    s.vacancies.push(post);
    let policy = policy_without_slotting(&[Tier::Employer]);
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"));
    assert_eq!(round.placements[0].training_weeks, 10);
}

#[test]
fn tier_one_keeps_a_person_at_their_employer_when_a_suitable_post_exists_there() {
    let mut s = scenario();
    let mut someone = person("P1", "E1", Band::B6);
    someone.skills = vec!["audit".into()];
    s.people.push(someone);
    // At home: one band down (costly). Next door: same band, ring-fenced (cheaper).
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    s.vacancies.push(ring_fenced(vacancy("V2", "E2", Band::B6)));
    let policy = policy_without_slotting(&[Tier::Employer, Tier::Footprint]);
    let round = run(&s, &policy);
    let placement = &round.placements[0];
    assert_eq!(placement.vacancy, "V1");
    assert_eq!(placement.tier, Tier::Employer);
    assert_eq!(placement.band_change, -1);
    assert_eq!(round.released.len(), 1);
    assert_eq!(round.released[0].vacancy, "V2");

    // The weighted mode trades tier distance (5,000) against the band drop (1,000 + protection):
    // it still keeps the person at home.
    let mut weighted = policy.clone();
    weighted.tier_mode = TierMode::Weighted;
    let round = run(&s, &weighted);
    assert_eq!(round.placements[0].vacancy, "V1");
    assert_eq!(round.placements[0].soft_costs.tier_distance, 0);
}

#[test]
fn a_post_filled_at_tier_one_is_not_offered_at_tier_two() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    let mut neighbour = person("P2", "E2", Band::B6);
    neighbour.nhs_service_start = date(1990, 1, 1);
    s.people.push(on_maternity(neighbour, date(2025, 6, 1)));
    s.vacancies.push(ring_fenced(vacancy("V1", "E1", Band::B6)));
    let policy = policy_without_slotting(&[Tier::Employer, Tier::Footprint]);
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"));
    assert_eq!(round.placements[0].tier, Tier::Employer);
    // P2 has priority, but only at the footprint tier, after P1 took the post at tier 1.
    assert_eq!(placed_in(&round, "P2"), None);
    let tiers = &round.metrics.by_tier;
    assert_eq!((tiers[0].tier, tiers[0].placed), (Tier::Employer, 1));
    assert_eq!((tiers[1].tier, tiers[1].placed), (Tier::Footprint, 0));
    let solves = &round.metrics.solves;
    assert_eq!(solves[1].open_tiers, vec![Tier::Employer, Tier::Footprint]);
    assert_eq!(
        (solves[1].people, solves[1].vacancies),
        (0, 0),
        "nothing is left to offer P2"
    );
}

#[test]
fn other_employers_posts_need_the_ring_fence_or_a_block_on_external_recruitment() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    s.vacancies.push(vacancy("V1", "E2", Band::B6));
    let mut policy = policy_without_slotting(&[Tier::Employer, Tier::Footprint]);
    let round = run(&s, &policy);
    assert!(round.placements.is_empty());
    assert_eq!(
        round.unplaced[0].why.summary,
        "no tier of the policy could offer this person any vacancy"
    );
    policy.block_external_recruitment = true;
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"));
    assert_eq!(round.placements[0].tier, Tier::Footprint);
    assert_eq!(round.placements[0].extra_travel_minutes, 20);
}

#[test]
fn slotting_in_happens_before_matching() {
    let mut s = scenario();
    // P1's job maps onto V1 (same band and family, holds 2 of its 2 skills): slotted in.
    let mut match_holder = person("P1", "E1", Band::B6);
    match_holder.skills = vec!["ledger".into(), "audit".into()];
    s.people.push(match_holder);
    // P2 has priority and V1 would suit them (one band down), but slotting comes first.
    let mut protected = on_maternity(person("P2", "E1", Band::B7), date(2025, 6, 1));
    protected.skills = vec!["ledger".into()];
    s.people.push(protected);
    let mut post = vacancy("V1", "E1", Band::B6);
    post.essential_skills = vec!["ledger".into()];
    post.desirable_skills = vec!["audit".into()];
    s.vacancies.push(post);
    let round = run(&s, &Policy::default());
    let placement = &round.placements[0];
    assert_eq!(
        (placement.person.as_str(), placement.vacancy.as_str()),
        ("P1", "V1")
    );
    assert_eq!(placement.route, PlacementRoute::Slotted);
    assert_eq!(placement.rule, None);
    assert_eq!(round.metrics.slotted, 1);
    assert_eq!(placed_in(&round, "P2"), None);

    // Below the threshold (holds 1 of 2 skills = 0.5 < 0.67) there is no slotting, and the
    // priority person wins the competition.
    s.people[0].skills = vec!["ledger".into()];
    let round = run(&s, &Policy::default());
    assert_eq!(round.metrics.slotted, 0);
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"));
}

#[test]
fn redundancy_pay_flows_into_the_round() {
    let mut s = scenario();
    // Band 6 at £46,580 with ten full years on 1 October 2025: 10 x £46,580 / 12 = £38,816.67.
    s.people.push(person("P1", "E1", Band::B6));
    // Band 9 at £125,637 with 30 years: capped at 24 years and £80,000 = £160,000.
    let mut senior = person("P2", "E1", Band::B9);
    senior.nhs_service_start = date(1995, 4, 1);
    s.people.push(senior);
    // A volunteer: leaves under VR with their payment; band 6 with ten years again.
    let mut volunteer = person("P3", "E1", Band::B6);
    volunteer.volunteered_vr = true;
    s.people.push(volunteer);
    // One post that suits only P1 (band 9 may not drop to 6).
    s.vacancies.push(vacancy("V1", "E1", Band::B6));
    let round = run(&s, &Policy::default());

    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"));
    assert_eq!(round.placements[0].redundancy_pay_avoided, Money(3_881_667));
    assert_eq!(round.metrics.redundancy_cost_avoided, Money(3_881_667));

    let unplaced = &round.unplaced[0];
    assert_eq!(unplaced.person, "P2");
    assert_eq!(unplaced.redundancy.reckonable_years, 24);
    assert_eq!(unplaced.redundancy.amount, Money::from_pounds(160_000));
    assert_eq!(
        round.metrics.residual_liability,
        Money::from_pounds(160_000)
    );
    assert_eq!(unplaced.why.outside_band_window, 1);
    let band_rule = &unplaced.why.excluded_by_rule[0];
    assert_eq!((band_rule.rule, band_rule.vacancies), (Rule::BandDrop, 1));

    assert_eq!(round.voluntary_redundancy.len(), 1);
    assert_eq!(round.voluntary_redundancy[0].person, "P3");
    assert_eq!(round.metrics.voluntary_redundancy_cost, Money(3_881_667));
    assert_eq!(round.metrics.volunteers_leaving, 1);

    // Volunteers take part when the policy includes them.
    let mut policy = Policy::default();
    policy.voluntary_redundancy.include_volunteers = true;
    let round = run(&s, &policy);
    assert!(round.voluntary_redundancy.is_empty());
    assert_eq!(round.metrics.in_matching, 3);
}

/// Two people, two posts. A (band 6, longer service, first on the register) suits both posts and
/// prefers V1 (four weeks' training) to V2 (a band down); B (band 7) suits only V1, a band down
/// for them. Only the optimal rule places both.
fn contested_pair() -> Scenario {
    let mut s = scenario();
    let mut a = person("A", "E1", Band::B6);
    a.nhs_service_start = date(1990, 1, 1);
    s.people.push(a);
    let mut b = person("B", "E1", Band::B6);
    b.skills = vec!["ledger".into()];
    s.people.push(b);
    let mut v1 = vacancy("V1", "E1", Band::B6);
    v1.trainable_skills = vec![redeploy_model::TrainableSkill {
        skill: "ledger".into(),
        weeks: 4,
    }];
    v1.advertised_order = 1;
    s.vacancies.push(v1);
    // V2 is one band down for both, so costlier than V1 even with A's training.
    let mut v2 = vacancy("V2", "E1", Band::B5);
    v2.advertised_order = 2;
    s.vacancies.push(v2);
    s.people[1].band = Band::B7; // B may not drop two bands to V2
    s.people[1].salary = common::top_of(Band::B7);
    s
}

#[test]
fn each_rule_on_the_same_contested_pair() {
    let s = contested_pair();
    let outcome = |rule: MatchingRule| {
        let mut policy = policy_without_slotting(&[Tier::Employer]);
        policy.rule = rule;
        let round = run(&s, &policy);
        (
            placed_in(&round, "A"),
            placed_in(&round, "B"),
            round.metrics.stability,
        )
    };
    let (a, b, _) = outcome(MatchingRule::Optimal);
    assert_eq!(
        (a.as_deref(), b.as_deref()),
        (Some("V2"), Some("V1")),
        "optimal places both"
    );

    // B (band 7 in a band 6 post) costs 1,000 + protection at V1, A costs 100 (4 weeks' training):
    // V1 ranks A higher, so deferred acceptance gives V1 to A and strands B.
    let (a, b, stability) = outcome(MatchingRule::DeferredAcceptance);
    assert_eq!((a.as_deref(), b.as_deref()), (Some("V1"), None));
    assert_eq!(stability.blocking_pairs, 0, "deferred acceptance is stable");

    let (a, b, _) = outcome(MatchingRule::SerialDictatorship);
    assert_eq!(
        (a.as_deref(), b.as_deref()),
        (Some("V1"), None),
        "A chooses first"
    );

    let (a, b, _) = outcome(MatchingRule::FirstCome);
    assert_eq!(
        (a.as_deref(), b.as_deref()),
        (Some("V1"), None),
        "V1 goes to A, first on the register"
    );
}

#[test]
fn policy_out_of_range_is_an_error_not_a_panic() {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    let mut policy = Policy::default();
    policy.slotting.threshold = 1.5;
    policy.tiers.clear();
    let err = policy.validate().unwrap_err();
    assert!(matches!(err, redeploy_model::Error::InvalidPolicy { .. }));
    let text = err.to_string();
    assert!(text.contains("field `tiers`"), "{text}");
    assert!(text.contains("field `slotting.threshold`"), "{text}");
}

#[test]
fn empty_scenario_gives_an_empty_round() {
    let round = run(&scenario(), &Policy::default());
    assert!(round.placements.is_empty() && round.unplaced.is_empty());
    assert_eq!(round.metrics.placed, 0);
}
