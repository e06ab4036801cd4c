//! Pay protection, excess travel and assimilation to a new post's pay: the worked examples of
//! `docs/rules.md` to the penny.

mod costs_support;

use std::collections::BTreeMap;

use costs_support::{date, person};
use redeploy_engine::{Money, excess_travel, pay_protection, salary_in_post};
use redeploy_model::{Band, PayScale, Person, ProtectionRules};

/// The 2025/26 Agenda for Change points of bands 4–8a (England).
fn afc_2025_26() -> PayScale {
    let mut points = BTreeMap::new();
    points.insert(Band::B4, vec![27_485, 30_162]);
    points.insert(Band::B5, vec![31_049, 33_487, 37_796]);
    points.insert(Band::B6, vec![38_682, 40_823, 46_580]);
    points.insert(Band::B7, vec![47_810, 50_273, 54_710]);
    points.insert(Band::B8a, vec![55_690, 62_682]);
    PayScale {
        name: "afc-2025-26".to_string(),
        year: "2025/26".to_string(),
        source: "https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26".to_string(),
        points,
    }
}

fn band_6_top() -> Person {
    person(Band::B6, 46_580, date(2015, 4, 1))
}

#[test]
fn example_10_band_6_top_protected_for_12_months_in_band_5() {
    let someone = band_6_top();
    let new_salary = salary_in_post(&someone, Band::B5, &afc_2025_26());
    assert_eq!(
        new_salary, 37_796,
        "a downgrade assimilates to the top of band 5"
    );
    let cost = pay_protection(&someone, new_salary, 1.0, &ProtectionRules::default()).unwrap();
    assert_eq!(
        cost,
        Money::from_pounds(8_784),
        "(£46,580 − £37,796) × 12 / 12"
    );
}

#[test]
fn protection_period_and_hours_scale_the_cost() {
    let mut someone = band_6_top();
    let eighteen_months = ProtectionRules {
        pay_protection_months: 18,
        ..ProtectionRules::default()
    };
    assert_eq!(
        pay_protection(&someone, 37_796, 1.0, &eighteen_months).unwrap(),
        Money::from_pounds(13_176)
    );
    someone.wte = 0.8;
    let cost = pay_protection(&someone, 37_796, 0.8, &ProtectionRules::default()).unwrap();
    assert_eq!(cost, Money(702_720), "£8,784 × 0.8 = £7,027.20");
    let cost = pay_protection(&someone, 37_796, 0.6, &ProtectionRules::default()).unwrap();
    assert_eq!(
        cost,
        Money(527_040),
        "fewer hours in the new post: protected at 0.6"
    );
    let cost = pay_protection(&someone, 37_796, 1.0, &ProtectionRules::default()).unwrap();
    assert_eq!(
        cost,
        Money(702_720),
        "more hours in the new post: protected at the person's 0.8"
    );
}

#[test]
fn no_protection_without_a_drop_in_pay() {
    let someone = band_6_top();
    let rules = ProtectionRules::default();
    assert_eq!(
        pay_protection(&someone, 46_580, 1.0, &rules).unwrap(),
        Money::ZERO
    );
    assert_eq!(
        pay_protection(&someone, 47_810, 1.0, &rules).unwrap(),
        Money::ZERO
    );
    let none = ProtectionRules {
        pay_protection_months: 0,
        ..ProtectionRules::default()
    };
    assert_eq!(
        pay_protection(&someone, 37_796, 1.0, &none).unwrap(),
        Money::ZERO
    );
}

#[test]
fn assimilation_keeps_pay_inside_the_band_at_the_next_point_up() {
    let scale = afc_2025_26();
    let mut someone = band_6_top();
    assert_eq!(
        salary_in_post(&someone, Band::B6, &scale),
        46_580,
        "same band, same point"
    );
    assert_eq!(
        salary_in_post(&someone, Band::B7, &scale),
        47_810,
        "a rise starts at the bottom"
    );
    someone.salary = 39_000;
    assert_eq!(
        salary_in_post(&someone, Band::B6, &scale),
        40_823,
        "between points: next one up"
    );
    someone.salary = 33_487;
    assert_eq!(
        salary_in_post(&someone, Band::B5, &scale),
        33_487,
        "on a point: that point"
    );
    assert_eq!(
        salary_in_post(&someone, Band::B9, &scale),
        33_487,
        "band not in the scale"
    );
}

#[test]
fn example_11_excess_travel_for_15_extra_minutes() {
    let rules = ProtectionRules::default();
    assert_eq!(
        excess_travel(15, &rules).unwrap(),
        Money::from_pounds(3_780),
        "15 × 2 × 28p × 225 × 24 / 12"
    );
    let one_year = ProtectionRules {
        excess_travel_months: 12,
        ..ProtectionRules::default()
    };
    assert_eq!(
        excess_travel(15, &one_year).unwrap(),
        Money::from_pounds(1_890)
    );
    assert_eq!(excess_travel(0, &rules).unwrap(), Money::ZERO);
}

#[test]
fn excess_travel_rounds_a_part_penny_once() {
    let odd = ProtectionRules {
        excess_travel_months: 7,
        excess_travel_pence_per_minute: 1,
        working_days_per_year: 1,
        ..ProtectionRules::default()
    };
    // 1 minute × 2 × 1p × 1 day × 7 / 12 = 1.17p.
    assert_eq!(excess_travel(1, &odd).unwrap(), Money(1));
    // 5 minutes: 5.83p, rounded once rather than 5 × 1p.
    assert_eq!(excess_travel(5, &odd).unwrap(), Money(6));
}
