//! People at risk: where they work, their band, family, skills, dates, priority and wishes.
//!
//! This module owns turning a number of people into records. People are shared among employers
//! in proportion to their group's share ([`PEOPLE_GROUP_SHARE`]); each person's job family and
//! band come from their employer's group, skills from their family, and every date is drawn so
//! that it fits the others: a birth date from the age profile, a service start after the 18th
//! birthday, protected-period dates that fit the kind of priority.

use chrono::{Days, Months, NaiveDate};
use redeploy_model::{
    Band, ContractType, Equality, PayScale, Person, Preferences, PriorityKind, StatutoryPriority,
    Vacancy,
};

use crate::calibration::{
    AGE_BANDS, ETHNICITY, Group, PEOPLE_GROUP_SHARE, SERVICE_YEARS, people_bands, people_weight,
    person_shares as share, priority_shares,
};
use crate::families::{
    Family, TRANSFERABLE_SKILLS, extra_registration, family, people_families, title,
};
use crate::geography::Geography;
use crate::rng::{SplitMix64, apportion};
use crate::vacancies::{VacancyIndex, draw_band, draw_wte, employer_weights, id_width};

/// What generating people needs besides the random stream.
pub(crate) struct Context<'a> {
    pub(crate) map: &'a Geography,
    pub(crate) vacancies: &'a [Vacancy],
    pub(crate) index: &'a VacancyIndex,
    pub(crate) pay_scale: &'a PayScale,
    pub(crate) round_date: NaiveDate,
}

/// Every person at risk of the scenario.
pub(crate) fn generate(context: &Context<'_>, people: u32, rng: &mut SplitMix64) -> Vec<Person> {
    let weights = employer_weights(
        &context.map.plans,
        &PEOPLE_GROUP_SHARE,
        |kind| people_weight(kind).1,
        rng,
    );
    let shares = apportion(u64::from(people), &weights);
    let width = id_width(people);
    let mut out = Vec::with_capacity(people as usize);
    for (employer, &count) in shares.iter().enumerate() {
        for _ in 0..count {
            let id = format!("P{:0width$}", out.len() + 1);
            out.push(person(context, employer, id, rng));
        }
    }
    out
}

/// Whole years of age, and the date of birth, for someone at `band`.
fn birth(round_date: NaiveDate, band: Band, rng: &mut SplitMix64) -> (u32, NaiveDate) {
    let (low, high) = rng.weighted(&AGE_BANDS);
    let mut age = rng.range(u64::from(low), u64::from(high)) as u32;
    if band >= Band::B8b {
        // Senior managers are rarely under 30 [?].
        age = age.max(30);
    }
    let born = years_before(round_date, age) - Days::new(rng.below(365));
    (age, born)
}

fn years_before(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(12 * years))
        .unwrap_or(date)
}

/// Start of continuous NHS service: a length from the service profile, never before the 18th
/// birthday.
fn service_start(round_date: NaiveDate, born: NaiveDate, rng: &mut SplitMix64) -> NaiveDate {
    let (low, high) = rng.weighted(&SERVICE_YEARS);
    let years = rng.range(u64::from(low), u64::from(high));
    let wanted = years * 365 + rng.below(365);
    let eighteen = born
        .checked_add_months(Months::new(12 * 18))
        .unwrap_or(round_date);
    let longest = (round_date - eighteen).num_days().max(0) as u64;
    round_date - Days::new(wanted.min(longest))
}

fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date - Days::new(days)
}

/// Statutory priority with dates that fit its kind (regulation 10; protected periods run 18
/// months from birth or placement, domain notes §4).
fn priority(
    round_date: NaiveDate,
    female: bool,
    age: u32,
    rng: &mut SplitMix64,
) -> StatutoryPriority {
    let childbearing = female && (20..=45).contains(&age);
    let ticket = rng.unit();
    let mut bar = 0.0;
    let mut next = |p: f64, applies: bool| {
        bar += if applies { p } else { 0.0 };
        applies && ticket < bar
    };
    if next(priority_shares::PREGNANCY, childbearing) {
        return StatutoryPriority {
            kind: PriorityKind::Pregnancy,
            since: Some(days_before(round_date, rng.range(7, 200))),
            child_date: None,
        };
    }
    if next(priority_shares::MATERNITY, childbearing) {
        let child = if rng.chance(priority_shares::EXPIRED) {
            days_before(round_date, rng.range(550, 670))
        } else {
            days_before(round_date, rng.below(540))
        };
        // Maternity leave may start up to 11 weeks before the expected week of childbirth [?].
        return StatutoryPriority {
            kind: PriorityKind::Maternity,
            since: Some(days_before(child, rng.below(78))),
            child_date: Some(child),
        };
    }
    if next(priority_shares::ADOPTION, age <= 55) {
        let child = days_before(round_date, rng.below(540));
        return StatutoryPriority {
            kind: PriorityKind::Adoption,
            since: Some(days_before(child, rng.below(15))),
            child_date: Some(child),
        };
    }
    if next(priority_shares::SHARED_PARENTAL, age <= 50) {
        let child = days_before(round_date, rng.below(500));
        let since = (child + Days::new(rng.range(14, 180))).min(round_date);
        return StatutoryPriority {
            kind: PriorityKind::SharedParental,
            since: Some(since),
            child_date: Some(child),
        };
    }
    StatutoryPriority::default()
}

