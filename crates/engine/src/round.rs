//! The result of a match round.
//!
//! This module owns [`Round`] and its records: who was placed where and why, who was not and
//! why, who left under voluntary redundancy, which posts are released to open recruitment, and
//! the metrics researchers compare rules and policies on. Everything serialises (serde) with a
//! stable field order; lists are sorted by person or vacancy id, employers and tiers keep the
//! scenario's and policy's order. Names and equality fields are never part of a round: people
//! are named by id only.

use chrono::NaiveDate;
use redeploy_model::{Band, MatchingRule, Tier, TierMode};
use serde::{Serialize, Serializer};

use crate::eligibility::{Failure, Rule, SoftCosts};
use crate::rules::{Measures, RankedUnsuitable, Stability, TieBreakRecord};
use crate::{Money, PriorityGround, RedundancyPay, TravelSource};

pub(crate) fn band_text<S: Serializer>(band: &Band, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(band.as_str())
}

/// Everything a match round decided, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    /// Name of the scenario.
    pub scenario: String,
    /// The date the round was run on.
    pub round_date: NaiveDate,
    /// Name of the policy applied.
    pub policy: String,
    /// The matching rule used inside each tier.
    pub rule: MatchingRule,
    /// How the tiers were combined.
    pub tier_mode: TierMode,
    /// The ring-fence tiers, in the order they were tried.
    pub tiers: Vec<Tier>,
    /// People placed, by person id.
    pub placements: Vec<Placement>,
    /// People taking part in matching whom no tier placed, by person id.
    pub unplaced: Vec<Unplaced>,
    /// Volunteers who leave under voluntary redundancy, by person id.
    pub voluntary_redundancy: Vec<VoluntaryLeaver>,
    /// Vacancies with places no tier filled, released to open recruitment, by vacancy id.
    pub released: Vec<ReleasedVacancy>,
    /// Vacancies on hold this round (nobody matched to them), by vacancy id; only present when
    /// the round's [`Constraints`](crate::Constraints) hold some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<HeldVacancy>,
    /// How ties in rankings were broken.
    pub tie_break: TieBreakRecord,
    /// Pairs a person or a vacancy ranked that fail a hard rule, so were never placed, by
    /// person id then vacancy id; only present when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranked_unsuitable: Vec<RankedUnsuitable>,
    /// Counts and costs.
    pub metrics: Metrics,
}

/// How a person came to be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlacementRoute {
    /// Slotted into a post matching their job, before any competition.
    Slotted,
    /// Placed by the matching rule inside a ring-fence tier.
    Matched,
    /// Placed before slotting-in and the tiers because the round's
    /// [`Constraints`](crate::Constraints) pin the pair; the first of the placement's reasons
    /// gives why.
    Pinned,
}

/// One person placed in one post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    /// Person id.
    pub person: String,
    /// The person's current employer.
    pub from_employer: String,
    /// Vacancy id.
    pub vacancy: String,
    /// The vacancy's employer.
    pub to_employer: String,
    /// The ring-fence tier the placement was made at (slotting-in counts as the first tier).
    pub tier: Tier,
    /// Slotted in or matched.
    pub route: PlacementRoute,
    /// The matching rule that made the placement (`None` when slotted in).
    pub rule: Option<MatchingRule>,
    /// The person's statutory priority, if any.
    pub statutory_priority: Option<PriorityGround>,
    /// The person's current band.
    #[serde(serialize_with = "band_text")]
    pub band_from: Band,
    /// The post's band.
    #[serde(serialize_with = "band_text")]
    pub band_to: Band,
    /// Bands moved (negative for a downgrade).
    pub band_change: i32,
    /// The person's hours today, whole-time equivalent.
    pub wte_from: f64,
    /// The post's hours.
    pub wte_to: f64,
    /// Annual full-time salary today, pounds.
    pub salary_from: u32,
    /// Annual full-time salary in the post, pounds.
    pub salary_to: u32,
    /// Journey to the post in minutes (commute plus the journey between sites when the commute
    /// is known).
    pub travel_minutes: u32,
    /// Extra journey each way over today's, minutes.
    pub extra_travel_minutes: u32,
    /// Where the journey between the sites comes from.
    pub travel_source: TravelSource,
    /// Weeks of training the post needs.
    pub training_weeks: u32,
    /// The disruption of the move, before weighting.
    pub soft_costs: SoftCosts,
    /// The weighted soft cost the matching rules ranked by.
    pub cost: i64,
    /// Cost of protecting the person's pay for the policy's period.
    pub pay_protection: Money,
    /// Excess travel paid for the policy's period.
    pub excess_travel: Money,
    /// The redundancy payment the placement avoids.
    pub redundancy_pay_avoided: Money,
    /// Why the post is suitable, one sentence per rule.
    pub reasons: Vec<String>,
}

