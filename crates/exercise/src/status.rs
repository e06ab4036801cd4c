//! Where an exercise stands on a date: counts, each person's stage, what falls due, warnings.
//!
//! This module owns the reading of the state for `redeploy exercise status`: what falls due in
//! the next days (trial ends, contract ends, latest start dates, ends of statutory-priority
//! windows, offers waiting for an answer) and the warnings for HR (flags raised by events, and
//! dates already passed with nothing recorded). It decides nothing; it lists.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::checks::describe;
use crate::state::{Stage, State};
use crate::{ExerciseRules, Roster};

/// One person's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLine {
    /// Person id.
    pub person: String,
    /// Stage name.
    pub stage: &'static str,
    /// The stage in words.
    pub detail: String,
    /// Contract end, once notice is served.
    pub contract_end: Option<NaiveDate>,
    /// Whether the person has statutory priority on the date.
    pub priority: bool,
}

/// Something falling due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The date.
    pub date: NaiveDate,
    /// What (`trial-end`, `contract-end`, `latest-start`, `priority-window-end`, `offer-answer`).
    pub what: &'static str,
    /// Person id.
    pub person: String,
    /// In words.
    pub detail: String,
}

/// The status of an exercise on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The date.
    pub date: NaiveDate,
    /// Days ahead looked at.
    pub days: u32,
    /// Events recorded.
    pub events: u64,
    /// Rounds proposed.
    pub rounds: u32,
    /// People at each stage.
    pub counts: Vec<(&'static str, u32)>,
    /// Posts open (neither held by anyone, withdrawn, filled outside nor on hold).
    pub open_posts: u32,
    /// Vacancies on hold.
    pub held: Vec<(String, String)>,
    /// Every person, by id.
    pub people: Vec<PersonLine>,
    /// What falls due from the date to `days` later (or is overdue), by date.
    pub due: Vec<Due>,
    /// Warnings for HR.
    pub warnings: Vec<String>,
}

/// The status of `state` on `date`, looking `days` ahead.
pub fn status(
    state: &State,
    roster: &Roster,
    rules: &ExerciseRules,
    date: NaiveDate,
    days: u32,
) -> Status {
    let horizon = date
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let mut due = Vec::new();
    let mut warnings = Vec::new();
    let mut people = Vec::new();
    for (id, person) in &state.people {
        let facts = roster.people.get(id);
        let priority = facts.is_some_and(|f| f.has_priority(date));
        people.push(PersonLine {
            person: id.clone(),
            stage: person.stage.name(),
            detail: describe(&person.stage),
            contract_end: person.notice.map(|n| n.contract_end),
            priority,
        });
        for flag in &person.flags {
            warnings.push(flag.text.clone());
        }
        let active = !matches!(person.stage, Stage::Placed { .. } | Stage::Left { .. });
        let mut add = |on: NaiveDate, what: &'static str, detail: String| {
            if on <= horizon {
                due.push(Due {
                    date: on,
                    what,
                    person: id.clone(),
                    detail,
                });
            }
        };
        match &person.stage {
            Stage::InTrial { vacancy, end, .. } => {
                add(
                    *end,
                    "trial-end",
                    format!(
                        "trial in {vacancy} ends; confirm or record the failure (working on without objection counts as acceptance)"
                    ),
                );
                if *end < date {
                    warnings.push(format!("{id}'s trial in {vacancy} ended on {end} and is neither confirmed nor failed"));
                }
            }
            Stage::Offered { vacancy, on, .. } => {
                let answer = on
                    .checked_add_days(Days::new(u64::from(rules.offer_answer_days)))
                    .unwrap_or(NaiveDate::MAX);
                add(
                    answer,
                    "offer-answer",
                    format!("offer of {vacancy} made on {on} awaits an answer"),
                );
            }
            _ => {}
        }
        if let (Some(notice), true) = (person.notice, active) {
            add(
                notice.contract_end,
                "contract-end",
                "contract ends; offers only before this date".to_string(),
            );
            let latest = rules.latest_start(notice.contract_end);
            if !matches!(person.stage, Stage::InTrial { .. }) {
                add(
                    latest,
                    "latest-start",
                    format!(
                        "a new post must start by this date (contract ends {})",
                        notice.contract_end
                    ),
                );
            }
            if notice.contract_end < date && person.stage.in_pool() {
                warnings.push(format!(
                    "{id}'s contract ended on {} with no post accepted: record the dismissal, or a new post starting by {latest}",
                    notice.contract_end
                ));
            }
        }
        if let (Some(until), true) = (facts.and_then(|f| f.priority_until), active)
            && until >= date
        {
            add(
                until,
                "priority-window-end",
                "statutory priority (regulation 10) ends; offers before this date come first"
                    .to_string(),
            );
        }
    }
    due.sort_by(|a, b| (a.date, &a.person, a.what).cmp(&(b.date, &b.person, b.what)));
    let open_posts = state
        .vacancies
        .values()
        .filter(|v| v.held.is_none())
        .map(|v| v.open())
        .sum();
    let held = state
        .vacancies
        .iter()
        .filter_map(|(id, v)| v.held.clone().map(|why| (id.clone(), why)))
        .collect();
    Status {
        date,
        days,
        events: state.seq,
        rounds: state.rounds,
        counts: state.counts(),
        open_posts,
        held,
        people,
        due,
        warnings,
    }
}
