//! Why a person ended unplaced.
//!
//! This module owns [`WhyUnplaced`](crate::WhyUnplaced) for each unplaced person: how many posts
//! a tier could have offered them, how many each hard rule excluded (and how many it alone
//! excluded), the nearest misses with every rule they failed, and — when suitable posts existed —
//! who got them. Counts come from the eligibility table; only the few near misses shown are
//! assessed again in words.

use crate::eligibility::{Assessment, Rule};
use crate::index::RoundIndex;
use crate::reasons::assess;
use crate::round::{NearMissReport, RuleExclusion, TakenPost, WhyUnplaced};
use crate::table::EligibilityTable;

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
    let excluded_by_rule: Vec<RuleExclusion> = Rule::ALL
        .into_iter()
        .zip(row.excluded.iter().zip(&row.excluded_alone))
        .filter(|(_, (posts, _))| **posts > 0)
        .map(|(rule, (&posts, &alone))| RuleExclusion {
            rule,
            field: rule.field(),
            posts,
            only_reason: (!matches!(rule, Rule::BandDrop | Rule::BandRise)).then_some(alone),
        })
        .collect();
    let nearest_misses = row
        .nearest
        .iter()
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
    let suitable_posts_taken: Vec<TakenPost> = row
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
    let suitable_posts = u32::try_from(row.suitable.len()).unwrap_or(u32::MAX);
    let summary = summary(
        row.candidates,
        outside,
        suitable_posts,
        &excluded_by_rule,
        &suitable_posts_taken,
    );
    WhyUnplaced {
        summary,
        candidate_posts: row.candidates,
        outside_band_window: outside,
        suitable_posts,
        excluded_by_rule,
        nearest_misses,
        suitable_posts_taken,
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
                plural(suitable, "suitable post", "suitable posts")
            );
        }
        return format!(
            "{} existed; {} went to others and the rest were not open to this person at any tier",
            plural(suitable, "suitable post", "suitable posts"),
            taken_count
        );
    }
    if candidates == 0 && outside == 0 {
        return "no tier of the policy could offer this person any vacancy".to_string();
    }
    if candidates == 0 {
        return format!(
            "all {} a tier could offer are outside the band window (sae.max_band_drop, sae.max_band_rise)",
            plural(outside, "post", "posts")
        );
    }
    let commonest = excluded
        .iter()
        .filter(|e| !matches!(e.rule, Rule::BandDrop | Rule::BandRise))
        .max_by_key(|e| (e.posts, std::cmp::Reverse(e.rule)));
    match commonest {
        Some(top) => format!(
            "none of {} inside the band window is suitable; {} excluded {} ({})",
            plural(candidates, "post", "posts"),
            top.rule.as_str(),
            plural(top.posts, "post", "posts"),
            top.field
        ),
        None => format!(
            "none of {} inside the band window is suitable",
            plural(candidates, "post", "posts")
        ),
    }
}
