//! Invariants of the cost rules over random people and policies: redundancy pay is never
//! negative, never above `max_years` months at a twelfth of the cap, and never falls when
//! service or salary grows; pay protection and excess travel grow with what they protect.

mod costs_support;

use chrono::Days;
use costs_support::{person, round_date};
use proptest::prelude::*;
use redeploy_engine::{Money, excess_travel, pay_protection, redundancy_pay};
use redeploy_model::{Band, FloorCapBasis, Person, ProtectionRules, RedundancyPayRules};

fn basis() -> impl Strategy<Value = FloorCapBasis> {
    prop_oneof![Just(FloorCapBasis::Wte), Just(FloorCapBasis::Actual)]
}

/// Policies with a floor no higher than the cap and a weeks-per-month between 4 and 5.
fn rules() -> impl Strategy<Value = RedundancyPayRules> {
    (
        52u32..=156,
        1u32..=30,
        10_000u32..=40_000,
        0u32..=100_000,
        basis(),
        40_000u32..=50_000,
    )
        .prop_map(
            |(weeks, max_years, floor, above_floor, basis, weeks_per_month)| RedundancyPayRules {
                min_continuous_service_weeks: weeks,
                max_years,
                salary_floor: floor,
                salary_cap: floor + above_floor,
                floor_cap_basis: basis,
                weeks_per_month: f64::from(weeks_per_month) / 10_000.0,
                ..RedundancyPayRules::default()
            },
        )
}

/// Whole-time equivalents from 0.1 to 1.0 in hundredths.
fn wte() -> impl Strategy<Value = f64> {
    (10u32..=100).prop_map(|hundredths| f64::from(hundredths) / 100.0)
}

/// A band 6 person on `salary` at `wte` hours with `service_days` of service on the round date.
fn someone(salary: u32, wte: f64, service_days: u64) -> Person {
    let mut built = person(Band::B6, salary, round_date() - Days::new(service_days));
    built.wte = wte;
    built
}

fn pay(salary: u32, wte: f64, service_days: u64, rules: &RedundancyPayRules) -> Money {
    redundancy_pay(&someone(salary, wte, service_days), round_date(), rules).amount
}

proptest! {
    #[test]
    fn redundancy_pay_is_bounded(
        salary in 10_000u32..200_000,
        wte in wte(),
        service_days in 0u64..15_000,
        rules in rules(),
    ) {
        let amount = pay(salary, wte, service_days, &rules);
        let most = Money((i64::from(rules.max_years) * i64::from(rules.salary_cap) * 100 + 6) / 12);
        prop_assert!(amount >= Money::ZERO, "negative redundancy pay {amount}");
        prop_assert!(amount <= most, "{amount} exceeds max_years × cap / 12 = {most}");
    }

    #[test]
    fn redundancy_pay_never_falls_with_more_service(
        salary in 10_000u32..200_000,
        wte in wte(),
        service_days in 0u64..15_000,
        extra_days in 0u64..3_000,
        rules in rules(),
    ) {
        let shorter = pay(salary, wte, service_days, &rules);
        let longer = pay(salary, wte, service_days + extra_days, &rules);
        prop_assert!(longer >= shorter, "{extra_days} more days of service cut pay from {shorter} to {longer}");
    }

    #[test]
    fn redundancy_pay_never_falls_with_more_salary(
        salary in 10_000u32..200_000,
        raise in 0u32..50_000,
        wte in wte(),
        service_days in 0u64..15_000,
        rules in rules(),
    ) {
        let lower = pay(salary, wte, service_days, &rules);
        let higher = pay(salary + raise, wte, service_days, &rules);
        prop_assert!(higher >= lower, "a £{raise} raise cut pay from {lower} to {higher}");
    }

    #[test]
    fn no_pay_without_the_qualifying_service(
        salary in 10_000u32..200_000,
        wte in wte(),
        service_days in 0u64..15_000,
        rules in rules(),
    ) {
        let result = redundancy_pay(&someone(salary, wte, service_days), round_date(), &rules);
        prop_assert_eq!(result.eligible, service_days / 7 >= u64::from(rules.min_continuous_service_weeks));
        if !result.eligible {
            prop_assert_eq!(result.amount, Money::ZERO);
        }
        prop_assert!(result.reckonable_years <= rules.max_years);
    }

    #[test]
    fn pay_protection_grows_with_the_drop_and_is_never_negative(
        salary in 20_000u32..130_000,
        new_salary in 20_000u32..130_000,
        cut in 0u32..10_000,
        wte in wte(),
        months in 0u32..60,
    ) {
        let rules = ProtectionRules { pay_protection_months: months, ..ProtectionRules::default() };
        let moving = someone(salary, wte, 0);
        let cost = pay_protection(&moving, new_salary, wte, &rules).unwrap();
        let deeper = pay_protection(&moving, new_salary.saturating_sub(cut), wte, &rules).unwrap();
        prop_assert!(cost >= Money::ZERO);
        prop_assert!(deeper >= cost, "a lower new salary cut protection from {cost} to {deeper}");
        if new_salary >= salary {
            prop_assert_eq!(cost, Money::ZERO);
        }
    }

    #[test]
    fn excess_travel_is_linear_in_minutes(minutes in 0u32..240, more in 0u32..240) {
        let rules = ProtectionRules::default();
        let per_minute = excess_travel(1, &rules).unwrap();
        prop_assert_eq!(excess_travel(minutes, &rules).unwrap(), Money(per_minute.pence() * i64::from(minutes)));
        prop_assert!(excess_travel(minutes + more, &rules).unwrap() >= excess_travel(minutes, &rules).unwrap());
    }
}
