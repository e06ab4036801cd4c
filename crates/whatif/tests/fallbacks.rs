//! Every fallback is the one found by assessing each open post on its own: the oracle below
//! assesses, with the engine's public [`Assessor`], every post the round left open that a tier
//! of the policy could offer the placed person (their own or an associated employer's, or one
//! open to at-risk staff in the scope of the widest tier) and keeps the least (cost, vacancy
//! id). `fallbacks` reads the round's eligibility table instead; the two must agree on every
//! placement, on random scenarios over several footprints and regions, with and without
//! external recruitment held, with associated employers, under every shape of tiers.

use std::collections::BTreeMap;

use proptest::prelude::*;
use redeploy_engine::{Assessment, Assessor, Constraints, PreparedRound, Round};
use redeploy_model::{Policy, Scenario, Tier, Vacancy};
use redeploy_synth::{SynthConfig, generate};
use redeploy_whatif::{Fallback, fallbacks};

/// Each placement's fallback, every candidate assessed one by one.
fn oracle(scenario: &Scenario, policy: &Policy, base: &Round) -> Vec<Fallback> {
    let valid = policy.validate().unwrap();
    let assessor = Assessor::new(scenario, &valid).unwrap();
    let footprint_of: BTreeMap<&str, &str> = scenario
        .employers
        .iter()
        .map(|e| (e.id.as_str(), e.footprint.as_str()))
        .collect();
    let region_of: BTreeMap<&str, &str> = scenario
        .footprints
        .iter()
        .map(|f| (f.id.as_str(), f.region.as_str()))
        .collect();
    // Association is symmetric and followed through: employers joined by any chain of
    // declarations are one.
    let associated = |a: &str, b: &str| {
        let mut group = vec![a];
        let mut grew = true;
        while grew {
            grew = false;
            for e in &scenario.employers {
                let joined = e
                    .associated_with
                    .iter()
                    .any(|x| group.contains(&x.as_str()))
                    || (group.contains(&e.id.as_str()) && !e.associated_with.is_empty());
                if joined {
                    for id in std::iter::once(&e.id).chain(&e.associated_with) {
                        if !group.contains(&id.as_str()) {
                            group.push(id);
                            grew = true;
                        }
                    }
                }
            }
        }
        group.contains(&b)
    };
    let widest = policy.tiers.iter().copied().max().unwrap();
    let in_scope = |a: &str, b: &str| match widest {
        Tier::Employer => false,
        Tier::Footprint => footprint_of[a] == footprint_of[b],
        Tier::Region => region_of[footprint_of[a]] == region_of[footprint_of[b]],
    };
    let vacancies: BTreeMap<&str, &Vacancy> = scenario
        .vacancies
        .iter()
        .map(|v| (v.id.as_str(), v))
        .collect();
    let open: Vec<&Vacancy> = base
        .released
        .iter()
        .filter(|r| r.unfilled > 0)
        .map(|r| vacancies[r.vacancy.as_str()])
        .collect();
    let mut placements: Vec<_> = base.placements.iter().collect();
    placements.sort_by(|a, b| a.person.cmp(&b.person));
    placements
        .iter()
        .map(|p| {
            let from = p.from_employer.as_str();
            let best = open
                .iter()
                .filter(|v| v.id != p.vacancy)
                .filter(|v| {
                    associated(from, &v.employer)
                        || ((v.ring_fenced || policy.block_external_recruitment)
                            && in_scope(from, &v.employer))
                })
                .filter_map(|v| match assessor.assess(&p.person, &v.id)? {
                    Assessment::Suitable { cost, .. } => Some((cost, v.id.as_str())),
                    Assessment::NotSuitable { .. } => None,
                })
                .min();
            Fallback {
                person: p.person.clone(),
                placed_in: p.vacancy.clone(),
                fallback: best.map(|(_, v)| v.to_string()),
                cost: best.map(|(c, _)| c),
            }
        })
        .collect()
}

/// A random scenario of `people` and `posts` over `footprints` footprints (a second region from the seventh), the tiers
/// and external recruitment as given, and the first two employers of each footprint associated
/// when `associate` is set.
fn scenario(
    seed: u64,
    footprints: u32,
    people: u32,
    posts: u32,
    tiers: &[Tier],
    block: bool,
    associate: bool,
) -> Scenario {
    let policy = Policy {
        tiers: tiers.to_vec(),
        block_external_recruitment: block,
        ..Policy::default()
    };
    let mut s = generate(&SynthConfig {
        footprints,
        employers_per_footprint: 3,
        people,
        posts,
        seed,
        policy,
        ..SynthConfig::default()
    })
    .expect("small synthetic scenarios are valid");
    if associate {
        for f in s.footprints.clone() {
            let ids: Vec<String> = s
                .employers
                .iter()
                .filter(|e| e.footprint == f.id)
                .map(|e| e.id.clone())
                .take(2)
                .collect();
            if let [a, b] = ids.as_slice() {
                let first = s.employers.iter_mut().find(|e| &e.id == a).unwrap();
                first.associated_with.push(b.clone());
            }
        }
    }
    s
}

const TIERS: [&[Tier]; 4] = [
    &[Tier::Employer],
    &[Tier::Employer, Tier::Footprint],
    &[Tier::Employer, Tier::Footprint, Tier::Region],
    &[Tier::Footprint, Tier::Region],
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fallbacks_read_from_the_table_are_the_assessed_ones(
        seed in 0u64..1_000,
        footprints in 1u32..9,
        people in 30u32..60,
        posts in 60u32..120,
        tiers in 0usize..4,
        block in any::<bool>(),
        associate in any::<bool>(),
    ) {
        let s = scenario(seed, footprints, people * footprints, posts * footprints, TIERS[tiers], block, associate);
        let policy = s.policy.validate().unwrap();
        let none = Constraints::default();
        let prepared = PreparedRound::new(&s, &policy, &none).unwrap();
        let base = prepared.round();
        let found = fallbacks(&prepared, &base).unwrap();
        prop_assert_eq!(found, oracle(&s, &s.policy, &base));
    }
}

/// The scenarios above have fallbacks to find: some placements have one, some none.
#[test]
fn the_scenarios_have_fallbacks_to_find() {
    let (mut with, mut without) = (0, 0);
    for seed in 0..6 {
        let s = scenario(seed, 7, 350, 700, TIERS[2], seed % 2 == 0, seed % 3 == 0);
        let policy = s.policy.validate().unwrap();
        let none = Constraints::default();
        let prepared = PreparedRound::new(&s, &policy, &none).unwrap();
        let base = prepared.round();
        let found = fallbacks(&prepared, &base).unwrap();
        assert_eq!(found, oracle(&s, &s.policy, &base), "seed {seed}");
        with += found.iter().filter(|f| f.fallback.is_some()).count();
        without += found.iter().filter(|f| f.fallback.is_none()).count();
    }
    assert!(
        with > 10 && without > 0,
        "{with} with a fallback, {without} without"
    );
}
