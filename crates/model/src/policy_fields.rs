//! The names of the fields the hard rules cite, in one table.
//!
//! Every reason, explanation and policy problem that names the field behind a rule takes the
//! name from here, so a field renamed in [`Policy`](crate::Policy) is renamed everywhere it is
//! cited. A name is the field's dotted path in a policy file (`sae.max_band_drop`), in a person
//! or vacancy record (`preferences.max_travel_minutes`, `vacancy.registration`), or in a round's
//! constraints (`constraints.excluded`).
//!
//! ```
//! use redeploy_model::policy_fields;
//!
//! assert_eq!(policy_fields::SAE_MAX_BAND_DROP, "sae.max_band_drop");
//! ```

/// Whether every vacancy in a tier's scope is held for at-risk staff.
pub const BLOCK_EXTERNAL_RECRUITMENT: &str = "block_external_recruitment";
/// Bands below the person's a post may be.
pub const SAE_MAX_BAND_DROP: &str = "sae.max_band_drop";
/// Bands above the person's a post may be.
pub const SAE_MAX_BAND_RISE: &str = "sae.max_band_rise";
/// Extra bands above for a reasonable adjustment.
pub const SAE_REASONABLE_ADJUSTMENT_BAND_RISE: &str = "sae.reasonable_adjustment_band_rise";
/// How band 1 counts in the band rules.
pub const SAE_BAND_1: &str = "sae.band_1";
/// Largest cut in hours.
pub const SAE_MAX_WTE_REDUCTION: &str = "sae.max_wte_reduction";
/// Largest rise in hours.
pub const SAE_MAX_WTE_INCREASE: &str = "sae.max_wte_increase";
/// Longest journey.
pub const SAE_MAX_TRAVEL_MINUTES: &str = "sae.max_travel_minutes";
/// Longest extra journey.
pub const SAE_MAX_EXTRA_TRAVEL_MINUTES: &str = "sae.max_extra_travel_minutes";
/// Weeks of training allowed.
pub const SAE_MAX_TRAINING_WEEKS: &str = "sae.max_training_weeks";
/// Whether a fixed-term post may go to a permanent employee.
pub const SAE_ALLOW_FIXED_TERM_FOR_PERMANENT: &str = "sae.allow_fixed_term_for_permanent";
/// Whether the post must be in the person's job family.
pub const SAE_SAME_JOB_FAMILY: &str = "sae.same_job_family";
/// The stricter journey limit for statutory priority.
pub const PRIORITY_MAX_TRAVEL_MINUTES: &str = "priority.max_travel_minutes";
/// The person's own journey limit.
pub const PREFERENCES_MAX_TRAVEL_MINUTES: &str = "preferences.max_travel_minutes";
/// The vacancy's essential skills.
pub const VACANCY_ESSENTIAL_SKILLS: &str = "vacancy.essential_skills";
/// The vacancy's required registration.
pub const VACANCY_REGISTRATION: &str = "vacancy.registration";
/// Pairs a round's constraints exclude.
pub const CONSTRAINTS_EXCLUDED: &str = "constraints.excluded";
