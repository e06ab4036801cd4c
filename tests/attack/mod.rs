//! The disclosure attack on published equality figures.
//!
//! It reads only what `redeploy` publishes — `equality.csv`, the headline counts in
//! `round.json`, the four-fifths label of each chart in the HTML page, and the flagged groups of
//! `compare` — and turns every figure into a constraint on the hidden counts:
//!
//! - each hidden count is an unknown integer: `x` is 0 or more, `<5` is 1 to 4;
//! - each group's people is its placed + unplaced + voluntary redundancy, and each column adds
//!   up to the round's headline count (people at risk, placed, unplaced, leaving under VR);
//! - a printed rate or ratio holds to its printed rounding (±0.0005);
//! - the four-fifths reference comes from the shown (rate, ratio) pairs and the chart label;
//!   a flag `yes` means the group is compared and below four-fifths, an empty flag that it is not
//!   both; under the old rule ([`Reference::HighestCompared`]) no compared group's rate is above
//!   the reference;
//! - several runs of one scenario (the runs a comparison lays side by side) share each group's
//!   people, and runs with the same number of volunteers leaving share the voluntary counts.
//!
//! It then enumerates every table that meets all constraints, row by row with the partial column
//! sums as state (exact: no relaxation beyond the printed rounding), and lists each hidden count
//! that has only one possible value.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How the method note published with the figures defines the four-fifths reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// The highest rate of any compared group, shown or not (the rule before the fix).
    HighestCompared,
    /// The highest rate among compared groups whose rate is shown.
    HighestShown,
}

/// A published count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The number itself.
    Exact(i64),
    /// `<5`: 1 to 4.
    Small,
    /// `x`: 0 or more.
    Hidden,
}

impl Cell {
    fn parse(text: &str) -> Cell {
        match text {
            "<5" => Cell::Small,
            "x" => Cell::Hidden,
            n => Cell::Exact(
                n.parse()
                    .unwrap_or_else(|_| panic!("a count, `<5` or `x`, found `{n}`")),
            ),
        }
    }

    fn hidden(self) -> bool {
        !matches!(self, Cell::Exact(_))
    }

    /// Whether `value` is allowed.
    fn allows(self, value: i64) -> bool {
        match self {
            Cell::Exact(n) => value == n,
            Cell::Small => (1..=4).contains(&value),
            Cell::Hidden => value >= 0,
        }
    }

    /// The values allowed, up to `most`.
    fn values(self, most: i64) -> std::ops::RangeInclusive<i64> {
        match self {
            Cell::Exact(n) => n..=n,
            Cell::Small => 1..=most.min(4),
            Cell::Hidden => 0..=most,
        }
    }
}

/// A published flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Below four-fifths.
    Yes,
    /// Not flagged.
    No,
    /// Not published.
    NotShown,
}

/// One published row.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's label.
    pub name: String,
    /// People, placed, unplaced, voluntary redundancy.
    pub cells: [Cell; 4],
    /// The printed placement rate.
    pub rate: Option<f64>,
    /// The printed ratio to the reference.
    pub ratio: Option<f64>,
    /// The flag.
    pub flag: Flag,
}

impl Group {
    fn recorded(&self) -> bool {
        self.name != "not recorded" && !self.name.starts_with("combined: ")
    }
}

/// Everything one run publishes about equality.
#[derive(Debug, Clone)]
pub struct Published {
    /// A label for messages.
    pub label: String,
    /// People at risk, placed, unplaced, leaving under voluntary redundancy.
    pub totals: [i64; 4],
    /// Each characteristic's rows.
    pub tables: BTreeMap<String, Vec<Group>>,
    /// The four-fifths label of each characteristic's chart, in percent.
    pub markers: HashMap<String, f64>,
}

const PEOPLE: usize = 0;
const PLACED: usize = 1;
const UNPLACED: usize = 2;
const VOLUNTARY: usize = 3;
const COLUMNS: [&str; 4] = ["people", "placed", "unplaced", "voluntary redundancy"];
const HALF: f64 = 0.0005;
const EPS: f64 = 1e-12;

