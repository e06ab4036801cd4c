//! Checks of one person at risk.
//!
//! This module owns what makes a [`Person`] valid: a known employer, site and skills; pay that
//! fits the band on the scenario's pay scale (a pay point inside the band, or a salary inside
//! its range); contracted hours above 0 and at most 1.5 whole-time equivalent; dates that make
//! sense against the round date (at least 16 years old, service starting after the 16th
//! birthday and not after the round date); statutory-priority dates that fit the kind of
//! priority; and preferences naming known vacancies once each.

use chrono::{Months, NaiveDate};
use rustc_hash::FxHashSet;

use super::Catalogue;
use crate::error::{Location, Problems};
use crate::raw::{RawPerson, take, value};
use crate::record::Located;
use crate::{
    Band, Equality, PayScale, Person, Preferences, PriorityKind, Ranking, StatutoryPriority,
};

/// The largest contracted hours, as whole-time equivalent, a person or post may have.
pub(crate) const MAX_WTE: f64 = 1.5;
/// The longest journey, in minutes, a scenario may state.
pub(crate) const MAX_MINUTES: u32 = 24 * 60;
/// A child date at most this many weeks after the round date (a pregnancy's length).
const MAX_WEEKS_TO_CHILD_DATE: i64 = 42;

/// What checking a person needs besides the person.
pub(crate) struct Context<'a, 'r> {
    /// The round date, if it could be read (checks against it are skipped otherwise).
    pub(crate) round_date: Option<NaiveDate>,
    pub(crate) pay_scale: Option<&'a PayScale>,
    pub(crate) ids: &'a Catalogue<'r>,
}

/// What checking a person found that building it needs.
pub(crate) struct Checked {
    salary: u32,
    priority: StatutoryPriority,
}

/// Checks one person; `None` if a check failed.
pub(crate) fn check(
    raw: &RawPerson,
    context: &Context<'_, '_>,
    problems: &mut Problems,
) -> Option<Checked> {
    let ids = context.ids;
    let mut ok = ids
        .employers
        .check(raw.employer.as_ref(), "employer", problems);
    ok &= ids.sites.check(raw.site.as_ref(), "site", problems);
    ok &= check_names(raw.skills.as_ref(), "skills", &ids.skills, problems);
    ok &= check_ranking(
        raw.ranked_vacancies.as_ref(),
        "ranked_vacancies",
        &ids.vacancies,
        problems,
    );
    ok &= check_wte(raw.wte.as_ref(), problems);
    ok &= check_minutes(raw.commute_minutes.as_ref(), "commute_minutes", problems);
    ok &= check_minutes(
        raw.max_travel_minutes.as_ref(),
        "max_travel_minutes",
        problems,
    );
    ok &= check_dates(raw, context.round_date, problems);
    let priority = check_priority(raw, context.round_date, problems);
    let salary = check_pay(raw, context.pay_scale, problems);
    ok.then_some(())?;
    Some(Checked {
        salary: salary?,
        priority: priority?,
    })
}

/// Builds a person checked by [`check`]; `None` if a required field is missing.
pub(crate) fn build(raw: RawPerson, checked: Checked) -> Option<Person> {
    Some(Person {
        id: take(raw.id)?,
        name: take(raw.name),
        employer: take(raw.employer)?,
        site: take(raw.site)?,
        band: take(raw.band)?,
        pay_point: take(raw.pay_point),
        salary: checked.salary,
        wte: take(raw.wte).unwrap_or(1.0),
        job_family: take(raw.job_family)?,
        role: take(raw.role),
        skills: take(raw.skills).unwrap_or_default(),
        registrations: take(raw.registrations).unwrap_or_default(),
        contract: take(raw.contract).unwrap_or_default(),
        nhs_service_start: take(raw.nhs_service_start)?,
        date_of_birth: take(raw.date_of_birth)?,
        priority: checked.priority,
        reasonable_adjustment: take(raw.reasonable_adjustment).unwrap_or(false),
        pension_member: take(raw.pension_member).unwrap_or(true),
        volunteered_vr: take(raw.volunteered_vr).unwrap_or(false),
        commute_minutes: take(raw.commute_minutes),
        equality: Equality {
            sex: take(raw.sex),
            ethnicity: take(raw.ethnicity),
            disability: take(raw.disability),
            age_band: take(raw.age_band),
        },
        preferences: Preferences {
            ranked_vacancies: take(raw.ranked_vacancies).unwrap_or_default(),
            max_travel_minutes: take(raw.max_travel_minutes),
        },
    })
}

