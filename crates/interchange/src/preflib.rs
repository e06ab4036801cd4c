//! PrefLib's `toi` format (orders with ties, incomplete lists), one file per side.
//!
//! PrefLib (Mattei and Walsh 2013, <https://www.preflib.org/format>) stores one side's ordinal
//! preferences: a header of `# KEY: value` lines, then one line per order, `COUNT: ORDER`, where
//! the order lists alternative numbers best first, with tied alternatives in braces:
//!
//! ```text
//! # FILE NAME: people.toi
//! # TITLE: people's rankings of vacancies
//! # DATA TYPE: toi
//! # MODIFICATION TYPE: original
//! # NUMBER ALTERNATIVES: 3
//! # NUMBER VOTERS: 2
//! # NUMBER UNIQUE ORDERS: 2
//! # ALTERNATIVE NAME 1: V1
//! # ALTERNATIVE NAME 2: V2
//! # ALTERNATIVE NAME 3: V3
//! # VOTER NAME 1: P1
//! # VOTER NAME 2: P2
//! # ALTERNATIVE CAPACITY 2: 2
//! 1: 1,{2,3}
//! 1: 2
//! ```
//!
//! PrefLib orders are anonymous and counted; a two-sided instance needs to know who ranked what,
//! so every order is written on its own line with count 1, in voter order, and two header keys
//! are added that PrefLib does not define: `VOTER NAME i` (the agent of the i-th order) and
//! `ALTERNATIVE CAPACITY j` (places of alternative j, written when not 1). `NUMBER UNIQUE
//! ORDERS` is the number of order lines. A reader that ignores the added keys still reads every
//! order. A two-sided instance is two files: the people's side (voters people, alternatives
//! vacancies, with capacities) and the vacancies' side (voters vacancies, alternatives people).

use crate::{Error, RankedAgent, TwoSidedInstance};

/// One side of an instance as a PrefLib `toi` file: `voters` rank the `alternatives`.
pub fn to_toi(
    file_name: &str,
    title: &str,
    voters: &[RankedAgent],
    alternatives: &[RankedAgent],
) -> String {
    let number: std::collections::HashMap<&str, usize> = alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i + 1))
        .collect();
    let mut out = String::new();
    let mut header = |key: String, value: String| {
        out.push_str(&format!("# {key}: {value}\n"));
    };
    header("FILE NAME".into(), file_name.into());
    header("TITLE".into(), title.into());
    header("DATA TYPE".into(), "toi".into());
    header("MODIFICATION TYPE".into(), "original".into());
    header("NUMBER ALTERNATIVES".into(), alternatives.len().to_string());
    header("NUMBER VOTERS".into(), voters.len().to_string());
    header("NUMBER UNIQUE ORDERS".into(), voters.len().to_string());
    for (i, alternative) in alternatives.iter().enumerate() {
        header(
            format!("ALTERNATIVE NAME {}", i + 1),
            alternative.id.clone(),
        );
    }
    for (i, voter) in voters.iter().enumerate() {
        header(format!("VOTER NAME {}", i + 1), voter.id.clone());
    }
    for (i, alternative) in alternatives.iter().enumerate() {
        if alternative.capacity != 1 {
            header(
                format!("ALTERNATIVE CAPACITY {}", i + 1),
                alternative.capacity.to_string(),
            );
        }
    }
    for voter in voters {
        let groups: Vec<String> = voter
            .ranking
            .iter()
            .map(|group| {
                let ids: Vec<String> = group
                    .iter()
                    .filter_map(|id| number.get(id.as_str()).map(usize::to_string))
                    .collect();
                if ids.len() == 1 {
                    ids[0].clone()
                } else {
                    format!("{{{}}}", ids.join(","))
                }
            })
            .collect();
        out.push_str(&format!("1: {}\n", groups.join(",")));
    }
    out
}

/// Both sides of an instance as (people's file, vacancies' file).
pub fn to_toi_pair(instance: &TwoSidedInstance) -> (String, String) {
    (
        to_toi(
            "people.toi",
            "people's rankings of vacancies",
            &instance.people,
            &instance.vacancies,
        ),
        to_toi(
            "vacancies.toi",
            "vacancies' rankings of people",
            &instance.vacancies,
            &instance.people,
        ),
    )
}

