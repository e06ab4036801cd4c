//! Fallbacks: for each placement, the best suitable post still open.
//!
//! This module owns [`fallbacks`]: if a placement's trial period failed, which post that the
//! round left open (released with a place unfilled) would be the person's best suitable
//! alternative. A post counts when a tier of the policy could offer it to the person (their own
//! employer's, or a ring-fenced one in the scope of the policy's widest tier) and the engine's
//! rules find it suitable; the best is the lowest weighted soft cost, then the vacancy id.

use std::collections::BTreeMap;

use rayon::prelude::*;
use redeploy_engine::{Assessment, Assessor, Round};
use redeploy_model::{Policy, Scenario, Tier};
use serde::Serialize;

use crate::error::Error;
use crate::new_post::may_be_in_window;

/// One placement's fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    /// Person id.
    pub person: String,
    /// The vacancy they are placed in.
    pub placed_in: String,
    /// The best suitable post still open (`None`: none is).
    pub fallback: Option<String>,
    /// Its weighted soft cost.
    pub cost: Option<i64>,
}

/// The fallback of every placement of `base`, by person id.
///
/// # Errors
/// When the engine cannot index the scenario.
pub fn fallbacks(
    scenario: &Scenario,
    policy: &Policy,
    base: &Round,
) -> Result<Vec<Fallback>, Error> {
    let policy = policy.validate()?;
    let assessor = Assessor::new(scenario, &policy)?;
    let footprint_of: BTreeMap<&str, &str> = scenario
        .employers
        .iter()
        .map(|e| (e.id.as_str(), e.footprint.as_str()))
        .collect();
    let region_of: BTreeMap<&str, &str> = scenario
        .footprints
        .iter()
        .map(|f| (f.id.as_str(), f.region.as_str()))
        .collect();
    let widest = policy.tiers.iter().copied().max().unwrap_or(Tier::Employer);
    let vacancies: BTreeMap<&str, &redeploy_model::Vacancy> = scenario
        .vacancies
        .iter()
        .map(|v| (v.id.as_str(), v))
        .collect();
    let open: Vec<&redeploy_model::Vacancy> = base
        .released
        .iter()
        .filter(|r| r.unfilled > 0)
        .filter_map(|r| vacancies.get(r.vacancy.as_str()).copied())
        .collect();
    let scope = |employer: &str| -> Option<&str> {
        match widest {
            Tier::Employer => None,
            Tier::Footprint => footprint_of.get(employer).copied(),
            Tier::Region => footprint_of
                .get(employer)
                .and_then(|f| region_of.get(f).copied()),
        }
    };
    // The open posts a tier could offer each person: their own employer's, and the ring-fenced
    // ones (every one when external recruitment is held) of other employers in the scope of
    // the widest tier. Grouped once, so each placement reads only its own groups.
    let mut own: BTreeMap<&str, Vec<&redeploy_model::Vacancy>> = BTreeMap::new();
    let mut shared: BTreeMap<&str, Vec<&redeploy_model::Vacancy>> = BTreeMap::new();
    for v in &open {
        own.entry(v.employer.as_str()).or_default().push(v);
        if (v.ring_fenced || policy.block_external_recruitment)
            && let Some(s) = scope(&v.employer)
        {
            shared.entry(s).or_default().push(v);
        }
    }
    let mut placements: Vec<_> = base.placements.iter().collect();
    placements.sort_by(|a, b| a.person.cmp(&b.person));
    Ok(placements
        .par_iter()
        .map(|p| {
            let from = p.from_employer.as_str();
            let at_own = own.get(from).into_iter().flatten();
            let elsewhere = scope(from)
                .and_then(|s| shared.get(s))
                .into_iter()
                .flatten()
                .filter(|v| v.employer != from);
            let best = at_own
                .chain(elsewhere)
                .filter(|v| v.id != p.vacancy && may_be_in_window(&policy, p.band_from, v.band))
                .filter_map(|v| match assessor.assess(&p.person, &v.id)? {
                    Assessment::Suitable { cost, .. } => Some((cost, v.id.as_str())),
                    Assessment::NotSuitable { .. } => None,
                })
                .min();
            Fallback {
                person: p.person.clone(),
                placed_in: p.vacancy.clone(),
                fallback: best.map(|(_, v)| v.to_string()),
                cost: best.map(|(c, _)| c),
            }
        })
        .collect())
}
