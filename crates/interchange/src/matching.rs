//! The Python `matching` library's dictionaries, as JSON.
//!
//! ```json
//! {"proposers": {"P1": ["V2", "V1"]},
//!  "receivers": {"V1": ["P1"], "V2": ["P1"]},
//!  "capacities": {"V1": 1, "V2": 2}}
//! ```
//!
//! People propose (the library's residents, suitors or students), vacancies receive (hospitals,
//! reviewers); `capacities` gives each vacancy's places (1 when absent). On import the keys
//! `suitors` and `reviewers` are accepted for `proposers` and `receivers`. The library takes
//! strict lists: on export, tied ids are written one after the other in the order of their
//! group (by id), so ties are lost. Each dictionary is written and read in id order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Error, RankedAgent, TwoSidedInstance};

#[derive(Serialize)]
struct Out {
    proposers: serde_json::Map<String, Value>,
    receivers: serde_json::Map<String, Value>,
    capacities: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct In {
    #[serde(alias = "suitors")]
    proposers: serde_json::Map<String, Value>,
    #[serde(alias = "reviewers")]
    receivers: serde_json::Map<String, Value>,
    #[serde(default)]
    capacities: BTreeMap<String, u32>,
}

fn flat(agent: &RankedAgent) -> Value {
    Value::Array(
        agent
            .ranking
            .iter()
            .flatten()
            .map(|id| Value::String(id.clone()))
            .collect(),
    )
}

/// Writes `instance` as the `matching` library's dictionaries (ties become the written order).
///
/// ```
/// use redeploy_interchange::{RankedAgent, TwoSidedInstance, matching};
///
/// let instance = TwoSidedInstance {
///     people: vec![RankedAgent { id: "P1".into(), capacity: 1, ranking: vec![vec!["V1".into()]] }],
///     vacancies: vec![RankedAgent { id: "V1".into(), capacity: 2, ranking: vec![vec!["P1".into()]] }],
/// };
/// let json = matching::to_json(&instance);
/// assert_eq!(matching::from_json(&json).unwrap(), instance);
/// ```
pub fn to_json(instance: &TwoSidedInstance) -> String {
    let mut out = Out {
        proposers: serde_json::Map::new(),
        receivers: serde_json::Map::new(),
        capacities: serde_json::Map::new(),
    };
    for person in &instance.people {
        out.proposers.insert(person.id.clone(), flat(person));
    }
    for vacancy in &instance.vacancies {
        out.receivers.insert(vacancy.id.clone(), flat(vacancy));
        out.capacities
            .insert(vacancy.id.clone(), Value::from(vacancy.capacity));
    }
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// An id as written: a string, or a whole number (the library accepts both).
fn id(value: &Value, what: &str) -> Result<String, Error> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
        Value::Number(number) if number.is_u64() || number.is_i64() => Ok(number.to_string()),
        other => Err(Error::Invalid(format!(
            "{what}: expected an id (text or a whole number), found `{other}`"
        ))),
    }
}

fn side(
    map: &serde_json::Map<String, Value>,
    key: &str,
    capacities: &BTreeMap<String, u32>,
) -> Result<Vec<RankedAgent>, Error> {
    map.iter()
        .map(|(agent, list)| {
            let Value::Array(items) = list else {
                return Err(Error::Invalid(format!(
                    "`{key}.{agent}`: expected a list of ids, best first"
                )));
            };
            let mut seen = std::collections::BTreeSet::new();
            let mut ranking = Vec::with_capacity(items.len());
            for item in items {
                let other = id(item, &format!("`{key}.{agent}`"))?;
                if !seen.insert(other.clone()) {
                    return Err(Error::Invalid(format!(
                        "`{key}.{agent}`: `{other}` is listed twice, expected each once"
                    )));
                }
                ranking.push(vec![other]);
            }
            Ok(RankedAgent {
                id: agent.clone(),
                capacity: capacities.get(agent).copied().unwrap_or(1),
                ranking,
            })
        })
        .collect()
}

/// Reads the `matching` library's dictionaries. Every ranked id must be an agent of the other
/// side; every capacity must name a receiver.
///
/// # Errors
/// [`Error::Json`] for malformed JSON or unknown keys, [`Error::Invalid`] for an unknown id, a
/// repeat, or a capacity of 0.
pub fn from_json(text: &str) -> Result<TwoSidedInstance, Error> {
    let input: In = serde_json::from_str(text)?;
    for (vacancy, &capacity) in &input.capacities {
        if !input.receivers.contains_key(vacancy) {
            return Err(Error::Invalid(format!(
                "`capacities.{vacancy}`: expected the id of a receiver"
            )));
        }
        if capacity == 0 {
            return Err(Error::Invalid(format!(
                "`capacities.{vacancy}`: expected at least 1 place, found 0"
            )));
        }
    }
    let ones = BTreeMap::new();
    let instance = TwoSidedInstance {
        people: side(&input.proposers, "proposers", &ones)?,
        vacancies: side(&input.receivers, "receivers", &input.capacities)?,
    };
    check_references(&instance)?;
    Ok(instance)
}

/// Every ranked id names an agent of the other side.
pub(crate) fn check_references(instance: &TwoSidedInstance) -> Result<(), Error> {
    let people: std::collections::BTreeSet<&str> =
        instance.people.iter().map(|a| a.id.as_str()).collect();
    let vacancies: std::collections::BTreeSet<&str> =
        instance.vacancies.iter().map(|a| a.id.as_str()).collect();
    for (agents, others, side) in [
        (&instance.people, &vacancies, "a proposer"),
        (&instance.vacancies, &people, "a receiver"),
    ] {
        for agent in agents {
            for other in agent.ranking.iter().flatten() {
                if !others.contains(other.as_str()) {
                    return Err(Error::Invalid(format!(
                        "`{}` ranks `{other}`, expected the id of {} on the other side",
                        agent.id,
                        if side == "a proposer" {
                            "a receiver"
                        } else {
                            "a proposer"
                        }
                    )));
                }
            }
        }
    }
    Ok(())
}
