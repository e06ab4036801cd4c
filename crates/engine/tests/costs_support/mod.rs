//! A person at risk built in code for the cost and priority tests: full time, band 6 at the top
//! of the band, in the pension scheme, with no statutory priority. Tests change what they test.

#![allow(
    dead_code,
    reason = "each test binary that includes this module uses part of it"
)]

use chrono::NaiveDate;
use redeploy_model::{
    Band, ContractType, Equality, Person, Preferences, PriorityKind, StatutoryPriority,
};

/// A calendar date; the tests only use valid ones.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// The round date of the worked examples, 1 October 2025.
pub fn round_date() -> NaiveDate {
    date(2025, 10, 1)
}

/// A full-time person on `salary` whose continuous NHS service began on `service_start`.
pub fn person(band: Band, salary: u32, service_start: NaiveDate) -> Person {
    Person {
        id: "P1".to_string(),
        name: None,
        employer: "E1".to_string(),
        site: "S1".to_string(),
        band,
        pay_point: None,
        salary,
        wte: 1.0,
        job_family: "admin-clerical".to_string(),
        role: None,
        skills: Vec::new(),
        registrations: Vec::new(),
        contract: ContractType::Permanent,
        nhs_service_start: service_start,
        date_of_birth: date(1980, 1, 1),
        priority: StatutoryPriority::default(),
        reasonable_adjustment: false,
        pension_member: true,
        volunteered_vr: false,
        commute_minutes: None,
        equality: Equality::default(),
        preferences: Preferences::default(),
    }
}

/// The same person with a statutory priority record.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that include this module"
)]
pub fn with_priority(
    mut someone: Person,
    kind: PriorityKind,
    since: Option<NaiveDate>,
    child_date: Option<NaiveDate>,
) -> Person {
    someone.priority = StatutoryPriority {
        kind,
        since,
        child_date,
    };
    someone
}
