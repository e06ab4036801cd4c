//! Properties of the own-employer protection on random small scenarios (`docs/rules.md` §3):
//! a round wider than the employer tier keeps everyone its employer step places placed, keeps
//! each vacancy's count of its own employer's staff, and under `optimal` places at least as
//! many as the sequential round that runs the employer tier first.
//!
//! The employer step of a policy is the same rule on each employer's own vacancies and staff,
//! with statutory priority: the round of the same policy with the employer tier alone.

mod common;

use std::collections::{HashMap, HashSet};

use common::random::{policy_strategy, scenario_strategy};
use proptest::prelude::*;
use redeploy_engine::Round;
use redeploy_model::{MatchingRule, Policy, Scenario, Tier, TierMode};

fn run_round(s: &Scenario, policy: &Policy) -> Round {
    redeploy_engine::run_round(s, &policy.validate().unwrap()).unwrap()
}

/// The round of `policy` with the employer tier alone: its employer step.
fn employer_step(s: &Scenario, policy: &Policy) -> Round {
    let own = Policy {
        tiers: vec![Tier::Employer],
        tier_mode: TierMode::Sequential,
        ..policy.clone()
    };
    run_round(s, &own)
}

/// How many of each vacancy's own employer's staff a round places there.
fn own_staff_at(s: &Scenario, round: &Round) -> HashMap<String, usize> {
    let employer_of_person: HashMap<&str, &str> = s
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.employer.as_str()))
        .collect();
    let employer_of_vacancy: HashMap<&str, &str> = s
        .vacancies
        .iter()
        .map(|v| (v.id.as_str(), v.employer.as_str()))
        .collect();
    let mut counts = HashMap::new();
    for placement in &round.placements {
        if employer_of_person[placement.person.as_str()]
            == employer_of_vacancy[placement.vacancy.as_str()]
        {
            *counts.entry(placement.vacancy.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// A policy that solves wider than the employer: the random policy's tiers, or the footprint
/// alone when it lists the employer tier alone.
fn wider(mut policy: Policy) -> Policy {
    if policy.tiers == [Tier::Employer] {
        policy.tiers = vec![Tier::Footprint];
    }
    policy
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// (a) Everyone the employer step places is placed, under every rule and tier mode.
    #[test]
    fn everyone_the_employer_step_places_is_placed(s in scenario_strategy(), policy in policy_strategy()) {
        let policy = wider(policy);
        let step = employer_step(&s, &policy);
        let round = run_round(&s, &policy);
        let placed: HashSet<&str> = round.placements.iter().map(|p| p.person.as_str()).collect();
        for placement in &step.placements {
            prop_assert!(
                placed.contains(placement.person.as_str()),
                "{} was placed by their employer's step ({}) but not by the round",
                placement.person, placement.vacancy
            );
        }
    }

    /// (b) No vacancy holds fewer of its own employer's staff than the employer step put there,
    /// so no employer's own staff placed at that employer drop below the step's count.
    #[test]
    fn no_vacancy_loses_its_own_employers_staff(s in scenario_strategy(), policy in policy_strategy()) {
        let policy = wider(policy);
        let step = own_staff_at(&s, &employer_step(&s, &policy));
        let round = own_staff_at(&s, &run_round(&s, &policy));
        for (vacancy, &count) in &step {
            let now = round.get(vacancy).copied().unwrap_or(0);
            prop_assert!(now >= count, "{}: {} own staff, the employer step placed {}", vacancy, now, count);
        }
    }

    /// (c) Under the default protection, one `optimal` solve over the widest tier places at least
    /// as many as the sequential `optimal` round with the employer tier first: that round's
    /// placements keep the employer step's people on the places it reserved and fill the rest
    /// from other places, so they are one of the assignments the single solve chooses among, and
    /// it places the most it can. (Against a greedy rule no such bound holds under the
    /// protection: each rule reserves the places its own employer step chose; see
    /// `each_rule_keeps_its_own_employer_steps_choice` in `round_defects.rs`.)
    #[test]
    fn one_optimal_solve_places_at_least_as_many_as_the_employer_tier_first(
        s in scenario_strategy(),
        policy in policy_strategy(),
        region in any::<bool>(),
    ) {
        let widest = if region { Tier::Region } else { Tier::Footprint };
        let policy = Policy {
            rule: MatchingRule::Optimal,
            tier_mode: TierMode::Sequential,
            ..policy
        };
        let single = run_round(&s, &Policy { tiers: vec![widest], ..policy.clone() });
        let tiered = run_round(&s, &Policy { tiers: vec![Tier::Employer, widest], ..policy });
        prop_assert!(
            single.metrics.placed >= tiered.metrics.placed,
            "one solve placed {}, the employer tier first {}",
            single.metrics.placed, tiered.metrics.placed
        );
    }
}
