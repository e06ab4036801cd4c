//! Any scenario the model can express survives `write_scenario_toml` → `parse_scenario`
//! unchanged (property test), and the shipped examples survive it too.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::{Index, subsequence};
use redeploy_model::*;

/// Text a user could write: letters, digits, quotes, backslashes, accents, inner spaces (the
/// reader trims the ends of text, so generated text has none there).
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9'\"\\\\é_#=\\[-]{1,8}( [A-Za-z0-9'\"\\\\é_-]{1,6}){0,2}"
}

fn date(from: NaiveDate, days: i64) -> NaiveDate {
    from + Duration::days(days)
}

fn pay_scale() -> impl Strategy<Value = PayScale> {
    let band_points = prop::collection::vec(1u32..200_000, 1..4).prop_map(|mut points| {
        points.sort_unstable();
        points
    });
    (
        text(),
        text(),
        text(),
        prop::collection::vec(band_points, 12),
    )
        .prop_map(|(name, year, source, lists)| PayScale {
            name,
            year,
            source,
            points: Band::ALL.into_iter().zip(lists).collect(),
        })
}

fn policy() -> impl Strategy<Value = Policy> {
    let tiers = subsequence(vec![Tier::Employer, Tier::Footprint, Tier::Region], 1..=3);
    let rule = prop::sample::select(MatchingRule::ALL.to_vec());
    (
        (
            tiers,
            rule,
            any::<bool>(),
            text(),
            0.0f64..=1.0,
            0.0f64..=1.0,
        ),
        (
            0u8..=11,
            proptest::option::of(0u32..=1440),
            0u32..=520,
            0.01f64..=5.0,
            0u32..=200_000,
        ),
        (0u32..=redeploy_model::MAX_WEIGHT, any::<bool>(), 40u32..=75),
    )
        .prop_map(|(a, b, c)| {
            let mut policy = Policy {
                tiers: a.0,
                rule: a.1,
                block_external_recruitment: a.2,
                name: a.3,
                ..Policy::default()
            };
            policy.slotting.threshold = a.4;
            policy.sae.max_wte_increase = a.5;
            policy.sae.max_band_drop = b.0;
            policy.sae.max_extra_travel_minutes = b.1;
            policy.sae.max_training_weeks = b.2;
            policy.redundancy_pay.weeks_per_month = b.3;
            policy.redundancy_pay.salary_floor = b.4.min(policy.redundancy_pay.salary_cap);
            policy.weights.band_drop = c.0;
            policy.voluntary_redundancy.include_volunteers = c.1;
            policy.redundancy_pay.min_pension_age = c.2;
            policy
        })
}

/// Everything of a person that does not refer to another record.
#[derive(Debug, Clone)]
struct PersonParts {
    name: Option<String>,
    band: Band,
    point: Index,
    salary_share: f64,
    use_point: bool,
    wte: f64,
    family: String,
    age_days: i64,
    service_share: f64,
    priority: PriorityKind,
    since_back: i64,
    child_offset: i64,
    flags: (bool, bool, bool),
    commute: Option<u32>,
    equality: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    max_travel: Option<u32>,
    registrations: Vec<String>,
}

fn person_parts() -> impl Strategy<Value = PersonParts> {
    let priority = prop::sample::select(vec![
        PriorityKind::None,
        PriorityKind::Pregnancy,
        PriorityKind::Maternity,
        PriorityKind::Adoption,
        PriorityKind::SharedParental,
    ]);
    let optional_text = || proptest::option::of(text());
    (
        (
            optional_text(),
            prop::sample::select(Band::ALL.to_vec()),
            any::<Index>(),
            0.0f64..=1.0,
            any::<bool>(),
        ),
        (
            (0.0f64..=1.5).prop_filter("hours above 0", |w| *w > 0.0),
            text(),
            16 * 366i64..100 * 365,
            0.0f64..=1.0,
        ),
        (
            priority,
            0i64..2000,
            -2000i64..=294,
            any::<(bool, bool, bool)>(),
            proptest::option::of(0u32..=1440),
        ),
        (
            (
                optional_text(),
                optional_text(),
                optional_text(),
                optional_text(),
            ),
            proptest::option::of(0u32..=1440),
            prop::collection::vec("[A-Z]{3,4}", 0..3),
        ),
    )
        .prop_map(|(a, b, c, d)| PersonParts {
            name: a.0,
            band: a.1,
            point: a.2,
            salary_share: a.3,
            use_point: a.4,
            wte: b.0,
            family: b.1,
            age_days: b.2,
            service_share: b.3,
            priority: c.0,
            since_back: c.1,
            child_offset: c.2,
            flags: c.3,
            commute: c.4,
            equality: d.0,
            max_travel: d.1,
            registrations: d.2,
        })
}

