//! The pool of a new round and the constraints the engine applies to it.
//!
//! This module owns the mapping from the exercise's state to a round's constraints
//! ([`constraints`]): who is absent from the pool and why (placed, left, holding an offer, in a
//! trial, contract ended), how many posts each vacancy still has open, which vacancies are on
//! hold, which pairs are excluded (refused, failed trials, excluded by HR) and which are pinned.
//! It is a pure function of the state and the date, tested on the constraints it produces.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::apply::describe;
use crate::state::State;

/// A round's constraints, by the scenario's ids (the engine's `Constraints`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundConstraints {
    /// People not in the pool, with why.
    pub absent: BTreeMap<String, String>,
    /// Posts still open per vacancy, where fewer than the vacancy's posts.
    pub open_posts: BTreeMap<String, u32>,
    /// Vacancies on hold, with the reason.
    pub held: BTreeMap<String, String>,
    /// Pairs never to be proposed, with the reason.
    pub excluded: BTreeMap<(String, String), String>,
    /// Pairs placed first, with the reason.
    pub pinned: BTreeMap<(String, String), String>,
}

/// The constraints of a round on `date` after the events that led to `state`.
///
/// The pool is everyone at risk or merely proposed (proposals lapse at a new round) whose
/// contract has not ended by `date`. Pins apply to people in the pool and posts open and not
/// held. Excluded pairs are kept for everyone in the pool.
pub fn constraints(state: &State, date: NaiveDate) -> RoundConstraints {
    let mut c = RoundConstraints::default();
    let mut in_pool = Vec::new();
    for (id, person) in &state.people {
        let ended = person.notice.filter(|n| date > n.contract_end);
        if !person.stage.in_pool() {
            c.absent.insert(id.clone(), describe(&person.stage));
        } else if let Some(notice) = ended {
            c.absent.insert(
                id.clone(),
                format!(
                    "contract ended on {}; offers are made before the contract ends",
                    notice.contract_end
                ),
            );
        } else {
            in_pool.push(id);
        }
    }
    for (id, vacancy) in &state.vacancies {
        let open = vacancy.open();
        if open != vacancy.posts {
            c.open_posts.insert(id.clone(), open);
        }
        if let Some(reason) = &vacancy.held {
            c.held.insert(id.clone(), reason.clone());
        }
    }
    for id in in_pool {
        for (vacancy, reason) in state.excluded.get(id).into_iter().flatten() {
            c.excluded
                .insert((id.clone(), vacancy.clone()), reason.clone());
        }
        for (vacancy, reason) in state.pinned.get(id).into_iter().flatten() {
            let open = state
                .vacancies
                .get(vacancy)
                .is_some_and(|v| v.open() > 0 && v.held.is_none());
            if open {
                c.pinned
                    .insert((id.clone(), vacancy.clone()), reason.clone());
            }
        }
    }
    c
}
