//! An exercise on the footprint example, event by event: the state each event leads to, the
//! events the state refuses (nothing written), the warnings, tampering and damaged files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use redeploy_exercise::{
    EndedBy, Error, Event, Exercise, FlagKind, LeftHow, Retraining, SqliteLedger, Stage, Stamp,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn stamp(on: NaiveDate) -> Stamp {
    Stamp {
        effective: on,
        recorded_by: "regional HR".into(),
        recorded_at: "2025-10-01T09:00:00Z".into(),
    }
}

fn footprint() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/footprint/scenario.toml")
}

const WAIT: Duration = Duration::from_millis(200);

fn created(dir: &Path) -> (PathBuf, Exercise<SqliteLedger>) {
    let path = dir.join("ex.db");
    let (exercise, opened) =
        Exercise::create(&path, &footprint(), None, &stamp(date(2025, 10, 1)), WAIT).unwrap();
    assert_eq!(opened.seq, 1);
    (path, exercise)
}

/// The pairs of the last round, priority first.
fn proposals(exercise: &Exercise<SqliteLedger>) -> Vec<(String, String, bool)> {
    let events = exercise.events().unwrap();
    let Some(Event::RoundProposed(round)) = events
        .iter()
        .rev()
        .map(|r| &r.event)
        .find(|e| matches!(e, Event::RoundProposed(_)))
    else {
        panic!("no round");
    };
    let mut pairs: Vec<_> = round
        .proposals
        .iter()
        .map(|p| (p.person.clone(), p.vacancy.clone(), p.priority))
        .collect();
    pairs.sort_by_key(|p| !p.2);
    pairs
}

fn record(exercise: &mut Exercise<SqliteLedger>, on: NaiveDate, event: Event) -> Result<(), Error> {
    exercise.record(&stamp(on), event, None).map(|_| ())
}

fn refused(
    exercise: &mut Exercise<SqliteLedger>,
    path: &Path,
    on: NaiveDate,
    event: Event,
) -> String {
    let before = std::fs::read(path).unwrap();
    let err = record(exercise, on, event).unwrap_err();
    assert!(matches!(err, Error::Contradicts { .. }), "{err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "a refused event changed the file"
    );
    err.to_string()
}

