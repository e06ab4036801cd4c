//! The shipped pay scales, policies and example scenarios load, and say what their comments say.

use std::path::{Path, PathBuf};

use redeploy_model::{Band, PriorityKind, Tier, load_pay_scale, load_policy, load_scenario};

fn configs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs")
}

// Figures from the NHS Employers 2025/26 table (third-party copy,
// https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26).
#[test]
fn pay_scale_2025_26_matches_the_published_table() {
    let scale = load_pay_scale(&configs().join("pay/afc-2025-26.toml")).unwrap();
    assert_eq!(scale.year, "2025/26");
    assert_eq!(
        scale.points(Band::B1),
        scale.points(Band::B2),
        "band 1 is paid at the band 2 rate"
    );
    assert_eq!(scale.points(Band::B5), [31_049, 33_487, 37_796]);
    assert_eq!(scale.range(Band::B8a), Some((55_690, 62_682)));
    assert_eq!(scale.range(Band::B9), Some((109_179, 125_637)));
}

// Bands 2-6 from Health Careers "from April 2024"
// (https://www.healthcareers.nhs.uk/working-health/working-nhs/nhs-pay-and-benefits/agenda-change-pay-rates).
#[test]
fn pay_scale_2024_25_is_the_2025_26_scale_before_the_uplift() {
    let old = load_pay_scale(&configs().join("pay/afc-2024-25.toml")).unwrap();
    let new = load_pay_scale(&configs().join("pay/afc-2025-26.toml")).unwrap();
    assert_eq!(old.points(Band::B6), [37_338, 39_405, 44_962]);
    for band in Band::ALL {
        for (before, after) in old.points(band).iter().zip(new.points(band)) {
            let uplifted = f64::from(*before) * 1.036;
            assert!(
                (uplifted - f64::from(*after)).abs() <= 1.5,
                "band {band}: {before} x 1.036 should be {after}"
            );
        }
    }
}

#[test]
fn named_policies_have_the_tiers_their_names_promise() {
    let load = |name: &str| load_policy(&configs().join("policies").join(name)).unwrap();
    let own = load("own-employer.toml");
    assert_eq!(own.tiers, [Tier::Employer]);
    assert_eq!(
        own,
        redeploy_model::Policy::default(),
        "own-employer spells out the defaults"
    );
    let footprint = load("footprint-ring-fence.toml");
    assert_eq!(footprint.tiers, [Tier::Employer, Tier::Footprint]);
    assert!(!footprint.block_external_recruitment);
    let region = load("footprint-region-block-external.toml");
    assert_eq!(
        region.tiers,
        [Tier::Employer, Tier::Footprint, Tier::Region]
    );
    assert!(region.block_external_recruitment);
}

#[test]
fn the_small_example_tells_its_story() {
    let scenario = load_scenario(&configs().join("examples/small/scenario.toml")).unwrap();
    assert_eq!(scenario.people.len(), 21);
    assert_eq!(scenario.vacancies.len(), 20);
    assert_eq!(scenario.total_posts(), 36);
    assert_eq!(
        scenario
            .employers
            .iter()
            .filter(|e| e.footprint == "northvale")
            .count(),
        3
    );
    let p04 = scenario.person("P04").unwrap();
    assert_eq!(
        p04.priority.kind,
        PriorityKind::Maternity,
        "P04 is on maternity leave"
    );
    let p05 = scenario.person("P05").unwrap();
    assert!(
        p05.nhs_service_start < p04.nhs_service_start,
        "P05 has served longer"
    );
    assert!(scenario.person("P06").unwrap().volunteered_vr);
    assert_eq!(scenario.person("P07").unwrap().band, Band::B9);
    assert_eq!(scenario.person("P09").unwrap().wte, 0.6);
    assert_eq!(
        scenario.person("P08").unwrap().salary,
        98_000,
        "a salary given without a pay point"
    );
    assert_eq!(
        scenario.vacancy("V15").unwrap().registration.as_deref(),
        Some("NMC")
    );
    assert_eq!(
        scenario.vacancy("V10").unwrap().trainable_skills[0].weeks,
        12
    );
    assert_eq!(
        scenario.region_of_employer("RSV").map(|r| r.id.as_str()),
        Some("midlands")
    );
    assert_eq!(
        scenario.footprint_of_employer("RSV").map(|f| f.id.as_str()),
        Some("southvale")
    );
}

#[test]
fn the_footprint_example_has_footprint_scale() {
    let scenario = load_scenario(&configs().join("examples/footprint/scenario.toml")).unwrap();
    let in_footprint = scenario
        .employers
        .iter()
        .filter(|e| e.footprint == "kingsmoor")
        .count();
    assert!(
        (6..=8).contains(&in_footprint),
        "{in_footprint} employers in the main footprint"
    );
    assert!(scenario.people.len() >= 300, "a few hundred people at risk");
    assert!(
        scenario.vacancies.len() >= 200 && scenario.total_posts() >= 400,
        "several hundred posts"
    );
    let middle = scenario
        .people
        .iter()
        .filter(|p| (Band::B4..=Band::B8d).contains(&p.band))
        .count();
    assert!(
        middle * 10 >= scenario.people.len() * 8,
        "at-risk people sit mostly in bands 4 to 8d"
    );
    let low_posts: u64 = scenario
        .vacancies
        .iter()
        .filter(|v| v.band <= Band::B5)
        .map(|v| u64::from(v.posts))
        .sum();
    assert!(
        low_posts * 2 > scenario.total_posts(),
        "vacancies lean to lower bands"
    );
}
