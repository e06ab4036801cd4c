//! Running a round on the pool.
//!
//! This module hands the pool's constraints to the engine and turns the round's placements into
//! proposals. Until the engine takes constraints itself, the scenario is narrowed to the pool
//! here: absent people and held or filled vacancies are removed, open posts reduce each
//! vacancy's posts, pinned pairs are placed first (their posts and people taken out), and a
//! placement on an excluded pair is dropped (that person gets no proposal this round).

use std::collections::BTreeSet;

use redeploy_engine::Round;
use redeploy_model::{Policy, Scenario};

use crate::Error;
use crate::event::Proposal;
use crate::pool::RoundConstraints;
use crate::roster::Roster;

/// The round on `scenario` under `policy` with constraints `c`, and its proposals in person id
/// order.
///
/// # Errors
/// [`Error::Round`] when the engine cannot run the round.
pub fn run(
    scenario: &Scenario,
    policy: &Policy,
    c: &RoundConstraints,
    roster: &Roster,
) -> Result<(Round, Vec<Proposal>), Error> {
    let mut narrowed = scenario.clone();
    let pinned_people: BTreeSet<&str> = c.pinned.keys().map(|(p, _)| p.as_str()).collect();
    narrowed
        .people
        .retain(|p| !c.absent.contains_key(&p.id) && !pinned_people.contains(p.id.as_str()));
    for vacancy in &mut narrowed.vacancies {
        let open = c
            .open_posts
            .get(&vacancy.id)
            .copied()
            .unwrap_or(vacancy.posts);
        let pins = c.pinned.keys().filter(|(_, v)| *v == vacancy.id).count();
        vacancy.posts = open.saturating_sub(u32::try_from(pins).unwrap_or(u32::MAX));
    }
    narrowed
        .vacancies
        .retain(|v| v.posts > 0 && !c.held.contains_key(&v.id));
    let round = redeploy_engine::run_round(&narrowed, policy)?;
    let date = scenario.round_date;
    let priority = |person: &str| {
        roster
            .people
            .get(person)
            .is_some_and(|f| f.has_priority(date))
    };
    let mut proposals: Vec<Proposal> = c
        .pinned
        .keys()
        .map(|(person, vacancy)| Proposal {
            person: person.clone(),
            vacancy: vacancy.clone(),
            tier: "pinned".to_string(),
            priority: priority(person),
        })
        .collect();
    for placement in &round.placements {
        let pair = (placement.person.clone(), placement.vacancy.clone());
        if c.excluded.contains_key(&pair) {
            continue;
        }
        proposals.push(Proposal {
            person: placement.person.clone(),
            vacancy: placement.vacancy.clone(),
            tier: placement.tier.as_str().to_string(),
            priority: placement.statutory_priority.is_some(),
        });
    }
    proposals.sort_by(|a, b| a.person.cmp(&b.person));
    Ok((round, proposals))
}
