//! Domain model for NHS redeployment.
//!
//! `redeploy-model` owns the records a match round works on — Agenda for Change [`Band`]s and
//! [`PayScale`]s, footprints, employers, sites, people at risk, vacancies and the [`Policy`] —
//! and their loading from TOML scenarios (with CSV files for large record sets), with
//! validation errors a user can act on.

mod band;
mod pay;
mod policy;
mod scenario;

pub use band::{Band, UnknownBand};
pub use pay::PayScale;
pub use policy::{
    FloorCapBasis, MatchingRule, Policy, PriorityRules, ProtectionRules, RedundancyPayRules,
    SaeRules, SlottingRules, SoftCostWeights, Tier, TierMode, VoluntaryRedundancyRules,
};
pub use scenario::{
    ContractType, Employer, EmployerKind, Equality, Footprint, Person, Preferences,
    PriorityKind, Region, Scenario, Site, Skill, StatutoryPriority, TrainableSkill, TravelTime,
    Vacancy,
};
