//! Dense indices for one round.
//!
//! This module owns [`RoundIndex`]: every id in the scenario interned to a dense position,
//! skills, registrations and job families interned to small integers, each person's statutory
//! priority and redundancy pay worked out once, and the posts bucketed by (scope, band) so that a
//! person's candidate posts are read from a few buckets instead of scanning every vacancy.
//!
//! # Candidate posts
//!
//! A person's candidates are the vacancies a ring-fence tier of the policy could offer them and
//! whose band lies inside the policy's band window. A vacancy is *open* when it is ring-fenced for
//! at-risk staff beyond its employer (`ring_fenced`, or every vacancy when the policy sets
//! `block_external_recruitment`); open vacancies sit in a bucket per (widest-tier scope, band),
//! the others in a bucket per (employer, band), because only the employer's own staff may be
//! offered them. A person's candidates are therefore the open buckets of their widest scope plus
//! the closed buckets of their own employer, over the bands of their window: no pair outside
//! that set is ever looked at.

use std::collections::HashMap;

use chrono::NaiveDate;
use redeploy_model::{Band, ContractType, Policy, Scenario, Tier};

use crate::constraints::{Constraints, RoundConstraints};
use crate::error::Error;
use crate::posts::{Buckets, PostTerms, VacancySkillMasks};
use crate::skills::{SkillMask, SkillSet};
use crate::{PriorityGround, RedundancyPay, TravelTimes, redundancy_pay, statutory_priority};

/// What the engine needs of one person, with every reference interned.
#[derive(Debug, Clone)]
pub(crate) struct PersonEntry {
    pub employer: u32,
    pub footprint: u32,
    pub region: u32,
    pub site: u32,
    pub job_family: u32,
    pub skills: SkillSet,
    /// Interned registrations, sorted.
    pub registrations: Vec<u32>,
    /// Interned vacancies the person ranked with the place of each (0 = first; tied vacancies
    /// share a place), most wanted first (unknown ids dropped).
    pub ranked: Vec<(u32, u32)>,
    pub priority: Option<PriorityGround>,
    pub redundancy: RedundancyPay,
    /// Position of the person's id in sorted id order (the final tie-break).
    pub id_rank: u32,
    /// Whether the person takes part in matching (false for VR volunteers left out and for
    /// people absent from the round).
    pub in_matching: bool,
    /// Whether the person is in this round at all (false when the constraints say absent).
    pub present: bool,
}

/// What the engine needs of one vacancy, with every reference interned: the compact record the
/// hot path reads, and the skill lists as ranges into the index's arenas.
#[derive(Debug, Clone)]
pub(crate) struct VacancyEntry {
    pub terms: PostTerms,
    /// Essential skills that cannot be trained: a range of `skill_arena`.
    essential: (u32, u32),
    /// Desirable skills not already essential: a range of `skill_arena`.
    desirable: (u32, u32),
}

/// Interned scenario plus policy: the input every later stage of a round reads.
pub(crate) struct RoundIndex<'s> {
    /// Employers' rankings of people and the serial order, resolved to positions.
    pub rankings: crate::rules::Rankings,
    pub scenario: &'s Scenario,
    pub policy: &'s Policy,
    /// The round's constraints, resolved.
    pub constraints: RoundConstraints<'s>,
    pub travel: TravelTimes,
    pub people: Vec<PersonEntry>,
    pub vacancies: Vec<VacancyEntry>,
    /// Skill lists of all vacancies, end to end.
    skill_arena: Vec<u32>,
    /// Trainable skills of all vacancies with their weeks, end to end.
    trainable_arena: Vec<(u32, u32)>,
    /// Position in the policy's tier list of the first tier covering each relation (same
    /// employer, same footprint, same region), if any.
    first_tier_for: [Option<u8>; 3],
    /// Footprint of each employer.
    pub employer_footprint: Vec<u32>,
    /// Region of each footprint.
    pub footprint_region: Vec<u32>,
    /// Skill id of each interned skill.
    pub skill_names: Vec<&'s str>,
    /// The widest tier the policy uses.
    pub widest: Tier,
    /// Open vacancies per (widest scope unit, band).
    open_buckets: Buckets,
    /// Vacancies only the employer's own staff may take, per (employer, band).
    closed_buckets: Buckets,
}

const BANDS: usize = Band::ALL.len();

