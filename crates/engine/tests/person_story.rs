//! The story of one person (`person_story`, behind `redeploy run --explain`) agrees with the
//! round: the same candidates, the same suitable posts, the placement among them, and the
//! failed rules named with their numbers.

use std::path::Path;

use redeploy_engine::{PersonStory, Round, Rule, person_story, run_round};
use redeploy_model::{Scenario, load_scenario};

fn example(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../configs/examples")
        .join(name)
        .join("scenario.toml");
    load_scenario(&path).expect("the shipped example loads")
}

fn story(scenario: &Scenario, person: &str) -> PersonStory {
    person_story(scenario, &scenario.policy.validate().unwrap(), person)
        .expect("the shipped policy is valid")
        .unwrap_or_else(|| panic!("{person} is in the scenario"))
}

/// Every unplaced person's story counts what their explanation counts, and every placed
/// person's post is among the suitable posts of their story at or before the tier that placed
/// them.
fn check_agrees_with_round(scenario: &Scenario, round: &Round, every: usize) {
    for unplaced in round.unplaced.iter().step_by(every) {
        let story = story(scenario, &unplaced.person);
        let why = &unplaced.why;
        assert_eq!(
            story.considered.len() as u32,
            why.candidate_vacancies,
            "{}: candidates",
            unplaced.person
        );
        assert_eq!(
            story
                .considered
                .iter()
                .filter(|p| p.assessment.is_suitable())
                .count() as u32,
            why.suitable_vacancies,
            "{}: suitable",
            unplaced.person
        );
        assert_eq!(
            story.below_band_window + story.above_band_window,
            why.outside_band_window,
            "{}: outside the band window",
            unplaced.person
        );
        for exclusion in &why.excluded_by_rule {
            if matches!(exclusion.rule, Rule::BandDrop | Rule::BandRise) {
                continue;
            }
            let failing = story
                .considered
                .iter()
                .filter(|p| p.assessment.failed_rules().contains(&exclusion.rule))
                .count() as u32;
            assert_eq!(
                failing, exclusion.vacancies,
                "{}: {:?}",
                unplaced.person, exclusion.rule
            );
        }
    }
    for placement in round.placements.iter().step_by(every) {
        let story = story(scenario, &placement.person);
        let post = story
            .considered
            .iter()
            .find(|p| p.vacancy == placement.vacancy)
            .unwrap_or_else(|| panic!("{}: placed post not in the story", placement.person));
        assert!(
            post.assessment.is_suitable(),
            "{}: placed in a post the story calls unsuitable",
            placement.person
        );
        let position = |tier| story.tiers.iter().position(|t| *t == tier);
        assert!(
            position(post.tier) <= position(placement.tier),
            "{}: offered at {:?} but placed at {:?}",
            placement.person,
            post.tier,
            placement.tier
        );
    }
}

#[test]
fn small_example_stories_agree_with_the_round() {
    let scenario = example("small");
    let round = run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    check_agrees_with_round(&scenario, &round, 1);
}

#[test]
fn footprint_example_stories_agree_with_the_round() {
    let scenario = example("footprint");
    let round = run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    check_agrees_with_round(&scenario, &round, 7);
}

#[test]
fn band_two_below_is_shown_just_outside_the_window_with_the_numbers() {
    // P12 (band 7) fits only V11, a band 5 post: two bands down.
    let scenario = example("small");
    let story = story(&scenario, "P12");
    assert_eq!(story.band.as_str(), "7");
    assert_eq!(story.lowest_band.as_str(), "6");
    assert_eq!(story.highest_band.as_str(), "7");
    let v11 = story
        .just_outside_window
        .iter()
        .find(|p| p.vacancy == "V11")
        .expect("V11 is one band beyond the window");
    assert_eq!(v11.assessment.failed_rules(), vec![Rule::BandDrop]);
    let json = serde_json::to_string(&v11.assessment).unwrap();
    assert!(
        json.contains("band 5 is 2 below band 7; policy allows 1 (sae.max_band_drop)"),
        "{json}"
    );
}

#[test]
fn posts_are_grouped_by_the_first_tier_that_may_offer_them() {
    // P05 (QNV, band 7) competes at the ICB for V02 and goes on to V17 at the mental health
    // trust, which only the footprint tier offers.
    let scenario = example("small");
    let story = story(&scenario, "P05");
    let tier_of = |vacancy: &str| {
        story
            .considered
            .iter()
            .find(|p| p.vacancy == vacancy)
            .map(|p| p.tier.as_str())
    };
    assert_eq!(tier_of("V02"), Some("employer"));
    assert_eq!(tier_of("V17"), Some("footprint"));
    let positions: Vec<usize> = story
        .considered
        .iter()
        .map(|p| story.tiers.iter().position(|t| *t == p.tier).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] <= w[1]),
        "posts in tier order"
    );
}

#[test]
fn slotting_match_is_given_for_own_employer_posts_in_band_and_family() {
    // P03 slots in to V01 at the ICB: same band, same job family, every skill held.
    let scenario = example("small");
    let story = story(&scenario, "P03");
    let v01 = story
        .considered
        .iter()
        .find(|p| p.vacancy == "V01")
        .unwrap();
    assert_eq!(v01.slotting_match, Some(1.0));
    assert!(
        story
            .considered
            .iter()
            .filter(|p| p.employer != story.employer)
            .all(|p| p.slotting_match.is_none()),
        "no slotting match at other employers"
    );
}

#[test]
fn volunteer_is_shown_out_of_matching_and_unknown_person_is_none() {
    let scenario = example("small");
    assert!(
        !story(&scenario, "P06").in_matching,
        "P06 volunteered for VR"
    );
    assert!(
        person_story(&scenario, &scenario.policy.validate().unwrap(), "NOBODY")
            .unwrap()
            .is_none()
    );
}
