//! The equality breakdown of real rounds: every group adds up to the round's totals, the
//! four-fifths flag follows the rates against the highest shown rate, equality fields never reach the round or its JSON, and a
//! pseudonymised report keeps the same breakdown.

use std::path::Path;

use redeploy_model::{Scenario, load_scenario};
use redeploy_report::equality::{EqualityBreakdown, FOUR_FIFTHS, SUPPRESS_BELOW};
use redeploy_report::{Report, ReportOptions};

fn example(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../configs/examples")
        .join(name)
        .join("scenario.toml");
    load_scenario(&path).expect("the shipped example loads")
}

#[test]
fn groups_add_up_to_the_round_and_flags_follow_the_rates() {
    let scenario = example("footprint");
    let round =
        redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    let breakdown = EqualityBreakdown::new(&scenario, &round);
    assert_eq!(breakdown.characteristics.len(), 4, "all four are recorded");
    let m = &round.metrics;
    for c in &breakdown.characteristics {
        let sum = |f: fn(&redeploy_report::equality::GroupOutcomes) -> u32| -> u32 {
            c.groups.iter().map(f).sum()
        };
        let name = c.characteristic.as_str();
        assert_eq!(sum(|g| g.people), m.people_at_risk, "{name}: people");
        assert_eq!(sum(|g| g.placed()), m.placed, "{name}: placed");
        assert_eq!(sum(|g| g.slotted), m.slotted, "{name}: slotted");
        assert_eq!(sum(|g| g.unplaced), m.unplaced, "{name}: unplaced");
        assert_eq!(
            sum(|g| g.voluntary_redundancy),
            m.volunteers_leaving,
            "{name}: VR"
        );
        let highest = c.highest_rate.expect("some shown group is compared");
        for g in &c.groups {
            let compared = g.recorded && g.in_matching() >= SUPPRESS_BELOW;
            let shown = g.rate_shown().is_some();
            assert_eq!(
                g.ratio_to_highest.is_some(),
                compared && shown,
                "{name}/{}",
                g.group
            );
            let rate = g.placement_rate.unwrap_or(0.0);
            if let Some(ratio) = g.ratio_to_highest {
                assert!(
                    rate <= highest + 1e-12,
                    "{name}/{} above the highest shown",
                    g.group
                );
                assert!((ratio - rate / highest).abs() < 1e-12);
            }
            if g.flag_shown {
                let below = compared && rate < FOUR_FIFTHS * highest - 1e-12;
                assert_eq!(g.flagged, below, "{name}/{}", g.group);
            } else {
                assert!(
                    !shown && !g.flagged,
                    "{name}/{}: only a hidden rate's flag is withheld",
                    g.group
                );
            }
        }
        assert!(
            c.groups
                .iter()
                .any(|g| g.ratio_to_highest.is_some_and(|r| (r - 1.0).abs() < 1e-12)),
            "{name}: the reference group has ratio 1"
        );
    }
}

#[test]
fn a_group_placed_less_often_is_flagged() {
    // Record "a" for everyone placed and "b" for everyone not placed: "b" has rate 0.
    let mut scenario = example("footprint");
    let round =
        redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    for person in &mut scenario.people {
        let placed = round.placements.iter().any(|p| p.person == person.id);
        person.equality.sex = Some(if placed { "a" } else { "b" }.to_string());
    }
    let breakdown = EqualityBreakdown::new(&scenario, &round);
    let flags = breakdown.flags();
    assert!(flags.contains(&"sex: b".to_string()), "{flags:?}");
    assert!(!flags.contains(&"sex: a".to_string()), "{flags:?}");
    let sex = &breakdown.characteristics[0];
    assert_eq!(sex.highest_rate, Some(1.0), "everyone in `a` was placed");
}

#[test]
fn equality_fields_stay_out_of_the_round_and_the_breakdown_survives_pseudonyms() {
    let scenario = example("footprint");
    let round =
        redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    let json = redeploy_report::json::to_json(&round).unwrap();
    for person in scenario.people.iter().take(50) {
        for value in [&person.equality.ethnicity, &person.equality.sex]
            .into_iter()
            .flatten()
        {
            assert!(
                !json.contains(&format!("\"{value}\"")),
                "round JSON holds `{value}`"
            );
        }
    }
    let plain = Report::new(&scenario, &round, ReportOptions::default());
    let pseudonymised = Report::new(&scenario, &round, ReportOptions { pseudonymise: true });
    assert_eq!(plain.equality, pseudonymised.equality);
    assert_eq!(
        plain.round.metrics, pseudonymised.round.metrics,
        "pseudonyms change no figure"
    );
}

#[test]
fn scenario_without_equality_fields_has_no_breakdown() {
    let mut scenario = example("small");
    for person in &mut scenario.people {
        person.equality = Default::default();
    }
    let round =
        redeploy_engine::run_round(&scenario, &scenario.policy.validate().unwrap()).unwrap();
    let report = Report::new(&scenario, &round, ReportOptions::default());
    assert!(report.equality.characteristics.is_empty());
    let text = redeploy_report::summary::render(&report, Default::default());
    assert!(text.contains("the scenario records no equality fields"));
    let html = redeploy_report::html::render(&report);
    assert!(html.contains("records no equality fields"));
}
