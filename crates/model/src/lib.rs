//! Domain model for NHS redeployment.
//!
//! `redeploy-model` owns the records a match round works on — Agenda for Change [`Band`]s and
//! [`PayScale`]s, footprints, employers, sites, people at risk, vacancies and the [`Policy`] —
//! and their loading from TOML scenarios (with CSV files for large record sets), with
//! validation errors a user can act on.
//!
//! Loading has two levels. The raw level reads each field of each record with its type and
//! position, and records a [`Diagnostic`] for every field that is missing, malformed or
//! unknown, then carries on. The validated level checks across fields and records (unique ids,
//! references that resolve, pay that fits the band, dates that make sense) and builds a
//! [`Scenario`]. Code that receives a `Scenario` can rely on every check having passed. One
//! run reports every problem, each naming its file, line and column (or CSV record), field,
//! what was found and what was expected.
//!
//! ```no_run
//! use std::path::Path;
//!
//! match redeploy_model::load_scenario(Path::new("configs/examples/small/scenario.toml")) {
//!     Ok(scenario) => println!("{} people, {} vacancies", scenario.people.len(), scenario.vacancies.len()),
//!     Err(err) => eprintln!("{err}"),
//! }
//! ```

mod band;
mod csv_table;
mod error;
mod field;
mod ids;
mod inputs;
mod load;
mod memory;
mod pay;
mod pay_file;
mod policy;
mod policy_check;
pub mod policy_fields;
mod policy_file;
mod ranking;
mod raw;
mod record;
mod scenario;
mod scenario_lookup;
mod source;
mod suggest;
mod valid_policy;
mod validate;
mod words;
mod write;
mod write_csv;

pub use band::{Band, UnknownBand};
pub use error::{Diagnostic, Error, Position};
pub use ids::{
    EmployerIx, FootprintIx, IndexedScenario, Ix, IxVec, MAX_DESIRABLE_SKILLS, MAX_RANKED_PLACES,
    MAX_SALARY, PersonIx, RegionIx, SiteIx, VacancyIx,
};
pub use inputs::{InputFile, Inputs, sha256_hex};
pub use load::{load_scenario, load_scenario_recorded, parse_scenario};
pub use memory::{ScenarioFiles, StoredFile};
pub use pay::PayScale;
pub use pay_file::{load_pay_scale, parse_pay_scale};
pub use policy::{
    Band1Treatment, FloorCapBasis, Lottery, MatchingRule, Policy, PriorityRules, ProtectionRules,
    RankingRules, RedundancyPayRules, SaeRules, SerialOrder, SlottingRules, SoftCostWeights, Tier,
    TierMode, Unlisted, VoluntaryRedundancyRules,
};
pub use policy_check::{
    MAX_COST_UNITS, MAX_MINUTES, MAX_PROTECTION_MONTHS, MAX_PROTECTION_THOUSANDS, MAX_WEIGHT,
    PolicyProblem,
};
pub use policy_file::{load_policy, load_policy_recorded, parse_policy};
pub use ranking::Ranking;
pub use scenario::{
    ContractType, Employer, EmployerKind, Equality, Footprint, Person, Preferences, PriorityKind,
    Region, Scenario, Site, Skill, StatutoryPriority, TrainableSkill, TravelTime, Vacancy,
};
pub use suggest::did_you_mean;
pub use suggest::near_ids;
pub use valid_policy::{MAX_TRAINING_WEEKS, PolicyLimits, ValidPolicy, WTE_TOLERANCE};
pub use words::count;
pub use write::write_scenario_toml;
pub use write_csv::{
    DirOptions, SCENARIO_DIR_FILES, SCENARIO_FILE, ScenarioFile, scenario_dir_files,
    write_scenario_dir,
};

#[cfg(test)]
mod docs_tests {
    //! `docs/scenario-format.md` documents every field the loader accepts.

    fn docs() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/scenario-format.md");
        std::fs::read_to_string(path).expect("docs/scenario-format.md exists")
    }

    fn policy_fields() -> Vec<String> {
        let value = toml::Value::try_from(crate::Policy::default()).expect("a policy serializes");
        let mut fields = Vec::new();
        for (key, item) in value.as_table().into_iter().flatten() {
            fields.push(key.clone());
            if let toml::Value::Table(section) = item {
                fields.extend(section.keys().cloned());
            }
        }
        // Optional fields whose default (none) is not serialized.
        fields.extend([
            "max_extra_travel_minutes".to_string(),
            "max_travel_minutes".to_string(),
        ]);
        fields
    }

    #[test]
    fn every_scenario_csv_and_policy_field_is_documented() {
        let docs = docs();
        let mut fields: Vec<String> = crate::load::SCENARIO
            .fields
            .iter()
            .map(|f| f.to_string())
            .collect();
        for spec in crate::raw::TABLES {
            fields.extend(spec.fields.iter().map(|f| f.to_string()));
        }
        fields.extend(policy_fields());
        fields.extend(["year", "source", "points"].map(String::from));
        let missing: Vec<&String> = fields
            .iter()
            .filter(|f| !docs.contains(&format!("`{f}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "fields missing from docs/scenario-format.md: {missing:?}"
        );
    }
}