/// One side as read: the voters with their rankings (of alternative names), and the
/// alternatives with their capacities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The voters, in order.
    pub voters: Vec<RankedAgent>,
    /// The alternatives, by number.
    pub alternatives: Vec<RankedAgent>,
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::PrefLib {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Reads one PrefLib `toi` (or `soi`) file. Orders with a count above 1 are read as that many
/// voters; voters without a `VOTER NAME` are named `voter-N`.
///
/// # Errors
/// [`Error::PrefLib`] with the line for a malformed header, order or alternative number.
pub fn from_toi(file: &str, text: &str) -> Result<Side, Error> {
    let mut alternatives: Vec<RankedAgent> = Vec::new();
    let mut voter_names: std::collections::BTreeMap<usize, String> = Default::default();
    let mut capacities: Vec<(usize, u32, usize)> = Vec::new();
    let mut orders: Vec<(usize, Vec<Vec<usize>>)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        if let Some(meta) = raw.strip_prefix('#') {
            let Some((key, value)) = meta.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim().to_string());
            let number = |prefix: &str| {
                key.strip_prefix(prefix)
                    .and_then(|n| n.trim().parse::<usize>().ok())
            };
            if let Some(n) = number("ALTERNATIVE NAME ") {
                if n != alternatives.len() + 1 {
                    return Err(bad(
                        file,
                        line,
                        format!("expected alternative {}, found {n}", alternatives.len() + 1),
                    ));
                }
                alternatives.push(RankedAgent {
                    id: value,
                    capacity: 1,
                    ranking: Vec::new(),
                });
            } else if let Some(n) = number("VOTER NAME ") {
                voter_names.insert(n, value);
            } else if let Some(n) = number("ALTERNATIVE CAPACITY ") {
                let places = value
                    .parse::<u32>()
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| {
                        bad(
                            file,
                            line,
                            format!("expected a whole number of places from 1, found `{value}`"),
                        )
                    })?;
                capacities.push((n, places, line));
            }
            continue;
        }
        let (count, order) = raw.split_once(':').ok_or_else(|| {
            bad(
                file,
                line,
                "expected `COUNT: ORDER` (for example `1: 2,{1,3}`)",
            )
        })?;
        let count = count.trim().parse::<usize>().map_err(|_| {
            bad(
                file,
                line,
                format!("expected a whole count, found `{}`", count.trim()),
            )
        })?;
        orders.push((count, parse_order(file, line, order, alternatives.len())?));
    }
    for (n, places, line) in capacities {
        let alternative = alternatives
            .get_mut(n.wrapping_sub(1))
            .ok_or_else(|| bad(file, line, format!("no alternative {n}")))?;
        alternative.capacity = places;
    }
    let mut voters = Vec::new();
    for (count, order) in orders {
        for _ in 0..count {
            let n = voters.len() + 1;
            voters.push(RankedAgent {
                id: voter_names
                    .get(&n)
                    .cloned()
                    .unwrap_or_else(|| format!("voter-{n}")),
                capacity: 1,
                ranking: order
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .map(|&a| alternatives[a - 1].id.clone())
                            .collect()
                    })
                    .collect(),
            });
        }
    }
    Ok(Side {
        voters,
        alternatives,
    })
}

fn parse_order(
    file: &str,
    line: usize,
    text: &str,
    alternatives: usize,
) -> Result<Vec<Vec<usize>>, Error> {
    let mut groups = Vec::new();
    let mut current: Option<Vec<usize>> = None;
    let mut token = String::new();
    let number = |token: &str| -> Result<usize, Error> {
        let n = token.trim().parse::<usize>().map_err(|_| {
            bad(
                file,
                line,
                format!("expected an alternative number, found `{}`", token.trim()),
            )
        })?;
        if n == 0 || n > alternatives {
            return Err(bad(
                file,
                line,
                format!("alternative {n} is not one of 1 to {alternatives}"),
            ));
        }
        Ok(n)
    };
    for ch in text.chars().chain(std::iter::once(',')) {
        match ch {
            '{' if current.is_none() => current = Some(Vec::new()),
            '}' => {
                let mut group = current
                    .take()
                    .ok_or_else(|| bad(file, line, "`}` without `{`"))?;
                if !token.trim().is_empty() {
                    group.push(number(&token)?);
                }
                token.clear();
                groups.push(group);
            }
            ',' => {
                if token.trim().is_empty() {
                    continue;
                }
                let n = number(&token)?;
                token.clear();
                match current.as_mut() {
                    Some(group) => group.push(n),
                    None => groups.push(vec![n]),
                }
            }
            other => token.push(other),
        }
    }
    if current.is_some() {
        return Err(bad(file, line, "`{` without `}`"));
    }
    Ok(groups)
}

/// A two-sided instance from the people's file and the vacancies' file.
///
/// # Errors
/// As [`from_toi`]; [`Error::Invalid`] when the two files do not name the same agents.
pub fn from_toi_pair(
    people: (&str, &str),
    vacancies: (&str, &str),
) -> Result<TwoSidedInstance, Error> {
    let people_side = from_toi(people.0, people.1)?;
    let vacancy_side = from_toi(vacancies.0, vacancies.1)?;
    let mut posts = vacancy_side.voters;
    for post in &mut posts {
        if let Some(alternative) = people_side.alternatives.iter().find(|a| a.id == post.id) {
            post.capacity = alternative.capacity;
        }
    }
    let instance = TwoSidedInstance {
        people: people_side.voters,
        vacancies: posts,
    };
    crate::matching::check_references(&instance)?;
    Ok(instance)
}
