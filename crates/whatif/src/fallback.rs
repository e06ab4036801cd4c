//! Fallbacks: for each placement, the best suitable post still open.
//!
//! This module owns [`fallbacks`]: if a placement's trial period failed, which post that the
//! round left open (released with a place unfilled) would be the person's best suitable
//! alternative. A post counts when a tier of the policy could offer it to the person (their own
//! employer's or an associated employer's, or one open to at-risk staff in the scope of the
//! policy's widest tier) and the engine's rules find it suitable: exactly the person's suitable
//! pairs in the round's eligibility table ([`PreparedRound::suitable_posts`]), so nothing is
//! assessed again. The best is the lowest weighted soft cost, then the vacancy id. A property
//! test (`tests/fallbacks.rs`) checks every fallback against each open post assessed one by
//! one.

use std::collections::HashSet;

use rayon::prelude::*;
use redeploy_engine::{PreparedRound, Round};
use serde::Serialize;

use crate::error::Error;

/// One placement's fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    /// Person id.
    pub person: String,
    /// The vacancy they are placed in.
    pub placed_in: String,
    /// The best suitable post still open (`None`: none is).
    pub fallback: Option<String>,
    /// Its weighted soft cost.
    pub cost: Option<i64>,
}

/// The fallback of every placement of `base`, the round `prepared` decided, by person id.
/// People are read in parallel and collected in person order, so the result is the same on any
/// number of threads.
///
/// ```
/// use redeploy_engine::{Constraints, PreparedRound};
/// use redeploy_synth::{SynthConfig, generate};
/// use redeploy_whatif::fallbacks;
///
/// let scenario = generate(&SynthConfig { people: 30, posts: 40, seed: 3, ..SynthConfig::default() })?;
/// let policy = scenario.policy.validate()?;
/// let none = Constraints::default();
/// let prepared = PreparedRound::new(&scenario, &policy, &none)?;
/// let base = prepared.round();
/// let found = fallbacks(&prepared, &base)?;
/// assert_eq!(found.len(), base.placements.len());
/// for f in found.iter().filter(|f| f.fallback.is_some()) {
///     assert_ne!(f.fallback.as_ref(), Some(&f.placed_in));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Engine`] when a placed person is not in the prepared round's scenario (`base` is
/// another round's).
pub fn fallbacks(prepared: &PreparedRound<'_>, base: &Round) -> Result<Vec<Fallback>, Error> {
    let open: HashSet<&str> = base
        .released
        .iter()
        .filter(|r| r.unfilled > 0)
        .map(|r| r.vacancy.as_str())
        .collect();
    let mut placements: Vec<_> = base.placements.iter().collect();
    placements.sort_by(|a, b| a.person.cmp(&b.person));
    placements
        .par_iter()
        .map(|p| {
            let suitable = prepared.suitable_posts(&p.person).ok_or_else(|| {
                Error::Engine(redeploy_engine::Error::Inconsistent(format!(
                    "placed person `{}` is not in the round's scenario",
                    p.person
                )))
            })?;
            let best = suitable
                .filter(|&(v, _)| v != p.vacancy && open.contains(v))
                .map(|(v, cost)| (cost, v))
                .min();
            Ok(Fallback {
                person: p.person.clone(),
                placed_in: p.vacancy.clone(),
                fallback: best.map(|(_, v)| v.to_string()),
                cost: best.map(|(c, _)| c),
            })
        })
        .collect()
}
