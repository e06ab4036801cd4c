//! NHS Terms and Conditions Section 16 (England) redundancy pay and the early-retirement
//! alternative.
//!
//! This module owns [`redundancy_pay`]: the contractual redundancy payment of one person on the
//! round date with every step of the working kept, so a report can show how the figure arose.
//! Every threshold is read from [`RedundancyPayRules`]; the steps and their sources are written
//! out in `docs/rules.md`.
//!
//! All arithmetic is exact. Annual pay is held in pence; a month's pay is held as a fraction
//! over 120,000 (twelve months × the 10,000ths in which `weeks_per_month` is read), and the
//! payment is rounded to the penny once, at the end. So 24 months at the £80,000 cap is exactly
//! £160,000.00, not 24 × £6,666.67.

use chrono::NaiveDate;
use redeploy_model::{FloorCapBasis, Person, RedundancyPayRules};
use serde::Serialize;

use super::service::{age_on, continuous_service_weeks, service_years};
use crate::Money;

/// `weeks_per_month` is read to this many parts of a week (four decimal places).
const WEEK_FRACTION_SCALE: i128 = 10_000;
/// Months in a year: a month's pay on the annual route is a twelfth of annual pay.
const MONTHS_PER_YEAR: i128 = 12;
/// Weeks in a year, for the week's pay of a person paid an annual salary.
const WEEKS_PER_YEAR: i64 = 52;
/// Denominator of a month's pay held exactly, in pence.
const MONTH_DENOMINATOR: i128 = MONTHS_PER_YEAR * WEEK_FRACTION_SCALE;

/// Which of the two Section 16 definitions of a month's pay was the better for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MonthPayRoute {
    /// One twelfth of the annual pay used (after the floor and cap).
    TwelfthOfAnnualPay,
    /// `weeks_per_month` × the week's pay under the Employment Rights Act 1996.
    WeeksPay,
}

/// Section 16 redundancy pay of one person at the round date, with the working shown.
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_engine::{redundancy_pay, Money};
/// use redeploy_model::RedundancyPayRules;
/// # use redeploy_model::{Band, ContractType, Equality, Person, Preferences, StatutoryPriority};
/// # let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let mut person = Person { id: "P1".into(), name: None, employer: "E1".into(), site: "S1".into(),
/// #     band: Band::B6, pay_point: None, salary: 46_580, wte: 1.0, job_family: "finance".into(), role: None,
/// #     skills: vec![], registrations: vec![], contract: ContractType::Permanent,
/// #     nhs_service_start: date(2015, 4, 1), date_of_birth: date(1980, 1, 1),
/// #     priority: StatutoryPriority::default(), reasonable_adjustment: false, pension_member: true,
/// #     volunteered_vr: false, commute_minutes: None, equality: Equality::default(), preferences: Preferences::default() };
/// // A full-time band 6 at the top of the band (£46,580) with ten full years on 1 October 2025.
/// let pay = redundancy_pay(&person, date(2025, 10, 1), &RedundancyPayRules::default());
/// assert!(pay.eligible);
/// assert_eq!(pay.reckonable_years, 10);
/// assert_eq!(pay.month_pay, Money(388_167)); // £46,580 / 12
/// assert_eq!(pay.amount, Money(3_881_667)); // 10 × £46,580 / 12, rounded once
/// assert!(pay.early_retirement.is_none()); // aged 45
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedundancyPay {
    /// Whether the person has at least `min_continuous_service_weeks` of continuous NHS service.
    pub eligible: bool,
    /// Whole weeks of continuous NHS service on the round date.
    pub continuous_service_weeks: u32,
    /// Whole years of reckonable service (part years ignored), capped at `max_years`.
    pub reckonable_years: u32,
    /// Annual pay after the floor and cap on the chosen basis (WTE or actual), at the person's
    /// own hours.
    pub annual_pay_used: Money,
    /// The week's pay under the Employment Rights Act 1996: actual annual earnings / 52, limited
    /// by the statutory maximum.
    pub week_pay: Money,
    /// Which route gave the month's pay.
    pub month_route: MonthPayRoute,
    /// The better of a twelfth of `annual_pay_used` and `weeks_per_month` × `week_pay`, never
    /// above a twelfth of the cap (rounded to the penny for display; the amount is worked from
    /// the exact figure).
    pub month_pay: Money,
    /// `reckonable_years` × the month's pay, rounded to the penny (zero if not eligible).
    pub amount: Money,
    /// The early-retirement alternative, where it applies.
    pub early_retirement: Option<EarlyRetirement>,
}

