//! Equality monitoring of a round's outcomes.
//!
//! This module owns [`EqualityBreakdown`]: for each monitored characteristic the scenario
//! records (sex, ethnicity, disability, age band), the outcome of every person at risk by group
//! — slotted in, redeployed by matching, unplaced (a redundancy), left under voluntary
//! redundancy — and each group's **placement rate**: people placed over people taking part in
//! matching. A group whose rate is below four-fifths of the highest shown rate is flagged
//! ([`FOUR_FIFTHS`]). The four-fifths ratio is an engineering heuristic for "materially worse"
//! (`docs/rules.md`, rule 26), not a legal test.
//!
//! Privacy: each group shows four counts — people, placed, not placed, voluntary redundancy —
//! and nothing published lets anyone work a hidden count out exactly. Groups of fewer than
//! [`SUPPRESS_BELOW`] people are first combined into one row ([`COMBINED`]), with the smallest
//! other group when they are too few together, so every row's people can be shown; a
//! characteristic left with one row is withheld. Then counts are hidden (`x`) by primary and
//! audited secondary suppression, rates are shown only where they follow from shown counts, and
//! the four-fifths reference is the highest shown rate (see the `disclosure` module and
//! `docs/reports.md`). Groups compared for the flag are recorded, uncombined groups with at least
//! 5 people in matching.
//!
//! The breakdown is computed from the scenario's equality fields and the round's outcomes by
//! person id; the round itself never holds equality fields, and nothing here is logged.

use std::collections::{BTreeMap, HashMap};

use redeploy_engine::{PlacementRoute, Round};
use redeploy_model::{Equality, Scenario};

use crate::disclosure;

/// Counts below this (and above zero) are hidden, and groups of fewer people are combined.
pub const SUPPRESS_BELOW: u32 = 5;

/// A zero count is hidden in a group of fewer than this many people.
pub const ZERO_HIDDEN_BELOW: u32 = 10;

/// The start of the label of the row that combines small groups.
pub const COMBINED: &str = "combined: ";

/// A group whose placement rate is below this share of the highest shown rate is flagged.
pub const FOUR_FIFTHS: f64 = 0.8;

/// The label of people with no value recorded.
pub const NOT_RECORDED: &str = "not recorded";

/// A monitored characteristic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Characteristic {
    /// Sex as recorded.
    Sex,
    /// Ethnic group as recorded.
    Ethnicity,
    /// Disability as recorded.
    Disability,
    /// Age band as recorded.
    AgeBand,
}

impl Characteristic {
    /// Every characteristic, in report order.
    pub const ALL: [Characteristic; 4] = [
        Characteristic::Sex,
        Characteristic::Ethnicity,
        Characteristic::Disability,
        Characteristic::AgeBand,
    ];

    /// The name shown in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Characteristic::Sex => "sex",
            Characteristic::Ethnicity => "ethnicity",
            Characteristic::Disability => "disability",
            Characteristic::AgeBand => "age band",
        }
    }

    fn value(self, equality: &Equality) -> Option<&str> {
        match self {
            Characteristic::Sex => equality.sex.as_deref(),
            Characteristic::Ethnicity => equality.ethnicity.as_deref(),
            Characteristic::Disability => equality.disability.as_deref(),
            Characteristic::AgeBand => equality.age_band.as_deref(),
        }
    }
}

/// The outcomes of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupOutcomes {
    /// The recorded value, [`NOT_RECORDED`], or [`COMBINED`] and the groups it combines.
    pub group: String,
    /// Whether the group is one recorded value (not "not recorded", not combined).
    pub recorded: bool,
    /// People at risk in the group.
    pub people: u32,
    /// Of them, slotted in.
    pub slotted: u32,
    /// Of them, placed by matching.
    pub redeployed: u32,
    /// Of them, taking part in matching but not placed.
    pub unplaced: u32,
    /// Of them, leaving under voluntary redundancy.
    pub voluntary_redundancy: u32,
    /// Placed over taking part in matching, when anyone took part.
    pub placement_rate: Option<f64>,
    /// Placement rate over the reference (the highest shown rate of a compared group), when this
    /// group is compared and its rate is shown.
    pub ratio_to_highest: Option<f64>,
    /// Whether the group's rate is below [`FOUR_FIFTHS`] of the reference, as published.
    pub flagged: bool,
    /// Whether the flag (or its absence) is published; false for a group whose rate is hidden
    /// when publishing such flags would give a hidden count away.
    pub flag_shown: bool,
    /// How each shown count appears: people, placed, not placed, voluntary redundancy.
    pub visibility: [Visibility; 4],
}

