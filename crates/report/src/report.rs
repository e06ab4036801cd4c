//! What every renderer reads: a round ready to show.
//!
//! This module owns [`Report`]: the round (pseudonymised when asked), its equality breakdown
//! (worked out before any pseudonym replaces an id) and the employers' display names. Build it
//! once and hand it to the summary, CSV, JSON and HTML renderers, so they all show the same
//! thing.

use redeploy_engine::Round;
use redeploy_model::Scenario;

use crate::equality::EqualityBreakdown;
use crate::pseudonym::Pseudonyms;

/// How a report is prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Replace every person id with a stable pseudonym ([`Pseudonyms`]).
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
    pub fn new(scenario: &Scenario, round: &Round, options: ReportOptions) -> Report {
        let equality = EqualityBreakdown::new(scenario, round);
        let round = if options.pseudonymise {
            Pseudonyms::for_scenario(scenario).round(round)
        } else {
            round.clone()
        };
        Report {
            round,
            equality,
            employers: scenario
                .employers
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
            pseudonymised: options.pseudonymise,
        }
    }

    /// The display name of an employer, or its id when the scenario has no such employer.
    pub fn employer_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.employers
            .iter()
            .find(|(e, _)| e == id)
            .map_or(id, |(_, name)| name.as_str())
    }
}