/// Everything of a vacancy that does not refer to another record.
#[derive(Debug, Clone)]
struct VacancyParts {
    title: Option<String>,
    band: Band,
    wte: f64,
    family: String,
    registration: Option<String>,
    posts: u32,
    contract: ContractType,
    ring_fenced: bool,
    order: u32,
    weeks: Vec<u32>,
}

fn vacancy_parts() -> impl Strategy<Value = VacancyParts> {
    (
        proptest::option::of(text()),
        prop::sample::select(Band::ALL[1..].to_vec()),
        (0.0f64..=1.5).prop_filter("hours above 0", |w| *w > 0.0),
        text(),
        proptest::option::of("[A-Z]{3,4}"),
        1u32..=50,
        prop::sample::select(vec![ContractType::Permanent, ContractType::FixedTerm]),
        any::<bool>(),
        any::<u32>(),
        prop::collection::vec(1u32..=520, 5),
    )
        .prop_map(|p| VacancyParts {
            title: p.0,
            band: p.1,
            wte: p.2,
            family: p.3,
            registration: p.4,
            posts: p.5,
            contract: p.6,
            ring_fenced: p.7,
            order: p.8,
            weeks: p.9,
        })
}

/// References of a record: indexes into the lists they point at, and skill picks.
type Refs = (Index, Index, Vec<bool>, Vec<bool>, Vec<bool>);

fn refs() -> impl Strategy<Value = Refs> {
    (
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(any::<bool>(), 5),
        prop::collection::vec(any::<bool>(), 5),
        prop::collection::vec(any::<bool>(), 6),
    )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let organisations = (
        prop::collection::vec(text(), 1..3),
        prop::collection::vec((text(), any::<Index>()), 1..3),
        prop::collection::vec(
            (
                text(),
                any::<Index>(),
                prop::sample::select(EmployerKind::ALL.to_vec()),
            ),
            1..4,
        ),
        prop::collection::vec((text(), -90.0f64..=90.0, -180.0f64..=180.0), 2..5),
        prop::collection::vec((any::<Index>(), any::<Index>(), 0u32..=1440), 0..4),
        prop::collection::vec(text(), 1..6),
    );
    let records = (
        prop::collection::vec((person_parts(), refs()), 0..5),
        prop::collection::vec((vacancy_parts(), refs()), 0..5),
    );
    (
        text(),
        0i64..20_000,
        0u64..=i64::MAX as u64,
        pay_scale(),
        policy(),
        organisations,
        records,
    )
        .prop_map(|(name, round, seed, pay_scale, policy, orgs, records)| {
            let round_date = date(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(), round);
            let mut scenario = Scenario {
                name,
                round_date,
                seed,
                pay_scale,
                policy,
                regions: Vec::new(),
                footprints: Vec::new(),
                employers: Vec::new(),
                sites: Vec::new(),
                travel_times: Vec::new(),
                skills: Vec::new(),
                people: Vec::new(),
                vacancies: Vec::new(),
            };
            build_organisations(&mut scenario, orgs);
            let vacancy_ids: Vec<String> = (0..records.1.len()).map(|i| format!("V{i}")).collect();
            for (i, (parts, refs)) in records.0.into_iter().enumerate() {
                let person = build_person(&scenario, i, parts, &refs, &vacancy_ids);
                scenario.people.push(person);
            }
            for (i, (parts, refs)) in records.1.into_iter().enumerate() {
                let vacancy = build_vacancy(&scenario, i, parts, &refs);
                scenario.vacancies.push(vacancy);
            }
            scenario
        })
}

