//! Suitable alternative employment (SAE): the hard rules and soft costs of one (person, post)
//! pair.
//!
//! This module owns the decision whether a post is suitable for a person and what the move would
//! cost in disruption. Every hard rule is a [`Rule`] tied to one policy field; a pair is suitable
//! when no rule fails, and a pair that is not suitable is reported with **every** rule it fails,
//! with the numbers. The work is split in two so the hot path stays cheap: [`PairFacts`] holds
//! the numbers of a pair and a [`RuleSet`] the rules it fails, one bit each, with no text; both
//! are computed by `person_view.rs` and the words are written only for the pairs a report shows
//! (see `reasons.rs`).
//!
//! # Travel
//!
//! A person's journey to a post is their known commute plus the journey between their current
//! base and the post's site (an upper bound on the new door-to-door journey), or the journey
//! between sites alone when the commute is unknown. The extra journey is the journey between the
//! sites. A post no farther than today's base (same site, or zero minutes away) never fails a
//! travel rule: the move does not change the person's journey.
//!
//! # Skills
//!
//! Every skill a post lists as essential or trainable must be held, or be trainable; the weeks
//! of training for the ones not held are added up and must not exceed
//! `sae.max_training_weeks`. Desirable skills never decide suitability; each one the person
//! lacks adds to the soft cost.

use redeploy_model::SoftCostWeights;
use redeploy_model::policy_fields as F;
use redeploy_model::{PersonIx, VacancyIx};
use serde::Serialize;

use crate::index::RoundIndex;
use crate::person_view::PersonView;
use crate::{Money, pay_protection, salary_in_post};

/// A hard SAE rule; each is decided by one policy field (or by the post's own requirements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The post is more bands below the person's than `sae.max_band_drop` allows.
    BandDrop,
    /// The post is more bands above the person's than `sae.max_band_rise` (plus
    /// `sae.reasonable_adjustment_band_rise` for a reasonable adjustment) allows.
    BandRise,
    /// The post's hours are lower than `sae.max_wte_reduction` allows.
    HoursReduction,
    /// The post's hours are higher than `sae.max_wte_increase` allows.
    HoursIncrease,
    /// The journey is longer than `sae.max_travel_minutes`.
    Travel,
    /// The extra journey is longer than `sae.max_extra_travel_minutes`.
    ExtraTravel,
    /// The journey is longer than the person said they would travel.
    PersonalTravelLimit,
    /// The journey is longer than `priority.max_travel_minutes` for a person with statutory
    /// priority.
    PriorityTravel,
    /// The person lacks an essential skill that cannot be trained.
    EssentialSkills,
    /// The training needed is longer than `sae.max_training_weeks`.
    Training,
    /// The post requires a professional registration the person does not hold.
    Registration,
    /// A fixed-term post for a permanent member of staff, which `sae.allow_fixed_term_for_permanent`
    /// does not allow.
    ContractType,
    /// A different job family, when `sae.same_job_family` is set.
    JobFamily,
    /// The pair is excluded for this round (refused earlier, or excluded by HR), with the reason
    /// the round's [`Constraints`](crate::Constraints) give.
    Excluded,
}

impl Rule {
    /// Every rule, in the order reports list them.
    pub const ALL: [Rule; 14] = [
        Rule::BandDrop,
        Rule::BandRise,
        Rule::HoursReduction,
        Rule::HoursIncrease,
        Rule::Travel,
        Rule::ExtraTravel,
        Rule::PersonalTravelLimit,
        Rule::PriorityTravel,
        Rule::EssentialSkills,
        Rule::Training,
        Rule::Registration,
        Rule::ContractType,
        Rule::JobFamily,
        Rule::Excluded,
    ];

