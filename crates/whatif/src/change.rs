//! One change to a round, and how it is applied.
//!
//! This module owns [`Change`] (every kind of change `whatif` tries: a policy relaxation, an
//! employer's exempt vacancies joining the ring-fence, a vacancy withdrawn or brought into the
//! ring-fence, a new post) and [`Change::apply`], which turns a change into the scenario, policy
//! and round constraints of the changed round. Every figure `whatif` reports is read from
//! [`redeploy_engine::run_round_constrained`] on exactly what `apply` returns, so a test can run
//! the same changed round and compare.
//!
//! It also owns the documented steps of the relaxations ([`relaxations`]): one step per hard-rule
//! policy field, in the order of the table in `docs/whatif.md`.

use redeploy_engine::Constraints;
use redeploy_model::policy_fields as F;
use redeploy_model::{Band, ContractType, Policy, Ranking, Scenario, Vacancy};
use serde::Serialize;

/// Minutes one travel relaxation adds.
pub const TRAVEL_STEP_MINUTES: u32 = 15;
/// Weeks of training one training relaxation adds.
pub const TRAINING_STEP_WEEKS: u32 = 8;
/// Whole-time equivalent one hours relaxation adds to a tolerance (four hours of a 37.5-hour
/// week).
pub const HOURS_STEP_WTE: f64 = 0.1;

/// One step of one hard-rule policy field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relaxation {
    /// `sae.max_band_drop` + 1.
    BandDrop,
    /// `sae.max_band_rise` + 1.
    BandRise,
    /// `sae.reasonable_adjustment_band_rise` + 1.
    ReasonableAdjustmentBandRise,
    /// `sae.max_wte_reduction` + [`HOURS_STEP_WTE`].
    HoursReduction,
    /// `sae.max_wte_increase` + [`HOURS_STEP_WTE`].
    HoursIncrease,
    /// `sae.max_travel_minutes` + [`TRAVEL_STEP_MINUTES`].
    Travel,
    /// `sae.max_extra_travel_minutes` + [`TRAVEL_STEP_MINUTES`] (when the policy sets one).
    ExtraTravel,
    /// `priority.max_travel_minutes` + [`TRAVEL_STEP_MINUTES`] (when the policy sets one).
    PriorityTravel,
    /// `sae.max_training_weeks` + [`TRAINING_STEP_WEEKS`].
    Training,
    /// `sae.allow_fixed_term_for_permanent` set to true.
    FixedTerm,
    /// `sae.same_job_family` set to false.
    JobFamily,
    /// `block_external_recruitment` set to true: every employer's exempt vacancies join.
    BlockExternalRecruitment,
}

impl Relaxation {
    /// Every relaxation, in the order they are tried and listed.
    pub const ALL: [Relaxation; 12] = [
        Relaxation::BandDrop,
        Relaxation::BandRise,
        Relaxation::ReasonableAdjustmentBandRise,
        Relaxation::HoursReduction,
        Relaxation::HoursIncrease,
        Relaxation::Travel,
        Relaxation::ExtraTravel,
        Relaxation::PriorityTravel,
        Relaxation::Training,
        Relaxation::FixedTerm,
        Relaxation::JobFamily,
        Relaxation::BlockExternalRecruitment,
    ];

