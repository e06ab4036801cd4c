//! The crate's one error type.
//!
//! Generation itself cannot fail; only a configuration out of range (zero footprints, a round
//! date the calendar arithmetic cannot reach) is refused, before anything is generated.

use thiserror::Error;

/// Why a synthetic scenario could not be generated.
///
/// ```
/// use redeploy_synth::{SynthConfig, SynthError, generate};
///
/// let config = SynthConfig { footprints: 0, ..SynthConfig::default() };
/// let err = generate(&config).unwrap_err();
/// assert!(matches!(err, SynthError::OutOfRange { field: "footprints", .. }));
/// assert_eq!(err.to_string(), "`footprints` is `0`, expected from 1 to 999");
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SynthError {
    /// A configuration field is outside the range the generator supports.
    #[error("`{field}` is `{found}`, expected {expected}")]
    OutOfRange {
        /// The field of [`crate::SynthConfig`].
        field: &'static str,
        /// The value given.
        found: String,
        /// The accepted range.
        expected: String,
    },
    /// The built-in Agenda for Change pay scale could not be read (a build problem, not input).
    #[error("the built-in pay scale could not be read: {0}")]
    PayScale(#[source] redeploy_model::Error),
}