    /// The rule's name in reports (`"band-drop"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::BandDrop => "band-drop",
            Rule::BandRise => "band-rise",
            Rule::HoursReduction => "hours-reduction",
            Rule::HoursIncrease => "hours-increase",
            Rule::Travel => "travel",
            Rule::ExtraTravel => "extra-travel",
            Rule::PersonalTravelLimit => "personal-travel-limit",
            Rule::PriorityTravel => "priority-travel",
            Rule::EssentialSkills => "essential-skills",
            Rule::Training => "training",
            Rule::Registration => "registration",
            Rule::ContractType => "contract-type",
            Rule::JobFamily => "job-family",
            Rule::Excluded => "excluded",
        }
    }

    /// The field that sets the rule's limit (`"sae.max_band_drop"`).
    pub const fn field(self) -> &'static str {
        match self {
            Rule::BandDrop => F::SAE_MAX_BAND_DROP,
            Rule::BandRise => F::SAE_MAX_BAND_RISE,
            Rule::HoursReduction => F::SAE_MAX_WTE_REDUCTION,
            Rule::HoursIncrease => F::SAE_MAX_WTE_INCREASE,
            Rule::Travel => F::SAE_MAX_TRAVEL_MINUTES,
            Rule::ExtraTravel => F::SAE_MAX_EXTRA_TRAVEL_MINUTES,
            Rule::PersonalTravelLimit => F::PREFERENCES_MAX_TRAVEL_MINUTES,
            Rule::PriorityTravel => F::PRIORITY_MAX_TRAVEL_MINUTES,
            Rule::EssentialSkills => F::VACANCY_ESSENTIAL_SKILLS,
            Rule::Training => F::SAE_MAX_TRAINING_WEEKS,
            Rule::Registration => F::VACANCY_REGISTRATION,
            Rule::ContractType => F::SAE_ALLOW_FIXED_TERM_FOR_PERMANENT,
            Rule::JobFamily => F::SAE_SAME_JOB_FAMILY,
            Rule::Excluded => F::CONSTRAINTS_EXCLUDED,
        }
    }
}

/// A set of failed rules, one bit each: bit `r` is the rule `Rule::ALL[r]` (each rule's
/// discriminant is its position in `Rule::ALL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub(crate) struct RuleSet(u16);

impl RuleSet {
    /// Adds `rule` when `failed` holds.
    pub fn set(&mut self, rule: Rule, failed: bool) {
        self.0 |= u16::from(failed) << (rule as u16);
    }

    /// The rules of both sets.
    #[must_use]
    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set holds no rule or one (cheaper than [`RuleSet::len`] where counting bits
    /// is not one instruction).
    pub fn at_most_one(self) -> bool {
        self.0 & self.0.wrapping_sub(1) == 0
    }

    /// Positions in [`Rule::ALL`] of the rules in the set, in order.
    pub fn positions(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let position = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                position
            })
        })
    }

    /// The rules in the set, in [`Rule::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        self.positions().map(|position| Rule::ALL[position])
    }
}

/// A [`RuleSet`] with its size in one word: the rules in the low 16 bits, how many in the high
/// 16. Joining two sets with no rule in common is one addition: the screen joins a post's
/// travel, terms and skill rules, which never share a rule, and compares the count with a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct CountedRules(u32);

impl CountedRules {
    pub fn new(rules: RuleSet) -> CountedRules {
        CountedRules(u32::from(rules.0) | rules.len() << 16)
    }

    /// The rules of both sets, which have no rule in common.
    #[inline(always)]
    #[must_use]
    pub fn join_disjoint(self, other: CountedRules) -> CountedRules {
        debug_assert!(self.rules().0 & other.rules().0 == 0, "{self:?} {other:?}");
        CountedRules(self.0 + other.0)
    }

    pub fn rules(self) -> RuleSet {
        // The low 16 bits are the set: the truncation is the point.
        RuleSet(self.0 as u16)
    }

    /// How many rules the set holds.
    #[inline(always)]
    pub fn len(self) -> u32 {
        self.0 >> 16
    }
}

/// Where a post stands in the person's own ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Preference {
    /// The person ranked no posts.
    NoneGiven,
    /// The person ranked this post; 0 is their first choice.
    Ranked(u32),
    /// The person ranked other posts but not this one.
    Unranked,
}

