//! Range checks of a [`Policy`].
//!
//! This module owns the limits every policy field must respect — fractions in 0–1, tiers listed
//! once each from narrow to wide, a redundancy-pay floor not above the cap — so that the engine
//! can rely on them, and a pair's weighted soft cost provably fits the solver's cost range
//! (every weight is at most [`MAX_WEIGHT`]; the arithmetic is at [`MAX_WEIGHT`]).

use crate::policy_fields as F;
use crate::{Policy, Tier};

/// The largest value any soft-cost weight may take, so that a suitable pair's weighted soft cost
/// fits the solver's arc costs (`2^32 − 1`) exactly, with no clamp.
///
/// Each weight multiplies a count the model bounds (or is counted once):
///
/// | term | largest count | bound from |
/// |---|---|---|
/// | band drop | 11 | `sae.max_band_drop` |
/// | extra travel minutes | 1,440 | [`MAX_MINUTES`]: a suitable journey is within `sae.max_travel_minutes` |
/// | training weeks | 520 | [`MAX_TRAINING_WEEKS`](crate::MAX_TRAINING_WEEKS) |
/// | missing desirable skills | 1,000 | [`MAX_DESIRABLE_SKILLS`](crate::MAX_DESIRABLE_SKILLS) |
/// | preference place − 1, or unranked once | 19,999 | [`MAX_RANKED_PLACES`](crate::MAX_RANKED_PLACES) |
/// | pay protection, per £1,000 | 15,000 | [`MAX_SALARY`](crate::MAX_SALARY) × 1.5 WTE × 120 months / 12 |
/// | tier distance | 2 | three tiers |
///
/// The counts add up to [`MAX_COST_UNITS`] = 37,972, and 37,972 × 100,000 = 3,797,200,000 ≤
/// 4,294,967,295.
///
/// ```
/// use redeploy_model::{MAX_COST_UNITS, MAX_WEIGHT};
///
/// assert!(u64::from(MAX_COST_UNITS) * u64::from(MAX_WEIGHT) <= u64::from(u32::MAX));
/// ```
pub const MAX_WEIGHT: u32 = 100_000;

/// The most units of soft cost a suitable pair can carry before weighting: the sum of the largest
/// counts in [`MAX_WEIGHT`]'s table.
pub const MAX_COST_UNITS: u32 = 11
    + MAX_MINUTES
    + crate::MAX_TRAINING_WEEKS
    + crate::MAX_DESIRABLE_SKILLS
    + (crate::MAX_RANKED_PLACES - 1)
    + MAX_PROTECTION_THOUSANDS
    + 2;

/// The most pay protection a pair can cost, in £1,000s: a drop of at most
/// [`MAX_SALARY`](crate::MAX_SALARY) a year, at most 1.5 WTE, for at most 120 months.
pub const MAX_PROTECTION_THOUSANDS: u32 = crate::MAX_SALARY / 1_000 * 3 / 2 * 120 / 12;

/// The most months of pay protection or excess travel a policy may set (ten years).
pub const MAX_PROTECTION_MONTHS: u32 = 120;

/// The longest journey limit, in minutes, a policy may set (a day).
pub const MAX_MINUTES: u32 = 24 * 60;

/// A policy field whose value is out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// Dotted path of the field (`"slotting.threshold"`).
    pub field: String,
    /// The value as found, for the message.
    pub found: String,
    /// What is wrong and what was expected.
    pub message: String,
}

struct Checker {
    problems: Vec<PolicyProblem>,
}

impl Checker {
    fn require(&mut self, ok: bool, field: &str, found: impl ToString, expected: &str) {
        if !ok {
            let found = found.to_string();
            self.problems.push(PolicyProblem {
                field: field.to_string(),
                message: format!("`{found}` is out of range, expected {expected}"),
                found,
            });
        }
    }

    fn fraction(&mut self, field: &str, value: f64) {
        self.require(
            (0.0..=1.0).contains(&value),
            field,
            value,
            "a number from 0 to 1",
        );
    }