/// Vacancies a tier could offer a person that lie outside their band window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OutsideWindow {
    /// Below the lowest band the window allows.
    pub below: u32,
    /// Above the highest band the window allows.
    pub above: u32,
}

/// Interns strings to dense integers in first-seen order.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, text: &'a str) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(text).or_insert(next)
    }

    /// The interned strings, by their integer.
    fn into_names(self) -> Vec<&'a str> {
        let mut names = vec![""; self.ids.len()];
        for (text, id) in self.ids {
            names[id as usize] = text;
        }
        names
    }
}

/// Maps each id to its position; rejects duplicates.
fn positions<'a>(
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, u32>, Error> {
    let mut map = HashMap::new();
    for (position, id) in ids.enumerate() {
        let position = u32::try_from(position).unwrap_or(u32::MAX);
        if map.insert(id, position).is_some() {
            return Err(Error::DuplicateId {
                kind,
                id: id.to_string(),
            });
        }
    }
    Ok(map)
}

/// Looks an id up, or reports which record named it.
fn resolve(
    map: &HashMap<&str, u32>,
    target: &str,
    record_kind: &'static str,
    record: &str,
    target_kind: &'static str,
) -> Result<u32, Error> {
    map.get(target)
        .copied()
        .ok_or_else(|| Error::UnknownReference {
            record_kind,
            record: record.to_string(),
            target_kind,
            target: target.to_string(),
        })
}

/// Rank of each id in sorted order.
fn id_ranks<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut order: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    order.sort_unstable();
    let mut ranks = vec![0; order.len()];
    for (rank, (_, position)) in order.into_iter().enumerate() {
        ranks[position] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    ranks
}

fn sorted_unique(mut values: Vec<u32>) -> Vec<u32> {
    values.sort_unstable();
    values.dedup();
    values
}

/// For each relation (same employer, same footprint, same region), the position of the first
/// tier in `tiers` whose scope covers it.
fn first_tiers(tiers: &[Tier]) -> [Option<u8>; 3] {
    [Tier::Employer, Tier::Footprint, Tier::Region].map(|relation| {
        tiers
            .iter()
            .position(|&tier| tier >= relation)
            .and_then(|position| u8::try_from(position).ok())
    })
}