impl Published {
    /// Reads `equality.csv`, `round.json` and (when given) the HTML page of one run.
    pub fn read(
        label: &str,
        equality_csv: &str,
        round_json: &str,
        html: Option<&str>,
    ) -> Published {
        let round: serde_json::Value = serde_json::from_str(round_json).expect("round.json parses");
        let metric = |name: &str| {
            round["metrics"][name]
                .as_i64()
                .unwrap_or_else(|| panic!("round.json has metrics.{name}"))
        };
        let totals = [
            metric("people_at_risk"),
            metric("placed"),
            metric("unplaced"),
            metric("volunteers_leaving"),
        ];
        let mut tables: BTreeMap<String, Vec<Group>> = BTreeMap::new();
        let mut reader = csv::ReaderBuilder::new()
            .from_reader(equality_csv.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.headers().expect("a header").clone();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("equality.csv has `{name}`"))
        };
        let [
            characteristic,
            group,
            people,
            placed,
            unplaced,
            voluntary,
            rate,
            ratio,
            flag,
        ] = [
            "characteristic",
            "group",
            "people",
            "placed",
            "unplaced",
            "voluntary_redundancy",
            "placement_rate",
            "ratio_to_highest",
            "below_four_fifths",
        ]
        .map(column);
        for record in reader.records() {
            let record = record.expect("a CSV record");
            let number = |i: usize| {
                (!record[i].is_empty()).then(|| record[i].parse::<f64>().expect("a number"))
            };
            tables
                .entry(record[characteristic].to_string())
                .or_default()
                .push(Group {
                    name: record[group].to_string(),
                    cells: [people, placed, unplaced, voluntary].map(|i| Cell::parse(&record[i])),
                    rate: number(rate),
                    ratio: number(ratio),
                    flag: match &record[flag] {
                        "yes" => Flag::Yes,
                        "" => Flag::No,
                        "not shown" => Flag::NotShown,
                        other => panic!("a flag, found `{other}`"),
                    },
                });
        }
        let mut markers = HashMap::new();
        if let Some(html) = html {
            for section in html.split("<h3>By ").skip(1) {
                let name = section
                    .split("</h3>")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let section = section.split("<h3>").next().unwrap_or_default();
                if let Some(rest) = section.split("four-fifths of ").nth(1) {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    if !digits.is_empty() && rest[digits.len()..].starts_with('%') {
                        markers.insert(name, digits.parse().expect("a percentage"));
                    }
                }
            }
        }
        Published {
            label: label.to_string(),
            totals,
            tables,
            markers,
        }
    }

    /// Adds what `compare` publishes for this run: its flagged groups, "characteristic: group"
    /// separated by "; ", or "none". A flag there that the run's own files hide is a new figure.
    pub fn add_compare_flags(&mut self, flagged: &str) {
        let listed: HashSet<&str> = flagged.split("; ").filter(|f| *f != "none").collect();
        for (characteristic, groups) in &mut self.tables {
            for group in groups {
                let in_compare =
                    listed.contains(format!("{characteristic}: {}", group.name).as_str());
                group.flag = match (group.flag, in_compare) {
                    (Flag::Yes | Flag::NotShown, true) => Flag::Yes,
                    (Flag::No, false) => Flag::No,
                    (Flag::NotShown, false) => Flag::NotShown,
                    (flag, _) => panic!(
                        "{}: compare and equality.csv disagree on {characteristic}: {} ({flag:?})",
                        self.label, group.name
                    ),
                };
            }
        }
    }
}

/// The reference rate of one run's table, as an interval.
#[derive(Debug, Clone, Copy)]
struct Highest {
    low: f64,
    high: f64,
}

fn shown_rate(group: &Group) -> Option<(f64, f64)> {
    match (group.cells[PLACED], group.cells[UNPLACED]) {
        (Cell::Exact(p), Cell::Exact(u)) if p + u > 0 => {
            let rate = p as f64 / (p + u) as f64;
            Some((rate, rate))
        }
        _ => group.rate.map(|r| (r - HALF, r + HALF)),
    }
}

fn highest(groups: &[Group], marker: Option<f64>, reference: Reference) -> Option<Highest> {
    let with_ratio: Vec<(f64, f64, f64)> = groups
        .iter()
        .filter_map(|g| {
            g.ratio
                .and_then(|q| shown_rate(g).map(|(lo, hi)| (lo, hi, q)))
        })
        .collect();
    let mut bound = match reference {
        Reference::HighestShown if !with_ratio.is_empty() => Some(Highest {
            low: with_ratio.iter().map(|r| r.0).fold(0.0, f64::max),
            high: with_ratio.iter().map(|r| r.1).fold(0.0, f64::max),
        }),
        _ if with_ratio.is_empty() && marker.is_none() => None,
        _ => Some(Highest {
            low: 0.0,
            high: 1.0,
        }),
    };
    if let Some(h) = bound.as_mut() {
        for &(lo, hi, q) in &with_ratio {
            if q > 0.0 {
                h.low = h.low.max(lo / (q + HALF));
                h.high = h.high.min(hi / (q - HALF).max(EPS));
            }
        }
        if let Some(m) = marker {
            h.low = h.low.max((m - 0.5) / 100.0);
            h.high = h.high.min((m + 0.5) / 100.0);
        }
    }
    bound
}