    fn at_most(&mut self, field: &str, value: u32, max: u32) {
        self.require(
            value <= max,
            field,
            value,
            &format!("a whole number from 0 to {max}"),
        );
    }

    fn between(&mut self, field: &str, value: u32, min: u32, max: u32) {
        self.require(
            (min..=max).contains(&value),
            field,
            value,
            &format!("a whole number from {min} to {max}"),
        );
    }

    fn minutes(&mut self, field: &str, value: Option<u32>) {
        if let Some(value) = value {
            self.at_most(field, value, MAX_MINUTES);
        }
    }
}

impl Policy {
    /// Every field of the policy that is out of range; empty when the policy is usable.
    ///
    /// ```
    /// use redeploy_model::Policy;
    ///
    /// let mut policy = Policy::default();
    /// assert!(policy.check().is_empty());
    /// policy.slotting.threshold = 1.5;
    /// policy.redundancy_pay.salary_floor = 90_000;
    /// let fields: Vec<String> = policy.check().into_iter().map(|p| p.field).collect();
    /// assert_eq!(fields, ["slotting.threshold", "redundancy_pay.salary_floor"]);
    /// ```
    pub fn check(&self) -> Vec<PolicyProblem> {
        let mut c = Checker {
            problems: Vec::new(),
        };
        self.check_tiers(&mut c);
        let band_steps = 11;
        let sae = &self.sae;
        c.at_most(F::SAE_MAX_BAND_DROP, sae.max_band_drop.into(), band_steps);
        c.at_most(F::SAE_MAX_BAND_RISE, sae.max_band_rise.into(), band_steps);
        c.at_most(
            F::SAE_REASONABLE_ADJUSTMENT_BAND_RISE,
            sae.reasonable_adjustment_band_rise.into(),
            band_steps,
        );
        c.fraction(F::SAE_MAX_WTE_REDUCTION, sae.max_wte_reduction);
        c.fraction(F::SAE_MAX_WTE_INCREASE, sae.max_wte_increase);
        c.minutes(F::SAE_MAX_TRAVEL_MINUTES, Some(sae.max_travel_minutes));
        c.minutes(
            F::SAE_MAX_EXTRA_TRAVEL_MINUTES,
            sae.max_extra_travel_minutes,
        );
        c.at_most(
            F::SAE_MAX_TRAINING_WEEKS,
            sae.max_training_weeks,
            crate::MAX_TRAINING_WEEKS,
        );
        let priority = &self.priority;
        c.between(
            "priority.protected_months_after_birth",
            priority.protected_months_after_birth,
            0,
            120,
        );
        c.minutes(F::PRIORITY_MAX_TRAVEL_MINUTES, priority.max_travel_minutes);
        c.fraction("slotting.threshold", self.slotting.threshold);
        self.check_redundancy_pay(&mut c);
        let protection = &self.protection;
        c.at_most(
            "protection.pay_protection_months",
            protection.pay_protection_months,
            MAX_PROTECTION_MONTHS,
        );
        c.at_most(
            "protection.excess_travel_months",
            protection.excess_travel_months,
            MAX_PROTECTION_MONTHS,
        );
        c.at_most(
            "protection.excess_travel_pence_per_minute",
            protection.excess_travel_pence_per_minute,
            10_000,
        );
        c.between(
            "protection.working_days_per_year",
            protection.working_days_per_year,
            1,
            366,
        );
        self.check_weights(&mut c);
        // Places in the serial order are numbered by u32, one kept for "not listed".
        c.require(
            u32::try_from(self.ranking.order.len()).is_ok_and(|n| n < u32::MAX),
            "ranking.order",
            self.ranking.order.len(),
            &format!("a list of fewer than {} people", u32::MAX),
        );
        c.problems
    }

