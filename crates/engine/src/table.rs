//! The eligibility table: every candidate pair of a round assessed once, one row per person,
//! rows built in parallel.
//!
//! This module owns [`EligibilityTable`]. A row keeps the person's suitable vacancies (with the
//! first tier that may offer each and its weighted soft cost), how many candidates were looked
//! at, and what explaining the person needs should they end unplaced: per rule, how many
//! candidates fail it and how many fail it alone, and the nearest misses. Every candidate is
//! assessed against every rule, with a [`PersonView`] built once per row, by the screen
//! (`screen.rs`, each rule decided once per group of posts sharing its answer), or pair by pair
//! ([`pairwise_row`]) for a person with excluded pairs; so an unplaced person's explanation
//! (`explain.rs`) reads the row instead of assessing the candidates again.
//! Rows are computed independently with rayon, in the screen's order (`screen::screen_order`),
//! and put in person order; nothing kept depends on the order people or candidates are visited
//! in (a worker's cache holds answers that are the same for every person it serves), so the
//! table is the same on any number of threads.

use rayon::prelude::*;
use redeploy_model::{Ix, IxVec, PersonIx, VacancyIx};

use crate::candidates::OutsideWindow;
use crate::eligibility::{Rule, RuleSet, soft_costs};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::person_view::PersonView;
use crate::posts::PostTerms;
use crate::screen::{ScreenCache, screen_order, screen_row};

/// Number of hard rules.
pub(crate) const RULES: usize = Rule::ALL.len();

/// How many nearest misses an unplaced person's explanation shows.
pub(crate) const NEAREST_MISSES: usize = 3;

/// A suitable (person, post) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SuitablePair {
    pub vacancy: VacancyIx,
    /// Position in the policy's tier list of the first tier that may offer the post.
    pub level: u8,
    /// Weighted soft cost (without tier distance).
    pub cost: i64,
}

/// A post that was not suitable, with the rules it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct NearMiss {
    pub vacancy: VacancyIx,
    pub failed: RuleSet,
}

/// The `NEAREST_MISSES` misses with the fewest failed rules, ties by vacancy id, whatever order
/// they are offered in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NearestMisses {
    /// `(failed rules, vacancy id rank, miss)`, best first; the first `len` are kept.
    kept: [(u32, u32, NearMiss); NEAREST_MISSES],
    len: usize,
}

impl NearestMisses {
    /// Keeps the miss at `post` if it is among the nearest so far.
    pub fn offer(&mut self, post: &PostTerms, failed: RuleSet) {
        let miss = NearMiss {
            vacancy: post.vacancy,
            failed,
        };
        let key = (failed.len(), post.id_rank);
        if self.len == NEAREST_MISSES {
            let (len, rank, _) = self.kept[NEAREST_MISSES - 1];
            if key >= (len, rank) {
                return;
            }
        }
        let kept = &mut self.kept[..self.len];
        let position = kept.partition_point(|&(len, rank, _)| (len, rank) <= key);
        if position == NEAREST_MISSES {
            return;
        }
        if self.len < NEAREST_MISSES {
            self.len += 1;
        }
        let kept = &mut self.kept[..self.len];
        kept[position..].rotate_right(1);
        kept[position] = (key.0, key.1, miss);
    }

    /// Whether a miss at `post` failing at least `fails` rules could still be kept: false when
    /// the list is full of misses nearer than any such miss.
    #[inline]
    pub fn could_keep(&self, fails: u32, post: &PostTerms) -> bool {
        self.len < NEAREST_MISSES || {
            let (len, rank, _) = self.kept[NEAREST_MISSES - 1];
            (fails, post.id_rank) < (len, rank)
        }
    }

    /// The most rules a miss may fail and still be kept, when the list is full: a larger one
    /// need not be assessed further.
    pub fn bound(&self) -> u32 {
        if self.len == NEAREST_MISSES {
            self.kept[NEAREST_MISSES - 1].0
        } else {
            u32::MAX
        }
    }

    /// The kept misses, nearest first.
    pub fn iter(&self) -> impl Iterator<Item = NearMiss> + '_ {
        self.kept[..self.len].iter().map(|(_, _, miss)| *miss)
    }
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
    /// Per rule, in [`Rule::ALL`] order: candidates that fail it.
    pub excluded: [u32; RULES],
    /// Per rule: candidates that fail it and no other rule.
    pub excluded_alone: [u32; RULES],
    /// The candidates that failed the fewest rules.
    pub nearest: NearestMisses,
}