/// Whether one run's row with these counts meets the run's rate, ratio and flag figures.
fn row_fits(group: &Group, p: i64, u: i64, h: Option<Highest>, reference: Reference) -> bool {
    let m = p + u;
    let rate = (m > 0).then(|| p as f64 / m as f64);
    if let Some(printed) = group.rate {
        match rate {
            Some(r) if (r - printed).abs() <= HALF + EPS => {}
            _ => return false,
        }
    }
    let compared = group.recorded() && m >= 5;
    let (Some(h), Some(r)) = (h, rate) else {
        return group.flag != Flag::Yes && group.ratio.is_none();
    };
    if let Some(q) = group.ratio
        && (r < (q - HALF) * h.low - EPS || r > (q + HALF) * h.high + EPS)
    {
        return false;
    }
    if reference == Reference::HighestCompared && compared && r > h.high + EPS {
        return false;
    }
    match group.flag {
        Flag::Yes => compared && r < 0.8 * h.high + EPS,
        Flag::No => !compared || r >= 0.8 * h.low - EPS,
        Flag::NotShown => true,
    }
}

/// Whether a compared group with these counts has a rate within the reference's interval.
fn attains(group: &Group, p: i64, u: i64, h: Option<Highest>) -> bool {
    let m = p + u;
    let Some(h) = h else { return false };
    if !group.recorded() || m < 5 {
        return false;
    }
    let r = p as f64 / m as f64;
    r >= h.low - EPS && r <= h.high + EPS
}

/// One way a row can be filled in across the runs: people, then each run's voluntary and placed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Choice {
    people: i64,
    voluntary: Vec<i64>,
    placed: Vec<i64>,
    /// Per run, whether this row could be the reference group (its rate within the reference).
    attains: Vec<bool>,
}

/// A hidden count with one possible value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosed {
    /// Run label.
    pub run: String,
    /// Characteristic.
    pub characteristic: String,
    /// Group.
    pub group: String,
    /// Column.
    pub column: &'static str,
    /// The only value it can have.
    pub value: i64,
}

impl std::fmt::Display for Disclosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} {} {} = {}",
            self.run, self.characteristic, self.group, self.column, self.value
        )
    }
}

/// Every hidden count the published figures of `runs` (runs of one scenario) pin to one value.
///
/// # Panics
/// If no table at all fits the figures: the model is wrong, or the figures contradict each other.
pub fn attack(runs: &[Published], reference: Reference) -> Vec<Disclosed> {
    let mut names: BTreeSet<&String> = BTreeSet::new();
    for run in runs {
        names.extend(run.tables.keys());
    }
    let mut found = Vec::new();
    for name in names {
        let taking_part: Vec<&Published> = runs
            .iter()
            .filter(|r| r.tables.contains_key(name))
            .collect();
        for part in linked(name, &taking_part) {
            found.extend(attack_characteristic(name, &part, reference));
        }
    }
    found
}

/// The runs split into sets that share an unknown: all together while some group's people is
/// hidden in some run; otherwise the runs with the same number of volunteers leaving (they share
/// the voluntary counts), each other run alone. Sets that share nothing are attacked apart, which
/// finds the same values and is much faster.
fn linked<'a>(name: &str, runs: &[&'a Published]) -> Vec<Vec<&'a Published>> {
    let people_shown = runs
        .iter()
        .all(|r| r.tables[name].iter().all(|g| !g.cells[PEOPLE].hidden()));
    if !people_shown {
        return vec![runs.to_vec()];
    }
    let mut parts: Vec<Vec<&Published>> = Vec::new();
    for run in runs {
        let leaving = run.totals[VOLUNTARY];
        match parts
            .iter_mut()
            .find(|p| leaving > 0 && p[0].totals[VOLUNTARY] == leaving)
        {
            Some(part) => part.push(run),
            None => parts.push(vec![run]),
        }
    }
    parts
}