#[test]
fn an_exercise_runs_offers_refusals_trials_and_rounds_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ex) = created(dir.path());
    let d1 = date(2025, 10, 6);
    let round = ex.propose(&stamp(d1)).unwrap();
    assert!(!round.round.placements.is_empty());
    let pairs = proposals(&ex);
    let priority = pairs.iter().filter(|p| p.2).count();
    assert!(
        priority > 0,
        "the footprint example has people with statutory priority"
    );
    // Statutory priority first: an offer of a post to someone without priority waits while a
    // person with priority proposed the same vacancy has not been offered it.
    let (first, first_vacancy, _) = pairs
        .iter()
        .find(|p| !p.2 && pairs.iter().any(|q| q.2 && q.1 == p.1))
        .expect("a vacancy proposed to people with and without priority")
        .clone();
    let why = refused(
        &mut ex,
        &path,
        d1,
        Event::OfferMade {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
        },
    );
    assert!(why.contains("statutory priority get offers first"), "{why}");
    for (person, vacancy, _) in pairs.iter().filter(|p| p.2) {
        record(
            &mut ex,
            d1,
            Event::OfferMade {
                person: person.clone(),
                vacancy: vacancy.clone(),
            },
        )
        .unwrap();
    }
    record(
        &mut ex,
        d1,
        Event::OfferMade {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
        },
    )
    .unwrap();

    // Accepting an offer never made, an unknown id, a date before the last event.
    let (other, other_vacancy, _) = pairs.iter().find(|p| !p.2 && p.0 != first).unwrap().clone();
    let why = refused(
        &mut ex,
        &path,
        d1,
        Event::OfferAccepted {
            person: other.clone(),
            vacancy: other_vacancy.clone(),
        },
    );
    assert!(why.contains("holds no offer of"), "{why}");
    let why = refused(
        &mut ex,
        &path,
        d1,
        Event::OfferAccepted {
            person: "P9999".into(),
            vacancy: first_vacancy.clone(),
        },
    );
    assert!(why.contains("no person `P9999`"), "{why}");
    let why = refused(
        &mut ex,
        &path,
        date(2025, 10, 2),
        Event::Held {
            vacancy: first_vacancy.clone(),
            reason: "x".into(),
        },
    );
    assert!(why.contains("before the previous event"), "{why}");

    // A refusal judged suitable and unreasonable is flagged, never decided.
    let (p1, v1, _) = pairs[0].clone();
    let d2 = date(2025, 10, 10);
    record(
        &mut ex,
        d2,
        Event::OfferRefused {
            person: p1.clone(),
            vacancy: v1.clone(),
            reason: "prefers current site".into(),
            objectively_suitable: true,
            refusal_reasonable: false,
        },
    )
    .unwrap();
    let state = ex.state().unwrap();
    assert_eq!(state.people[&p1].stage, Stage::AtRisk);
    assert_eq!(
        state.people[&p1].flags[0].kind,
        FlagKind::UnreasonableRefusal
    );
    assert!(state.people[&p1].flags[0].text.contains("ERA s141"));
    assert!(state.excluded[&p1].contains_key(&v1));
    assert_eq!(
        state.vacancies[&v1].open(),
        state.vacancies[&v1].posts,
        "the refused post is open again"
    );

    // A reasonable refusal: no flag.
    let (p2, v2, _) = pairs[1].clone();
    record(
        &mut ex,
        d2,
        Event::OfferRefused {
            person: p2.clone(),
            vacancy: v2.clone(),
            reason: "caring responsibilities".into(),
            objectively_suitable: true,
            refusal_reasonable: true,
        },
    )
    .unwrap();
    assert!(ex.state().unwrap().people[&p2].flags.is_empty());

    // Accept, then a trial: 4 weeks unless retraining was agreed before the start.
    record(
        &mut ex,
        d2,
        Event::OfferAccepted {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
        },
    )
    .unwrap();
    let start = date(2025, 10, 13);
    let why = refused(
        &mut ex,
        &path,
        start,
        Event::TrialStarted {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
            end: date(2025, 12, 1),
            retraining: None,
        },
    );
    assert!(why.contains("retraining"), "{why}");
    let why = refused(
        &mut ex,
        &path,
        start,
        Event::TrialStarted {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
            end: date(2025, 12, 1),
            retraining: Some(Retraining {
                agreed_on: start,
                end: date(2025, 12, 1),
            }),
        },
    );
    assert!(why.contains("before the trial starts"), "{why}");
    record(
        &mut ex,
        start,
        Event::TrialStarted {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
            end: date(2025, 11, 9),
            retraining: None,
        },
    )
    .unwrap();
    let why = refused(
        &mut ex,
        &path,
        start,
        Event::TrialStarted {
            person: first.clone(),
            vacancy: first_vacancy.clone(),
            end: date(2025, 11, 9),
            retraining: None,
        },
    );
    assert!(why.contains("in a trial"), "{why}");

    // The employee ends a suitable trial unreasonably: back in the pool, flagged.
    let why = refused(
        &mut ex,
        &path,
        date(2025, 10, 20),
        Event::TrialFailed {
            person: first.clone(),
            ended_by: EndedBy::Employee,
            reason: "commute".into(),
            objectively_suitable: None,
            ending_reasonable: None,
        },
    );
    assert!(why.contains("two judgements"), "{why}");
    record(
        &mut ex,
        date(2025, 10, 20),
        Event::TrialFailed {
            person: first.clone(),
            ended_by: EndedBy::Employee,
            reason: "commute".into(),
            objectively_suitable: Some(true),
            ending_reasonable: Some(false),
        },
    )
    .unwrap();
    let state = ex.state().unwrap();
    assert_eq!(state.people[&first].stage, Stage::AtRisk);
    assert_eq!(
        state.people[&first].flags[0].kind,
        FlagKind::TrialEndedUnreasonably
    );

    // Notice; offers only before the contract ends; dismissal only at its end.
    let (p3, v3, _) = pairs[2].clone();
    record(
        &mut ex,
        date(2025, 10, 21),
        Event::NoticeServed {
            person: p3.clone(),
            contract_end: date(2025, 10, 31),
        },
    )
    .unwrap();
    record(
        &mut ex,
        date(2025, 10, 21),
        Event::OfferAccepted {
            person: p3.clone(),
            vacancy: v3.clone(),
        },
    )
    .unwrap();
    // Friday 31 October: the 4 weeks run from Monday 3 November, to Sunday 30 November.
    let why = refused(
        &mut ex,
        &path,
        date(2025, 12, 1),
        Event::TrialStarted {
            person: p3.clone(),
            vacancy: v3.clone(),
            end: date(2025, 12, 28),
            retraining: None,
        },
    );
    assert!(why.contains("must start by 2025-11-30"), "{why}");

    // A second round: the refused pairs are never proposed again; the accepted post is kept.
    let d3 = date(2025, 10, 27);
    ex.propose(&stamp(d3)).unwrap();
    let again = proposals(&ex);
    assert!(
        !again.iter().any(|p| p.0 == p1 && p.1 == v1),
        "a refused pair was proposed again"
    );
    assert!(
        !again.iter().any(|p| p.0 == p3),
        "someone holding an accepted offer was in the pool"
    );
    record(
        &mut ex,
        date(2025, 11, 3),
        Event::TrialStarted {
            person: p3.clone(),
            vacancy: v3.clone(),
            end: date(2025, 11, 30),
            retraining: None,
        },
    )
    .unwrap();
    record(
        &mut ex,
        date(2025, 11, 30),
        Event::Confirmed { person: p3.clone() },
    )
    .unwrap();
    assert!(matches!(
        ex.state().unwrap().people[&p3].stage,
        Stage::Placed { .. }
    ));

    // Leavers: dismissal needs notice and its end; VR re-employment inside 6 months is flagged.
    let why = refused(
        &mut ex,
        &path,
        date(2025, 12, 1),
        Event::Left {
            person: p2.clone(),
            how: LeftHow::Dismissed,
        },
    );
    assert!(why.contains("no notice was served"), "{why}");
    record(
        &mut ex,
        date(2025, 12, 1),
        Event::Left {
            person: p2.clone(),
            how: LeftHow::Vr,
        },
    )
    .unwrap();
    let open = ex
        .state()
        .unwrap()
        .vacancies
        .iter()
        .find(|(_, v)| v.open() > 0 && v.held.is_none())
        .map(|(id, _)| id.clone())
        .unwrap();
    let (_, state) = ex
        .record(
            &stamp(date(2026, 2, 1)),
            Event::FilledOutside {
                vacancy: open,
                posts: 1,
                person: Some(p2.clone()),
            },
            None,
        )
        .unwrap();
    assert_eq!(
        state.people[&p2].flags.last().unwrap().kind,
        FlagKind::VrClawback
    );

    // The whole file verifies, and the cached state equals the replay.
    let verification = ex.verify().unwrap();
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    assert_eq!(ex.state().unwrap(), ex.replay().unwrap());
    assert!(ex.state().unwrap().invariant_problems().is_empty());
}

