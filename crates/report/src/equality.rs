//! Equality monitoring of a round's outcomes.
//!
//! This module owns [`EqualityBreakdown`]: for each monitored characteristic the scenario
//! records (sex, ethnicity, disability, age band), the outcome of every person at risk by group
//! — slotted in, redeployed by matching, unplaced (a redundancy), left under voluntary
//! redundancy — and each group's **placement rate**: people placed over people taking part in
//! matching. A group whose rate is below four-fifths of the highest group's is flagged
//! ([`FOUR_FIFTHS`]). The four-fifths ratio is an engineering heuristic for "materially worse"
//! (`docs/rules.md`, rule 26), not a legal test.
//!
//! Privacy: each group shows four counts — people, placed, not placed, voluntary redundancy —
//! and those are protected in two steps ([`Visibility`]). First, a count from 1 to 4 is hidden
//! (`<5`), and every count of a group of fewer than 5 people. Then, so that no hidden count can
//! be worked out by subtraction, any row or column of a characteristic's table (columns add up
//! to the round's published totals, rows to the group's people) with exactly one hidden count
//! hides its smallest shown count too (`x`), until every row and column hides none or at least
//! two. A rate is shown only when the placed and not-placed counts both are. Groups compared for
//! the flag are recorded groups with at least 5 people in matching; "not recorded" is shown but
//! never compared. The flag is worked out on the true counts, so it can appear on a row whose
//! rate is hidden.
//!
//! The breakdown is computed from the scenario's equality fields and the round's outcomes by
//! person id; the round itself never holds equality fields, and nothing here is logged.

use std::collections::{BTreeMap, HashMap};

use redeploy_engine::{PlacementRoute, Round};
use redeploy_model::{Equality, Scenario};

/// Counts below this (and above zero) are hidden.
pub const SUPPRESS_BELOW: u32 = 5;

/// A group whose placement rate is below this share of the highest group's rate is flagged.
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
    /// The recorded value, or [`NOT_RECORDED`].
    pub group: String,
    /// Whether the group is a recorded value (not "not recorded").
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
    /// Placement rate over the highest compared group's, when this group is compared.
    pub ratio_to_highest: Option<f64>,
    /// Whether the ratio is below [`FOUR_FIFTHS`].
    pub flagged: bool,
    /// How each shown count appears: people, placed, not placed, voluntary redundancy.
    pub visibility: [Visibility; 4],
}

