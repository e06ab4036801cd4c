//! The eligibility table: every candidate pair of a round assessed once, one row per person,
//! rows built in parallel.
//!
//! This module owns [`EligibilityTable`]. A row keeps the person's suitable vacancies (with the
//! first tier that may offer each and its weighted soft cost) and how many candidates were
//! looked at. Each candidate is screened with the first failing rule ending the work; the full
//! rule-by-rule picture is worked out later, only for the people who end unplaced
//! (`explain.rs`). Rows are computed independently with rayon and collected in person order, so
//! the table is the same on any number of threads.

use rayon::prelude::*;

use crate::eligibility::{RuleSet, screen, soft_costs};
use crate::index::{OutsideWindow, RoundIndex};

/// How many nearest misses an unplaced person's explanation shows.
pub(crate) const NEAREST_MISSES: usize = 3;

/// A suitable (person, post) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SuitablePair {
    pub vacancy: u32,
    /// Position in the policy's tier list of the first tier that may offer the post.
    pub level: u8,
    /// Weighted soft cost (without tier distance).
    pub cost: i64,
}

/// A post that was not suitable, with the rules it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NearMiss {
    pub vacancy: u32,
    pub failed: RuleSet,
}

/// One person's row of the table.
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonRow {
    /// Suitable vacancies, by vacancy position.
    pub suitable: Vec<SuitablePair>,
    /// Vacancies inside the band window that some tier could offer (screened).
    pub candidates: u32,
    /// Vacancies some tier could offer but outside the band window.
    pub outside_window: OutsideWindow,
}

/// Every person's row, in scenario order.
pub(crate) struct EligibilityTable {
    pub rows: Vec<PersonRow>,
}

impl EligibilityTable {
    /// Assesses every candidate pair of every person taking part in matching.
    pub fn build(index: &RoundIndex<'_>) -> EligibilityTable {
        let people = u32::try_from(index.people.len()).unwrap_or(u32::MAX);
        let rows = (0..people)
            .into_par_iter()
            .map(|person| {
                if index.people[person as usize].in_matching {
                    build_row(index, person)
                } else {
                    PersonRow::default()
                }
            })
            .collect();
        EligibilityTable { rows }
    }

    /// Number of suitable pairs in the table.
    pub fn suitable_pairs(&self) -> usize {
        self.rows.iter().map(|row| row.suitable.len()).sum()
    }
}

fn build_row(index: &RoundIndex<'_>, person: u32) -> PersonRow {
    let mut row = PersonRow::default();
    let weights = &index.policy.weights;
    row.outside_window = index.for_each_candidate(person, |vacancy| {
        let Some(level) = index.pair_level(person, vacancy) else {
            return;
        };
        row.candidates += 1;
        if let Some(facts) = screen(index, person, vacancy) {
            let cost = soft_costs(index, person, vacancy, &facts)
                .weighted_total(weights, redeploy_assign::MAX_COST);
            row.suitable.push(SuitablePair {
                vacancy,
                level,
                cost,
            });
        }
    });
    row.suitable.sort_unstable_by_key(|pair| pair.vacancy);
    row
}

/// Keeps the `NEAREST_MISSES` misses with the fewest failed rules, ties by vacancy id.
pub(crate) fn keep_if_near(index: &RoundIndex<'_>, nearest: &mut Vec<NearMiss>, miss: NearMiss) {
    let key = |m: &NearMiss| (m.failed.len(), index.vacancies[m.vacancy as usize].id_rank);
    let position = nearest.partition_point(|kept| key(kept) <= key(&miss));
    if position < NEAREST_MISSES {
        nearest.insert(position, miss);
        nearest.truncate(NEAREST_MISSES);
    }
}