/// Checks that every name of a list is a known id, listed once.
pub(crate) fn check_names(
    list: Option<&Located<Vec<String>>>,
    field: &str,
    ids: &super::Ids<'_>,
    problems: &mut Problems,
) -> bool {
    list.is_none_or(|list| check_each_once(&list.value, &list.at, field, ids, problems))
}

/// Checks that a ranking names known ids, each once.
pub(crate) fn check_ranking(
    ranking: Option<&Located<Ranking>>,
    field: &str,
    ids: &super::Ids<'_>,
    problems: &mut Problems,
) -> bool {
    ranking.is_none_or(|ranking| {
        let names: Vec<&String> = ranking.value.ids().collect();
        check_each_once(&names, &ranking.at, field, ids, problems)
    })
}

/// Lists up to this long are searched for a repeat in place; longer ones through a set.
const SHORT_LIST: usize = 32;

/// Checks that `names` (written at `at`) are known ids, each once.
fn check_each_once<T: AsRef<str>>(
    names: &[T],
    at: &Location,
    field: &str,
    ids: &super::Ids<'_>,
    problems: &mut Problems,
) -> bool {
    let mut ok = true;
    let mut seen = (names.len() > SHORT_LIST).then(FxHashSet::<&str>::default);
    for (index, name) in names.iter().enumerate() {
        let name = name.as_ref();
        let repeated = match &mut seen {
            Some(seen) => !seen.insert(name),
            None => names[..index]
                .iter()
                .any(|earlier| earlier.as_ref() == name),
        };
        if repeated {
            problems.at(
                at,
                field,
                format!("`{name}` is listed twice, expected each once"),
            );
            ok = false;
        } else {
            ok &= ids.check_name(name, at, field, problems);
        }
    }
    ok
}

/// Checks contracted hours: above 0 and at most [`MAX_WTE`].
pub(crate) fn check_wte(wte: Option<&Located<f64>>, problems: &mut Problems) -> bool {
    match wte {
        Some(wte) if !(wte.value > 0.0 && wte.value <= MAX_WTE) => {
            report(
                problems,
                &wte.at,
                "wte",
                &wte.value.to_string(),
                format!(
                    "`{}` is out of range, expected a whole-time equivalent above 0 and at most {MAX_WTE} (1.0 = 37.5 hours a week)",
                    wte.value
                ),
            );
            false
        }
        _ => true,
    }
}

/// Checks a journey in minutes: at most [`MAX_MINUTES`].
pub(crate) fn check_minutes(
    minutes: Option<&Located<u32>>,
    field: &str,
    problems: &mut Problems,
) -> bool {
    match minutes {
        Some(minutes) if minutes.value > MAX_MINUTES => {
            report(
                problems,
                &minutes.at,
                field,
                &minutes.value.to_string(),
                format!(
                    "`{}` is out of range, expected minutes from 0 to {MAX_MINUTES}",
                    minutes.value
                ),
            );
            false
        }
        _ => true,
    }
}

pub(crate) fn report(
    problems: &mut Problems,
    at: &Location,
    field: &str,
    found: &str,
    message: String,
) {
    let mut diagnostic = at.diagnostic(Some(field), message);
    diagnostic.found = Some(found.to_string());
    problems.push(diagnostic);
}

