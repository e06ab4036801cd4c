//! Each event's checks and effect on the state.
//!
//! This module owns the transition rules: an event is applied only if it fits the state (the
//! person and post exist and stand where the event needs them, dates run forward, the rules of
//! offers and trials hold); otherwise it is refused with what it contradicts, and the state is
//! left exactly as it was (every check comes before any change).

use std::collections::BTreeSet;

use crate::checks::{Check, check_trial, describe, label, plan_round, reemployment_flag};
use crate::event::{EndedBy, Event, EventRecord, LeftHow};
use crate::roster::Roster;
use crate::state::{Flag, FlagKind, Notice, Stage, State, VacancyState};
use crate::{Error, ExerciseRules};

impl State {
    /// Applies one event, or refuses it and leaves the state as it was.
    ///
    /// # Errors
    ///
    /// [`Error::Contradicts`] saying what in the state the event contradicts.
    pub fn apply(
        &mut self,
        roster: &Roster,
        rules: &ExerciseRules,
        record: &EventRecord,
    ) -> Result<(), Error> {
        let check = Check {
            state: self,
            roster,
            rules,
            date: record.effective,
            label: label(record),
        };
        if record.seq != self.seq + 1 {
            return check.fail(format!(
                "event number {} follows event {}; events are numbered without gaps",
                record.seq, self.seq
            ));
        }
        if let Some(previous) = self.date
            && record.effective < previous
        {
            return check.fail(format!(
                    "its date is before the previous event's ({previous}); events are recorded in date order"
                ));
        }
        let change = plan(&check, record)?;
        self.seq = record.seq;
        self.date = Some(record.effective);
        change(self);
        Ok(())
    }
}

pub(crate) type Change = Box<dyn FnOnce(&mut State)>;

pub(crate) fn set_stage(person: &str, stage: Stage) -> impl FnOnce(&mut State) + 'static {
    let person = person.to_string();
    move |state: &mut State| {
        if let Some(record) = state.people.get_mut(&person) {
            record.stage = stage;
        }
    }
}

fn release(state: &mut State, person: &str, vacancy: &str) {
    if let Some(v) = state.vacancies.get_mut(vacancy) {
        v.holders.remove(person);
    }
}

fn exclude(state: &mut State, person: &str, vacancy: &str, reason: String) {
    state
        .excluded
        .entry(person.to_string())
        .or_default()
        .insert(vacancy.to_string(), reason);
    unpin(state, person, vacancy);
}

fn unpin(state: &mut State, person: &str, vacancy: &str) {
    if let Some(pins) = state.pinned.get_mut(person) {
        pins.remove(vacancy);
        if pins.is_empty() {
            state.pinned.remove(person);
        }
    }
}

fn flag(state: &mut State, person: &str, flag: Flag) {
    if let Some(record) = state.people.get_mut(person) {
        record.flags.push(flag);
    }
}

