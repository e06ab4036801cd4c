//! Where a new post would help most: candidates and their shortlist.
//!
//! This module owns the hypothetical new posts `whatif` considers and how they are shortlisted
//! before the round is run with each. A candidate is a post of one place shaped on a group of
//! the baseline's unplaced people who share a band, employer, site and key skill (their first
//! skill by id): it takes that band, employer, site and skill, and the job family and hours of
//! the group's first person. The shortlist assesses each candidate with the engine's own rules
//! ([`redeploy_engine::Assessor`]) against the baseline's unplaced people at its employer, and
//! ranks candidates first by the largest redundancy pay among the people it suits (what placing
//! one of them would avoid), then by how many it suits. An unplaced person the post suits is an
//! augmenting path of length one in the baseline's assignment, worth at most that person's
//! redundancy (their row's dual value in the objective that counts placements first). Only the
//! shortlist is
//! confirmed, by running the round with the post added.

use std::collections::BTreeMap;

use rayon::prelude::*;
use redeploy_engine::{Assessor, Money, Round};
use redeploy_model::{Band, Policy, Scenario};

use crate::change::{Change, NewPost};
use crate::error::Error;

/// Whether a post of band `post` may be inside the band window of a person of band `person`
/// under `policy`, counting the reasonable-adjustment rise for everyone and one band of slack
/// each way (band 1 may count as band 2). Only a filter that spares the assessor pairs it would
/// refuse: the assessor decides.
///
/// ```
/// use redeploy_model::{Band, Policy};
/// use redeploy_whatif::may_be_in_window;
///
/// let policy = Policy::default();
/// assert!(may_be_in_window(&policy, Band::B5, Band::B4));
/// assert!(!may_be_in_window(&policy, Band::B6, Band::B2));
/// ```
pub fn may_be_in_window(policy: &Policy, person: Band, post: Band) -> bool {
    let steps = post.index() as i64 - person.index() as i64;
    let rise =
        i64::from(policy.sae.max_band_rise) + i64::from(policy.sae.reasonable_adjustment_band_rise);
    (-i64::from(policy.sae.max_band_drop) - 1..=rise + 1).contains(&steps)
}

/// Candidates per confirmed post: the shortlist holds this many times `top`.
pub const SHORTLIST_FACTOR: usize = 2;

/// Every candidate new post, one per (band, employer, site, key skill) of the unplaced people of
/// `base`, in that key's order.
pub fn new_post_candidates(scenario: &Scenario, base: &Round) -> Vec<NewPost> {
    let people: BTreeMap<&str, &redeploy_model::Person> =
        scenario.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut groups: BTreeMap<(Band, &str, &str, Option<&str>), NewPost> = BTreeMap::new();
    for u in &base.unplaced {
        let Some(p) = people.get(u.person.as_str()) else {
            continue;
        };
        let skill = p.skills.iter().map(String::as_str).min();
        groups
            .entry((p.band, p.employer.as_str(), p.site.as_str(), skill))
            .or_insert_with(|| NewPost {
                band: p.band,
                employer: p.employer.clone(),
                site: p.site.clone(),
                skill: skill.map(str::to_string),
                job_family: p.job_family.clone(),
                wte: p.wte,
            });
    }
    groups.into_values().collect()
}

/// The `SHORTLIST_FACTOR × top` candidates suitable for unplaced people at their employer (at
/// least one) whose largest redundancy pay is highest, then suitable for the most of them,
/// with that count; ties in the candidates' order.
///
/// # Errors
/// When the engine cannot index the scenario with the candidates added.
pub fn shortlist(
    scenario: &Scenario,
    policy: &Policy,
    base: &Round,
    candidates: Vec<NewPost>,
    top: usize,
) -> Result<Vec<(Change, usize)>, Error> {
    if candidates.is_empty() || top == 0 {
        return Ok(Vec::new());
    }
    let mut with_all = scenario.clone();
    let ids: Vec<String> = (0..candidates.len()).map(|i| format!("+new-{i}")).collect();
    for (post, id) in candidates.iter().zip(&ids) {
        let mut v = post.vacancy(u32::MAX);
        v.id.clone_from(id);
        with_all.vacancies.push(v);
    }
    let policy = policy.validate()?;
    let assessor = Assessor::new(&with_all, &policy)?;
    let people: BTreeMap<&str, &redeploy_model::Person> =
        scenario.people.iter().map(|p| (p.id.as_str(), p)).collect();
    // The unplaced people of each employer, in id order.
    let mut unplaced_at: BTreeMap<&str, Vec<(&str, Band, Money)>> = BTreeMap::new();
    for u in &base.unplaced {
        if let Some(p) = people.get(u.person.as_str()) {
            unplaced_at.entry(p.employer.as_str()).or_default().push((
                u.person.as_str(),
                p.band,
                u.redundancy.amount,
            ));
        }
    }
    // (candidate, people it suits, the largest redundancy pay among them)
    let mut scored: Vec<(usize, usize, Money)> = candidates
        .par_iter()
        .zip(ids.par_iter())
        .enumerate()
        .map(|(i, (post, id))| {
            let suited: Vec<Money> =
                unplaced_at
                    .get(post.employer.as_str())
                    .map_or(Vec::new(), |people| {
                        people
                            .iter()
                            .filter(|(_, band, _)| may_be_in_window(&policy, *band, post.band))
                            .filter(|(person, _, _)| {
                                assessor.assess(person, id).is_some_and(|a| a.is_suitable())
                            })
                            .map(|(_, _, pay)| *pay)
                            .collect()
                    });
            let best = suited.iter().copied().max().unwrap_or(Money::ZERO);
            (i, suited.len(), best)
        })
        .filter(|(_, n, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    scored.truncate(top.saturating_mul(SHORTLIST_FACTOR));
    Ok(scored
        .into_iter()
        .map(|(i, n, _)| {
            (
                Change::AddPost {
                    post: candidates[i].clone(),
                },
                n,
            )
        })
        .collect())
}
