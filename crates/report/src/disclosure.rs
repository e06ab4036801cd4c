//! Disclosure control of one characteristic's equality table: which counts are hidden, which
//! group is the four-fifths reference, and whether the flags of groups whose rate is hidden can
//! be published.
//!
//! This module owns [`protect`]. A table has one row per group (every group has at least
//! [`SUPPRESS_BELOW`] people, since smaller groups are combined first, see
//! [`crate::equality`]) and three counts per row: placed, unplaced and voluntary redundancy. The
//! people of each row and the column totals (the round's headline counts) are published, so the
//! table is a two-way table with all its margins known, the textbook case of cell suppression
//! (Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, on tabular data).
//!
//! 1. **Primary suppression.** A count from 1 to 4 is hidden, and so is a zero in a group of
//!    fewer than [`ZERO_HIDDEN_BELOW`] people ("no one in this group was unplaced" tells every
//!    member's outcome), unless the whole column is zero (the headline already says so).
//! 2. **Secondary suppression, audited.** Every hidden count must have an *alternative*: a
//!    second table that agrees with everything published — every shown count, every row's
//!    people, every column total, every shown rate and ratio, the reference rate and every
//!    published flag — in which that count differs. The alternatives are the elementary moves of
//!    cell suppression: add 1 to two hidden counts and take 1 from two others at the corners of a
//!    rectangle of hidden counts, which keeps every row and column sum. Counts are hidden until
//!    each hidden count lies on such a move that keeps every count at zero or more and leaves
//!    every published flag as it is.
//! 3. **Consistency across runs.** Voluntary redundancy does not depend on the matching policy
//!    (volunteers leave before matching), so two runs of one scenario publish the same
//!    voluntary redundancy counts. Their pattern, and the move that protects each of them, is
//!    chosen from those counts and the groups' sizes alone, the same in every run; each run then
//!    hides placed or unplaced counts so that the move can be balanced in that run. Moves among
//!    placed and unplaced counts stay inside one run. So a comparison of policies, or two runs
//!    published separately, give no more than each run alone.
//! 4. **Rates.** A group's rate is shown only when its placed and unplaced counts are, so it
//!    tells nothing the counts do not. The four-fifths reference is the highest shown rate among
//!    compared groups. A group whose rate is hidden is flagged only while the moves above keep
//!    its flag; otherwise the flags of hidden groups are not published for that characteristic.
//!
//! When a table cannot be protected (it has one row, or no move exists), it is withheld.

use crate::equality::{SUPPRESS_BELOW, Visibility, ZERO_HIDDEN_BELOW};

/// Column of the people placed (slotted in or redeployed).
pub(crate) const PLACED: usize = 0;
/// Column of the people taking part in matching and not placed.
pub(crate) const UNPLACED: usize = 1;
/// Column of the people leaving under voluntary redundancy.
pub(crate) const VOLUNTARY: usize = 2;

/// One group of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// People in the group (published).
    pub people: u32,
    /// Placed, unplaced, voluntary redundancy; they add up to `people`.
    pub counts: [u32; 3],
    /// Whether the group may be compared for the four-fifths flag (a recorded value).
    pub recorded: bool,
}

/// A placement rate as the exact fraction placed / in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fraction {
    /// People placed.
    pub placed: u64,
    /// People in matching.
    pub in_matching: u64,
}

/// What [`protect`] decided for a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Protection {
    /// Placed, unplaced, voluntary redundancy of each row as published.
    pub visibility: Vec<[Visibility; 3]>,
    /// The four-fifths reference: the highest shown rate among compared groups.
    pub highest: Option<Fraction>,
    /// Whether each row is flagged as published.
    pub flagged: Vec<bool>,
    /// Whether each row's flag is published (it is not for a row whose rate is hidden when the
    /// flags of such rows would give a hidden count away).
    pub flag_shown: Vec<bool>,
    /// Whether the whole table is withheld.
    pub withheld: bool,
}

/// Whether a group with these counts is compared for the flag.
pub(crate) fn compared(recorded: bool, counts: [i64; 3]) -> bool {
    recorded && counts[PLACED] + counts[UNPLACED] >= i64::from(SUPPRESS_BELOW)
}

/// Whether a compared group's rate is below four-fifths of `highest`, in exact arithmetic.
pub(crate) fn below_four_fifths(recorded: bool, counts: [i64; 3], highest: Fraction) -> bool {
    if !compared(recorded, counts) || highest.placed == 0 {
        return false;
    }
    let placed = i128::from(counts[PLACED]);
    let in_matching = i128::from(counts[PLACED] + counts[UNPLACED]);
    5 * placed * i128::from(highest.in_matching) < 4 * i128::from(highest.placed) * in_matching
}

