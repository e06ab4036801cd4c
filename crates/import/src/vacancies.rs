//! Vacancy rows into vacancies.
//!
//! This module owns reading an NHS Jobs-shaped vacancy extract through the `[vacancies]`
//! columns. A row is skipped on purpose when its organisation is outside the mapping's employers
//! (open data covers all England), its pay scale is outside Agenda for Change, its job type is
//! one `[codes.contract]` skips (bank), or its advert closed before the round date when the
//! mapping asks for that. Skipped rows are counted by reason and their codes listed. The
//! advertised order follows the published date, then the row order.

use std::collections::HashMap;

use chrono::NaiveDate;
use redeploy_model::{Band, ContractType, Vacancy};

use crate::codes::{Effect, RuleKey, RuleKeys};
use crate::extract::Extract;
use crate::mapping::VacancyColumns;
use crate::report::FileSummary;
use crate::rows::{Coded, Context, RowCheck, file_name};

type Column<'m> = Option<(usize, &'m str)>;

struct Columns<'m> {
    id: (usize, &'m str),
    organisation: (usize, &'m str),
    band: (usize, &'m str),
    staff_group: (usize, &'m str),
    postcode: Column<'m>,
    location: Column<'m>,
    title: Column<'m>,
    area_of_work: Column<'m>,
    working_pattern: Column<'m>,
    job_type: Column<'m>,
    posts: Column<'m>,
    published: Column<'m>,
    closed: Column<'m>,
}

impl<'m> Columns<'m> {
    fn find(extract: &mut Extract, map: &'m VacancyColumns) -> Option<Columns<'m>> {
        let mut need = |name: &'m String, field: &str| {
            extract
                .column(name, &format!("vacancies.{field}"))
                .map(|i| (i, name.as_str()))
        };
        let required = (
            need(&map.id, "id"),
            need(&map.organisation, "organisation"),
            need(&map.band, "band"),
            need(&map.staff_group, "staff_group"),
        );
        let mut missing = false;
        let mut optional = |name: &'m Option<String>, field: &str| {
            let name = name.as_ref()?;
            let found = extract
                .column(name, &format!("vacancies.{field}"))
                .map(|i| (i, name.as_str()));
            missing |= found.is_none();
            found
        };
        let columns = (
            optional(&map.postcode, "postcode"),
            optional(&map.location, "location"),
            optional(&map.title, "title"),
            optional(&map.area_of_work, "area_of_work"),
            optional(&map.working_pattern, "working_pattern"),
            optional(&map.job_type, "job_type"),
            optional(&map.posts, "posts"),
            optional(&map.published, "published"),
            optional(&map.closed, "closed"),
        );
        let (Some(id), Some(organisation), Some(band), Some(staff_group)) = required else {
            return None;
        };
        (!missing).then_some(Columns {
            id,
            organisation,
            band,
            staff_group,
            postcode: columns.0,
            location: columns.1,
            title: columns.2,
            area_of_work: columns.3,
            working_pattern: columns.4,
            job_type: columns.5,
            posts: columns.6,
            published: columns.7,
            closed: columns.8,
        })
    }
}

/// The vacancies read, with the source row of each (for load-back problems).
pub(crate) struct Vacancies {
    pub(crate) vacancies: Vec<Vacancy>,
    pub(crate) rows: Vec<(usize, usize)>,
}

enum Outcome {
    Vacancy(Box<Vacancy>, Option<NaiveDate>),
    Skipped(String),
}

/// Reads every row of the vacancy extract.
pub(crate) fn read(
    extract: &mut Extract,
    map: &VacancyColumns,
    context: &mut Context,
    summary: &mut FileSummary,
) -> Vacancies {
    let mut read = Vec::new();
    let Some(columns) = Columns::find(extract, map) else {
        for _ in &extract.rows {
            summary.fail("a mapped column is missing from the header");
        }
        return Vacancies {
            vacancies: Vec::new(),
            rows: Vec::new(),
        };
    };
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    for row in &extract.rows {
        let mut check = RowCheck::new(&extract.path, row);
        let outcome = vacancy(&mut check, &columns, map, context);
        if let Some(Outcome::Vacancy(vacancy, _)) = &outcome
            && let Some(first) = first_line.get(&vacancy.id)
        {
            let id = vacancy.id.clone();
            check.fail(
                columns.id.1,
                &id,
                format!(
                    "`{id}` is already the id of the row on line {first}, expected each id once"
                ),
                "a duplicate id",
            );
        }
        problems.append(&mut check.problems);
        match (check.reason, outcome) {
            (Some(reason), _) => summary.fail(&reason),
            (None, Some(Outcome::Skipped(reason))) => summary.skip(&reason),
            (None, Some(Outcome::Vacancy(vacancy, published))) => {
                first_line.insert(vacancy.id.clone(), row.line);
                read.push((published, row.record, row.line, *vacancy));
                summary.imported += 1;
            }
            (None, None) => summary.fail("a problem in the row"),
        }
    }
    extract.problems.append(&mut problems);
    // Earlier published first; undated adverts after the dated ones; then row order.
    let mut order: Vec<usize> = (0..read.len()).collect();
    order.sort_by_key(|&i| (read[i].0.is_none(), read[i].0, read[i].1));
    for (position, &i) in order.iter().enumerate() {
        read[i].3.advertised_order = u32::try_from(position + 1).unwrap_or(u32::MAX);
    }
    Vacancies {
        rows: read.iter().map(|r| (r.1, r.2)).collect(),
        vacancies: read.into_iter().map(|r| r.3).collect(),
    }
}

fn vacancy(
    check: &mut RowCheck<'_>,
    columns: &Columns<'_>,
    map: &VacancyColumns,
    context: &mut Context,
) -> Option<Outcome> {
    let row = check.row;
    let file = file_name(check.file());
    let id = check.required(columns.id)?.to_string();
    let organisation = check.required(columns.organisation)?;
    let Some(employer) = context.employer(organisation) else {
        context.tally.add(
            &file,
            columns.organisation.1,
            "[[employers]]",
            organisation,
            (row.record, row.line),
            Effect::Skipped,
        );
        return Some(Outcome::Skipped(
            "organisation not in [[employers]]".to_string(),
        ));
    };
    let contract = match columns.job_type {
        Some(column) if row.get(Some(column.0)).is_some() => {
            let text = row.get(Some(column.0)).unwrap_or("");
            match context.contract(text) {
                Coded::Value(contract) => Some(contract),
                Coded::Skip => {
                    return Some(Outcome::Skipped(format!(
                        "job type `{text}` skipped by [codes.contract]"
                    )));
                }
                Coded::Unknown => check.coded(context, column, "codes.contract", |_, _| None),
            }
        }
        _ => Some(ContractType::Permanent),
    };
    let closed = check.date(columns.closed);
    if map.skip_closed_before_round_date && closed.is_some_and(|d| d < context.round_date) {
        return Some(Outcome::Skipped(
            "advert closed before the round date".to_string(),
        ));
    }
    let band_text = check.required(columns.band)?;
    let band = match context.band(band_text) {
        Coded::Value(Band::B1) => {
            check.fail(
                columns.band.1,
                band_text,
                "band 1 has been closed to new entrants since December 2018, expected band 2 or above".into(),
                "a band 1 post",
            );
            None
        }
        Coded::Value(band) => Some(band),
        Coded::Skip => {
            return Some(Outcome::Skipped(
                "pay scale outside Agenda for Change".to_string(),
            ));
        }
        Coded::Unknown => {
            context.tally.add(
                &file,
                columns.band.1,
                "codes.band",
                band_text,
                (row.record, row.line),
                Effect::Skipped,
            );
            return Some(Outcome::Skipped(
                "pay scale outside Agenda for Change".to_string(),
            ));
        }
    };
    let staff_group = row.get(Some(columns.staff_group.0));
    let job_family = check.required(columns.staff_group).and_then(|_| {
        check.coded(context, columns.staff_group, "codes.job_family", |c, t| {
            c.job_family.get(t)
        })
    });
    let wte = match columns.working_pattern {
        Some(column) if row.get(Some(column.0)).is_some() => {
            check.coded(context, column, "codes.working_pattern", |c, text| {
                // A list such as "Full time, Flexible working" is read by its whole text,
                // then by its first item.
                c.working_pattern.get(text).or_else(|| {
                    let first = text.split(',').next().unwrap_or(text);
                    c.working_pattern.get(first)
                })
            })
        }
        _ => Some(1.0),
    };
    let posts = match columns.posts {
        Some((index, name)) => match row.get(Some(index)) {
            None => Some(1),
            Some(text) => match text.parse::<u32>() {
                Ok(posts) if posts >= 1 => Some(posts),
                _ => {
                    check.fail(
                        name,
                        text,
                        format!(
                            "`{text}` is not a number of posts, expected a whole number from 1"
                        ),
                        "a number of posts that does not read",
                    );
                    None
                }
            },
        },
        None => Some(1),
    };
    let published = check.date(columns.published);
    let site = check.site(context, columns.location, columns.postcode);
    let keys = RuleKeys {
        area_of_work: columns.area_of_work.and_then(|c| row.get(Some(c.0))),
        staff_group,
        ..RuleKeys::default()
    };
    let (derived, unknown) = context.rules.derive(keys);
    if unknown.contains(&RuleKey::AreaOfWork)
        && let (Some((_, name)), Some(code)) = (columns.area_of_work, keys.area_of_work)
    {
        context.tally.add(
            &file,
            name,
            "[[codes.rules]]",
            code,
            (row.record, row.line),
            Effect::ImportedWithout,
        );
    }
    if check.reason.is_some() {
        return None;
    }
    let (Some(band), Some(job_family), Some(wte), Some(posts), Some(site), Some(contract)) =
        (band, job_family, wte, posts, site, contract)
    else {
        return None;
    };
    let vacancy = Vacancy {
        id,
        title: columns
            .title
            .and_then(|c| row.get(Some(c.0)))
            .map(str::to_string),
        employer,
        site,
        band,
        wte,
        job_family,
        essential_skills: derived.skills,
        trainable_skills: Vec::new(),
        desirable_skills: Vec::new(),
        registration: derived.registrations.into_iter().next(),
        posts,
        contract,
        ring_fenced: true,
        advertised_order: 0,
        ranked_people: redeploy_model::Ranking::default(),
    };
    Some(Outcome::Vacancy(Box::new(vacancy), published))
}