/// The numbers of one (person, post) pair that every rule and soft cost is read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairFacts {
    /// Post band minus person band, in bands.
    pub band_steps: i32,
    /// Post hours minus person hours, in WTE.
    pub wte_change: f64,
    /// Journey between the person's base and the post's site, in minutes.
    pub site_minutes: u32,
    /// The person's journey to the post (commute plus site journey when the commute is known).
    pub journey_minutes: u32,
    /// Weeks of training for the essential skills not held.
    pub training_weeks: u32,
    /// Essential skills neither held nor trainable.
    pub missing_essential: u32,
    /// Desirable skills not held.
    pub missing_desirable: u32,
    /// Skills the post lists (essential, trainable and desirable).
    pub post_skills: u32,
    /// Of those, how many the person holds.
    pub held_post_skills: u32,
    pub preference: Preference,
}

impl PairFacts {
    /// Share of the post's listed skills the person holds (1 when the post lists none): the
    /// job-content match used for slotting-in.
    pub fn content_match(&self) -> f64 {
        if self.post_skills == 0 {
            1.0
        } else {
            f64::from(self.held_post_skills) / f64::from(self.post_skills)
        }
    }
}

/// Works out the numbers of a pair. For many pairs of one person, build a [`PersonView`] once.
pub(crate) fn pair_facts(
    index: &RoundIndex<'_>,
    person: PersonIx,
    vacancy: VacancyIx,
) -> PairFacts {
    PersonView::new(index, person).facts(vacancy)
}

/// The disruption a suitable move causes, before weighting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoftCosts {
    /// Bands below the person's current band (0 for the same band or above).
    pub band_drop: u32,
    /// Extra minutes of journey each way.
    pub extra_travel_minutes: u32,
    /// Weeks of training needed.
    pub training_weeks: u32,
    /// Desirable skills the person lacks.
    pub missing_desirable_skills: u32,
    /// Place in the person's own ranking (1 = first choice), when they ranked the post.
    pub preference_rank: Option<u32>,
    /// Whether the person ranked other posts but not this one.
    pub unranked: bool,
    /// Cost of protecting the person's pay for the policy's period.
    pub pay_protection: Money,
    /// Tiers of distance from the person's own employer (used only in the weighted tier mode).
    pub tier_distance: u32,
}

impl SoftCosts {
    /// The weighted total: each count times its weight, added up exactly.
    ///
    /// For a suitable pair of a checked scenario under a validated policy the total is at most
    /// [`MAX_COST_UNITS`](redeploy_model::MAX_COST_UNITS) × [`MAX_WEIGHT`](redeploy_model::MAX_WEIGHT)
    /// = 37,972 × 100,000 = 3,797,200,000, within the solver's
    /// [`MAX_COST`](redeploy_assign::MAX_COST) (`2^32 − 1`): every weight is at most
    /// `MAX_WEIGHT` (the policy check) and every count at most its bound (the scenario bounds
    /// and the hard rules, listed at `MAX_WEIGHT`). The sum is plain arithmetic, checked in debug
    /// builds; counts beyond those bounds are not a pair the engine builds.
    ///
    /// ```
    /// use redeploy_engine::{Money, SoftCosts};
    /// use redeploy_model::SoftCostWeights;
    ///
    /// let costs = SoftCosts {
    ///     band_drop: 1,
    ///     extra_travel_minutes: 15,
    ///     training_weeks: 4,
    ///     missing_desirable_skills: 0,
    ///     preference_rank: None,
    ///     unranked: false,
    ///     pay_protection: Money::from_pounds(2_480),
    ///     tier_distance: 0,
    /// };
    /// // 1,000 for the band + 15 x 10 travel + 4 x 25 training + 2 x 5 pay protection
    /// assert_eq!(costs.weighted_total(&SoftCostWeights::default()), 1_260);
    /// ```
    pub fn weighted_total(&self, weights: &SoftCostWeights) -> i64 {
        let term = |count: u32, weight: u32| i64::from(count) * i64::from(weight);
        let preference = match (self.preference_rank, self.unranked) {
            // A place is numbered from 1; a 0 is read as the first place, not below it.
            (Some(rank), _) => term(rank.saturating_sub(1), weights.preference_rank),
            (None, true) => i64::from(weights.unranked_post),
            (None, false) => 0,
        };
        let protection_thousands = self.pay_protection.pence().max(0) / 100_000;
        let total = term(self.band_drop, weights.band_drop)
            + term(self.extra_travel_minutes, weights.extra_travel_minute)
            + term(self.training_weeks, weights.training_week)
            + term(
                self.missing_desirable_skills,
                weights.missing_desirable_skill,
            )
            + preference
            + protection_thousands * i64::from(weights.pay_protection_per_thousand)
            + term(self.tier_distance, weights.tier_distance);
        debug_assert!(
            total <= redeploy_assign::MAX_COST,
            "a pair's soft cost {total} is over the solver's MAX_COST: {self:?}"
        );
        total
    }
}

