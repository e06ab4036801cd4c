//! Dense typed ids: the scenario as the engine reads it.
//!
//! This module owns the typed positions of a scenario's records ([`PersonIx`], [`VacancyIx`],
//! [`EmployerIx`], [`SiteIx`], [`FootprintIx`], [`RegionIx`]), the vectors that can only be
//! indexed by their own id type ([`IxVec`]), and [`IndexedScenario`]: every record of a
//! [`Scenario`] at its position, every reference between records resolved to a typed id, once.
//! A scenario that came through the loader always indexes; one built in code is checked here
//! (ids unique, references resolved, at most `u32::MAX` records of a kind), so the engine never
//! checks ids again and never indexes with a bare integer.

use rustc_hash::FxHashMap;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use crate::{Employer, Error, Person, Scenario, Site, Vacancy};

/// A dense typed position of one kind of record.
pub trait Ix: Copy + Ord + std::fmt::Debug {
    /// The id at position `position` (at most `u32::MAX`, which [`IxVec`] proves).
    fn from_position(position: u32) -> Self;
    /// The position, for indexing.
    fn position(self) -> usize;
    /// The position as stored.
    fn raw(self) -> u32;
}

/// Declares a dense typed id: a `u32` position that implements [`Ix`], so an [`IxVec`] can be
/// indexed by it and by nothing else. The position is private to the declaring module.
///
/// ```
/// use redeploy_model::{Ix, IxVec};
///
/// redeploy_model::typed_id!(
///     /// A row of some table.
///     pub RowIx
/// );
///
/// let rows: IxVec<RowIx, &str> = IxVec::new(vec!["a", "b"]).unwrap();
/// assert_eq!(rows[RowIx::from_position(1)], "b");
/// ```
#[macro_export]
macro_rules! typed_id {
    ($(#[$doc:meta])* $vis:vis $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        $vis struct $name(u32);

        impl $crate::Ix for $name {
            #[inline(always)]
            fn from_position(position: u32) -> Self {
                $name(position)
            }

            #[inline(always)]
            fn position(self) -> usize {
                self.0 as usize
            }

            #[inline(always)]
            fn raw(self) -> u32 {
                self.0
            }
        }
    };
}

typed_id!(
    /// Position of a person in `scenario.people`.
    pub PersonIx
);
typed_id!(
    /// Position of a vacancy in `scenario.vacancies`.
    pub VacancyIx
);
typed_id!(
    /// Position of an employer in `scenario.employers`.
    pub EmployerIx
);
typed_id!(
    /// Position of a site in `scenario.sites`.
    pub SiteIx
);
typed_id!(
    /// Position of a footprint in `scenario.footprints`.
    pub FootprintIx
);
typed_id!(
    /// Position of a region in `scenario.regions`.
    pub RegionIx
);

/// A vector indexed only by its own id type, with at most `u32::MAX` entries (proved when it is
/// made, so every position converts to an id without loss).
///
/// ```
/// use redeploy_model::{Ix, IxVec, PersonIx};
///
/// let ages: IxVec<PersonIx, u32> = IxVec::new(vec![41, 37]).unwrap();
/// let second = ages.ids().nth(1).unwrap();
/// assert_eq!(ages[second], 37);
/// assert_eq!(second.position(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IxVec<I, T> {
    items: Vec<T>,
    marker: PhantomData<fn(I) -> I>,
}

impl<I: Ix, T> IxVec<I, T> {
    /// The vector, when it has at most `u32::MAX` entries.
    ///
    /// # Errors
    /// [`Error::Records`] with more entries than ids can number.
    pub fn new(items: Vec<T>) -> Result<Self, Error> {
        if u32::try_from(items.len()).is_err() {
            return Err(Error::Records(format!(
                "{} records of one kind; at most {} are supported",
                items.len(),
                u32::MAX
            )));
        }
        Ok(IxVec {
            items,
            marker: PhantomData,
        })
    }

    /// `len` copies of `value`, where `len` is the length of a vector of the same id type.
    pub fn filled<U>(like: &IxVec<I, U>, value: T) -> Self
    where
        T: Clone,
    {
        IxVec {
            items: vec![value; like.len()],
            marker: PhantomData,
        }
    }

