//! Rounds the rules used to get wrong, each built by hand from the rule it checks: statutory
//! priority (regulation 10) acting across employers, a wider solve moving someone off the post
//! their own employer owed them, band 1 staff, and fixed-term staff under NHS Scotland's order.

mod common;

use common::{
    date, on_maternity, person, placed_in, policy_without_slotting, ring_fenced, scenario, vacancy,
};
use redeploy_engine::{Round, Rule, run_round};
use redeploy_model::{
    Band, Band1Treatment, ContractType, MatchingRule, Policy, Scenario, Tier, TierMode,
};

fn run(s: &Scenario, policy: &Policy) -> Round {
    run_round(s, &policy.validate().unwrap()).expect("the test scenario is valid")
}

/// Rounds of `s` in both tier modes, with and without an employer tier first, under every
/// matching rule, each with its description.
fn every_mode(s: &Scenario) -> Vec<(String, Round)> {
    let mut rounds = Vec::new();
    for mode in [TierMode::Weighted, TierMode::Sequential] {
        for tiers in [
            &[Tier::Employer, Tier::Footprint][..],
            &[Tier::Footprint][..],
        ] {
            for rule in MatchingRule::ALL {
                let mut policy = policy_without_slotting(tiers);
                policy.tier_mode = mode;
                policy.rule = rule;
                let what = format!("{mode:?} {tiers:?} {}", rule.as_str());
                rounds.push((what, run(s, &policy)));
            }
        }
    }
    rounds
}

/// P1 at E1 on maternity leave, P2 at E2 without priority; the one post is E2's, ring-fenced,
/// suitable for both. Regulation 10 gives P1 priority for E1's vacancies (or an associated
/// employer's), not E2's: E2's duty to its own at-risk employee comes first.
fn priority_at_another_employer() -> Scenario {
    let mut s = scenario();
    let mut mother = on_maternity(person("P1", "E1", Band::B6), date(2025, 6, 1));
    mother.nhs_service_start = date(1990, 1, 1);
    s.people.push(mother);
    s.people.push(person("P2", "E2", Band::B6));
    s.vacancies.push(ring_fenced(vacancy("V1", "E2", Band::B6)));
    s
}

#[test]
fn statutory_priority_does_not_take_another_employers_post_from_its_own_staff() {
    let s = priority_at_another_employer();
    for (what, round) in every_mode(&s) {
        assert_eq!(
            placed_in(&round, "P2").as_deref(),
            Some("V1"),
            "{what}: E2's own employee keeps E2's post"
        );
        assert_eq!(placed_in(&round, "P1"), None, "{what}");
    }
}

#[test]
fn statutory_priority_reaches_a_declared_associated_employer_in_every_mode() {
    // The same people and post, with E2 declared associated with E1 (on E1's side only: the
    // relation holds both ways). Regulation 10 now reaches E2's vacancy.
    let mut s = priority_at_another_employer();
    s.employers[0].associated_with = vec!["E2".into()];
    for (what, round) in every_mode(&s) {
        assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"), "{what}");
        let placement = round.placements.iter().find(|p| p.person == "P1").unwrap();
        assert!(
            placement.reasons.iter().any(|r| r
                .starts_with("statutory priority applied at associated employer E2")
                && r.contains("regulation 10")),
            "{what}: {:?}",
            placement.reasons
        );
    }
}

#[test]
fn an_association_does_not_reach_an_undeclared_employer() {
    // E1 is associated with E2 only; E3's own employee keeps E3's post.
    let mut s = scenario();
    s.employers[2].footprint = "F1".into();
    s.employers[0].associated_with = vec!["E2".into()];
    let mut mother = on_maternity(person("P1", "E1", Band::B6), date(2025, 6, 1));
    mother.nhs_service_start = date(1990, 1, 1);
    s.people.push(mother);
    s.people.push(person("P3", "E3", Band::B6));
    s.vacancies.push(ring_fenced(vacancy("V1", "E3", Band::B6)));
    for (what, round) in every_mode(&s) {
        assert_eq!(placed_in(&round, "P3").as_deref(), Some("V1"), "{what}");
        assert_eq!(placed_in(&round, "P1"), None, "{what}");
    }
}