/// Date of birth at least 16 and at most 100 years before the round date; service start not
/// after the round date nor before the 16th birthday.
fn check_dates(raw: &RawPerson, round_date: Option<NaiveDate>, problems: &mut Problems) -> bool {
    let Some(round_date) = round_date else {
        return true;
    };
    let mut ok = true;
    let mut birth = raw.date_of_birth.as_ref();
    if let Some(born) = birth {
        let sixteen = add_years(born.value, 16);
        let hundred = add_years(born.value, 100);
        if sixteen > round_date || hundred < round_date {
            report(
                problems,
                &born.at,
                "date_of_birth",
                &born.value.to_string(),
                format!(
                    "`{}` is implausible, expected someone aged 16 to 100 on the round date {round_date}",
                    born.value
                ),
            );
            // An implausible birth date says nothing about the service start.
            birth = None;
            ok = false;
        }
    }
    if let Some(start) = raw.nhs_service_start.as_ref() {
        if start.value > round_date {
            report(
                problems,
                &start.at,
                "nhs_service_start",
                &start.value.to_string(),
                format!(
                    "`{}` is after the round date {round_date}, expected a date on or before it",
                    start.value
                ),
            );
            ok = false;
        } else if let Some(birth) = birth.filter(|birth| start.value < add_years(birth.value, 16)) {
            report(
                problems,
                &start.at,
                "nhs_service_start",
                &start.value.to_string(),
                format!(
                    "`{}` is before the person's 16th birthday (born {}), expected a later date",
                    start.value, birth.value
                ),
            );
            ok = false;
        }
    }
    ok
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// Statutory priority: dates only with a kind of priority; a child date for leave after a
/// birth or placement; `priority_since` not after the round date; a child date at most 42 weeks
/// ahead.
fn check_priority(
    raw: &RawPerson,
    round_date: Option<NaiveDate>,
    problems: &mut Problems,
) -> Option<StatutoryPriority> {
    let kind = value(&raw.priority).unwrap_or_default();
    let mut ok = true;
    if kind == PriorityKind::None {
        for (field, date) in [
            ("priority_since", &raw.priority_since),
            ("child_date", &raw.child_date),
        ] {
            if let Some(date) = date {
                report(
                    problems,
                    &date.at,
                    field,
                    &date.value.to_string(),
                    format!(
                        "`{}` is given but `priority` is `none`, expected no date or a kind of priority",
                        date.value
                    ),
                );
                ok = false;
            }
        }
    }
    let needs_child_date = matches!(
        kind,
        PriorityKind::Maternity | PriorityKind::Adoption | PriorityKind::SharedParental
    );
    if needs_child_date && raw.child_date.is_none() {
        problems.at(&raw.at, "child_date", format!(
            "missing for `priority = \"{}\"`, expected the date of birth or placement (the protected period runs from it)",
            kind.as_str()
        ));
        ok = false;
    }
    if let (Some(since), Some(round_date)) = (raw.priority_since.as_ref(), round_date)
        && since.value > round_date
    {
        report(
            problems,
            &since.at,
            "priority_since",
            &since.value.to_string(),
            format!(
                "`{}` is after the round date {round_date}, expected the date protection began",
                since.value
            ),
        );
        ok = false;
    }
    if let (Some(child), Some(round_date)) = (raw.child_date.as_ref(), round_date) {
        let latest = round_date
            .checked_add_signed(chrono::Duration::weeks(MAX_WEEKS_TO_CHILD_DATE))
            .unwrap_or(NaiveDate::MAX);
        if child.value > latest {
            report(
                problems,
                &child.at,
                "child_date",
                &child.value.to_string(),
                format!(
                    "`{}` is more than {MAX_WEEKS_TO_CHILD_DATE} weeks after the round date {round_date}, expected a birth or placement date no later than {latest}",
                    child.value
                ),
            );
            ok = false;
        }
    }
    ok.then(|| StatutoryPriority {
        kind,
        since: value(&raw.priority_since),
        child_date: value(&raw.child_date),
    })
}

/// The person's annual full-time salary: from the pay point, or as given, checked against the
/// band on the pay scale.
fn check_pay(raw: &RawPerson, scale: Option<&PayScale>, problems: &mut Problems) -> Option<u32> {
    let band = value(&raw.band)?;
    let scale = scale?;
    let from_point = match raw.pay_point.as_ref() {
        Some(point) => Some(salary_at_point(band, point, scale, problems)?),
        None => None,
    };
    match (from_point, raw.salary.as_ref()) {
        (Some(expected), Some(salary)) if salary.value != expected => {
            let point = raw.pay_point.as_ref().map_or(0, |p| p.value);
            report(
                problems,
                &salary.at,
                "salary",
                &salary.value.to_string(),
                format!(
                    "`{}` does not match pay point {point} of band {band} (£{expected}), expected that salary or no `salary` field",
                    salary.value
                ),
            );
            None
        }
        (Some(expected), _) => Some(expected),
        (None, Some(salary)) => salary_in_band(band, salary, scale, problems),
        (None, None) => {
            problems.at(&raw.at, "salary", "missing, expected `pay_point` (a point of the band on the pay scale) or `salary` (annual, full-time)");
            None
        }
    }
}

fn salary_at_point(
    band: Band,
    point: &Located<u8>,
    scale: &PayScale,
    problems: &mut Problems,
) -> Option<u32> {
    let salary = scale.salary_at(band, point.value);
    if salary.is_none() {
        let count = scale.points(band).len();
        report(
            problems,
            &point.at,
            "pay_point",
            &point.value.to_string(),
            format!(
                "pay point `{}` is outside band {band}, which has points 1 to {count} on pay scale `{}`",
                point.value, scale.name
            ),
        );
    }
    salary
}

fn salary_in_band(
    band: Band,
    salary: &Located<u32>,
    scale: &PayScale,
    problems: &mut Problems,
) -> Option<u32> {
    let (low, high) = scale.range(band)?;
    if (low..=high).contains(&salary.value) {
        return Some(salary.value);
    }
    report(
        problems,
        &salary.at,
        "salary",
        &salary.value.to_string(),
        format!(
            "`{}` is outside band {band}, expected a full-time annual salary from {low} to {high} (pay scale `{}`)",
            salary.value, scale.name
        ),
    );
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::validate::Ids;

    /// Each name repeated, in order, as a set of the names met so far finds them.
    fn repeats(names: &[String]) -> Vec<String> {
        let mut seen = BTreeSet::new();
        names
            .iter()
            .filter(|name| !seen.insert(name.as_str()))
            .cloned()
            .collect()
    }

    #[test]
    fn every_repeat_is_reported_in_short_and_long_lists() {
        let at = Arc::new(Location::file(&Arc::from(Path::new("people.csv"))));
        let known: Vec<Option<Located<String>>> = (0..100)
            .map(|n| {
                Some(Located {
                    value: format!("S{n}"),
                    at: Arc::clone(&at),
                })
            })
            .collect();
        let ids = Ids::register("skill", known.iter(), true, &mut Problems::default());
        for length in [0, 1, 5, SHORT_LIST, SHORT_LIST + 1, 90] {
            // Every third name repeats one met before; the last is unknown.
            let mut names: Vec<String> = (0..length)
                .map(|n| format!("S{}", if n % 3 == 2 { n / 2 } else { n }))
                .collect();
            names.push("nobody".to_string());
            let mut problems = Problems::default();
            assert!(!check_each_once(&names, &at, "skills", &ids, &mut problems));
            let mut reported: Vec<String> = problems
                .finish(None::<()>)
                .unwrap_err()
                .diagnostics()
                .iter()
                .filter(|d| d.message.ends_with("is listed twice, expected each once"))
                .map(|d| d.message.split('`').nth(1).unwrap().to_string())
                .collect();
            // Loading reports a problem once, so compare the names repeated.
            reported.sort();
            let mut expected = repeats(&names);
            expected.sort();
            expected.dedup();
            assert_eq!(reported, expected, "length {length}");
            assert_eq!(repeats(&names).is_empty(), length < 3, "length {length}");
        }
    }
}