    /// Each entry mapped, at the same ids.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> IxVec<I, U> {
        IxVec {
            items: self.items.iter().map(f).collect(),
            marker: PhantomData,
        }
    }

    /// Each id mapped, at the same ids.
    pub fn map_ids<U>(&self, mut f: impl FnMut(I) -> U) -> IxVec<I, U> {
        IxVec {
            items: self.ids().map(&mut f).collect(),
            marker: PhantomData,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every id, in order.
    pub fn ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone + use<I, T> {
        // The length was proved at most u32::MAX when the vector was made.
        (0..self.items.len() as u32).map(I::from_position)
    }

    /// The entries, in id order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// (id, entry) pairs, in id order.
    pub fn iter_ids(&self) -> impl Iterator<Item = (I, &T)> {
        self.ids().zip(&self.items)
    }

    /// The entry at `id`, when there is one.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.position())
    }

    /// The entries as a slice, in id order.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<I: Ix, T> Index<I> for IxVec<I, T> {
    type Output = T;

    #[inline(always)]
    fn index(&self, id: I) -> &T {
        &self.items[id.position()]
    }
}

impl<I: Ix, T> IndexMut<I> for IxVec<I, T> {
    #[inline(always)]
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.position()]
    }
}

impl<'a, I: Ix, T> IntoIterator for &'a IxVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A scenario with every record at a typed position and every reference resolved.
///
/// ```
/// use std::path::Path;
///
/// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
/// let scenario = redeploy_model::load_scenario(&path).unwrap();
/// let indexed = scenario.indexed().unwrap();
/// let person = indexed.people.ids().next().unwrap();
/// let employer = indexed.person_employer[person];
/// assert_eq!(indexed.employers[employer].id, scenario.people[0].employer);
/// ```
#[derive(Debug, Clone)]
pub struct IndexedScenario<'s> {
    /// The scenario.
    pub scenario: &'s Scenario,
    /// People at their positions.
    pub people: IxVec<PersonIx, &'s Person>,
    /// Vacancies at their positions.
    pub vacancies: IxVec<VacancyIx, &'s Vacancy>,
    /// Employers at their positions.
    pub employers: IxVec<EmployerIx, &'s Employer>,
    /// Sites at their positions.
    pub sites: IxVec<SiteIx, &'s Site>,
    /// Each person's employer.
    pub person_employer: IxVec<PersonIx, EmployerIx>,
    /// Each person's site.
    pub person_site: IxVec<PersonIx, SiteIx>,
    /// Each vacancy's employer.
    pub vacancy_employer: IxVec<VacancyIx, EmployerIx>,
    /// Each vacancy's site.
    pub vacancy_site: IxVec<VacancyIx, SiteIx>,
    /// Each employer's footprint.
    pub employer_footprint: IxVec<EmployerIx, FootprintIx>,
    /// Each footprint's region.
    pub footprint_region: IxVec<FootprintIx, RegionIx>,
    /// Each employer's association group: the first employer (by position) of the employers
    /// joined to it by `associated_with`, declared on either side and followed through (itself
    /// when it has no associate). Every employer of a group is in one footprint.
    pub employer_group: IxVec<EmployerIx, EmployerIx>,
    /// Number of regions.
    pub regions: usize,
    person_ids: FxHashMap<&'s str, PersonIx>,
    vacancy_ids: FxHashMap<&'s str, VacancyIx>,
    site_ids: FxHashMap<&'s str, SiteIx>,
}

/// Each id's position, refusing an id used twice.
fn positions<'s, I: Ix>(
    kind: &str,
    ids: impl Iterator<Item = &'s str>,
) -> Result<FxHashMap<&'s str, I>, Error> {
    let mut map = FxHashMap::default();
    map.reserve(ids.size_hint().0);
    for (position, id) in ids.enumerate() {
        let ix = u32::try_from(position).map_err(|_| {
            Error::Records(format!(
                "more than {} records of kind {kind}; at most {} are supported",
                u32::MAX,
                u32::MAX
            ))
        })?;
        if map.insert(id, I::from_position(ix)).is_some() {
            return Err(Error::Records(format!(
                "{kind} id `{id}` is used by more than one record; ids must be unique"
            )));
        }
    }
    Ok(map)
}

