//! Staff rows into people at risk.
//!
//! This module owns reading an ESR-shaped staff extract through the `[staff]` columns: which
//! rows are at risk (a yes/no column, or the ids of a separate at-risk file), and each at-risk
//! row into a [`Person`]. Every problem of a row is recorded; a row with any problem fails and is
//! counted once. A name column is never mapped, so names are never read.

use std::collections::{HashMap, HashSet};

use redeploy_model::{ContractType, Equality, Person, Preferences};

use crate::cell::{age_band, parse_yes_no};
use crate::codes::{Effect, RuleKey, RuleKeys};
use crate::extract::{Extract, Row};
use crate::mapping::StaffColumns;
use crate::report::FileSummary;
use crate::rows::{Coded, Context, RowCheck, file_name};
use crate::staff_fields::{check_dates, pay, priority, wte};

/// Hours a week of one whole-time equivalent under Agenda for Change.
pub const HOURS_PER_WTE: f64 = 37.5;

/// The staff extract's columns, found in its header.
pub(crate) struct Columns<'m> {
    pub(crate) id: Option<(usize, &'m str)>,
    pub(crate) organisation: Option<(usize, &'m str)>,
    pub(crate) band: Option<(usize, &'m str)>,
    pub(crate) staff_group: Option<(usize, &'m str)>,
    pub(crate) nhs_service_start: Option<(usize, &'m str)>,
    pub(crate) date_of_birth: Option<(usize, &'m str)>,
    pub(crate) location: Option<(usize, &'m str)>,
    pub(crate) postcode: Option<(usize, &'m str)>,
    pub(crate) pay_point: Option<(usize, &'m str)>,
    pub(crate) salary: Option<(usize, &'m str)>,
    pub(crate) wte: Option<(usize, &'m str)>,
    pub(crate) contracted_hours: Option<(usize, &'m str)>,
    pub(crate) position_title: Option<(usize, &'m str)>,
    pub(crate) occupation_code: Option<(usize, &'m str)>,
    pub(crate) job_role: Option<(usize, &'m str)>,
    pub(crate) area_of_work: Option<(usize, &'m str)>,
    pub(crate) contract: Option<(usize, &'m str)>,
    pub(crate) pension: Option<(usize, &'m str)>,
    pub(crate) leave_status: Option<(usize, &'m str)>,
    pub(crate) leave_start: Option<(usize, &'m str)>,
    pub(crate) child_date: Option<(usize, &'m str)>,
    pub(crate) reasonable_adjustment: Option<(usize, &'m str)>,
    pub(crate) volunteered_vr: Option<(usize, &'m str)>,
    pub(crate) sex: Option<(usize, &'m str)>,
    pub(crate) ethnicity: Option<(usize, &'m str)>,
    pub(crate) disability: Option<(usize, &'m str)>,
    pub(crate) at_risk: Option<(usize, &'m str)>,
}

impl<'m> Columns<'m> {
    /// Finds every mapped column; `None` when a required one is missing (a header problem).
    fn find(extract: &mut Extract, map: &'m StaffColumns) -> Option<Columns<'m>> {
        let mut need = |name: &'m String, field: &str| {
            extract
                .column(name, &format!("staff.{field}"))
                .map(|i| (i, name.as_str()))
        };
        let required = (
            need(&map.id, "id"),
            need(&map.organisation, "organisation"),
            need(&map.band, "band"),
            need(&map.staff_group, "staff_group"),
            need(&map.nhs_service_start, "nhs_service_start"),
            need(&map.date_of_birth, "date_of_birth"),
        );
        let mut optional = |name: &'m Option<String>, field: &str| {
            name.as_ref().and_then(|name| {
                extract
                    .column(name, &format!("staff.{field}"))
                    .map(|i| (i, name.as_str()))
            })
        };
        let columns = Columns {
            id: required.0,
            organisation: required.1,
            band: required.2,
            staff_group: required.3,
            nhs_service_start: required.4,
            date_of_birth: required.5,
            location: optional(&map.location, "location"),
            postcode: optional(&map.postcode, "postcode"),
            pay_point: optional(&map.pay_point, "pay_point"),
            salary: optional(&map.salary, "salary"),
            wte: optional(&map.wte, "wte"),
            contracted_hours: optional(&map.contracted_hours, "contracted_hours"),
            position_title: optional(&map.position_title, "position_title"),
            occupation_code: optional(&map.occupation_code, "occupation_code"),
            job_role: optional(&map.job_role, "job_role"),
            area_of_work: optional(&map.area_of_work, "area_of_work"),
            contract: optional(&map.contract, "contract"),
            pension: optional(&map.pension, "pension"),
            leave_status: optional(&map.leave_status, "leave_status"),
            leave_start: optional(&map.leave_start, "leave_start"),
            child_date: optional(&map.child_date, "child_date"),
            reasonable_adjustment: optional(&map.reasonable_adjustment, "reasonable_adjustment"),
            volunteered_vr: optional(&map.volunteered_vr, "volunteered_vr"),
            sex: optional(&map.sex, "sex"),
            ethnicity: optional(&map.ethnicity, "ethnicity"),
            disability: optional(&map.disability, "disability"),
            at_risk: optional(&map.at_risk, "at_risk"),
        };
        let mapped_but_missing = [
            (&map.location, columns.location),
            (&map.postcode, columns.postcode),
            (&map.pay_point, columns.pay_point),
            (&map.salary, columns.salary),
            (&map.wte, columns.wte),
            (&map.contracted_hours, columns.contracted_hours),
            (&map.at_risk, columns.at_risk),
        ]
        .iter()
        .any(|(name, found)| name.is_some() && found.is_none());
        let complete = columns.id.is_some()
            && columns.organisation.is_some()
            && columns.band.is_some()
            && columns.staff_group.is_some()
            && columns.nhs_service_start.is_some()
            && columns.date_of_birth.is_some();
        (complete && !mapped_but_missing).then_some(columns)
    }
}

/// Who is at risk: the ids of an at-risk file (with the line each is on), or the column.
pub(crate) enum AtRisk {
    /// Ids listed in a separate file.
    Listed(HashSet<String>),
    /// The `[staff] at_risk` column.
    Column,
}

/// The people of the staff extract, the ids of the people found, and the source row of each
/// person (for load-back problems).
pub(crate) struct People {
    pub(crate) people: Vec<Person>,
    pub(crate) rows: Vec<(usize, usize)>,
    pub(crate) found: Vec<String>,
}

/// Reads every row of the staff extract.
pub(crate) fn read(
    extract: &mut Extract,
    map: &StaffColumns,
    at_risk: &AtRisk,
    context: &mut Context,
    summary: &mut FileSummary,
) -> People {
    let mut people = People {
        people: Vec::new(),
        rows: Vec::new(),
        found: Vec::new(),
    };
    let Some(columns) = Columns::find(extract, map) else {
        for _ in &extract.rows {
            summary.fail("a mapped column is missing from the header");
        }
        return people;
    };
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    for row in &extract.rows {
        let mut check = RowCheck::new(&extract.path, row);
        let person = person(&mut check, &columns, at_risk, context, &mut people.found);
        if let Some(id) = person.as_ref().and_then(Outcome::id)
            && let Some(first) = first_line.get(id)
        {
            let id = id.to_string();
            check.fail(
                columns.id.map_or("", |c| c.1),
                &id,
                format!(
                    "`{id}` is already the id of the row on line {first}, expected each id once"
                ),
                "a duplicate id",
            );
        }
        problems.append(&mut check.problems);
        match (check.reason, person) {
            (Some(reason), _) => summary.fail(&reason),
            (None, Some(Outcome::Skipped(reason))) => summary.skip(reason),
            (None, Some(Outcome::Person(person))) => {
                first_line.insert(person.id.clone(), row.line);
                people.rows.push((row.record, row.line));
                people.people.push(*person);
                summary.imported += 1;
            }
            (None, None) => summary.fail("a problem in the row"),
        }
    }
    extract.problems.append(&mut problems);
    people
}

enum Outcome {
    Person(Box<Person>),
    Skipped(&'static str),
}

impl Outcome {
    fn id(&self) -> Option<&str> {
        match self {
            Outcome::Person(person) => Some(&person.id),
            Outcome::Skipped(_) => None,
        }
    }
}

/// One staff row: skipped when not at risk, else a person or problems.
fn person(
    check: &mut RowCheck<'_>,
    columns: &Columns<'_>,
    at_risk: &AtRisk,
    context: &mut Context,
    found: &mut Vec<String>,
) -> Option<Outcome> {
    let row: &Row = check.row;
    let id_column = columns.id?;
    let id = check.required(id_column)?.to_string();
    match at_risk {
        AtRisk::Listed(ids) => {
            if !ids.contains(&id) {
                return Some(Outcome::Skipped("not at risk"));
            }
            found.push(id.clone());
        }
        AtRisk::Column => {
            let (column, name) = columns.at_risk?;
            match row.get(Some(column)).map(|text| (text, parse_yes_no(text))) {
                None | Some((_, Some(false))) => return Some(Outcome::Skipped("not at risk")),
                Some((_, Some(true))) => {}
                Some((text, None)) => {
                    check.fail(
                        name,
                        text,
                        format!(
                            "`{text}` is not yes or no, expected yes/no, y/n, true/false or 1/0"
                        ),
                        "an at-risk flag that is not yes or no",
                    );
                    return None;
                }
            }
        }
    }
    let organisation = columns.organisation.and_then(|c| check.required(c));
    let employer = organisation.and_then(|organisation| {
        let employer = context.employer(organisation);
        if employer.is_none() {
            let (_, name) = columns.organisation.unwrap_or((0, ""));
            context.tally.add(
                &file_name(check.file()),
                name,
                "[[employers]]",
                organisation,
                (row.record, row.line),
                Effect::Failed,
            );
            check.fail_quietly("an organisation not in [[employers]]");
        }
        employer
    });
    let band = columns.band.and_then(|column| {
        check.required(column)?;
        match check.coded(context, column, "codes.band", |c, text| match c.band(text) {
            Coded::Value(band) => Some(Some(band)),
            Coded::Skip => Some(None),
            Coded::Unknown => None,
        })? {
            Some(band) => Some(band),
            None => {
                let text = row.get(Some(column.0)).unwrap_or("");
                check.fail(
                    column.1,
                    text,
                    format!("`{text}` is outside Agenda for Change (`skip` in [codes.band]), expected an at-risk person on an AfC band"),
                    "a person outside Agenda for Change",
                );
                None
            }
        }
    });
    let staff_group = columns.staff_group.and_then(|c| row.get(Some(c.0)));
    let job_family = columns.staff_group.and_then(|column| {
        check.required(column)?;
        check.coded(context, column, "codes.job_family", |c, text| {
            c.job_family.get(text)
        })
    });
    let date_of_birth = columns.date_of_birth.and_then(|column| {
        check.required(column)?;
        check.date(Some(column))
    });
    let nhs_service_start = columns.nhs_service_start.and_then(|column| {
        check.required(column)?;
        check.date(Some(column))
    });
    check_dates(check, columns, context, date_of_birth, nhs_service_start);
    let pay = band.and_then(|band| pay(check, columns, context, band));
    let wte = wte(check, columns);
    let site = check.site(context, columns.location, columns.postcode);
    let contract = match columns.contract {
        Some(column) if row.get(Some(column.0)).is_some() => {
            check.coded(context, column, "codes.contract", |c, text| {
                match c.contract(text) {
                    Coded::Value(contract) => Some(contract),
                    _ => None,
                }
            })
        }
        _ => Some(ContractType::Permanent),
    };
    let pension_member = match columns.pension {
        Some(column) if row.get(Some(column.0)).is_some() => {
            check.coded(context, column, "codes.pension", |c, text| {
                c.pension.get(text)
            })
        }
        _ => Some(true),
    };
    let priority = priority(check, columns, context);
    let flag = |check: &mut RowCheck<'_>, column: Option<(usize, &str)>| {
        let (index, name) = column?;
        let text = row.get(Some(index))?;
        let value = parse_yes_no(text);
        if value.is_none() {
            check.fail(
                name,
                text,
                format!("`{text}` is not yes or no, expected yes/no, y/n, true/false or 1/0"),
                "a yes/no cell that is neither",
            );
        }
        value
    };
    let reasonable_adjustment = flag(check, columns.reasonable_adjustment).unwrap_or(false);
    let volunteered_vr = flag(check, columns.volunteered_vr).unwrap_or(false);
    let keys = RuleKeys {
        occupation_code: columns.occupation_code.and_then(|c| row.get(Some(c.0))),
        job_role: columns.job_role.and_then(|c| row.get(Some(c.0))),
        area_of_work: columns.area_of_work.and_then(|c| row.get(Some(c.0))),
        staff_group,
    };
    let (derived, unknown) = context.rules.derive(keys);
    for key in unknown {
        let (column, code) = match key {
            RuleKey::OccupationCode => (columns.occupation_code, keys.occupation_code),
            RuleKey::JobRole => (columns.job_role, keys.job_role),
            RuleKey::AreaOfWork => (columns.area_of_work, keys.area_of_work),
        };
        if let (Some((_, name)), Some(code)) = (column, code) {
            context.tally.add(
                &file_name(check.file()),
                name,
                "[[codes.rules]]",
                code,
                (row.record, row.line),
                Effect::ImportedWithout,
            );
        }
    }
    let text =
        |column: Option<(usize, &str)>| column.and_then(|c| row.get(Some(c.0))).map(str::to_string);
    if check.reason.is_some() {
        return None;
    }
    let (
        Some(employer),
        Some(band),
        Some(job_family),
        Some(date_of_birth),
        Some(nhs_service_start),
        Some((pay_point, salary)),
        Some(wte),
        Some(site),
        Some(contract),
        Some(pension_member),
        Some(priority),
    ) = (
        employer,
        band,
        job_family,
        date_of_birth,
        nhs_service_start,
        pay,
        wte,
        site,
        contract,
        pension_member,
        priority,
    )
    else {
        return None;
    };
    let outcome = Outcome::Person(Box::new(Person {
        id,
        name: None,
        employer,
        site,
        band,
        pay_point,
        salary,
        wte,
        job_family,
        role: text(columns.position_title),
        skills: derived.skills,
        registrations: derived.registrations,
        contract,
        nhs_service_start,
        date_of_birth,
        priority,
        reasonable_adjustment,
        pension_member,
        volunteered_vr,
        commute_minutes: None,
        equality: Equality {
            sex: text(columns.sex),
            ethnicity: text(columns.ethnicity),
            disability: text(columns.disability),
            age_band: age_band(date_of_birth, context.round_date).map(str::to_string),
        },
        preferences: Preferences::default(),
    }));
    Some(outcome)
}