impl<'s> RoundIndex<'s> {
    /// Interns the scenario and buckets its vacancies for `policy` under `constraints`.
    pub fn new(
        scenario: &'s Scenario,
        policy: &'s Policy,
        constraints: &'s Constraints,
    ) -> Result<Self, Error> {
        let widest = policy
            .tiers
            .iter()
            .copied()
            .max()
            .ok_or_else(|| Error::NoTiers {
                policy: policy.name.clone(),
            })?;
        let regions = positions("region", scenario.regions.iter().map(|r| r.id.as_str()))?;
        let footprints = positions(
            "footprint",
            scenario.footprints.iter().map(|f| f.id.as_str()),
        )?;
        let employers = positions("employer", scenario.employers.iter().map(|e| e.id.as_str()))?;
        let sites = positions("site", scenario.sites.iter().map(|s| s.id.as_str()))?;
        let vacancy_ids = positions("vacancy", scenario.vacancies.iter().map(|v| v.id.as_str()))?;
        let person_ids = positions("person", scenario.people.iter().map(|p| p.id.as_str()))?;
        let constraints =
            RoundConstraints::resolve(scenario, constraints, &person_ids, &vacancy_ids)?;

        let footprint_region = scenario
            .footprints
            .iter()
            .map(|f| resolve(&regions, &f.region, "footprint", &f.id, "region"))
            .collect::<Result<Vec<_>, _>>()?;
        let employer_footprint = scenario
            .employers
            .iter()
            .map(|e| resolve(&footprints, &e.footprint, "employer", &e.id, "footprint"))
            .collect::<Result<Vec<_>, _>>()?;

        let mut skills = Interner::default();
        for skill in &scenario.skills {
            skills.intern(&skill.id);
        }
        let mut families = Interner::default();
        let mut registrations = Interner::default();
        let block = policy.block_external_recruitment;

        let vacancy_ranks = id_ranks(scenario.vacancies.iter().map(|v| v.id.as_str()));
        let mut skill_arena = Vec::new();
        let mut trainable_arena = Vec::new();
        let push_skills = |arena: &mut Vec<u32>, skills: Vec<u32>| {
            let start = u32::try_from(arena.len()).unwrap_or(u32::MAX);
            arena.extend(skills);
            (start, u32::try_from(arena.len()).unwrap_or(u32::MAX))
        };
        let mut vacancies = Vec::with_capacity(scenario.vacancies.len());
        for (vacancy, id_rank) in scenario.vacancies.iter().zip(vacancy_ranks) {
            let employer = resolve(
                &employers,
                &vacancy.employer,
                "vacancy",
                &vacancy.id,
                "employer",
            )?;
            let site = resolve(&sites, &vacancy.site, "vacancy", &vacancy.id, "site")?;
            let mut trainable: Vec<(u32, u32)> = vacancy
                .trainable_skills
                .iter()
                .map(|t| (skills.intern(&t.skill), t.weeks))
                .collect();
            trainable.sort_unstable();
            trainable.dedup_by_key(|(skill, _)| *skill);
            let is_trainable = |s: &u32| trainable.binary_search_by_key(s, |(k, _)| *k).is_ok();
            let essential_all = sorted_unique(
                vacancy
                    .essential_skills
                    .iter()
                    .map(|s| skills.intern(s))
                    .collect(),
            );
            let essential: Vec<u32> = essential_all
                .iter()
                .copied()
                .filter(|s| !is_trainable(s))
                .collect();
            let desirable = sorted_unique(
                vacancy
                    .desirable_skills
                    .iter()
                    .map(|s| skills.intern(s))
                    .filter(|s| essential_all.binary_search(s).is_err() && !is_trainable(s))
                    .collect(),
            );
            let trainable_skills: Vec<u32> = trainable.iter().map(|(skill, _)| *skill).collect();
            let skill_masks = match (SkillMask::of(&essential), SkillMask::of(&trainable_skills)) {
                (Some(essential), Some(trainable)) => Some(VacancySkillMasks {
                    essential,
                    trainable,
                }),
                _ => None,
            };
            let trainable_range = {
                let start = u32::try_from(trainable_arena.len()).unwrap_or(u32::MAX);
                trainable_arena.extend(trainable.iter().copied());
                (
                    start,
                    u32::try_from(trainable_arena.len()).unwrap_or(u32::MAX),
                )
            };
            let terms = PostTerms {
                vacancy: u32::try_from(vacancies.len()).unwrap_or(u32::MAX),
                employer,
                site,
                job_family: families.intern(&vacancy.job_family),
                registration: vacancy
                    .registration
                    .as_deref()
                    .map(|r| registrations.intern(r)),
                band: u8::try_from(vacancy.band.index()).unwrap_or(u8::MAX),
                fixed_term: vacancy.contract == ContractType::FixedTerm,
                open: block || vacancy.ring_fenced,
                wte: vacancy.wte,
                id_rank,
                trainable: trainable_range,
                masked: skill_masks.is_some(),
                masks: skill_masks.unwrap_or_default(),
            };
            vacancies.push(VacancyEntry {
                terms,
                essential: push_skills(&mut skill_arena, essential),
                desirable: push_skills(&mut skill_arena, desirable),
            });
        }

        let person_ranks = id_ranks(scenario.people.iter().map(|p| p.id.as_str()));
        let include_volunteers = policy.voluntary_redundancy.include_volunteers;
        let mut people = Vec::with_capacity(scenario.people.len());
        for (position, (person, id_rank)) in scenario.people.iter().zip(person_ranks).enumerate() {
            let present = constraints
                .absent(u32::try_from(position).unwrap_or(u32::MAX))
                .is_none();
            let employer = resolve(
                &employers,
                &person.employer,
                "person",
                &person.id,
                "employer",
            )?;
            let site = resolve(&sites, &person.site, "person", &person.id, "site")?;
            let ranked = crate::rules::ranked_ids(
                person.preferences.ranked_vacancies.groups(),
                &vacancy_ids,
            );
            let footprint = employer_footprint[employer as usize];
            people.push(PersonEntry {
                employer,
                footprint,
                region: footprint_region[footprint as usize],
                site,
                job_family: families.intern(&person.job_family),
                skills: SkillSet::new(person.skills.iter().map(|s| skills.intern(s)).collect()),
                registrations: sorted_unique(
                    person
                        .registrations
                        .iter()
                        .map(|r| registrations.intern(r))
                        .collect(),
                ),
                ranked,
                priority: statutory_priority(person, scenario.round_date, &policy.priority),
                redundancy: redundancy_pay(person, scenario.round_date, &policy.redundancy_pay),
                id_rank,
                in_matching: present && (include_volunteers || !person.volunteered_vr),
                present,
            });
        }

        let rankings = crate::rules::Rankings::resolve(scenario, policy, &person_ids)?;
        let mut index = RoundIndex {
            rankings,
            scenario,
            policy,
            constraints,
            travel: TravelTimes::new(scenario),
            people,
            vacancies,
            skill_arena,
            trainable_arena,
            first_tier_for: first_tiers(&policy.tiers),
            employer_footprint,
            footprint_region,
            skill_names: skills.into_names(),
            widest,
            open_buckets: Buckets::default(),
            closed_buckets: Buckets::default(),
        };
        index.fill_buckets();
        Ok(index)
    }

