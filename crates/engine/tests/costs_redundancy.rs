//! Section 16 redundancy pay: the worked examples of `docs/rules.md` to the penny, and the
//! boundaries of each threshold. Every example is run on 1 October 2025 with the default
//! policy unless it says otherwise.
//! Source: <https://www.nhsemployers.org/articles/nhs-redundancy-arrangements>

mod costs_support;

use costs_support::{date, person, round_date};
use redeploy_engine::{EarlyRetirement, Money, MonthPayRoute, redundancy_pay};
use redeploy_model::{Band, FloorCapBasis, RedundancyPayRules};

fn rules_on(basis: FloorCapBasis) -> RedundancyPayRules {
    RedundancyPayRules {
        floor_cap_basis: basis,
        ..RedundancyPayRules::default()
    }
}

#[test]
fn example_1_band_6_top_with_ten_years() {
    let someone = person(Band::B6, 46_580, date(2015, 4, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert!(pay.eligible, "ten years of service qualifies");
    assert_eq!(pay.reckonable_years, 10);
    assert_eq!(pay.annual_pay_used, Money(4_658_000));
    assert_eq!(
        pay.week_pay,
        Money(71_900),
        "£895.77 a week is limited to £719"
    );
    assert_eq!(pay.month_route, MonthPayRoute::TwelfthOfAnnualPay);
    assert_eq!(pay.month_pay, Money(388_167), "£46,580 / 12");
    assert_eq!(
        pay.amount,
        Money(3_881_667),
        "10 × £46,580 / 12 = £38,816.67"
    );
    assert_eq!(pay.early_retirement, None, "aged 45");
}

#[test]
fn example_2_band_9_capped_at_24_years_and_80000() {
    let mut someone = person(Band::B9, 125_637, date(1995, 9, 1));
    someone.date_of_birth = date(1968, 3, 1);
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert_eq!(
        pay.reckonable_years, 24,
        "30 years of service is capped at 24"
    );
    assert_eq!(pay.annual_pay_used, Money::from_pounds(80_000));
    assert_eq!(pay.month_pay, Money(666_667));
    assert_eq!(
        pay.amount,
        Money::from_pounds(160_000),
        "the £160,000 maximum"
    );
    assert_eq!(
        pay.early_retirement,
        Some(EarlyRetirement {
            age: 57,
            capitalisation_cap: Money::from_pounds(160_000),
        }),
        "a pension scheme member over 55 may take early retirement instead"
    );
}

#[test]
fn example_3_band_8c_top_is_capped_at_80000() {
    let someone = person(Band::B8c, 88_682, date(2005, 6, 15));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert_eq!(pay.reckonable_years, 20);
    assert_eq!(pay.annual_pay_used, Money::from_pounds(80_000));
    assert_eq!(
        pay.amount,
        Money(13_333_333),
        "20 × £80,000 / 12 = £133,333.33"
    );
}

#[test]
fn example_4_under_two_years_is_not_eligible() {
    let someone = person(Band::B5, 37_796, date(2023, 11, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert!(!pay.eligible, "1 year 11 months is short of 104 weeks");
    assert_eq!(pay.continuous_service_weeks, 100);
    assert_eq!(pay.reckonable_years, 1);
    assert_eq!(
        pay.month_pay,
        Money(314_967),
        "the month's pay is still shown"
    );
    assert_eq!(pay.amount, Money::ZERO);
    assert_eq!(pay.early_retirement, None);
}

#[test]
fn example_5_band_4_top_takes_the_weeks_pay_route() {
    let someone = person(Band::B4, 30_162, date(2015, 4, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert_eq!(
        pay.week_pay,
        Money(58_004),
        "£30,162 / 52 = £580.04, under the £719 limit"
    );
    assert_eq!(pay.month_route, MonthPayRoute::WeeksPay);
    assert_eq!(
        pay.month_pay,
        Money(252_317),
        "4.35 × £580.04 beats £30,162 / 12 = £2,513.50"
    );
    assert_eq!(
        pay.amount,
        Money(2_523_174),
        "10 × 4.35 × £580.04 = £25,231.74"
    );
}

#[test]
fn example_6_part_timer_on_the_actual_basis_gets_the_floor_and_the_minimum_payment() {
    let mut someone = person(Band::B2, 24_465, date(2023, 9, 1));
    someone.wte = 0.5;
    let pay = redundancy_pay(&someone, round_date(), &rules_on(FloorCapBasis::Actual));
    assert_eq!(pay.reckonable_years, 2);
    assert_eq!(
        pay.annual_pay_used,
        Money::from_pounds(23_000),
        "actual earnings of £12,232.50 are raised to the £23,000 floor"
    );
    assert_eq!(
        pay.week_pay,
        Money(23_524),
        "£12,232.50 / 52: the week's pay is not floored"
    );
    assert_eq!(pay.month_route, MonthPayRoute::TwelfthOfAnnualPay);
    assert_eq!(pay.month_pay, Money(191_667));
    assert_eq!(
        pay.amount,
        Money(383_333),
        "2 × £23,000 / 12 = £3,833.33, the minimum"
    );
}

#[test]
fn example_7_the_same_part_timer_on_the_wte_basis_is_paid_pro_rata() {
    let mut someone = person(Band::B2, 24_465, date(2023, 9, 1));
    someone.wte = 0.5;
    let pay = redundancy_pay(&someone, round_date(), &rules_on(FloorCapBasis::Wte));
    assert_eq!(
        pay.annual_pay_used,
        Money(1_223_250),
        "the full-time £24,465 is above the floor, then halved"
    );
    assert_eq!(pay.month_route, MonthPayRoute::WeeksPay);
    assert_eq!(
        pay.month_pay,
        Money(102_329),
        "4.35 × £235.24 beats £1,019.38"
    );
    assert_eq!(pay.amount, Money(204_659), "2 × 4.35 × £235.24 = £2,046.59");
}

#[test]
fn example_8_part_time_band_9_cap_depends_on_the_basis() {
    let mut someone = person(Band::B9, 125_637, date(1995, 9, 1));
    someone.wte = 0.6;
    let wte = redundancy_pay(&someone, round_date(), &rules_on(FloorCapBasis::Wte));
    assert_eq!(
        wte.annual_pay_used,
        Money::from_pounds(48_000),
        "£80,000 pro rata at 0.6"
    );
    assert_eq!(wte.amount, Money::from_pounds(96_000), "24 × £48,000 / 12");
    let actual = redundancy_pay(&someone, round_date(), &rules_on(FloorCapBasis::Actual));
    assert_eq!(
        actual.annual_pay_used,
        Money(7_538_220),
        "£75,382.20 is under the cap"
    );
    assert_eq!(
        actual.amount,
        Money(15_076_440),
        "24 × £75,382.20 / 12 = £150,764.40"
    );
}

#[test]
fn example_9_full_timer_paid_below_the_floor_gets_the_minimum() {
    let someone = person(Band::B1, 22_000, date(2023, 9, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert_eq!(pay.annual_pay_used, Money::from_pounds(23_000));
    assert_eq!(pay.amount, Money(383_333), "2 × £23,000 / 12 = £3,833.33");
}

#[test]
fn exactly_104_weeks_qualifies_and_103_does_not() {
    let rules = RedundancyPayRules::default();
    // 104 weeks = 728 days before 1 October 2025 is 4 October 2023.
    let qualifies = redundancy_pay(
        &person(Band::B6, 46_580, date(2023, 10, 4)),
        round_date(),
        &rules,
    );
    assert_eq!(qualifies.continuous_service_weeks, 104);
    assert!(qualifies.eligible);
    assert_eq!(
        qualifies.reckonable_years, 1,
        "104 weeks is short of two full years"
    );
    assert_eq!(qualifies.amount, Money(388_167), "one month's pay");
    let short = redundancy_pay(
        &person(Band::B6, 46_580, date(2023, 10, 5)),
        round_date(),
        &rules,
    );
    assert_eq!(short.continuous_service_weeks, 103);
    assert!(!short.eligible);
    assert_eq!(short.amount, Money::ZERO);
}

#[test]
fn exactly_24_years_is_paid_in_full_and_a_day_less_is_23() {
    let rules = RedundancyPayRules::default();
    let full = redundancy_pay(
        &person(Band::B6, 46_580, date(2001, 10, 1)),
        round_date(),
        &rules,
    );
    assert_eq!(full.reckonable_years, 24);
    assert_eq!(full.amount, Money(9_316_000), "24 × £46,580 / 12");
    let short = redundancy_pay(
        &person(Band::B6, 46_580, date(2001, 10, 2)),
        round_date(),
        &rules,
    );
    assert_eq!(short.reckonable_years, 23, "part years are ignored");
    assert_eq!(short.amount, Money(8_927_833), "23 × £46,580 / 12");
}

#[test]
fn early_retirement_starts_on_the_55th_birthday() {
    let rules = RedundancyPayRules::default();
    let mut someone = person(Band::B6, 46_580, date(2015, 4, 1));
    someone.date_of_birth = date(1970, 10, 1);
    let on_birthday = redundancy_pay(&someone, round_date(), &rules);
    assert_eq!(
        on_birthday.early_retirement,
        Some(EarlyRetirement {
            age: 55,
            capitalisation_cap: Money(3_881_667),
        })
    );
    someone.date_of_birth = date(1970, 10, 2);
    assert_eq!(
        redundancy_pay(&someone, round_date(), &rules).early_retirement,
        None,
        "54"
    );
}

#[test]
fn early_retirement_needs_membership_service_and_the_policy_switch() {
    let mut someone = person(Band::B6, 46_580, date(2015, 4, 1));
    someone.date_of_birth = date(1960, 1, 1);
    let rules = RedundancyPayRules::default();
    assert!(
        redundancy_pay(&someone, round_date(), &rules)
            .early_retirement
            .is_some()
    );

    let switched_off = RedundancyPayRules {
        early_retirement: false,
        ..RedundancyPayRules::default()
    };
    assert_eq!(
        redundancy_pay(&someone, round_date(), &switched_off).early_retirement,
        None
    );

    someone.pension_member = false;
    assert_eq!(
        redundancy_pay(&someone, round_date(), &rules).early_retirement,
        None
    );

    someone.pension_member = true;
    someone.nhs_service_start = date(2024, 1, 1);
    assert_eq!(
        redundancy_pay(&someone, round_date(), &rules).early_retirement,
        None,
        "under two years' continuous service"
    );
}

#[test]
fn every_threshold_comes_from_the_policy() {
    let someone = person(Band::B6, 46_580, date(2015, 4, 1));
    let local = RedundancyPayRules {
        min_continuous_service_weeks: 600,
        ..RedundancyPayRules::default()
    };
    assert!(
        !redundancy_pay(&someone, round_date(), &local).eligible,
        "523 weeks < 600"
    );

    let local = RedundancyPayRules {
        max_years: 5,
        salary_cap: 40_000,
        ..RedundancyPayRules::default()
    };
    let pay = redundancy_pay(&someone, round_date(), &local);
    assert_eq!(pay.reckonable_years, 5);
    assert_eq!(pay.amount, Money(1_666_667), "5 × £40,000 / 12");

    let local = RedundancyPayRules {
        weeks_per_month: 5.5,
        ..RedundancyPayRules::default()
    };
    let pay = redundancy_pay(&someone, round_date(), &local);
    assert_eq!(pay.month_pay, Money(395_450), "5.5 × £719 beats £3,881.67");

    let local = RedundancyPayRules {
        min_pension_age: 45,
        ..RedundancyPayRules::default()
    };
    assert!(
        redundancy_pay(&someone, round_date(), &local)
            .early_retirement
            .is_some()
    );
}

#[test]
fn the_weeks_route_never_passes_the_cap() {
    // With a low local cap the weeks' pay route would give more than a twelfth of the cap.
    let someone = person(Band::B6, 46_580, date(2015, 4, 1));
    let local = RedundancyPayRules {
        salary_cap: 30_000,
        ..RedundancyPayRules::default()
    };
    let pay = redundancy_pay(&someone, round_date(), &local);
    assert_eq!(
        pay.month_pay,
        Money::from_pounds(2_500),
        "£30,000 / 12, not 4.35 × £719"
    );
    assert_eq!(pay.amount, Money::from_pounds(25_000));
}

#[test]
fn service_starting_after_the_round_date_counts_as_none() {
    let someone = person(Band::B6, 46_580, date(2026, 1, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    assert_eq!(pay.continuous_service_weeks, 0);
    assert_eq!(pay.reckonable_years, 0);
    assert_eq!(pay.amount, Money::ZERO);
}

#[test]
fn redundancy_pay_serialises_with_pounds() {
    let someone = person(Band::B6, 46_580, date(2015, 4, 1));
    let pay = redundancy_pay(&someone, round_date(), &RedundancyPayRules::default());
    let json = serde_json::to_value(&pay).expect("redundancy pay serialises");
    assert_eq!(json["amount"], serde_json::json!(38_816.67));
    assert_eq!(json["month_route"], "twelfth-of-annual-pay");
    assert_eq!(json["early_retirement"], serde_json::Value::Null);
}