/// Each employer's association group (see [`IndexedScenario::employer_group`]), refusing an
/// associate that is not in the scenario, the employer itself, or of another footprint.
fn association_groups(
    scenario: &Scenario,
    employers: &FxHashMap<&str, EmployerIx>,
    employer_footprint: &[FootprintIx],
) -> Result<Vec<EmployerIx>, Error> {
    let mut group: Vec<usize> = (0..scenario.employers.len()).collect();
    fn root(group: &mut [usize], mut at: usize) -> usize {
        while group[at] != at {
            group[at] = group[group[at]];
            at = group[at];
        }
        at
    }
    for (position, employer) in scenario.employers.iter().enumerate() {
        for other in &employer.associated_with {
            let found = resolve(
                employers,
                other,
                ("employer", &employer.id),
                "associated employer",
            )?
            .position();
            if found == position {
                return Err(Error::Records(format!(
                    "employer `{}` names itself in associated_with; expected another employer",
                    employer.id
                )));
            }
            if employer_footprint[found] != employer_footprint[position] {
                return Err(Error::Records(format!(
                    "employer `{}` names `{other}` in associated_with, which is of another footprint; associated employers must share one",
                    employer.id
                )));
            }
            let (a, b) = (root(&mut group, position), root(&mut group, found));
            // The first employer of a group is its root.
            group[a.max(b)] = a.min(b);
        }
    }
    (0..group.len())
        .map(|at| {
            let first = root(&mut group, at);
            u32::try_from(first)
                .map(EmployerIx::from_position)
                .map_err(|_| Error::Records(format!("more than {} employers", u32::MAX)))
        })
        .collect()
}

/// The position of `target`, or which record named it.
fn resolve<I: Ix>(
    map: &FxHashMap<&str, I>,
    target: &str,
    record: (&str, &str),
    target_kind: &str,
) -> Result<I, Error> {
    map.get(target).copied().ok_or_else(|| {
        Error::Records(format!(
            "{} `{}` names {target_kind} `{target}`, which is not in the scenario",
            record.0, record.1
        ))
    })
}

impl Scenario {
    /// The scenario with every record at a typed position and every reference resolved.
    ///
    /// # Errors
    /// [`Error::Records`] for a scenario built in code with an id used twice, a reference to a
    /// record it does not hold, more than `u32::MAX` records of a kind, or a number beyond the
    /// bounds the engine's arithmetic relies on ([`Scenario::check_bounds`]).
    pub fn indexed(&self) -> Result<IndexedScenario<'_>, Error> {
        self.check_bounds()?;
        let regions = positions::<RegionIx>("region", self.regions.iter().map(|r| r.id.as_str()))?;
        let footprints =
            positions::<FootprintIx>("footprint", self.footprints.iter().map(|f| f.id.as_str()))?;
        let employers =
            positions::<EmployerIx>("employer", self.employers.iter().map(|e| e.id.as_str()))?;
        let site_ids = positions::<SiteIx>("site", self.sites.iter().map(|s| s.id.as_str()))?;
        let vacancy_ids =
            positions::<VacancyIx>("vacancy", self.vacancies.iter().map(|v| v.id.as_str()))?;
        let person_ids =
            positions::<PersonIx>("person", self.people.iter().map(|p| p.id.as_str()))?;
        let footprint_region = self
            .footprints
            .iter()
            .map(|f| resolve(&regions, &f.region, ("footprint", &f.id), "region"))
            .collect::<Result<Vec<_>, _>>()?;
        let employer_footprint = self
            .employers
            .iter()
            .map(|e| resolve(&footprints, &e.footprint, ("employer", &e.id), "footprint"))
            .collect::<Result<Vec<_>, _>>()?;
        let mut person_employer = Vec::with_capacity(self.people.len());
        let mut person_site = Vec::with_capacity(self.people.len());
        for p in &self.people {
            person_employer.push(resolve(
                &employers,
                &p.employer,
                ("person", &p.id),
                "employer",
            )?);
            person_site.push(resolve(&site_ids, &p.site, ("person", &p.id), "site")?);
        }
        let mut vacancy_employer = Vec::with_capacity(self.vacancies.len());
        let mut vacancy_site = Vec::with_capacity(self.vacancies.len());
        for v in &self.vacancies {
            vacancy_employer.push(resolve(
                &employers,
                &v.employer,
                ("vacancy", &v.id),
                "employer",
            )?);
            vacancy_site.push(resolve(&site_ids, &v.site, ("vacancy", &v.id), "site")?);
        }
        let employer_group = association_groups(self, &employers, &employer_footprint)?;
        Ok(IndexedScenario {
            employer_group: IxVec::new(employer_group)?,
            scenario: self,
            people: IxVec::new(self.people.iter().collect())?,
            vacancies: IxVec::new(self.vacancies.iter().collect())?,
            employers: IxVec::new(self.employers.iter().collect())?,
            sites: IxVec::new(self.sites.iter().collect())?,
            person_employer: IxVec::new(person_employer)?,
            person_site: IxVec::new(person_site)?,
            vacancy_employer: IxVec::new(vacancy_employer)?,
            vacancy_site: IxVec::new(vacancy_site)?,
            employer_footprint: IxVec::new(employer_footprint)?,
            footprint_region: IxVec::new(footprint_region)?,
            regions: self.regions.len(),
            person_ids,
            vacancy_ids,
            site_ids,
        })
    }
}

