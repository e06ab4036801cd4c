//! The staff fields that take more than one cell or a check against the round: age and
//! service dates, pay against the pay scale, hours, and statutory priority from leave.
//!
//! This module owns those readers for [`crate::staff`]; each records its problems on the row.

use redeploy_model::{Band, PriorityKind, StatutoryPriority};

use crate::cell::parse_number;
use crate::mapping_file::priority_kind;
use crate::rows::{Context, RowCheck};
use crate::staff::{Columns, HOURS_PER_WTE};

/// Age and service dates the model would refuse, reported here against the extract row.
pub(crate) fn check_dates(
    check: &mut RowCheck<'_>,
    columns: &Columns<'_>,
    context: &Context,
    date_of_birth: Option<chrono::NaiveDate>,
    nhs_service_start: Option<chrono::NaiveDate>,
) {
    let on = context.round_date;
    if let (Some(born), Some((_, name))) = (date_of_birth, columns.date_of_birth) {
        let age = on.years_since(born);
        if !age.is_some_and(|age| (16..=100).contains(&age)) {
            check.fail(
                name,
                &born.to_string(),
                format!("`{born}` makes the person {} on the round date {on}, expected an age from 16 to 100", age.map_or("not yet born".to_string(), |a| format!("{a}"))),
                "a date of birth out of range",
            );
        }
    }
    if let (Some(start), Some((_, name))) = (nhs_service_start, columns.nhs_service_start) {
        if start > on {
            check.fail(
                name,
                &start.to_string(),
                format!("`{start}` is after the round date {on}, expected a start of service on or before it"),
                "a service start after the round date",
            );
        } else if let Some(sixteen) =
            date_of_birth.and_then(|born| born.checked_add_months(chrono::Months::new(16 * 12)))
            && start < sixteen
        {
            check.fail(
                name,
                &start.to_string(),
                format!("`{start}` is before the person's 16th birthday ({sixteen}), expected a later start of service"),
                "a service start before the 16th birthday",
            );
        }
    }
}

/// Pay point and salary: a pay point on the scale, or a full-time salary inside the band.
pub(crate) fn pay(
    check: &mut RowCheck<'_>,
    columns: &Columns<'_>,
    context: &Context,
    band: Band,
) -> Option<(Option<u8>, u32)> {
    let row = check.row;
    let scale = &context.pay_scale;
    if let Some((index, name)) = columns.pay_point
        && let Some(text) = row.get(Some(index))
    {
        let points = scale.points(band).len();
        let point = text.parse::<u8>().ok().filter(|p| *p >= 1);
        return match point.and_then(|p| scale.salary_at(band, p).map(|s| (p, s))) {
            Some((point, salary)) => Some((Some(point), salary)),
            None => {
                check.fail(
                    name,
                    text,
                    format!(
                        "`{text}` is not a pay point of band {band} on {}, expected 1 to {points}",
                        scale.name
                    ),
                    "a pay point not on the scale",
                );
                None
            }
        };
    }
    let Some((index, name)) = columns.salary else {
        let column = columns.pay_point.map_or("pay_point", |c| c.1);
        check.fail(
            column,
            "",
            "the row has neither a pay point nor a salary, expected one".to_string(),
            "no pay point or salary",
        );
        return None;
    };
    let text = row.get(Some(index)).unwrap_or("");
    let (low, high) = scale.range(band).unwrap_or((0, 0));
    match parse_number(text).filter(|s| *s >= 0.0 && *s <= f64::from(u32::MAX)) {
        Some(salary) if (f64::from(low)..=f64::from(high)).contains(&salary.round()) => {
            Some((None, salary.round() as u32))
        }
        Some(_) => {
            check.fail(
                name,
                text,
                format!("`{text}` is outside band {band} on {} (£{low} to £{high}), expected the full-time annual salary", scale.name),
                "a salary outside the band",
            );
            None
        }
        None => {
            check.fail(
                name,
                text,
                if text.is_empty() {
                    "the row has neither a pay point nor a salary, expected one".to_string()
                } else {
                    format!("`{text}` is not an amount, expected pounds a year (`31049`)")
                },
                "no pay point or salary",
            );
            None
        }
    }
}

/// Whole-time equivalent: the WTE cell, else contracted hours over 37.5.
pub(crate) fn wte(check: &mut RowCheck<'_>, columns: &Columns<'_>) -> Option<f64> {
    let row = check.row;
    let from_wte = columns
        .wte
        .and_then(|(i, name)| row.get(Some(i)).map(|t| (t, name, 1.0)));
    let from_hours = columns
        .contracted_hours
        .and_then(|(i, name)| row.get(Some(i)).map(|t| (t, name, HOURS_PER_WTE)));
    let Some((text, name, divisor)) = from_wte.or(from_hours) else {
        let name = columns
            .wte
            .or(columns.contracted_hours)
            .map_or("wte", |c| c.1);
        check.fail(
            name,
            "",
            "the row has neither a whole-time equivalent nor contracted hours, expected one".into(),
            "no WTE or hours",
        );
        return None;
    };
    let wte = parse_number(text).map(|n| ((n / divisor) * 10_000.0).round() / 10_000.0);
    match wte {
        Some(wte) if wte > 0.0 && wte <= 1.5 => Some(wte),
        _ => {
            check.fail(
                name,
                text,
                format!("`{text}` is not a whole-time equivalent above 0 and at most 1.5 (56.25 hours a week)"),
                "a WTE out of range",
            );
            None
        }
    }
}

/// Statutory priority from the leave status and its dates.
pub(crate) fn priority(
    check: &mut RowCheck<'_>,
    columns: &Columns<'_>,
    context: &mut Context,
) -> Option<StatutoryPriority> {
    let row = check.row;
    let kind = match columns.leave_status {
        Some(column) if row.get(Some(column.0)).is_some() => {
            check.coded(context, column, "codes.leave", |c, text| {
                c.leave.get(text).and_then(|kind| priority_kind(&kind))
            })?
        }
        _ => PriorityKind::None,
    };
    let since = check.date(columns.leave_start);
    let child_date = check.date(columns.child_date);
    if kind == PriorityKind::None {
        return Some(StatutoryPriority::default());
    }
    let needs_child = matches!(
        kind,
        PriorityKind::Maternity | PriorityKind::Adoption | PriorityKind::SharedParental
    );
    if needs_child && child_date.is_none() {
        let name = columns.child_date.map_or("child_date", |c| c.1);
        check.fail(
            name,
            "",
            format!("the leave status means {} priority, which needs the child's date of birth or placement; expected a date", kind.as_str()),
            "a priority without the child's date",
        );
        return None;
    }
    Some(StatutoryPriority {
        kind,
        since,
        child_date,
    })
}