    /// The policy field the relaxation changes, by its name in the model's one table of field
    /// names (`redeploy_model::policy_fields`).
    ///
    /// ```
    /// use redeploy_whatif::Relaxation;
    ///
    /// assert_eq!(Relaxation::Travel.field(), "sae.max_travel_minutes");
    /// ```
    pub fn field(self) -> &'static str {
        match self {
            Relaxation::BandDrop => F::SAE_MAX_BAND_DROP,
            Relaxation::BandRise => F::SAE_MAX_BAND_RISE,
            Relaxation::ReasonableAdjustmentBandRise => F::SAE_REASONABLE_ADJUSTMENT_BAND_RISE,
            Relaxation::HoursReduction => F::SAE_MAX_WTE_REDUCTION,
            Relaxation::HoursIncrease => F::SAE_MAX_WTE_INCREASE,
            Relaxation::Travel => F::SAE_MAX_TRAVEL_MINUTES,
            Relaxation::ExtraTravel => F::SAE_MAX_EXTRA_TRAVEL_MINUTES,
            Relaxation::PriorityTravel => F::PRIORITY_MAX_TRAVEL_MINUTES,
            Relaxation::Training => F::SAE_MAX_TRAINING_WEEKS,
            Relaxation::FixedTerm => F::SAE_ALLOW_FIXED_TERM_FOR_PERMANENT,
            Relaxation::JobFamily => F::SAE_SAME_JOB_FAMILY,
            Relaxation::BlockExternalRecruitment => F::BLOCK_EXTERNAL_RECRUITMENT,
        }
    }

    /// The step in words, from the policy's value to the relaxed one; `None` when the policy
    /// cannot be relaxed this way (already at its loosest, or the limit is not set).
    ///
    /// ```
    /// use redeploy_model::Policy;
    /// use redeploy_whatif::Relaxation;
    ///
    /// let policy = Policy::default();
    /// let step = Relaxation::Training.step(&policy).unwrap();
    /// assert_eq!(step, "sae.max_training_weeks 26 → 34");
    /// ```
    pub fn step(self, policy: &Policy) -> Option<String> {
        let relaxed = self.relax(policy)?;
        let (from, to) = (value(self, policy), value(self, &relaxed));
        Some(format!("{} {from} → {to}", self.field()))
    }

    /// The policy with this one step taken; `None` when it cannot be taken (the field is
    /// already at its loosest, the limit is not set, or the relaxed policy would not be valid).
    pub fn relax(self, policy: &Policy) -> Option<Policy> {
        let mut p = policy.clone();
        let sae = &mut p.sae;
        match self {
            Relaxation::BandDrop => sae.max_band_drop = sae.max_band_drop.checked_add(1)?,
            Relaxation::BandRise => sae.max_band_rise = sae.max_band_rise.checked_add(1)?,
            Relaxation::ReasonableAdjustmentBandRise => {
                sae.reasonable_adjustment_band_rise =
                    sae.reasonable_adjustment_band_rise.checked_add(1)?;
            }
            Relaxation::HoursReduction => {
                sae.max_wte_reduction = round_wte(sae.max_wte_reduction + HOURS_STEP_WTE);
            }
            Relaxation::HoursIncrease => {
                sae.max_wte_increase = round_wte(sae.max_wte_increase + HOURS_STEP_WTE);
            }
            Relaxation::Travel => {
                sae.max_travel_minutes = sae.max_travel_minutes.checked_add(TRAVEL_STEP_MINUTES)?;
            }
            Relaxation::ExtraTravel => {
                sae.max_extra_travel_minutes = Some(
                    sae.max_extra_travel_minutes?
                        .checked_add(TRAVEL_STEP_MINUTES)?,
                );
            }
            Relaxation::PriorityTravel => {
                p.priority.max_travel_minutes = Some(
                    p.priority
                        .max_travel_minutes?
                        .checked_add(TRAVEL_STEP_MINUTES)?,
                );
            }
            Relaxation::Training => {
                sae.max_training_weeks = sae.max_training_weeks.checked_add(TRAINING_STEP_WEEKS)?;
            }
            Relaxation::FixedTerm if !sae.allow_fixed_term_for_permanent => {
                sae.allow_fixed_term_for_permanent = true;
            }
            Relaxation::JobFamily if sae.same_job_family => sae.same_job_family = false,
            Relaxation::BlockExternalRecruitment if !p.block_external_recruitment => {
                p.block_external_recruitment = true;
            }
            Relaxation::FixedTerm
            | Relaxation::JobFamily
            | Relaxation::BlockExternalRecruitment => {
                return None;
            }
        }
        (p.check().is_empty() && p != *policy).then_some(p)
    }
}

/// A tolerance rounded to a millionth of a WTE, so that 0.2 + 0.1 reads 0.3.
fn round_wte(wte: f64) -> f64 {
    (wte * 1e6).round() / 1e6
}