type Organisations = (
    Vec<String>,
    Vec<(String, Index)>,
    Vec<(String, Index, EmployerKind)>,
    Vec<(String, f64, f64)>,
    Vec<(Index, Index, u32)>,
    Vec<String>,
);

fn build_organisations(scenario: &mut Scenario, orgs: Organisations) {
    let (regions, footprints, employers, sites, travel, skills) = orgs;
    scenario.regions = regions
        .into_iter()
        .enumerate()
        .map(|(i, name)| Region {
            id: format!("R{i}"),
            name,
        })
        .collect();
    let region_count = scenario.regions.len();
    scenario.footprints = footprints
        .into_iter()
        .enumerate()
        .map(|(i, (name, region))| Footprint {
            id: format!("F{i}"),
            name,
            region: format!("R{}", region.index(region_count)),
        })
        .collect();
    let footprint_count = scenario.footprints.len();
    scenario.employers = employers
        .into_iter()
        .enumerate()
        .map(|(i, (name, footprint, kind))| Employer {
            id: format!("E{i}"),
            name,
            kind,
            footprint: format!("F{}", footprint.index(footprint_count)),
            associated_with: Vec::new(),
        })
        .collect();
    // Some employers are declared associated with the one before them in the same footprint.
    for i in 1..scenario.employers.len() {
        let (before, this) = scenario.employers.split_at_mut(i);
        let previous = &before[i - 1];
        if previous.footprint == this[0].footprint && this[0].name.len() % 2 == 0 {
            this[0].associated_with.push(previous.id.clone());
        }
    }
    scenario.sites = sites
        .into_iter()
        .enumerate()
        .map(|(i, (name, latitude, longitude))| Site {
            id: format!("S{i}"),
            name,
            latitude,
            longitude,
        })
        .collect();
    let site_count = scenario.sites.len();
    let mut pairs = Vec::new();
    for (from, to, minutes) in travel {
        let (a, b) = (from.index(site_count), to.index(site_count));
        if a != b && !pairs.contains(&(a.min(b), a.max(b))) {
            pairs.push((a.min(b), a.max(b)));
            scenario.travel_times.push(TravelTime {
                from: format!("S{a}"),
                to: format!("S{b}"),
                minutes,
            });
        }
    }
    scenario.skills = skills
        .into_iter()
        .enumerate()
        .map(|(i, name)| Skill {
            id: format!("K{i}"),
            name,
        })
        .collect();
}

fn employer_id(scenario: &Scenario, index: Index) -> String {
    scenario.employers[index.index(scenario.employers.len())]
        .id
        .clone()
}

fn site_id(scenario: &Scenario, index: Index) -> String {
    scenario.sites[index.index(scenario.sites.len())].id.clone()
}

fn picked(ids: &[String], picks: &[bool]) -> Vec<String> {
    ids.iter()
        .zip(picks)
        .filter(|(_, pick)| **pick)
        .map(|(id, _)| id.clone())
        .collect()
}

