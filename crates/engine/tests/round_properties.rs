//! Properties of whole rounds on random small scenarios: every placement passes every hard rule
//! (re-checked by the public assessor and by an independent oracle written here), nobody and no
//! place is used twice, each tier stays inside its scope, the optimal rule never places fewer
//! people than the greedy rules, deferred acceptance is stable, and the result is identical on
//! one and two threads.

mod common;

use std::collections::HashMap;

use common::random::{footprint_of, policy_strategy, scenario_strategy};
use proptest::prelude::*;
use redeploy_engine::{Assessor, Round, run_round, statutory_priority};
use redeploy_model::{ContractType, MatchingRule, Policy, Scenario, Tier, TierMode};

/// Minutes between the test sites, written out independently of the engine's travel matrix.
fn site_minutes(a: &str, b: &str) -> u32 {
    if a == b {
        0
    } else if (a == "S1" && b == "S2") || (a == "S2" && b == "S1") {
        20
    } else {
        50
    }
}

/// The hard rules again, written out from the policy documentation rather than the engine.
fn oracle_suitable(
    s: &Scenario,
    policy: &Policy,
    person: &str,
    vacancy_id: &str,
) -> Result<(), String> {
    let p = s.people.iter().find(|p| p.id == person).unwrap();
    let v = s.vacancies.iter().find(|v| v.id == vacancy_id).unwrap();
    let sae = &policy.sae;
    let steps = v.band.index() as i32 - p.band.index() as i32;
    let rise = i32::from(sae.max_band_rise)
        + if p.reasonable_adjustment {
            i32::from(sae.reasonable_adjustment_band_rise)
        } else {
            0
        };
    if steps < -i32::from(sae.max_band_drop) || steps > rise {
        return Err(format!("band {} for {}", v.band, p.band));
    }
    if v.wte < p.wte - sae.max_wte_reduction - 1e-9 || v.wte > p.wte + sae.max_wte_increase + 1e-9 {
        return Err("hours".into());
    }
    let extra = site_minutes(&p.site, &v.site);
    if extra > 0 {
        let journey = p.commute_minutes.unwrap_or(0) + extra;
        if journey > sae.max_travel_minutes
            || sae.max_extra_travel_minutes.is_some_and(|m| extra > m)
            || p.preferences
                .max_travel_minutes
                .is_some_and(|m| journey > m)
        {
            return Err("travel".into());
        }
        let priority = statutory_priority(p, s.round_date, &policy.priority).is_some();
        if priority
            && policy
                .priority
                .max_travel_minutes
                .is_some_and(|m| journey > m)
        {
            return Err("priority travel".into());
        }
    }
    let trainable: HashMap<&str, u32> = v
        .trainable_skills
        .iter()
        .map(|t| (t.skill.as_str(), t.weeks))
        .collect();
    let essential: std::collections::BTreeSet<&str> = v
        .essential_skills
        .iter()
        .map(String::as_str)
        .chain(trainable.keys().copied())
        .collect();
    let mut weeks = 0;
    for skill in essential {
        if p.skills.iter().any(|s| s == skill) {
            continue;
        }
        match trainable.get(skill) {
            Some(w) => weeks += w,
            None => return Err(format!("missing {skill}")),
        }
    }
    if weeks > sae.max_training_weeks {
        return Err("training".into());
    }
    if v.registration
        .as_ref()
        .is_some_and(|r| !p.registrations.contains(r))
    {
        return Err("registration".into());
    }
    if p.contract == ContractType::Permanent
        && v.contract == ContractType::FixedTerm
        && !sae.allow_fixed_term_for_permanent
    {
        return Err("contract".into());
    }
    if sae.same_job_family && p.job_family != v.job_family {
        return Err("family".into());
    }
    Ok(())
}

