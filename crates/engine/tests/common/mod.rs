//! Scenarios built in code for the round tests.
//!
//! One region `R1` with two footprints: `F1` holds employers `E1` and `E2`, `F2` holds `E3`.
//! Each employer has one site (`S1`, `S2`, `S3`); `S1`–`S2` is 20 minutes, `S1`–`S3` and `S2`–`S3`
//! 50 minutes (explicit). The pay scale is Agenda for Change 2025/26 (England). The round date is
//! 1 October 2025. People default to full-time band-appropriate salaries in finance with ten years
//! of service; vacancies default to one full-time permanent finance post with no skills asked.

#![allow(
    dead_code,
    reason = "each test binary that includes this module uses part of it"
)]

pub mod random;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use redeploy_model::{
    Band, ContractType, Employer, EmployerKind, Equality, Footprint, PayScale, Person, Policy,
    Preferences, PriorityKind, Region, Scenario, Site, StatutoryPriority, TravelTime, Vacancy,
};

/// A calendar date; the tests only use valid ones.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// Agenda for Change 2025/26 pay points (England), from `docs/rules.md`.
pub fn pay_scale() -> PayScale {
    let table: [(Band, &[u32]); 12] = [
        (Band::B1, &[24_465]),
        (Band::B2, &[24_465]),
        (Band::B3, &[24_937, 26_598]),
        (Band::B4, &[27_485, 30_162]),
        (Band::B5, &[31_049, 33_487, 37_796]),
        (Band::B6, &[38_682, 40_823, 46_580]),
        (Band::B7, &[47_810, 50_273, 54_710]),
        (Band::B8a, &[55_690, 62_682]),
        (Band::B8b, &[64_455, 74_896]),
        (Band::B8c, &[76_965, 88_682]),
        (Band::B8d, &[91_342, 105_337]),
        (Band::B9, &[109_179, 125_637]),
    ];
    let points: BTreeMap<Band, Vec<u32>> = table
        .into_iter()
        .map(|(band, points)| (band, points.to_vec()))
        .collect();
    PayScale {
        name: "afc-2025-26".into(),
        year: "2025/26".into(),
        source: "test".into(),
        points,
    }
}

/// The top of a band's pay range.
pub fn top_of(band: Band) -> u32 {
    pay_scale().range(band).map_or(30_000, |(_, top)| top)
}

/// The test footprint with nobody in it yet.
pub fn scenario() -> Scenario {
    let employer = |id: &str, footprint: &str| Employer {
        id: id.into(),
        name: format!("{id} Trust"),
        kind: EmployerKind::Acute,
        footprint: footprint.into(),
        associated_with: Vec::new(),
    };
    let site = |id: &str, latitude: f64| Site {
        id: id.into(),
        name: format!("{id} site"),
        latitude,
        longitude: -1.5,
    };
    let travel = |from: &str, to: &str, minutes: u32| TravelTime {
        from: from.into(),
        to: to.into(),
        minutes,
    };
    Scenario {
        name: "test".into(),
        round_date: date(2025, 10, 1),
        seed: 0,
        pay_scale: pay_scale(),
        policy: Policy::default(),
        regions: vec![Region {
            id: "R1".into(),
            name: "Region".into(),
        }],
        footprints: vec![
            Footprint {
                id: "F1".into(),
                name: "Footprint one".into(),
                region: "R1".into(),
            },
            Footprint {
                id: "F2".into(),
                name: "Footprint two".into(),
                region: "R1".into(),
            },
        ],
        employers: vec![
            employer("E1", "F1"),
            employer("E2", "F1"),
            employer("E3", "F2"),
        ],
        sites: vec![site("S1", 53.8), site("S2", 53.9), site("S3", 54.2)],
        travel_times: vec![
            travel("S1", "S2", 20),
            travel("S1", "S3", 50),
            travel("S2", "S3", 50),
        ],
        skills: Vec::new(),
        people: Vec::new(),
        vacancies: Vec::new(),
    }
}

/// The site of the test employers (`E1` → `S1`).
pub fn site_of(employer: &str) -> String {
    employer.replacen('E', "S", 1)
}

/// A full-time finance person at the top of `band`, based at their employer's site, ten years of
/// service, aged 45, no priority.
pub fn person(id: &str, employer: &str, band: Band) -> Person {
    Person {
        id: id.into(),
        name: None,
        employer: employer.into(),
        site: site_of(employer),
        band,
        pay_point: None,
        salary: top_of(band),
        wte: 1.0,
        job_family: "finance".into(),
        role: None,
        skills: Vec::new(),
        registrations: Vec::new(),
        contract: ContractType::Permanent,
        nhs_service_start: date(2015, 4, 1),
        date_of_birth: date(1980, 1, 1),
        priority: StatutoryPriority::default(),
        reasonable_adjustment: false,
        pension_member: true,
        volunteered_vr: false,
        commute_minutes: None,
        equality: Equality::default(),
        preferences: Preferences::default(),
    }
}

/// A person on maternity leave with a child born on `child_date`.
pub fn on_maternity(mut someone: Person, child_date: NaiveDate) -> Person {
    someone.priority = StatutoryPriority {
        kind: PriorityKind::Maternity,
        since: Some(child_date),
        child_date: Some(child_date),
    };
    someone
}

/// One full-time permanent finance post in `band` at the employer's site, asking no skills.
pub fn vacancy(id: &str, employer: &str, band: Band) -> Vacancy {
    Vacancy {
        id: id.into(),
        title: None,
        employer: employer.into(),
        site: site_of(employer),
        band,
        wte: 1.0,
        job_family: "finance".into(),
        essential_skills: Vec::new(),
        trainable_skills: Vec::new(),
        desirable_skills: Vec::new(),
        registration: None,
        posts: 1,
        contract: ContractType::Permanent,
        ring_fenced: false,
        advertised_order: 0,
        ranked_people: redeploy_model::Ranking::default(),
    }
}

/// A ring-fenced vacancy (open to at-risk staff of other employers in scope).
pub fn ring_fenced(mut post: Vacancy) -> Vacancy {
    post.ring_fenced = true;
    post
}

/// The vacancy `person` was placed in, if any.
pub fn placed_in(round: &redeploy_engine::Round, person: &str) -> Option<String> {
    round
        .placements
        .iter()
        .find(|p| p.person == person)
        .map(|p| p.vacancy.clone())
}

/// The default policy with these tiers and slotting-in switched off, so tests of matching see
/// matching alone.
pub fn policy_without_slotting(tiers: &[redeploy_model::Tier]) -> Policy {
    let mut policy = Policy {
        tiers: tiers.to_vec(),
        ..Policy::default()
    };
    policy.slotting.enabled = false;
    policy
}
