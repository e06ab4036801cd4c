//! The one error of the crate.

/// Why an analysis could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine refused the round (a scenario or policy it cannot run).
    #[error(transparent)]
    Engine(#[from] redeploy_engine::Error),
    /// The model refused the policy (a field out of range).
    #[error(transparent)]
    Policy(#[from] redeploy_model::Error),
}
