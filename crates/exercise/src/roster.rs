//! The facts about people and posts that checking an event needs.
//!
//! A [`Roster`] is taken from the scenario when the exercise is created and stored with it
//! (inside the genesis hash), so recording an event never re-reads the whole scenario: ids,
//! employers, posts, statutory priority and its window, and each person's redundancy pay on the
//! scenario's round date.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use redeploy_engine::{redundancy_pay, statutory_priority};
use redeploy_model::{PriorityKind, Scenario};
use serde::{Deserialize, Serialize};

/// What the exercise knows about one person at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    /// Employer id.
    pub employer: String,
    /// The ground of statutory priority on the scenario's round date, if any.
    pub priority: Option<String>,
    /// The first day without priority, when the protected period ends on a known date.
    pub priority_until: Option<NaiveDate>,
    /// Section 16 redundancy pay on the round date, pence.
    pub redundancy_pay: i64,
}

impl PersonFacts {
    /// Whether the person has statutory priority on `date`.
    pub fn has_priority(&self, date: NaiveDate) -> bool {
        self.priority.is_some() && self.priority_until.is_none_or(|until| date < until)
    }
}

/// What the exercise knows about one vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyFacts {
    /// Employer id.
    pub employer: String,
    /// Posts.
    pub posts: u32,
}

/// The people and vacancies of the scenario, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// People at risk.
    pub people: BTreeMap<String, PersonFacts>,
    /// Vacancies in the scenario (those added later come with their events).
    pub vacancies: BTreeMap<String, VacancyFacts>,
}

impl Roster {
    /// The roster of `scenario` under its own policy.
    pub fn of(scenario: &Scenario) -> Roster {
        let policy = &scenario.policy;
        let people = scenario
            .people
            .iter()
            .map(|person| {
                let ground = statutory_priority(person, scenario.round_date, &policy.priority);
                let family = matches!(
                    person.priority.kind,
                    PriorityKind::Maternity | PriorityKind::Adoption | PriorityKind::SharedParental
                );
                let until = person
                    .priority
                    .child_date
                    .filter(|_| family && ground.is_some())
                    .and_then(|child| {
                        child.checked_add_months(Months::new(
                            policy.priority.protected_months_after_birth,
                        ))
                    });
                let pay = redundancy_pay(person, scenario.round_date, &policy.redundancy_pay);
                let facts = PersonFacts {
                    employer: person.employer.clone(),
                    priority: ground.map(|g| g.as_str().to_string()),
                    priority_until: until,
                    redundancy_pay: pay.amount.0,
                };
                (person.id.clone(), facts)
            })
            .collect();
        let vacancies = scenario
            .vacancies
            .iter()
            .map(|v| {
                let facts = VacancyFacts {
                    employer: v.employer.clone(),
                    posts: v.posts,
                };
                (v.id.clone(), facts)
            })
            .collect();
        Roster { people, vacancies }
    }
}
