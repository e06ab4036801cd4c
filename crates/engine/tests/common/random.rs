//! Random small scenarios and policies for property tests: up to ten people and eight
//! vacancies over the three employers of `common`, four skills (masked fast path) or the same
//! four behind 130 catalogue entries (the skill-by-skill path), every rule's field varied.

use proptest::prelude::*;
use redeploy_model::{
    Band, ContractType, MatchingRule, Policy, PriorityKind, Scenario, Skill, StatutoryPriority,
    Tier, TierMode, TrainableSkill,
};

use super::{date, person, scenario, vacancy};

/// The skills in use.
pub const SKILLS: [&str; 4] = ["ledger", "audit", "payroll", "budgeting"];
/// The job families.
pub const FAMILIES: [&str; 2] = ["finance", "estates"];
/// The employers of `common`.
pub const EMPLOYERS: [&str; 3] = ["E1", "E2", "E3"];

/// The test skills whose bits are set in `mask`.
pub fn skills_of(mask: u8) -> Vec<String> {
    SKILLS
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| (*s).to_string())
        .collect()
}

#[derive(Debug, Clone)]
/// One random person.
pub struct PersonSpec {
    pub employer: usize,
    pub band: usize,
    pub wte: f64,
    pub skills: u8,
    pub registered: bool,
    pub fixed_term: bool,
    pub family: usize,
    pub service_year: i32,
    pub priority: u8,
    pub reasonable_adjustment: bool,
    pub volunteer: bool,
    pub commute: Option<u32>,
    pub ranked: Vec<usize>,
    pub max_travel: Option<u32>,
}

#[derive(Debug, Clone)]
/// One random vacancy.
pub struct VacancySpec {
    pub employer: usize,
    pub band: usize,
    pub wte: f64,
    pub essential: u8,
    pub trainable: Option<(usize, u32)>,
    pub desirable: u8,
    pub registration: bool,
    pub posts: u32,
    pub fixed_term: bool,
    pub ring_fenced: bool,
    pub advertised: u32,
    pub family: usize,
}

/// A random person.
pub fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        (
            0..3usize,
            3..8usize,
            prop::sample::select(vec![0.6, 0.8, 1.0]),
            0..16u8,
        ),
        (
            any::<bool>(),
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.2),
        ),
        (
            1990..2024i32,
            0..4u8,
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.15),
        ),
        (
            prop::option::of(0..40u32),
            prop::collection::vec(0..8usize, 0..3),
            prop::option::of(30..90u32),
        ),
    )
        .prop_map(|(a, b, c, d)| PersonSpec {
            employer: a.0,
            band: a.1,
            wte: a.2,
            skills: a.3,
            registered: b.0,
            fixed_term: b.1,
            family: usize::from(b.2),
            service_year: c.0,
            priority: c.1,
            reasonable_adjustment: c.2,
            volunteer: c.3,
            commute: d.0,
            ranked: d.1,
            max_travel: d.2,
        })
}

/// A random vacancy.
pub fn vacancy_spec() -> impl Strategy<Value = VacancySpec> {
    (
        (
            0..3usize,
            3..8usize,
            prop::sample::select(vec![0.6, 0.8, 1.0]),
            0..16u8,
        ),
        (
            prop::option::of((0..4usize, 0..40u32)),
            0..16u8,
            prop::bool::weighted(0.3),
        ),
        (
            1..3u32,
            prop::bool::weighted(0.2),
            any::<bool>(),
            0..5u32,
            prop::bool::weighted(0.2),
        ),
    )
        .prop_map(|(a, b, c)| VacancySpec {
            employer: a.0,
            band: a.1,
            wte: a.2,
            essential: a.3 & 0b0011,
            trainable: b.0,
            desirable: b.1,
            registration: b.2,
            posts: c.0,
            fixed_term: c.1,
            ring_fenced: c.2,
            advertised: c.3,
            family: usize::from(c.4),
        })
}