/// Every person's row, in scenario order.
pub(crate) struct EligibilityTable {
    pub rows: IxVec<PersonIx, PersonRow>,
}

impl EligibilityTable {
    /// Assesses every candidate pair of every person taking part in matching: by the screen
    /// (`screen.rs`), or pair by pair for a person with excluded pairs.
    pub fn build(index: &RoundIndex<'_>) -> Result<EligibilityTable, Error> {
        Self::build_for(index, |_| true)
    }

    /// Assesses the candidate pairs of the people `wanted` selects (taking part in matching):
    /// by the screen, or pair by pair for a person with excluded pairs; every other row is left
    /// empty, for a round that decides those people only (`rerun.rs`).
    pub fn build_for(
        index: &RoundIndex<'_>,
        wanted: impl Fn(PersonIx) -> bool + Sync,
    ) -> Result<EligibilityTable, Error> {
        Self::build_rows(index, wanted, |cache, view, person| {
            if view.has_exclusions() {
                pairwise_row(index, view, person)
            } else {
                screen_row(index, view, person, cache)
            }
        })
    }

    /// [`EligibilityTable::build`] with every pair checked one by one: the same table (the
    /// screen's property test checks it row by row), kept as the reference to measure against.
    pub fn build_pair_by_pair(index: &RoundIndex<'_>) -> Result<EligibilityTable, Error> {
        Self::build_rows(
            index,
            |_| true,
            |_, view, person| pairwise_row(index, view, person),
        )
    }

    /// The rows of the people `wanted` selects, built in parallel by `row` for those taking
    /// part in matching, in the screen's order ([`screen_order`]), each worker with its own
    /// [`ScreenCache`]; every other row is empty.
    fn build_rows<'i>(
        index: &'i RoundIndex<'_>,
        wanted: impl Fn(PersonIx) -> bool + Sync,
        row: impl Fn(&mut ScreenCache<'i>, &PersonView<'i, '_>, PersonIx) -> PersonRow + Sync,
    ) -> Result<EligibilityTable, Error> {
        let mut people: Vec<PersonIx> = index
            .people
            .ids()
            .filter(|&person| index.people[person].in_matching && wanted(person))
            .collect();
        screen_order(index, &mut people);
        let built: Vec<PersonRow> = people
            .par_iter()
            .map_init(
                || ScreenCache::new(index),
                |cache, &person| row(cache, &PersonView::new(index, person), person),
            )
            .collect();
        let mut rows: Vec<PersonRow> = index.people.ids().map(|_| PersonRow::default()).collect();
        for (person, built) in people.into_iter().zip(built) {
            rows[person.position()] = built;
        }
        Ok(EligibilityTable {
            rows: IxVec::new(rows).map_err(Error::Scenario)?,
        })
    }

    /// Number of suitable pairs in the table.
    pub fn suitable_pairs(&self) -> usize {
        self.rows.iter().map(|row| row.suitable.len()).sum()
    }
}

/// The row of `person`, every candidate pair checked with [`PersonView::check`] one by one.
pub(crate) fn pairwise_row(
    index: &RoundIndex<'_>,
    view: &PersonView<'_, '_>,
    person: PersonIx,
) -> PersonRow {
    let mut row = PersonRow::default();
    let weights = &index.policy.weights;
    row.outside_window = index.for_each_candidate(person, |post, level| {
        let vacancy = post.vacancy;
        row.candidates += 1;
        let failed = view.check(post);
        if failed.is_empty() {
            let facts = view.facts_of(post);
            let cost = soft_costs(index, person, vacancy, &facts).weighted_total(weights);
            row.suitable.push(SuitablePair {
                vacancy,
                level,
                cost,
            });
            return;
        }
        let alone = u32::from(failed.len() == 1);
        for rule in failed.positions() {
            row.excluded[rule] += 1;
            row.excluded_alone[rule] += alone;
        }
        if failed.len() <= row.nearest.bound() {
            row.nearest.offer(post, failed);
        }
    });
    row.suitable.sort_unstable_by_key(|pair| pair.vacancy);
    row
}
