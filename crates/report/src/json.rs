//! The whole round as JSON.
//!
//! Fields appear in the order the engine's types declare them (see `docs/engine.md`), lists are
//! sorted by id, and money is a number of pounds with at most two decimals, so two runs on the
//! same input give byte-identical files.

use redeploy_engine::Round;

use crate::Error;

/// The round as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialisation fails, which the engine's types do not cause.
pub fn to_json(round: &Round) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(round)?;
    text.push('\n');
    Ok(text)
}
