//! Why a person ended unplaced.
//!
//! This module owns [`WhyUnplaced`] for each unplaced person: how many vacancies
//! a tier could have offered them, how many each hard rule excluded (and how many it alone
//! excluded), the nearest misses with every rule they failed, and — when suitable vacancies existed —
//! who got them. The eligibility table has already assessed every candidate against every rule
//! and kept the counts and nearest misses in the person's row; this adds the posts one band
//! outside the window as near misses (assessed only as far as they could still be among the
//! nearest) and puts the few near misses shown into words.
//!
//! It also owns [`PersonStory`], the whole round of one person for `redeploy run --explain`:
//! every vacancy each tier could offer them, assessed in full, grouped by the first tier that
//! may offer it.

use redeploy_model::{Band, Scenario, Tier, ValidPolicy};
use redeploy_model::{IxVec, PersonIx, VacancyIx};
use serde::Serialize;

use crate::eligibility::{Assessment, Rule, pair_facts};
use crate::error::Error;
use crate::index::{RoundIndex, count};
use crate::person_view::PersonView;
use crate::reasons::assess;
use crate::round::{NearMissReport, RuleExclusion, TakenPost, WhyUnplaced, band_text};
use crate::table::{EligibilityTable, NearestMisses, PersonRow, RULES};
use crate::{Constraints, PriorityGround};

/// Every candidate of one person assessed in full: per rule how many it failed and how many it
/// alone failed, and the nearest misses, including vacancies one band outside the window.
struct FullPicture {
    excluded: [u32; RULES],
    excluded_alone: [u32; RULES],
    nearest: NearestMisses,
}