#[test]
fn an_associated_employers_closed_vacancy_is_offered_at_the_employer_tier() {
    // V1 is E2's and not ring-fenced: only E2's staff, and its associates', may be offered it.
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    s.vacancies.push(vacancy("V1", "E2", Band::B6));
    let policy = policy_without_slotting(&[Tier::Employer]);
    assert_eq!(placed_in(&run(&s, &policy), "P1"), None);
    s.employers[1].associated_with = vec!["E1".into()];
    assert_eq!(placed_in(&run(&s, &policy), "P1").as_deref(), Some("V1"));
}

#[test]
fn statutory_priority_still_wins_at_the_persons_own_employer_in_every_mode() {
    let mut s = scenario();
    let mut senior = person("P1", "E1", Band::B6);
    senior.nhs_service_start = date(1990, 1, 1);
    s.people.push(senior);
    s.people
        .push(on_maternity(person("P2", "E1", Band::B6), date(2025, 6, 1)));
    s.vacancies.push(ring_fenced(vacancy("V1", "E1", Band::B6)));
    for (what, round) in every_mode(&s) {
        assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"), "{what}");
    }
}

#[test]
fn beyond_the_employer_tier_priority_gives_no_precedence_at_a_third_employer() {
    // P1 (E1, maternity) and P2 (E2) both unplaced after the employer tier; the post is E3's, in
    // the other footprint. Neither has priority at E3, so the better fit (P2, same band) wins.
    let mut s = scenario();
    let mut mother = on_maternity(person("P1", "E1", Band::B7), date(2025, 6, 1));
    mother.nhs_service_start = date(1990, 1, 1);
    s.people.push(mother);
    s.people.push(person("P2", "E2", Band::B6));
    s.vacancies.push(ring_fenced(vacancy("V1", "E3", Band::B6)));
    let policy = policy_without_slotting(&[Tier::Employer, Tier::Region]);
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"));
}

/// P2 at E2 can take E2's own post V1 or E1's post V2 (one band lower; they hold the NMC
/// registration it needs); P1 at E1 can take only V1. Placing both needs P2 moved off V1.
fn displacement() -> Scenario {
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    let mut nurse = person("P2", "E2", Band::B6);
    nurse.registrations = vec!["NMC".into()];
    s.people.push(nurse);
    s.vacancies.push(ring_fenced(vacancy("V1", "E2", Band::B6)));
    let mut lower = ring_fenced(vacancy("V2", "E1", Band::B5));
    lower.registration = Some("NMC".into());
    s.vacancies.push(lower);
    s
}

#[test]
fn a_weighted_optimal_round_does_not_move_anyone_off_their_own_employers_post() {
    let s = displacement();
    let mut policy = policy_without_slotting(&[Tier::Employer, Tier::Footprint]);
    policy.tier_mode = TierMode::Weighted;
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V1"));
    assert_eq!(placed_in(&round, "P1"), None);

    // The research option lets the single solve place one more person by moving P2.
    policy.may_displace_own_employer = true;
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V2"));
    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"));
}

#[test]
fn band_1_staff_count_as_band_2_by_default() {
    // Band 1 is closed to new entrants and paid the band 2 rate: a band 2 post is the same band.
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B1));
    s.vacancies.push(vacancy("V1", "E1", Band::B2));
    let policy = policy_without_slotting(&[Tier::Employer]);
    let round = run(&s, &policy);
    let placement = &round.placements[0];
    assert_eq!(placement.vacancy, "V1");
    assert_eq!(placement.band_change, 0);
    assert_eq!(placement.pay_protection, redeploy_engine::Money::ZERO);

    let mut own_band = policy.clone();
    own_band.sae.band_1 = Band1Treatment::OwnBand;
    let round = run(&s, &own_band);
    assert!(round.placements.is_empty());
    assert_eq!(
        round.unplaced[0].why.excluded_by_rule[0].rule,
        Rule::BandRise
    );
}

