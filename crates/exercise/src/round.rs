//! Running a round on the pool.
//!
//! This module hands the pool's [`Constraints`] to the engine
//! ([`redeploy_engine::run_round_constrained`]), which decides each in its one place (absent
//! people leave the pool, open and held posts set capacity, excluded pairs fail
//! `Rule::Excluded`, pinned pairs are placed first), and turns the round's placements into
//! proposals.

use redeploy_engine::{Constraints, PlacementRoute, Round};
use redeploy_model::{Policy, Scenario};

use crate::Error;
use crate::event::Proposal;

/// The round on `scenario` under `policy` with constraints `c`, and its proposals in person id
/// order (a pinned pair's tier is `pinned`).
///
/// # Errors
/// [`Error::Round`] when the engine cannot run the round (a pinned pair that fails a hard
/// rule, named with the rules it fails).
pub fn run(
    scenario: &Scenario,
    policy: &Policy,
    c: &Constraints,
) -> Result<(Round, Vec<Proposal>), Error> {
    let round = redeploy_engine::run_round_constrained(scenario, &policy.validate()?, c)?;
    let mut proposals: Vec<Proposal> = round
        .placements
        .iter()
        .map(|placement| Proposal {
            person: placement.person.clone(),
            vacancy: placement.vacancy.clone(),
            tier: match placement.route {
                PlacementRoute::Pinned => "pinned".to_string(),
                _ => placement.tier.as_str().to_string(),
            },
            priority: placement.statutory_priority.is_some(),
        })
        .collect();
    proposals.sort_by(|a, b| a.person.cmp(&b.person));
    Ok((round, proposals))
}