fn check_invariants(s: &Scenario, policy: &Policy, round: &Round) -> Result<(), TestCaseError> {
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(s, &valid).unwrap();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for p in &round.placements {
        prop_assert!(
            seen.insert(&p.person, "placed").is_none(),
            "{} placed twice",
            p.person
        );
        let assessment = assessor.assess(&p.person, &p.vacancy).unwrap();
        prop_assert!(
            assessment.is_suitable(),
            "{} in {} fails {:?}",
            p.person,
            p.vacancy,
            assessment.failed_rules()
        );
        if let Err(rule) = oracle_suitable(s, policy, &p.person, &p.vacancy) {
            prop_assert!(
                false,
                "oracle: {} in {} fails {}",
                p.person,
                p.vacancy,
                rule
            );
        }
        let post = s.vacancies.iter().find(|v| v.id == p.vacancy).unwrap();
        let own = p.from_employer == p.to_employer;
        let open = own || post.ring_fenced || policy.block_external_recruitment;
        prop_assert!(
            open,
            "{} took {} which is closed to other employers' staff",
            p.person,
            p.vacancy
        );
        prop_assert!(
            policy.tiers.contains(&p.tier),
            "placement at tier {:?} not in policy",
            p.tier
        );
        let in_scope = match p.tier {
            Tier::Employer => own,
            Tier::Footprint => footprint_of(&p.from_employer) == footprint_of(&p.to_employer),
            Tier::Region => true,
        };
        prop_assert!(in_scope, "{} placed outside tier {:?}", p.person, p.tier);
    }
    for u in &round.unplaced {
        prop_assert!(
            seen.insert(&u.person, "unplaced").is_none(),
            "{} listed twice",
            u.person
        );
    }
    for v in &round.voluntary_redundancy {
        prop_assert!(
            seen.insert(&v.person, "vr").is_none(),
            "{} listed twice",
            v.person
        );
    }
    prop_assert_eq!(
        seen.len(),
        s.people.len(),
        "every person has exactly one outcome"
    );
    let mut fills: HashMap<&str, u32> = HashMap::new();
    for p in &round.placements {
        *fills.entry(&p.vacancy).or_default() += 1;
    }
    for v in &s.vacancies {
        let filled = fills.get(v.id.as_str()).copied().unwrap_or(0);
        prop_assert!(
            filled <= v.posts,
            "{} over capacity: {} of {}",
            v.id,
            filled,
            v.posts
        );
        let released = round
            .released
            .iter()
            .find(|r| r.vacancy == v.id)
            .map_or(0, |r| r.unfilled);
        prop_assert_eq!(released, v.posts - filled, "released places of {}", v.id);
    }
    let metrics = &round.metrics;
    prop_assert_eq!(metrics.placed as usize, round.placements.len());
    let by_tier: u32 = metrics.by_tier.iter().map(|t| t.placed).sum();
    prop_assert_eq!(by_tier, metrics.placed, "by_tier adds up to all placements");
    let solved: u32 = metrics.solves.iter().map(|s| s.placed).sum();
    prop_assert_eq!(
        solved + metrics.slotted,
        metrics.placed,
        "solves plus slotting add up"
    );
    Ok(())
}

