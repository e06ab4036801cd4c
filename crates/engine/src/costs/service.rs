//! Length of service and age on the round date.
//!
//! This module owns the date arithmetic the cost rules rest on: whole weeks of continuous NHS
//! service (the Section 16 eligibility test), whole years of reckonable service (part years are
//! ignored) and age in whole years (the early-retirement test). Years are counted anniversary to
//! anniversary with chrono's calendar (`NaiveDate::years_since`); a start on 29 February reaches
//! its anniversary on 1 March in a common year.

use chrono::NaiveDate;
use redeploy_model::Person;

/// Whole weeks of continuous NHS service from `person.nhs_service_start` to `round_date`
/// (0 when the start is after the round date).
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_engine::whole_weeks_between;
///
/// let start = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
/// assert_eq!(whole_weeks_between(start, start + chrono::Days::new(727)), 103);
/// assert_eq!(whole_weeks_between(start, start + chrono::Days::new(728)), 104);
/// ```
pub fn whole_weeks_between(start: NaiveDate, end: NaiveDate) -> u32 {
    let days = end.signed_duration_since(start).num_days().max(0);
    // chrono's dates span about 191 million days, so the weeks between two of them fit in u32.
    (days / 7) as u32
}

/// Whole years from `start` to `end`, counting anniversaries (0 when `end` is before `start`).
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_engine::whole_years_between;
///
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(whole_years_between(date(1970, 6, 30), date(2025, 6, 29)), 54);
/// assert_eq!(whole_years_between(date(1970, 6, 30), date(2025, 6, 30)), 55);
/// assert_eq!(whole_years_between(date(2025, 6, 30), date(2020, 1, 1)), 0);
/// ```
pub fn whole_years_between(start: NaiveDate, end: NaiveDate) -> u32 {
    end.years_since(start).unwrap_or(0)
}

/// Whole weeks of continuous NHS service on `round_date`.
pub fn continuous_service_weeks(person: &Person, round_date: NaiveDate) -> u32 {
    whole_weeks_between(person.nhs_service_start, round_date)
}

/// Whole years of NHS service on `round_date` (part years ignored), before any cap.
pub fn service_years(person: &Person, round_date: NaiveDate) -> u32 {
    whole_years_between(person.nhs_service_start, round_date)
}

/// Age in whole years on `round_date`.
pub fn age_on(person: &Person, round_date: NaiveDate) -> u32 {
    whole_years_between(person.date_of_birth, round_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn leap_day_anniversary_falls_on_first_of_march() {
        assert_eq!(whole_years_between(date(2020, 2, 29), date(2021, 2, 28)), 0);
        assert_eq!(whole_years_between(date(2020, 2, 29), date(2021, 3, 1)), 1);
        assert_eq!(whole_years_between(date(2020, 2, 29), date(2024, 2, 29)), 4);
    }

    #[test]
    fn weeks_before_start_are_zero() {
        assert_eq!(whole_weeks_between(date(2025, 1, 8), date(2025, 1, 1)), 0);
        assert_eq!(whole_weeks_between(date(2025, 1, 1), date(2025, 1, 7)), 0);
        assert_eq!(whole_weeks_between(date(2025, 1, 1), date(2025, 1, 8)), 1);
    }
}
