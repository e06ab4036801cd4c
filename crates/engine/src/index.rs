//! The interned scenario of one round.
//!
//! This module owns [`RoundIndex`]: the scenario as the model indexed it (typed ids, references
//! resolved), the policy (validated by the model), the round's constraints resolved, and what every
//! stage reads of each person and vacancy: skills, registrations and job families interned to
//! small integers, each vacancy's compact post record, each person's statutory priority and
//! redundancy pay worked out once, and the ring-fence scope units. The candidate buckets and the
//! band window are in `candidates.rs`; one person's side of every hard rule in `person_view.rs`.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use redeploy_model::{
    Band, ContractType, EmployerIx, FootprintIx, IndexedScenario, Ix, IxVec, PersonIx, RegionIx,
    Scenario, SiteIx, Tier, VacancyIx, ValidPolicy,
};

use crate::candidates::{CandidateBuckets, band_ordinal};
use crate::constraints::{Constraints, RoundConstraints};
use crate::error::Error;
use crate::posts::{PostTerms, VacancySkillMasks};
use crate::skills::{SkillId, SkillMask, SkillSet};
use crate::{PriorityGround, RedundancyPay, TravelTimes, redundancy_pay, statutory_priority};

/// What the engine needs of one person, with every reference interned.
#[derive(Debug, Clone)]
pub(crate) struct PersonEntry {
    pub employer: EmployerIx,
    pub footprint: FootprintIx,
    pub region: RegionIx,
    pub site: SiteIx,
    pub job_family: u32,
    pub skills: SkillSet,
    /// Interned registrations, sorted.
    pub registrations: Vec<u32>,
    /// Interned vacancies the person ranked with the place of each (0 = first; tied vacancies
    /// share a place), most wanted first (unknown ids dropped).
    pub ranked: Vec<(VacancyIx, u32)>,
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
    /// The scenario's records at typed positions, references resolved (by the model).
    pub ids: IndexedScenario<'s>,
    pub policy: &'s ValidPolicy,
    /// The round's constraints, resolved.
    pub constraints: RoundConstraints<'s>,
    /// Journey times between sites (shared with rounds decided again on the same sites).
    pub travel: std::sync::Arc<TravelTimes>,
    pub people: IxVec<PersonIx, PersonEntry>,
    pub vacancies: IxVec<VacancyIx, VacancyEntry>,
    /// Skill lists of all vacancies, end to end.
    skill_arena: Vec<SkillId>,
    /// Trainable skills of all vacancies with their weeks, end to end.
    trainable_arena: Vec<(SkillId, u32)>,
    /// Skill id of each interned skill, by [`SkillId::position`].
    skill_names: Vec<&'s str>,
    /// The widest tier the policy uses.
    pub widest: Tier,
    /// The candidate buckets (`candidates.rs`).
    pub candidates: CandidateBuckets,
}

pub(crate) const BANDS: usize = Band::ALL.len();

/// A count of records of one kind (people, vacancies, a person's candidates): at most
/// `u32::MAX`, which the model proved when it indexed the scenario ([`IxVec::new`]), so the
/// conversion never fails for a count taken from a round.
pub(crate) fn count(n: usize) -> u32 {
    // A count of a round's records is bounded by an IxVec's length, itself at most u32::MAX.
    debug_assert!(
        u32::try_from(n).is_ok(),
        "a count of records beyond u32::MAX"
    );
    n as u32
}

/// A position in a skill arena (every vacancy's skill lists end to end), refused beyond
/// `u32::MAX` listed skills.
fn arena_position(len: usize) -> Result<u32, Error> {
    u32::try_from(len).map_err(|_| {
        Error::Scenario(redeploy_model::Error::Records(format!(
            "the vacancies list more than {} skills in all",
            u32::MAX
        )))
    })
}

/// A scope unit at one tier (an employer, a footprint or a region), by its position among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ScopeUnit(u32);

impl ScopeUnit {
    /// The unit's position among the tier's units.
    pub fn position(self) -> usize {
        self.0 as usize
    }
}

/// Interns strings to dense integers in first-seen order.
#[derive(Default)]
struct Interner<'a> {
    ids: FxHashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, text: &'a str) -> u32 {
        // At most one string per field of a record, far below u32::MAX distinct ones.
        let next = count(self.ids.len());
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

/// Interns skill ids to [`SkillId`]s.
#[derive(Default)]
struct SkillInterner<'a>(Interner<'a>);

impl<'a> SkillInterner<'a> {
    fn intern(&mut self, text: &'a str) -> SkillId {
        SkillId::interned(self.0.intern(text))
    }
}

/// Rank of each id in sorted order.
fn id_ranks<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut order: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    order.sort_unstable();
    let mut ranks = vec![0; order.len()];
    for (rank, (_, position)) in order.into_iter().enumerate() {
        ranks[position] = count(rank);
    }
    ranks
}

