//! What a redeployment costs the receiving employer: pay protection after a downgrade, excess
//! travel after a change of base, and the salary a person is assimilated to in a new post.
//!
//! Periods and rates come from [`ProtectionRules`]. National English rules do not exist for
//! either protection; the defaults are local practice (see `docs/rules.md`).
//!
//! Both costs are exact. Within the bounds the model proves (months at most
//! [`MAX_PROTECTION_MONTHS`](redeploy_model::MAX_PROTECTION_MONTHS), at most 10,000p a minute
//! and 366 days a year, a salary at most [`MAX_SALARY`](redeploy_model::MAX_SALARY), at most
//! 1.5 WTE) they are far below `i64::MAX` pence: pay protection at most £15m, excess travel for
//! `u32::MAX` minutes at most 4,294,967,295 × 2 × 10,000 × 366 × 120 / 12 ≈ 3.1 × 10¹⁷p. Inputs
//! beyond them give [`Error::CostOutOfRange`], never a capped figure.

use redeploy_model::{Band, PayScale, Person, ProtectionRules};

use crate::{Error, Money};

/// Months in a year, to turn an annual figure into the cost of a period in months.
const MONTHS_PER_YEAR: u128 = 12;
/// Journeys per working day that excess travel reimburses: there and back.
const JOURNEYS_PER_DAY: u128 = 2;

/// Cost of protecting a downgraded person's pay (mark time, no uplift) for the policy's period:
/// (old annual pay − new annual pay) × months / 12, zero when the new pay is not lower.
///
/// Both annual figures are taken at the person's own WTE. Protection covers the rate of pay, not
/// hours the person gives up, so when the new post has fewer hours (`new_wte` below the
/// person's) both are taken at the new hours instead.
///
/// ```
/// use redeploy_engine::{pay_protection, Money};
/// use redeploy_model::ProtectionRules;
/// # use chrono::NaiveDate;
/// # use redeploy_model::{Band, ContractType, Equality, Person, Preferences, StatutoryPriority};
/// # let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let mut person = Person { id: "P1".into(), name: None, employer: "E1".into(), site: "S1".into(),
/// #     band: Band::B6, pay_point: None, salary: 46_580, wte: 1.0, job_family: "finance".into(), role: None,
/// #     skills: vec![], registrations: vec![], contract: ContractType::Permanent,
/// #     nhs_service_start: date(2015, 4, 1), date_of_birth: date(1980, 1, 1),
/// #     priority: StatutoryPriority::default(), reasonable_adjustment: false, pension_member: true,
/// #     volunteered_vr: false, commute_minutes: None, equality: Equality::default(), preferences: Preferences::default() };
/// // Band 6 top (£46,580) into the top of band 5 (£37,796) for 12 months, full time.
/// let rules = ProtectionRules::default();
/// assert_eq!(pay_protection(&person, 37_796, 1.0, &rules)?, Money::from_pounds(8_784));
/// // Half time: half the cost.
/// person.wte = 0.5;
/// assert_eq!(pay_protection(&person, 37_796, 0.5, &rules)?, Money::from_pounds(4_392));
/// // No cost when the new pay is not lower.
/// assert_eq!(pay_protection(&person, 46_580, 0.5, &rules)?, Money::ZERO);
/// // Hours no scenario holds are refused, not capped.
/// person.wte = 1e300;
/// assert!(pay_protection(&person, 37_796, 1e300, &rules).is_err());
/// # Ok::<(), redeploy_engine::Error>(())
/// ```
///
/// # Errors
/// [`Error::CostOutOfRange`] when the cost does not fit in `i64` pence, which needs hours or
/// months far beyond the model's bounds.
pub fn pay_protection(
    person: &Person,
    new_salary: u32,
    new_wte: f64,
    rules: &ProtectionRules,
) -> Result<Money, Error> {
    let Some(drop) = person.salary.checked_sub(new_salary).filter(|&d| d > 0) else {
        return Ok(Money::ZERO);
    };
    let hours = person.wte.min(new_wte).max(0.0);
    let annual_drop = (f64::from(drop) * 100.0 * hours).round();
    let out_of_range = || Error::CostOutOfRange {
        cost: "pay protection",
        detail: format!(
            "a drop of {drop} a year at {hours} WTE for {} months",
            rules.pay_protection_months
        ),
    };
    // Below 2^64 (and not NaN) the conversion is exact; a drop of at most u32::MAX pounds is
    // below 2^39 pence, so only hours in the millions reach this.
    if !(0.0..2f64.powi(64)).contains(&annual_drop) {
        return Err(out_of_range());
    }
    let annual_drop_pence = annual_drop as u128;
    divide_rounded(
        annual_drop_pence * u128::from(rules.pay_protection_months),
        MONTHS_PER_YEAR,
    )
    .map(Money)
    .ok_or_else(out_of_range)
}