/// The row's picture of the candidates, with the band window's exclusions and the nearest misses
/// just outside the window added.
fn full_picture(index: &RoundIndex<'_>, row: &PersonRow, person: PersonIx) -> FullPicture {
    let mut picture = FullPicture {
        excluded: row.excluded,
        excluded_alone: row.excluded_alone,
        nearest: row.nearest,
    };
    picture.excluded[Rule::BandDrop as usize] += row.outside_window.below;
    picture.excluded[Rule::BandRise as usize] += row.outside_window.above;
    let view = PersonView::new(index, person);
    for bucket in index.buckets_just_outside_window(person) {
        for group in bucket.groups() {
            // Every post of the group fails a band rule and the travel rules its site fails.
            let fails = 1 + view.site_rules(&bucket.records[group.start]).len();
            for post in &bucket.records[group] {
                // Groups are in id order, so once one cannot be kept, none after it can.
                if !picture.nearest.could_keep(fails, post) {
                    break;
                }
                if let Some(failed) = view.check_within(post, picture.nearest.bound()) {
                    picture.nearest.offer(post, failed);
                }
            }
        }
    }
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
    holders: &IxVec<VacancyIx, Vec<PersonIx>>,
    person: PersonIx,
) -> WhyUnplaced {
    let row = &table.rows[person];
    let outside = row.outside_window.below + row.outside_window.above;
    let picture = full_picture(index, row, person);
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
    let nearest_misses: Vec<NearMissReport> = picture
        .nearest
        .iter()
        .map(|miss| {
            let record = &index.ids.vacancies[miss.vacancy];
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
        .filter(|pair| !holders[pair.vacancy].is_empty())
        .map(|pair| TakenPost {
            vacancy: index.ids.vacancies[pair.vacancy].id.clone(),
            taken_by: holders[pair.vacancy]
                .iter()
                .map(|&p| index.ids.people[p].id.clone())
                .collect(),
        })
        .collect();
    let suitable_vacancies = count(row.suitable.len());
    let mut summary = summary(
        row.candidates,
        outside,
        suitable_vacancies,
        &excluded_by_rule,
        &suitable_vacancies_taken,
    );
    if let Some(nearest) = nearest_misses.first()
        && suitable_vacancies == 0
    {
        let rules: Vec<&str> = nearest.failures.iter().map(|f| f.rule.as_str()).collect();
        summary.push_str(&format!(
            "; the nearest, {}, fails {}",
            nearest.vacancy,
            rules.join(", ")
        ));
    }
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
        let taken_count = count(taken.len());
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
            "{} outside the band window ({}, {})",
            if outside == total && total > 1 {
                "all are".to_string()
            } else if outside == 1 {
                "1 is".to_string()
            } else {
                format!("{outside} are")
            },
            Rule::BandDrop.field(),
            Rule::BandRise.field()
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

/// One person's round, tier by tier: every vacancy a ring-fence tier could offer them, assessed
/// in full (every failed rule with its numbers, or why it is suitable). Built by
/// [`person_story`]; what the round then did with the person is in the [`crate::Round`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonStory {
    /// Person id.
    pub person: String,
    /// Current employer.
    pub employer: String,
    /// Current band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Statutory priority on the round date, if any.
    pub statutory_priority: Option<PriorityGround>,
    /// Whether the person takes part in matching (false for a volunteer for voluntary redundancy
    /// the policy leaves out).
    pub in_matching: bool,
    /// Why the person is absent from this round, when the round's constraints say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent: Option<String>,
    /// The lowest band a post may have for this person.
    #[serde(serialize_with = "band_text")]
    pub lowest_band: Band,
    /// The highest band a post may have for this person.
    #[serde(serialize_with = "band_text")]
    pub highest_band: Band,
    /// The policy's tiers, in order.
    pub tiers: Vec<Tier>,
    /// Every vacancy a tier could offer inside the band window, by first tier then vacancy id.
    pub considered: Vec<ConsideredPost>,
    /// Vacancies a tier could offer below the band window (not assessed further).
    pub below_band_window: u32,
    /// Vacancies a tier could offer above the band window (not assessed further).
    pub above_band_window: u32,
    /// The vacancies one band outside the window, assessed in full: the closest of those
    /// left out.
    pub just_outside_window: Vec<ConsideredPost>,
}

/// One vacancy a tier could offer a person, assessed in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsideredPost {
    /// The first tier of the policy that may offer the vacancy to the person.
    pub tier: Tier,
    /// Vacancy id.
    pub vacancy: String,
    /// Its employer.
    pub employer: String,
    /// Its band.
    #[serde(serialize_with = "band_text")]
    pub band: Band,
    /// Its places.
    pub posts: u32,
    /// The job-content match used for slotting-in (share of the post's listed skills held),
    /// when slotting is enabled and the post is at the person's employer in their band and job
    /// family.
    pub slotting_match: Option<f64>,
    /// Suitable with the reasons and soft costs, or every rule it fails.
    pub assessment: Assessment,
    /// Why the vacancy is on hold this round, when the round's constraints hold it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
}

/// The story of person `person_id` in a round of `scenario` under `policy`; `None` when the
/// scenario has no such person.
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario) -> Result<(), redeploy_engine::Error> {
/// let story = redeploy_engine::person_story(scenario, &scenario.policy.validate()?, "P05")?
///     .expect("P05 is in the scenario");
/// for post in &story.considered {
///     println!("{} at tier {}: suitable {}", post.vacancy, post.tier.as_str(), post.assessment.is_suitable());
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
/// As [`crate::run_round`]: a scenario built in code with broken
/// references.
pub fn person_story(
    scenario: &Scenario,
    policy: &ValidPolicy,
    person_id: &str,
) -> Result<Option<PersonStory>, Error> {
    person_story_constrained(scenario, policy, &crate::constraints::NONE, person_id)
}

/// [`person_story`] in a round under `constraints`: an excluded pair fails
/// [`Rule::Excluded`] with its reason, a held vacancy says so, and an absent person's story says
/// why they are absent.
///
/// # Errors
/// As [`crate::run_round_constrained`].
pub fn person_story_constrained(
    scenario: &Scenario,
    policy: &ValidPolicy,
    constraints: &Constraints,
    person_id: &str,
) -> Result<Option<PersonStory>, Error> {
    let index = RoundIndex::new(scenario, policy, constraints)?;
    let Some(person) = index.ids.person(person_id) else {
        return Ok(None);
    };
    let mut considered = Vec::new();
    let outside = index.for_each_candidate(person, |post, level| {
        considered.push((level, post.vacancy));
    });
    let mut just_outside = Vec::new();
    index.for_each_just_outside_window(person, |post, level| {
        just_outside.push((level, post.vacancy));
    });
    let described = |mut pairs: Vec<(u8, VacancyIx)>| -> Vec<ConsideredPost> {
        pairs.sort_unstable_by_key(|&(level, v)| (level, index.vacancies[v].terms.id_rank));
        pairs
            .into_iter()
            .map(|(level, vacancy)| considered_post(&index, person, vacancy, level))
            .collect()
    };
    let record = index.ids.people[person];
    let window = index.band_window(person);
    let (lowest, highest) = (usize::from(window.low), usize::from(window.high));
    Ok(Some(PersonStory {
        person: record.id.clone(),
        employer: record.employer.clone(),
        band: record.band,
        statutory_priority: index.people[person].priority,
        in_matching: index.people[person].in_matching,
        absent: index.constraints.absent(person).map(str::to_string),
        lowest_band: Band::from_index(lowest).unwrap_or(record.band),
        highest_band: Band::from_index(highest).unwrap_or(record.band),
        tiers: policy.tiers.clone(),
        considered: described(considered),
        below_band_window: outside.below,
        above_band_window: outside.above,
        just_outside_window: described(just_outside),
    }))
}

fn considered_post(
    index: &RoundIndex<'_>,
    person: PersonIx,
    vacancy: VacancyIx,
    level: u8,
) -> ConsideredPost {
    let tiers = &index.policy.tiers;
    let record = index.ids.vacancies[vacancy];
    let who = &index.people[person];
    let post = &index.vacancies[vacancy].terms;
    let slotting_candidate = index.policy.slotting.enabled
        && post.employer == who.employer
        && post.job_family == who.job_family
        && post.band == index.band_window(person).band;
    ConsideredPost {
        tier: tiers[usize::from(level).min(tiers.len() - 1)],
        vacancy: record.id.clone(),
        employer: record.employer.clone(),
        band: record.band,
        posts: record.posts,
        slotting_match: slotting_candidate
            .then(|| pair_facts(index, person, vacancy).content_match()),
        assessment: assess(index, person, vacancy),
        held: index.constraints.held(vacancy).map(str::to_string),
    }
}
