//! Per-round constraints: what an exercise knows that a scenario does not.
//!
//! This module owns [`Constraints`] (by external ids, as a caller gives them) and their
//! resolution against one scenario into [`RoundConstraints`] (by dense position), the one place
//! each constraint is decided:
//!
//! - `absent` is the **pool**: an absent person takes no part in the round and does not appear
//!   in its result or metrics ([`RoundConstraints::absent`]);
//! - `open_posts` and `held` are the **post's capacity**: the places a vacancy offers this round
//!   ([`RoundConstraints::capacity`]), none when held; a vacancy with no open post takes no part
//!   at all ([`RoundConstraints::in_round`]);
//! - `excluded` is an **eligibility rule**: an excluded pair fails [`Rule::Excluded`] with its
//!   reason, in the hot path and in every explanation ([`RoundConstraints::exclusion`]);
//! - `pinned` pairs are placed before slotting-in and the tiers ([`RoundConstraints::pinned`]).
//!
//! [`Rule::Excluded`]: crate::Rule::Excluded

use std::collections::{BTreeMap, HashMap};

use redeploy_model::Scenario;

use crate::eligibility::Assessment;
use crate::error::Error;
use crate::index::RoundIndex;
use crate::reasons::assess;
use crate::round::PlacementRoute;
use crate::tiers::{Placed, Pool};

/// What an exercise knows that a scenario does not: who is still in the pool, what is still open,
/// and pairs/posts HR has ruled on. External (scenario) ids, resolved by the engine; an unknown id
/// is an [`Error`] naming it.
///
/// ```
/// use redeploy_engine::Constraints;
///
/// let mut constraints = Constraints::default();
/// constraints.absent.insert("P001".into(), "placed in round 1".into());
/// constraints.excluded.insert(("P002".into(), "V010".into()), "refused in round 1".into());
/// assert_ne!(constraints, Constraints::default());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// People not in this round's pool (placed, left, holding an offer, in a trial), with why.
    /// They take no part in the round and do not appear in its result or metrics.
    pub absent: BTreeMap<String, String>,
    /// Posts still open per vacancy, where fewer than the scenario's `posts` (0 = nothing open:
    /// filled or withdrawn; such a vacancy takes no part and does not appear in the result).
    pub open_posts: BTreeMap<String, u32>,
    /// Vacancies on hold this round: no one is matched to them; listed in the result as held
    /// with the reason.
    pub held: BTreeMap<String, String>,
    /// Pairs never to be proposed (refused earlier, or excluded by HR), with the reason; in every
    /// explanation they fail [`Rule::Excluded`](crate::Rule::Excluded) with that reason.
    pub excluded: BTreeMap<(String, String), String>,
    /// Pairs placed before slotting-in and the tiers, each using one post; the placement's route
    /// is [`PlacementRoute::Pinned`](crate::PlacementRoute::Pinned) with the reason. A pinned
    /// pair that fails a hard rule is an [`Error`] naming the pair and the failed rules.
    pub pinned: BTreeMap<(String, String), String>,
}

/// No constraints: what [`crate::run_round`] applies.
pub(crate) static NONE: Constraints = Constraints {
    absent: BTreeMap::new(),
    open_posts: BTreeMap::new(),
    held: BTreeMap::new(),
    excluded: BTreeMap::new(),
    pinned: BTreeMap::new(),
};

/// A pinned pair by position, with its reason.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pin<'c> {
    pub person: u32,
    pub vacancy: u32,
    pub reason: &'c str,
}

/// [`Constraints`] resolved against one scenario: every id a dense position.
#[derive(Debug, Clone)]
pub(crate) struct RoundConstraints<'c> {
    /// Per person: why they are absent from this round, if they are.
    absent: Vec<Option<&'c str>>,
    /// Per vacancy: places open this round (the scenario's posts unless `open_posts` says fewer).
    open: Vec<u32>,
    /// Per vacancy: why it is held, if it is.
    held: Vec<Option<&'c str>>,
    /// Per person: excluded vacancies with the reason, by vacancy position.
    excluded: Vec<Vec<(u32, &'c str)>>,
    /// Pinned pairs, by (person id, vacancy id).
    pinned: Vec<Pin<'c>>,
}

fn lookup(
    ids: &HashMap<&str, u32>,
    id: &str,
    constraint: &'static str,
    kind: &'static str,
) -> Result<u32, Error> {
    ids.get(id)
        .copied()
        .ok_or_else(|| Error::UnknownConstraintId {
            constraint,
            kind,
            id: id.to_string(),
        })
}

