//! `redeploy exercise record`: one event, from its flags.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use redeploy_exercise::{EndedBy, Event, Exercise, LeftHow, Retraining};

use super::{Recording, fail, parse_date};
use crate::EXIT_USAGE;

/// Arguments of `redeploy exercise record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The exercise file.
    file: PathBuf,
    #[command(flatten)]
    recording: Recording,
    #[command(subcommand)]
    event: RecordEvent,
}

#[derive(Debug, Args)]
struct Pair {
    /// Person id.
    #[arg(long, value_name = "ID")]
    person: String,
    /// Vacancy id.
    #[arg(long, value_name = "ID")]
    vacancy: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

impl YesNo {
    fn yes(self) -> bool {
        self == YesNo::Yes
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum How {
    /// Voluntary redundancy approved.
    Vr,
    /// Resigned.
    Resigned,
    /// Retired.
    Retired,
    /// Dismissed for redundancy at the end of notice.
    Dismissed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Who {
    Employee,
    Employer,
}

#[derive(Debug, Subcommand)]
enum RecordEvent {
    /// A proposed post offered to the person.
    Offer(Pair),
    /// The person accepted the offer.
    Accept(Pair),
    /// The person refused the offer, with the employer's two separate judgements.
    Refuse {
        #[command(flatten)]
        pair: Pair,
        /// The reason the person gave.
        #[arg(long)]
        reason: String,
        /// The employer's judgement: is the post objectively suitable (pay, band, hours,
        /// location, status, skills)?
        #[arg(long, value_enum)]
        suitable: YesNo,
        /// The employer's judgement: was the refusal reasonable, from the employee's view?
        #[arg(long, value_enum)]
        reasonable: YesNo,
    },
    /// A trial in the accepted post starts on --date (4 weeks, or to --end when a retraining
    /// extension was agreed in writing before the start).
    TrialStart {
        #[command(flatten)]
        pair: Pair,
        /// The date a retraining extension was agreed in writing (before the start).
        #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "end")]
        retraining_agreed: Option<NaiveDate>,
        /// The extended trial's last day, as the agreement states.
        #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "retraining_agreed")]
        end: Option<NaiveDate>,
    },
    /// The person stays in the new post (after the trial, or directly after accepting).
    Confirm {
        /// Person id.
        #[arg(long, value_name = "ID")]
        person: String,
    },
    /// The trial failed; the person goes back to the pool.
    TrialFail {
        /// Person id.
        #[arg(long, value_name = "ID")]
        person: String,
        /// Who ended the trial.
        #[arg(long, value_enum)]
        ended_by: Who,
        /// The reason.
        #[arg(long)]
        reason: String,
        /// When the employee ended it: is the post objectively suitable?
        #[arg(long, value_enum)]
        suitable: Option<YesNo>,
        /// When the employee ended it: was ending it reasonable?
        #[arg(long, value_enum)]
        reasonable: Option<YesNo>,
    },
    /// Notice of dismissal served on --date.
    Notice {
        /// Person id.
        #[arg(long, value_name = "ID")]
        person: String,
        /// The contract's last day.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        contract_end: NaiveDate,
    },
    /// The person left.
    Left {
        /// Person id.
        #[arg(long, value_name = "ID")]
        person: String,
        /// How.
        #[arg(long, value_enum)]
        how: How,
    },
    /// Vacancies added from a CSV file in the scenario's vacancy format.
    VacancyAdd {
        /// The CSV file.
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
    },
    /// A vacancy's open posts withdrawn.
    VacancyWithdraw {
        /// Vacancy id.
        #[arg(long, value_name = "ID")]
        vacancy: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Posts of a vacancy filled outside the exercise.
    FilledOutside {
        /// Vacancy id.
        #[arg(long, value_name = "ID")]
        vacancy: String,
        /// Posts filled.
        #[arg(long, default_value_t = 1)]
        posts: u32,
        /// A person of the exercise who left and is re-employed in it (flags the forfeiture
        /// and clawback windows).
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
    /// A pair to be placed first in the next rounds.
    Pin {
        #[command(flatten)]
        pair: Pair,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// A pair never to be proposed.
    Exclude {
        #[command(flatten)]
        pair: Pair,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// A vacancy held: no one is matched to it until released.
    Hold {
        /// Vacancy id.
        #[arg(long, value_name = "ID")]
        vacancy: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// A hold released.
    Release {
        /// Vacancy id.
        #[arg(long, value_name = "ID")]
        vacancy: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// Runs `redeploy exercise record`.
pub fn run(args: &RecordArgs) -> Result<ExitCode, ExitCode> {
    let mut exercise =
        Exercise::open(&args.file, args.recording.wait()).map_err(|err| fail(&err))?;
    let stamp = args.recording.stamp();
    let mut input = None;
    let event = match &args.event {
        RecordEvent::Offer(p) => Event::OfferMade {
            person: p.person.clone(),
            vacancy: p.vacancy.clone(),
        },
        RecordEvent::Accept(p) => Event::OfferAccepted {
            person: p.person.clone(),
            vacancy: p.vacancy.clone(),
        },
        RecordEvent::Refuse {
            pair,
            reason,
            suitable,
            reasonable,
        } => Event::OfferRefused {
            person: pair.person.clone(),
            vacancy: pair.vacancy.clone(),
            reason: reason.clone(),
            objectively_suitable: suitable.yes(),
            refusal_reasonable: reasonable.yes(),
        },
        RecordEvent::TrialStart {
            pair,
            retraining_agreed,
            end,
        } => {
            let retraining = retraining_agreed
                .zip(*end)
                .map(|(agreed_on, end)| Retraining { agreed_on, end });
            let end = end.unwrap_or_else(|| exercise.meta().rules.trial_end(stamp.effective));
            Event::TrialStarted {
                person: pair.person.clone(),
                vacancy: pair.vacancy.clone(),
                end,
                retraining,
            }
        }
        RecordEvent::Confirm { person } => Event::Confirmed {
            person: person.clone(),
        },
        RecordEvent::TrialFail {
            person,
            ended_by,
            reason,
            suitable,
            reasonable,
        } => Event::TrialFailed {
            person: person.clone(),
            ended_by: match ended_by {
                Who::Employee => EndedBy::Employee,
                Who::Employer => EndedBy::Employer,
            },
            reason: reason.clone(),
            objectively_suitable: suitable.map(YesNo::yes),
            ending_reasonable: reasonable.map(YesNo::yes),
        },
        RecordEvent::Notice {
            person,
            contract_end,
        } => Event::NoticeServed {
            person: person.clone(),
            contract_end: *contract_end,
        },
        RecordEvent::Left { person, how } => Event::Left {
            person: person.clone(),
            how: match how {
                How::Vr => LeftHow::Vr,
                How::Resigned => LeftHow::Resigned,
                How::Retired => LeftHow::Retired,
                How::Dismissed => LeftHow::Dismissed,
            },
        },
        RecordEvent::VacancyAdd { csv } => {
            let bytes = std::fs::read(csv).map_err(|err| {
                eprintln!("error: cannot read `{}`: {err}", csv.display());
                ExitCode::from(EXIT_USAGE)
            })?;
            let name = csv
                .file_name()
                .map_or_else(|| "vacancies.csv".into(), |n| n.to_string_lossy())
                .into_owned();
            let (event, sha) = exercise
                .vacancies_added(&name, &bytes)
                .map_err(|err| fail(&err))?;
            input = Some(sha);
            event
        }
        RecordEvent::VacancyWithdraw { vacancy, reason } => Event::VacancyWithdrawn {
            vacancy: vacancy.clone(),
            reason: reason.clone(),
        },
        RecordEvent::FilledOutside {
            vacancy,
            posts,
            person,
        } => Event::FilledOutside {
            vacancy: vacancy.clone(),
            posts: *posts,
            person: person.clone(),
        },
        RecordEvent::Pin { pair, reason } => Event::Pinned {
            person: pair.person.clone(),
            vacancy: pair.vacancy.clone(),
            reason: reason.clone(),
        },
        RecordEvent::Exclude { pair, reason } => Event::Excluded {
            person: pair.person.clone(),
            vacancy: pair.vacancy.clone(),
            reason: reason.clone(),
        },
        RecordEvent::Hold { vacancy, reason } => Event::Held {
            vacancy: vacancy.clone(),
            reason: reason.clone(),
        },
        RecordEvent::Release { vacancy, reason } => Event::Released {
            vacancy: vacancy.clone(),
            reason: reason.clone(),
        },
    };
    let (record, state) = exercise
        .record(&stamp, event, input)
        .map_err(|err| fail(&err))?;
    let mut text = format!(
        "recorded event {} ({}, {}): {}\n",
        record.seq,
        record.event.kind(),
        record.effective,
        redeploy_report::exercise::detail(&record.event)
    );
    if let Some(person) = record.event.person().and_then(|p| state.people.get(p)) {
        for flag in person.flags.iter().filter(|f| f.seq == record.seq) {
            text.push_str(&format!("warning: {}\n", flag.text));
        }
    }
    text.push_str(&format!("head {}\n", record.hash));
    // The event is recorded; a closed pipe on stdout is no reason to fail.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    Ok(ExitCode::SUCCESS)
}
