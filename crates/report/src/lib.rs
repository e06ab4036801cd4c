//! Renderers for match rounds.
//!
//! `redeploy-report` turns a [`Round`](redeploy_engine::Round) into output people read or other
//! tools load, and writes files safely. It holds no matching logic: every number it shows is
//! in the round, or is a count or sum of the round's records.
//!
//! - [`Report`]: a round ready to render — pseudonymised when asked ([`pseudonym`]), with its
//!   equality breakdown ([`equality`]).
//! - [`summary`]: the terminal summary table.
//! - [`explain`]: one person's round, tier by tier (`redeploy run --explain`).
//! - [`csv_export`]: `placements.csv`, `unplaced.csv`, `voluntary_redundancy.csv`,
//!   `released.csv`, `equality.csv`.
//! - [`json`]: the whole round as JSON, fields in a stable order, with its provenance.
//! - [`html`]: one self-contained HTML page with SVG charts.
//! - [`compare`]: several policies and rules on one scenario, side by side.
//! - [`exercise`]: a live exercise's status, history and report.
//! - [`output`]: atomic file writing that never overwrites an input file, nor, unless asked,
//!   a round's outputs.
//! - [`provenance`]: the tool, input files (with SHA-256) and policy a round came from, and the
//!   check of today's files against them.

pub mod compare;
pub mod csv_export;
pub mod equality;
pub mod exercise;
pub mod explain;
pub mod html;
pub mod json;
pub mod output;
pub mod provenance;
pub mod pseudonym;
pub mod summary;
pub mod whatif;

mod disclosure;
mod error;
mod report;
mod text_table;

pub use error::Error;
pub use report::{Report, ReportOptions};