fn build_person(
    scenario: &Scenario,
    i: usize,
    p: PersonParts,
    refs: &Refs,
    vacancies: &[String],
) -> Person {
    let skill_ids: Vec<String> = scenario.skills.iter().map(|s| s.id.clone()).collect();
    let points = scenario.pay_scale.points(p.band);
    let (pay_point, salary) = if p.use_point {
        let index = p.point.index(points.len());
        (Some(u8::try_from(index + 1).unwrap()), points[index])
    } else {
        let (low, high) = (points[0], points[points.len() - 1]);
        (
            None,
            low + ((f64::from(high - low)) * p.salary_share) as u32,
        )
    };
    let born = scenario.round_date - Duration::days(p.age_days);
    let sixteen = born
        .checked_add_months(chrono::Months::new(16 * 12))
        .unwrap();
    let span = (scenario.round_date - sixteen).num_days().max(0);
    let start = sixteen + Duration::days((span as f64 * p.service_share) as i64);
    let priority = match p.priority {
        PriorityKind::None => StatutoryPriority::default(),
        kind => StatutoryPriority {
            kind,
            since: Some(scenario.round_date - Duration::days(p.since_back)),
            child_date: Some(scenario.round_date + Duration::days(p.child_offset)),
        },
    };
    Person {
        id: format!("P{i}"),
        name: p.name,
        employer: employer_id(scenario, refs.0),
        site: site_id(scenario, refs.1),
        band: p.band,
        pay_point,
        salary,
        wte: p.wte,
        job_family: p.family,
        role: None,
        skills: picked(&skill_ids, &refs.2),
        registrations: p
            .registrations
            .iter()
            .enumerate()
            .filter(|(k, r)| !p.registrations[..*k].contains(r))
            .map(|(_, r)| r.clone())
            .collect(),
        contract: if p.flags.0 {
            ContractType::FixedTerm
        } else {
            ContractType::Permanent
        },
        nhs_service_start: start,
        date_of_birth: born,
        priority,
        reasonable_adjustment: p.flags.1,
        pension_member: p.flags.2,
        volunteered_vr: p.flags.0 && p.flags.1,
        commute_minutes: p.commute,
        equality: Equality {
            sex: p.equality.0,
            ethnicity: p.equality.1,
            disability: p.equality.2,
            age_band: p.equality.3,
        },
        preferences: Preferences {
            ranked_vacancies: redeploy_model::Ranking::strict(picked(vacancies, &refs.4)),
            max_travel_minutes: p.max_travel,
        },
    }
}

fn build_vacancy(scenario: &Scenario, i: usize, v: VacancyParts, refs: &Refs) -> Vacancy {
    let skill_ids: Vec<String> = scenario.skills.iter().map(|s| s.id.clone()).collect();
    let essential = picked(&skill_ids, &refs.2);
    let trainable = essential
        .iter()
        .zip(&refs.3)
        .zip(&v.weeks)
        .filter(|((_, pick), _)| **pick)
        .map(|((skill, _), weeks)| TrainableSkill {
            skill: skill.clone(),
            weeks: *weeks,
        })
        .collect();
    let desirable = skill_ids
        .iter()
        .zip(&refs.4)
        .filter(|(s, pick)| **pick && !essential.contains(s))
        .map(|(s, _)| s.clone())
        .collect();
    Vacancy {
        id: format!("V{i}"),
        title: v.title,
        employer: employer_id(scenario, refs.0),
        site: site_id(scenario, refs.1),
        band: v.band,
        wte: v.wte,
        job_family: v.family,
        essential_skills: essential,
        trainable_skills: trainable,
        desirable_skills: desirable,
        registration: v.registration,
        posts: v.posts,
        contract: v.contract,
        ring_fenced: v.ring_fenced,
        advertised_order: v.order,
        ranked_people: redeploy_model::Ranking::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_scenario_survives_write_then_read(scenario in scenario()) {
        let written = write_scenario_toml(&scenario);
        let read = parse_scenario(&written, Path::new("written.toml"));
        prop_assert!(read.is_ok(), "the written scenario should read back:\n{}\n---\n{written}", read.unwrap_err());
        prop_assert_eq!(read.unwrap(), scenario, "reading back should give the same scenario");
    }
}

#[test]
fn the_shipped_examples_survive_write_then_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples");
    for name in ["small", "footprint"] {
        let scenario = load_scenario(&root.join(name).join("scenario.toml")).unwrap();
        let written = write_scenario_toml(&scenario);
        let read = parse_scenario(&written, Path::new("written.toml")).unwrap();
        assert_eq!(
            read, scenario,
            "example `{name}` should survive a round trip"
        );
    }
}