#[test]
fn a_late_vacancy_a_pin_and_a_hold_shape_the_next_round() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ex) = created(dir.path());
    let vacancies = std::fs::read_to_string(footprint().with_file_name("vacancies.csv")).unwrap();
    let header = vacancies.lines().next().unwrap();
    let row = vacancies.lines().nth(1).unwrap();
    let id = row.split(',').next().unwrap();
    let late = format!("{header}\n{}\n", row.replacen(id, "LATE-01", 1));
    let (event, sha) = ex.vacancies_added("late.csv", late.as_bytes()).unwrap();
    let (record, state) = ex
        .record(&stamp(date(2025, 10, 2)), event, Some(sha.clone()))
        .unwrap();
    assert_eq!(record.input_sha256.as_deref(), Some(sha.as_str()));
    assert!(state.vacancies.contains_key("LATE-01"));
    // The same file again: the ids are taken.
    let err = ex.vacancies_added("late.csv", late.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("LATE-01"), "{err}");

    ex.record(
        &stamp(date(2025, 10, 2)),
        Event::Held {
            vacancy: id.into(),
            reason: "budget review".into(),
        },
        None,
    )
    .unwrap();
    // A pin must be suitable: unsuitable pairs are refused with the rules they fail.
    let mut pinned = None;
    let mut refusals = 0;
    for n in 1..=350 {
        let person = format!("P{n:04}");
        let pin = Event::Pinned {
            person: person.clone(),
            vacancy: "LATE-01".into(),
            reason: "agreed at panel".into(),
        };
        match ex.record(&stamp(date(2025, 10, 2)), pin, None) {
            Ok(_) => {
                pinned = Some(person);
                break;
            }
            Err(err) => {
                assert!(
                    err.to_string().contains("a pinned pair must be suitable"),
                    "{err}"
                );
                refusals += 1;
            }
        }
    }
    let pinned = pinned.expect("someone is suitable for a band 5 nursing post");
    assert!(refusals > 0);
    ex.propose(&stamp(date(2025, 10, 6))).unwrap();
    let pairs = proposals(&ex);
    let pin = pairs
        .iter()
        .find(|p| p.0 == pinned)
        .expect("the pinned person was proposed");
    assert_eq!(pin.1, "LATE-01", "the pin was not proposed");
    assert!(!pairs.iter().any(|p| p.1 == id), "a held post was proposed");
    assert!(
        ex.scenario(None)
            .unwrap()
            .vacancies
            .iter()
            .any(|v| v.id == "LATE-01")
    );
    assert!(ex.verify().unwrap().problems.is_empty());
}