fn sorted_unique<T: Ord>(mut values: Vec<T>) -> Vec<T> {
    values.sort_unstable();
    values.dedup();
    values
}

impl<'s> RoundIndex<'s> {
    /// Interns the scenario and buckets its vacancies for `policy` under `constraints`.
    pub fn new(
        scenario: &'s Scenario,
        policy: &'s ValidPolicy,
        constraints: &'s Constraints,
    ) -> Result<Self, Error> {
        Self::with_travel(scenario, policy, constraints, None)
    }

    /// As [`RoundIndex::new`], with the journey times `travel` when given: those of a scenario
    /// with the same sites and journey times (`rerun.rs`).
    pub fn with_travel(
        scenario: &'s Scenario,
        policy: &'s ValidPolicy,
        constraints: &'s Constraints,
        travel: Option<std::sync::Arc<TravelTimes>>,
    ) -> Result<Self, Error> {
        let widest = policy.limits().widest;
        let ids = scenario.indexed()?;
        let constraints = RoundConstraints::resolve(&ids, constraints)?;

        let mut skills = SkillInterner::default();
        for skill in &scenario.skills {
            skills.intern(&skill.id);
        }
        let mut families = Interner::default();
        let mut registrations = Interner::default();
        let block = policy.block_external_recruitment;

        let vacancy_ranks = id_ranks(scenario.vacancies.iter().map(|v| v.id.as_str()));
        let mut skill_arena = Vec::new();
        let mut trainable_arena = Vec::new();
        let push_skills =
            |arena: &mut Vec<SkillId>, skills: Vec<SkillId>| -> Result<(u32, u32), Error> {
                let start = arena_position(arena.len())?;
                arena.extend(skills);
                Ok((start, arena_position(arena.len())?))
            };
        let mut vacancies = Vec::with_capacity(scenario.vacancies.len());
        for ((position, vacancy), id_rank) in ids.vacancies.iter_ids().zip(vacancy_ranks) {
            let employer = ids.vacancy_employer[position];
            let site = ids.vacancy_site[position];
            let mut trainable: Vec<(SkillId, u32)> = vacancy
                .trainable_skills
                .iter()
                .map(|t| (skills.intern(&t.skill), t.weeks))
                .collect();
            trainable.sort_unstable();
            trainable.dedup_by_key(|(skill, _)| *skill);
            let is_trainable = |s: &SkillId| trainable.binary_search_by_key(s, |(k, _)| *k).is_ok();
            let essential_all = sorted_unique(
                vacancy
                    .essential_skills
                    .iter()
                    .map(|s| skills.intern(s))
                    .collect(),
            );
            let essential: Vec<SkillId> = essential_all
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
            let trainable_skills: Vec<SkillId> =
                trainable.iter().map(|(skill, _)| *skill).collect();
            let skill_masks = match (SkillMask::of(&essential), SkillMask::of(&trainable_skills)) {
                (Some(essential), Some(trainable)) => Some(VacancySkillMasks {
                    essential,
                    trainable,
                }),
                _ => None,
            };
            let trainable_range = {
                let start = arena_position(trainable_arena.len())?;
                trainable_arena.extend(trainable.iter().copied());
                (start, arena_position(trainable_arena.len())?)
            };
            let terms = PostTerms {
                vacancy: position,
                employer,
                site,
                job_family: families.intern(&vacancy.job_family),
                registration: vacancy
                    .registration
                    .as_deref()
                    .map(|r| registrations.intern(r)),
                band: band_ordinal(policy.sae.band_1.rule_index(vacancy.band.index())),
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
                essential: push_skills(&mut skill_arena, essential)?,
                desirable: push_skills(&mut skill_arena, desirable)?,
            });
        }