/// A person no tier placed, with their redundancy cost and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unplaced {
    /// Person id.
    pub person: String,
    /// Current employer.
    pub employer: String,
    /// Current band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Statutory priority, if any.
    pub statutory_priority: Option<PriorityGround>,
    /// Section 16 redundancy pay, with the early-retirement alternative where it applies.
    pub redundancy: RedundancyPay,
    /// Why no post was found.
    pub why: WhyUnplaced,
}

/// The explanation of one unplaced person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyUnplaced {
    /// One sentence.
    pub summary: String,
    /// Vacancies a tier could offer the person inside their band window (assessed rule by rule).
    pub candidate_vacancies: u32,
    /// Vacancies a tier could offer the person outside their band window.
    pub outside_band_window: u32,
    /// Candidate vacancies that were suitable.
    pub suitable_vacancies: u32,
    /// For each rule that excluded a vacancy: how many.
    pub excluded_by_rule: Vec<RuleExclusion>,
    /// The unsuitable candidates that came closest, with every rule they failed.
    pub nearest_misses: Vec<NearMissReport>,
    /// Suitable vacancies whose places went to other people, and to whom.
    pub suitable_vacancies_taken: Vec<TakenPost>,
}

/// How many candidate vacancies one rule excluded for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleExclusion {
    /// The rule.
    pub rule: Rule,
    /// The field that set the rule's limit.
    pub field: &'static str,
    /// Vacancies the rule failed.
    pub vacancies: u32,
    /// Vacancies the rule alone failed (every other rule passed). `None` for the band rules:
    /// vacancies outside the band window are not assessed further.
    pub only_reason: Option<u32>,
}

/// An unsuitable post that came close.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearMissReport {
    /// Vacancy id.
    pub vacancy: String,
    /// Its employer.
    pub employer: String,
    /// Its band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Every rule it failed, with the numbers.
    pub failures: Vec<Failure>,
}

/// A suitable post that went to others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TakenPost {
    /// Vacancy id.
    pub vacancy: String,
    /// Ids of the people placed in it.
    pub taken_by: Vec<String>,
}

/// A volunteer leaving under voluntary redundancy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoluntaryLeaver {
    /// Person id.
    pub person: String,
    /// Employer.
    pub employer: String,
    /// Band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Their Section 16 payment.
    pub redundancy: RedundancyPay,
}

/// A vacancy with places left for open recruitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleasedVacancy {
    /// Vacancy id.
    pub vacancy: String,
    /// Employer.
    pub employer: String,
    /// Band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Places the vacancy had.
    pub posts: u32,
    /// Places filled by the round.
    pub filled: u32,
    /// Places released.
    pub unfilled: u32,
}

/// A vacancy on hold this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldVacancy {
    /// Vacancy id.
    pub vacancy: String,
    /// Employer.
    pub employer: String,
    /// Band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Posts open (held) this round.
    pub posts: u32,
    /// Why it is held.
    pub reason: String,
}

