//! Writing a scenario back out as TOML.
//!
//! This module owns [`write_scenario_toml`]: a [`Scenario`] as one self-contained TOML document,
//! with the pay scale and the policy inline and every record as a `[[table]]`, in the format
//! [`crate::load_scenario`] reads. Reading the text back gives the same scenario. Synthetic
//! generators and tests use it to produce scenario files. The record writers write through
//! [`RecordSink`], so the CSV writer (`write_csv`) shares them.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use toml::Value;
use toml::value::{Date, Datetime};

use crate::{
    Band, ContractType, Employer, Footprint, Person, PriorityKind, Region, Scenario, Site, Skill,
    TravelTime, Vacancy,
};

/// Writes a scenario as a self-contained TOML document (pay scale and policy inline).
///
/// ```
/// use std::path::Path;
/// use redeploy_model::{parse_scenario, write_scenario_toml};
///
/// let text = include_str!("../tests/data/tiny.toml");
/// let scenario = parse_scenario(text, Path::new("tiny.toml")).unwrap();
/// let written = write_scenario_toml(&scenario);
/// assert_eq!(parse_scenario(&written, Path::new("written.toml")).unwrap(), scenario);
/// ```
pub fn write_scenario_toml(scenario: &Scenario) -> String {
    let mut out = Out::default();
    write_header(&mut out, scenario);
    write_pay_scale(&mut out, scenario);
    write_policy(&mut out, scenario);
    for region in &scenario.regions {
        write_region(&mut out, region);
    }
    for footprint in &scenario.footprints {
        write_footprint(&mut out, footprint);
    }
    for employer in &scenario.employers {
        write_employer(&mut out, employer);
    }
    for site in &scenario.sites {
        write_site(&mut out, site);
    }
    for travel in &scenario.travel_times {
        write_travel_time(&mut out, travel);
    }
    for skill in &scenario.skills {
        write_skill(&mut out, skill);
    }
    for person in &scenario.people {
        write_person(&mut out, person);
    }
    for vacancy in &scenario.vacancies {
        write_vacancy(&mut out, vacancy);
    }
    out.text
}

/// The scenario's own top-level fields: name, round date and seed.
pub(crate) fn write_header(out: &mut Out, scenario: &Scenario) {
    out.field("name", text(&scenario.name));
    out.field("round_date", date(scenario.round_date));
    out.field("seed", seed(scenario.seed));
}

pub(crate) fn write_region(out: &mut impl RecordSink, region: &Region) {
    out.table("regions");
    out.field("id", text(&region.id));
    out.field("name", text(&region.name));
}

pub(crate) fn write_footprint(out: &mut impl RecordSink, footprint: &Footprint) {
    out.table("footprints");
    out.field("id", text(&footprint.id));
    out.field("name", text(&footprint.name));
    out.field("region", text(&footprint.region));
}

pub(crate) fn write_employer(out: &mut impl RecordSink, employer: &Employer) {
    out.table("employers");
    out.field("id", text(&employer.id));
    out.field("name", text(&employer.name));
    out.field("kind", text(employer.kind.as_str()));
    out.field("footprint", text(&employer.footprint));
    if !employer.associated_with.is_empty() {
        out.field("associated_with", list(&employer.associated_with));
    }
}

pub(crate) fn write_site(out: &mut impl RecordSink, site: &Site) {
    out.table("sites");
    out.field("id", text(&site.id));
    out.field("name", text(&site.name));
    out.field("latitude", Value::Float(site.latitude));
    out.field("longitude", Value::Float(site.longitude));
}

pub(crate) fn write_travel_time(out: &mut impl RecordSink, travel: &TravelTime) {
    out.table("travel_times");
    out.field("from", text(&travel.from));
    out.field("to", text(&travel.to));
    out.field("minutes", Value::Integer(travel.minutes.into()));
}

pub(crate) fn write_skill(out: &mut impl RecordSink, skill: &Skill) {
    out.table("skills");
    out.field("id", text(&skill.id));
    out.field("name", text(&skill.name));
}

pub(crate) fn write_pay_scale(out: &mut Out, scenario: &Scenario) {
    let scale = &scenario.pay_scale;
    out.section("pay_scale");
    out.field("name", text(&scale.name));
    out.field("year", text(&scale.year));
    out.field("source", text(&scale.source));
    out.section("pay_scale.points");
    for band in Band::ALL {
        let points = scale
            .points(band)
            .iter()
            .map(|&p| Value::Integer(p.into()))
            .collect();
        out.field(band.as_str(), Value::Array(points));
    }
}

/// The policy through its own serde derive, nested under `policy`.
pub(crate) fn write_policy(out: &mut Out, scenario: &Scenario) {
    #[derive(Serialize)]
    struct Wrapper<'a> {
        policy: &'a crate::Policy,
    }
    let wrapped = Wrapper {
        policy: &scenario.policy,
    };
    // A policy is plain data (strings, numbers, booleans, tables), which TOML always accepts.
    if let Ok(policy) = toml::to_string(&wrapped) {
        out.text.push('\n');
        out.text.push_str(&policy);
    }
}