/// The highest annual salary, in pounds, a person may have (ten times the top of the pay
/// scale), so that a pay protection cost is bounded (see [`MAX_WEIGHT`](crate::MAX_WEIGHT)).
pub const MAX_SALARY: u32 = 1_000_000;

/// The most desirable skills one vacancy may list.
pub const MAX_DESIRABLE_SKILLS: u32 = 1_000;

/// The most places a person's own ranking of vacancies may have.
pub const MAX_RANKED_PLACES: u32 = 20_000;

impl Scenario {
    /// The bounds an indexed scenario's numbers keep, so that the engine's sums of them fit
    /// their types without a cap, and a pair's weighted soft cost fits the solver's costs (see
    /// [`MAX_WEIGHT`](crate::MAX_WEIGHT)): a salary of at most [`MAX_SALARY`] and hours above 0
    /// and at most 1.5 WTE; at most [`MAX_DESIRABLE_SKILLS`] desirable skills a vacancy and
    /// [`MAX_RANKED_PLACES`] places in a person's ranking of vacancies; a commute and an explicit journey time of at most
    /// [`MAX_MINUTES`](crate::MAX_MINUTES) each, and all explicit times together at most
    /// `u32::MAX − MAX_MINUTES` (a shortest path uses each at most once, so any journey plus a
    /// commute fits a `u32`); training of at most [`MAX_TRAINING_WEEKS`](crate::MAX_TRAINING_WEEKS)
    /// weeks a skill, and at most `u32::MAX` weeks for all of a vacancy's trainable skills; at
    /// most `u32::MAX` places in a ranking. The loader refuses each value beyond the first two
    /// with its file, line and field; only a scenario built in code, or one of billions of
    /// records, meets these errors.
    ///
    /// ```
    /// use std::path::Path;
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let mut scenario = redeploy_model::load_scenario(&path).unwrap();
    /// assert!(scenario.check_bounds().is_ok());
    /// scenario.people[0].commute_minutes = Some(redeploy_model::MAX_MINUTES + 1);
    /// let err = scenario.check_bounds().unwrap_err().to_string();
    /// assert!(err.contains("commute_minutes"), "{err}");
    /// ```
    ///
    /// # Errors
    /// [`Error::Records`] naming the record, the field and the bound.
    pub fn check_bounds(&self) -> Result<(), Error> {
        use crate::{MAX_MINUTES, MAX_TRAINING_WEEKS};
        let places = |ranking: &crate::Ranking, kind: &str, id: &str, field: &str| {
            if u32::try_from(ranking.groups().len()).is_err() {
                return Err(Error::Records(format!(
                    "{kind} `{id}`: {field} has more than {} places",
                    u32::MAX
                )));
            }
            Ok(())
        };
        for vacancy in &self.vacancies {
            places(
                &vacancy.ranked_people,
                "vacancy",
                &vacancy.id,
                "ranked_people",
            )?;
        }
        for person in &self.people {
            places(
                &person.preferences.ranked_vacancies,
                "person",
                &person.id,
                "ranked_vacancies",
            )?;
            if person.preferences.ranked_vacancies.groups().len() > MAX_RANKED_PLACES as usize {
                return Err(Error::Records(format!(
                    "person `{}`: ranked_vacancies has {} places, expected at most {MAX_RANKED_PLACES}",
                    person.id,
                    person.preferences.ranked_vacancies.groups().len()
                )));
            }
            if person.salary > MAX_SALARY {
                return Err(Error::Records(format!(
                    "person `{}`: salary {} is out of range, expected at most {MAX_SALARY}",
                    person.id, person.salary
                )));
            }
            if !(person.wte > 0.0 && person.wte <= crate::validate::MAX_WTE) {
                return Err(Error::Records(format!(
                    "person `{}`: wte {} is out of range, expected above 0 and at most {}",
                    person.id,
                    person.wte,
                    crate::validate::MAX_WTE
                )));
            }
            if let Some(minutes) = person.commute_minutes.filter(|&m| m > MAX_MINUTES) {
                return Err(Error::Records(format!(
                    "person `{}`: commute_minutes {minutes} is out of range, expected at most {MAX_MINUTES}",
                    person.id
                )));
            }
        }
        let mut explicit_total = 0u64;
        for time in &self.travel_times {
            if time.minutes > MAX_MINUTES {
                return Err(Error::Records(format!(
                    "travel time `{}`–`{}`: minutes {} is out of range, expected at most {MAX_MINUTES}",
                    time.from, time.to, time.minutes
                )));
            }
            explicit_total += u64::from(time.minutes);
        }
        let explicit_limit = u64::from(u32::MAX - MAX_MINUTES);
        if explicit_total > explicit_limit {
            return Err(Error::Records(format!(
                "the explicit travel times add up to {explicit_total} minutes, expected at most {explicit_limit}"
            )));
        }
        for vacancy in &self.vacancies {
            if vacancy.desirable_skills.len() > MAX_DESIRABLE_SKILLS as usize {
                return Err(Error::Records(format!(
                    "vacancy `{}`: desirable_skills lists {} skills, expected at most {MAX_DESIRABLE_SKILLS}",
                    vacancy.id,
                    vacancy.desirable_skills.len()
                )));
            }
            let mut weeks = 0u64;
            for skill in &vacancy.trainable_skills {
                if skill.weeks > MAX_TRAINING_WEEKS {
                    return Err(Error::Records(format!(
                        "vacancy `{}`: trainable skill `{}` takes {} weeks, expected at most {MAX_TRAINING_WEEKS}",
                        vacancy.id, skill.skill, skill.weeks
                    )));
                }
                weeks += u64::from(skill.weeks);
            }
            if weeks > u64::from(u32::MAX) {
                return Err(Error::Records(format!(
                    "vacancy `{}`: its trainable skills take {weeks} weeks in all, expected at most {}",
                    vacancy.id,
                    u32::MAX
                )));
            }
        }
        Ok(())
    }
}

impl<'s> IndexedScenario<'s> {
    /// The position of the person with id `id`.
    pub fn person(&self, id: &str) -> Option<PersonIx> {
        self.person_ids.get(id).copied()
    }

    /// The position of the vacancy with id `id`.
    pub fn vacancy(&self, id: &str) -> Option<VacancyIx> {
        self.vacancy_ids.get(id).copied()
    }

    /// The position of the site with id `id`.
    pub fn site(&self, id: &str) -> Option<SiteIx> {
        self.site_ids.get(id).copied()
    }

    /// Number of footprints.
    pub fn footprints(&self) -> usize {
        self.footprint_region.len()
    }
}
