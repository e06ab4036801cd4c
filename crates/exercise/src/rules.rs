//! The rules of offers and trials the exercise applies, each a field with its default and
//! source (`/work/shared`'s domain rules 20–24, `docs/exercise.md`).
//!
//! The rules are stored in the exercise file when it is created, so every later command (and
//! `verify`, years later) applies the same ones.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::Error;

/// The rules of offers, trials and re-employment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExerciseRules {
    /// Weeks of the statutory trial period in a new post. Default 4 (Employment Rights Act 1996
    /// s138(3); domain rule 20). Its last day is start + 4 weeks − 1 day.
    pub trial_period_weeks: u32,
    /// Weeks after the old contract ends within which the new post must start. Default 4 (ERA
    /// s138(1); where the contract ends on a Friday, Saturday or Sunday the weeks run from the
    /// following Monday, s146(2); domain rule 20).
    pub start_within_weeks: u32,
    /// Offers are valid only before the contract ends (ERA s138(1)). Default true.
    pub offer_before_contract_end: bool,
    /// Days after leaving within which re-employment by an NHS employer forfeits NHS
    /// redundancy pay; flagged, never decided. Default 28 (reported practice; domain rule 22,
    /// confidence \[A\]: verify against the handbook).
    pub nhs_reemployment_forfeit_window_days: u32,
    /// Months after leaving under voluntary redundancy within which NHS re-employment claws the
    /// payment back; flagged, never decided. Default 6 (2025 model VR scheme; domain rule 24).
    pub vr_clawback_months: u32,
    /// Whether an unreasonable refusal of a suitable offer is flagged as putting redundancy pay
    /// at risk (ERA s141; domain rule 21). Default true. The tool records the employer's two
    /// judgements and warns; it never decides forfeiture.
    pub unreasonable_refusal_forfeits_redundancy_pay: bool,
    /// Days an offer may wait for an answer before `status` lists it as overdue. Default 14
    /// (local practice; no national figure, so configurable).
    pub offer_answer_days: u32,
}

impl Default for ExerciseRules {
    fn default() -> Self {
        ExerciseRules {
            trial_period_weeks: 4,
            start_within_weeks: 4,
            offer_before_contract_end: true,
            nhs_reemployment_forfeit_window_days: 28,
            vr_clawback_months: 6,
            unreasonable_refusal_forfeits_redundancy_pay: true,
            offer_answer_days: 14,
        }
    }
}

impl ExerciseRules {
    /// Reads rules from TOML text (`path` names it in messages); fields left out keep their
    /// defaults, unknown fields are refused.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_exercise::ExerciseRules;
    ///
    /// let rules = ExerciseRules::parse("offer_answer_days = 10\n", Path::new("r.toml")).unwrap();
    /// assert_eq!(rules.offer_answer_days, 10);
    /// assert_eq!(rules.trial_period_weeks, 4);
    /// let err = ExerciseRules::parse("trial_weeks = 6\n", Path::new("r.toml")).unwrap_err();
    /// assert!(err.to_string().contains("unknown field `trial_weeks`"), "{err}");
    /// ```
    ///
    /// # Errors
    /// [`Error::Rules`] naming the field and what was expected.
    pub fn parse(text: &str, path: &Path) -> Result<ExerciseRules, Error> {
        let rules: ExerciseRules = toml::from_str(text).map_err(|err| Error::Rules {
            path: path.to_path_buf(),
            why: err.to_string().trim().replace('\n', " "),
        })?;
        if rules.trial_period_weeks == 0 {
            return Err(Error::Rules {
                path: path.to_path_buf(),
                why: "field `trial_period_weeks`: expected at least 1 (ERA s138(3): 4 weeks)"
                    .into(),
            });
        }
        Ok(rules)
    }

    /// The last day of a statutory trial that starts on `start`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redeploy_exercise::ExerciseRules;
    ///
    /// let start = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
    /// assert_eq!(ExerciseRules::default().trial_end(start), NaiveDate::from_ymd_opt(2025, 11, 30).unwrap());
    /// ```
    pub fn trial_end(&self, start: NaiveDate) -> NaiveDate {
        let days = u64::from(self.trial_period_weeks) * 7;
        start
            .checked_add_days(Days::new(days.saturating_sub(1)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The last day a new post may start when the old contract ends on `contract_end`: the
    /// weeks run from the day after, or from the following Monday when the contract ends on a
    /// Friday, Saturday or Sunday (ERA s146(2)).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redeploy_exercise::ExerciseRules;
    ///
    /// let rules = ExerciseRules::default();
    /// let date = |d| NaiveDate::from_ymd_opt(2025, 12, d).unwrap();
    /// // Ends Wednesday 3 December: four weeks from Thursday 4th, last day Wednesday 31st.
    /// assert_eq!(rules.latest_start(date(3)), date(31));
    /// // Ends Friday 5 December: the weeks run from Monday 8th, last day Sunday 4 January.
    /// assert_eq!(rules.latest_start(date(5)), NaiveDate::from_ymd_opt(2026, 1, 4).unwrap());
    /// ```
    pub fn latest_start(&self, contract_end: NaiveDate) -> NaiveDate {
        let from = match contract_end.weekday() {
            Weekday::Fri => 3,
            Weekday::Sat => 2,
            Weekday::Sun => 1,
            _ => 1,
        };
        let days = from + u64::from(self.start_within_weeks) * 7 - 1;
        contract_end
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_four_weeks_run_from_monday_after_a_weekend_end() {
        let rules = ExerciseRules::default();
        // Saturday 6 and Sunday 7 December 2025 both start the count on Monday 8th.
        assert_eq!(rules.latest_start(date(2025, 12, 6)), date(2026, 1, 4));
        assert_eq!(rules.latest_start(date(2025, 12, 7)), date(2026, 1, 4));
        // Thursday 4th: from Friday 5th, 28 days, last day Thursday 1 January.
        assert_eq!(rules.latest_start(date(2025, 12, 4)), date(2026, 1, 1));
    }

    #[test]
    fn a_trial_lasts_its_weeks_inclusive() {
        let rules = ExerciseRules {
            trial_period_weeks: 1,
            ..ExerciseRules::default()
        };
        assert_eq!(rules.trial_end(date(2025, 1, 1)), date(2025, 1, 7));
    }
}