/// Checks the event against the state and returns its effect.
fn plan(check: &Check<'_>, record: &EventRecord) -> Result<Change, Error> {
    let date = record.effective;
    let seq = record.seq;
    match record.event.clone() {
        Event::Opened { .. } => {
            if record.seq != 1 {
                return check.fail("an exercise is opened once, by its first event");
            }
            Ok(Box::new(|_| {}))
        }
        Event::RoundProposed(round) => plan_round(check, round),
        Event::OfferMade { person, vacancy } => {
            let p = check.person(&person)?;
            let round = match &p.stage {
                Stage::Proposed { round, vacancy: v } if *v == vacancy => *round,
                other => {
                    return check.fail(format!(
                        "only a proposed post can be offered: {person} is {}",
                        describe(other)
                    ));
                }
            };
            let v = check.vacancy(&vacancy)?;
            if let Some(reason) = &v.held {
                return check.fail(format!("{vacancy} is on hold ({reason}); release it first"));
            }
            if v.open() == 0 {
                return check.fail(format!("{vacancy} has no post open"));
            }
            check.before_contract_end(&person, p)?;
            let has_priority = check
                .roster
                .people
                .get(&person)
                .is_some_and(|f| f.has_priority(date));
            if !has_priority {
                let waiting: Vec<String> = check
                    .state
                    .people
                    .iter()
                    .filter(|(id, other)| {
                        matches!(&other.stage, Stage::Proposed { round: r, vacancy: v } if *r == round && *v == vacancy)
                            && check
                                .roster
                                .people
                                .get(*id)
                                .is_some_and(|f| f.has_priority(date))
                    })
                    .map(|(id, _)| id.clone())
                    .collect();
                if !waiting.is_empty() {
                    return check.fail(format!(
                        "people with statutory priority get offers first: offer {vacancy} to {} (proposed it in round {round}) before offering it to {person} (regulation 10)",
                        waiting.join(", ")
                    ));
                }
            }
            Ok(Box::new(move |state| {
                if let Some(v) = state.vacancies.get_mut(&vacancy) {
                    v.holders.insert(person.clone());
                }
                set_stage(
                    &person,
                    Stage::Offered {
                        round,
                        vacancy,
                        on: date,
                    },
                )(state);
            }))
        }
        Event::OfferAccepted { person, vacancy } => {
            let p = check.person(&person)?;
            check.vacancy(&vacancy)?;
            check.holding(&person, p, "offered", &vacancy)?;
            Ok(Box::new(set_stage(
                &person,
                Stage::Accepted { vacancy, on: date },
            )))
        }
        Event::OfferRefused {
            person,
            vacancy,
            reason,
            objectively_suitable,
            refusal_reasonable,
        } => {
            let p = check.person(&person)?;
            check.vacancy(&vacancy)?;
            check.holding(&person, p, "offered", &vacancy)?;
            let rules = check.rules.clone();
            Ok(Box::new(move |state| {
                release(state, &person, &vacancy);
                exclude(
                    state,
                    &person,
                    &vacancy,
                    format!("refused on {date}: {reason}"),
                );
                set_stage(&person, Stage::AtRisk)(state);
                if objectively_suitable
                    && !refusal_reasonable
                    && rules.unreasonable_refusal_forfeits_redundancy_pay
                {
                    let text = format!(
                        "{person} refused {vacancy}, a post judged suitable, unreasonably: redundancy pay may be at risk (ERA s141): a decision for HR, not made here"
                    );
                    flag(
                        state,
                        &person,
                        Flag {
                            kind: FlagKind::UnreasonableRefusal,
                            seq,
                            on: date,
                            text,
                        },
                    );
                }
            }))
        }
        Event::TrialStarted {
            person,
            vacancy,
            end,
            retraining,
        } => {
            let p = check.person(&person)?;
            check.vacancy(&vacancy)?;
            check.holding(&person, p, "accepted", &vacancy)?;
            check_trial(check, &person, p, date, end, retraining.as_ref())?;
            let extended = retraining.is_some();
            Ok(Box::new(set_stage(
                &person,
                Stage::InTrial {
                    vacancy,
                    start: date,
                    end,
                    retraining: extended,
                },
            )))
        }
        Event::Confirmed { person } => {
            let p = check.person(&person)?;
            let vacancy = match &p.stage {
                Stage::InTrial { vacancy, .. } | Stage::Accepted { vacancy, .. } => vacancy.clone(),
                other => {
                    return check.fail(format!(
                        "only an accepted offer or a trial can be confirmed: {person} is {}",
                        describe(other)
                    ));
                }
            };
            if let (Stage::Accepted { .. }, Some(notice)) = (&p.stage, p.notice) {
                let latest = check.rules.latest_start(notice.contract_end);
                if date > latest {
                    return check.fail(format!(
                        "the new post must start by {latest}, within {} weeks of the contract ending on {} (ERA s138(1), rule `start_within_weeks`)",
                        check.rules.start_within_weeks, notice.contract_end
                    ));
                }
            }
            Ok(Box::new(set_stage(
                &person,
                Stage::Placed { vacancy, on: date },
            )))
        }
        Event::TrialFailed {
            person,
            ended_by,
            reason,
            objectively_suitable,
            ending_reasonable,
        } => {
            let p = check.person(&person)?;
            let vacancy = match &p.stage {
                Stage::InTrial { vacancy, .. } => vacancy.clone(),
                other => {
                    return check.fail(format!(
                        "{person} is not in a trial: {person} is {}",
                        describe(other)
                    ));
                }
            };
            let judged = objectively_suitable.zip(ending_reasonable);
            if ended_by == EndedBy::Employee && judged.is_none() {
                return check.fail(
                    "when the employee ends a trial, record the employer's two judgements: was the post objectively suitable, and was ending it reasonable",
                );
            }
            let rules = check.rules.clone();
            Ok(Box::new(move |state| {
                release(state, &person, &vacancy);
                exclude(
                    state,
                    &person,
                    &vacancy,
                    format!(
                        "trial ended by the {} on {date}: {reason}",
                        ended_by.as_str()
                    ),
                );
                set_stage(&person, Stage::AtRisk)(state);
                if ended_by == EndedBy::Employee
                    && judged == Some((true, false))
                    && rules.unreasonable_refusal_forfeits_redundancy_pay
                {
                    let text = format!(
                        "{person} ended a trial in {vacancy}, a post judged suitable, unreasonably: redundancy pay may be at risk (ERA s141(4)): a decision for HR, not made here"
                    );
                    flag(
                        state,
                        &person,
                        Flag {
                            kind: FlagKind::TrialEndedUnreasonably,
                            seq,
                            on: date,
                            text,
                        },
                    );
                }
            }))
        }
        Event::NoticeServed {
            person,
            contract_end,
        } => {
            let p = check.person(&person)?;
            check.not_gone(&person, p)?;
            if let Some(notice) = p.notice {
                return check.fail(format!(
                    "notice was already served on {person} on {} (contract end {})",
                    notice.served, notice.contract_end
                ));
            }
            if contract_end < date {
                return check.fail(format!(
                    "the contract end ({contract_end}) is before the date notice is served"
                ));
            }
            Ok(Box::new(move |state| {
                if let Some(p) = state.people.get_mut(&person) {
                    p.notice = Some(Notice {
                        served: date,
                        contract_end,
                    });
                }
            }))
        }
        Event::Left { person, how } => {
            let p = check.person(&person)?;
            check.not_gone(&person, p)?;
            if how == LeftHow::Dismissed {
                match p.notice {
                    None => {
                        return check.fail(format!(
                            "{person} can be dismissed only at the end of notice, and no notice was served"
                        ));
                    }
                    Some(notice) if date < notice.contract_end => {
                        return check.fail(format!(
                            "{person}'s notice runs to {}; dismissal is at the end of notice",
                            notice.contract_end
                        ));
                    }
                    Some(_) => {}
                }
            }
            let held = p.stage.holds().map(str::to_string);
            Ok(Box::new(move |state| {
                if let Some(vacancy) = held {
                    release(state, &person, &vacancy);
                }
                state.pinned.remove(&person);
                set_stage(&person, Stage::Left { how, on: date })(state);
            }))
        }
        Event::VacanciesAdded { vacancies, .. } => {
            let mut seen = BTreeSet::new();
            for v in &vacancies {
                if check.state.vacancies.contains_key(&v.id) || !seen.insert(&v.id) {
                    return check.fail(format!("vacancy `{}` is already in the exercise", v.id));
                }
                if v.posts == 0 {
                    return check.fail(format!("vacancy `{}` has no posts", v.id));
                }
            }
            Ok(Box::new(move |state| {
                for v in vacancies {
                    state.vacancies.insert(
                        v.id,
                        VacancyState {
                            employer: v.employer,
                            posts: v.posts,
                            withdrawn: 0,
                            filled_outside: 0,
                            holders: BTreeSet::new(),
                            held: None,
                            added_by: Some(seq),
                        },
                    );
                }
            }))
        }
        Event::VacancyWithdrawn { vacancy, .. } => {
            let open = check.vacancy(&vacancy)?.open();
            if open == 0 {
                return check.fail(format!("{vacancy} has no post open to withdraw"));
            }
            Ok(Box::new(move |state| {
                if let Some(v) = state.vacancies.get_mut(&vacancy) {
                    v.withdrawn += open;
                }
            }))
        }
        Event::FilledOutside {
            vacancy,
            posts,
            person,
        } => {
            let open = check.vacancy(&vacancy)?.open();
            if posts == 0 || posts > open {
                return check.fail(format!(
                    "{vacancy} has {open} posts open; {posts} cannot be filled"
                ));
            }
            let warning = match &person {
                Some(id) => reemployment_flag(check, id, &vacancy, date, seq)?,
                None => None,
            };
            Ok(Box::new(move |state| {
                if let Some(v) = state.vacancies.get_mut(&vacancy) {
                    v.filled_outside += posts;
                }
                if let (Some(id), Some(warning)) = (person, warning) {
                    flag(state, &id, warning);
                }
            }))
        }
        Event::Pinned {
            person,
            vacancy,
            reason,
        } => {
            let p = check.person(&person)?;
            check.not_gone(&person, p)?;
            check.vacancy(&vacancy)?;
            if let Some(why) = check
                .state
                .excluded
                .get(&person)
                .and_then(|m| m.get(&vacancy))
            {
                return check.fail(format!("{person} and {vacancy} are excluded ({why})"));
            }
            if let Some(pins) = check.state.pinned.get(&person)
                && let Some(other) = pins.keys().next()
            {
                return check.fail(format!("{person} is already pinned to {other}"));
            }
            let pins = check
                .state
                .pinned
                .values()
                .filter(|m| m.contains_key(&vacancy))
                .count();
            let open = check.vacancy(&vacancy)?.open() as usize;
            if pins >= open {
                return check.fail(format!(
                    "{vacancy} has {open} posts open and {pins} pinned already"
                ));
            }
            Ok(Box::new(move |state| {
                state
                    .pinned
                    .entry(person)
                    .or_default()
                    .insert(vacancy, reason);
            }))
        }
        Event::Excluded {
            person,
            vacancy,
            reason,
        } => {
            check.person(&person)?;
            check.vacancy(&vacancy)?;
            if check
                .state
                .excluded
                .get(&person)
                .is_some_and(|m| m.contains_key(&vacancy))
            {
                return check.fail(format!("{person} and {vacancy} are already excluded"));
            }
            Ok(Box::new(move |state| {
                exclude(state, &person, &vacancy, reason)
            }))
        }
        Event::Held { vacancy, reason } => {
            if let Some(why) = &check.vacancy(&vacancy)?.held {
                return check.fail(format!("{vacancy} is already on hold ({why})"));
            }
            Ok(Box::new(move |state| {
                if let Some(v) = state.vacancies.get_mut(&vacancy) {
                    v.held = Some(reason);
                }
            }))
        }
        Event::Released { vacancy, .. } => {
            if check.vacancy(&vacancy)?.held.is_none() {
                return check.fail(format!("{vacancy} is not on hold"));
            }
            Ok(Box::new(move |state| {
                if let Some(v) = state.vacancies.get_mut(&vacancy) {
                    v.held = None;
                }
            }))
        }
    }
}
