//! Renderers for match rounds.
//!
//! `redeploy-report` turns a [`Round`](redeploy_engine::Round) into output people read or other
//! tools load, and writes files safely. It holds no matching logic.
//!
//! - [`summary`]: the terminal summary table.
//! - [`json`]: the whole round as JSON, fields in a stable order.
//! - [`output`]: atomic file writing that never overwrites an input file.

pub mod json;
pub mod output;
pub mod summary;

mod error;

pub use error::Error;