/// Excess travel reimbursement: extra one-way minutes × 2 (return) × pence per minute ×
/// working days a year × months / 12.
///
/// ```
/// use redeploy_engine::{excess_travel, Money};
/// use redeploy_model::ProtectionRules;
///
/// // 15 extra minutes each way for 24 months at 28p a minute and 225 working days a year.
/// let rules = ProtectionRules::default();
/// assert_eq!(excess_travel(15, &rules)?, Money::from_pounds(3_780));
/// assert_eq!(excess_travel(0, &rules)?, Money::ZERO);
/// // Rates no policy check passes are refused, not capped.
/// let absurd = ProtectionRules { excess_travel_pence_per_minute: u32::MAX, ..rules };
/// assert!(excess_travel(u32::MAX, &absurd).is_err());
/// # Ok::<(), redeploy_engine::Error>(())
/// ```
///
/// # Errors
/// [`Error::CostOutOfRange`] when the cost does not fit in `i64` pence, which needs rates far
/// beyond the policy check's bounds.
pub fn excess_travel(extra_minutes: u32, rules: &ProtectionRules) -> Result<Money, Error> {
    // Four u32 factors and a 2 are below 2^129, so the product is checked; with the policy
    // check's bounds it is below 2^63 for every u32 of minutes (see the module docs).
    [
        JOURNEYS_PER_DAY,
        u128::from(rules.excess_travel_pence_per_minute),
        u128::from(rules.working_days_per_year),
        u128::from(rules.excess_travel_months),
    ]
    .into_iter()
    .try_fold(u128::from(extra_minutes), u128::checked_mul)
    .and_then(|total| divide_rounded(total, MONTHS_PER_YEAR))
    .map(Money)
    .ok_or_else(|| Error::CostOutOfRange {
        cost: "excess travel",
        detail: format!(
            "{extra_minutes} extra minutes at {}p a minute, {} days a year, for {} months",
            rules.excess_travel_pence_per_minute,
            rules.working_days_per_year,
            rules.excess_travel_months
        ),
    })
}

/// Salary of a post for a person moving into it: the person's own salary if it lies in the
/// post's band range (assimilation at the nearest point not below it), otherwise the band's
/// nearest point (top of the band for a downgrade, bottom for a rise).
///
/// A band the scale does not cover leaves the person's salary unchanged.
///
/// ```
/// use std::collections::BTreeMap;
/// use redeploy_engine::salary_in_post;
/// use redeploy_model::{Band, PayScale};
/// # use chrono::NaiveDate;
/// # use redeploy_model::{ContractType, Equality, Person, Preferences, StatutoryPriority};
/// # let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let mut person = Person { id: "P1".into(), name: None, employer: "E1".into(), site: "S1".into(),
/// #     band: Band::B6, pay_point: None, salary: 46_580, wte: 1.0, job_family: "finance".into(), role: None,
/// #     skills: vec![], registrations: vec![], contract: ContractType::Permanent,
/// #     nhs_service_start: date(2015, 4, 1), date_of_birth: date(1980, 1, 1),
/// #     priority: StatutoryPriority::default(), reasonable_adjustment: false, pension_member: true,
/// #     volunteered_vr: false, commute_minutes: None, equality: Equality::default(), preferences: Preferences::default() };
/// let mut points = BTreeMap::new();
/// points.insert(Band::B5, vec![31_049, 33_487, 37_796]);
/// points.insert(Band::B6, vec![38_682, 40_823, 46_580]);
/// points.insert(Band::B7, vec![47_810, 50_273, 54_710]);
/// let scale = PayScale { name: "afc-2025-26".into(), year: "2025/26".into(), source: String::new(), points };
///
/// assert_eq!(salary_in_post(&person, Band::B5, &scale), 37_796); // downgrade: top of band 5
/// assert_eq!(salary_in_post(&person, Band::B7, &scale), 47_810); // rise: bottom of band 7
/// person.salary = 39_000;
/// assert_eq!(salary_in_post(&person, Band::B6, &scale), 40_823); // next point up
/// ```
pub fn salary_in_post(person: &Person, post_band: Band, scale: &PayScale) -> u32 {
    let Some((bottom, top)) = scale.range(post_band) else {
        return person.salary;
    };
    if person.salary < bottom {
        bottom
    } else if person.salary > top {
        top
    } else {
        scale
            .points(post_band)
            .iter()
            .copied()
            .find(|&point| point >= person.salary)
            .unwrap_or(top)
    }
}

/// `numerator / denominator` to the nearest integer, halves up, if it fits an `i64`.
fn divide_rounded(numerator: u128, denominator: u128) -> Option<i64> {
    let rounded = numerator.checked_add(denominator / 2)? / denominator;
    i64::try_from(rounded).ok()
}