fn attack_characteristic(name: &str, runs: &[&Published], reference: Reference) -> Vec<Disclosed> {
    let tables: Vec<&Vec<Group>> = runs.iter().map(|r| &r.tables[name]).collect();
    let rows = tables[0].len();
    for table in &tables {
        let same: Vec<&str> = table.iter().map(|g| g.name.as_str()).collect();
        let first: Vec<&str> = tables[0].iter().map(|g| g.name.as_str()).collect();
        assert_eq!(same, first, "{name}: the runs show the same groups");
    }
    // Runs with the same (nonzero) number of volunteers leaving share the voluntary counts.
    let share: Vec<Option<usize>> = (0..runs.len())
        .map(|j| {
            (0..j).find(|&i| {
                runs[i].totals[VOLUNTARY] == runs[j].totals[VOLUNTARY]
                    && runs[j].totals[VOLUNTARY] > 0
            })
        })
        .collect();
    let highs: Vec<Option<Highest>> = runs
        .iter()
        .zip(&tables)
        .map(|(run, table)| highest(table, run.markers.get(name).copied(), reference))
        .collect();
    let choices: Vec<Vec<Choice>> = (0..rows)
        .map(|r| row_choices(runs, &tables, r, &share, &highs, reference))
        .collect();
    let k = runs.len();
    let total_state: Vec<i64> = std::iter::once(runs[0].totals[PEOPLE])
        .chain(runs.iter().map(|r| r.totals[VOLUNTARY]))
        .chain(runs.iter().map(|r| r.totals[PLACED]))
        .collect();
    let unplaced_totals: Vec<i64> = runs.iter().map(|r| r.totals[UNPLACED]).collect();
    // Under the old rule some compared group has the reference rate; the state's last k
    // entries record, per run, whether a row so far could be it.
    let needs_attainer: Vec<i64> = highs
        .iter()
        .map(|h| i64::from(reference == Reference::HighestCompared && h.is_some()))
        .collect();
    let add = |state: &[i64], c: &Choice| -> Option<Vec<i64>> {
        let mut next = state.to_vec();
        next[0] += c.people;
        for j in 0..k {
            next[1 + j] += c.voluntary[j];
            next[1 + k + j] += c.placed[j];
            next[1 + 2 * k + j] = next[1 + 2 * k + j].max(i64::from(c.attains[j]));
        }
        let fits = next.iter().zip(&total_state).all(|(a, t)| a <= t)
            && (0..k).all(|j| next[0] - next[1 + j] - next[1 + k + j] <= unplaced_totals[j]);
        fits.then_some(next)
    };
    // The least and most each row can add to each sum, added up from the last row back: a
    // partial state that the remaining rows cannot bring to the totals is dropped.
    let width = 1 + 2 * k;
    let contribution = |c: &Choice| -> Vec<i64> {
        std::iter::once(c.people)
            .chain(c.voluntary.iter().copied())
            .chain(c.placed.iter().copied())
            .collect()
    };
    let mut least = vec![vec![0; width]; rows + 1];
    let mut most = vec![vec![0; width]; rows + 1];
    for r in (0..rows).rev() {
        let added: Vec<Vec<i64>> = choices[r].iter().map(contribution).collect();
        for i in 0..width {
            let values = added.iter().map(|c| c[i]);
            least[r][i] = least[r + 1][i] + values.clone().min().unwrap_or(0);
            most[r][i] = most[r + 1][i] + values.max().unwrap_or(0);
        }
    }
    let reachable = |s: &Vec<i64>, r: usize| {
        (0..width)
            .all(|i| s[i] + least[r][i] <= total_state[i] && s[i] + most[r][i] >= total_state[i])
    };
    let mut layers: Vec<HashSet<Vec<i64>>> = vec![HashSet::from([vec![0; 1 + 3 * k]])];
    for (r, row) in choices.iter().enumerate() {
        let next: HashSet<Vec<i64>> = layers
            .last()
            .into_iter()
            .flatten()
            .flat_map(|s| row.iter().filter_map(|c| add(s, c)))
            .filter(|s| reachable(s, r + 1))
            .collect();
        layers.push(next);
    }
    let mut good: Vec<HashSet<Vec<i64>>> = vec![HashSet::new(); rows + 1];
    let finished = |s: &Vec<i64>| {
        s[..1 + 2 * k] == total_state[..]
            && (0..k).all(|j| s[0] - s[1 + j] - s[1 + k + j] == unplaced_totals[j])
            && (0..k).all(|j| s[1 + 2 * k + j] >= needs_attainer[j])
    };
    good[rows] = layers[rows]
        .iter()
        .filter(|s| finished(s))
        .cloned()
        .collect();
    assert!(
        !good[rows].is_empty(),
        "{name}: no table fits the published figures of {:?}; the attack's model is wrong",
        runs.iter().map(|r| &r.label).collect::<Vec<_>>()
    );
    let mut feasible: Vec<HashSet<&Choice>> = vec![HashSet::new(); rows];
    for r in (0..rows).rev() {
        let mut keep = HashSet::new();
        for s in &layers[r] {
            for c in &choices[r] {
                if add(s, c).is_some_and(|n| good[r + 1].contains(&n)) {
                    keep.insert(s.clone());
                    feasible[r].insert(c);
                }
            }
        }
        good[r] = keep;
    }
    let mut found = Vec::new();
    for r in 0..rows {
        for (j, run) in runs.iter().enumerate() {
            let group = &tables[j][r];
            for (column, cell) in group.cells.iter().enumerate() {
                if !cell.hidden() {
                    continue;
                }
                let values: BTreeSet<i64> = feasible[r]
                    .iter()
                    .map(|c| match column {
                        PEOPLE => c.people,
                        PLACED => c.placed[j],
                        UNPLACED => c.people - c.voluntary[j] - c.placed[j],
                        _ => c.voluntary[j],
                    })
                    .collect();
                if values.len() == 1 {
                    found.push(Disclosed {
                        run: run.label.clone(),
                        characteristic: name.to_string(),
                        group: group.name.clone(),
                        column: COLUMNS[column],
                        value: *values.first().unwrap_or(&0),
                    });
                }
            }
        }
    }
    found
}