/// How one count of the equality tables appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The number itself.
    Shown,
    /// Hidden as a small number (1 to 4, or a zero in a small group): `x`.
    Small,
    /// Hidden so that another hidden count cannot be worked out: `x`, like a small one, so a
    /// reader cannot tell which hidden counts are small.
    Secondary,
}

impl Visibility {
    /// Whether the count is hidden.
    pub fn hidden(self) -> bool {
        self != Visibility::Shown
    }

    /// The count as shown.
    ///
    /// ```
    /// use redeploy_report::equality::Visibility;
    ///
    /// assert_eq!(Visibility::Shown.show(12), "12");
    /// assert_eq!(Visibility::Small.show(3), "x");
    /// assert_eq!(Visibility::Secondary.show(40), "x");
    /// ```
    pub fn show(self, count: u32) -> String {
        match self {
            Visibility::Shown => count.to_string(),
            Visibility::Small | Visibility::Secondary => "x".to_string(),
        }
    }
}

impl GroupOutcomes {
    /// People placed (slotted in or redeployed).
    pub fn placed(&self) -> u32 {
        self.slotted + self.redeployed
    }

    /// People taking part in matching.
    pub fn in_matching(&self) -> u32 {
        self.placed() + self.unplaced
    }

    /// The four shown counts: people, placed, not placed, voluntary redundancy.
    pub fn counts(&self) -> [u32; 4] {
        [
            self.people,
            self.placed(),
            self.unplaced,
            self.voluntary_redundancy,
        ]
    }

    /// The four counts as shown, with `x` where hidden.
    pub fn shown_counts(&self) -> [String; 4] {
        let counts = self.counts();
        std::array::from_fn(|i| self.visibility[i].show(counts[i]))
    }

    /// The placement rate as a whole percentage, unless the placed or not-placed count is
    /// hidden.
    pub fn rate_shown(&self) -> Option<String> {
        if self.visibility[1].hidden() || self.visibility[2].hidden() {
            return None;
        }
        self.placement_rate
            .map(|rate| format!("{:.0}%", rate * 100.0))
    }
}

/// The groups of one characteristic.
#[derive(Debug, Clone, PartialEq)]
pub struct CharacteristicOutcomes {
    /// The characteristic.
    pub characteristic: Characteristic,
    /// Its groups: recorded values in alphabetical order, then "not recorded".
    pub groups: Vec<GroupOutcomes>,
    /// The four-fifths reference: the highest shown placement rate among the compared groups.
    pub highest_rate: Option<f64>,
    /// Whether the characteristic's table is withheld (it cannot be shown safely); its groups are
    /// then empty.
    pub withheld: bool,
}

impl CharacteristicOutcomes {
    /// The flagged groups.
    pub fn flagged(&self) -> impl Iterator<Item = &GroupOutcomes> {
        self.groups.iter().filter(|g| g.flagged)
    }
}

/// The equality breakdown of a round.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EqualityBreakdown {
    /// The characteristics the scenario records for anyone, in [`Characteristic::ALL`] order.
    pub characteristics: Vec<CharacteristicOutcomes>,
}

/// What happened to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Slotted in.
    Slotted,
    /// Placed by matching (or, in an exercise, confirmed in a new post).
    Redeployed,
    /// Taking part in matching but not placed.
    Unplaced,
    /// Left under voluntary redundancy.
    Voluntary,
}