fn with_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(work)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_round_respects_rules_capacity_and_scope(s in scenario_strategy(), policy in policy_strategy()) {
        let round = run_round(&s, &policy.validate().unwrap()).unwrap();
        check_invariants(&s, &policy, &round)?;
    }

    #[test]
    fn optimal_places_at_least_as_many_as_the_greedy_rules(s in scenario_strategy(), mut policy in policy_strategy()) {
        policy.tiers.truncate(1);
        policy.tier_mode = TierMode::Sequential;
        // The own-employer protection reserves the places each rule's own employer step chose,
        // so under it the rules solve different problems, and optimal can place fewer than a
        // greedy rule (`each_rule_keeps_its_own_employer_steps_choice` in round_defects.rs works
        // one out by hand). Compared on one problem, optimal never does; the protection's own
        // bound for optimal is in own_staff_properties.rs.
        policy.may_displace_own_employer = true;
        let placed = |rule: MatchingRule| {
            let round = run_round(&s, &Policy { rule, ..policy.clone() }.validate().unwrap()).unwrap();
            (round.metrics.placed, round.metrics.placed_with_priority, round.metrics.stability)
        };
        let (optimal, optimal_priority, _) = placed(MatchingRule::Optimal);
        for rule in [MatchingRule::FirstCome, MatchingRule::SerialDictatorship, MatchingRule::DeferredAcceptance] {
            let (greedy, greedy_priority, _) = placed(rule);
            prop_assert!(optimal >= greedy, "optimal placed {} < {} placed {}", optimal, rule.as_str(), greedy);
            // Priority acts only at the person's own employer (regulation 10), so only the
            // employer tier is one problem where it ranks first for every rule. Beyond it a
            // person with priority competes on equal terms at another employer, where a greedy
            // rule may place them (longer service, first on the register) and optimal the
            // cheaper pair (the saved case: one post at E1, wanted by E1's own employee and by
            // E2's employee on maternity leave).
            if policy.priority.statutory_first && policy.tiers == [Tier::Employer] {
                prop_assert!(optimal_priority >= greedy_priority, "optimal placed fewer with priority than {}", rule.as_str());
            }
        }
        let (_, _, stability) = placed(MatchingRule::DeferredAcceptance);
        prop_assert_eq!(stability.blocking_pairs, 0, "deferred acceptance left a blocking pair");
    }

    #[test]
    fn the_index_finds_every_suitable_pair_in_scope(s in scenario_strategy(), policy in policy_strategy()) {
        let round = run_round(&s, &policy.validate().unwrap()).unwrap();
        let valid = policy.validate().unwrap();
        let assessor = Assessor::new(&s, &valid).unwrap();
        let widest = policy.tiers.iter().copied().max().unwrap();
        let mut brute_force = 0u64;
        for p in s.people.iter().filter(|p| policy.voluntary_redundancy.include_volunteers || !p.volunteered_vr) {
            for v in &s.vacancies {
                let open = v.ring_fenced || policy.block_external_recruitment;
                let in_scope = p.employer == v.employer
                    || open && match widest {
                        Tier::Employer => false,
                        Tier::Footprint => footprint_of(&p.employer) == footprint_of(&v.employer),
                        Tier::Region => true,
                    };
                if in_scope && assessor.assess(&p.id, &v.id).unwrap().is_suitable() {
                    brute_force += 1;
                }
            }
        }
        prop_assert_eq!(round.metrics.eligible_pairs, brute_force, "suitable pairs: index vs every pair");
    }

    #[test]
    fn the_assessor_agrees_with_the_oracle_on_every_pair(s in scenario_strategy(), policy in policy_strategy()) {
        let valid = policy.validate().unwrap();
        let assessor = Assessor::new(&s, &valid).unwrap();
        for p in &s.people {
            for v in &s.vacancies {
                let assessment = assessor.assess(&p.id, &v.id).unwrap();
                let oracle = oracle_suitable(&s, &policy, &p.id, &v.id);
                prop_assert_eq!(
                    assessment.is_suitable(),
                    oracle.is_ok(),
                    "{} for {}: engine {:?}, oracle {:?}",
                    &v.id, &p.id, assessment.failed_rules(), oracle
                );
            }
        }
    }

    #[test]
    fn one_and_two_threads_give_identical_json(s in scenario_strategy(), policy in policy_strategy()) {
        let one = with_threads(1, || serde_json::to_string(&run_round(&s, &policy.validate().unwrap()).unwrap()).unwrap());
        let two = with_threads(2, || serde_json::to_string(&run_round(&s, &policy.validate().unwrap()).unwrap()).unwrap());
        prop_assert_eq!(one, two);
    }
}