#[test]
fn changes_made_outside_the_tool_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ex) = created(dir.path());
    ex.record(
        &stamp(date(2025, 10, 2)),
        Event::Held {
            vacancy: "V0001".into(),
            reason: "budget".into(),
        },
        None,
    )
    .unwrap();
    ex.record(
        &stamp(date(2025, 10, 3)),
        Event::Released {
            vacancy: "V0001".into(),
            reason: "approved".into(),
        },
        None,
    )
    .unwrap();
    drop(ex);
    let connection = rusqlite::Connection::open(&path).unwrap();
    // The triggers refuse edits...
    assert!(
        connection
            .execute("UPDATE events SET record = 'x' WHERE seq = 2", [])
            .is_err()
    );
    // ...but someone with SQL can drop them.
    connection
        .execute_batch(
            "DROP TRIGGER events_append_only_update; UPDATE events SET record = replace(record, 'budget', 'other') WHERE seq = 2;",
        )
        .unwrap();
    drop(connection);
    let ex = Exercise::open(&path, WAIT).unwrap();
    let problems = ex.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("event 2") && p.contains("changed")),
        "{problems:?}"
    );

    // The last event removed, the cached state left: the cache no longer matches the replay.
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = 3;")
        .unwrap();
    drop(connection);
    let problems = Exercise::open(&path, WAIT)
        .unwrap()
        .verify()
        .unwrap()
        .problems;
    assert!(
        problems.iter().any(|p| p.contains("cached state")),
        "{problems:?}"
    );

    // A changed scenario file is caught by its checksum and the genesis hash.
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch("DROP TRIGGER files_fixed_update; UPDATE files SET bytes = X'00' WHERE path = 'people.csv';")
        .unwrap();
    drop(connection);
    let problems = Exercise::open(&path, WAIT)
        .unwrap()
        .verify()
        .unwrap()
        .problems;
    assert!(
        problems.iter().any(|p| p.contains("people.csv")),
        "{problems:?}"
    );
}

#[test]
fn files_that_are_not_exercises_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    assert!(matches!(
        Exercise::open(&missing, WAIT),
        Err(Error::Missing(_))
    ));
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "hello").unwrap();
    let err = Exercise::open(&text, WAIT).unwrap_err();
    assert!(err.to_string().contains("not a redeploy exercise"), "{err}");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    assert!(matches!(
        Exercise::open(&empty, WAIT),
        Err(Error::NotExercise { .. })
    ));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let err = Exercise::open(&other, WAIT).unwrap_err();
    assert!(
        err.to_string().contains("without an `exercise` table"),
        "{err}"
    );

    let (path, ex) = created(dir.path());
    drop(ex);
    let bytes = std::fs::read(&path).unwrap();
    // Truncated at several lengths: an error, never a panic.
    for len in [50, 4096, bytes.len() / 2, bytes.len() - 1] {
        let cut = dir.path().join(format!("cut-{len}.db"));
        std::fs::write(&cut, &bytes[..len]).unwrap();
        let result = Exercise::open(&cut, WAIT).and_then(|ex| ex.verify().map(|v| v.problems));
        match result {
            Ok(problems) => assert!(
                !problems.is_empty() || len == bytes.len() - 1,
                "truncated to {len} bytes verified clean"
            ),
            Err(err) => assert!(!err.to_string().is_empty()),
        }
    }
    // Garbage in the middle.
    let mut damaged = bytes.clone();
    for b in &mut damaged[bytes.len() / 3..bytes.len() / 3 + 2048] {
        *b = 0x5a;
    }
    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, &damaged).unwrap();
    let result = Exercise::open(&bad, WAIT).and_then(|ex| {
        let sqlite = ex.ledger().integrity_problems()?;
        Ok((sqlite, ex.verify()?.problems))
    });
    if let Ok((sqlite, problems)) = result {
        assert!(
            !sqlite.is_empty() || !problems.is_empty(),
            "damage went unnoticed"
        );
    }

    // A newer schema is refused.
    let newer = dir.path().join("newer.db");
    std::fs::write(&newer, &bytes).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let err = Exercise::open(&newer, WAIT).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade redeploy"), "{err}");
}

#[test]
fn a_second_writer_waits_then_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ex) = created(dir.path());
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = ex
        .record(
            &stamp(date(2025, 10, 2)),
            Event::Held {
                vacancy: "V0001".into(),
                reason: "x".into(),
            },
            None,
        )
        .unwrap_err();
    assert!(matches!(err, Error::Busy { .. }), "{err}");
    assert!(started.elapsed() >= WAIT, "did not wait");
    assert!(
        err.to_string().contains("in use by another command"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    ex.record(
        &stamp(date(2025, 10, 2)),
        Event::Held {
            vacancy: "V0001".into(),
            reason: "x".into(),
        },
        None,
    )
    .unwrap();
    assert_eq!(ex.events().unwrap().len(), 2);
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ex.db");
    std::fs::write(&path, "precious").unwrap();
    let err =
        Exercise::create(&path, &footprint(), None, &stamp(date(2025, 10, 1)), WAIT).unwrap_err();
    assert!(matches!(err, Error::Exists(_)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
}