/// Counts and costs of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// People at risk in the scenario.
    pub people_at_risk: u32,
    /// Volunteers leaving under voluntary redundancy (not matched).
    pub volunteers_leaving: u32,
    /// People taking part in matching.
    pub in_matching: u32,
    /// Of them, people with statutory priority.
    pub with_priority: u32,
    /// People placed (slotted in or matched).
    pub placed: u32,
    /// Of them, slotted in.
    pub slotted: u32,
    /// Of them, people with statutory priority.
    pub placed_with_priority: u32,
    /// People taking part in matching whom no tier placed.
    pub unplaced: u32,
    /// Of them, people with statutory priority.
    pub unplaced_with_priority: u32,
    /// Placements in a lower band.
    pub downgraded: u32,
    /// Places offered to the round: every vacancy's open posts, except those on hold.
    pub posts: u32,
    /// Places filled.
    pub posts_filled: u32,
    /// Places released to open recruitment.
    pub posts_released: u32,
    /// Vacancies whose slotting candidates outnumbered their places (sent to competition).
    pub contested_at_slotting: u32,
    /// Suitable (person, post) pairs found, any tier.
    pub eligible_pairs: u64,
    /// Redundancies avoided: one per placement.
    pub redundancies_avoided: u32,
    /// Redundancy pay the placements avoid.
    pub redundancy_cost_avoided: Money,
    /// Redundancy pay still owed to the unplaced.
    pub residual_liability: Money,
    /// Redundancy pay of the volunteers who leave.
    pub voluntary_redundancy_cost: Money,
    /// Pay protection of the placements.
    pub pay_protection_cost: Money,
    /// Excess travel of the placements.
    pub excess_travel_cost: Money,
    /// Redundancy pay avoided less pay protection and excess travel.
    pub net_saving: Money,
    /// Stability of the matching solves' outcomes, summed.
    pub stability: Stability,
    /// The matching solves' measures, summed: matched, rank profiles of both sides, stability,
    /// cost (see `docs/rules.md`).
    pub measures: Measures,
    /// Placements per tier, in the policy's order.
    pub by_tier: Vec<TierMetrics>,
    /// Each solve of the matching rule, in order.
    pub solves: Vec<SolveMetrics>,
    /// Per employer, in the scenario's order.
    pub by_employer: Vec<EmployerMetrics>,
}

/// The placements made at one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierMetrics {
    /// The tier.
    pub tier: Tier,
    /// People placed at this tier (slotting-in counts as the first tier).
    pub placed: u32,
    /// Of them, slotted in.
    pub slotted: u32,
    /// Of them, people with statutory priority.
    pub placed_with_priority: u32,
    /// Of them, placed at another employer than their own.
    pub placed_at_other_employers: u32,
}

/// One solve of the matching rule: one per tier in the sequential mode, one in all in the
/// weighted mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolveMetrics {
    /// The tiers whose pairs were open to this solve.
    pub open_tiers: Vec<Tier>,
    /// The tier whose scope units (employers, footprints, regions) split the solve into
    /// independent problems.
    pub grouped_by: Tier,
    /// Independent problems solved (scope units with a suitable pair).
    pub problems: u32,
    /// People with a suitable vacancy open to this solve.
    pub people: u32,
    /// Vacancies with places left that one of them could take.
    pub vacancies: u32,
    /// Suitable pairs the solve chose from.
    pub eligible_pairs: u64,
    /// People placed.
    pub placed: u32,
    /// Of them, people with statutory priority.
    pub placed_with_priority: u32,
    /// Stability of the outcome.
    pub stability: Stability,
    /// Every rule's measures of the outcome: rank profiles, stability, cost.
    pub measures: Measures,
}

/// What the round means for one employer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmployerMetrics {
    /// Employer id.
    pub employer: String,
    /// Its people at risk.
    pub people_at_risk: u32,
    /// Of them, volunteers leaving.
    pub volunteers_leaving: u32,
    /// Of them, placed at this employer.
    pub placed_here: u32,
    /// Of them, placed at another employer.
    pub placed_elsewhere: u32,
    /// Of them, unplaced.
    pub unplaced: u32,
    /// Places in its vacancies.
    pub posts: u32,
    /// Places filled.
    pub posts_filled: u32,
    /// Of them, filled by staff of other employers.
    pub filled_from_elsewhere: u32,
    /// Redundancy pay its placed people avoid.
    pub redundancy_cost_avoided: Money,
    /// Redundancy pay still owed to its unplaced people.
    pub residual_liability: Money,
}
