//! What the staff and vacancy rows share: the code lookups, the sites, the tally of unknown
//! codes, and one row's problems.
//!
//! This module owns [`Context`] (everything a row is read against) and [`RowCheck`] (the
//! problems of one row and the reason it failed, counted once however many problems it has).

use std::path::Path;

use chrono::NaiveDate;
use redeploy_model::{Band, ContractType, Diagnostic, PayScale};

use crate::cell::{code_key, parse_band, parse_date};
use crate::codes::{Effect, Rules, Table, Tally};
use crate::extract::Row;
use crate::mapping::Mapping;
use crate::places::Places;

/// Everything rows are read against.
pub(crate) struct Context {
    pub(crate) round_date: NaiveDate,
    pub(crate) pay_scale: PayScale,
    employers: Table<String>,
    pub(crate) job_family: Table<String>,
    band: Table<String>,
    contract: Table<String>,
    pub(crate) working_pattern: Table<f64>,
    pub(crate) leave: Table<String>,
    pub(crate) pension: Table<bool>,
    pub(crate) rules: Rules,
    pub(crate) places: Places,
    pub(crate) tally: Tally,
}

/// A code read through a table.
pub(crate) enum Coded<T> {
    Value(T),
    /// The table says to skip rows with it.
    Skip,
    /// The table does not know it.
    Unknown,
}

impl Context {
    pub(crate) fn new(
        mapping: &Mapping,
        round_date: NaiveDate,
        pay_scale: PayScale,
        places: Places,
    ) -> Context {
        let mut employers = std::collections::BTreeMap::new();
        for employer in &mapping.employers {
            let names = [Some(&employer.id), employer.name.as_ref()]
                .into_iter()
                .flatten()
                .chain(&employer.names);
            for name in names {
                employers.insert(name.clone(), employer.id.clone());
            }
        }
        let codes = &mapping.codes;
        Context {
            round_date,
            pay_scale,
            employers: Table::new(&employers),
            job_family: Table::new(&codes.job_family),
            band: Table::new(&codes.band),
            contract: Table::new(&codes.contract),
            working_pattern: Table::new(&codes.working_pattern),
            leave: Table::new(&codes.leave),
            pension: Table::new(&codes.pension),
            rules: Rules::new(codes),
            places,
            tally: Tally::default(),
        }
    }

    /// The employer id an organisation name or code means.
    pub(crate) fn employer(&self, organisation: &str) -> Option<String> {
        self.employers.get(organisation)
    }

    /// A band: `[codes.band]` first, then the usual spellings.
    pub(crate) fn band(&self, text: &str) -> Coded<Band> {
        match self.band.get(text).as_deref() {
            Some("skip") => Coded::Skip,
            Some(band) => band.parse().map_or(Coded::Unknown, Coded::Value),
            None => parse_band(text).map_or(Coded::Unknown, Coded::Value),
        }
    }

    /// A contract through `[codes.contract]`, or the scenario's own names.
    pub(crate) fn contract(&self, text: &str) -> Coded<ContractType> {
        let value = self.contract.get(text).unwrap_or_else(|| code_key(text));
        match value.as_str() {
            "permanent" => Coded::Value(ContractType::Permanent),
            "fixed-term" => Coded::Value(ContractType::FixedTerm),
            "skip" => Coded::Skip,
            _ => Coded::Unknown,
        }
    }
}

/// The problems of one row.
pub(crate) struct RowCheck<'r> {
    file: &'r Path,
    pub(crate) row: &'r Row,
    pub(crate) problems: Vec<Diagnostic>,
    /// Why the row failed (its first problem), when it did.
    pub(crate) reason: Option<String>,
}

impl<'r> RowCheck<'r> {
    pub(crate) fn new(file: &'r Path, row: &'r Row) -> RowCheck<'r> {
        RowCheck {
            file,
            row,
            problems: Vec::new(),
            reason: None,
        }
    }

    /// The extract the row is in.
    pub(crate) fn file(&self) -> &'r Path {
        self.file
    }

    /// Records a problem in `column`: what was found, what is wrong and expected, and the
    /// reason counted in the summary.
    pub(crate) fn fail(&mut self, column: &str, found: &str, message: String, reason: &str) {
        self.problems.push(Diagnostic {
            file: self.file.to_path_buf(),
            position: self.row.position(),
            field: Some(column.to_string()),
            found: Some(found.to_string()),
            message,
            help: None,
            knock_on: false,
        });
        self.fail_quietly(reason);
    }

    /// Marks the row failed without a problem of its own (an unknown code, listed once in the
    /// report with its count).
    pub(crate) fn fail_quietly(&mut self, reason: &str) {
        if self.reason.is_none() {
            self.reason = Some(reason.to_string());
        }
    }

    /// A required cell, or a problem.
    pub(crate) fn required(&mut self, column: (usize, &str)) -> Option<&'r str> {
        let cell = self.row.get(Some(column.0));
        if cell.is_none() {
            self.fail(
                column.1,
                "",
                "the cell is blank, expected a value".to_string(),
                &format!("blank `{}`", column.1),
            );
        }
        cell
    }

    /// A date cell (`None` when blank), or a problem.
    pub(crate) fn date(&mut self, column: Option<(usize, &str)>) -> Option<NaiveDate> {
        let (index, name) = column?;
        let text = self.row.get(Some(index))?;
        match parse_date(text) {
            Ok(date) => Some(date),
            Err(expected) => {
                self.fail(
                    name,
                    text,
                    format!("`{text}` is not a date, expected {expected}"),
                    "a date that does not read",
                );
                None
            }
        }
    }

    /// The site of the row from its work location or postcode column, or a problem naming the
    /// column at fault.
    pub(crate) fn site(
        &mut self,
        context: &mut Context,
        location: Option<(usize, &str)>,
        postcode: Option<(usize, &str)>,
    ) -> Option<String> {
        let at_location = location.and_then(|c| self.row.get(Some(c.0)));
        let at_postcode = postcode.and_then(|c| self.row.get(Some(c.0)));
        match context.places.resolve(at_location, at_postcode) {
            Ok(site) => Some(site),
            Err((kind, found, message)) => {
                let column = if kind == "location" {
                    location
                } else {
                    postcode.or(location)
                };
                self.fail(
                    column.map_or(kind, |c| c.1),
                    &found,
                    message,
                    "a site not found",
                );
                None
            }
        }
    }

    /// A code through a table, tallied when unknown (the row fails).
    pub(crate) fn coded<T>(
        &mut self,
        context: &mut Context,
        (column, name): (usize, &str),
        table: &str,
        read: impl FnOnce(&Context, &str) -> Option<T>,
    ) -> Option<T> {
        let text = self.row.get(Some(column))?;
        let value = read(context, text);
        if value.is_none() {
            context.tally.add(
                &file_name(self.file),
                name,
                table,
                text,
                (self.row.record, self.row.line),
                Effect::Failed,
            );
            self.fail_quietly(&format!("unknown code in `{name}`"));
        }
        value
    }
}

/// The file name of a path, for the report.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
