//! What every renderer reads: a round ready to show.
//!
//! This module owns [`Report`]: the round (pseudonymised when asked), its equality breakdown
//! (worked out before any pseudonym replaces an id), the employers' display names and, when
//! the caller knows it, where the round came from ([`Provenance`]). Build it once and hand it
//! to the summary, CSV, JSON and HTML renderers, so they all show the same thing.

use std::borrow::Cow;

use redeploy_engine::Round;
use redeploy_model::Scenario;

use crate::equality::EqualityBreakdown;
use crate::provenance::Provenance;
use crate::pseudonym::{PseudonymKey, Pseudonyms};

/// How a report is prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Replace every person id with a pseudonym ([`Pseudonyms`]) under a fresh random key;
    /// [`Report::with_pseudonyms`] takes pseudonyms under a key of the caller's.
    pub pseudonymise: bool,
}

/// A round ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The round, with pseudonyms in place of person ids when asked.
    pub round: Round,
    /// Outcomes by monitored characteristic (aggregates only, small counts hidden on display).
    pub equality: EqualityBreakdown,
    /// Employer ids and display names, in the scenario's order.
    pub employers: Vec<(String, String)>,
    /// Whether person ids were replaced by pseudonyms.
    pub pseudonymised: bool,
    /// Where the round came from, when known ([`Report::with_provenance`]).
    pub provenance: Option<Provenance>,
}

impl Report {
    /// Prepares `round`, a round of `scenario`.
    ///
    /// ```no_run
    /// # fn demo(scenario: &redeploy_model::Scenario, round: &redeploy_engine::Round) {
    /// use redeploy_report::{Report, ReportOptions};
    ///
    /// let report = Report::new(scenario, round, ReportOptions { pseudonymise: true });
    /// assert!(report.round.placements.iter().all(|p| p.person.starts_with("anon-")));
    /// # }
    /// ```
    ///
    /// # Panics
    /// With `pseudonymise`, when the operating system gives no random bytes for the key.
    pub fn new(scenario: &Scenario, round: &Round, options: ReportOptions) -> Report {
        let pseudonyms = options.pseudonymise.then(|| {
            let key = PseudonymKey::generate().expect("the operating system gives random bytes");
            Pseudonyms::for_scenario(scenario, &key)
        });
        Report::with_pseudonyms(scenario, round, pseudonyms.as_ref())
    }

    /// Prepares `round`, a round of `scenario`, with person ids replaced by `pseudonyms` when
    /// given.
    pub fn with_pseudonyms(
        scenario: &Scenario,
        round: &Round,
        pseudonyms: Option<&Pseudonyms>,
    ) -> Report {
        Report::prepare(scenario, Cow::Borrowed(round), pseudonyms)
    }

    /// [`Report::with_pseudonyms`] taking the round over, so that it is not copied when no
    /// pseudonym replaces an id.
    ///
    /// ```no_run
    /// # fn demo(scenario: &redeploy_model::Scenario, round: redeploy_engine::Round) {
    /// use redeploy_report::Report;
    ///
    /// let placed = round.placements.len();
    /// let report = Report::from_round(scenario, round, None);
    /// assert_eq!(report.round.placements.len(), placed);
    /// # }
    /// ```
    pub fn from_round(
        scenario: &Scenario,
        round: Round,
        pseudonyms: Option<&Pseudonyms>,
    ) -> Report {
        Report::prepare(scenario, Cow::Owned(round), pseudonyms)
    }

    fn prepare(
        scenario: &Scenario,
        round: Cow<'_, Round>,
        pseudonyms: Option<&Pseudonyms>,
    ) -> Report {
        let equality = EqualityBreakdown::new(scenario, &round);
        let round = match pseudonyms {
            Some(pseudonyms) => pseudonyms.round(&round),
            None => round.into_owned(),
        };
        Report {
            round,
            equality,
            employers: scenario
                .employers
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
            pseudonymised: pseudonyms.is_some(),
            provenance: None,
        }
    }

    /// The report with where its round came from: `round.json` records it, the summary and
    /// the HTML footer show its short form.
    pub fn with_provenance(mut self, provenance: Provenance) -> Report {
        self.provenance = Some(provenance);
        self
    }

    /// The display name of an employer, or its id when the scenario has no such employer.
    pub fn employer_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.employers
            .iter()
            .find(|(e, _)| e == id)
            .map_or(id, |(_, name)| name.as_str())
    }
}
