//! The raw records of a scenario, as written, before cross-checks.
//!
//! This module owns one `Raw*` struct per kind of record and its [`TableSpec`]. A raw record
//! holds each field as written (typed, with its location) or `None` when it was absent or
//! malformed — the problem is already recorded. The validation modules turn raw records into the
//! domain types of [`crate::Scenario`]; nothing outside loading sees a raw record.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::error::{Location, Problems};
use crate::field::TrainableEntry;
use crate::record::{Fields, Located, TableSpec};
use crate::{Band, ContractType, EmployerKind, PriorityKind, Ranking};

/// Declares a raw record struct, its [`TableSpec`] and its reader in one place, so the list of
/// field names cannot drift from the fields read.
macro_rules! raw_record {
    (
        $(#[$meta:meta])*
        $name:ident, $spec:ident, key = $key:literal, record = $record:literal,
        required = [$($required:literal),*],
        { $($field:ident : $ty:ty),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name {
            /// Where the record starts.
            #[allow(dead_code, reason = "every record keeps its start for messages; some kinds never need it")]
            pub(crate) at: Arc<Location>,
            $(pub(crate) $field: Option<Located<$ty>>,)*
        }

        pub(crate) static $spec: TableSpec = TableSpec {
            key: $key,
            record: $record,
            fields: &[$(stringify!($field)),*],
            required: &[$($required),*],
        };

        impl $name {
            /// Reads every field of one record.
            pub(crate) fn read(fields: &mut Fields<'_, '_>) -> $name {
                $name {
                    at: fields.location(),
                    $($field: fields.get::<$ty>(stringify!($field)),)*
                }
            }
        }
    };
}

raw_record! {
    /// An NHS region.
    RawRegion, REGIONS, key = "regions", record = "region",
    required = ["id"],
    { id: String, name: String }
}

raw_record! {
    /// A footprint (integrated care system).
    RawFootprint, FOOTPRINTS, key = "footprints", record = "footprint",
    required = ["id", "region"],
    { id: String, name: String, region: String }
}

raw_record! {
    /// A legal employer.
    RawEmployer, EMPLOYERS, key = "employers", record = "employer",
    required = ["id", "kind", "footprint"],
    { id: String, name: String, kind: EmployerKind, footprint: String, associated_with: Vec<String> }
}

raw_record! {
    /// A work base.
    RawSite, SITES, key = "sites", record = "site",
    required = ["id", "latitude", "longitude"],
    { id: String, name: String, latitude: f64, longitude: f64 }
}

raw_record! {
    /// An explicit travel time between two sites.
    RawTravelTime, TRAVEL_TIMES, key = "travel_times", record = "travel time",
    required = ["from", "to", "minutes"],
    { from: String, to: String, minutes: u32 }
}

raw_record! {
    /// A skill in the catalogue.
    RawSkill, SKILLS, key = "skills", record = "skill",
    required = ["id"],
    { id: String, name: String }
}

raw_record! {
    /// A person at risk.
    RawPerson, PEOPLE, key = "people", record = "person",
    required = ["id", "employer", "site", "band", "job_family", "nhs_service_start", "date_of_birth"],
    {
        id: String,
        name: String,
        employer: String,
        site: String,
        band: Band,
        pay_point: u8,
        salary: u32,
        wte: f64,
        job_family: String,
        role: String,
        skills: Vec<String>,
        registrations: Vec<String>,
        contract: ContractType,
        nhs_service_start: NaiveDate,
        date_of_birth: NaiveDate,
        priority: PriorityKind,
        priority_since: NaiveDate,
        child_date: NaiveDate,
        reasonable_adjustment: bool,
        pension_member: bool,
        volunteered_vr: bool,
        commute_minutes: u32,
        sex: String,
        ethnicity: String,
        disability: String,
        age_band: String,
        ranked_vacancies: Ranking,
        max_travel_minutes: u32,
    }
}

raw_record! {
    /// A vacancy of one or more posts.
    RawVacancy, VACANCIES, key = "vacancies", record = "vacancy",
    required = ["id", "employer", "site", "band", "job_family"],
    {
        id: String,
        title: String,
        employer: String,
        site: String,
        band: Band,
        wte: f64,
        job_family: String,
        essential_skills: Vec<String>,
        trainable_skills: Vec<TrainableEntry>,
        desirable_skills: Vec<String>,
        registration: String,
        posts: u32,
        contract: ContractType,
        ring_fenced: bool,
        advertised_order: u32,
        ranked_people: Ranking,
    }
}

/// Every record table of a scenario, in the order they are read and documented.
pub(crate) static TABLES: [&TableSpec; 8] = [
    &REGIONS,
    &FOOTPRINTS,
    &EMPLOYERS,
    &SITES,
    &TRAVEL_TIMES,
    &SKILLS,
    &PEOPLE,
    &VACANCIES,
];

/// Every record of a scenario as written.
#[derive(Debug, Default)]
pub(crate) struct RawRecords {
    pub(crate) regions: Vec<RawRegion>,
    pub(crate) footprints: Vec<RawFootprint>,
    pub(crate) employers: Vec<RawEmployer>,
    pub(crate) sites: Vec<RawSite>,
    pub(crate) travel_times: Vec<RawTravelTime>,
    pub(crate) skills: Vec<RawSkill>,
    pub(crate) people: Vec<RawPerson>,
    pub(crate) vacancies: Vec<RawVacancy>,
    /// The tables (by key) some of whose records could not be read at all: an unreadable or
    /// empty file, a malformed row, an entry that is not a table. References to such a table
    /// may fail only because of that.
    pub(crate) lost: Vec<&'static str>,
}

impl RawRecords {
    /// Appends the records of `other` after these (taking `other`'s vectors over, without a
    /// copy, where these have none yet).
    pub(crate) fn append(&mut self, other: RawRecords) {
        join(&mut self.regions, other.regions);
        join(&mut self.footprints, other.footprints);
        join(&mut self.employers, other.employers);
        join(&mut self.sites, other.sites);
        join(&mut self.travel_times, other.travel_times);
        join(&mut self.skills, other.skills);
        join(&mut self.people, other.people);
        join(&mut self.vacancies, other.vacancies);
        for key in other.lost {
            if !self.lost.contains(&key) {
                self.lost.push(key);
            }
        }
    }

    /// Notes that some records of the table named by `spec` could not be read.
    pub(crate) fn lose(&mut self, spec: &'static TableSpec) {
        if !self.lost.contains(&spec.key) {
            self.lost.push(spec.key);
        }
    }

    /// Whether every record of the table `key` was read and has an id.
    pub(crate) fn complete<T>(&self, key: &str, records: &[T], id: impl Fn(&T) -> bool) -> bool {
        !self.lost.contains(&key) && records.iter().all(id)
    }

    /// Makes room for `more` records of the table named by `spec`.
    pub(crate) fn reserve(&mut self, spec: &TableSpec, more: usize) {
        match spec.key {
            "regions" => self.regions.reserve(more),
            "footprints" => self.footprints.reserve(more),
            "employers" => self.employers.reserve(more),
            "sites" => self.sites.reserve(more),
            "travel_times" => self.travel_times.reserve(more),
            "skills" => self.skills.reserve(more),
            "people" => self.people.reserve(more),
            "vacancies" => self.vacancies.reserve(more),
            other => unreachable!("no record table `{other}`"),
        }
    }

    /// Reads one record of the table named by `spec` and keeps it.
    pub(crate) fn read_into(&mut self, spec: &TableSpec, fields: &mut Fields<'_, '_>) {
        match spec.key {
            "regions" => self.regions.push(RawRegion::read(fields)),
            "footprints" => self.footprints.push(RawFootprint::read(fields)),
            "employers" => self.employers.push(RawEmployer::read(fields)),
            "sites" => self.sites.push(RawSite::read(fields)),
            "travel_times" => self.travel_times.push(RawTravelTime::read(fields)),
            "skills" => self.skills.push(RawSkill::read(fields)),
            "people" => self.people.push(RawPerson::read(fields)),
            "vacancies" => self.vacancies.push(RawVacancy::read(fields)),
            other => unreachable!("no record table `{other}`"),
        }
    }
}

/// Appends `more` after `records`; when `records` is empty, `more` is taken over as it is
/// (a table's records usually come from one place, often tens of megabytes of them).
fn join<T>(records: &mut Vec<T>, mut more: Vec<T>) {
    if records.is_empty() {
        *records = more;
    } else {
        records.append(&mut more);
    }
}

/// The records read from one place (inline tables or one CSV file) with the problems met,
/// kept apart so that places can be read in parallel and joined in the order they are named.
#[derive(Debug, Default)]
pub(crate) struct Part {
    pub(crate) records: RawRecords,
    pub(crate) problems: Problems,
}

impl Part {
    /// Appends `other`'s records and problems to `records` and `problems`.
    pub(crate) fn join_into(self, records: &mut RawRecords, problems: &mut Problems) {
        records.append(self.records);
        problems.append(self.problems);
    }
}

/// The value of a field, without its location, moved out.
pub(crate) fn take<T>(field: Option<Located<T>>) -> Option<T> {
    field.map(|located| located.value)
}

/// The value of a field, without its location.
pub(crate) fn value<T: Clone>(field: &Option<Located<T>>) -> Option<T> {
    field.as_ref().map(|located| located.value.clone())
}