/// A change to four hidden counts that keeps every row and column sum: (row, column, change).
type Move = [(usize, usize, i64); 4];

/// The working state of one table.
struct Table<'a> {
    rows: &'a [Row],
    hidden: Vec<[bool; 3]>,
    primary: Vec<[bool; 3]>,
    /// The moves protecting voluntary redundancy counts: (row, partner, sign); the row's count
    /// changes by the sign, the partner's by its opposite.
    voluntary_moves: Vec<(usize, usize, i64)>,
    /// Whether flags of rows whose rate is hidden are published.
    flag_hidden_rows: bool,
}

enum Step {
    Done,
    Changed,
    Stuck,
}

/// Decides what to publish of one table; see the module docs.
pub(crate) fn protect(rows: &[Row]) -> Protection {
    let mut table = Table::new(rows);
    let protected = rows.len() >= 2 && table.protect_voluntary() && table.protect_run();
    if !protected {
        return Protection {
            visibility: vec![[Visibility::Secondary; 3]; rows.len()],
            highest: None,
            flagged: vec![false; rows.len()],
            flag_shown: vec![false; rows.len()],
            withheld: true,
        };
    }
    let highest = table.highest();
    // With no reference no group is flagged, which the published figures already say.
    let flag_shown: Vec<bool> = (0..rows.len())
        .map(|r| table.flag_hidden_rows || table.rate_shown(r) || highest.is_none())
        .collect();
    let flagged = (0..rows.len())
        .map(|r| {
            flag_shown[r]
                && highest.is_some_and(|h| below_four_fifths(rows[r].recorded, table.counts(r), h))
        })
        .collect();
    let visibility = (0..rows.len())
        .map(|r| {
            std::array::from_fn(|k| match (table.hidden[r][k], table.primary[r][k]) {
                (false, _) => Visibility::Shown,
                (true, true) => Visibility::Small,
                (true, false) => Visibility::Secondary,
            })
        })
        .collect();
    Protection {
        visibility,
        highest,
        flagged,
        flag_shown,
        withheld: false,
    }
}

