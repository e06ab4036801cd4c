//! The checks events are held to, and the words of their refusals.
//!
//! This module owns [`Check`]: the state, roster, rules and date an event is checked against,
//! the lookups that refuse unknown ids (suggesting near ones), the checks shared by several
//! events (a person still in the exercise, holding an offer, before the contract's end), the
//! checks of a round's proposals, of a trial's dates, and of re-employment windows; and the
//! description of a person's stage used in messages and `status`.

use std::collections::BTreeSet;

use chrono::{Days, Months, NaiveDate};

use crate::apply::{Change, set_stage};
use crate::event::{EventRecord, LeftHow, Retraining, RoundProposed};
use crate::roster::Roster;
use crate::state::{Flag, FlagKind, PersonState, Stage, State, VacancyState};
use crate::{Error, ExerciseRules};

/// The event in words, for messages.
pub(crate) fn label(record: &EventRecord) -> String {
    let event = &record.event;
    let mut text = event.kind().to_string();
    if let Some(person) = event.person() {
        text.push(' ');
        text.push_str(person);
    }
    if let Some(vacancy) = event.vacancy() {
        text.push(' ');
        text.push_str(vacancy);
    }
    format!("{text} ({})", record.effective)
}

pub(crate) struct Check<'a> {
    pub state: &'a State,
    pub roster: &'a Roster,
    pub rules: &'a ExerciseRules,
    pub date: NaiveDate,
    pub label: String,
}