impl<'c> RoundConstraints<'c> {
    /// Resolves `constraints` against `scenario`, whose people and vacancies have the positions
    /// `people` and `vacancies`.
    ///
    /// # Errors
    /// An id the scenario does not hold, more open posts than the vacancy has, a person pinned
    /// twice or pinned while absent, or more pins on a vacancy than its open places.
    pub fn resolve(
        scenario: &Scenario,
        constraints: &'c Constraints,
        people: &HashMap<&str, u32>,
        vacancies: &HashMap<&str, u32>,
    ) -> Result<Self, Error> {
        let mut absent = vec![None; scenario.people.len()];
        for (id, reason) in &constraints.absent {
            absent[lookup(people, id, "absent", "person")? as usize] = Some(reason.as_str());
        }
        let mut open: Vec<u32> = scenario.vacancies.iter().map(|v| v.posts).collect();
        for (id, &posts) in &constraints.open_posts {
            let vacancy = lookup(vacancies, id, "open_posts", "vacancy")? as usize;
            if posts > open[vacancy] {
                return Err(Error::InvalidConstraint {
                    constraint: "open_posts",
                    detail: format!(
                        "vacancy `{id}` has {} in the scenario; {posts} cannot be open",
                        redeploy_model::count(open[vacancy], "post", "posts")
                    ),
                });
            }
            open[vacancy] = posts;
        }
        let mut held = vec![None; scenario.vacancies.len()];
        for (id, reason) in &constraints.held {
            held[lookup(vacancies, id, "held", "vacancy")? as usize] = Some(reason.as_str());
        }
        let mut excluded: Vec<Vec<(u32, &str)>> = vec![Vec::new(); scenario.people.len()];
        for ((person, vacancy), reason) in &constraints.excluded {
            let person = lookup(people, person, "excluded", "person")?;
            let vacancy = lookup(vacancies, vacancy, "excluded", "vacancy")?;
            excluded[person as usize].push((vacancy, reason.as_str()));
        }
        for list in &mut excluded {
            list.sort_unstable_by_key(|&(vacancy, _)| vacancy);
        }
        let mut pinned = Vec::with_capacity(constraints.pinned.len());
        let mut pins_per_person: HashMap<u32, &str> = HashMap::new();
        let mut pins_per_vacancy: HashMap<u32, u32> = HashMap::new();
        for ((person_id, vacancy_id), reason) in &constraints.pinned {
            let person = lookup(people, person_id, "pinned", "person")?;
            let vacancy = lookup(vacancies, vacancy_id, "pinned", "vacancy")?;
            let invalid = |detail: String| Error::InvalidConstraint {
                constraint: "pinned",
                detail,
            };
            if let Some(other) = pins_per_person.insert(person, vacancy_id) {
                return Err(invalid(format!(
                    "person `{person_id}` is pinned to both `{other}` and `{vacancy_id}`"
                )));
            }
            if absent[person as usize].is_some() {
                return Err(invalid(format!(
                    "person `{person_id}` is pinned to `{vacancy_id}` but absent from the round"
                )));
            }
            if held[vacancy as usize].is_some() {
                return Err(invalid(format!(
                    "vacancy `{vacancy_id}` is held, so `{person_id}` cannot be pinned to it"
                )));
            }
            let pins = pins_per_vacancy.entry(vacancy).or_default();
            *pins += 1;
            if *pins > open[vacancy as usize] {
                return Err(invalid(format!(
                    "vacancy `{vacancy_id}` has {} open posts, fewer than the people pinned to it",
                    open[vacancy as usize]
                )));
            }
            pinned.push(Pin {
                person,
                vacancy,
                reason: reason.as_str(),
            });
        }
        Ok(RoundConstraints {
            absent,
            open,
            held,
            excluded,
            pinned,
        })
    }

    /// Why person `person` is absent from this round (not in the pool), if they are.
    pub fn absent(&self, person: u32) -> Option<&'c str> {
        self.absent[person as usize]
    }

    /// Whether vacancy `vacancy` takes part in the round at all (it has a post open, held or not).
    pub fn in_round(&self, vacancy: u32) -> bool {
        self.open[vacancy as usize] > 0
    }

    /// Places vacancy `vacancy` offers to this round's matching: its open posts, none when held.
    pub fn capacity(&self, vacancy: u32) -> u32 {
        if self.held[vacancy as usize].is_some() {
            0
        } else {
            self.open[vacancy as usize]
        }
    }

    /// Posts of vacancy `vacancy` open this round (held or not).
    pub fn open_posts(&self, vacancy: u32) -> u32 {
        self.open[vacancy as usize]
    }

    /// Why vacancy `vacancy` is held, if it is.
    pub fn held(&self, vacancy: u32) -> Option<&'c str> {
        self.held[vacancy as usize]
    }

    /// The vacancies excluded for person `person`, by position, with the reasons.
    pub fn excluded_of(&self, person: u32) -> &[(u32, &'c str)] {
        &self.excluded[person as usize]
    }

    /// Why the pair (`person`, `vacancy`) is excluded, if it is.
    pub fn exclusion(&self, person: u32, vacancy: u32) -> Option<&'c str> {
        let list = self.excluded_of(person);
        list.binary_search_by_key(&vacancy, |&(v, _)| v)
            .ok()
            .map(|found| list[found].1)
    }

    /// The pinned pairs, by (person id, vacancy id).
    pub fn pinned(&self) -> &[Pin<'c>] {
        &self.pinned
    }
}

/// Places the pinned pairs, before slotting-in and the tiers: each uses one post, at the first
/// tier that may offer it (the first tier when none may).
///
/// # Errors
/// [`Error::PinnedPairFails`] when a pinned pair fails a hard rule (including an exclusion).
pub(crate) fn place_pins(index: &RoundIndex<'_>, pool: &mut Pool) -> Result<(), Error> {
    for pin in index.constraints.pinned() {
        if let Assessment::NotSuitable { failures } = assess(index, pin.person, pin.vacancy) {
            return Err(Error::PinnedPairFails {
                person: index.scenario.people[pin.person as usize].id.clone(),
                vacancy: index.scenario.vacancies[pin.vacancy as usize].id.clone(),
                failures,
            });
        }
        let who = &index.people[pin.person as usize];
        let post = &index.vacancies[pin.vacancy as usize].terms;
        pool.place(
            pin.person,
            Placed {
                vacancy: pin.vacancy,
                tier: index.level_of(who, post).unwrap_or(0),
                route: PlacementRoute::Pinned,
            },
        );
    }
    Ok(())
}