    fn fill_buckets(&mut self) {
        // In vacancy id order, so that each bucket is; a vacancy with no post open this round
        // is no one's candidate.
        let mut terms: Vec<PostTerms> = self
            .vacancies
            .iter()
            .map(|entry| entry.terms)
            .filter(|post| self.constraints.in_round(post.vacancy))
            .collect();
        terms.sort_unstable_by_key(|post| post.id_rank);
        let band = |post: &PostTerms| usize::from(post.band);
        let units = self.unit_count(self.widest);
        self.open_buckets = Buckets::new(units * BANDS, &terms, |post| {
            let unit = self.unit_of_employer(self.widest, post.employer) as usize;
            post.open.then(|| unit * BANDS + band(post))
        });
        self.closed_buckets = Buckets::new(self.scenario.employers.len() * BANDS, &terms, |post| {
            (!post.open).then(|| post.employer as usize * BANDS + band(post))
        });
    }

    /// How many scope units a tier has (employers, footprints or regions).
    pub fn unit_count(&self, tier: Tier) -> usize {
        match tier {
            Tier::Employer => self.scenario.employers.len(),
            Tier::Footprint => self.scenario.footprints.len(),
            Tier::Region => self.scenario.regions.len(),
        }
    }

    /// The scope unit of an employer at a tier.
    pub fn unit_of_employer(&self, tier: Tier, employer: u32) -> u32 {
        match tier {
            Tier::Employer => employer,
            Tier::Footprint => self.employer_footprint[employer as usize],
            Tier::Region => {
                self.footprint_region[self.employer_footprint[employer as usize] as usize]
            }
        }
    }