/// The soft costs of a suitable pair.
pub(crate) fn soft_costs(
    index: &RoundIndex<'_>,
    person: PersonIx,
    vacancy: VacancyIx,
    facts: &PairFacts,
) -> SoftCosts {
    let record = &index.ids.people[person];
    let post = &index.ids.vacancies[vacancy];
    let pay_protection = if facts.band_steps < 0 {
        let new_salary = salary_in_post(record, post.band, &index.scenario.pay_scale);
        pay_protection(record, new_salary, post.wte, &index.policy.protection)
            .expect("a validated policy and a checked scenario bound pay protection below £16m")
    } else {
        Money::ZERO
    };
    let (preference_rank, unranked) = match facts.preference {
        Preference::NoneGiven => (None, false),
        Preference::Ranked(position) => (Some(position + 1), false),
        Preference::Unranked => (None, true),
    };
    SoftCosts {
        band_drop: if facts.band_steps < 0 {
            facts.band_steps.unsigned_abs()
        } else {
            0
        },
        extra_travel_minutes: facts.site_minutes,
        training_weeks: facts.training_weeks,
        missing_desirable_skills: facts.missing_desirable,
        preference_rank,
        unranked,
        pay_protection,
        tier_distance: 0,
    }
}

/// A hard rule a pair fails, with the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The rule.
    pub rule: Rule,
    /// What failed, with the numbers and the policy field (`"band 5 is 2 below band 7; policy
    /// allows 1 (sae.max_band_drop)"`).
    pub detail: String,
}

/// Whether a post is suitable alternative employment for a person, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Assessment {
    /// Every hard rule passes.
    Suitable {
        /// The disruption the move causes.
        soft_costs: SoftCosts,
        /// The weighted soft cost the matching rules rank by (lower is better).
        cost: i64,
        /// Why the post is suitable, one sentence per rule.
        reasons: Vec<String>,
    },
    /// At least one hard rule fails; every failing rule is listed.
    NotSuitable {
        /// Every failed rule, in [`Rule::ALL`] order.
        failures: Vec<Failure>,
    },
}

impl Assessment {
    /// Whether the post is suitable.
    pub fn is_suitable(&self) -> bool {
        matches!(self, Assessment::Suitable { .. })
    }

    /// The rules that failed (empty when suitable).
    pub fn failed_rules(&self) -> Vec<Rule> {
        match self {
            Assessment::Suitable { .. } => Vec::new(),
            Assessment::NotSuitable { failures } => failures.iter().map(|f| f.rule).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_set_lists_its_rules_in_report_order_and_counts_them() {
        for (position, rule) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(rule as usize, position, "{rule:?}");
        }
        let mut set = RuleSet::default();
        set.set(Rule::JobFamily, true);
        set.set(Rule::Travel, true);
        set.set(Rule::BandDrop, false);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Rule::Travel, Rule::JobFamily]
        );
        assert_eq!(set.len(), 2);
        assert!(!set.at_most_one());
        let mut one = RuleSet::default();
        one.set(Rule::Training, true);
        assert!(one.at_most_one() && RuleSet::default().at_most_one());
        assert!(!set.is_empty() && RuleSet::default().is_empty());
        let counted = CountedRules::new(set).join_disjoint(CountedRules::new(one));
        assert_eq!(counted.rules(), set.union(one));
        assert_eq!(counted.len(), 3);
        assert_eq!(CountedRules::new(RuleSet::default()).len(), 0);
    }
}
