//! Vacancies: where the posts are, their bands, job families, skills and terms.
//!
//! This module owns turning a number of posts into vacancies. Posts are shared among employers
//! in proportion to their group's share and their own weight ([`POSTS_GROUP_SHARE`],
//! [`posts_weight`]); each employer's posts are then cut into vacancies, most of one post and
//! junior clinical and clerical ones sometimes of several identical posts, until its share is
//! used up exactly.

use std::collections::BTreeMap;

use redeploy_model::{Band, ContractType, TrainableSkill, Vacancy};

use crate::calibration::{
    Group, PART_TIME_WTE, POST_BANDS, POSTS_GROUP_SHARE, SIZE_SPREAD, TRAINING_WEEKS, posts_weight,
    ring_fenced_share, vacancy_shares,
};
use crate::families::{Family, family, post_families, title};
use crate::geography::{EmployerPlan, Geography};
use crate::rng::{SplitMix64, apportion};

/// Vacancies by (footprint, job family), in vacancy order, for preferences.
#[derive(Debug, Default)]
pub(crate) struct VacancyIndex {
    by_footprint_family: BTreeMap<(usize, &'static str), Vec<usize>>,
}

impl VacancyIndex {
    /// Vacancies in the footprint and family, in vacancy order.
    pub(crate) fn find(&self, footprint: usize, family: &'static str) -> &[usize] {
        self.by_footprint_family
            .get(&(footprint, family))
            .map_or(&[], Vec::as_slice)
    }
}

/// Every vacancy of the scenario, and the index of them by footprint and family.
pub(crate) fn generate(
    map: &Geography,
    posts: u32,
    rng: &mut SplitMix64,
) -> (Vec<Vacancy>, VacancyIndex) {
    let weights = employer_weights(&map.plans, &POSTS_GROUP_SHARE, posts_weight, rng);
    let shares = apportion(u64::from(posts), &weights);
    let width = id_width(posts);
    let mut vacancies = Vec::new();
    let mut index = VacancyIndex::default();
    for (employer, &share) in shares.iter().enumerate() {
        let plan = &map.plans[employer];
        let mut left = share as u32;
        while left > 0 {
            let number = vacancies.len() + 1;
            let (vacancy, family) = vacancy(map, employer, format!("V{number:0width$}"), left, rng);
            left -= vacancy.posts;
            index
                .by_footprint_family
                .entry((plan.footprint, family))
                .or_default()
                .push(vacancies.len());
            vacancies.push(vacancy);
        }
    }
    let mut order: Vec<u32> = (1..=vacancies.len() as u32).collect();
    rng.shuffle(&mut order);
    for (vacancy, position) in vacancies.iter_mut().zip(order) {
        vacancy.advertised_order = position;
    }
    (vacancies, index)
}

/// Digits in ids: six, or more for larger counts.
pub(crate) fn id_width(count: u32) -> usize {
    count.to_string().len().max(6)
}

/// Each employer's weight: its group's share split over the group's employers by kind weight
/// and a size factor (0.75–1.25). Groups with no employer drop out.
pub(crate) fn employer_weights(
    plans: &[EmployerPlan],
    group_shares: &[(Group, f64)],
    kind_weight: impl Fn(redeploy_model::EmployerKind) -> f64,
    rng: &mut SplitMix64,
) -> Vec<f64> {
    let raw: Vec<(Group, f64)> = plans
        .iter()
        .map(|plan| {
            let size = 1.0 - SIZE_SPREAD / 2.0 + SIZE_SPREAD * rng.unit();
            (Group::of(plan.kind), kind_weight(plan.kind) * size)
        })
        .collect();
    raw.iter()
        .map(|&(group, weight)| {
            let total: f64 = raw
                .iter()
                .filter(|(g, _)| *g == group)
                .map(|(_, w)| w)
                .sum();
            let share = group_shares
                .iter()
                .find(|(g, _)| *g == group)
                .map_or(0.0, |(_, share)| *share);
            share * weight / total
        })
        .collect()
}

/// A band from `table` among those the family takes (the table's shape within the family's
/// range); the nearest band of the range when the table has none in it.
pub(crate) fn draw_band(table: &[(Band, u32)], family: &Family, rng: &mut SplitMix64) -> Band {
    let (low, high) = family.bands;
    let inside: Vec<(Band, u32)> = table
        .iter()
        .copied()
        .filter(|(band, weight)| (low..=high).contains(band) && *weight > 0)
        .collect();
    if inside.is_empty() {
        return rng.weighted(table).clamp(low, high);
    }
    rng.weighted(&inside)
}

/// Hours as whole-time equivalent: full time, or a part-time pattern with chance `part_time`.
pub(crate) fn draw_wte(part_time: f64, rng: &mut SplitMix64) -> f64 {
    if rng.chance(part_time) {
        f64::from(rng.weighted(&PART_TIME_WTE)) / 100.0
    } else {
        1.0
    }
}

/// One vacancy of at most `left` posts at `employer`, and its family.
fn vacancy(
    map: &Geography,
    employer: usize,
    id: String,
    left: u32,
    rng: &mut SplitMix64,
) -> (Vacancy, &'static str) {
    let plan = &map.plans[employer];
    let family = family(rng.weighted(post_families(plan.kind)));
    let band = draw_band(&POST_BANDS, family, rng);
    let site = plan.sites[rng.index(plan.sites.len())];
    let wte = draw_wte(vacancy_shares::PART_TIME, rng);
    let essential_count = rng.weighted(&[(1usize, 30), (2, 50), (3, 20)]);
    let picked = rng.distinct(family.skills.len(), essential_count + 2);
    let (essential, rest) = picked.split_at(essential_count.min(picked.len()));
    let essential_skills: Vec<String> = essential
        .iter()
        .map(|&i| family.skills[i].to_string())
        .collect();
    let desirable_count = rng.index(3).min(rest.len());
    let desirable_skills: Vec<String> = rest[..desirable_count]
        .iter()
        .map(|&i| family.skills[i].to_string())
        .collect();
    let mut trainable_skills = Vec::new();
    if !essential_skills.is_empty() && rng.chance(vacancy_shares::TRAINABLE) {
        trainable_skills.push(TrainableSkill {
            skill: essential_skills[rng.index(essential_skills.len())].clone(),
            weeks: rng.weighted(&TRAINING_WEEKS),
        });
    }
    let bulk = band <= Band::B5
        && matches!(
            family.id,
            "nursing" | "healthcare-support" | "admin-clerical" | "paramedic" | "allied-health"
        );
    let mut posts = 1;
    while bulk && posts < vacancy_shares::MAX_POSTS && rng.chance(vacancy_shares::EXTRA_POST) {
        posts += 1;
    }
    let contract = if rng.chance(vacancy_shares::FIXED_TERM) {
        ContractType::FixedTerm
    } else {
        ContractType::Permanent
    };
    let ring_fenced = rng.chance(ring_fenced_share(Group::of(plan.kind)));
    let vacancy = Vacancy {
        id,
        title: Some(title(family, band).to_string()),
        employer: map.employers[employer].id.clone(),
        site: map.sites[site].id.clone(),
        band,
        wte,
        job_family: family.id.to_string(),
        essential_skills,
        trainable_skills,
        desirable_skills,
        registration: family.registration.map(str::to_string),
        posts: posts.min(left),
        contract,
        ring_fenced,
        advertised_order: 0,
        ranked_people: redeploy_model::Ranking::default(),
    };
    (vacancy, family.id)
}