impl EqualityBreakdown {
    /// The breakdown of `round`, a round of `scenario` with the scenario's own person ids (not
    /// pseudonymised).
    ///
    /// ```no_run
    /// # fn demo(scenario: &redeploy_model::Scenario, round: &redeploy_engine::Round) {
    /// use redeploy_report::equality::EqualityBreakdown;
    ///
    /// let breakdown = EqualityBreakdown::new(scenario, round);
    /// for characteristic in &breakdown.characteristics {
    ///     for group in characteristic.flagged() {
    ///         println!("{}: {} below four-fifths", characteristic.characteristic.as_str(), group.group);
    ///     }
    /// }
    /// # }
    /// ```
    pub fn new(scenario: &Scenario, round: &Round) -> EqualityBreakdown {
        let mut outcomes: HashMap<&str, Outcome> = HashMap::new();
        for placement in &round.placements {
            let outcome = match placement.route {
                PlacementRoute::Slotted => Outcome::Slotted,
                PlacementRoute::Matched | PlacementRoute::Pinned => Outcome::Redeployed,
            };
            outcomes.insert(&placement.person, outcome);
        }
        for unplaced in &round.unplaced {
            outcomes.insert(&unplaced.person, Outcome::Unplaced);
        }
        for leaver in &round.voluntary_redundancy {
            outcomes.insert(&leaver.person, Outcome::Voluntary);
        }
        EqualityBreakdown::from_outcomes(scenario, &outcomes)
    }

    /// The breakdown of the outcomes by person id of the people of `scenario` (people with no
    /// outcome count in their group's people only), with the same protection as a round's: a
    /// live exercise reports its outcomes so far this way.
    pub fn from_outcomes(
        scenario: &Scenario,
        outcomes: &HashMap<&str, Outcome>,
    ) -> EqualityBreakdown {
        let characteristics = Characteristic::ALL
            .into_iter()
            .filter(|c| {
                scenario
                    .people
                    .iter()
                    .any(|p| c.value(&p.equality).is_some())
            })
            .map(|c| characteristic_outcomes(scenario, outcomes, c))
            .collect();
        EqualityBreakdown { characteristics }
    }

    /// Every flagged group as "characteristic: group".
    pub fn flags(&self) -> Vec<String> {
        self.characteristics
            .iter()
            .flat_map(|c| {
                c.flagged()
                    .map(move |g| format!("{}: {}", c.characteristic.as_str(), g.group))
            })
            .collect()
    }
}

fn characteristic_outcomes(
    scenario: &Scenario,
    outcomes: &HashMap<&str, Outcome>,
    characteristic: Characteristic,
) -> CharacteristicOutcomes {
    let mut groups: BTreeMap<(bool, &str), GroupOutcomes> = BTreeMap::new();
    for person in &scenario.people {
        let value = characteristic.value(&person.equality);
        let key = (value.is_none(), value.unwrap_or(NOT_RECORDED));
        let group = groups
            .entry(key)
            .or_insert_with(|| empty_group(key.1.to_string(), value.is_some()));
        group.people += 1;
        match outcomes.get(person.id.as_str()) {
            Some(Outcome::Slotted) => group.slotted += 1,
            Some(Outcome::Redeployed) => group.redeployed += 1,
            Some(Outcome::Unplaced) => group.unplaced += 1,
            Some(Outcome::Voluntary) => group.voluntary_redundancy += 1,
            None => {}
        }
    }
    let mut groups = combine_small(groups.into_values().collect());
    let rows: Vec<disclosure::Row> = groups
        .iter()
        .map(|g| disclosure::Row {
            people: g.people,
            counts: [g.placed(), g.unplaced, g.voluntary_redundancy],
            recorded: g.recorded,
        })
        .collect();
    let protection = disclosure::protect(&rows);
    if protection.withheld {
        return CharacteristicOutcomes {
            characteristic,
            groups: Vec::new(),
            highest_rate: None,
            withheld: true,
        };
    }
    let highest_rate = protection
        .highest
        .map(|h| h.placed as f64 / h.in_matching as f64);
    for (i, group) in groups.iter_mut().enumerate() {
        let [placed, unplaced, voluntary] = protection.visibility[i];
        group.visibility = [Visibility::Shown, placed, unplaced, voluntary];
        let in_matching = group.in_matching();
        group.placement_rate =
            (in_matching > 0).then(|| f64::from(group.placed()) / f64::from(in_matching));
        group.flagged = protection.flagged[i];
        group.flag_shown = protection.flag_shown[i];
        let compared = disclosure::compared(group.recorded, rows[i].counts.map(i64::from));
        group.ratio_to_highest = match (group.rate_shown(), highest_rate) {
            (Some(_), Some(highest)) if compared && highest > 0.0 => {
                group.placement_rate.map(|rate| rate / highest)
            }
            _ => None,
        };
    }
    CharacteristicOutcomes {
        characteristic,
        groups,
        highest_rate,
        withheld: false,
    }
}

