//! From raw records to a validated [`Scenario`].
//!
//! This module owns the checks that look across fields and records: unique ids, references to
//! regions, footprints, employers, sites, skills and vacancies that exist, and values that make
//! sense (coordinates on the globe, distinct sites for a travel time). People and vacancies
//! have their own modules. Every check runs on every record, so one run reports everything;
//! a record with a broken field is still registered by id, so that references to it are not
//! reported again. A reference to a kind of record of which some could not be read at all is a
//! knock-on problem, reported after the root causes.

mod ids;
mod person;
mod vacancy;

use chrono::NaiveDate;

use crate::error::Problems;
use crate::raw::{
    RawEmployer, RawFootprint, RawRecords, RawRegion, RawSite, RawSkill, RawTravelTime, value,
};
use crate::{Employer, Footprint, PayScale, Policy, Region, Scenario, Site, Skill, TravelTime};

pub(crate) use ids::Ids;
pub(crate) use person::MAX_WTE;

/// The scenario's own top-level fields.
#[derive(Debug)]
pub(crate) struct Header {
    pub(crate) name: Option<String>,
    pub(crate) round_date: Option<NaiveDate>,
    pub(crate) seed: u64,
}

/// Every id of a scenario, by kind, borrowed from the raw records.
pub(crate) struct Catalogue<'r> {
    pub(crate) regions: Ids<'r>,
    pub(crate) footprints: Ids<'r>,
    pub(crate) employers: Ids<'r>,
    pub(crate) sites: Ids<'r>,
    pub(crate) skills: Ids<'r>,
    pub(crate) vacancies: Ids<'r>,
    pub(crate) people: Ids<'r>,
}

impl<'r> Catalogue<'r> {
    fn register(records: &'r RawRecords, problems: &mut Problems) -> Catalogue<'r> {
        /// Registers the ids of one table, complete when every record was read with its id.
        macro_rules! ids {
            ($what:literal, $table:ident, $problems:expr) => {
                Ids::register(
                    $what,
                    records.$table.iter().map(|r| &r.id),
                    records.complete(stringify!($table), &records.$table, |r| r.id.is_some()),
                    $problems,
                )
            };
        }
        let regions = ids!("region", regions, problems);
        let footprints = ids!("footprint", footprints, problems);
        let employers = ids!("employer", employers, problems);
        let sites = ids!("site", sites, problems);
        let skills = ids!("skill", skills, problems);
        // The two long tables are registered in parallel, each with problems of its own,
        // joined in the order above.
        let (mut vacancy_problems, mut people_problems) =
            (Problems::default(), Problems::default());
        let (vacancies, people) = rayon::join(
            || ids!("vacancy", vacancies, &mut vacancy_problems),
            || ids!("person", people, &mut people_problems),
        );
        problems.append(vacancy_problems);
        problems.append(people_problems);
        Catalogue {
            regions,
            footprints,
            employers,
            sites,
            skills,
            vacancies,
            people,
        }
    }
}

/// Checks every raw record and builds the scenario; `None` if anything is missing (the
/// problems say what).
pub(crate) fn build_scenario(
    header: Header,
    pay_scale: Option<PayScale>,
    policy: Option<Policy>,
    records: RawRecords,
    problems: &mut Problems,
) -> Option<Scenario> {
    let ids = Catalogue::register(&records, problems);
    let regions = collect(records.regions.iter().map(region));
    let footprints = collect(
        records
            .footprints
            .iter()
            .map(|r| footprint(r, &ids, problems)),
    );
    let footprint_of: std::collections::HashMap<&str, &str> = records
        .employers
        .iter()
        .filter_map(|r| {
            Some((
                value_ref(&r.id)?.as_str(),
                value_ref(&r.footprint)?.as_str(),
            ))
        })
        .collect();
    let employers = collect(
        records
            .employers
            .iter()
            .map(|r| employer(r, &ids, &footprint_of, problems)),
    );
    let sites = collect(records.sites.iter().map(|r| site(r, problems)));
    let travel_times = travel_times(&records.travel_times, &ids, problems);
    let skills = collect(records.skills.iter().map(skill));
    let context = person::Context {
        round_date: header.round_date,
        pay_scale: pay_scale.as_ref(),
        ids: &ids,
    };
    // People and vacancies are checked in parallel, each with problems of its own, joined in
    // the order they would be met checking one after the other. They are checked while the
    // catalogue borrows their ids, then built from their raw records, moved.
    let (mut people_problems, mut vacancy_problems) = (Problems::default(), Problems::default());
    let (people_checked, vacancies_checked) = rayon::join(
        || -> Vec<_> {
            records
                .people
                .iter()
                .map(|r| person::check(r, &context, &mut people_problems))
                .collect()
        },
        || -> Vec<_> {
            records
                .vacancies
                .iter()
                .enumerate()
                .map(|(index, r)| vacancy::check(r, index, &ids, &mut vacancy_problems))
                .collect()
        },
    );
    problems.append(people_problems);
    problems.append(vacancy_problems);
    let (people, vacancies) = rayon::join(
        || {
            collect(
                records
                    .people
                    .into_iter()
                    .zip(people_checked)
                    .map(|(r, checked)| person::build(r, checked?)),
            )
        },
        || {
            collect(
                records
                    .vacancies
                    .into_iter()
                    .zip(vacancies_checked)
                    .map(|(r, checked)| vacancy::build(r, checked?)),
            )
        },
    );
    Some(Scenario {
        name: header.name?,
        round_date: header.round_date?,
        seed: header.seed,
        pay_scale: pay_scale?,
        policy: policy?,
        regions: regions?,
        footprints: footprints?,
        employers: employers?,
        sites: sites?,
        travel_times: travel_times?,
        skills: skills?,
        people: people?,
        vacancies: vacancies?,
    })
}

/// All records, or `None` if any could not be built (after building every one, so that every
/// problem is reported).
fn collect<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let built: Vec<Option<T>> = items.collect();
    built.into_iter().collect()
}

