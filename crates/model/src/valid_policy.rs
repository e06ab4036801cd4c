//! The validated policy the model hands the engine.
//!
//! This module owns [`ValidPolicy`]: a [`Policy`] that passed the model's one range check
//! ([`Policy::check`]) together with the limits the engine applies, resolved once (the widest
//! tier, the first tier covering each relation, the band window's steps, the travel limits, the
//! training weeks, the hours tolerance). Only [`Policy::validate`] makes one, so the engine never
//! checks a policy again nor works a limit out a second time.

use std::ops::Deref;

use crate::{Error, Policy, Tier};

/// Tolerance when comparing whole-time-equivalent hours, so that 0.8 + 0.2 counts as 1.0.
pub const WTE_TOLERANCE: f64 = 1e-9;

/// A policy whose every field is in range, with its limits resolved. Made only by
/// [`Policy::validate`]; it reads as the [`Policy`] it holds.
///
/// ```
/// use redeploy_model::{Policy, Tier};
///
/// let mut policy = Policy::default();
/// policy.tiers = vec![Tier::Employer, Tier::Footprint];
/// let valid = policy.validate().unwrap();
/// assert_eq!(valid.limits().widest, Tier::Footprint);
/// assert_eq!(valid.limits().last_tier, 1);
/// assert_eq!(valid.sae.max_band_drop, 1); // reads as the policy
///
/// policy.tiers.clear();
/// assert!(policy.validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPolicy {
    policy: Policy,
    limits: PolicyLimits,
}

/// The limits of a [`ValidPolicy`], resolved once from its fields.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PolicyLimits {
    /// The widest tier the policy lists.
    pub widest: Tier,
    /// Position of the last tier in the policy's list (at most 2: three tiers, each once).
    pub last_tier: u8,
    /// For each relation (same employer, same footprint, same region), the position in the tier
    /// list of the first tier whose scope covers it, if any.
    pub first_tier_for: [Option<u8>; 3],
    /// Bands a post may lie below the person's (`sae.max_band_drop`, at most 11).
    pub band_drop: u8,
    /// Bands a post may lie above the person's (`sae.max_band_rise`, at most 11).
    pub band_rise: u8,
    /// Further bands above for a reasonable adjustment (`sae.reasonable_adjustment_band_rise`).
    pub reasonable_adjustment_band_rise: u8,
    /// Fewest hours, as a share of the person's, a post may cut: `sae.max_wte_reduction` plus
    /// [`WTE_TOLERANCE`].
    pub max_wte_reduction: f64,
    /// Most hours a post may add: `sae.max_wte_increase` plus [`WTE_TOLERANCE`].
    pub max_wte_increase: f64,
    /// The longest journey, in minutes (`sae.max_travel_minutes`, at most [`crate::MAX_MINUTES`]).
    pub max_travel_minutes: u32,
    /// The most minutes a journey may grow, if limited (`sae.max_extra_travel_minutes`).
    pub max_extra_travel_minutes: Option<u32>,
    /// The journey limit for a person with statutory priority, if any
    /// (`priority.max_travel_minutes`).
    pub priority_max_travel_minutes: Option<u32>,
    /// The most weeks of training a post may need (`sae.max_training_weeks`, at most
    /// [`MAX_TRAINING_WEEKS`]).
    pub max_training_weeks: u32,
}

/// The most weeks of training a policy may allow, and one skill of a vacancy may need (ten
/// years).
pub const MAX_TRAINING_WEEKS: u32 = 520;

impl Policy {
    /// The policy, checked once: every field in range ([`Policy::check`]) and its limits
    /// resolved. The engine takes only a [`ValidPolicy`].
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] listing every field out of range.
    pub fn validate(&self) -> Result<ValidPolicy, Error> {
        let problems = self.check();
        if !problems.is_empty() {
            return Err(Error::InvalidPolicy {
                policy: self.name.clone(),
                problems,
            });
        }
        // `check` proved the tiers non-empty, distinct and narrow to wide: at most three, so
        // every position fits a u8.
        let position = |p: usize| u8::try_from(p).expect("at most three tiers, checked");
        let widest = *self.tiers.last().expect("at least one tier, checked");
        let first_tier_for = [Tier::Employer, Tier::Footprint, Tier::Region].map(|relation| {
            self.tiers
                .iter()
                .position(|&tier| tier >= relation)
                .map(position)
        });
        let sae = &self.sae;
        let limits = PolicyLimits {
            widest,
            last_tier: position(self.tiers.len() - 1),
            first_tier_for,
            band_drop: sae.max_band_drop,
            band_rise: sae.max_band_rise,
            reasonable_adjustment_band_rise: sae.reasonable_adjustment_band_rise,
            max_wte_reduction: sae.max_wte_reduction + WTE_TOLERANCE,
            max_wte_increase: sae.max_wte_increase + WTE_TOLERANCE,
            max_travel_minutes: sae.max_travel_minutes,
            max_extra_travel_minutes: sae.max_extra_travel_minutes,
            priority_max_travel_minutes: self.priority.max_travel_minutes,
            max_training_weeks: sae.max_training_weeks,
        };
        Ok(ValidPolicy {
            policy: self.clone(),
            limits,
        })
    }
}

impl ValidPolicy {
    /// The limits resolved from the policy's fields.
    pub fn limits(&self) -> &PolicyLimits {
        &self.limits
    }

    /// The policy as given.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }
}

impl Deref for ValidPolicy {
    type Target = Policy;

    fn deref(&self) -> &Policy {
        &self.policy
    }
}

impl TryFrom<&Policy> for ValidPolicy {
    type Error = Error;

    fn try_from(policy: &Policy) -> Result<Self, Error> {
        policy.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_resolved_from_the_fields() {
        let mut policy = Policy {
            tiers: vec![Tier::Footprint, Tier::Region],
            ..Policy::default()
        };
        policy.sae.max_extra_travel_minutes = Some(30);
        let valid = policy.validate().unwrap();
        let limits = valid.limits();
        assert_eq!(limits.first_tier_for, [Some(0), Some(0), Some(1)]);
        assert_eq!(limits.widest, Tier::Region);
        assert_eq!(limits.last_tier, 1);
        assert_eq!(limits.max_extra_travel_minutes, Some(30));
        assert!(limits.max_wte_reduction > policy.sae.max_wte_reduction);
    }

    #[test]
    fn an_out_of_range_policy_is_refused_with_every_field() {
        let mut policy = Policy::default();
        policy.sae.max_training_weeks = MAX_TRAINING_WEEKS + 1;
        policy.sae.max_travel_minutes = crate::MAX_MINUTES + 1;
        let err = policy.validate().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("sae.max_training_weeks"), "{text}");
        assert!(text.contains("sae.max_travel_minutes"), "{text}");
    }
}
