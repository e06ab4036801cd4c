//! Stable pseudonyms for the people in a report (`--pseudonymise`).
//!
//! This module owns [`Pseudonyms`]: every person id of a scenario mapped to `anon-0001`,
//! `anon-0002`, … The numbers are handed out in the order of a keyed hash of each id with the
//! scenario's seed (ties, which need equal hashes, by id), so a pseudonym says nothing about the
//! order of staff numbers, the same scenario always gives the same pseudonyms, and no two
//! people share one. The hash is there to shuffle, not to keep a secret: whoever holds the
//! scenario can work the pseudonyms out again, which is what lets HR trace a pseudonymised
//! report back to a person.
//!
//! [`Pseudonyms::round`] and [`Pseudonyms::story`] rewrite every person id in a round or a
//! person's story and sort the lists again by pseudonym, so the order of a list does not give
//! the ids away either. Vacancy and employer ids are kept: they are not personal data, though a
//! post held by one person can still point at them (see `docs/reports.md`).

use std::collections::HashMap;

use redeploy_engine::{PersonStory, Round};
use redeploy_model::Scenario;

/// The pseudonym of every person of one scenario.
///
/// ```
/// use redeploy_report::pseudonym::Pseudonyms;
///
/// let pseudonyms = Pseudonyms::new(2025, ["P01", "P02", "P03"]);
/// let p01 = pseudonyms.get("P01").unwrap();
/// assert!(p01.starts_with("anon-"));
/// assert_eq!(p01.len(), "anon-0001".len());
/// // Stable: the same seed and ids give the same pseudonyms.
/// assert_eq!(Pseudonyms::new(2025, ["P03", "P02", "P01"]).get("P01"), Some(p01));
/// assert_eq!(pseudonyms.get("P99"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonyms {
    by_id: HashMap<String, String>,
}

/// 64-bit FNV-1a over the seed and the id, finished with the SplitMix64 mixer so that ids that
/// differ in one character land far apart. Fixed here so pseudonyms never change with the Rust
/// version (the standard library's hasher may).
fn keyed_hash(seed: u64, id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.to_le_bytes().iter().chain(id.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

impl Pseudonyms {
    /// Pseudonyms for `ids` (duplicates count once) keyed by `seed`.
    pub fn new<'a>(seed: u64, ids: impl IntoIterator<Item = &'a str>) -> Pseudonyms {
        let mut order: Vec<(u64, &str)> = ids
            .into_iter()
            .map(|id| (keyed_hash(seed, id), id))
            .collect();
        order.sort_unstable();
        order.dedup_by_key(|(_, id)| *id);
        let width = order.len().to_string().len().max(4);
        let by_id = order
            .into_iter()
            .enumerate()
            .map(|(position, (_, id))| (id.to_string(), format!("anon-{:0width$}", position + 1)))
            .collect();
        Pseudonyms { by_id }
    }

    /// Pseudonyms for every person of `scenario`, keyed by its seed.
    pub fn for_scenario(scenario: &Scenario) -> Pseudonyms {
        Pseudonyms::new(scenario.seed, scenario.people.iter().map(|p| p.id.as_str()))
    }

    /// The pseudonym of `id`, if it is one of the ids.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// The pseudonym of `id`; an id outside the scenario (which a round never holds) becomes
    /// `anon-unknown` rather than leaking through.
    fn of(&self, id: &str) -> String {
        self.get(id).unwrap_or("anon-unknown").to_string()
    }

    /// The round with every person id replaced and every list of people sorted by pseudonym.
    pub fn round(&self, round: &Round) -> Round {
        let mut round = round.clone();
        for placement in &mut round.placements {
            placement.person = self.of(&placement.person);
        }
        round.placements.sort_by(|a, b| a.person.cmp(&b.person));
        for unplaced in &mut round.unplaced {
            unplaced.person = self.of(&unplaced.person);
            for taken in &mut unplaced.why.suitable_vacancies_taken {
                for person in &mut taken.taken_by {
                    *person = self.of(person);
                }
                taken.taken_by.sort();
            }
        }
        round.unplaced.sort_by(|a, b| a.person.cmp(&b.person));
        for leaver in &mut round.voluntary_redundancy {
            leaver.person = self.of(&leaver.person);
        }
        round
            .voluntary_redundancy
            .sort_by(|a, b| a.person.cmp(&b.person));
        round
    }

    /// The story with the person's id replaced.
    pub fn story(&self, story: &PersonStory) -> PersonStory {
        let mut story = story.clone();
        story.person = self.of(&story.person);
        story
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pseudonyms_are_unique_stable_and_cover_every_id(
            ids in proptest::collection::btree_set("[A-Z][0-9]{1,5}", 0..300),
            seed in any::<u64>(),
        ) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let pseudonyms = Pseudonyms::new(seed, ids.iter().copied());
            let mut seen: Vec<&str> = ids.iter().map(|id| pseudonyms.get(id).unwrap()).collect();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), ids.len(), "two people share a pseudonym");
            let reversed = Pseudonyms::new(seed, ids.iter().rev().copied());
            prop_assert_eq!(&reversed, &pseudonyms, "pseudonyms depend on the input order");
            for id in &ids {
                prop_assert_ne!(pseudonyms.get(id), Some(*id));
            }
        }
    }

    #[test]
    fn pseudonym_order_is_not_id_order() {
        let ids: Vec<String> = (1..=50).map(|n| format!("P{n:04}")).collect();
        let pseudonyms = Pseudonyms::new(7, ids.iter().map(String::as_str));
        let in_id_order: Vec<&str> = ids.iter().map(|id| pseudonyms.get(id).unwrap()).collect();
        let mut sorted = in_id_order.clone();
        sorted.sort_unstable();
        assert_ne!(in_id_order, sorted, "pseudonyms follow the staff numbers");
    }

    #[test]
    fn width_grows_past_four_digits() {
        let ids: Vec<String> = (0..12_000).map(|n| format!("id{n}")).collect();
        let pseudonyms = Pseudonyms::new(1, ids.iter().map(String::as_str));
        assert_eq!(pseudonyms.get("id0").unwrap().len(), "anon-00000".len());
    }
}