pub(crate) fn write_person(out: &mut impl RecordSink, person: &Person) {
    out.table("people");
    out.field("id", text(&person.id));
    out.optional("name", person.name.as_deref().map(text));
    out.field("employer", text(&person.employer));
    out.field("site", text(&person.site));
    out.field("band", text(person.band.as_str()));
    match person.pay_point {
        Some(point) => out.field("pay_point", Value::Integer(point.into())),
        None => out.field("salary", Value::Integer(person.salary.into())),
    }
    out.field("wte", Value::Float(person.wte));
    out.field("job_family", text(&person.job_family));
    out.optional("role", person.role.as_deref().map(text));
    out.field("skills", list(&person.skills));
    out.field("registrations", list(&person.registrations));
    out.field("contract", contract(person.contract));
    out.field("nhs_service_start", date(person.nhs_service_start));
    out.field("date_of_birth", date(person.date_of_birth));
    let priority = &person.priority;
    if priority.kind != PriorityKind::None {
        out.field("priority", text(priority.kind.as_str()));
    }
    out.optional("priority_since", priority.since.map(date));
    out.optional("child_date", priority.child_date.map(date));
    out.field(
        "reasonable_adjustment",
        Value::Boolean(person.reasonable_adjustment),
    );
    out.field("pension_member", Value::Boolean(person.pension_member));
    out.field("volunteered_vr", Value::Boolean(person.volunteered_vr));
    out.optional("commute_minutes", person.commute_minutes.map(minutes));
    let equality = &person.equality;
    out.optional("sex", equality.sex.as_deref().map(text));
    out.optional("ethnicity", equality.ethnicity.as_deref().map(text));
    out.optional("disability", equality.disability.as_deref().map(text));
    out.optional("age_band", equality.age_band.as_deref().map(text));
    let preferences = &person.preferences;
    out.field(
        "ranked_vacancies",
        list(&preferences.ranked_vacancies.entries()),
    );
    out.optional(
        "max_travel_minutes",
        preferences.max_travel_minutes.map(minutes),
    );
}

pub(crate) fn write_vacancy(out: &mut impl RecordSink, vacancy: &Vacancy) {
    out.table("vacancies");
    out.field("id", text(&vacancy.id));
    out.optional("title", vacancy.title.as_deref().map(text));
    out.field("employer", text(&vacancy.employer));
    out.field("site", text(&vacancy.site));
    out.field("band", text(vacancy.band.as_str()));
    out.field("wte", Value::Float(vacancy.wte));
    out.field("job_family", text(&vacancy.job_family));
    out.field("essential_skills", list(&vacancy.essential_skills));
    let trainable = vacancy
        .trainable_skills
        .iter()
        .map(|t| text(&format!("{}:{}", t.skill, t.weeks)))
        .collect();
    out.field("trainable_skills", Value::Array(trainable));
    out.field("desirable_skills", list(&vacancy.desirable_skills));
    out.optional("registration", vacancy.registration.as_deref().map(text));
    out.field("posts", Value::Integer(vacancy.posts.into()));
    out.field("contract", contract(vacancy.contract));
    out.field("ring_fenced", Value::Boolean(vacancy.ring_fenced));
    out.field(
        "advertised_order",
        Value::Integer(vacancy.advertised_order.into()),
    );
    out.optional(
        "ranked_people",
        (!vacancy.ranked_people.is_empty()).then(|| list(&vacancy.ranked_people.entries())),
    );
}

/// Where the record writers put a record's fields: a TOML document ([`Out`]) or, in
/// `write_csv`, a CSV row.
pub(crate) trait RecordSink {
    /// Starts a record of the table `key` (`people`).
    fn table(&mut self, key: &str);

    /// Writes one field of the current record.
    fn field(&mut self, key: &str, value: Value);

    /// Writes a field when it has a value.
    fn optional(&mut self, key: &str, value: Option<Value>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }
}

/// The document being written.
#[derive(Default)]
pub(crate) struct Out {
    pub(crate) text: String,
}

impl Out {
    fn section(&mut self, key: &str) {
        let _ = write!(self.text, "\n[{key}]\n");
    }
}

impl RecordSink for Out {
    fn table(&mut self, key: &str) {
        let _ = write!(self.text, "\n[[{key}]]\n");
    }

    fn field(&mut self, key: &str, value: Value) {
        let _ = writeln!(self.text, "{key} = {value}");
    }
}

pub(crate) fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

fn list(values: &[String]) -> Value {
    Value::Array(values.iter().map(|v| text(v)).collect())
}

fn minutes(value: u32) -> Value {
    Value::Integer(value.into())
}

fn contract(value: ContractType) -> Value {
    text(value.as_str())
}

/// The seed as a TOML integer. A seed above `i64::MAX` (only a scenario built in code can hold
/// one: TOML and `redeploy generate` refuse them) cannot be one; it is written as its digits in
/// a string, which loading refuses with the field named, rather than as some other seed.
fn seed(value: u64) -> Value {
    i64::try_from(value).map_or_else(|_| Value::String(value.to_string()), Value::Integer)
}

/// The date as a TOML date. A year outside 0 to 9999 (only a scenario built in code can hold one:
/// dates are read with four-digit years) cannot be one; it is written as text, which loading
/// refuses with the field named, rather than as some other date.
fn date(value: NaiveDate) -> Value {
    match u16::try_from(value.year()) {
        Ok(year) if year <= 9999 => Value::Datetime(Datetime {
            date: Some(Date {
                year,
                // Months are 1 to 12 and days 1 to 31, so both fit a byte.
                month: value.month() as u8,
                day: value.day() as u8,
            }),
            time: None,
            offset: None,
        }),
        _ => Value::String(value.to_string()),
    }
}
