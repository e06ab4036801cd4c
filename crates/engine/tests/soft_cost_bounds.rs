//! A suitable pair's weighted soft cost fits the solver's arc costs exactly: at the largest
//! weights the policy check accepts and the largest counts the scenario bounds and hard rules
//! allow, the total is at most `MAX_COST`; one more on a weight is refused by the policy check.

mod costs_support;

use costs_support::{date, person};
use redeploy_engine::{Money, SoftCosts, excess_travel, pay_protection};
use redeploy_model::{
    Band, MAX_COST_UNITS, MAX_DESIRABLE_SKILLS, MAX_MINUTES, MAX_PROTECTION_MONTHS,
    MAX_PROTECTION_THOUSANDS, MAX_RANKED_PLACES, MAX_SALARY, MAX_TRAINING_WEEKS, MAX_WEIGHT,
    Policy, ProtectionRules, SoftCostWeights,
};

fn all_weights(value: u32) -> SoftCostWeights {
    SoftCostWeights {
        band_drop: value,
        extra_travel_minute: value,
        training_week: value,
        missing_desirable_skill: value,
        preference_rank: value,
        unranked_post: value,
        pay_protection_per_thousand: value,
        tier_distance: value,
    }
}

fn widest_protection() -> ProtectionRules {
    ProtectionRules {
        pay_protection_months: MAX_PROTECTION_MONTHS,
        excess_travel_months: MAX_PROTECTION_MONTHS,
        excess_travel_pence_per_minute: 10_000,
        working_days_per_year: 366,
    }
}

/// The largest pay protection a checked scenario under a checked policy can cost: the highest
/// salary down to nothing, at 1.5 WTE, for the longest period.
fn largest_pay_protection() -> Money {
    let mut someone = person(Band::B9, MAX_SALARY, date(2000, 1, 1));
    someone.wte = 1.5;
    pay_protection(&someone, 0, 1.5, &widest_protection()).expect("within the bounds")
}

fn extreme_costs() -> SoftCosts {
    SoftCosts {
        band_drop: 11,
        extra_travel_minutes: MAX_MINUTES,
        training_weeks: MAX_TRAINING_WEEKS,
        missing_desirable_skills: MAX_DESIRABLE_SKILLS,
        preference_rank: Some(MAX_RANKED_PLACES),
        unranked: false,
        pay_protection: largest_pay_protection(),
        tier_distance: 2,
    }
}

#[test]
fn the_largest_pay_protection_is_the_bound_in_thousands() {
    // £1,000,000 × 1.5 × 120 / 12 = £15,000,000, that is 15,000 thousands.
    assert_eq!(largest_pay_protection(), Money::from_pounds(15_000_000));
    assert_eq!(
        largest_pay_protection().pence() / 100_000,
        i64::from(MAX_PROTECTION_THOUSANDS)
    );
}

#[test]
fn the_largest_weights_and_counts_fit_the_solvers_costs() {
    let mut policy = Policy {
        weights: all_weights(MAX_WEIGHT),
        protection: widest_protection(),
        ..Policy::default()
    };
    let valid = policy.validate().expect("the largest weights are accepted");
    let total = extreme_costs().weighted_total(&valid.weights);
    // 11 + 1,440 + 520 + 1,000 + 19,999 + 15,000 + 2 = 37,972 units, each at 100,000.
    assert_eq!(total, i64::from(MAX_COST_UNITS) * i64::from(MAX_WEIGHT));
    assert_eq!(total, 3_797_200_000);
    assert!(total <= redeploy_assign::MAX_COST, "{total}");

    // One more on any weight is refused, naming the field and the maximum.
    policy.weights.preference_rank = MAX_WEIGHT + 1;
    let err = policy.validate().unwrap_err().to_string();
    assert!(err.contains("weights.preference_rank"), "{err}");
    assert!(err.contains("100000"), "{err}");
}

#[test]
fn the_ranking_term_and_the_unranked_term_do_not_add_up() {
    let mut costs = extreme_costs();
    costs.preference_rank = None;
    costs.unranked = true;
    let weights = all_weights(MAX_WEIGHT);
    // Unranked counts once, far less than the last place of a ranking.
    assert!(costs.weighted_total(&weights) < extreme_costs().weighted_total(&weights));
}

#[test]
fn excess_travel_fits_for_every_minute_count_under_a_checked_policy() {
    let cost = excess_travel(u32::MAX, &widest_protection()).expect("fits in pence");
    // 4,294,967,295 × 2 × 10,000 × 366 × 120 / 12
    assert_eq!(cost, Money(314_391_605_994_000_000));
    let absurd = ProtectionRules {
        excess_travel_pence_per_minute: u32::MAX,
        working_days_per_year: u32::MAX,
        ..widest_protection()
    };
    assert!(excess_travel(u32::MAX, &absurd).is_err());
}

#[test]
fn pay_protection_refuses_hours_no_scenario_holds() {
    let mut someone = person(Band::B6, 46_580, date(2015, 4, 1));
    someone.wte = f64::MAX;
    let err = pay_protection(&someone, 0, f64::MAX, &ProtectionRules::default()).unwrap_err();
    assert!(err.to_string().contains("pay protection"), "{err}");
}
