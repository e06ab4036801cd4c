//! Properties of the explanations of unplaced people on random small scenarios: the counts per
//! rule (and per rule alone), the candidates, the posts outside the band window and the nearest
//! misses equal what assessing every vacancy in scope one by one with the public assessor gives.

mod common;

use common::random::{footprint_of, policy_strategy, scenario_strategy};
use proptest::prelude::*;
use redeploy_engine::{Assessor, Rule, run_round};
use redeploy_model::{Policy, Scenario, Tier};

/// What an unplaced person's explanation should say, worked out pair by pair.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    candidates: u32,
    outside: u32,
    suitable: u32,
    /// Per rule: (vacancies it excluded, of which it alone), for rules that excluded any.
    excluded: Vec<(Rule, u32, Option<u32>)>,
    nearest: Vec<String>,
}

fn in_scope(s: &Scenario, policy: &Policy, employer: &str, vacancy: usize) -> bool {
    let v = &s.vacancies[vacancy];
    let widest = policy.tiers.iter().copied().max().unwrap();
    let open = v.ring_fenced || policy.block_external_recruitment;
    employer == v.employer
        || open
            && match widest {
                Tier::Employer => false,
                Tier::Footprint => footprint_of(employer) == footprint_of(&v.employer),
                Tier::Region => true,
            }
}

fn expected(s: &Scenario, policy: &Policy, person: usize) -> Expected {
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(s, &valid).unwrap();
    let p = &s.people[person];
    let band = p.band.index();
    let drop = usize::from(policy.sae.max_band_drop);
    let mut rise = usize::from(policy.sae.max_band_rise);
    if p.reasonable_adjustment {
        rise += usize::from(policy.sae.reasonable_adjustment_band_rise);
    }
    let (low, high) = (band.saturating_sub(drop), band + rise);
    let mut result = Expected::default();
    let mut counts = vec![(0u32, 0u32); Rule::ALL.len()];
    let mut misses: Vec<(usize, &str)> = Vec::new();
    for (i, v) in s.vacancies.iter().enumerate() {
        if !in_scope(s, policy, &p.employer, i) {
            continue;
        }
        let failed = assessor.assess(&p.id, &v.id).unwrap().failed_rules();
        let post_band = v.band.index();
        let inside = (low..=high).contains(&post_band);
        if inside {
            result.candidates += 1;
            if failed.is_empty() {
                result.suitable += 1;
            }
            for rule in &failed {
                counts[*rule as usize].0 += 1;
                counts[*rule as usize].1 += u32::from(failed.len() == 1);
            }
        } else {
            result.outside += 1;
            let rule = if post_band < low {
                Rule::BandDrop
            } else {
                Rule::BandRise
            };
            counts[rule as usize].0 += 1;
        }
        let just_outside = post_band + 1 == low || post_band == high + 1;
        if !failed.is_empty() && (inside || just_outside) {
            misses.push((failed.len(), v.id.as_str()));
        }
    }
    for rule in Rule::ALL {
        let (vacancies, alone) = counts[rule as usize];
        if vacancies > 0 {
            let band_rule = matches!(rule, Rule::BandDrop | Rule::BandRise);
            result
                .excluded
                .push((rule, vacancies, (!band_rule).then_some(alone)));
        }
    }
    misses.sort_unstable();
    result.nearest = misses
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect();
    result
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn explanations_count_every_vacancy_in_scope(s in scenario_strategy(), policy in policy_strategy()) {
        let round = run_round(&s, &policy.validate().unwrap()).unwrap();
        for unplaced in &round.unplaced {
            let person = s.people.iter().position(|p| p.id == unplaced.person).unwrap();
            let why = &unplaced.why;
            let actual = Expected {
                candidates: why.candidate_vacancies,
                outside: why.outside_band_window,
                suitable: why.suitable_vacancies,
                excluded: why
                    .excluded_by_rule
                    .iter()
                    .map(|e| (e.rule, e.vacancies, e.only_reason))
                    .collect(),
                nearest: why.nearest_misses.iter().map(|m| m.vacancy.clone()).collect(),
            };
            prop_assert_eq!(actual, expected(&s, &policy, person), "{}", unplaced.person);
        }
    }
}