impl<'a> Table<'a> {
    /// The table with its primary suppression.
    fn new(rows: &'a [Row]) -> Table<'a> {
        let totals: [u32; 3] = std::array::from_fn(|k| rows.iter().map(|r| r.counts[k]).sum());
        let primary: Vec<[bool; 3]> = rows
            .iter()
            .map(|row| {
                std::array::from_fn(|k| {
                    let count = row.counts[k];
                    (1..SUPPRESS_BELOW).contains(&count)
                        || (count == 0 && row.people < ZERO_HIDDEN_BELOW && totals[k] > 0)
                })
            })
            .collect();
        Table {
            rows,
            hidden: primary.clone(),
            primary,
            voluntary_moves: Vec::new(),
            flag_hidden_rows: true,
        }
    }

    fn counts(&self, r: usize) -> [i64; 3] {
        self.rows[r].counts.map(i64::from)
    }

    fn in_matching(&self, r: usize) -> i64 {
        let c = self.counts(r);
        c[PLACED] + c[UNPLACED]
    }

    fn rate_shown(&self, r: usize) -> bool {
        !self.hidden[r][PLACED] && !self.hidden[r][UNPLACED]
    }

    /// The highest shown rate among compared groups (the first of equal ones).
    fn highest(&self) -> Option<Fraction> {
        let mut best: Option<Fraction> = None;
        for r in (0..self.rows.len()).filter(|&r| self.rate_shown(r)) {
            let counts = self.counts(r);
            if !compared(self.rows[r].recorded, counts) {
                continue;
            }
            let rate = Fraction {
                placed: self.rows[r].counts[PLACED].into(),
                in_matching: self.in_matching(r).unsigned_abs(),
            };
            let higher = best.is_none_or(|b| {
                u128::from(rate.placed) * u128::from(b.in_matching)
                    > u128::from(b.placed) * u128::from(rate.in_matching)
            });
            if higher {
                best = Some(rate);
            }
        }
        best
    }

    /// Whether `change` is an alternative the published figures allow: it changes hidden counts
    /// only, keeps them at zero or more, and leaves every published flag as it is.
    fn allows(&self, change: &Move, highest: Option<Fraction>) -> bool {
        let cells_ok = change
            .iter()
            .all(|&(r, k, d)| self.hidden[r][k] && self.counts(r)[k] + d >= 0);
        if !cells_ok {
            return false;
        }
        let Some(highest) = highest.filter(|_| self.flag_hidden_rows) else {
            return true;
        };
        change.iter().all(|&(r, _, _)| {
            let before = self.counts(r);
            let mut after = before;
            for &(row, k, d) in change {
                if row == r {
                    after[k] += d;
                }
            }
            let recorded = self.rows[r].recorded;
            below_four_fifths(recorded, before, highest)
                == below_four_fifths(recorded, after, highest)
        })
    }

    /// The voluntary redundancy pattern and its moves, from the voluntary counts and the groups'
    /// sizes only (the same in every run); false when some hidden count has no move.
    fn protect_voluntary(&mut self) -> bool {
        let n = self.rows.len();
        let in_matching_total: i64 = (0..n).map(|r| self.in_matching(r)).sum();
        for r in 0..n {
            // A small group that wholly left: its zeros in matching are hidden, so its
            // voluntary count must be too, or they follow from the group's people.
            if self.in_matching(r) == 0
                && self.rows[r].people < ZERO_HIDDEN_BELOW
                && in_matching_total > 0
            {
                self.hidden[r][VOLUNTARY] = true;
            }
        }
        let mut covered = vec![false; n];
        while let Some(r1) = (0..n).find(|&r| self.hidden[r][VOLUNTARY] && !covered[r]) {
            let voluntary = |r: usize| self.counts(r)[VOLUNTARY];
            let best = (0..n)
                .filter(|&r2| r2 != r1)
                .flat_map(|r2| [(r2, 1), (r2, -1)])
                .filter(|&(r2, s)| {
                    let (up, down) = if s > 0 { (r1, r2) } else { (r2, r1) };
                    voluntary(down) >= 1 && self.in_matching(up) >= 1
                })
                .min_by_key(|&(r2, s)| {
                    let shown = !self.hidden[r2][VOLUNTARY];
                    (shown, if shown { voluntary(r2) } else { 0 }, r2, -s)
                });
            let Some((r2, s)) = best else {
                return false;
            };
            self.hidden[r2][VOLUNTARY] = true;
            covered[r1] = true;
            covered[r2] = true;
            self.voluntary_moves.push((r1, r2, s));
        }
        true
    }

    /// The move balancing voluntary move `(r1, r2, s)` with column `x` (placed or unplaced).
    fn balanced(r1: usize, r2: usize, s: i64, x: usize) -> Move {
        [
            (r1, VOLUNTARY, s),
            (r1, x, -s),
            (r2, VOLUNTARY, -s),
            (r2, x, s),
        ]
    }

    /// The placed-unplaced rectangle on rows `r1` and `r2`.
    fn rectangle(r1: usize, r2: usize, s: i64) -> Move {
        [
            (r1, PLACED, s),
            (r1, UNPLACED, -s),
            (r2, PLACED, -s),
            (r2, UNPLACED, s),
        ]
    }

    /// The moves that could protect hidden placed or unplaced count `(r, k)`.
    fn moves_through(&self, r: usize, k: usize) -> Vec<Move> {
        let n = self.rows.len();
        let mut moves: Vec<Move> = (0..n)
            .filter(|&r2| r2 != r)
            .flat_map(|r2| [Self::rectangle(r, r2, 1), Self::rectangle(r, r2, -1)])
            .collect();
        for &(r1, r2, s) in &self.voluntary_moves {
            if r1 == r || r2 == r {
                moves.push(Self::balanced(r1, r2, s, k));
            }
        }
        moves
    }

    /// Hides the cells of the cheapest move among `moves` whose counts stay at zero or more;
    /// `Stuck` when every such move is already wholly hidden (so a flag stops it) or none exists.
    fn hide_cheapest(&mut self, moves: &[Move]) -> Step {
        let cost = |change: &Move| {
            let shown = change
                .iter()
                .filter(|&&(r, k, _)| !self.hidden[r][k])
                .count();
            let value: i64 = change
                .iter()
                .filter(|&&(r, k, _)| !self.hidden[r][k])
                .map(|&(r, k, _)| self.counts(r)[k])
                .sum();
            (shown, value)
        };
        let best = moves
            .iter()
            .filter(|change| change.iter().all(|&(r, k, d)| self.counts(r)[k] + d >= 0))
            .filter(|change| cost(change).0 > 0)
            .min_by_key(|change| cost(change));
        match best {
            Some(change) => {
                for &(r, k, _) in change {
                    self.hidden[r][k] = true;
                }
                Step::Changed
            }
            None => Step::Stuck,
        }
    }

    /// One pass of the audit: finds the first hidden count without an alternative and hides
    /// more to give it one.
    fn repair(&mut self) -> Step {
        let highest = self.highest();
        for &(r1, r2, s) in &self.voluntary_moves.clone() {
            let moves = [
                Self::balanced(r1, r2, s, PLACED),
                Self::balanced(r1, r2, s, UNPLACED),
            ];
            if !moves.iter().any(|m| self.allows(m, highest)) {
                return self.hide_cheapest(&moves);
            }
        }
        for r in 0..self.rows.len() {
            for k in [PLACED, UNPLACED] {
                if !self.hidden[r][k] {
                    continue;
                }
                let moves = self.moves_through(r, k);
                let through = |m: &Move| m.iter().any(|&(row, col, _)| row == r && col == k);
                if !moves.iter().any(|m| through(m) && self.allows(m, highest)) {
                    return self.hide_cheapest(&moves);
                }
            }
        }
        Step::Done
    }

    /// Hides placed and unplaced counts until every hidden count has an alternative; turns the
    /// flags of hidden rows off if they stand in the way; false when nothing helps.
    fn protect_run(&mut self) -> bool {
        loop {
            match self.repair() {
                Step::Done => return true,
                Step::Changed => {}
                Step::Stuck if self.flag_hidden_rows => self.flag_hidden_rows = false,
                Step::Stuck => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(counts: [u32; 3]) -> Row {
        Row {
            people: counts.iter().sum(),
            counts,
            recorded: true,
        }
    }

    fn hidden(p: &Protection) -> Vec<[bool; 3]> {
        p.visibility
            .iter()
            .map(|v| v.map(Visibility::hidden))
            .collect()
    }

    #[test]
    fn a_small_count_is_hidden_with_a_rectangle_around_it() {
        let rows = [row([30, 20, 10]), row([3, 12, 9]), row([40, 41, 12])];
        let p = protect(&rows);
        let h = hidden(&p);
        assert!(h[1][PLACED], "the 3 is hidden");
        assert!(h[1][UNPLACED], "its row hides a second count of the move");
        assert_eq!(h.iter().filter(|r| r[PLACED]).count(), 2, "{h:?}");
        assert!(!p.withheld);
    }

    #[test]
    fn one_row_is_withheld() {
        assert!(protect(&[row([3, 4, 5])]).withheld);
    }

    #[test]
    fn a_zero_in_a_small_group_is_hidden_but_not_in_a_large_one() {
        let rows = [row([6, 0, 2]), row([20, 0, 7]), row([30, 12, 8])];
        let p = protect(&rows);
        assert!(p.visibility[0][UNPLACED].hidden());
        assert_eq!(p.visibility[1][UNPLACED], Visibility::Shown);
    }

    #[test]
    fn a_flag_that_every_move_would_change_is_not_shown() {
        // Rows b and c are small, so all their counts are hidden. The move protecting their
        // voluntary counts moves a volunteer of c into matching and one person of b out of it;
        // b has no one placed, so it goes through the unplaced counts, and c would then have 5 in
        // matching with 1 placed: compared, and below four-fifths of a's 50%. Its flag ("no")
        // would rule the move out, so the flags of hidden rows are not published.
        let rows = [row([50, 50, 0]), row([0, 2, 3]), row([1, 3, 2])];
        let p = protect(&rows);
        assert!(!p.withheld);
        assert_eq!(p.flag_shown, [true, false, false]);
        assert_eq!(p.flagged, [false, false, false]);
        assert_eq!(
            p.highest,
            Some(Fraction {
                placed: 50,
                in_matching: 100
            })
        );
    }

    proptest! {
        /// Every hidden count sits on a move of hidden counts, so it could be one more or one
        /// less; the full attack (`tests/disclosure_attack.rs`) checks the published files.
        #[test]
        fn every_hidden_count_has_a_partner_in_its_row_and_column(
            counts in proptest::collection::vec(proptest::array::uniform3(0u32..30), 2..8),
        ) {
            let rows: Vec<Row> = counts.iter().filter(|c| c.iter().sum::<u32>() >= 5).map(|c| row(*c)).collect();
            prop_assume!(rows.len() >= 2);
            let p = protect(&rows);
            prop_assume!(!p.withheld);
            let h = hidden(&p);
            for (r, row) in rows.iter().enumerate() {
                for (&c, &hid) in row.counts.iter().zip(&h[r]) {
                    if (1..SUPPRESS_BELOW).contains(&c) {
                        prop_assert!(hid, "small count {c} shown");
                    }
                }
                prop_assert!(h[r].iter().filter(|x| **x).count() != 1, "row {r} hides one count");
            }
            for k in 0..3 {
                prop_assert!(h.iter().filter(|x| x[k]).count() != 1, "column {k} hides one count");
            }
        }
    }
}