/// Skills held: two to four of the family's, sometimes one transferable skill besides.
fn skills(family: &Family, rng: &mut SplitMix64) -> Vec<String> {
    let count = rng.range(2, 4) as usize;
    let mut held: Vec<String> = rng
        .distinct(family.skills.len(), count)
        .into_iter()
        .map(|i| family.skills[i].to_string())
        .collect();
    if rng.chance(0.3) {
        let extra = TRANSFERABLE_SKILLS[rng.index(TRANSFERABLE_SKILLS.len())];
        if !held.iter().any(|skill| skill == extra) {
            held.push(extra.to_string());
        }
    }
    held
}

/// Up to five vacancies in the person's footprint and family, at their band or one below.
fn ranked(
    context: &Context<'_>,
    footprint: usize,
    family: &'static str,
    band: Band,
    rng: &mut SplitMix64,
) -> Vec<String> {
    let candidates: Vec<usize> = context
        .index
        .find(footprint, family)
        .iter()
        .copied()
        .filter(|&v| {
            let post = context.vacancies[v].band;
            post <= band && band.steps_above(post) <= 1
        })
        .collect();
    let count = rng.range(1, 5) as usize;
    rng.distinct(candidates.len(), count)
        .into_iter()
        .map(|i| context.vacancies[candidates[i]].id.clone())
        .collect()
}

fn person(context: &Context<'_>, employer: usize, id: String, rng: &mut SplitMix64) -> Person {
    let map = context.map;
    let plan = &map.plans[employer];
    let group = Group::of(plan.kind);
    let family = family(rng.weighted(people_families(group)));
    let band = draw_band(people_bands(group), family, rng);
    let female = rng.chance(share::FEMALE);
    let (age, born) = birth(context.round_date, band, rng);
    let start = service_start(context.round_date, born, rng);
    let points = context.pay_scale.points(band).len().max(1) as u64;
    let five_years = years_before(context.round_date, 5);
    let pay_point = if start <= five_years && rng.chance(share::TOP_POINT_AFTER_FIVE_YEARS) {
        points
    } else {
        rng.range(1, points)
    };
    let mut registrations: Vec<String> = family
        .registration
        .map(str::to_string)
        .into_iter()
        .collect();
    if let Some((body, chance)) = extra_registration(family.id)
        && rng.chance(chance)
    {
        registrations.push(body.to_string());
    }
    let priority = priority(context.round_date, female, age, rng);
    let reasonable_adjustment = rng.chance(share::REASONABLE_ADJUSTMENT);
    let disability = if reasonable_adjustment || rng.chance(0.04) {
        "yes"
    } else if rng.chance(0.85) {
        "no"
    } else {
        "prefer not to say"
    };
    let commute_minutes = rng
        .chance(share::COMMUTE_KNOWN)
        .then(|| rng.range(10, 75) as u32);
    let max_travel_minutes = rng
        .chance(share::OWN_TRAVEL_LIMIT)
        .then(|| rng.weighted(&[(30u32, 2), (40, 1), (45, 2), (60, 3)]));
    let ranked_vacancies = if rng.chance(share::RANKS_POSTS) {
        ranked(context, plan.footprint, family.id, band, rng)
    } else {
        Vec::new()
    };
    Person {
        id,
        name: None,
        employer: map.employers[employer].id.clone(),
        site: map.sites[plan.sites[rng.index(plan.sites.len())]]
            .id
            .clone(),
        band,
        pay_point: Some(pay_point as u8),
        salary: context
            .pay_scale
            .salary_at(band, pay_point as u8)
            .unwrap_or(0),
        wte: draw_wte(share::PART_TIME, rng),
        job_family: family.id.to_string(),
        role: Some(title(family, band).to_string()),
        skills: skills(family, rng),
        registrations,
        contract: if rng.chance(share::FIXED_TERM) {
            ContractType::FixedTerm
        } else {
            ContractType::Permanent
        },
        nhs_service_start: start,
        date_of_birth: born,
        priority,
        reasonable_adjustment,
        pension_member: rng.chance(share::PENSION_MEMBER),
        volunteered_vr: rng.chance(share::VOLUNTEERED_VR),
        commute_minutes,
        equality: Equality {
            sex: Some(if female { "female" } else { "male" }.to_string()),
            ethnicity: Some(rng.weighted(&ETHNICITY).to_string()),
            disability: Some(disability.to_string()),
            age_band: Some(Equality::age_band_of(age).to_string()),
        },
        preferences: Preferences {
            ranked_vacancies: redeploy_model::Ranking::strict(ranked_vacancies),
            max_travel_minutes,
        },
    }
}
