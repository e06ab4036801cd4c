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

use redeploy_model::{IndexedScenario, IxVec, PersonIx, VacancyIx};
use std::collections::{BTreeMap, HashMap};

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
    pub person: PersonIx,
    pub vacancy: VacancyIx,
    pub reason: &'c str,
}

/// [`Constraints`] resolved against one scenario: every id a dense position.
#[derive(Debug, Clone)]
pub(crate) struct RoundConstraints<'c> {
    /// Per person: why they are absent from this round, if they are.
    absent: IxVec<PersonIx, Option<&'c str>>,
    /// Per vacancy: places open this round (the scenario's posts unless `open_posts` says fewer).
    open: IxVec<VacancyIx, u32>,
    /// Per vacancy: why it is held, if it is.
    held: IxVec<VacancyIx, Option<&'c str>>,
    /// Per person: excluded vacancies with the reason, by vacancy position.
    excluded: IxVec<PersonIx, Vec<(VacancyIx, &'c str)>>,
    /// Pinned pairs, by (person id, vacancy id).
    pinned: Vec<Pin<'c>>,
}

fn unknown(constraint: &'static str, kind: &'static str, id: &str) -> Error {
    Error::UnknownConstraintId {
        constraint,
        kind,
        id: id.to_string(),
    }
}

impl<'c> RoundConstraints<'c> {
    /// Resolves `constraints` against `scenario`, whose people and vacancies have the positions
    /// `people` and `vacancies`.
    ///
    /// # Errors
    /// An id the scenario does not hold, more open posts than the vacancy has, a person pinned
    /// twice or pinned while absent, or more pins on a vacancy than its open places.
    pub fn resolve(ids: &IndexedScenario<'_>, constraints: &'c Constraints) -> Result<Self, Error> {
        let person = |id: &str, constraint| {
            ids.person(id)
                .ok_or_else(|| unknown(constraint, "person", id))
        };
        let vacancy_of = |id: &str, constraint| {
            ids.vacancy(id)
                .ok_or_else(|| unknown(constraint, "vacancy", id))
        };
        let mut absent = IxVec::filled(&ids.people, None);
        for (id, reason) in &constraints.absent {
            absent[person(id, "absent")?] = Some(reason.as_str());
        }
        let mut open = ids.vacancies.map(|v| v.posts);
        for (id, &posts) in &constraints.open_posts {
            let vacancy = vacancy_of(id, "open_posts")?;
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
        let mut held = IxVec::filled(&ids.vacancies, None);
        for (id, reason) in &constraints.held {
            held[vacancy_of(id, "held")?] = Some(reason.as_str());
        }
        let mut excluded: IxVec<PersonIx, Vec<(VacancyIx, &str)>> =
            IxVec::filled(&ids.people, Vec::new());
        for ((person_id, vacancy_id), reason) in &constraints.excluded {
            let who = person(person_id, "excluded")?;
            excluded[who].push((vacancy_of(vacancy_id, "excluded")?, reason.as_str()));
        }
        for who in ids.people.ids() {
            excluded[who].sort_unstable_by_key(|&(vacancy, _)| vacancy);
        }
        let mut pinned = Vec::with_capacity(constraints.pinned.len());
        let mut pins_per_person: HashMap<PersonIx, &str> = HashMap::new();
        let mut pins_per_vacancy: HashMap<VacancyIx, u32> = HashMap::new();
        for ((person_id, vacancy_id), reason) in &constraints.pinned {
            let person = person(person_id, "pinned")?;
            let vacancy = vacancy_of(vacancy_id, "pinned")?;
            let invalid = |detail: String| Error::InvalidConstraint {
                constraint: "pinned",
                detail,
            };
            if let Some(other) = pins_per_person.insert(person, vacancy_id) {
                return Err(invalid(format!(
                    "person `{person_id}` is pinned to both `{other}` and `{vacancy_id}`"
                )));
            }
            if absent[person].is_some() {
                return Err(invalid(format!(
                    "person `{person_id}` is pinned to `{vacancy_id}` but absent from the round"
                )));
            }
            if held[vacancy].is_some() {
                return Err(invalid(format!(
                    "vacancy `{vacancy_id}` is held, so `{person_id}` cannot be pinned to it"
                )));
            }
            let pins = pins_per_vacancy.entry(vacancy).or_default();
            *pins += 1;
            if *pins > open[vacancy] {
                return Err(invalid(format!(
                    "vacancy `{vacancy_id}` has {} open posts, fewer than the people pinned to it",
                    open[vacancy]
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
    pub fn absent(&self, person: PersonIx) -> Option<&'c str> {
        self.absent[person]
    }

    /// Whether vacancy `vacancy` takes part in the round at all (it has a post open, held or not).
    pub fn in_round(&self, vacancy: VacancyIx) -> bool {
        self.open[vacancy] > 0
    }

    /// Places vacancy `vacancy` offers to this round's matching: its open posts, none when held.
    pub fn capacity(&self, vacancy: VacancyIx) -> u32 {
        if self.held[vacancy].is_some() {
            0
        } else {
            self.open[vacancy]
        }
    }

    /// Posts of vacancy `vacancy` open this round (held or not).
    pub fn open_posts(&self, vacancy: VacancyIx) -> u32 {
        self.open[vacancy]
    }

    /// Why vacancy `vacancy` is held, if it is.
    pub fn held(&self, vacancy: VacancyIx) -> Option<&'c str> {
        self.held[vacancy]
    }

    /// The vacancies excluded for person `person`, by position, with the reasons.
    pub fn excluded_of(&self, person: PersonIx) -> &[(VacancyIx, &'c str)] {
        &self.excluded[person]
    }

    /// Why the pair (`person`, `vacancy`) is excluded, if it is.
    pub fn exclusion(&self, person: PersonIx, vacancy: VacancyIx) -> Option<&'c str> {
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
                person: index.ids.people[pin.person].id.clone(),
                vacancy: index.ids.vacancies[pin.vacancy].id.clone(),
                failures,
            });
        }
        let who = &index.people[pin.person];
        let post = &index.vacancies[pin.vacancy].terms;
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
