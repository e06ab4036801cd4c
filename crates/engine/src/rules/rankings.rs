//! Both sides' rankings as the rules see them, and the lotteries that break their ties.
//!
//! This module owns:
//! - resolving the scenario's explicit rankings (a person's `ranked_vacancies`, a vacancy's
//!   `ranked_people`) and the policy's given serial order to positions ([`Rankings`]);
//! - the seeded lottery numbers ([`lottery_number`]): a number depends only on the seed and
//!   the two ids it is drawn for, never on the order work is done in, so a lottery gives the
//!   same draw on any thread count and in any shard of a sweep.
//!
//! How a ranking is derived where a side gives none is in [`super::build`].

use redeploy_model::{
    IndexedScenario, Ix, PersonIx, Scenario, SerialOrder, VacancyIx, ValidPolicy,
};

use crate::error::Error;
use crate::index::count;

/// Explicit rankings and the serial order, by position.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rankings {
    /// For each vacancy, the people it ranked with their place (0 = first), sorted by person;
    /// empty when the vacancy gives no ranking.
    vacancy: Vec<Vec<(PersonIx, u32)>>,
    /// Place of each person in the given serial order ([`NOT_GIVEN`] when not listed); empty
    /// unless the policy gives the order.
    serial_given: Vec<u32>,
}

/// The serial place of a person the policy's given order leaves out: after everyone it lists
/// (the policy's check keeps the order shorter than `u32::MAX`).
const NOT_GIVEN: u32 = u32::MAX;

impl Rankings {
    /// Resolves the vacancies' rankings and the policy's given serial order.
    pub fn resolve(
        scenario: &Scenario,
        policy: &ValidPolicy,
        ids: &IndexedScenario<'_>,
    ) -> Result<Rankings, Error> {
        let vacancy = scenario
            .vacancies
            .iter()
            .map(|v| {
                let mut ranked = ranked_ids(v.ranked_people.groups(), |id| ids.person(id));
                ranked.sort_unstable();
                ranked
            })
            .collect();
        let mut serial_given = Vec::new();
        if policy.ranking.serial_order == SerialOrder::Given {
            serial_given = vec![NOT_GIVEN; scenario.people.len()];
            for (place, id) in policy.ranking.order.iter().enumerate() {
                let person = ids.person(id).ok_or_else(|| Error::InvalidConstraint {
                    constraint: "ranking.order",
                    detail: format!(
                        "policy `{}` names `{id}`, expected the id of a person in the scenario",
                        policy.name
                    ),
                })?;
                // The policy's check keeps the order shorter than u32::MAX places.
                serial_given[person.position()] = count(place);
            }
        }
        Ok(Rankings {
            vacancy,
            serial_given,
        })
    }

    /// The place of `person` in the policy's given serial order ([`NOT_GIVEN`] when the order
    /// leaves them out). Only for a policy whose serial order is `given`.
    pub fn serial_given(&self, person: PersonIx) -> u32 {
        self.serial_given[person.position()]
    }

    /// The place (0 = first) `vacancy` gave `person`, when it ranked them.
    pub fn vacancy_place(&self, vacancy: VacancyIx, person: PersonIx) -> Option<u32> {
        let ranked = self.vacancy.get(vacancy.position())?;
        ranked
            .binary_search_by_key(&person, |&(p, _)| p)
            .ok()
            .map(|found| ranked[found].1)
    }

    /// Whether `vacancy` gave a ranking of people.
    pub fn vacancy_ranks(&self, vacancy: VacancyIx) -> bool {
        self.vacancy
            .get(vacancy.position())
            .is_some_and(|ranked| !ranked.is_empty())
    }

    /// The people `vacancy` ranked, with their places (0 = first).
    pub fn vacancy_ranked(&self, vacancy: VacancyIx) -> impl Iterator<Item = (PersonIx, u32)> + '_ {
        self.vacancy
            .get(vacancy.position())
            .into_iter()
            .flatten()
            .copied()
    }
}

/// The ids of a ranking's groups that `ids` knows, each with its group's place (0 = first).
pub(crate) fn ranked_ids<I>(
    groups: &[Vec<String>],
    lookup: impl Fn(&str) -> Option<I>,
) -> Vec<(I, u32)> {
    let mut ranked = Vec::new();
    for (place, group) in groups.iter().enumerate() {
        // `Scenario::check_bounds` keeps a ranking within u32::MAX places.
        let place = count(place);
        ranked.extend(
            group
                .iter()
                .filter_map(|id| lookup(id).map(|found| (found, place))),
        );
    }
    ranked
}

/// The lottery number drawn for `ranked` in the ranking of `ranker` (lower is luckier):
/// SplitMix64 over the seed and the FNV-1a hashes of the two ids. A single lottery passes one
/// fixed `ranker` for every ranking.
///
/// ```ignore
/// assert_eq!(lottery_number(7, "V1", "P1"), lottery_number(7, "V1", "P1"));
/// ```
pub(crate) fn lottery_number(seed: u32, ranker: &str, ranked: &str) -> u64 {
    let mut state = u64::from(seed) ^ 0x9e37_79b9_7f4a_7c15;
    for text in [ranker, ranked] {
        state = splitmix64(state ^ fnv1a(text));
    }
    state
}

fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lottery_numbers_depend_on_seed_and_both_ids() {
        let a = lottery_number(7, "V1", "P1");
        assert_eq!(a, lottery_number(7, "V1", "P1"));
        assert_ne!(a, lottery_number(8, "V1", "P1"));
        assert_ne!(a, lottery_number(7, "V2", "P1"));
        assert_ne!(a, lottery_number(7, "V1", "P2"));
    }
}
