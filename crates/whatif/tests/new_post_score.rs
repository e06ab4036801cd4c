//! The new-post shortlist's first term is exact where the module docs say it is: on random
//! scenarios with the `optimal` rule, no slotting-in and one pass per unit, a candidate whose
//! score says it adds a placement adds exactly one when the round is run with it (built here by
//! hand: the vacancy appended, the whole round run), and one whose score says none adds none.

use proptest::prelude::*;
use redeploy_engine::{Constraints, PreparedRound, run_round};
use redeploy_model::{MatchingRule, Policy, Scenario, Tier};
use redeploy_synth::{SynthConfig, generate};
use redeploy_whatif::{NewPost, new_post_candidates, shortlist};

/// A random scenario under one tier, no slotting-in, the optimal rule; a tier wider than the
/// employer lifts the own-employer protection and statutory priority first, so that the
/// employer step before it neither reserves places nor keeps anyone to their own employer.
fn scenario(seed: u64, people: u32, posts: u32, employers: u32, tier: Tier) -> Scenario {
    let mut policy = Policy {
        tiers: vec![tier],
        rule: MatchingRule::Optimal,
        may_displace_own_employer: tier != Tier::Employer,
        ..Policy::default()
    };
    policy.slotting.enabled = false;
    if tier != Tier::Employer {
        policy.priority.statutory_first = false;
    }
    generate(&SynthConfig {
        footprints: 1,
        employers_per_footprint: employers,
        people,
        posts,
        seed,
        policy,
        ..SynthConfig::default()
    })
    .expect("small synthetic scenarios are valid")
}

/// Candidates shaped on every person in the scenario, placed or not, so that scores of 0 are
/// tested as well as scores of 1; and the shortlist's own candidates.
fn every_candidate(s: &Scenario, own: Vec<NewPost>) -> Vec<NewPost> {
    let mut posts = own;
    for p in &s.people {
        posts.push(NewPost {
            band: p.band,
            employer: p.employer.clone(),
            site: p.site.clone(),
            skill: p.skills.iter().min().cloned(),
            job_family: p.job_family.clone(),
            wte: p.wte,
        });
    }
    posts
}

fn check(s: &Scenario) -> Result<(usize, usize), TestCaseError> {
    let policy = s.policy.validate().unwrap();
    let none = Constraints::default();
    let prepared = PreparedRound::new(s, &policy, &none).unwrap();
    let base = prepared.round();
    let view = prepared.duals().unwrap();
    let candidates = every_candidate(s, new_post_candidates(s, &view));
    let scored = shortlist(s, &s.policy, &view, candidates, usize::MAX / 4).unwrap();
    let mut seen = (0, 0);
    for (change, score) in scored {
        let redeploy_whatif::Change::AddPost { post } = &change else {
            unreachable!("the shortlist holds new posts only")
        };
        let mut changed = s.clone();
        let mut vacancy = post.vacancy(u32::MAX);
        vacancy.id = "ZZ-NEW".to_string();
        changed.vacancies.push(vacancy);
        let round = run_round(&changed, &policy).unwrap();
        let added = i64::from(round.metrics.placed) - i64::from(base.metrics.placed);
        prop_assert_eq!(
            added,
            i64::from(score.placements),
            "{:?} scored {:?}",
            post,
            score
        );
        if score.placements == 1 {
            seen.0 += 1;
        } else {
            seen.1 += 1;
        }
    }
    Ok(seen)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_score_adds_what_the_round_adds_at_the_employer_tier(
        seed in 0u64..1_000_000, people in 15u32..40, posts in 15u32..50, employers in 1u32..4,
    ) {
        check(&scenario(seed, people, posts, employers, Tier::Employer))?;
    }

    #[test]
    fn the_score_adds_what_the_round_adds_at_one_wider_tier(
        seed in 0u64..1_000_000, people in 15u32..40, posts in 15u32..50, employers in 1u32..4,
    ) {
        check(&scenario(seed, people, posts, employers, Tier::Footprint))?;
    }
}

/// The property is not empty: on one fixed scenario both kinds of score occur.
#[test]
fn both_kinds_of_score_are_checked() {
    let (adds, none) = check(&scenario(7, 40, 45, 3, Tier::Employer)).unwrap();
    assert!(adds > 0 && none > 0, "adds {adds}, none {none}");
}
