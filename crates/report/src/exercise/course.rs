//! `redeploy exercise report`: the exercise as a whole.
//!
//! [`Course`] gathers, from the events and the state: the rounds over time; the funnel
//! (proposed → offered → accepted → trial → confirmed, and refused / failed); the days each
//! person has spent at risk; redundancy pay avoided (people placed), paid (people dismissed or
//! leaving under VR) and still at stake (everyone else), with what is flagged at risk; and
//! equality across the exercise, through the round report's breakdown and its small-number
//! protection. [`Course::files`] renders it as HTML with charts, JSON and CSV.

use std::collections::HashMap;

use chrono::NaiveDate;
use redeploy_engine::Money;
use redeploy_exercise::{Event, EventRecord, LeftHow, Meta, Stage, State};
use redeploy_model::Scenario;
use serde::Serialize;

use crate::Error;
use crate::csv_export::{BOM, pounds, text};
use crate::equality::{EqualityBreakdown, Outcome};

/// One round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundLine {
    /// Round number.
    pub round: u32,
    /// Its date.
    pub date: NaiveDate,
    /// People in the pool.
    pub pool: u32,
    /// Posts open.
    pub open_posts: u32,
    /// Pairs proposed.
    pub proposed: u32,
    /// People in the pool not proposed a post.
    pub not_placed: u32,
    /// Redundancy pay the proposals would avoid.
    pub redundancy_pay_avoided: Money,
}

/// The funnel of offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Funnel {
    /// Pairs proposed, all rounds.
    pub proposed: u32,
    /// Offers made.
    pub offered: u32,
    /// Offers accepted.
    pub accepted: u32,
    /// Trials started.
    pub trial: u32,
    /// People confirmed in a new post.
    pub confirmed: u32,
    /// Offers refused.
    pub refused: u32,
    /// Of them, suitable posts refused unreasonably (flagged).
    pub refused_unreasonably: u32,
    /// Trials failed.
    pub failed: u32,
}

/// One person over the exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLine {
    /// Person id.
    pub person: String,
    /// Stage now.
    pub stage: &'static str,
    /// Days at risk: from the exercise's start to placement, leaving, or the report date.
    pub days_at_risk: i64,
    /// Section 16 redundancy pay on the scenario's round date.
    pub redundancy_pay: Money,
    /// Warnings raised.
    pub flags: u32,
}

/// Redundancy pay across the exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Pay {
    /// Of people placed.
    pub avoided: Money,
    /// Of people dismissed or leaving under VR.
    pub paid: Money,
    /// Of everyone still at risk, offered, accepted or in a trial.
    pub at_stake: Money,
    /// Of people with a warning that their redundancy pay may be at risk (for HR to decide).
    pub flagged: Money,
}

/// The exercise as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// Scenario name.
    pub scenario: String,
    /// The exercise's first date.
    pub started: NaiveDate,
    /// The report's date.
    pub date: NaiveDate,
    /// Events recorded.
    pub events: u64,
    /// The last event's hash.
    pub head: String,
    /// People at each stage.
    pub stages: Vec<(&'static str, u32)>,
    /// Rounds, in order.
    pub rounds: Vec<RoundLine>,
    /// The funnel.
    pub funnel: Funnel,
    /// Redundancy pay.
    pub pay: Pay,
    /// Every person, by id.
    pub people: Vec<PersonLine>,
    /// Every warning raised.
    pub warnings: Vec<String>,
    /// Equality across the exercise (not serialised: its CSV is the protected table).
    #[serde(skip)]
    pub equality: EqualityBreakdown,
}

