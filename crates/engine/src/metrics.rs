//! The round's counts and costs.
//!
//! This module owns [`Metrics`]: totals over the round's records, per tier and
//! per employer. Every figure is a sum over records already in the round, so the metrics can be
//! checked against the lists they summarise.

use redeploy_model::VacancyIx;
use std::collections::HashMap;

use crate::Money;
use crate::index::{RoundIndex, count};
use crate::round::{
    EmployerMetrics, Metrics, Placement, PlacementRoute, ReleasedVacancy, SolveMetrics,
    TierMetrics, Unplaced, VoluntaryLeaver,
};
use crate::rules::{Measures, Stability};
use crate::slotting::SlottingOutcome;
use crate::table::EligibilityTable;

/// What the metrics are computed from.
pub(crate) struct MetricsInput<'a, 's> {
    pub index: &'a RoundIndex<'s>,
    pub table: &'a EligibilityTable,
    pub slotting: &'a SlottingOutcome,
    pub passes: &'a [SolveMetrics],
    pub placements: &'a [Placement],
    pub unplaced: &'a [Unplaced],
    pub voluntary_redundancy: &'a [VoluntaryLeaver],
    pub released: &'a [ReleasedVacancy],
}

/// Every vacancy.
fn vacancy_positions(index: &RoundIndex<'_>) -> impl Iterator<Item = VacancyIx> + use<> {
    index.vacancies.ids()
}

pub(crate) fn metrics(input: &MetricsInput<'_, '_>) -> Metrics {
    let index = input.index;
    let placements = input.placements;
    let redundancy_cost_avoided: Money = placements.iter().map(|p| p.redundancy_pay_avoided).sum();
    let pay_protection_cost: Money = placements.iter().map(|p| p.pay_protection).sum();
    let excess_travel_cost: Money = placements.iter().map(|p| p.excess_travel).sum();
    let posts: u32 = vacancy_positions(index)
        .map(|v| index.constraints.capacity(v))
        .sum();
    let posts_released: u32 = input.released.iter().map(|r| r.unfilled).sum();
    let mut stability = Stability::default();
    let mut measures = Measures::default();
    for pass in input.passes {
        stability += pass.stability;
        measures.merge(&pass.measures);
    }
    Metrics {
        people_at_risk: count(index.people.iter().filter(|p| p.present).count()),
        volunteers_leaving: count(input.voluntary_redundancy.len()),
        in_matching: count(index.people.iter().filter(|p| p.in_matching).count()),
        with_priority: count(
            index
                .people
                .iter()
                .filter(|p| p.in_matching && p.priority.is_some())
                .count(),
        ),
        placed: count(placements.len()),
        slotted: input.slotting.slotted,
        placed_with_priority: count(
            placements
                .iter()
                .filter(|p| p.statutory_priority.is_some())
                .count(),
        ),
        unplaced: count(input.unplaced.len()),
        unplaced_with_priority: count(
            input
                .unplaced
                .iter()
                .filter(|u| u.statutory_priority.is_some())
                .count(),
        ),
        downgraded: count(placements.iter().filter(|p| p.band_change < 0).count()),
        posts,
        posts_filled: posts - posts_released,
        posts_released,
        contested_at_slotting: count(input.slotting.contested.len()),
        eligible_pairs: input.table.suitable_pairs() as u64,
        redundancies_avoided: count(placements.len()),
        redundancy_cost_avoided,
        residual_liability: input.unplaced.iter().map(|u| u.redundancy.amount).sum(),
        voluntary_redundancy_cost: input
            .voluntary_redundancy
            .iter()
            .map(|v| v.redundancy.amount)
            .sum(),
        pay_protection_cost,
        excess_travel_cost,
        net_saving: redundancy_cost_avoided - pay_protection_cost - excess_travel_cost,
        stability,
        measures,
        by_tier: by_tier(input),
        solves: input.passes.to_vec(),
        by_employer: by_employer(input),
    }
}

fn by_tier(input: &MetricsInput<'_, '_>) -> Vec<TierMetrics> {
    input
        .index
        .policy
        .tiers
        .iter()
        .map(|&tier| {
            let placed: Vec<&Placement> =
                input.placements.iter().filter(|p| p.tier == tier).collect();
            let counted =
                |keep: fn(&Placement) -> bool| count(placed.iter().filter(|p| keep(p)).count());
            TierMetrics {
                tier,
                placed: count(placed.len()),
                slotted: counted(|p| p.route == PlacementRoute::Slotted),
                placed_with_priority: counted(|p| p.statutory_priority.is_some()),
                placed_at_other_employers: counted(|p| p.from_employer != p.to_employer),
            }
        })
        .collect()
}

fn by_employer(input: &MetricsInput<'_, '_>) -> Vec<EmployerMetrics> {
    let scenario = input.index.scenario;
    let mut rows: Vec<EmployerMetrics> = scenario
        .employers
        .iter()
        .map(|employer| EmployerMetrics {
            employer: employer.id.clone(),
            people_at_risk: 0,
            volunteers_leaving: 0,
            placed_here: 0,
            placed_elsewhere: 0,
            unplaced: 0,
            posts: 0,
            posts_filled: 0,
            filled_from_elsewhere: 0,
            redundancy_cost_avoided: Money::ZERO,
            residual_liability: Money::ZERO,
        })
        .collect();
    let position: HashMap<&str, usize> = scenario
        .employers
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let row = |id: &str| position.get(id).copied();
    for (person, entry) in scenario.people.iter().zip(&input.index.people) {
        if !entry.present {
            continue;
        }
        if let Some(i) = row(&person.employer) {
            rows[i].people_at_risk += 1;
        }
    }
    for leaver in input.voluntary_redundancy {
        if let Some(i) = row(&leaver.employer) {
            rows[i].volunteers_leaving += 1;
        }
    }
    for placement in input.placements {
        if let Some(i) = row(&placement.from_employer) {
            if placement.from_employer == placement.to_employer {
                rows[i].placed_here += 1;
            } else {
                rows[i].placed_elsewhere += 1;
            }
            rows[i].redundancy_cost_avoided += placement.redundancy_pay_avoided;
        }
        if let Some(i) = row(&placement.to_employer) {
            rows[i].posts_filled += 1;
            if placement.from_employer != placement.to_employer {
                rows[i].filled_from_elsewhere += 1;
            }
        }
    }
    for unplaced in input.unplaced {
        if let Some(i) = row(&unplaced.employer) {
            rows[i].unplaced += 1;
            rows[i].residual_liability += unplaced.redundancy.amount;
        }
    }
    for (vacancy, position) in scenario
        .vacancies
        .iter()
        .zip(vacancy_positions(input.index))
    {
        if let Some(i) = row(&vacancy.employer) {
            rows[i].posts += input.index.constraints.capacity(position);
        }
    }
    rows
}