#[test]
fn permanent_staff_come_before_fixed_term_staff_only_when_the_policy_says() {
    // Two people for one post; the fixed-term one is the better fit (the permanent one drops a
    // band), so by default they get it.
    let mut s = scenario();
    let mut fixed = person("P1", "E1", Band::B5);
    fixed.contract = ContractType::FixedTerm;
    s.people.push(fixed);
    s.people.push(person("P2", "E1", Band::B6));
    s.vacancies.push(vacancy("V1", "E1", Band::B5));
    for rule in MatchingRule::ALL {
        let mut policy = policy_without_slotting(&[Tier::Employer]);
        policy.rule = rule;
        let round = run(&s, &policy);
        assert_eq!(
            placed_in(&round, "P1").as_deref(),
            Some("V1"),
            "{}",
            rule.as_str()
        );
        policy.priority.permanent_before_fixed_term = true;
        let round = run(&s, &policy);
        assert_eq!(
            placed_in(&round, "P2").as_deref(),
            Some("V1"),
            "{}",
            rule.as_str()
        );
    }
}

#[test]
fn a_priority_placement_says_which_law_gave_the_priority() {
    let mut s = scenario();
    s.people
        .push(on_maternity(person("P1", "E1", Band::B6), date(2025, 6, 1)));
    s.vacancies.push(vacancy("V1", "E1", Band::B6));
    let round = run(&s, &policy_without_slotting(&[Tier::Employer]));
    let reasons = &round.placements[0].reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("statutory priority applied")
                && r.contains("regulation 10")
                && r.contains("maternity")),
        "{reasons:?}"
    );
}

#[test]
fn an_unplaced_persons_summary_names_what_ruled_out_their_nearest_post() {
    // Two fixed-term posts fail the contract rule, the nearest (V1) fails registration only: the
    // commonest reason is the contract, but the nearest post was lost to the registration.
    let mut s = scenario();
    s.people.push(person("P1", "E1", Band::B6));
    let mut registered = vacancy("V1", "E1", Band::B6);
    registered.registration = Some("HCPC".into());
    s.vacancies.push(registered);
    for id in ["V2", "V3"] {
        let mut fixed = vacancy(id, "E1", Band::B6);
        fixed.contract = ContractType::FixedTerm;
        s.vacancies.push(fixed);
    }
    let round = run(&s, &policy_without_slotting(&[Tier::Employer]));
    let summary = &round.unplaced[0].why.summary;
    assert!(
        summary.contains("contract-type excluded 2 of the 3"),
        "{summary}"
    );
    assert!(
        summary.ends_with("the nearest, V1, fails registration"),
        "{summary}"
    );
}

/// Known limitation, kept as a test to fix: P1 (band 6) and P2 (band 4) both work at E2; E2's
/// one post V1 (band 5) suits both (one band down for P1, one up for P2), and E1's post V2
/// (band 4) suits P2 only. Both can be placed, P1 at their own employer and P2 at E1. The
/// protection of own-employer placements starts from the employer-level optimum, which gives V1
/// to P2 (the cheaper pair), and then keeps P2 there, so P1 is left unplaced. The protection
/// should keep *who* the employer places, not *where*, when the move serves the same employer's
/// own staff.
#[test]
#[ignore = "known limitation of the own-employer protection; see the comment"]
fn protecting_own_employer_placements_does_not_cost_that_employers_own_staff_a_post() {
    let mut s = scenario();
    s.people.push(person("P1", "E2", Band::B6));
    s.people.push(person("P2", "E2", Band::B4));
    s.vacancies.push(ring_fenced(vacancy("V1", "E2", Band::B5)));
    s.vacancies.push(ring_fenced(vacancy("V2", "E1", Band::B4)));
    let mut policy = policy_without_slotting(&[Tier::Footprint]);
    policy.sae.max_band_rise = 1;
    let round = run(&s, &policy);
    assert_eq!(placed_in(&round, "P1").as_deref(), Some("V1"));
    assert_eq!(placed_in(&round, "P2").as_deref(), Some("V2"));
}
