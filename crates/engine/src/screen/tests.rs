//! The screen against the pair-by-pair check on random scenarios: every row (suitable pairs with
//! their tier and cost, candidates, the counts per rule and per rule alone, the nearest misses)
//! is the same either way.

use proptest::prelude::*;
use redeploy_model::{Scenario, Site};

use super::{Memo, ScreenCache, screen_order, screen_row};
use crate::common::random::{build, person_spec, policy_strategy, vacancy_spec, widen_catalogue};
use crate::constraints::NONE;
use crate::eligibility::{Rule, RuleSet};
use crate::index::RoundIndex;
use crate::person_view::PersonView;
use crate::posts::TermsClass;
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

fn only(rule: Rule) -> RuleSet {
    let mut set = RuleSet::default();
    set.set(rule, true);
    set
}

#[test]
fn a_memo_decides_once_per_key_and_bucket_and_counts_each_rule_over_the_classes() {
    let mut memo = Memo::<u32, TermsClass>::new(2);
    let mut decisions = Vec::new();
    for (key, bucket) in [(7, 0), (7, 1), (7, 0), (8, 0), (7, 0), (7, 1)] {
        let rule = if key == 7 {
            Rule::Travel
        } else {
            Rule::Training
        };
        let decided = memo.table(key, bucket, |table| {
            decisions.push((key, bucket));
            // Two classes: 3 records failing `rule` and `Registration`, 5 failing nothing.
            let first = only(rule).union(only(Rule::Registration));
            table.decide([first, RuleSet::default()].into_iter(), &[3, 5]);
        });
        assert_eq!(decided.totals[rule as usize], 3);
        assert_eq!(decided.totals[Rule::Registration as usize], 3);
        assert_eq!(decided.totals.iter().sum::<u32>(), 6);
        assert_eq!(
            decided.rules.iter().map(|r| r.len()).collect::<Vec<_>>(),
            [2, 0]
        );
    }
    // Decided again only for a bucket new to the key, or when the key changed: a memo holds
    // the tables of one key.
    assert_eq!(decisions, [(7, 0), (7, 1), (8, 0), (7, 0), (7, 1)]);
}
