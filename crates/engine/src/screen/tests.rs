//! The screen against the pair-by-pair check on random scenarios: every row (suitable pairs with
//! their tier and cost, candidates, the counts per rule and per rule alone, the nearest misses)
//! is the same either way.

use proptest::prelude::*;
use redeploy_model::{Scenario, Site};

use super::{ScreenCache, screen_order, screen_row};
use crate::common::random::{build, person_spec, policy_strategy, vacancy_spec, widen_catalogue};
use crate::constraints::NONE;
use crate::index::RoundIndex;
use crate::person_view::PersonView;
use crate::table::{PersonRow, pairwise_row};

/// Sites beyond the three of the test footprint, by latitude (journeys estimated from where
/// they are), so that posts of one employer sit at several sites.
const MORE_SITES: [(&str, f64); 3] = [("S4", 53.81), ("S5", 54.0), ("S6", 53.85)];

/// Random people and vacancies (more of both than the round tests use, so that classes and site
/// groups repeat), each at a random one of six sites.
fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec((person_spec(), 0..6usize), 0..12),
        prop::collection::vec((vacancy_spec(), 0..6usize), 0..40),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(people, vacancies, wide)| {
            let (people_specs, people_sites): (Vec<_>, Vec<_>) = people.into_iter().unzip();
            let (vacancy_specs, vacancy_sites): (Vec<_>, Vec<_>) = vacancies.into_iter().unzip();
            let mut s = build(&people_specs, &vacancy_specs);
            s.sites
                .extend(MORE_SITES.iter().map(|&(id, latitude)| Site {
                    id: id.into(),
                    name: format!("{id} site"),
                    latitude,
                    longitude: -1.52,
                }));
            let site_ids: Vec<String> = s.sites.iter().map(|site| site.id.clone()).collect();
            for (person, site) in s.people.iter_mut().zip(people_sites) {
                person.site.clone_from(&site_ids[site]);
            }
            for (vacancy, site) in s.vacancies.iter_mut().zip(vacancy_sites) {
                vacancy.site.clone_from(&site_ids[site]);
            }
            if wide {
                widen_catalogue(&mut s);
            }
            s
        })
}

/// What a row says, in a form two rows compare by.
fn summary(row: &PersonRow) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        row.suitable.clone(),
        row.candidates,
        row.outside_window,
        row.excluded,
        row.excluded_alone,
        row.nearest.iter().collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_screen_gives_every_row_the_pair_by_pair_check_gives(
        s in scenario_strategy(),
        policy in policy_strategy(),
    ) {
        let policy = policy.validate().expect("random policies are valid");
        let index = RoundIndex::new(&s, &policy, &NONE).expect("random scenarios are valid");
        // One cache for every row, in the screen's order (people sharing fields side by side),
        // as a worker builds them.
        let mut people: Vec<_> = index.people.ids().collect();
        screen_order(&index, &mut people);
        let mut cache = ScreenCache::new(&index);
        for person in people {
            let view = PersonView::new(&index, person);
            prop_assert_eq!(
                summary(&screen_row(&index, &view, person, &mut cache)),
                summary(&pairwise_row(&index, &view, person)),
                "person {:?}", person
            );
        }
    }
}
