//! Two-sided matching instances to and from the tools researchers already use.
//!
//! `redeploy-interchange` owns three mappings of a [`TwoSidedInstance`] (people and vacancies,
//! each with a ranking of the other side, vacancies with places):
//!
//! - [`matching`]: the Python `matching` library's dictionaries as JSON — proposers' (people's)
//!   preferences, receivers' (vacancies') preferences, capacities — what
//!   `HospitalResident.create_from_dictionaries` takes;
//! - [`preflib`]: PrefLib's `toi` text format (orders with ties, incomplete), one file per side;
//! - [`scenario`]: an instance as a scenario in which every pair is suitable, so that
//!   `redeploy run` and `compare` can run every rule on a published instance.
//!
//! An instance exported from a scenario ([`redeploy_engine::two_sided_instance`]) already has
//! the hard rules applied: unsuitable pairs are absent from both rankings, and the policy, the
//! costs and everything else about the people and posts are left behind. `docs/research.md`
//! lists what each format keeps and loses.
//!
//! ```
//! use redeploy_interchange::{matching, scenario};
//!
//! let json = r#"{"proposers": {"A": ["D", "E"], "B": ["D"]},
//!                "receivers": {"D": ["B", "A"], "E": ["A"]},
//!                "capacities": {"D": 1, "E": 1}}"#;
//! let instance = matching::from_json(json)?;
//! let text = scenario::to_scenario_toml(&instance, "readme")?;
//! let scenario = redeploy_model::parse_scenario(&text, std::path::Path::new("readme.toml"))?;
//! let round = redeploy_engine::run_round(&scenario, &scenario.policy.validate()?)?;
//! assert_eq!(round.placements.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod matching;
pub mod preflib;
pub mod scenario;

pub use redeploy_engine::{RankedAgent, TwoSidedInstance};

/// Why an instance could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The JSON is malformed or not the expected shape.
    #[error("matching JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The instance is inconsistent (the message says where and what was expected).
    #[error("{0}")]
    Invalid(String),
    /// A PrefLib file line could not be read.
    #[error("{file}: line {line}: {message}")]
    PrefLib {
        /// The file name given.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
}
