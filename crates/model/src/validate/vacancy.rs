//! Checks of one vacancy.
//!
//! This module owns what makes a [`Vacancy`] valid: a known employer, site and skills; a band
//! open to new entrants (not band 1); hours above 0 and at most 1.5 whole-time equivalent; at
//! least one post; trainable skills that are among the essential skills, each needing at least
//! a week; and no skill both essential and desirable.

use super::Catalogue;
use super::person::{check_names, check_ranking, check_wte, report};
use crate::error::Problems;
use crate::raw::{RawVacancy, take};
use crate::{Band, TrainableSkill, Vacancy};

use crate::MAX_TRAINING_WEEKS;

/// What checking a vacancy found that building it needs.
pub(crate) struct Checked {
    trainable: Vec<TrainableSkill>,
    /// The place in the advertised order when none is given: the row's place in its table.
    default_order: u32,
}

/// Checks one vacancy (the `index`-th, from 0); `None` if a check failed.
pub(crate) fn check(
    raw: &RawVacancy,
    index: usize,
    ids: &Catalogue<'_>,
    problems: &mut Problems,
) -> Option<Checked> {
    let mut ok = ids
        .employers
        .check(raw.employer.as_ref(), "employer", problems);
    ok &= ids.sites.check(raw.site.as_ref(), "site", problems);
    ok &= check_names(
        raw.essential_skills.as_ref(),
        "essential_skills",
        &ids.skills,
        problems,
    );
    ok &= check_names(
        raw.desirable_skills.as_ref(),
        "desirable_skills",
        &ids.skills,
        problems,
    );
    ok &= check_ranking(
        raw.ranked_people.as_ref(),
        "ranked_people",
        &ids.people,
        problems,
    );
    ok &= check_wte(raw.wte.as_ref(), problems);
    ok &= check_band(raw, problems);
    ok &= check_posts(raw, problems);
    ok &= check_overlap(raw, problems);
    let trainable = check_trainable(raw, ids, problems);
    ok.then_some(())?;
    // The advertised order defaults to the row's place in its table; a row past what a `u32`
    // can number is refused rather than given a wrong place.
    let Ok(default_order) = u32::try_from(index + 1) else {
        if let Some(id) = raw.id.as_ref() {
            problems.at(
                &id.at,
                "id",
                format!(
                    "vacancy number {} of its table, expected at most {} vacancies",
                    index + 1,
                    u32::MAX
                ),
            );
        }
        return None;
    };
    Some(Checked {
        trainable: trainable?,
        default_order,
    })
}

/// Builds a vacancy checked by [`check`]; `None` if a required field is missing.
pub(crate) fn build(raw: RawVacancy, checked: Checked) -> Option<Vacancy> {
    Some(Vacancy {
        id: take(raw.id)?,
        title: take(raw.title),
        employer: take(raw.employer)?,
        site: take(raw.site)?,
        band: take(raw.band)?,
        wte: take(raw.wte).unwrap_or(1.0),
        job_family: take(raw.job_family)?,
        essential_skills: take(raw.essential_skills).unwrap_or_default(),
        trainable_skills: checked.trainable,
        desirable_skills: take(raw.desirable_skills).unwrap_or_default(),
        registration: take(raw.registration),
        posts: take(raw.posts).unwrap_or(1),
        contract: take(raw.contract).unwrap_or_default(),
        ring_fenced: take(raw.ring_fenced).unwrap_or(true),
        advertised_order: take(raw.advertised_order).unwrap_or(checked.default_order),
        ranked_people: take(raw.ranked_people).unwrap_or_default(),
    })
}

fn check_band(raw: &RawVacancy, problems: &mut Problems) -> bool {
    match raw.band.as_ref() {
        Some(band) if band.value == Band::B1 => {
            report(problems, &band.at, "band", "1",
                "band `1` has been closed to new entrants since December 2018, expected band 2 or above".to_string());
            false
        }
        _ => true,
    }
}

fn check_posts(raw: &RawVacancy, problems: &mut Problems) -> bool {
    match raw.posts.as_ref() {
        Some(posts) if posts.value == 0 => {
            report(
                problems,
                &posts.at,
                "posts",
                "0",
                "`0` posts is no vacancy, expected 1 or more identical posts".to_string(),
            );
            false
        }
        _ => true,
    }
}

fn check_overlap(raw: &RawVacancy, problems: &mut Problems) -> bool {
    let (Some(essential), Some(desirable)) =
        (raw.essential_skills.as_ref(), raw.desirable_skills.as_ref())
    else {
        return true;
    };
    let mut ok = true;
    for skill in desirable
        .value
        .iter()
        .filter(|s| essential.value.contains(s))
    {
        report(
            problems,
            &desirable.at,
            "desirable_skills",
            skill,
            format!(
                "`{skill}` is also an essential skill, expected each skill to be either essential or desirable"
            ),
        );
        ok = false;
    }
    ok
}

fn check_trainable(
    raw: &RawVacancy,
    ids: &Catalogue<'_>,
    problems: &mut Problems,
) -> Option<Vec<TrainableSkill>> {
    let Some(trainable) = raw.trainable_skills.as_ref() else {
        return Some(Vec::new());
    };
    let essential = raw
        .essential_skills
        .as_ref()
        .map(|e| e.value.as_slice())
        .unwrap_or(&[]);
    let mut ok = true;
    for (index, entry) in trainable.value.iter().enumerate() {
        let skill = &entry.skill;
        if trainable.value[..index]
            .iter()
            .any(|earlier| earlier.skill == *skill)
        {
            report(
                problems,
                &trainable.at,
                "trainable_skills",
                skill,
                format!("`{skill}` is listed twice, expected each once"),
            );
            ok = false;
        } else if !ids
            .skills
            .check_name(skill, &trainable.at, "trainable_skills", problems)
        {
            ok = false;
        } else if !essential.contains(skill) {
            report(
                problems,
                &trainable.at,
                "trainable_skills",
                skill,
                format!(
                    "`{skill}` is not among the essential skills, expected a trainable skill to be an essential skill that may be learned instead of held"
                ),
            );
            ok = false;
        }
        if entry.weeks == 0 || entry.weeks > MAX_TRAINING_WEEKS {
            report(
                problems,
                &trainable.at,
                "trainable_skills",
                &format!("{skill}:{}", entry.weeks),
                format!(
                    "`{skill}:{}` is out of range, expected from 1 to {MAX_TRAINING_WEEKS} weeks of training",
                    entry.weeks
                ),
            );
            ok = false;
        }
    }
    ok.then(|| {
        trainable
            .value
            .iter()
            .map(|entry| TrainableSkill {
                skill: entry.skill.clone(),
                weeks: entry.weeks,
            })
            .collect()
    })
}