/// Every way row `r` can be filled in across the runs that meets its own figures.
fn row_choices(
    runs: &[&Published],
    tables: &[&Vec<Group>],
    r: usize,
    share: &[Option<usize>],
    highs: &[Option<Highest>],
    reference: Reference,
) -> Vec<Choice> {
    let first = &tables[0][r];
    let most_people = runs[0].totals[PEOPLE];
    let mut out = Vec::new();
    let mut partial = Choice {
        people: 0,
        voluntary: Vec::new(),
        placed: Vec::new(),
        attains: Vec::new(),
    };
    // The first run fixes the people: from the cell when shown, else from its three counts.
    let t = runs[0].totals;
    for v in first.cells[VOLUNTARY].values(t[VOLUNTARY]) {
        for p in first.cells[PLACED].values(t[PLACED]) {
            let unplaced: Vec<i64> = match first.cells[PEOPLE] {
                Cell::Exact(n) => vec![n - v - p],
                _ => first.cells[UNPLACED]
                    .values(t[UNPLACED].min(most_people - v - p))
                    .collect(),
            };
            for u in unplaced {
                let n = p + u + v;
                if u < 0 || !first.cells[UNPLACED].allows(u) || !first.cells[PEOPLE].allows(n) {
                    continue;
                }
                if !row_fits(first, p, u, highs[0], reference) {
                    continue;
                }
                partial.people = n;
                partial.voluntary = vec![v];
                partial.placed = vec![p];
                partial.attains = vec![attains(first, p, u, highs[0])];
                extend(
                    runs,
                    tables,
                    r,
                    share,
                    highs,
                    reference,
                    &mut partial,
                    &mut out,
                );
            }
        }
    }
    out
}

/// Fills in runs after the first, given the people and the runs so far.
#[allow(clippy::too_many_arguments)]
fn extend(
    runs: &[&Published],
    tables: &[&Vec<Group>],
    r: usize,
    share: &[Option<usize>],
    highs: &[Option<Highest>],
    reference: Reference,
    partial: &mut Choice,
    out: &mut Vec<Choice>,
) {
    let j = partial.placed.len();
    if j == runs.len() {
        out.push(partial.clone());
        return;
    }
    let group = &tables[j][r];
    let n = partial.people;
    let t = runs[j].totals;
    let voluntary: Vec<i64> = match share[j] {
        Some(i) => vec![partial.voluntary[i]],
        None => group.cells[VOLUNTARY].values(t[VOLUNTARY].min(n)).collect(),
    };
    for v in voluntary {
        if !group.cells[VOLUNTARY].allows(v) {
            continue;
        }
        for p in group.cells[PLACED].values(t[PLACED].min(n - v)) {
            let u = n - v - p;
            if u < 0
                || !group.cells[UNPLACED].allows(u)
                || !row_fits(group, p, u, highs[j], reference)
            {
                continue;
            }
            partial.voluntary.push(v);
            partial.placed.push(p);
            partial.attains.push(attains(group, p, u, highs[j]));
            extend(runs, tables, r, share, highs, reference, partial, out);
            partial.voluntary.pop();
            partial.placed.pop();
            partial.attains.pop();
        }
    }
}