/// How one count of the equality tables appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The number itself.
    Shown,
    /// Hidden as a small number (1 to 4, or any count of a group under 5 people): `<5`.
    Small,
    /// Hidden so that another hidden count cannot be worked out by subtraction: `x`.
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
    /// assert_eq!(Visibility::Small.show(3), "<5");
    /// assert_eq!(Visibility::Secondary.show(40), "x");
    /// ```
    pub fn show(self, count: u32) -> String {
        match self {
            Visibility::Shown => count.to_string(),
            Visibility::Small => "<5".to_string(),
            Visibility::Secondary => "x".to_string(),
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

    /// Whether the whole group is too small to show.
    pub fn suppressed(&self) -> bool {
        self.people < SUPPRESS_BELOW
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

    /// The four counts as shown, with `<5` and `x` where hidden.
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
    /// The highest placement rate among the compared groups.
    pub highest_rate: Option<f64>,
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
        let group = groups.entry(key).or_insert_with(|| GroupOutcomes {
            group: key.1.to_string(),
            recorded: value.is_some(),
            people: 0,
            slotted: 0,
            redeployed: 0,
            unplaced: 0,
            voluntary_redundancy: 0,
            placement_rate: None,
            ratio_to_highest: None,
            flagged: false,
            visibility: [Visibility::Shown; 4],
        });
        group.people += 1;
        match outcomes.get(person.id.as_str()) {
            Some(Outcome::Slotted) => group.slotted += 1,
            Some(Outcome::Redeployed) => group.redeployed += 1,
            Some(Outcome::Unplaced) => group.unplaced += 1,
            Some(Outcome::Voluntary) => group.voluntary_redundancy += 1,
            None => {}
        }
    }
    let mut groups: Vec<GroupOutcomes> = groups.into_values().collect();
    for group in &mut groups {
        let in_matching = group.in_matching();
        group.placement_rate =
            (in_matching > 0).then(|| f64::from(group.placed()) / f64::from(in_matching));
    }
    let compared = |g: &GroupOutcomes| g.recorded && g.in_matching() >= SUPPRESS_BELOW;
    let highest_rate = groups
        .iter()
        .filter(|g| compared(g))
        .filter_map(|g| g.placement_rate)
        .fold(None, |best: Option<f64>, rate| {
            Some(best.map_or(rate, |b| b.max(rate)))
        });
    if let Some(highest) = highest_rate.filter(|h| *h > 0.0) {
        for group in groups.iter_mut().filter(|g| compared(g)) {
            let ratio = group.placement_rate.unwrap_or(0.0) / highest;
            group.ratio_to_highest = Some(ratio);
            group.flagged = ratio < FOUR_FIFTHS;
        }
    }
    protect(&mut groups);
    CharacteristicOutcomes {
        characteristic,
        groups,
        highest_rate,
    }
}

/// Hides small counts, then hides more until no row or column of the table has exactly one
/// hidden count (so none can be found by subtracting the others from a total).
fn protect(groups: &mut [GroupOutcomes]) {
    for group in groups.iter_mut() {
        let small_group = group.suppressed();
        let counts = group.counts();
        for (visibility, count) in group.visibility.iter_mut().zip(counts) {
            if small_group || (count > 0 && count < SUPPRESS_BELOW) {
                *visibility = if count == 0 {
                    Visibility::Secondary
                } else {
                    Visibility::Small
                };
            }
        }
    }
    // Each pass hides at least one more count or stops, so this ends within 4 × groups passes.
    loop {
        let mut changed = false;
        for group in groups.iter_mut() {
            let counts = group.counts();
            changed |= hide_second(&mut group.visibility, &counts);
        }
        for column in 0..4 {
            let mut visibility: Vec<Visibility> =
                groups.iter().map(|g| g.visibility[column]).collect();
            let counts: Vec<u32> = groups.iter().map(|g| g.counts()[column]).collect();
            if hide_second(&mut visibility, &counts) {
                changed = true;
                for (group, v) in groups.iter_mut().zip(visibility) {
                    group.visibility[column] = v;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// When exactly one of `visibility` is hidden, hides the smallest shown count too (the first
/// of equal ones); returns whether it hid one.
fn hide_second(visibility: &mut [Visibility], counts: &[u32]) -> bool {
    if visibility.iter().filter(|v| v.hidden()).count() != 1 {
        return false;
    }
    let smallest = (0..visibility.len())
        .filter(|&i| !visibility[i].hidden())
        .min_by_key(|&i| (counts[i], i));
    match smallest {
        Some(i) => {
            visibility[i] = Visibility::Secondary;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn group(name: &str, [placed, unplaced, voluntary]: [u32; 3]) -> GroupOutcomes {
        GroupOutcomes {
            group: name.to_string(),
            recorded: true,
            people: placed + unplaced + voluntary,
            slotted: 0,
            redeployed: placed,
            unplaced,
            voluntary_redundancy: voluntary,
            placement_rate: None,
            ratio_to_highest: None,
            flagged: false,
            visibility: [Visibility::Shown; 4],
        }
    }

    proptest! {
        #[test]
        fn no_hidden_count_stands_alone_in_a_row_or_column(
            rows in proptest::collection::vec(proptest::array::uniform3(0u32..40), 1..8),
        ) {
            let mut groups: Vec<GroupOutcomes> = rows
                .iter()
                .enumerate()
                .map(|(i, counts)| group(&format!("g{i}"), *counts))
                .collect();
            protect(&mut groups);
            for g in &groups {
                let hidden = g.visibility.iter().filter(|v| v.hidden()).count();
                prop_assert!(hidden != 1, "row {} hides exactly one count", g.group);
                for (count, visibility) in g.counts().into_iter().zip(g.visibility) {
                    if (1..SUPPRESS_BELOW).contains(&count) || g.suppressed() {
                        prop_assert!(visibility.hidden(), "small count {count} of {} shown", g.group);
                    }
                }
            }
            for column in 0..4 {
                let hidden = groups.iter().filter(|g| g.visibility[column].hidden()).count();
                prop_assert!(
                    hidden != 1 || groups.len() == 1,
                    "column {column} hides exactly one count"
                );
            }
        }
    }

    #[test]
    fn a_lone_small_count_takes_the_smallest_neighbour_with_it() {
        let mut groups = vec![group("a", [30, 20, 10]), group("b", [3, 12, 9])];
        protect(&mut groups);
        // b's placed (3) is small; row b then hides its smallest shown count (VR 9), and the
        // placed and VR columns each hide a second count in row a (placed 30 → x, VR 10 → x),
        // which leaves row a with two hidden: four unknowns, three independent sums.
        assert_eq!(groups[1].shown_counts(), ["24", "<5", "12", "x"]);
        assert_eq!(groups[0].shown_counts(), ["60", "x", "20", "x"]);
        assert_eq!(groups[1].rate_shown(), None);
    }
}
