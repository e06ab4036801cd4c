//! Each format gives back the instance it was given (up to what it cannot carry), and a
//! scenario written from an instance exports the same instance again.

use proptest::prelude::*;
use redeploy_interchange::{RankedAgent, TwoSidedInstance, matching, preflib, scenario};

/// A random instance: people P0.., vacancies V0.. with capacities, each agent ranking a subset
/// of the other side, with ties when `ties`.
fn arb_instance(ties: bool) -> impl Strategy<Value = TwoSidedInstance> {
    (1usize..6, 1usize..5).prop_flat_map(move |(people, vacancies)| {
        let ranking = move |others: usize, prefix: &'static str| {
            prop::collection::vec((0..others, 0u32..3), 0..=others).prop_map(move |picks| {
                let mut seen = std::collections::BTreeSet::new();
                let mut groups: Vec<Vec<String>> = Vec::new();
                for (other, tie) in picks {
                    if !seen.insert(other) {
                        continue;
                    }
                    let id = format!("{prefix}{other}");
                    match groups.last_mut() {
                        Some(group) if ties && tie == 0 => group.push(id),
                        _ => groups.push(vec![id]),
                    }
                }
                groups
            })
        };
        (
            prop::collection::vec(ranking(vacancies, "V"), people),
            prop::collection::vec((1u32..4, ranking(people, "P")), vacancies),
        )
            .prop_map(|(people, vacancies)| TwoSidedInstance {
                people: people
                    .into_iter()
                    .enumerate()
                    .map(|(i, ranking)| RankedAgent {
                        id: format!("P{i}"),
                        capacity: 1,
                        ranking,
                    })
                    .collect(),
                vacancies: vacancies
                    .into_iter()
                    .enumerate()
                    .map(|(i, (capacity, ranking))| RankedAgent {
                        id: format!("V{i}"),
                        capacity,
                        ranking,
                    })
                    .collect(),
            })
    })
}

/// The instance with ties written out one id after another (what a strict format keeps).
fn strict(instance: &TwoSidedInstance) -> TwoSidedInstance {
    let flat = |agent: &RankedAgent| RankedAgent {
        ranking: agent
            .ranking
            .iter()
            .flatten()
            .map(|id| vec![id.clone()])
            .collect(),
        ..agent.clone()
    };
    TwoSidedInstance {
        people: instance.people.iter().map(flat).collect(),
        vacancies: instance.vacancies.iter().map(flat).collect(),
    }
}

/// Agents in id order, as a JSON object keeps them.
fn by_id(mut instance: TwoSidedInstance) -> TwoSidedInstance {
    instance.people.sort_by(|a, b| a.id.cmp(&b.id));
    instance.vacancies.sort_by(|a, b| a.id.cmp(&b.id));
    instance
}

fn sets(mut instance: TwoSidedInstance) -> TwoSidedInstance {
    for agent in instance
        .people
        .iter_mut()
        .chain(instance.vacancies.iter_mut())
    {
        for group in &mut agent.ranking {
            group.sort();
        }
    }
    instance
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn matching_json_round_trips_but_loses_ties(instance in arb_instance(true)) {
        let back = matching::from_json(&matching::to_json(&instance)).unwrap();
        prop_assert_eq!(back, by_id(strict(&instance)));
    }

    #[test]
    fn preflib_round_trips_with_ties(instance in arb_instance(true)) {
        let (people, vacancies) = preflib::to_toi_pair(&instance);
        let back = preflib::from_toi_pair(("people.toi", &people), ("vacancies.toi", &vacancies)).unwrap();
        prop_assert_eq!(back, instance);
    }

    #[test]
    fn a_scenario_exports_the_instance_it_was_written_from(instance in arb_instance(true)) {
        let text = scenario::to_scenario_toml(&instance, "round-trip").unwrap();
        let loaded = redeploy_model::parse_scenario(&text, std::path::Path::new("round-trip.toml")).unwrap();
        let exported = redeploy_engine::two_sided_instance(&loaded, &loaded.policy.validate().unwrap()).unwrap();
        // Only mutually acceptable pairs survive (a left-out id is unacceptable), and agents with
        // no acceptable partner drop out: the instance restricted to mutual pairs.
        let mutual = |a: &str, b: &str| {
            let ranks = |agents: &[RankedAgent], x: &str, y: &str| {
                agents.iter().any(|g| g.id == x && g.ranking.iter().flatten().any(|o| o == y))
            };
            ranks(&instance.people, a, b) && ranks(&instance.vacancies, b, a)
        };
        let restrict = |agents: &[RankedAgent], person_side: bool| -> Vec<RankedAgent> {
            agents
                .iter()
                .map(|agent| RankedAgent {
                    ranking: agent
                        .ranking
                        .iter()
                        .map(|group| {
                            group
                                .iter()
                                .filter(|o| if person_side { mutual(&agent.id, o) } else { mutual(o, &agent.id) })
                                .cloned()
                                .collect::<Vec<_>>()
                        })
                        .filter(|g| !g.is_empty())
                        .collect(),
                    ..agent.clone()
                })
                .filter(|agent| !agent.ranking.is_empty())
                .collect()
        };
        let expected = TwoSidedInstance {
            people: restrict(&instance.people, true),
            vacancies: restrict(&instance.vacancies, false),
        };
        // A tie group is a set: compare each group's ids in id order.
        prop_assert_eq!(sets(exported), sets(expected));
    }
}

#[test]
fn preflib_errors_name_the_file_and_line() {
    let err = preflib::from_toi("p.toi", "# ALTERNATIVE NAME 1: V1\n1: {1\n").unwrap_err();
    assert_eq!(err.to_string(), "p.toi: line 2: `{` without `}`");
    let err = preflib::from_toi("p.toi", "# ALTERNATIVE NAME 1: V1\n1: 3\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.toi: line 2: alternative 3 is not one of 1 to 1"
    );
}

#[test]
fn matching_json_rejects_unknown_ids() {
    let err = matching::from_json(r#"{"proposers": {"A": ["X"]}, "receivers": {"D": ["A"]}}"#)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`A` ranks `X`, expected the id of a receiver on the other side"
    );
}