impl Course {
    /// The course of the exercise whose scenario, meta data, events and state are given, as of
    /// `date`.
    pub fn new(
        scenario: &Scenario,
        meta: &Meta,
        events: &[EventRecord],
        state: &State,
        date: NaiveDate,
    ) -> Course {
        let started = events.first().map_or(date, |r| r.effective);
        let mut funnel = Funnel::default();
        let mut rounds = Vec::new();
        for record in events {
            match &record.event {
                Event::RoundProposed(r) => {
                    funnel.proposed += u32::try_from(r.proposals.len()).unwrap_or(u32::MAX);
                    rounds.push(RoundLine {
                        round: r.round,
                        date: record.effective,
                        pool: r.pool,
                        open_posts: r.open_posts,
                        proposed: u32::try_from(r.proposals.len()).unwrap_or(u32::MAX),
                        not_placed: u32::try_from(r.unplaced.len()).unwrap_or(u32::MAX),
                        redundancy_pay_avoided: Money(r.redundancy_pay_avoided),
                    });
                }
                Event::OfferMade { .. } => funnel.offered += 1,
                Event::OfferAccepted { .. } => funnel.accepted += 1,
                Event::TrialStarted { .. } => funnel.trial += 1,
                Event::Confirmed { .. } => funnel.confirmed += 1,
                Event::OfferRefused {
                    objectively_suitable,
                    refusal_reasonable,
                    ..
                } => {
                    funnel.refused += 1;
                    if *objectively_suitable && !refusal_reasonable {
                        funnel.refused_unreasonably += 1;
                    }
                }
                Event::TrialFailed { .. } => funnel.failed += 1,
                _ => {}
            }
        }
        let mut pay = Pay::default();
        let mut people = Vec::new();
        let mut warnings = Vec::new();
        let mut outcomes: HashMap<&str, Outcome> = HashMap::new();
        for (id, person) in &state.people {
            let amount = Money(meta.roster.people.get(id).map_or(0, |f| f.redundancy_pay));
            let (end, outcome) = match &person.stage {
                Stage::Placed { on, .. } => {
                    pay.avoided += amount;
                    (*on, Some(Outcome::Redeployed))
                }
                Stage::Left { how, on } => {
                    let outcome = match how {
                        LeftHow::Vr => Some(Outcome::Voluntary),
                        LeftHow::Dismissed => Some(Outcome::Unplaced),
                        LeftHow::Resigned | LeftHow::Retired => None,
                    };
                    if matches!(how, LeftHow::Vr | LeftHow::Dismissed) {
                        pay.paid += amount;
                    }
                    (*on, outcome)
                }
                _ => {
                    pay.at_stake += amount;
                    (date, Some(Outcome::Unplaced))
                }
            };
            if !person.flags.is_empty() && !matches!(person.stage, Stage::Placed { .. }) {
                pay.flagged += amount;
            }
            if let Some(outcome) = outcome {
                outcomes.insert(id.as_str(), outcome);
            }
            warnings.extend(person.flags.iter().map(|f| f.text.clone()));
            people.push(PersonLine {
                person: id.clone(),
                stage: person.stage.name(),
                days_at_risk: (end - started).num_days().max(0),
                redundancy_pay: amount,
                flags: u32::try_from(person.flags.len()).unwrap_or(u32::MAX),
            });
        }
        let equality = EqualityBreakdown::from_outcomes(scenario, &outcomes);
        Course {
            scenario: scenario.name.clone(),
            started,
            date,
            events: state.seq,
            head: events.last().map(|r| r.hash.clone()).unwrap_or_default(),
            stages: state.counts(),
            rounds,
            funnel,
            pay,
            people,
            warnings,
            equality,
        }
    }

    /// The funnel's steps in order, with their counts.
    pub fn funnel_steps(&self) -> [(&'static str, u32); 8] {
        let f = &self.funnel;
        [
            ("proposed", f.proposed),
            ("offered", f.offered),
            ("accepted", f.accepted),
            ("trial", f.trial),
            ("confirmed", f.confirmed),
            ("refused", f.refused),
            ("refused unreasonably (flagged)", f.refused_unreasonably),
            ("trial failed", f.failed),
        ]
    }

    /// Every file of the report, by name: `exercise.html`, `exercise.json`, `rounds.csv`,
    /// `funnel.csv`, `people.csv`, `equality.csv`.
    ///
    /// # Errors
    /// [`Error::Csv`] or [`Error::Json`] if rendering fails.
    pub fn files(&self) -> Result<Vec<(&'static str, String)>, Error> {
        let mut json = serde_json::to_string_pretty(self)?;
        json.push('\n');
        Ok(vec![
            ("exercise.html", crate::html::exercise::render(self)),
            ("exercise.json", json),
            ("rounds.csv", self.rounds_csv()?),
            ("funnel.csv", self.funnel_csv()?),
            ("people.csv", self.people_csv()?),
            ("equality.csv", crate::csv_export::equality(&self.equality)?),
        ])
    }

    fn rounds_csv(&self) -> Result<String, Error> {
        let mut rows = vec![vec![
            "round".to_string(),
            "date".into(),
            "pool".into(),
            "open_posts".into(),
            "proposed".into(),
            "not_placed".into(),
            "redundancy_pay_avoided".into(),
        ]];
        for r in &self.rounds {
            rows.push(vec![
                r.round.to_string(),
                r.date.to_string(),
                r.pool.to_string(),
                r.open_posts.to_string(),
                r.proposed.to_string(),
                r.not_placed.to_string(),
                pounds(r.redundancy_pay_avoided),
            ]);
        }
        write_csv(rows)
    }

    fn funnel_csv(&self) -> Result<String, Error> {
        let mut rows = vec![vec!["step".to_string(), "count".into()]];
        rows.extend(
            self.funnel_steps()
                .iter()
                .map(|(s, c)| vec![(*s).to_string(), c.to_string()]),
        );
        write_csv(rows)
    }

    fn people_csv(&self) -> Result<String, Error> {
        let mut rows = vec![vec![
            "person".to_string(),
            "stage".into(),
            "days_at_risk".into(),
            "redundancy_pay".into(),
            "warnings".into(),
        ]];
        for p in &self.people {
            rows.push(vec![
                text(&p.person),
                p.stage.to_string(),
                p.days_at_risk.to_string(),
                pounds(p.redundancy_pay),
                p.flags.to_string(),
            ]);
        }
        write_csv(rows)
    }
}

fn write_csv(rows: Vec<Vec<String>>) -> Result<String, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Csv(err.into_error().into()))?;
    Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
}
