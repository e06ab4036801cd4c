//! The pool of a new round and the constraints the engine applies to it.
//!
//! This module owns the mapping from the exercise's state to a round's engine [`Constraints`]
//! ([`constraints`]): who is absent from the pool and why (placed, left, holding an offer, in a
//! trial, contract ended), how many posts each vacancy still has open, which vacancies are on
//! hold, which pairs are excluded (refused, failed trials, excluded by HR) and which are pinned.
//! It is a pure function of the state and the date, tested on the constraints it produces.

use chrono::NaiveDate;

use redeploy_engine::Constraints;

use crate::checks::describe;
use crate::state::State;

/// The constraints of a round on `date` after the events that led to `state`.
///
/// The pool is everyone at risk or merely proposed (proposals lapse at a new round) whose
/// contract has not ended by `date`. Pins apply to people in the pool and posts open and not
/// held. Excluded pairs are kept for everyone in the pool.
pub fn constraints(state: &State, date: NaiveDate) -> Constraints {
    let mut c = Constraints::default();
    let mut in_pool = Vec::new();
    for (id, person) in &state.people {
        let ended = person.notice.filter(|n| date > n.contract_end);
        if !person.stage.in_pool() {
            c.absent.insert(id.clone(), describe(&person.stage));
        } else if let Some(notice) = ended {
            c.absent.insert(
                id.clone(),
                format!(
                    "contract ended on {}; offers are made before the contract ends",
                    notice.contract_end
                ),
            );
        } else {
            in_pool.push(id);
        }
    }
    for (id, vacancy) in &state.vacancies {
        let open = vacancy.open();
        if open != vacancy.posts {
            c.open_posts.insert(id.clone(), open);
        }
        if let Some(reason) = &vacancy.held {
            c.held.insert(id.clone(), reason.clone());
        }
    }
    for id in in_pool {
        for (vacancy, reason) in state.excluded.get(id).into_iter().flatten() {
            c.excluded
                .insert((id.clone(), vacancy.clone()), reason.clone());
        }
        for (vacancy, reason) in state.pinned.get(id).into_iter().flatten() {
            let open = state
                .vacancies
                .get(vacancy)
                .is_some_and(|v| v.open() > 0 && v.held.is_none());
            if open {
                c.pinned
                    .insert((id.clone(), vacancy.clone()), reason.clone());
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::ExerciseRules;
    use crate::event::{Event, EventRecord, Proposal, RoundProposed};
    use crate::roster::{PersonFacts, Roster, VacancyFacts};
    use crate::state::Stage;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, d).unwrap()
    }

    fn roster() -> Roster {
        let person = |p| PersonFacts {
            employer: "E".into(),
            priority: p,
            priority_until: None,
            redundancy_pay: 0,
        };
        let vacancy = |posts| VacancyFacts {
            employer: "E".into(),
            posts,
        };
        Roster {
            people: BTreeMap::from([
                ("A".into(), person(None)),
                ("B".into(), person(None)),
                ("C".into(), person(None)),
                ("D".into(), person(None)),
            ]),
            vacancies: BTreeMap::from([
                ("V1".into(), vacancy(2)),
                ("V2".into(), vacancy(1)),
                ("V3".into(), vacancy(1)),
            ]),
        }
    }

    fn state(events: Vec<Event>) -> State {
        let roster = roster();
        let mut state = State::new(&roster);
        for (i, event) in events.into_iter().enumerate() {
            let record = EventRecord {
                seq: i as u64 + 1,
                effective: date(1 + i as u32),
                recorded_at: String::new(),
                recorded_by: "hr".into(),
                tool_version: String::new(),
                input_sha256: None,
                event,
                prev_hash: String::new(),
                hash: String::new(),
            };
            state
                .apply(&roster, &ExerciseRules::default(), &record)
                .unwrap();
        }
        state
    }

    fn pair(p: &str, v: &str) -> (String, String) {
        (p.to_string(), v.to_string())
    }

    #[test]
    fn the_pool_leaves_out_offers_and_ended_contracts_and_keeps_refusals_pins_and_holds() {
        let round = Event::RoundProposed(RoundProposed {
            round: 1,
            policy: "p".into(),
            pool: 4,
            open_posts: 4,
            proposals: vec![
                Proposal {
                    person: "A".into(),
                    vacancy: "V1".into(),
                    tier: "employer".into(),
                    priority: false,
                },
                Proposal {
                    person: "B".into(),
                    vacancy: "V2".into(),
                    tier: "employer".into(),
                    priority: false,
                },
                Proposal {
                    person: "C".into(),
                    vacancy: "V3".into(),
                    tier: "employer".into(),
                    priority: false,
                },
            ],
            unplaced: vec!["D".into()],
            redundancy_pay_avoided: 0,
        });
        let s = state(vec![
            round,
            Event::OfferMade {
                person: "A".into(),
                vacancy: "V1".into(),
            },
            Event::OfferMade {
                person: "B".into(),
                vacancy: "V2".into(),
            },
            Event::OfferRefused {
                person: "B".into(),
                vacancy: "V2".into(),
                reason: "too far".into(),
                objectively_suitable: false,
                refusal_reasonable: true,
            },
            Event::NoticeServed {
                person: "D".into(),
                contract_end: date(8),
            },
            Event::Held {
                vacancy: "V3".into(),
                reason: "budget".into(),
            },
            Event::Pinned {
                person: "C".into(),
                vacancy: "V2".into(),
                reason: "panel".into(),
            },
            Event::Excluded {
                person: "D".into(),
                vacancy: "V1".into(),
                reason: "conflict of interest".into(),
            },
        ]);
        assert!(matches!(s.people["C"].stage, Stage::Proposed { .. }));
        let c = constraints(&s, date(8));
        assert_eq!(c.absent.keys().collect::<Vec<_>>(), ["A"]);
        assert!(c.absent["A"].contains("holding an offer of V1"));
        assert_eq!(c.open_posts, BTreeMap::from([("V1".to_string(), 1)]));
        assert_eq!(
            c.held,
            BTreeMap::from([("V3".to_string(), "budget".to_string())])
        );
        assert_eq!(
            c.excluded.keys().cloned().collect::<Vec<_>>(),
            [pair("B", "V2"), pair("D", "V1")]
        );
        assert!(c.excluded[&pair("B", "V2")].starts_with("refused on 2025-10-04: too far"));
        assert_eq!(
            c.pinned.keys().cloned().collect::<Vec<_>>(),
            [pair("C", "V2")]
        );
        // The day after D's contract ends, D is out of the pool, with why.
        let later = constraints(&s, date(9));
        assert!(later.absent["D"].contains("contract ended on 2025-10-08"));
        assert!(!later.excluded.contains_key(&pair("D", "V1")));
    }

    #[test]
    fn a_fresh_exercise_constrains_nothing() {
        assert_eq!(constraints(&state(vec![]), date(1)), Constraints::default());
    }
}