/// The relaxed field's value in words.
fn value(relaxation: Relaxation, policy: &Policy) -> String {
    let sae = &policy.sae;
    let minutes = |m: Option<u32>| m.map_or_else(|| "none".to_string(), |m| m.to_string());
    match relaxation {
        Relaxation::BandDrop => sae.max_band_drop.to_string(),
        Relaxation::BandRise => sae.max_band_rise.to_string(),
        Relaxation::ReasonableAdjustmentBandRise => sae.reasonable_adjustment_band_rise.to_string(),
        Relaxation::HoursReduction => sae.max_wte_reduction.to_string(),
        Relaxation::HoursIncrease => sae.max_wte_increase.to_string(),
        Relaxation::Travel => sae.max_travel_minutes.to_string(),
        Relaxation::ExtraTravel => minutes(sae.max_extra_travel_minutes),
        Relaxation::PriorityTravel => minutes(policy.priority.max_travel_minutes),
        Relaxation::Training => sae.max_training_weeks.to_string(),
        Relaxation::FixedTerm => sae.allow_fixed_term_for_permanent.to_string(),
        Relaxation::JobFamily => sae.same_job_family.to_string(),
        Relaxation::BlockExternalRecruitment => policy.block_external_recruitment.to_string(),
    }
}

/// A hypothetical new post: one place in a vacancy of this band at this employer and site,
/// needing this key skill, shaped on the unplaced people it is meant for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewPost {
    /// Band of the post.
    #[serde(serialize_with = "band_name")]
    pub band: Band,
    /// Employer offering it.
    pub employer: String,
    /// Site of the post.
    pub site: String,
    /// The essential skill it needs (`None`: no skill).
    pub skill: Option<String>,
    /// Job family.
    pub job_family: String,
    /// Hours, whole-time equivalent.
    pub wte: f64,
}

/// A band as its name (`"8a"`).
fn band_name<S: serde::Serializer>(band: &Band, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(band)
}

/// The id a new post takes in the changed scenario (ids in scenarios never start with `+`).
pub const NEW_POST_ID: &str = "+new-post";

impl NewPost {
    /// The vacancy record of the new post.
    pub fn vacancy(&self, advertised_order: u32) -> Vacancy {
        Vacancy {
            id: NEW_POST_ID.to_string(),
            title: None,
            employer: self.employer.clone(),
            site: self.site.clone(),
            band: self.band,
            wte: self.wte,
            job_family: self.job_family.clone(),
            essential_skills: self.skill.iter().cloned().collect(),
            trainable_skills: Vec::new(),
            desirable_skills: Vec::new(),
            registration: None,
            posts: 1,
            contract: ContractType::Permanent,
            ring_fenced: true,
            advertised_order,
            ranked_people: Ranking::default(),
        }
    }
}

/// One change to a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// One policy field relaxed by its step.
    Relax {
        /// Which field and step.
        relaxation: Relaxation,
    },
    /// The employer's exempt vacancies (`ring_fenced = false`) join the ring-fence.
    JoinRingFence {
        /// Employer id.
        employer: String,
    },
    /// The vacancy withdrawn (no place open this round).
    Withdraw {
        /// Vacancy id.
        vacancy: String,
    },
    /// The exempt vacancy brought into the ring-fence (`ring_fenced = true`).
    BringIn {
        /// Vacancy id.
        vacancy: String,
    },
    /// A new post added to the scenario.
    AddPost {
        /// The post.
        post: NewPost,
    },
}