/// The early-retirement alternative for an NHS Pension Scheme member at or over minimum pension
/// age: the pension is paid unreduced and the employer pays its capitalised cost out of the
/// redundancy payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EarlyRetirement {
    /// Age in whole years on the round date.
    pub age: u32,
    /// Most the employer's capitalisation cost can be: the redundancy payment itself (NHSBSA).
    pub capitalisation_cap: Money,
}

/// Section 16 (England) redundancy pay of `person` on `round_date` under `rules`, with the
/// statutory limit on a week's pay in `rules.max_week_pay`.
///
/// # Steps
/// 1. Eligible when whole weeks of continuous NHS service ≥ `min_continuous_service_weeks`.
/// 2. Years = whole years of reckonable service, at most `max_years`.
/// 3. Annual pay used: basis `wte` clamps the full-time salary to [`salary_floor`,
///    `salary_cap`] and then applies the person's hours; basis `actual` clamps salary × WTE.
/// 4. Week's pay = actual annual earnings / 52, at most `max_week_pay` (Employment Rights Act
///    1996 s.227; Section 16 computes the weeks route under ERA ss.221–229).
/// 5. Month's pay = the better of annual pay used / 12 and `weeks_per_month` × week's pay,
///    the latter never above the cap / 12 (at the person's hours on the `wte` basis).
/// 6. Payment = years × month's pay, rounded to the penny; zero when not eligible.
/// 7. Early retirement applies when `rules.early_retirement`, the person is a pension scheme
///    member, eligible (two years' continuous service) and aged ≥ `min_pension_age`.
///
/// [`salary_floor`]: RedundancyPayRules::salary_floor
/// [`salary_cap`]: RedundancyPayRules::salary_cap
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_engine::{redundancy_pay, Money};
/// use redeploy_model::RedundancyPayRules;
/// # use redeploy_model::{Band, ContractType, Equality, Person, Preferences, StatutoryPriority};
/// # let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let person = Person { id: "P1".into(), name: None, employer: "E1".into(), site: "S1".into(),
/// #     band: Band::B4, pay_point: None, salary: 30_162, wte: 1.0, job_family: "admin".into(), role: None,
/// #     skills: vec![], registrations: vec![], contract: ContractType::Permanent,
/// #     nhs_service_start: date(2015, 4, 1), date_of_birth: date(1980, 1, 1),
/// #     priority: StatutoryPriority::default(), reasonable_adjustment: false, pension_member: true,
/// #     volunteered_vr: false, commute_minutes: None, equality: Equality::default(), preferences: Preferences::default() };
/// // Band 4 top (£30,162): 4.35 × £580.04 beats £30,162 / 12 while the week's pay is under the limit...
/// let mut rules = RedundancyPayRules::default();
/// let pay = redundancy_pay(&person, date(2025, 10, 1), &rules);
/// assert_eq!(pay.month_pay, Money(252_317));
/// // ...but not when the limit (here £544, 2021/22) holds the week's pay down.
/// rules.max_week_pay = 544;
/// let pay = redundancy_pay(&person, date(2025, 10, 1), &rules);
/// assert_eq!(pay.month_pay, Money(251_350));
/// ```
pub fn redundancy_pay(
    person: &Person,
    round_date: NaiveDate,
    rules: &RedundancyPayRules,
) -> RedundancyPay {
    let week_pay_limit = Money::from_pounds(i64::from(rules.max_week_pay));
    let continuous_service_weeks = continuous_service_weeks(person, round_date);
    let eligible = continuous_service_weeks >= rules.min_continuous_service_weeks;
    let reckonable_years = service_years(person, round_date).min(rules.max_years);

    let earnings = AnnualEarnings::of(person, rules);
    let week_pay = Money(divide_rounded(
        i128::from(earnings.actual),
        i128::from(WEEKS_PER_YEAR),
    ))
    .min(week_pay_limit)
    .max(Money::ZERO);
    let month = ExactMonthPay::better_of(&earnings, week_pay, rules.weeks_per_month);

    let amount = if eligible {
        month.times(reckonable_years)
    } else {
        Money::ZERO
    };
    let age = age_on(person, round_date);
    let early_retirement = (rules.early_retirement
        && person.pension_member
        && eligible
        && age >= rules.min_pension_age)
        .then_some(EarlyRetirement {
            age,
            capitalisation_cap: amount,
        });

    RedundancyPay {
        eligible,
        continuous_service_weeks,
        reckonable_years,
        annual_pay_used: Money(earnings.used),
        week_pay,
        month_route: month.route,
        month_pay: month.times(1),
        amount,
        early_retirement,
    }
}

