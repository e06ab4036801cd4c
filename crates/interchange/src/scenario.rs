//! A two-sided instance as a scenario in which every pair the rankings name is suitable.
//!
//! One region, footprint, employer (kind `other`) and site; every person and vacancy at band 6 in
//! one job family, with no skills, at the same site, so no hard rule fails. Each person's
//! `ranked_vacancies` and each vacancy's `ranked_people` are the instance's rankings; each
//! vacancy has its capacity as `posts`. The inline policy turns slotting-in off, reads a ranking's
//! left-out ids as unacceptable (`ranking.unlisted = "unacceptable"`, as in the stable-matching
//! literature) and uses people-proposing deferred acceptance; `--rule` or `compare` runs the
//! others. People have no statutory priority, so only the rankings decide.
//!
//! A ranking names exactly the acceptable partners (as in the `matching` library): only pairs
//! both sides list are written, and agents with no such pair are left out, since no rule can
//! match them (a scenario's empty ranking means "no ranking given", not "nobody").
//!
//! The pay scale is written inline (Agenda for Change 2025/26), so the file stands alone.

use toml::Value;

use crate::{Error, RankedAgent, TwoSidedInstance};

const PAY_SCALE: &str = include_str!("../../../configs/pay/afc-2025-26.toml");

fn text(value: &str) -> String {
    Value::String(value.to_string()).to_string()
}

fn ranking(agent: &RankedAgent) -> String {
    let entries: Vec<String> = agent
        .ranking
        .iter()
        .map(|group| {
            if group.len() == 1 {
                text(&group[0])
            } else {
                let ids: Vec<String> = group.iter().map(|id| text(id)).collect();
                format!("[{}]", ids.join(", "))
            }
        })
        .collect();
    format!("[{}]", entries.join(", "))
}

/// The instance restricted to pairs both sides list, without agents left with none.
pub fn mutual(instance: &TwoSidedInstance) -> TwoSidedInstance {
    use std::collections::BTreeSet;
    let lists = |agents: &[RankedAgent]| -> BTreeSet<(String, String)> {
        agents
            .iter()
            .flat_map(|a| {
                a.ranking
                    .iter()
                    .flatten()
                    .map(|o| (a.id.clone(), o.clone()))
            })
            .collect()
    };
    let by_people = lists(&instance.people);
    let by_posts = lists(&instance.vacancies);
    let keep = |agents: &[RankedAgent], accepted: &dyn Fn(&str, &str) -> bool| {
        agents
            .iter()
            .map(|agent| RankedAgent {
                ranking: agent
                    .ranking
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .filter(|other| accepted(&agent.id, other))
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .filter(|group| !group.is_empty())
                    .collect(),
                ..agent.clone()
            })
            .filter(|agent| !agent.ranking.is_empty())
            .collect()
    };
    TwoSidedInstance {
        people: keep(&instance.people, &|p, v| {
            by_posts.contains(&(v.to_string(), p.to_string()))
        }),
        vacancies: keep(&instance.vacancies, &|v, p| {
            by_people.contains(&(p.to_string(), v.to_string()))
        }),
    }
}

/// The scenario TOML of `instance`, named `name`.
///
/// # Errors
/// [`Error::Invalid`] when an id is empty, has spaces at either end or contains `=` (the tie
/// mark in a ranking), or a ranking names an agent the other side does not have.
pub fn to_scenario_toml(instance: &TwoSidedInstance, name: &str) -> Result<String, Error> {
    for agent in instance.people.iter().chain(&instance.vacancies) {
        if agent.id.is_empty() || agent.id.trim() != agent.id || agent.id.contains('=') {
            return Err(Error::Invalid(format!(
                "id `{}`: expected text without `=` and without spaces at either end",
                agent.id
            )));
        }
    }
    crate::matching::check_references(instance)?;
    let instance = &mutual(instance);
    let mut out = String::new();
    out.push_str("# A two-sided matching instance: every pair the rankings name is suitable.\n");
    out.push_str("# Written by redeploy instance import; see docs/research.md.\n\n");
    out.push_str(&format!(
        "name = {}\nround_date = 2025-10-01\nseed = 0\n\n",
        text(name)
    ));
    out.push_str("[pay_scale]\n");
    for line in PAY_SCALE.lines() {
        if line.starts_with('#') {
            continue;
        }
        match line.strip_prefix('[') {
            Some(section) => out.push_str(&format!("[pay_scale.{section}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str(concat!(
        "\n[policy]\n",
        "name = \"two-sided-instance\"\n",
        "description = \"Every named pair suitable; only the rankings decide.\"\n",
        "rule = \"deferred-acceptance\"\n",
        "\n[policy.slotting]\nenabled = false\n",
        "\n[policy.ranking]\nunlisted = \"unacceptable\"\n",
        "\n[[regions]]\nid = \"R1\"\n",
        "\n[[footprints]]\nid = \"F1\"\nregion = \"R1\"\n",
        "\n[[employers]]\nid = \"E1\"\nkind = \"other\"\nfootprint = \"F1\"\n",
        "\n[[sites]]\nid = \"S1\"\nlatitude = 52.0\nlongitude = -1.5\n",
    ));
    for person in &instance.people {
        out.push_str(&format!(
            "\n[[people]]\nid = {}\nemployer = \"E1\"\nsite = \"S1\"\nband = \"6\"\npay_point = 1\njob_family = \"any\"\nnhs_service_start = 2015-01-01\ndate_of_birth = 1985-01-01\nranked_vacancies = {}\n",
            text(&person.id),
            ranking(person)
        ));
    }
    for vacancy in &instance.vacancies {
        out.push_str(&format!(
            "\n[[vacancies]]\nid = {}\nemployer = \"E1\"\nsite = \"S1\"\nband = \"6\"\njob_family = \"any\"\nposts = {}\nranked_people = {}\n",
            text(&vacancy.id),
            vacancy.capacity,
            ranking(vacancy)
        ));
    }
    Ok(out)
}
