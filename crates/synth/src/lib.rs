//! Seeded synthetic NHS footprints, for benches and research.
//!
//! `redeploy-synth` owns [`generate`]: a [`SynthConfig`] (how many footprints, employers per
//! footprint, people at risk and posts, a seed and a round date) becomes a whole
//! [`Scenario`] shaped like the NHS in England — ICBs, acute, mental health and community
//! trusts, a regional ambulance trust, commissioning support units; people at risk concentrated
//! in corporate and management bands 4–8d with a tail at 9; posts skewed to lower bands and
//! mostly clinical; skills drawn from job families; registrations, statutory priority,
//! reasonable adjustments, volunteers, part-time hours, ranked preferences and ring-fenced
//! vacancies in realistic shares; sites clustered inside each footprint, footprints spread over
//! England. Every number and its source is in `calibration.rs` and `families.rs`, and listed in
//! `docs/synthetic.md`.
//!
//! # Determinism
//!
//! The same configuration always gives the same scenario, on any machine and thread count, and
//! across dependency upgrades: the pseudo-random numbers come from this crate's own
//! [`SplitMix64`], generation is single-threaded, and only exactly-rounded arithmetic is used.
//! Geography, vacancies and people draw from separate streams of the seed, so changing the
//! number of people leaves the map and the vacancies as they were.
//!
//! ```
//! use redeploy_synth::{SynthConfig, generate};
//!
//! let config = SynthConfig { people: 200, posts: 400, seed: 7, ..SynthConfig::default() };
//! let scenario = generate(&config)?;
//! assert_eq!(scenario.people.len(), 200);
//! assert_eq!(scenario.vacancies.iter().map(|v| v.posts).sum::<u32>(), 400);
//! assert_eq!(generate(&config)?, scenario);
//! # Ok::<(), redeploy_synth::SynthError>(())
//! ```

mod calibration;
mod error;
mod families;
mod geography;
mod people;
mod rng;
mod vacancies;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use redeploy_model::{PayScale, Policy, Scenario, Skill, parse_pay_scale};

pub use error::SynthError;
pub use rng::{SplitMix64, apportion};

/// The Agenda for Change 2025/26 pay scale shipped in `configs/pay`, built in so that generated
/// scenarios are self-contained.
const AFC_2025_26: &str = include_str!("../../../configs/pay/afc-2025-26.toml");

/// The largest number of footprints, people or posts [`generate`] accepts.
pub const MAX_FOOTPRINTS: u32 = 999;
/// The largest number of employers per footprint.
pub const MAX_EMPLOYERS_PER_FOOTPRINT: u32 = 99;
/// The largest number of people at risk, and of posts.
pub const MAX_RECORDS: u32 = 5_000_000;

/// The largest seed: scenario files hold the seed as a TOML integer (at most 2⁶³ − 1).
pub const MAX_SEED: u64 = i64::MAX as u64;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    /// Footprints (integrated care systems), 1 to [`MAX_FOOTPRINTS`]; England has 42.
    pub footprints: u32,
    /// Local employers per footprint: the ICB and `employers_per_footprint - 1` trusts. Each
    /// region adds an ambulance trust and every eighth footprint a CSU on top.
    pub employers_per_footprint: u32,
    /// People at risk.
    pub people: u32,
    /// Posts (vacancies of several identical posts count each post).
    pub posts: u32,
    /// Seed of every random draw, 0 to [`MAX_SEED`].
    pub seed: u64,
    /// The round date: ages, service and protected periods are measured to it.
    pub round_date: NaiveDate,
    /// Scenario name; `None` names it after the configuration.
    pub name: Option<String>,
    /// The policy written into the scenario.
    pub policy: Policy,
}

impl Default for SynthConfig {
    /// Footprint scale with seed 1 (see [`SynthConfig::footprint_scale`]).
    fn default() -> Self {
        SynthConfig::footprint_scale(1)
    }
}