    /// The id of a scope unit, for logs and reports.
    pub fn unit_id(&self, tier: Tier, unit: u32) -> &'s str {
        let unit = unit as usize;
        match tier {
            Tier::Employer => &self.scenario.employers[unit].id,
            Tier::Footprint => &self.scenario.footprints[unit].id,
            Tier::Region => &self.scenario.regions[unit].id,
        }
    }

    /// Position in the policy's tier list of the first tier that may offer the post to the
    /// person, or `None` when no tier may: the narrowest scope holding both employers (employer,
    /// footprint, region), and, beyond the person's own employer, only vacancies open to other
    /// employers' staff.
    pub fn level_of(&self, who: &PersonEntry, post: &PostTerms) -> Option<u8> {
        if who.employer == post.employer {
            return self.first_tier_for[0];
        }
        if !post.open {
            return None;
        }
        let footprint = self.employer_footprint[post.employer as usize];
        if who.footprint == footprint {
            self.first_tier_for[1]
        } else if who.region == self.footprint_region[footprint as usize] {
            self.first_tier_for[2]
        } else {
            None
        }
    }

    /// The essential skills of a vacancy that cannot be trained.
    pub fn essential_of(&self, vacancy: u32) -> &[u32] {
        let (start, end) = self.vacancies[vacancy as usize].essential;
        &self.skill_arena[start as usize..end as usize]
    }

    /// The trainable skills of a vacancy, with weeks.
    pub fn trainable_of(&self, vacancy: u32) -> &[(u32, u32)] {
        self.trainable_in(&self.vacancies[vacancy as usize].terms)
    }

    /// The trainable skills of a post record, with weeks.
    pub fn trainable_in(&self, post: &PostTerms) -> &[(u32, u32)] {
        let (start, end) = post.trainable;
        &self.trainable_arena[start as usize..end as usize]
    }

    /// The desirable skills of a vacancy (not essential ones).
    pub fn desirable_of(&self, vacancy: u32) -> &[u32] {
        let (start, end) = self.vacancies[vacancy as usize].desirable;
        &self.skill_arena[start as usize..end as usize]
    }

    /// The most bands above their own a person may move to: `sae.max_band_rise`, plus
    /// `sae.reasonable_adjustment_band_rise` for a reasonable adjustment.
    pub fn band_rise(&self, person: u32) -> u32 {
        let sae = &self.policy.sae;
        let mut rise = u32::from(sae.max_band_rise);
        if self.scenario.people[person as usize].reasonable_adjustment {
            rise += u32::from(sae.reasonable_adjustment_band_rise);
        }
        rise
    }

    /// The band window of a person: lowest and highest band index a post may have.
    pub fn band_window(&self, person: u32) -> (usize, usize) {
        let band = self.scenario.people[person as usize].band.index();
        let low = band.saturating_sub(usize::from(self.policy.sae.max_band_drop));
        let high = (band + self.band_rise(person) as usize).min(BANDS - 1);
        (low, high)
    }

    /// Calls `visit` with every candidate vacancy of a person (its record and the first tier
    /// that may offer it): in the widest scope, open to them, with a band inside their window.
    /// Returns how many vacancies a tier could offer the person but the band window left out,
    /// below and above it.
    pub fn for_each_candidate(
        &self,
        person: u32,
        mut visit: impl FnMut(&PostTerms, u8),
    ) -> OutsideWindow {
        let who = &self.people[person as usize];
        let (low, high) = self.band_window(person);
        let mut outside = OutsideWindow::default();
        for band in 0..BANDS {
            let (open, closed) = self.buckets_of(who, band);
            if band < low || band > high {
                let count = u32::try_from(open.len() + closed.len()).unwrap_or(u32::MAX);
                if band < low {
                    outside.below += count;
                } else {
                    outside.above += count;
                }
            } else {
                for post in open.iter().chain(closed) {
                    if let Some(level) = self.level_of(who, post) {
                        visit(post, level);
                    }
                }
            }
        }
        outside
    }

    /// Calls `visit` with every vacancy a tier could offer a person whose band lies just outside
    /// their window (one band below it or one band above it), with the first tier that may offer
    /// it: the posts worth showing as near misses.
    pub fn for_each_just_outside_window(&self, person: u32, mut visit: impl FnMut(&PostTerms, u8)) {
        let who = &self.people[person as usize];
        for bucket in self.buckets_just_outside_window(person) {
            for post in bucket {
                if let Some(level) = self.level_of(who, post) {
                    visit(post, level);
                }
            }
        }
    }

    /// The buckets of the vacancies a tier could offer a person one band below or one band above
    /// their window, each in vacancy id order (every post in them is in the person's scope).
    pub fn buckets_just_outside_window(&self, person: u32) -> impl Iterator<Item = &[PostTerms]> {
        let who = &self.people[person as usize];
        let (low, high) = self.band_window(person);
        let below = low.checked_sub(1);
        let above = (high + 1 < BANDS).then_some(high + 1);
        below.into_iter().chain(above).flat_map(move |band| {
            let (open, closed) = self.buckets_of(who, band);
            [open, closed]
        })
    }

    /// The open bucket of a person's widest scope and the closed bucket of their employer, for
    /// one band.
    fn buckets_of(&self, who: &PersonEntry, band: usize) -> (&[PostTerms], &[PostTerms]) {
        let unit = self.unit_of_employer(self.widest, who.employer) as usize;
        (
            self.open_buckets.get(unit * BANDS + band),
            self.closed_buckets
                .get(who.employer as usize * BANDS + band),
        )
    }

    /// Days from the round date back to the start of continuous service: larger is longer.
    pub fn service_days(&self, person: u32) -> i64 {
        let start: NaiveDate = self.scenario.people[person as usize].nhs_service_start;
        self.scenario
            .round_date
            .signed_duration_since(start)
            .num_days()
    }

    /// The solver's priority class of a person: 1 when they have statutory priority and the
    /// policy places priority first, else 0.
    pub fn priority_class(&self, person: u32) -> u8 {
        let entry = &self.people[person as usize];
        u8::from(entry.priority.is_some() && self.policy.priority.statutory_first)
    }
}
