//! The sweep specification, a TOML file.
//!
//! ```toml
//! scenarios = ["configs/examples/footprint/scenario.toml"]   # or [generate] below
//! policies = ["configs/policies/own-employer.toml"]          # default: each scenario's own
//! rules = ["optimal", "deferred-acceptance"]                  # default: the policy's rule
//!
//! [generate]                  # scenarios made by `redeploy generate`, one per seed
//! seeds = [1, 2, 3]
//! people = 3000
//! posts = 6000
//! footprints = 1
//!
//! [overrides]                 # policy fields, each a list of values
//! "sae.max_band_drop" = [0, 1, 2]
//! "sae.max_travel_minutes" = [45, 60, 90]
//! ```
//!
//! Paths are relative to the specification file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// Generated scenarios: one per seed, at the given size.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generate {
    /// Seeds, one scenario each.
    pub seeds: Vec<u64>,
    /// People at risk. Default 3,000.
    #[serde(default = "default_people")]
    pub people: u32,
    /// Posts. Default 6,000.
    #[serde(default = "default_posts")]
    pub posts: u32,
    /// Footprints. Default 1.
    #[serde(default = "default_footprints")]
    pub footprints: u32,
}

fn default_people() -> u32 {
    3_000
}
fn default_posts() -> u32 {
    6_000
}
fn default_footprints() -> u32 {
    1
}

/// A sweep specification.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Scenario files.
    #[serde(default)]
    pub scenarios: Vec<PathBuf>,
    /// Generated scenarios.
    pub generate: Option<Generate>,
    /// Policy files (none: each scenario's own policy).
    #[serde(default)]
    pub policies: Vec<PathBuf>,
    /// Matching rules by name (none: the policy's rule).
    #[serde(default)]
    pub rules: Vec<String>,
    /// Policy fields (dotted, `sae.max_band_drop`) and the values to try.
    #[serde(default)]
    pub overrides: BTreeMap<String, Vec<toml::Value>>,
    /// The directory relative paths are read from (the specification's own).
    #[serde(skip)]
    pub base: PathBuf,
}

impl Spec {
    /// Reads a specification from TOML text; paths are taken relative to the current directory.
    ///
    /// # Errors
    /// [`Error::Spec`] with the TOML error (line, column, expected field) or what is missing.
    pub fn parse(text: &str) -> Result<Spec, Error> {
        let spec: Spec = toml::from_str(text).map_err(|err| Error::Spec(err.to_string()))?;
        let scenario_sources =
            usize::from(!spec.scenarios.is_empty()) + usize::from(spec.generate.is_some());
        if scenario_sources != 1 {
            return Err(Error::Spec(
                "expected either `scenarios` (a list of files) or a `[generate]` table, not both or neither".to_string(),
            ));
        }
        for (field, values) in &spec.overrides {
            if values.is_empty() {
                return Err(Error::Spec(format!(
                    "overrides: `{field}` has no values, expected a list of one or more"
                )));
            }
        }
        Ok(spec)
    }

    /// Reads a specification file.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read, [`Error::Spec`] as [`Spec::parse`].
    pub fn load(path: &Path) -> Result<Spec, Error> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::Io {
            path: path.display().to_string(),
            message: err.to_string(),
        })?;
        let mut spec = Spec::parse(&text).map_err(|err| match err {
            Error::Spec(message) => Error::Spec(format!("{}: {message}", path.display())),
            other => other,
        })?;
        spec.base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(spec)
    }

    /// A path of the specification, resolved against its directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }
}