impl Change {
    /// The scenario, policy and constraints of the changed round.
    ///
    /// ```
    /// use redeploy_model::Policy;
    /// use redeploy_whatif::{Change, Relaxation};
    ///
    /// # let scenario = redeploy_synth::generate(&redeploy_synth::SynthConfig { people: 20, posts: 40, ..Default::default() }).unwrap();
    /// let change = Change::Relax { relaxation: Relaxation::Training };
    /// let (_, policy, _) = change.apply(&scenario, &scenario.policy).unwrap();
    /// assert_eq!(policy.sae.max_training_weeks, scenario.policy.sae.max_training_weeks + 8);
    /// ```
    ///
    /// `None` when the change cannot be made (a relaxation already at its loosest).
    pub fn apply(
        &self,
        scenario: &Scenario,
        policy: &Policy,
    ) -> Option<(Scenario, Policy, Constraints)> {
        let mut constraints = Constraints::default();
        let mut changed = scenario.clone();
        let mut policy = policy.clone();
        match self {
            Change::Relax { relaxation } => policy = relaxation.relax(&policy)?,
            Change::JoinRingFence { employer } => {
                for v in changed
                    .vacancies
                    .iter_mut()
                    .filter(|v| &v.employer == employer)
                {
                    v.ring_fenced = true;
                }
            }
            Change::Withdraw { vacancy } => {
                constraints.open_posts.insert(vacancy.clone(), 0);
            }
            Change::BringIn { vacancy } => {
                let v = changed.vacancies.iter_mut().find(|v| &v.id == vacancy)?;
                v.ring_fenced = true;
            }
            Change::AddPost { post } => {
                let order = changed
                    .vacancies
                    .iter()
                    .map(|v| v.advertised_order)
                    .max()
                    .map_or(0, |o| o.saturating_add(1));
                changed.vacancies.push(post.vacancy(order));
            }
        }
        Some((changed, policy, constraints))
    }

    /// The ids of the vacancy records the change alters or adds, when it alters nothing else
    /// (the policy, the people and every other vacancy stay as they are); `None` for a
    /// relaxation, which changes the policy, and for a withdrawal, which changes the round's
    /// constraints.
    ///
    /// ```
    /// use redeploy_whatif::{Change, NEW_POST_ID, Relaxation};
    ///
    /// # let scenario = redeploy_synth::generate(&redeploy_synth::SynthConfig { people: 20, posts: 40, ..Default::default() }).unwrap();
    /// let relax = Change::Relax { relaxation: Relaxation::Training };
    /// assert_eq!(relax.touched_vacancies(&scenario), None);
    /// let bring = Change::BringIn { vacancy: "V1".to_string() };
    /// assert_eq!(bring.touched_vacancies(&scenario), Some(vec!["V1".to_string()]));
    /// ```
    pub fn touched_vacancies(&self, scenario: &Scenario) -> Option<Vec<String>> {
        match self {
            Change::Relax { .. } | Change::Withdraw { .. } => None,
            Change::JoinRingFence { employer } => Some(
                scenario
                    .vacancies
                    .iter()
                    .filter(|v| &v.employer == employer && !v.ring_fenced)
                    .map(|v| v.id.clone())
                    .collect(),
            ),
            Change::BringIn { vacancy } => Some(vec![vacancy.clone()]),
            Change::AddPost { .. } => Some(vec![NEW_POST_ID.to_string()]),
        }
    }

    /// The change in words: the rule or record and the step.
    pub fn describe(&self, policy: &Policy) -> String {
        match self {
            Change::Relax { relaxation } => relaxation
                .step(policy)
                .unwrap_or_else(|| relaxation.field().to_string()),
            Change::JoinRingFence { employer } => {
                format!("{employer}: exempt vacancies join the ring-fence")
            }
            Change::Withdraw { vacancy } => format!("{vacancy} withdrawn"),
            Change::BringIn { vacancy } => format!("{vacancy} brought into the ring-fence"),
            Change::AddPost { post } => format!(
                "new band {} post at {} ({}), skill {}",
                post.band,
                post.employer,
                post.site,
                post.skill.as_deref().unwrap_or("none")
            ),
        }
    }
}

/// Every relaxation of `policy` on `scenario`: one step per hard-rule policy field that can be
/// relaxed, then, when the policy does not already block external recruitment, one change per
/// employer with exempt vacancies (by employer id).
pub fn relaxations(scenario: &Scenario, policy: &Policy) -> Vec<Change> {
    let mut changes: Vec<Change> = Relaxation::ALL
        .into_iter()
        .filter(|r| r.relax(policy).is_some())
        .map(|relaxation| Change::Relax { relaxation })
        .collect();
    if !policy.block_external_recruitment {
        let mut employers: Vec<&str> = scenario
            .vacancies
            .iter()
            .filter(|v| !v.ring_fenced)
            .map(|v| v.employer.as_str())
            .collect();
        employers.sort_unstable();
        employers.dedup();
        changes.extend(employers.into_iter().map(|e| Change::JoinRingFence {
            employer: e.to_string(),
        }));
    }
    changes
}