    fn check_tiers(&self, c: &mut Checker) {
        let names = || {
            self.tiers
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.tiers.is_empty() {
            c.problems.push(PolicyProblem {
                field: "tiers".into(),
                found: "[]".into(),
                message: "the list of tiers is empty, expected at least one of `employer`, `footprint`, `region`".into(),
            });
        } else if self.tiers.windows(2).any(|pair| pair[0] >= pair[1]) {
            let repeated = self
                .tiers
                .iter()
                .enumerate()
                .any(|(i, t)| self.tiers[..i].contains(t));
            let message = if repeated {
                format!(
                    "tiers `{}` list a tier twice, expected each tier once, from narrow to wide",
                    names()
                )
            } else {
                format!(
                    "tiers `{}` go from wide to narrow, expected them in the order employer, footprint, region",
                    names()
                )
            };
            c.problems.push(PolicyProblem {
                field: "tiers".into(),
                found: names(),
                message,
            });
        }
        debug_assert!(Tier::Employer < Tier::Footprint && Tier::Footprint < Tier::Region);
    }

    fn check_redundancy_pay(&self, c: &mut Checker) {
        let pay = &self.redundancy_pay;
        c.at_most(
            "redundancy_pay.min_continuous_service_weeks",
            pay.min_continuous_service_weeks,
            2_600,
        );
        c.between("redundancy_pay.max_years", pay.max_years, 1, 50);
        c.require(
            pay.salary_floor <= pay.salary_cap,
            "redundancy_pay.salary_floor",
            pay.salary_floor,
            &format!(
                "a floor no higher than the cap (`salary_cap` is {})",
                pay.salary_cap
            ),
        );
        c.between("redundancy_pay.salary_cap", pay.salary_cap, 1, 10_000_000);
        c.require(
            pay.weeks_per_month > 0.0 && pay.weeks_per_month <= 5.0,
            "redundancy_pay.weeks_per_month",
            pay.weeks_per_month,
            "a number above 0 and at most 5",
        );
        c.between("redundancy_pay.max_week_pay", pay.max_week_pay, 1, 100_000);
        c.between(
            "redundancy_pay.min_pension_age",
            pay.min_pension_age,
            40,
            75,
        );
    }

    fn check_weights(&self, c: &mut Checker) {
        let w = &self.weights;
        for (name, value) in [
            ("weights.band_drop", w.band_drop),
            ("weights.extra_travel_minute", w.extra_travel_minute),
            ("weights.training_week", w.training_week),
            ("weights.missing_desirable_skill", w.missing_desirable_skill),
            ("weights.preference_rank", w.preference_rank),
            ("weights.unranked_post", w.unranked_post),
            (
                "weights.pay_protection_per_thousand",
                w.pay_protection_per_thousand,
            ),
            ("weights.tier_distance", w.tier_distance),
        ] {
            c.at_most(name, value, MAX_WEIGHT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_is_in_range() {
        assert_eq!(Policy::default().check(), Vec::new());
    }

    #[test]
    fn tiers_must_be_listed_once_from_narrow_to_wide() {
        let with_tiers = |tiers: Vec<Tier>| Policy {
            tiers,
            ..Policy::default()
        };
        let twice = with_tiers(vec![Tier::Employer, Tier::Employer]).check();
        assert!(twice[0].message.contains("list a tier twice"), "{twice:?}");
        let backwards = with_tiers(vec![Tier::Footprint, Tier::Employer]).check();
        assert!(
            backwards[0].message.contains("go from wide to narrow"),
            "{backwards:?}"
        );
        let empty = with_tiers(vec![]).check();
        assert!(empty[0].message.contains("empty"), "{empty:?}");
    }

    #[test]
    fn fractions_and_weights_are_bounded() {
        let mut policy = Policy::default();
        policy.sae.max_wte_reduction = -0.1;
        policy.redundancy_pay.weeks_per_month = 0.0;
        policy.weights.band_drop = MAX_WEIGHT + 1;
        let fields: Vec<String> = policy.check().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "sae.max_wte_reduction",
                "redundancy_pay.weeks_per_month",
                "weights.band_drop"
            ]
        );
    }
}
