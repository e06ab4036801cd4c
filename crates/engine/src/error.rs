//! The engine's single error type.
//!
//! A [`Scenario`](redeploy_model::Scenario) that came through the model's loader is already
//! checked and the policy it takes is a [`ValidPolicy`](redeploy_model::ValidPolicy), so a round
//! on it fails only on constraints that do not fit it. A scenario built in code is indexed by the
//! model ([`Scenario::indexed`](redeploy_model::Scenario::indexed)), whose error is reported here.

use thiserror::Error;

/// Why a match round could not be run.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// What the model refused: a scenario built in code whose records do not fit together (an
    /// id used twice, a reference to a missing record, more records than ids can number), which
    /// a loaded scenario has already passed, or a policy out of range
    /// ([`Policy::validate`](redeploy_model::Policy::validate)).
    #[error(transparent)]
    Scenario(#[from] redeploy_model::Error),
    /// A round constraint names a record the scenario does not hold.
    #[error("constraint `{constraint}` names {kind} `{id}`, which is not in the scenario")]
    UnknownConstraintId {
        /// The constraint (`"excluded"`).
        constraint: &'static str,
        /// Kind of record named (`"vacancy"`).
        kind: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// A round constraint that cannot hold with the scenario or the other constraints.
    #[error("constraint `{constraint}`: {detail}")]
    InvalidConstraint {
        /// The constraint (`"pinned"`).
        constraint: &'static str,
        /// What is wrong, naming the records.
        detail: String,
    },
    /// A pinned pair fails hard rules, so it cannot be placed.
    #[error("pinned pair (`{person}`, `{vacancy}`) is not suitable:{}", list_failures(.failures))]
    PinnedPairFails {
        /// Person id.
        person: String,
        /// Vacancy id.
        vacancy: String,
        /// Every rule the pair fails, with the numbers.
        failures: Vec<crate::Failure>,
    },
    /// A cost worked out from inputs beyond the bounds the model proves (a policy that did not
    /// pass [`Policy::validate`](redeploy_model::Policy::validate), a person that did not pass
    /// [`Scenario::check_bounds`](redeploy_model::Scenario::check_bounds)) does not fit in pence.
    #[error("{cost} does not fit in pence: {detail}")]
    CostOutOfRange {
        /// The cost (`"pay protection"`).
        cost: &'static str,
        /// The inputs, naming the bounds they exceed.
        detail: String,
    },
    /// The engine's own records disagree (a defect, reported rather than hidden).
    #[error("internal inconsistency: {0}")]
    Inconsistent(String),
    /// The assignment solver rejected a problem the engine built (a defect, reported rather
    /// than hidden).
    #[error("the assignment solver rejected tier `{tier}`: {source}")]
    Solver {
        /// Tier being solved.
        tier: &'static str,
        /// The solver's error.
        source: redeploy_assign::AssignError,
    },
}

fn list_failures(failures: &[crate::Failure]) -> String {
    failures
        .iter()
        .map(|failure| format!("\n  {}: {}", failure.rule.as_str(), failure.detail))
        .collect()
}