impl SynthConfig {
    /// One footprint of eight local employers (the ICB, four acute trusts, two mental health
    /// trusts and a community trust) plus its region's ambulance trust and a CSU: 3,000 people at
    /// risk and 6,000 posts, round date 1 October 2025.
    pub fn footprint_scale(seed: u64) -> SynthConfig {
        SynthConfig {
            footprints: 1,
            employers_per_footprint: 8,
            people: 3_000,
            posts: 6_000,
            seed,
            round_date: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default(),
            name: None,
            policy: Policy::default(),
        }
    }

    /// All England: 42 footprints in 7 regions, 5 local employers each plus 7 ambulance trusts
    /// and 6 CSUs (223 employers), 50,000 people at risk and 100,000 posts.
    pub fn england_scale(seed: u64) -> SynthConfig {
        SynthConfig {
            footprints: 42,
            employers_per_footprint: 5,
            people: 50_000,
            posts: 100_000,
            ..SynthConfig::footprint_scale(seed)
        }
    }

    /// The scenario name: as given, or after the configuration.
    pub fn scenario_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            format!(
                "synthetic-{}x{}-{}p-{}v-seed{}",
                self.footprints, self.employers_per_footprint, self.people, self.posts, self.seed
            )
        })
    }

    fn check(&self) -> Result<(), SynthError> {
        let out_of_range = |field, found: String, expected: String| SynthError::OutOfRange {
            field,
            found,
            expected,
        };
        let counts = [
            ("footprints", self.footprints, 1, MAX_FOOTPRINTS),
            (
                "employers_per_footprint",
                self.employers_per_footprint,
                1,
                MAX_EMPLOYERS_PER_FOOTPRINT,
            ),
            ("people", self.people, 0, MAX_RECORDS),
            ("posts", self.posts, 0, MAX_RECORDS),
        ];
        for (field, value, low, high) in counts {
            if !(low..=high).contains(&value) {
                return Err(out_of_range(
                    field,
                    value.to_string(),
                    format!("from {low} to {high}"),
                ));
            }
        }
        if self.seed > MAX_SEED {
            return Err(out_of_range(
                "seed",
                self.seed.to_string(),
                format!("from 0 to {MAX_SEED} (the largest whole number a scenario file holds)"),
            ));
        }
        if !(1950..=2200).contains(&self.round_date.year()) {
            return Err(out_of_range(
                "round_date",
                self.round_date.to_string(),
                "a date in the years 1950 to 2200".to_string(),
            ));
        }
        Ok(())
    }
}

/// The built-in Agenda for Change 2025/26 pay scale (the file in `configs/pay`).
///
/// # Errors
/// [`SynthError::PayScale`] if the built-in file does not read (a build problem).
pub fn afc_2025_26() -> Result<PayScale, SynthError> {
    parse_pay_scale(AFC_2025_26, Path::new("configs/pay/afc-2025-26.toml"))
        .map_err(SynthError::PayScale)
}

/// Generates a synthetic scenario.
///
/// # Errors
/// [`SynthError::OutOfRange`] naming the first configuration field out of range.
pub fn generate(config: &SynthConfig) -> Result<Scenario, SynthError> {
    config.check()?;
    let pay_scale = afc_2025_26()?;
    let map = geography::build(
        config.footprints,
        config.employers_per_footprint,
        &mut SplitMix64::stream(config.seed, 0),
    );
    let (vacancies, index) =
        vacancies::generate(&map, config.posts, &mut SplitMix64::stream(config.seed, 1));
    let context = people::Context {
        map: &map,
        vacancies: &vacancies,
        index: &index,
        pay_scale: &pay_scale,
        round_date: config.round_date,
    };
    let people = people::generate(
        &context,
        config.people,
        &mut SplitMix64::stream(config.seed, 2),
    );
    let skills = families::skill_catalogue()
        .into_iter()
        .map(|id| Skill {
            id: id.to_string(),
            name: id.replace('-', " "),
        })
        .collect();
    Ok(Scenario {
        name: config.scenario_name(),
        round_date: config.round_date,
        seed: config.seed,
        pay_scale,
        policy: config.policy.clone(),
        regions: map.regions,
        footprints: map.footprints,
        employers: map.employers,
        sites: map.sites,
        travel_times: map.travel_times,
        skills,
        people,
        vacancies,
    })
}