        let person_ranks = id_ranks(scenario.people.iter().map(|p| p.id.as_str()));
        let include_volunteers = policy.voluntary_redundancy.include_volunteers;
        let mut people = Vec::with_capacity(scenario.people.len());
        for ((position, person), id_rank) in ids.people.iter_ids().zip(person_ranks) {
            let present = constraints.absent(position).is_none();
            let employer = ids.person_employer[position];
            let site = ids.person_site[position];
            let ranked =
                crate::rules::ranked_ids(person.preferences.ranked_vacancies.groups(), |id| {
                    ids.vacancy(id)
                });
            let footprint = ids.employer_footprint[employer];
            people.push(PersonEntry {
                employer,
                footprint,
                region: ids.footprint_region[footprint],
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

        let people = IxVec::new(people)?;
        let vacancies = IxVec::new(vacancies)?;
        let rankings = crate::rules::Rankings::resolve(scenario, policy, &ids)?;
        let travel = travel.unwrap_or_else(|| std::sync::Arc::new(TravelTimes::new(&ids)));
        let mut index = RoundIndex {
            travel,
            rankings,
            scenario,
            ids,
            policy,
            constraints,
            people,
            vacancies,
            skill_arena,
            trainable_arena,
            skill_names: skills.0.into_names(),
            widest,
            candidates: CandidateBuckets::default(),
        };
        index.candidates = CandidateBuckets::new(&index);
        Ok(index)
    }

    /// How many scope units a tier has (employers, footprints or regions).
    pub fn unit_count(&self, tier: Tier) -> usize {
        match tier {
            Tier::Employer => self.ids.employers.len(),
            Tier::Footprint => self.ids.footprints(),
            Tier::Region => self.ids.regions,
        }
    }

    /// Whether two employers are one for the statutory duties: the same employer, or employers
    /// declared associated (`associated_with`, ERA 1996 s231). Regulation 10 priority and the
    /// employer tier reach exactly these employers' vacancies.
    pub fn associated(&self, a: EmployerIx, b: EmployerIx) -> bool {
        self.ids.employer_group[a] == self.ids.employer_group[b]
    }

    /// The scope unit of an employer at a tier (at the employer tier, its association group,
    /// named by its first employer).
    pub fn unit_of_employer(&self, tier: Tier, employer: EmployerIx) -> ScopeUnit {
        let footprint = self.ids.employer_footprint[employer];
        ScopeUnit(match tier {
            Tier::Employer => self.ids.employer_group[employer].raw(),
            Tier::Footprint => footprint.raw(),
            Tier::Region => self.ids.footprint_region[footprint].raw(),
        })
    }

    /// The id of a scope unit, for logs and reports.
    pub fn unit_id(&self, tier: Tier, unit: ScopeUnit) -> &'s str {
        let unit = unit.position();
        match tier {
            Tier::Employer => &self.scenario.employers[unit].id,
            Tier::Footprint => &self.scenario.footprints[unit].id,
            Tier::Region => &self.scenario.regions[unit].id,
        }
    }

    /// Position in the policy's tier list of the first tier that may offer the post to the
    /// person, or `None` when no tier may: the narrowest scope holding both employers (employer
    /// and its associates, footprint, region), and, beyond the person's own employer and its
    /// associates, only vacancies open to other employers' staff.
    pub fn level_of(&self, who: &PersonEntry, post: &PostTerms) -> Option<u8> {
        if self.associated(who.employer, post.employer) {
            return self.policy.limits().first_tier_for[0];
        }
        if !post.open {
            return None;
        }
        let footprint = self.ids.employer_footprint[post.employer];
        if who.footprint == footprint {
            self.policy.limits().first_tier_for[1]
        } else if who.region == self.ids.footprint_region[footprint] {
            self.policy.limits().first_tier_for[2]
        } else {
            None
        }
    }

    /// The id of an interned skill, for words.
    pub fn skill_name(&self, skill: SkillId) -> &'s str {
        self.skill_names[skill.position()]
    }

    /// The essential skills of a vacancy that cannot be trained.
    pub fn essential_of(&self, vacancy: VacancyIx) -> &[SkillId] {
        let (start, end) = self.vacancies[vacancy].essential;
        &self.skill_arena[start as usize..end as usize]
    }

    /// The trainable skills of a vacancy, with weeks.
    pub fn trainable_of(&self, vacancy: VacancyIx) -> &[(SkillId, u32)] {
        self.trainable_in(&self.vacancies[vacancy].terms)
    }

    /// The trainable skills of a post record, with weeks.
    pub fn trainable_in(&self, post: &PostTerms) -> &[(SkillId, u32)] {
        let (start, end) = post.trainable;
        &self.trainable_arena[start as usize..end as usize]
    }

    /// The desirable skills of a vacancy (not essential ones).
    pub fn desirable_of(&self, vacancy: VacancyIx) -> &[SkillId] {
        let (start, end) = self.vacancies[vacancy].desirable;
        &self.skill_arena[start as usize..end as usize]
    }

    /// Days from the round date back to the start of continuous service: larger is longer.
    pub fn service_days(&self, person: PersonIx) -> i64 {
        let start: NaiveDate = self.ids.people[person].nhs_service_start;
        self.scenario
            .round_date
            .signed_duration_since(start)
            .num_days()
    }

    /// The solver's priority class of a person (larger is placed first). Statutory priority
    /// (when `priority_applies`: at the person's own employer or an associated one, regulation
    /// 10) gives 1 when the
    /// policy places priority first; with `priority.permanent_before_fixed_term`, priority gives
    /// 2, a permanent contract 1 and a fixed-term one 0.
    pub fn person_class(&self, person: PersonIx, priority_applies: bool) -> u8 {
        let rules = &self.policy.priority;
        let priority =
            priority_applies && rules.statutory_first && self.people[person].priority.is_some();
        if !rules.permanent_before_fixed_term {
            return u8::from(priority);
        }
        if priority {
            2
        } else {
            u8::from(self.ids.people[person].contract == ContractType::Permanent)
        }
    }
}
