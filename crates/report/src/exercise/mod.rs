//! Renderers for live redeployment exercises.
//!
//! This module turns an exercise's [`Status`](redeploy_exercise::Status), its events and its
//! whole course into output: the terminal table and JSON of `status` ([`status`]), the audit
//! trail of `history` as a table, CSV or JSON ([`history`]), and the exercise report: HTML with
//! SVG charts, CSV and JSON ([`course`]). Figures are counts and sums of the events and state;
//! nothing here decides anything.

pub mod course;
pub mod history;
pub mod status;

/// What an event says, in one line.
pub fn detail(event: &redeploy_exercise::Event) -> String {
    use redeploy_exercise::Event;
    let yes = |b: bool| if b { "yes" } else { "no" };
    match event {
        Event::Opened {
            scenario,
            policy,
            people,
            posts,
        } => {
            format!(
                "exercise opened on scenario {scenario}, policy {policy}: {people} people at risk, {posts} posts"
            )
        }
        Event::RoundProposed(round) => format!(
            "round {}: {} of {} people in the pool proposed a post ({} posts open), {} not placed",
            round.round,
            round.proposals.len(),
            round.pool,
            round.open_posts,
            round.unplaced.len()
        ),
        Event::OfferMade { person, vacancy } => format!("{vacancy} offered to {person}"),
        Event::OfferAccepted { person, vacancy } => format!("{person} accepted {vacancy}"),
        Event::OfferRefused {
            person,
            vacancy,
            reason,
            objectively_suitable,
            refusal_reasonable,
        } => format!(
            "{person} refused {vacancy}: {reason}; objectively suitable: {}; refusal reasonable: {}",
            yes(*objectively_suitable),
            yes(*refusal_reasonable)
        ),
        Event::TrialStarted {
            person,
            vacancy,
            end,
            retraining,
        } => match retraining {
            Some(r) => format!(
                "{person} started a trial in {vacancy} to {end}, extended for retraining (agreed {})",
                r.agreed_on
            ),
            None => format!("{person} started a trial in {vacancy} to {end}"),
        },
        Event::Confirmed { person } => format!("{person} confirmed in the new post"),
        Event::TrialFailed {
            person,
            ended_by,
            reason,
            objectively_suitable,
            ending_reasonable,
        } => {
            let mut text = format!(
                "{person}'s trial ended by the {}: {reason}",
                ended_by.as_str()
            );
            if let (Some(s), Some(r)) = (objectively_suitable, ending_reasonable) {
                text.push_str(&format!(
                    "; objectively suitable: {}; ending reasonable: {}",
                    yes(*s),
                    yes(*r)
                ));
            }
            text
        }
        Event::NoticeServed {
            person,
            contract_end,
        } => format!("notice served on {person}, contract ends {contract_end}"),
        Event::Left { person, how } => format!("{person} left ({})", how.as_str()),
        Event::VacanciesAdded {
            file, vacancies, ..
        } => format!(
            "{} vacancies added from {file}: {}",
            vacancies.len(),
            vacancies
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Event::VacancyWithdrawn { vacancy, reason } => format!("{vacancy} withdrawn: {reason}"),
        Event::FilledOutside {
            vacancy,
            posts,
            person,
        } => match person {
            Some(p) => format!("{posts} post(s) of {vacancy} filled outside the exercise, by {p}"),
            None => format!("{posts} post(s) of {vacancy} filled outside the exercise"),
        },
        Event::Pinned {
            person,
            vacancy,
            reason,
        } => format!("{person} pinned to {vacancy}: {reason}"),
        Event::Excluded {
            person,
            vacancy,
            reason,
        } => format!("{person} excluded from {vacancy}: {reason}"),
        Event::Held { vacancy, reason } => format!("{vacancy} held: {reason}"),
        Event::Released { vacancy, reason } => format!("hold on {vacancy} released: {reason}"),
    }
}
