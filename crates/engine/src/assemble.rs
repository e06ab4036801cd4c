//! Turning the round's decisions into its result records.
//!
//! This module owns the step from the pool (who is placed where) to [`Round`]: each placement
//! assessed again in words with its costs, each unplaced person explained and costed, volunteers
//! costed, unfilled places released. Records are sorted by person or vacancy id; unplaced people
//! are explained in parallel and collected in order.

use rayon::prelude::*;
use redeploy_model::TierMode;
use redeploy_model::{IxVec, PersonIx, VacancyIx};

use crate::eligibility::soft_costs;
use crate::explain::why_unplaced;
use crate::index::RoundIndex;
use crate::metrics::{MetricsInput, metrics};
use crate::reasons::placement_words;
use crate::round::{
    HeldVacancy, Placement, PlacementRoute, ReleasedVacancy, Round, SolveMetrics, Unplaced,
    VoluntaryLeaver,
};
use crate::slotting::SlottingOutcome;
use crate::table::EligibilityTable;
use crate::tiers::{Placed, Pool};
use crate::{excess_travel, salary_in_post};

/// People present in the round, in id order.
fn people_by_id(index: &RoundIndex<'_>) -> Vec<PersonIx> {
    let mut order: Vec<PersonIx> = index
        .people
        .ids()
        .filter(|&p| index.people[p].present)
        .collect();
    order.sort_unstable_by_key(|&p| index.people[p].id_rank);
    order
}

/// Builds the round result.
pub(crate) fn assemble(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    slotting: &SlottingOutcome,
    passes: &[SolveMetrics],
) -> Round {
    let scenario = index.scenario;
    let policy = index.policy;
    let order = people_by_id(index);

    let mut holders: IxVec<VacancyIx, Vec<PersonIx>> = IxVec::filled(&index.vacancies, Vec::new());
    for &person in &order {
        if let Some(placed) = pool.placed[person] {
            holders[placed.vacancy].push(person);
        }
    }

    let placements: Vec<Placement> = order
        .par_iter()
        .filter_map(|&person| pool.placed[person].map(|placed| placement(index, person, placed)))
        .collect();
    let unplaced: Vec<Unplaced> = order
        .par_iter()
        .filter(|&&p| index.people[p].in_matching && pool.placed[p].is_none())
        .map(|&person| {
            let record = index.ids.people[person];
            let entry = &index.people[person];
            Unplaced {
                person: record.id.clone(),
                employer: record.employer.clone(),
                band: record.band,
                statutory_priority: entry.priority,
                redundancy: entry.redundancy.clone(),
                why: why_unplaced(index, table, &holders, person),
            }
        })
        .collect();
    let voluntary_redundancy: Vec<VoluntaryLeaver> = order
        .iter()
        .filter(|&&p| !index.people[p].in_matching && index.people[p].present)
        .map(|&person| {
            let record = index.ids.people[person];
            VoluntaryLeaver {
                person: record.id.clone(),
                employer: record.employer.clone(),
                band: record.band,
                redundancy: index.people[person].redundancy.clone(),
            }
        })
        .collect();
    let released = released(index, pool);
    let held = held(index);

    let metrics = metrics(&MetricsInput {
        index,
        table,
        slotting,
        passes,
        placements: &placements,
        unplaced: &unplaced,
        voluntary_redundancy: &voluntary_redundancy,
        released: &released,
    });
    Round {
        scenario: scenario.name.clone(),
        round_date: scenario.round_date,
        policy: policy.name.clone(),
        rule: policy.rule,
        tier_mode: policy.tier_mode,
        tiers: policy.tiers.clone(),
        placements,
        unplaced,
        voluntary_redundancy,
        released,
        held,
        tie_break: crate::rules::tie_break_record(index),
        ranked_unsuitable: crate::rules::ranked_unsuitable(index, table),
        metrics,
    }
}