fn empty_group(group: String, recorded: bool) -> GroupOutcomes {
    GroupOutcomes {
        group,
        recorded,
        people: 0,
        slotted: 0,
        redeployed: 0,
        unplaced: 0,
        voluntary_redundancy: 0,
        placement_rate: None,
        ratio_to_highest: None,
        flagged: false,
        flag_shown: true,
        visibility: [Visibility::Shown; 4],
    }
}

/// Combines the groups of fewer than [`SUPPRESS_BELOW`] people into one row, last; while that
/// row holds fewer people or one group only, the smallest other group joins it (the first of
/// equal ones). Table redesign before suppression, so that every row's people can be shown.
fn combine_small(groups: Vec<GroupOutcomes>) -> Vec<GroupOutcomes> {
    let (mut small, mut kept): (Vec<GroupOutcomes>, Vec<GroupOutcomes>) =
        groups.into_iter().partition(|g| g.people < SUPPRESS_BELOW);
    if small.is_empty() {
        return kept;
    }
    while small.iter().map(|g| g.people).sum::<u32>() < SUPPRESS_BELOW || small.len() < 2 {
        let Some(smallest) = (0..kept.len()).min_by_key(|&i| (kept[i].people, i)) else {
            break;
        };
        small.push(kept.remove(smallest));
    }
    let mut names: Vec<&str> = small.iter().map(|g| g.group.as_str()).collect();
    names.sort_unstable();
    let mut combined = empty_group(format!("{COMBINED}{}", names.join("; ")), false);
    for g in &small {
        combined.people += g.people;
        combined.slotted += g.slotted;
        combined.redeployed += g.redeployed;
        combined.unplaced += g.unplaced;
        combined.voluntary_redundancy += g.voluntary_redundancy;
    }
    kept.push(combined);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, people: u32) -> GroupOutcomes {
        let mut g = empty_group(name.to_string(), true);
        g.people = people;
        g.unplaced = people;
        g
    }

    fn names(groups: &[GroupOutcomes]) -> Vec<(String, u32)> {
        groups.iter().map(|g| (g.group.clone(), g.people)).collect()
    }

    #[test]
    fn small_groups_are_combined_into_one_row() {
        let groups = combine_small(vec![group("a", 3), group("b", 40), group("c", 2)]);
        assert_eq!(
            names(&groups),
            [("b".to_string(), 40), ("combined: a; c".to_string(), 5)]
        );
        assert!(!groups[1].recorded, "a combined row is never compared");
    }

    #[test]
    fn a_lone_small_group_takes_the_smallest_other_with_it() {
        let groups = combine_small(vec![group("a", 30), group("b", 1), group("c", 12)]);
        assert_eq!(
            names(&groups),
            [("a".to_string(), 30), ("combined: b; c".to_string(), 13)]
        );
    }

    #[test]
    fn groups_of_five_or_more_stay_apart() {
        let groups = combine_small(vec![group("a", 5), group("b", 9)]);
        assert_eq!(names(&groups), [("a".to_string(), 5), ("b".to_string(), 9)]);
    }
}
