//! NHS redeployment match rounds.
//!
//! `redeploy-engine` owns the rules of a round: which posts are suitable alternative employment
//! for whom and why ([`Assessor`], [`Assessment`]), the ring-fence tiers, statutory priority,
//! slotting-in, the four matching rules, the costs (Section 16 redundancy pay, pay protection,
//! excess travel) and the [`Round`] result with its metrics. [`run_round`] runs a whole round.
//!
//! # How a round runs
//!
//! 1. **Index** (`index.rs`): ids interned, posts bucketed by (scope, band).
//! 2. **Eligibility** (`eligibility.rs`, `screen.rs`, `table.rs`): every candidate pair
//!    assessed, each rule once per group of posts that shares its answer, rows in parallel; each
//!    suitable pair keeps the first tier that may offer it and its soft cost.
//! 3. **Slotting-in** (`slotting.rs`) at the person's own employer, before any competition.
//! 4. **Tiers** (`tiers.rs`): each ring-fence tier solves what the previous left, each scope
//!    unit independently and in parallel, with the policy's matching rule (`rules/`).
//! 5. **Result** (`assemble.rs`, `explain.rs`, `metrics.rs`): placements with reasons and costs,
//!    unplaced people with why, volunteers, released posts, metrics.
//!
//! [`PreparedRound`] splits a round at its eligibility table: built once, the round can be
//! decided again with a vacancy withdrawn, re-solving only the scope unit the vacancy is in.
//! Its dual view ([`PreparedRound::duals`], `duals.rs`) says, from the last pass's optimal
//! assignments, for whom one more suitable post would let the round place one more person, and
//! whom.
//!
//! [`person_story`] tells one person's round in full (every vacancy each tier could offer them,
//! with every failed rule), for `redeploy run --explain`.
//!
//! Every step is deterministic: parallel work is collected in a fixed order and every tie is
//! broken by id, so a round gives the same result on any number of threads. `docs/engine.md`
//! describes the objective, the tie-breaking and every field of the result.
//!
//! ```no_run
//! use std::path::Path;
//!
//! let scenario = redeploy_model::load_scenario(Path::new("configs/examples/small/scenario.toml")).unwrap();
//! let policy = scenario.policy.validate().unwrap();
//! let round = redeploy_engine::run_round(&scenario, &policy).unwrap();
//! println!("{} placed, {} unplaced", round.metrics.placed, round.metrics.unplaced);
//! ```

mod assemble;
mod candidates;
mod constraints;
mod costs;
mod duals;
mod eligibility;
mod error;
mod explain;
mod index;
mod metrics;
mod money;
mod own_staff;
mod person_view;
mod phases;
mod posts;
mod priority;
mod reasons;
mod replay;
mod rerun;
mod round;
mod rules;
mod screen;
mod skills;
mod slotting;
mod table;
mod tier_problems;
mod tiers;
mod travel;

/// The random scenarios of the integration tests, for the property tests inside the crate.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod common;
#[cfg(test)]
extern crate self as redeploy_engine;

pub use costs::{
    EarlyRetirement, MonthPayRoute, RedundancyPay, age_on, continuous_service_weeks, excess_travel,
    pay_protection, redundancy_pay, salary_in_post, service_years, whole_weeks_between,
    whole_years_between,
};
pub use money::{Money, pounds_text};
pub use priority::{PriorityGround, statutory_priority};
pub use travel::{
    AVERAGE_SPEED_KM_PER_HOUR, EARTH_RADIUS_KM, JOURNEY_OVERHEAD_MINUTES, ROAD_WINDING_FACTOR,
    TravelRow, TravelSource, TravelTimes, estimate_minutes,
};

pub use constraints::Constraints;
pub use duals::{DualView, Freed, FreeingPath, PersonDual};
pub use eligibility::{Assessment, Failure, Rule, SoftCosts};
pub use error::Error;
pub use explain::{ConsideredPost, PersonStory, person_story, person_story_constrained};
pub use phases::{Eligibility, Matched, RoundPhases};
pub use reasons::Assessor;
pub use rerun::{Moved, PreparedRound, Rerun, Rework, RoundFigures};
pub use round::{
    EmployerMetrics, HeldVacancy, Metrics, NearMissReport, Placement, PlacementRoute,
    ReleasedVacancy, Round, RuleExclusion, SolveMetrics, TakenPost, TierMetrics, Unplaced,
    VoluntaryLeaver, WhyUnplaced,
};
pub use rules::{
    AssignmentExport, Measures, RankProfile, RankedAgent, RankedUnsuitable, Stability,
    TieBreakRecord, TwoSidedInstance, assignment_problem, two_sided_instance,
};

use redeploy_model::{Scenario, ValidPolicy};
use tracing::info_span;

/// Runs a match round of `scenario` under `policy` (the scenario's own policy, or another one to
/// compare, as [`Policy::validate`](redeploy_model::Policy::validate) handed it over), with the
/// matching rule `policy.rule`.
///
/// # Errors
/// [`Error::Scenario`] when a scenario built in code has broken references (a loaded scenario
/// never has).
pub fn run_round(scenario: &Scenario, policy: &ValidPolicy) -> Result<Round, Error> {
    run_round_constrained(scenario, policy, &constraints::NONE)
}

/// Runs a match round of `scenario` under `policy` with what an exercise knows that the scenario
/// does not: people absent from the pool, posts still open or on hold, excluded and pinned pairs
/// ([`Constraints`]). `run_round(s, p)` is `run_round_constrained(s, p, &Constraints::default())`.
///
/// ```
/// use std::path::Path;
/// use redeploy_engine::{Constraints, run_round, run_round_constrained};
///
/// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
/// let scenario = redeploy_model::load_scenario(&path).unwrap();
/// let policy = scenario.policy.validate().unwrap();
/// let free = run_round(&scenario, &policy).unwrap();
/// let first = &free.placements[0];
/// let mut constraints = Constraints::default();
/// constraints.excluded.insert(
///     (first.person.clone(), first.vacancy.clone()),
///     "refused in round 1".to_string(),
/// );
/// let round = run_round_constrained(&scenario, &policy, &constraints).unwrap();
/// assert!(!round.placements.iter().any(|p| p.person == first.person && p.vacancy == first.vacancy));
/// ```
///
/// # Errors
/// As [`run_round`]; also [`Error::UnknownConstraintId`] for an id the scenario does not hold,
/// [`Error::InvalidConstraint`] for constraints that cannot hold together, and
/// [`Error::PinnedPairFails`] for a pinned pair that fails a hard rule.
pub fn run_round_constrained(
    scenario: &Scenario,
    policy: &ValidPolicy,
    constraints: &Constraints,
) -> Result<Round, Error> {
    let span = info_span!(
        "round",
        people = scenario.people.len(),
        vacancies = scenario.vacancies.len(),
        rule = policy.rule.as_str()
    );
    let _entered = span.enter();
    // The phases alone: a plain round keeps no stage records and counts no figures for reruns
    // (what `PreparedRound` adds).
    let phases = RoundPhases::index_constrained(scenario, policy, constraints)?;
    let eligibility = phases.eligibility()?;
    let matched = phases.matching(&eligibility)?;
    Ok(phases.result(&eligibility, &matched))
}