impl Check<'_> {
    pub(crate) fn fail<T>(&self, why: impl Into<String>) -> Result<T, Error> {
        Err(Error::contradicts(self.label.clone(), why))
    }

    pub(crate) fn person(&self, id: &str) -> Result<&PersonState, Error> {
        match self.state.people.get(id) {
            Some(person) => Ok(person),
            None => self.fail(format!(
                "no person `{id}` in the exercise{}",
                near(id, self.state.people.keys())
            )),
        }
    }

    pub(crate) fn vacancy(&self, id: &str) -> Result<&VacancyState, Error> {
        match self.state.vacancies.get(id) {
            Some(vacancy) => Ok(vacancy),
            None => self.fail(format!(
                "no vacancy `{id}` in the exercise{}",
                near(id, self.state.vacancies.keys())
            )),
        }
    }

    pub(crate) fn not_gone(&self, id: &str, person: &PersonState) -> Result<(), Error> {
        match &person.stage {
            Stage::Left { how, on } => self.fail(format!("{id} left ({}) on {on}", how.as_str())),
            Stage::Placed { vacancy, on } => {
                self.fail(format!("{id} was placed in {vacancy} on {on}"))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn holding(
        &self,
        id: &str,
        person: &PersonState,
        want: &str,
        vacancy: &str,
    ) -> Result<(), Error> {
        let stage = &person.stage;
        let matches = match stage {
            Stage::Offered { vacancy: v, .. } => want == "offered" && v == vacancy,
            Stage::Accepted { vacancy: v, .. } => want == "accepted" && v == vacancy,
            _ => false,
        };
        if matches {
            return Ok(());
        }
        let now = describe(stage);
        let missing = if want == "offered" {
            format!("{id} holds no offer of {vacancy}")
        } else {
            format!("{id} has not accepted {vacancy}")
        };
        self.fail(format!("{missing}: {id} is {now}"))
    }

    pub(crate) fn before_contract_end(&self, id: &str, person: &PersonState) -> Result<(), Error> {
        if let Some(notice) = person.notice
            && self.rules.offer_before_contract_end
            && self.date > notice.contract_end
        {
            return self.fail(format!(
                    "{id}'s contract ended on {}; an offer must be made before the contract ends (ERA s138(1), rule `offer_before_contract_end`)",
                    notice.contract_end
                ));
        }
        Ok(())
    }
}

/// A person's stage in words.
pub(crate) fn describe(stage: &Stage) -> String {
    match stage {
        Stage::AtRisk => "at risk, holding no offer".to_string(),
        Stage::Proposed { round, vacancy } => {
            format!("proposed {vacancy} in round {round}, not yet offered")
        }
        Stage::Offered { vacancy, on, .. } => format!("holding an offer of {vacancy} made on {on}"),
        Stage::Accepted { vacancy, on } => format!("accepted {vacancy} on {on}"),
        Stage::InTrial { vacancy, end, .. } => format!("in a trial in {vacancy} until {end}"),
        Stage::Placed { vacancy, on } => format!("placed in {vacancy} since {on}"),
        Stage::Left { how, on } => format!("left ({}) on {on}", how.as_str()),
    }
}

/// "; did you mean `P0012`?" for an id one or two edits from a known one.
fn near<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    let close: Vec<&String> = known
        .filter(|k| k.len().abs_diff(id.len()) <= 1 && differences(k, id) <= 1)
        .take(3)
        .collect();
    match close.as_slice() {
        [] => String::new(),
        some => format!(
            "; did you mean {}?",
            some.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

/// Positions at which two ids of (nearly) equal length differ.
fn differences(a: &str, b: &str) -> usize {
    let longer = a.len().max(b.len());
    let same = a.chars().zip(b.chars()).filter(|(x, y)| x == y).count();
    longer - same
}

pub(crate) fn plan_round(check: &Check<'_>, round: RoundProposed) -> Result<Change, Error> {
    if round.round != check.state.rounds + 1 {
        return check.fail(format!(
            "round {} follows round {}",
            round.round, check.state.rounds
        ));
    }
    let mut people = BTreeSet::new();
    let mut per_vacancy: std::collections::BTreeMap<&str, u32> = Default::default();
    for proposal in &round.proposals {
        let p = check.person(&proposal.person)?;
        if !p.stage.in_pool() || !people.insert(&proposal.person) {
            return check.fail(format!(
                "{} is not in the pool: {}",
                proposal.person,
                describe(&p.stage)
            ));
        }
        let v = check.vacancy(&proposal.vacancy)?;
        let count = per_vacancy.entry(&proposal.vacancy).or_default();
        *count += 1;
        if *count > v.open() || v.held.is_some() {
            return check.fail(format!(
                "{} has no post open for {}",
                proposal.vacancy, proposal.person
            ));
        }
    }
    Ok(Box::new(move |state| {
        for person in state.people.values_mut() {
            if matches!(person.stage, Stage::Proposed { .. }) {
                person.stage = Stage::AtRisk;
            }
        }
        for proposal in round.proposals {
            set_stage(
                &proposal.person,
                Stage::Proposed {
                    round: round.round,
                    vacancy: proposal.vacancy,
                },
            )(state);
        }
        state.rounds = round.round;
    }))
}

pub(crate) fn check_trial(
    check: &Check<'_>,
    person: &str,
    p: &PersonState,
    start: NaiveDate,
    end: NaiveDate,
    retraining: Option<&Retraining>,
) -> Result<(), Error> {
    if let Some(notice) = p.notice {
        let latest = check.rules.latest_start(notice.contract_end);
        if start > latest {
            return check.fail(format!(
                "the new post must start by {latest}, within {} of {person}'s contract ending on {} (ERA s138(1), rule `start_within_weeks`)",
                redeploy_model::count(check.rules.start_within_weeks, "week", "weeks"),
                notice.contract_end
            ));
        }
    }
    let statutory = check.rules.trial_end(start);
    match retraining {
        None if end != statutory => check.fail(format!(
            "a trial lasts {}, to {statutory}; a longer trial needs a retraining agreement made in writing before the start (ERA s138(6))",
            redeploy_model::count(check.rules.trial_period_weeks, "week", "weeks")
        )),
        Some(agreement) if agreement.agreed_on >= start => check.fail(format!(
            "the retraining agreement ({}) must be made before the trial starts ({start}) (ERA s138(6))",
            agreement.agreed_on
        )),
        Some(agreement) if agreement.end != end || end <= statutory => check.fail(format!(
            "an extended trial ends after {statutory}, on the date the agreement states ({})",
            agreement.end
        )),
        _ => Ok(()),
    }
}

pub(crate) fn reemployment_flag(
    check: &Check<'_>,
    id: &str,
    vacancy: &str,
    date: NaiveDate,
    seq: u64,
) -> Result<Option<Flag>, Error> {
    let p = check.person(id)?;
    let Stage::Left { how, on } = p.stage else {
        return check.fail(format!(
            "{id} is still in the exercise ({}); fill the post through an offer instead",
            describe(&p.stage)
        ));
    };
    let rules = check.rules;
    let (kind, window_end, rule) = match how {
        LeftHow::Vr => (
            FlagKind::VrClawback,
            on.checked_add_months(Months::new(rules.vr_clawback_months)),
            format!(
                "within {} months of leaving under VR: the VR payment may be clawed back (rule `vr_clawback_months`)",
                rules.vr_clawback_months
            ),
        ),
        LeftHow::Dismissed => (
            FlagKind::ReemployedWithinWindow,
            on.checked_add_days(Days::new(u64::from(
                rules.nhs_reemployment_forfeit_window_days,
            ))),
            format!(
                "within {} days of dismissal: NHS redundancy pay may be forfeit (rule `nhs_reemployment_forfeit_window_days`)",
                rules.nhs_reemployment_forfeit_window_days
            ),
        ),
        _ => return Ok(None),
    };
    if window_end.is_some_and(|end| date <= end) {
        let text = format!(
            "{id} re-employed in {vacancy} on {date}, {rule}: a decision for HR, not made here"
        );
        return Ok(Some(Flag {
            kind,
            seq,
            on: date,
            text,
        }));
    }
    Ok(None)
}