/// Vacancies on hold this round, by vacancy id.
fn held(index: &RoundIndex<'_>) -> Vec<HeldVacancy> {
    let mut held: Vec<(u32, HeldVacancy)> = index
        .vacancies
        .ids()
        .filter_map(|vacancy| {
            let reason = index.constraints.held(vacancy)?;
            if !index.constraints.in_round(vacancy) {
                return None;
            }
            let record = index.ids.vacancies[vacancy];
            Some((
                index.vacancies[vacancy].terms.id_rank,
                HeldVacancy {
                    vacancy: record.id.clone(),
                    employer: record.employer.clone(),
                    band: record.band,
                    posts: index.constraints.open_posts(vacancy),
                    reason: reason.to_string(),
                },
            ))
        })
        .collect();
    held.sort_unstable_by_key(|(rank, _)| *rank);
    held.into_iter().map(|(_, record)| record).collect()
}

/// Vacancies with places left, by vacancy id.
fn released(index: &RoundIndex<'_>, pool: &Pool) -> Vec<ReleasedVacancy> {
    let mut released: Vec<(u32, ReleasedVacancy)> = index
        .scenario
        .vacancies
        .iter()
        .zip(&pool.capacity)
        .zip(&index.vacancies)
        .filter(|((_, left), _)| **left > 0)
        .map(|((vacancy, &left), entry)| {
            let posts = index.constraints.capacity(entry.terms.vacancy);
            (
                entry.terms.id_rank,
                ReleasedVacancy {
                    vacancy: vacancy.id.clone(),
                    employer: vacancy.employer.clone(),
                    band: vacancy.band,
                    posts,
                    filled: posts - left,
                    unfilled: left,
                },
            )
        })
        .collect();
    released.sort_unstable_by_key(|(rank, _)| *rank);
    released.into_iter().map(|(_, record)| record).collect()
}

/// One placement with its words and costs.
fn placement(index: &RoundIndex<'_>, person: PersonIx, placed: Placed) -> Placement {
    let scenario = index.scenario;
    let policy = index.policy;
    let record = index.ids.people[person];
    let entry = &index.people[person];
    let post = index.ids.vacancies[placed.vacancy];
    let post_entry = &index.vacancies[placed.vacancy];
    // Every pair in the pool was found suitable (by the table, or when pinned); it is worded
    // here, not decided again.
    let (facts, mut reasons) = placement_words(index, person, placed.vacancy);
    let mut soft_costs = soft_costs(index, person, placed.vacancy, &facts);
    if policy.tier_mode == TierMode::Weighted && placed.route == PlacementRoute::Matched {
        soft_costs.tier_distance = u32::from(placed.tier);
    }
    let cost = soft_costs.weighted_total(&policy.weights);
    if placed.route == PlacementRoute::Pinned
        && let Some(pin) = index
            .constraints
            .pinned()
            .iter()
            .find(|pin| pin.person == person)
    {
        reasons.insert(0, format!("pinned before matching: {}", pin.reason));
    }
    if let Some(ground) = entry.priority
        && placed.route == PlacementRoute::Matched
        && policy.priority.statutory_first
        && index.associated(post_entry.terms.employer, entry.employer)
    {
        let at = if post_entry.terms.employer == entry.employer {
            "the person's own employer".to_string()
        } else {
            format!("associated employer {}", post.employer)
        };
        reasons.push(format!(
            "statutory priority applied at {at} ({}): {}",
            ground.as_str(),
            ground.law()
        ));
    }
    let rule = (placed.route == PlacementRoute::Matched).then_some(policy.rule);
    let route = placed.route;
    Placement {
        person: record.id.clone(),
        from_employer: record.employer.clone(),
        vacancy: post.id.clone(),
        to_employer: post.employer.clone(),
        tier: policy.tiers[usize::from(placed.tier).min(policy.tiers.len() - 1)],
        route,
        rule,
        statutory_priority: entry.priority,
        band_from: record.band,
        band_to: post.band,
        band_change: facts.band_steps,
        wte_from: record.wte,
        wte_to: post.wte,
        salary_from: record.salary,
        salary_to: salary_in_post(record, post.band, &scenario.pay_scale),
        travel_minutes: facts.journey_minutes,
        extra_travel_minutes: facts.site_minutes,
        travel_source: index.travel.source(entry.site, post_entry.terms.site),
        training_weeks: facts.training_weeks,
        pay_protection: soft_costs.pay_protection,
        excess_travel: excess_travel(facts.site_minutes, &policy.protection).expect(
            "a validated policy bounds excess travel below 2^59 pence for any u32 of minutes",
        ),
        redundancy_pay_avoided: entry.redundancy.amount,
        soft_costs,
        cost,
        reasons,
    }
}