fn region(raw: &RawRegion) -> Option<Region> {
    let id = value(&raw.id)?;
    Some(Region {
        name: value(&raw.name).unwrap_or_else(|| id.clone()),
        id,
    })
}

fn footprint(
    raw: &RawFootprint,
    ids: &Catalogue<'_>,
    problems: &mut Problems,
) -> Option<Footprint> {
    let region_ok = ids.regions.check(raw.region.as_ref(), "region", problems);
    let id = value(&raw.id)?;
    region_ok.then_some(())?;
    Some(Footprint {
        name: value(&raw.name).unwrap_or_else(|| id.clone()),
        id,
        region: value(&raw.region)?,
    })
}

fn value_ref<T>(field: &Option<crate::record::Located<T>>) -> Option<&T> {
    field.as_ref().map(|located| &located.value)
}

fn employer(
    raw: &RawEmployer,
    ids: &Catalogue<'_>,
    footprint_of: &std::collections::HashMap<&str, &str>,
    problems: &mut Problems,
) -> Option<Employer> {
    let footprint_ok = ids
        .footprints
        .check(raw.footprint.as_ref(), "footprint", problems);
    let field = "associated_with";
    let mut associates_ok = person::check_names(
        raw.associated_with.as_ref(),
        field,
        &ids.employers,
        problems,
    );
    if let (Some(list), Some(id), Some(footprint)) = (
        raw.associated_with.as_ref(),
        value_ref(&raw.id),
        value_ref(&raw.footprint),
    ) {
        for other in &list.value {
            if other == id {
                problems.at(
                    &list.at,
                    field,
                    format!(
                        "`{other}` is this employer itself, expected the id of another employer"
                    ),
                );
                associates_ok = false;
            } else if let Some(&theirs) = footprint_of.get(other.as_str())
                && theirs != footprint
            {
                problems.at(
                    &list.at,
                    field,
                    format!(
                        "`{other}` is in footprint `{theirs}`, expected an employer of footprint `{footprint}` (associated employers are matched in one scope unit)"
                    ),
                );
                associates_ok = false;
            }
        }
    }
    let id = value(&raw.id)?;
    (footprint_ok && associates_ok).then_some(())?;
    Some(Employer {
        name: value(&raw.name).unwrap_or_else(|| id.clone()),
        id,
        kind: value(&raw.kind)?,
        footprint: value(&raw.footprint)?,
        associated_with: value(&raw.associated_with).unwrap_or_default(),
    })
}

fn site(raw: &RawSite, problems: &mut Problems) -> Option<Site> {
    let mut ok = true;
    for (field, located, limit) in [
        ("latitude", &raw.latitude, 90.0),
        ("longitude", &raw.longitude, 180.0),
    ] {
        if let Some(located) = located.as_ref().filter(|l| l.value.abs() > limit) {
            let mut diagnostic = located.at.diagnostic(
                Some(field),
                format!(
                    "`{}` is out of range, expected degrees from -{limit} to {limit}",
                    located.value
                ),
            );
            diagnostic.found = Some(located.value.to_string());
            problems.push(diagnostic);
            ok = false;
        }
    }
    let id = value(&raw.id)?;
    ok.then_some(())?;
    Some(Site {
        name: value(&raw.name).unwrap_or_else(|| id.clone()),
        id,
        latitude: value(&raw.latitude)?,
        longitude: value(&raw.longitude)?,
    })
}

fn skill(raw: &RawSkill) -> Option<Skill> {
    let id = value(&raw.id)?;
    Some(Skill {
        name: value(&raw.name).unwrap_or_else(|| id.clone()),
        id,
    })
}

fn travel_times(
    raw: &[RawTravelTime],
    ids: &Catalogue<'_>,
    problems: &mut Problems,
) -> Option<Vec<TravelTime>> {
    let mut seen: Vec<(String, String, std::sync::Arc<crate::error::Location>)> = Vec::new();
    collect(raw.iter().map(|raw| {
        let minutes_ok = person::check_minutes(raw.minutes.as_ref(), "minutes", problems);
        let from_ok = ids.sites.check(raw.from.as_ref(), "from", problems);
        let to_ok = ids.sites.check(raw.to.as_ref(), "to", problems);
        let (from, to) = (raw.from.as_ref()?, raw.to.as_ref()?);
        if from.value == to.value {
            problems.at(&to.at, "to", format!("`{}` is the same site as `from`, expected two different sites", to.value));
            return None;
        }
        let pair = if from.value < to.value { (&from.value, &to.value) } else { (&to.value, &from.value) };
        if let Some((_, _, first)) = seen.iter().find(|(a, b, _)| (a, b) == pair) {
            let message = format!(
                "a travel time between `{}` and `{}` is already given {}, expected one per pair of sites",
                from.value,
                to.value,
                ids::describe(first, &raw.at)
            );
            problems.at(&raw.at, "from", message);
            return None;
        }
        seen.push((pair.0.clone(), pair.1.clone(), raw.at.clone()));
        (from_ok && to_ok && minutes_ok).then_some(())?;
        Some(TravelTime { from: from.value.clone(), to: to.value.clone(), minutes: value(&raw.minutes)? })
    }))
}