/// The scenario of the given people and vacancies (`V00`, `V01`, …).
pub fn build(people: &[PersonSpec], vacancies: &[VacancySpec]) -> Scenario {
    let mut s = scenario();
    for (i, v) in vacancies.iter().enumerate() {
        let band = Band::ALL[v.band];
        let mut post = vacancy(&format!("V{i:02}"), EMPLOYERS[v.employer], band);
        post.wte = v.wte;
        post.essential_skills = skills_of(v.essential);
        post.trainable_skills = v
            .trainable
            .map(|(skill, weeks)| TrainableSkill {
                skill: SKILLS[skill].to_string(),
                weeks,
            })
            .into_iter()
            .collect();
        post.desirable_skills = skills_of(v.desirable);
        post.registration = v.registration.then(|| "NMC".to_string());
        post.posts = v.posts;
        post.contract = if v.fixed_term {
            ContractType::FixedTerm
        } else {
            ContractType::Permanent
        };
        post.ring_fenced = v.ring_fenced;
        post.advertised_order = v.advertised;
        post.job_family = FAMILIES[v.family].to_string();
        s.vacancies.push(post);
    }
    for (i, p) in people.iter().enumerate() {
        let band = Band::ALL[p.band];
        let mut someone = person(&format!("P{i:02}"), EMPLOYERS[p.employer], band);
        someone.wte = p.wte;
        someone.skills = skills_of(p.skills);
        if p.registered {
            someone.registrations = vec!["NMC".to_string()];
        }
        if p.fixed_term {
            someone.contract = ContractType::FixedTerm;
        }
        someone.job_family = FAMILIES[p.family].to_string();
        someone.nhs_service_start = date(p.service_year, 4, 1);
        someone.priority = match p.priority {
            1 => StatutoryPriority {
                kind: PriorityKind::Maternity,
                since: Some(date(2025, 5, 1)),
                child_date: Some(date(2025, 5, 1)),
            },
            2 => StatutoryPriority {
                kind: PriorityKind::Pregnancy,
                since: Some(date(2025, 8, 1)),
                child_date: None,
            },
            _ => StatutoryPriority::default(),
        };
        someone.reasonable_adjustment = p.reasonable_adjustment;
        someone.volunteered_vr = p.volunteer;
        someone.commute_minutes = p.commute;
        someone.preferences.ranked_vacancies = p
            .ranked
            .iter()
            .filter(|&&v| v < vacancies.len())
            .map(|v| format!("V{v:02}"))
            .collect();
        someone.preferences.max_travel_minutes = p.max_travel;
        s.people.push(someone);
    }
    s
}

/// A random policy: tiers, mode, rule, block on external recruitment, slotting, volunteers,
/// band window, travel limits, job family.
pub fn policy_strategy() -> impl Strategy<Value = Policy> {
    let tiers = prop::sample::select(vec![
        vec![Tier::Employer],
        vec![Tier::Employer, Tier::Footprint],
        vec![Tier::Employer, Tier::Footprint, Tier::Region],
        vec![Tier::Footprint],
        vec![Tier::Employer, Tier::Region],
    ]);
    (
        (
            tiers,
            any::<bool>(),
            prop::sample::select(MatchingRule::ALL.to_vec()),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(vec![0.5, 0.67, 1.0]),
        ),
        (any::<bool>(), 0..3u8, 0..2u8, prop::option::of(10..40u32)),
        (any::<bool>(), prop::option::of(10..60u32), any::<bool>()),
    )
        .prop_map(|(a, b, c, d)| {
            let mut policy = Policy {
                tiers: a.0,
                tier_mode: if a.1 {
                    TierMode::Weighted
                } else {
                    TierMode::Sequential
                },
                rule: a.2,
                block_external_recruitment: b.0,
                ..Policy::default()
            };
            policy.slotting.enabled = b.1;
            policy.slotting.threshold = b.2;
            policy.voluntary_redundancy.include_volunteers = c.0;
            policy.sae.max_band_drop = c.1;
            policy.sae.max_band_rise = c.2;
            policy.priority.max_travel_minutes = c.3;
            policy.sae.same_job_family = d.0;
            policy.sae.max_extra_travel_minutes = d.1;
            policy.priority.statutory_first = d.2;
            policy
        })
}

/// A random scenario; one in four lists 130 unused skills before the four in use, so the
/// engine interns them beyond its 128-skill masks and counts skill by skill.
pub fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(person_spec(), 0..10),
        prop::collection::vec(vacancy_spec(), 0..8),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(people, vacancies, wide)| {
            let mut s = build(&people, &vacancies);
            if wide {
                widen_catalogue(&mut s);
            }
            s
        })
}

/// Lists 130 unused skills, then the four in use, at the head of the skills catalogue.
pub fn widen_catalogue(s: &mut Scenario) {
    let unused = (0..130).map(|i| format!("unused-{i:03}"));
    s.skills = unused
        .chain(SKILLS.iter().map(|id| (*id).to_string()))
        .map(|id| Skill {
            name: id.clone(),
            id,
        })
        .collect();
}

/// The footprint of a test employer.
pub fn footprint_of(employer: &str) -> &'static str {
    if employer == "E3" { "F2" } else { "F1" }
}
