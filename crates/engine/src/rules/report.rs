//! What a round records about its rankings: the tie-breaking used, and every ranked pair that
//! failed a hard rule (an explicit ranking never makes an unsuitable pair suitable).

use redeploy_model::{Ix, Lottery, PersonIx, SerialOrder, VacancyIx};
use serde::Serialize;

use crate::eligibility::Failure;
use crate::index::RoundIndex;
use crate::reasons::assess;
use crate::table::EligibilityTable;

/// The tie-breaking a round used, so a lottery's draw can be repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieBreakRecord {
    /// The lottery (`none`, `single`, `multiple`).
    pub lottery: Lottery,
    /// Its seed.
    pub seed: u32,
    /// How the draws are made.
    pub draws: &'static str,
    /// The serial dictatorship's order (`seniority`, `given`, `lottery`).
    pub serial_order: SerialOrder,
}

/// A pair one side ranked that fails a hard rule, so no rule may place it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankedUnsuitable {
    /// Who ranked the pair: `person` or `vacancy`.
    pub ranked_by: &'static str,
    /// Person id.
    pub person: String,
    /// Vacancy id.
    pub vacancy: String,
    /// The place the ranking gave (1 = first).
    pub rank: u32,
    /// Every hard rule the pair fails.
    pub failures: Vec<Failure>,
}

pub(crate) fn tie_break_record(index: &RoundIndex<'_>) -> TieBreakRecord {
    let tie_break = &index.policy.ranking;
    TieBreakRecord {
        lottery: tie_break.lottery,
        seed: tie_break.seed,
        draws: match tie_break.lottery {
            Lottery::None => "no lottery: ties fall to the derived order",
            Lottery::Single => {
                "single: person p's number is splitmix64 over (seed, \"posts\", p), a post's number is splitmix64 over (seed, \"people\", post); lower wins"
            }
            Lottery::Multiple => {
                "multiple: post v's number for person p is splitmix64 over (seed, v, p), p's number for v over (seed, p, v); lower wins"
            }
        },
        serial_order: tie_break.serial_order,
    }
}

/// Every pair a person or a vacancy ranked that is not suitable, by person id then vacancy id.
pub(crate) fn ranked_unsuitable(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
) -> Vec<RankedUnsuitable> {
    let scenario = index.scenario;
    let suitable = |person: PersonIx, vacancy: VacancyIx| {
        table.rows[person]
            .suitable
            .binary_search_by_key(&vacancy, |pair| pair.vacancy)
            .is_ok()
    };
    let mut found = Vec::new();
    let mut push = |ranked_by, person: PersonIx, vacancy: VacancyIx, place: u32| {
        if !index.people[person].in_matching || suitable(person, vacancy) {
            return;
        }
        let failures = match assess(index, person, vacancy) {
            crate::Assessment::NotSuitable { failures } => failures,
            crate::Assessment::Suitable { .. } => Vec::new(),
        };
        found.push(RankedUnsuitable {
            ranked_by,
            person: scenario.people[person.position()].id.clone(),
            vacancy: scenario.vacancies[vacancy.position()].id.clone(),
            rank: place + 1,
            failures,
        });
    };
    for (person, entry) in index.people.iter_ids() {
        for &(vacancy, place) in &entry.ranked {
            push("person", person, vacancy, place);
        }
    }
    for vacancy in index.vacancies.ids() {
        for (person, place) in index.rankings.vacancy_ranked(vacancy) {
            push("vacancy", person, vacancy, place);
        }
    }
    found.sort_by(|a, b| {
        (&a.person, &a.vacancy, a.ranked_by).cmp(&(&b.person, &b.vacancy, b.ranked_by))
    });
    found
}
