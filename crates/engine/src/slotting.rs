//! Slotting-in: people whose job maps closely onto a post at their own employer are placed in it
//! before any competition.
//!
//! This module owns the slotting stage that runs before the matching tiers. A person is a slotting
//! candidate for a vacancy when all of these hold:
//!
//! - the vacancy is at the person's own employer, in the same band and the same job family;
//! - every hard SAE rule passes (the pair is suitable);
//! - the **job-content match** is at least `slotting.threshold`. The match is the share of the
//!   skills the post lists (essential, trainable and desirable, each counted once) that the person
//!   already holds; a post that lists no skills matches fully, since band and job family already
//!   agree.
//!
//! Each person is a candidate for their closest vacancy only: the highest match, then the lowest
//! soft cost, then the vacancy id. When a vacancy has no more candidates than places, they all
//! slot in. When it has more, nobody slots in and they go on to ring-fenced competition, which is
//! the normal matching of the first tier.

use redeploy_model::{PersonIx, VacancyIx};
use std::collections::BTreeMap;

use rayon::prelude::*;
use tracing::info;

use crate::eligibility::pair_facts;
use crate::index::{RoundIndex, count};
use crate::replay::SlottingReplay;
use crate::round::PlacementRoute;
use crate::table::EligibilityTable;
use crate::tiers::{Placed, Pool};

/// What slotting-in did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SlottingOutcome {
    /// People slotted in.
    pub slotted: u32,
    /// Vacancies with more candidates than places: (vacancy, candidates), by vacancy position.
    pub contested: Vec<(VacancyIx, u32)>,
}

/// A person's closest slotting vacancy: (vacancy, match, cost).
fn closest_match(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    person: PersonIx,
) -> Option<(VacancyIx, f64, i64)> {
    let entry = &index.people[person];
    if !entry.in_matching || pool.placed[person].is_some() || pool.frozen[person] {
        return None;
    }
    let band = index.band_window(person).band;
    let threshold = index.policy.slotting.threshold;
    let mut best: Option<(VacancyIx, f64, i64)> = None;
    for pair in &table.rows[person].suitable {
        let post = &index.vacancies[pair.vacancy].terms;
        if pool.capacity[pair.vacancy] == 0
            || post.employer != entry.employer
            || post.job_family != entry.job_family
            || post.band != band
        {
            continue;
        }
        let content = pair_facts(index, person, pair.vacancy).content_match();
        if content < threshold {
            continue;
        }
        let better = best.is_none_or(|(vacancy, best_content, best_cost)| {
            let key = (pair.cost, index.vacancies[pair.vacancy].terms.id_rank);
            let best_key = (best_cost, index.vacancies[vacancy].terms.id_rank);
            content > best_content || (content == best_content && key < best_key)
        });
        if better {
            best = Some((pair.vacancy, content, pair.cost));
        }
    }
    best
}

/// Slots people in where the policy enables it, updating the pool.
pub(crate) fn slot_in(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &mut Pool,
) -> SlottingOutcome {
    let mut outcome = SlottingOutcome::default();
    if !index.policy.slotting.enabled {
        return outcome;
    }
    let people = std::sync::Arc::clone(&pool.people);
    let shared: &Pool = pool;
    let choices: Vec<Option<(VacancyIx, f64, i64)>> = people
        .par_iter()
        .map(|&person| closest_match(index, table, shared, person))
        .collect();
    let mut candidates: BTreeMap<VacancyIx, Vec<PersonIx>> = BTreeMap::new();
    for (&person, choice) in people.iter().zip(&choices) {
        if let Some((vacancy, _, _)) = choice {
            pool.reached[*vacancy] = true;
            candidates.entry(*vacancy).or_default().push(person);
        }
    }
    let first_tier = 0;
    for (vacancy, people) in candidates {
        let count = count(people.len());
        if count > pool.capacity[vacancy] {
            outcome.contested.push((vacancy, count));
            continue;
        }
        for person in people {
            pool.place(
                person,
                Placed {
                    vacancy,
                    tier: first_tier,
                    route: PlacementRoute::Slotted,
                },
            );
            outcome.slotted += 1;
        }
    }
    info!(
        slotted = outcome.slotted,
        contested = outcome.contested.len(),
        "slotting-in"
    );
    outcome
}

/// Slotting-in for a rerun that changes only the vacancies of `replay.employer`: the people of
/// that employer slot in again, as [`slot_in`] would place them; everyone else the rerun decides
/// takes the recorded slotting-in (`SlottingReplay` says why that is exact). The outcome counts
/// the employer's people only.
pub(crate) fn slot_in_replayed(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &mut Pool,
    replay: SlottingReplay<'_>,
) -> SlottingOutcome {
    let people = std::sync::Arc::clone(&pool.people);
    pool.people = people
        .iter()
        .copied()
        .filter(|&person| index.people[person].employer == replay.employer)
        .collect();
    let outcome = slot_in(index, table, pool);
    pool.people = people;
    for &(person, placed) in replay.recorded {
        if index.people[person].employer != replay.employer && !pool.frozen[person] {
            pool.place(person, placed);
        }
    }
    outcome
}
