//! What a redeployment costs the receiving employer: pay protection after a downgrade, excess
//! travel after a change of base, and the salary a person is assimilated to in a new post.
//!
//! Periods and rates come from [`ProtectionRules`]. National English rules do not exist for
//! either protection; the defaults are local practice (see `docs/rules.md`).

use redeploy_model::{Band, PayScale, Person, ProtectionRules};

use crate::Money;

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
/// assert_eq!(pay_protection(&person, 37_796, 1.0, &rules), Money::from_pounds(8_784));
/// // Half time: half the cost.
/// person.wte = 0.5;
/// assert_eq!(pay_protection(&person, 37_796, 0.5, &rules), Money::from_pounds(4_392));
/// // No cost when the new pay is not lower.
/// assert_eq!(pay_protection(&person, 46_580, 0.5, &rules), Money::ZERO);
/// ```
pub fn pay_protection(
    person: &Person,
    new_salary: u32,
    new_wte: f64,
    rules: &ProtectionRules,
) -> Money {
    let Some(drop) = person.salary.checked_sub(new_salary).filter(|&d| d > 0) else {
        return Money::ZERO;
    };
    let hours = person.wte.min(new_wte).max(0.0);
    let annual_drop_pence = (f64::from(drop) * 100.0 * hours).round() as u128;
    Money(divide_rounded(
        annual_drop_pence * u128::from(rules.pay_protection_months),
        MONTHS_PER_YEAR,
    ))
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
/// assert_eq!(excess_travel(15, &rules), Money::from_pounds(3_780));
/// assert_eq!(excess_travel(0, &rules), Money::ZERO);
/// ```
pub fn excess_travel(extra_minutes: u32, rules: &ProtectionRules) -> Money {
    let per_year = u128::from(extra_minutes)
        * JOURNEYS_PER_DAY
        * u128::from(rules.excess_travel_pence_per_minute)
        * u128::from(rules.working_days_per_year);
    Money(divide_rounded(
        per_year * u128::from(rules.excess_travel_months),
        MONTHS_PER_YEAR,
    ))
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

/// `numerator / denominator` to the nearest integer, halves up, saturating at `i64::MAX`.
fn divide_rounded(numerator: u128, denominator: u128) -> i64 {
    i64::try_from((numerator + denominator / 2) / denominator).unwrap_or(i64::MAX)
}