/// Annual figures in pence at the person's own hours.
struct AnnualEarnings {
    /// What the person is paid: full-time salary × WTE.
    actual: i64,
    /// After the floor and cap on the policy's basis.
    used: i64,
    /// The cap on the policy's basis (limits the weeks' pay route too).
    cap: i64,
}

impl AnnualEarnings {
    fn of(person: &Person, rules: &RedundancyPayRules) -> AnnualEarnings {
        let hours = person.wte.max(0.0);
        let floor = pence(rules.salary_floor);
        let cap = pence(rules.salary_cap);
        let actual = scale_pence(pence(person.salary), hours);
        match rules.floor_cap_basis {
            FloorCapBasis::Wte => AnnualEarnings {
                actual,
                used: scale_pence(pence(person.salary).max(floor).min(cap), hours),
                cap: scale_pence(cap, hours),
            },
            FloorCapBasis::Actual => AnnualEarnings {
                actual,
                used: actual.max(floor).min(cap),
                cap,
            },
        }
    }
}

/// A month's pay held exactly, in pence over [`MONTH_DENOMINATOR`].
struct ExactMonthPay {
    numerator: i128,
    route: MonthPayRoute,
}

impl ExactMonthPay {
    fn better_of(earnings: &AnnualEarnings, week_pay: Money, weeks_per_month: f64) -> Self {
        let twelfth = i128::from(earnings.used) * WEEK_FRACTION_SCALE;
        let weeks_fraction = (weeks_per_month * WEEK_FRACTION_SCALE as f64)
            .round()
            .max(0.0);
        // Exact: a checked policy's `weeks_per_month` is at most 5 (50,000 ten-thousandths) and
        // the week's pay at most `max_week_pay` (a u32 of pounds, below 2^39 pence), so the
        // product is below 2^39 × 2^16 × 2^4. An unchecked rate whose product would not fit
        // an i128 is far above the earnings cap, which then applies as the rule says (as does
        // a rate of 2^127 ten-thousandths or more, which the conversion holds at i128::MAX).
        let cap = i128::from(earnings.cap) * WEEK_FRACTION_SCALE;
        let weeks = i128::from(week_pay.pence())
            .checked_mul(weeks_fraction as i128)
            .and_then(|weeks| weeks.checked_mul(MONTHS_PER_YEAR))
            .map_or(cap, |weeks| weeks.min(cap));
        if weeks > twelfth {
            ExactMonthPay {
                numerator: weeks,
                route: MonthPayRoute::WeeksPay,
            }
        } else {
            ExactMonthPay {
                numerator: twelfth,
                route: MonthPayRoute::TwelfthOfAnnualPay,
            }
        }
    }

    /// `months` months' pay, rounded to the penny.
    fn times(&self, months: u32) -> Money {
        Money(divide_rounded(
            self.numerator * i128::from(months),
            MONTH_DENOMINATOR,
        ))
    }
}

fn pence(pounds: u32) -> i64 {
    i64::from(pounds) * 100
}

/// `amount` × `factor`, to the nearest penny.
fn scale_pence(amount: i64, factor: f64) -> i64 {
    (amount as f64 * factor).round() as i64
}

/// `numerator / denominator` rounded to the nearest integer, halves away from zero
/// (`denominator > 0`).
fn divide_rounded(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_rounds_halves_away_from_zero() {
        assert_eq!(divide_rounded(5, 10), 1);
        assert_eq!(divide_rounded(4, 10), 0);
        assert_eq!(divide_rounded(-5, 10), -1);
        assert_eq!(divide_rounded(4_658_000 * 10, 12), 3_881_667);
    }

    #[test]
    fn weeks_per_month_is_read_to_four_decimals() {
        let earnings = AnnualEarnings {
            actual: 0,
            used: 0,
            cap: i64::MAX / 1_000_000,
        };
        let month = ExactMonthPay::better_of(&earnings, Money(10), 4.35);
        assert_eq!(month.route, MonthPayRoute::WeeksPay);
        // 4.35 × 10p = 43.5p exactly, rounded up (the f64 product would be 43.4999…).
        assert_eq!(month.times(1), Money(44));
        assert_eq!(month.times(2), Money(87));
    }

    #[test]
    fn an_absurd_weeks_per_month_is_held_by_the_cap() {
        let earnings = AnnualEarnings {
            actual: 2_400_000,
            used: 2_400_000,
            cap: 8_000_000,
        };
        let month = ExactMonthPay::better_of(&earnings, Money(46_154), 1e300);
        assert_eq!(month.times(1), Money(666_667));
    }
}
