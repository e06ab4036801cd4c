//! Where a new post would help most: candidates and their shortlist.
//!
//! This module owns the hypothetical new posts `whatif` considers and how they are shortlisted
//! before the round is run with each. A candidate is a post of one place shaped on a group of
//! people who share a band, employer, site and key skill (their first skill by id): it takes
//! that band, employer, site and skill, and the job family and hours of the group's first
//! person. The groups are of the people a new post could help, by the round's dual view
//! ([`redeploy_engine::DualView`]): the unplaced, and the people placed in the last pass whose
//! move to a new post would free theirs, along an alternating path, for an unplaced person.
//!
//! The shortlist scores each candidate by that view ([`NewPostScore`]), over the people in
//! matching of its scope unit for whom it is suitable (the engine's own rules,
//! [`redeploy_engine::Assessor`], and a tier of the policy that may offer it): first the
//! placements it may add (1 when one of them is unplaced, or placed and reached by an
//! alternating path from an unplaced person, else 0); then the redundancy pay it would avoid
//! (that of the unplaced person the cheapest such path places, by the pass's potentials: the one
//! the round places under one priority class, up to ties); then the most redundancy pay it could
//! avoid (the highest among the unplaced people it could let the round place); then the rest of
//! the cost side (the most the pass's weighted cost could fall with the same people placed,
//! `u - c`); then how many it suits.
//!
//! With the `optimal` rule, no slotting-in and one pass per unit that nothing before it shapes
//! (see [`redeploy_engine::DualView`]'s module docs) the first term is exact: a candidate scored
//! 1 adds exactly one placement when the round is run with it, and one scored 0 adds none (a
//! property test checks this). With several tiers an earlier pass may change what the last one
//! sees, an employer step may change whom the last pass keeps to their own employer, and
//! slotting-in may take a post shaped on someone's own; then the score is only a shortlist. Either way only the shortlist is confirmed, by running the round with
//! the post added, and only confirmed figures are reported.

use std::collections::BTreeMap;

use rayon::prelude::*;
use redeploy_engine::{Assessor, DualView, Money, PersonDual};
use redeploy_model::{Band, Policy, Scenario};
use serde::Serialize;

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

/// What the dual view says of a candidate new post, best first in this field order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct NewPostScore {
    /// Placements it may add: 1 when it suits someone unplaced, or placed in the last pass and
    /// free to move without anyone losing a post; else 0.
    pub placements: u32,
    /// The redundancy pay of the unplaced person the cheapest alternating path through it
    /// places (the one the round places under one priority class, up to ties); the highest
    /// below when the pass has no potentials.
    pub redundancy_pay: Money,
    /// The highest redundancy pay among the unplaced people it could let the round place.
    pub most_redundancy_pay: Money,
    /// The most the last pass's weighted cost could fall with the same people placed (`u - c`
    /// for a person placed there with row potential `u` and the post at weighted cost `c`; in
    /// the `weighted` tier mode `c` leaves out the post's tier distance).
    pub cost_saving: i64,
    /// People in matching of its scope unit for whom it is suitable.
    pub suitable: usize,
}

impl NewPostScore {
    /// The order of the shortlist: larger is better.
    fn key(&self) -> (u32, Money, Money, i64, usize) {
        (
            self.placements,
            self.redundancy_pay,
            self.most_redundancy_pay,
            self.cost_saving,
            self.suitable,
        )
    }
}

/// Every candidate new post, one per (band, employer, site, key skill) of the people of `view`
/// a new post could help (unplaced, or placed and free to move for an unplaced person), in that
/// key's order.
pub fn new_post_candidates(scenario: &Scenario, view: &DualView) -> Vec<NewPost> {
    let people: BTreeMap<&str, &redeploy_model::Person> =
        scenario.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut groups: BTreeMap<(Band, &str, &str, Option<&str>), NewPost> = BTreeMap::new();
    for dual in view.people().filter(|d| d.frees.is_some()) {
        let Some(p) = people.get(dual.person.as_str()) else {
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

/// The `SHORTLIST_FACTOR × top` candidates with the best [`NewPostScore`] under the round's
/// dual `view`, each suitable for at least one person, with their scores; ties in the
/// candidates' order.
///
/// # Errors
/// When the engine cannot index the scenario with the candidates added.
pub fn shortlist(
    scenario: &Scenario,
    policy: &Policy,
    view: &DualView,
    candidates: Vec<NewPost>,
    top: usize,
) -> Result<Vec<(Change, NewPostScore)>, Error> {
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
    let bands: BTreeMap<&str, Band> = scenario
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.band))
        .collect();
    // For each candidate's employer, the people of its unit the view has something to say of,
    // with their bands.
    let mut around: BTreeMap<&str, Vec<(&PersonDual, Band)>> = BTreeMap::new();
    for post in &candidates {
        around.entry(post.employer.as_str()).or_insert_with(|| {
            view.around(&post.employer)
                .iter()
                .filter(|d| d.frees.is_some() || d.potential.is_some())
                .filter_map(|d| Some((d, *bands.get(d.person.as_str())?)))
                .collect()
        });
    }
    let mut scored: Vec<(usize, NewPostScore)> = candidates
        .par_iter()
        .zip(ids.par_iter())
        .enumerate()
        .map(|(i, (post, id))| {
            let people = around
                .get(post.employer.as_str())
                .map_or(&[][..], Vec::as_slice);
            (i, score(&assessor, &policy, people, post, id))
        })
        .filter(|(_, score)| score.suitable > 0)
        .collect();
    scored.sort_by(|a, b| b.1.key().cmp(&a.1.key()).then(a.0.cmp(&b.0)));
    scored.truncate(top.saturating_mul(SHORTLIST_FACTOR));
    Ok(scored
        .into_iter()
        .map(|(i, score)| {
            (
                Change::AddPost {
                    post: candidates[i].clone(),
                },
                score,
            )
        })
        .collect())
}

/// The score of the candidate `post`, added to the assessor's scenario as `id`, over the
/// `people` of its unit (with their bands).
fn score(
    assessor: &Assessor<'_>,
    policy: &Policy,
    people: &[(&PersonDual, Band)],
    post: &NewPost,
    id: &str,
) -> NewPostScore {
    let mut score = NewPostScore::default();
    // The cheapest way to add the placement: (cost, less pay first), and the pay.
    let mut cheapest: Option<((i64, std::cmp::Reverse<Money>), Money)> = None;
    for &(dual, band) in people {
        if !may_be_in_window(policy, band, post.band)
            || assessor.first_tier(&dual.person, id).is_none()
        {
            continue;
        }
        let Some(cost) = assessor.suitable_cost(&dual.person, id) else {
            continue;
        };
        score.suitable += 1;
        if let Some(freed) = &dual.frees {
            score.placements = 1;
            score.most_redundancy_pay = score.most_redundancy_pay.max(freed.redundancy);
        }
        if let Some(path) = &dual.cheapest {
            let pay = path.freed.redundancy;
            let key = (path.cost.saturating_add(cost), std::cmp::Reverse(pay));
            if cheapest.is_none_or(|(best, _)| key < best) {
                cheapest = Some((key, pay));
            }
        }
        if let (true, Some(u)) = (dual.placed, dual.potential) {
            score.cost_saving = score.cost_saving.max(u - cost);
        }
    }
    score.redundancy_pay = cheapest.map_or(score.most_redundancy_pay, |(_, pay)| pay);
    score
}
