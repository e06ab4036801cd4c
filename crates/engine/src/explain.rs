//! Why a person ended unplaced.
//!
//! This module owns [`WhyUnplaced`] for each unplaced person: how many vacancies
//! a tier could have offered them, how many each hard rule excluded (and how many it alone
//! excluded), the nearest misses with every rule they failed, and — when suitable vacancies existed —
//! who got them. The eligibility table stops at each pair's first failed rule, so the candidates
//! of an unplaced person are assessed again here in full (in parallel over people, by the
//! caller); only the few near misses shown are put into words.

use crate::eligibility::{Assessment, Rule, failed_rules, pair_facts};
use crate::index::RoundIndex;
use crate::reasons::assess;
use crate::round::{NearMissReport, RuleExclusion, TakenPost, WhyUnplaced};
use crate::table::{EligibilityTable, NearMiss, keep_if_near};

const RULES: usize = Rule::ALL.len();

/// Every candidate of one person assessed in full: per rule how many it failed and how many it
/// alone failed, and the nearest misses, including vacancies one band outside the window.
struct FullPicture {
    excluded: [u32; RULES],
    excluded_alone: [u32; RULES],
    nearest: Vec<NearMiss>,
}

fn full_picture(index: &RoundIndex<'_>, person: u32) -> FullPicture {
    let mut picture = FullPicture {
        excluded: [0; RULES],
        excluded_alone: [0; RULES],
        nearest: Vec::new(),
    };
    let outside = index.for_each_candidate(person, |vacancy| {
        if index.pair_level(person, vacancy).is_none() {
            return;
        }
        let failed = failed_rules(index, person, &pair_facts(index, person, vacancy));
        for rule in failed.iter() {
            picture.excluded[rule as usize] += 1;
            if failed.len() == 1 {
                picture.excluded_alone[rule as usize] += 1;
            }
        }
        if !failed.is_empty() {
            keep_if_near(index, &mut picture.nearest, NearMiss { vacancy, failed });
        }
    });
    picture.excluded[Rule::BandDrop as usize] += outside.below;
    picture.excluded[Rule::BandRise as usize] += outside.above;
    index.for_each_just_outside_window(person, |vacancy| {
        if index.pair_level(person, vacancy).is_some() {
            let failed = failed_rules(index, person, &pair_facts(index, person, vacancy));
            keep_if_near(index, &mut picture.nearest, NearMiss { vacancy, failed });
        }
    });
    picture
}

fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// Explains why `person` was not placed; `holders[v]` lists who was placed in vacancy `v`.
pub(crate) fn why_unplaced(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    holders: &[Vec<u32>],
    person: u32,
) -> WhyUnplaced {
    let row = &table.rows[person as usize];
    let outside = row.outside_window.below + row.outside_window.above;
    let picture = full_picture(index, person);
    let excluded_by_rule: Vec<RuleExclusion> = Rule::ALL
        .into_iter()
        .zip(picture.excluded.iter().zip(&picture.excluded_alone))
        .filter(|(_, (vacancies, _))| **vacancies > 0)
        .map(|(rule, (&vacancies, &alone))| RuleExclusion {
            rule,
            field: rule.field(),
            vacancies,
            only_reason: (!matches!(rule, Rule::BandDrop | Rule::BandRise)).then_some(alone),
        })
        .collect();
    let nearest_misses = picture
        .nearest
        .into_iter()
        .map(|miss| {
            let record = &index.scenario.vacancies[miss.vacancy as usize];
            let failures = match assess(index, person, miss.vacancy) {
                Assessment::NotSuitable { failures } => failures,
                Assessment::Suitable { .. } => Vec::new(),
            };
            NearMissReport {
                vacancy: record.id.clone(),
                employer: record.employer.clone(),
                band: record.band,
                failures,
            }
        })
        .collect();
    let suitable_vacancies_taken: Vec<TakenPost> = row
        .suitable
        .iter()
        .filter(|pair| !holders[pair.vacancy as usize].is_empty())
        .map(|pair| TakenPost {
            vacancy: index.scenario.vacancies[pair.vacancy as usize].id.clone(),
            taken_by: holders[pair.vacancy as usize]
                .iter()
                .map(|&p| index.scenario.people[p as usize].id.clone())
                .collect(),
        })
        .collect();
    let suitable_vacancies = u32::try_from(row.suitable.len()).unwrap_or(u32::MAX);
    let summary = summary(
        row.candidates,
        outside,
        suitable_vacancies,
        &excluded_by_rule,
        &suitable_vacancies_taken,
    );
    WhyUnplaced {
        summary,
        candidate_vacancies: row.candidates,
        outside_band_window: outside,
        suitable_vacancies,
        excluded_by_rule,
        nearest_misses,
        suitable_vacancies_taken,
    }
}

fn summary(
    candidates: u32,
    outside: u32,
    suitable: u32,
    excluded: &[RuleExclusion],
    taken: &[TakenPost],
) -> String {
    if suitable > 0 {
        let taken_count = u32::try_from(taken.len()).unwrap_or(u32::MAX);
        if taken_count == suitable {
            return format!(
                "{} existed but went to others",
                plural(suitable, "suitable vacancy", "suitable vacancies")
            );
        }
        return format!(
            "{} existed; {} went to others and the rest were not open to this person at any tier",
            plural(suitable, "suitable vacancy", "suitable vacancies"),
            taken_count
        );
    }
    let total = candidates + outside;
    if total == 0 {
        return "no tier of the policy could offer this person any vacancy".to_string();
    }
    let mut parts = Vec::new();
    if outside > 0 {
        parts.push(format!(
            "{} outside the band window (sae.max_band_drop, sae.max_band_rise)",
            if outside == total && total > 1 {
                "all are".to_string()
            } else if outside == 1 {
                "1 is".to_string()
            } else {
                format!("{outside} are")
            }
        ));
    }
    let commonest = excluded
        .iter()
        .filter(|e| !matches!(e.rule, Rule::BandDrop | Rule::BandRise))
        .max_by_key(|e| (e.vacancies, std::cmp::Reverse(e.rule)));
    if let Some(top) = commonest {
        parts.push(format!(
            "{} excluded {} of the {} inside it ({})",
            top.rule.as_str(),
            top.vacancies,
            candidates,
            top.field
        ));
    }
    format!(
        "none of the {} a tier could offer is suitable: {}",
        plural(total, "vacancy", "vacancies"),
        parts.join("; ")
    )
}
