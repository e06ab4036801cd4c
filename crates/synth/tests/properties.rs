//! Invariants of generated scenarios on random small configurations: the sizes asked for, the
//! employer structure, dates that agree with each other, preferences that make sense, and
//! acceptance by the model's validating loader.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use redeploy_model::{Band, EmployerKind, PriorityKind, parse_scenario, write_scenario_toml};
use redeploy_synth::{SynthConfig, generate};

fn config() -> impl Strategy<Value = SynthConfig> {
    (
        1u32..=12,
        1u32..=9,
        0u32..=200,
        0u32..=400,
        0..=redeploy_synth::MAX_SEED,
        0i64..=3_000,
    )
        .prop_map(
            |(footprints, employers_per_footprint, people, posts, seed, days)| SynthConfig {
                footprints,
                employers_per_footprint,
                people,
                posts,
                seed,
                round_date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                    + chrono::Duration::days(days),
                ..SynthConfig::default()
            },
        )
}

fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_scenarios_have_the_asked_shape_and_validate(config in config()) {
        let scenario = generate(&config).unwrap();
        prop_assert_eq!(scenario.people.len(), config.people as usize);
        let posts: u32 = scenario.vacancies.iter().map(|v| v.posts).sum();
        prop_assert_eq!(posts, config.posts, "posts must add up to the number asked for");

        let count = |kind| scenario.employers.iter().filter(|e| e.kind == kind).count() as u32;
        prop_assert_eq!(count(EmployerKind::Icb), config.footprints, "one ICB per footprint");
        prop_assert_eq!(count(EmployerKind::Ambulance) as usize, scenario.regions.len(), "one ambulance trust per region");
        prop_assert_eq!(count(EmployerKind::Csu), config.footprints.div_ceil(8), "one CSU per eight footprints");
        prop_assert_eq!(
            scenario.employers.len() as u32,
            config.footprints * config.employers_per_footprint
                + scenario.regions.len() as u32
                + config.footprints.div_ceil(8)
        );

        let footprint_of: BTreeMap<&str, &str> = scenario
            .employers
            .iter()
            .map(|e| (e.id.as_str(), e.footprint.as_str()))
            .collect();
        let vacancies: BTreeMap<&str, _> =
            scenario.vacancies.iter().map(|v| (v.id.as_str(), v)).collect();
        for vacancy in &scenario.vacancies {
            prop_assert!(vacancy.band != Band::B1, "band 1 is closed to new entrants");
        }
        for person in &scenario.people {
            let age = age_on(person.date_of_birth, config.round_date);
            prop_assert!((20..=68).contains(&age), "{} is {age}", person.id);
            let band = person.equality.age_band.as_deref().unwrap();
            let (low, high) = band.split_once('-').map_or((65, 200), |(l, h)| (l.parse().unwrap(), h.parse().unwrap()));
            prop_assert!((low..=high).contains(&age), "{} aged {age} is in age band {band}", person.id);
            let eighteen = person.date_of_birth.checked_add_months(chrono::Months::new(216)).unwrap();
            prop_assert!(person.nhs_service_start >= eighteen && person.nhs_service_start <= config.round_date);
            if matches!(person.priority.kind, PriorityKind::Pregnancy | PriorityKind::Maternity) {
                prop_assert_eq!(person.equality.sex.as_deref(), Some("female"));
            }
            for id in person.preferences.ranked_vacancies.ids() {
                let post = vacancies[id.as_str()];
                prop_assert_eq!(footprint_of[post.employer.as_str()], footprint_of[person.employer.as_str()]);
                prop_assert_eq!(&post.job_family, &person.job_family);
                prop_assert!(post.band <= person.band && person.band.steps_above(post.band) <= 1);
            }
        }
        let text = write_scenario_toml(&scenario);
        let read = parse_scenario(&text, Path::new("synthetic.toml"));
        prop_assert!(read.is_ok(), "the loader rejected a generated scenario: {}", read.unwrap_err());
        prop_assert_eq!(read.unwrap(), scenario);
    }
}
