//! Putting an import together: the mapping, the extracts and the lookup into one scenario.
//!
//! This module owns [`build`]: it reads every input, reads each row against the mapping,
//! collects every problem and unknown code into the [`ImportReport`], and assembles the
//! [`Scenario`] from the rows that passed. It writes nothing; [`crate::write`] does.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use redeploy_model::{
    Diagnostic, Employer, EmployerKind, Footprint, Policy, Position, Region, Scenario, Skill,
    load_pay_scale, load_policy,
};

use crate::cell::parse_date;
use crate::codes::Effect;
use crate::error::ImportError;
use crate::extract::Extract;
use crate::mapping::Mapping;
use crate::mapping_file::{load_mapping, problem};
use crate::places::Places;
use crate::report::{FileSummary, ImportReport};
use crate::rows::Context;
use crate::staff::{self, AtRisk};
use crate::vacancies;

/// The files an import reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    /// The staff extract (CSV).
    pub staff: PathBuf,
    /// The vacancy extract (CSV).
    pub vacancies: PathBuf,
    /// The column mapping (TOML).
    pub mapping: PathBuf,
    /// The postcode lookup (CSV).
    pub postcodes: PathBuf,
    /// A list of the people at risk (CSV, ids in the first column), instead of the mapping's
    /// `[staff] at_risk` column.
    pub at_risk: Option<PathBuf>,
}

impl Sources {
    /// Every input file, for the check that outputs never replace one.
    pub fn files(&self) -> Vec<&Path> {
        let mut files = vec![
            self.staff.as_path(),
            self.vacancies.as_path(),
            self.mapping.as_path(),
            self.postcodes.as_path(),
        ];
        files.extend(self.at_risk.as_deref());
        files
    }
}

/// A scenario built from extracts, not yet written.
#[derive(Debug, Clone)]
pub struct Built {
    /// The scenario of every row that passed.
    pub scenario: Scenario,
    /// What was read, made, skipped and found wrong.
    pub report: ImportReport,
    pub(crate) sources: Sources,
    /// Source (record, line) of each person, in scenario order.
    pub(crate) person_rows: Vec<(usize, usize)>,
    /// Source (record, line) of each vacancy, in scenario order.
    pub(crate) vacancy_rows: Vec<(usize, usize)>,
}

/// Reads every input and builds the scenario and the report.
///
/// Problems in the extracts do not stop the build: they are all in `report.problems`, and the
/// rows they are in are left out of the scenario.
///
/// ```
/// use std::path::Path;
/// use redeploy_import::{Sources, build};
///
/// let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/import/sample"));
/// let built = build(&Sources {
///     staff: sample.join("esr-staff-in-post.csv"),
///     vacancies: sample.join("nhs-jobs-vacancies.csv"),
///     mapping: sample.join("mapping.toml"),
///     postcodes: sample.join("postcodes.csv"),
///     at_risk: Some(sample.join("at-risk.csv")),
/// })
/// .unwrap();
/// assert!(built.scenario.people.len() > 100);
/// assert!(built.report.staff.columns_ignored.iter().any(|c| c == "Full Name"));
/// assert!(built.scenario.people.iter().all(|p| p.name.is_none()));
/// ```
///
/// # Errors
///
/// [`ImportError::Io`] when an input cannot be read, [`ImportError::Mapping`] when the mapping
/// is not valid, [`ImportError::Scenario`] when its pay scale or policy is not.
pub fn build(sources: &Sources) -> Result<Built, ImportError> {
    let mapping = load_mapping(&sources.mapping)?;
    let round_date = parse_date(&mapping.scenario.round_date).map_err(|expected| {
        ImportError::Mapping(vec![problem(
            &mapping.path,
            Position::File,
            Some("scenario.round_date"),
            format!(
                "`{}` is not a date, expected {expected}",
                mapping.scenario.round_date
            ),
        )])
    })?;
    let pay_scale =
        load_pay_scale(&mapping.relative(&mapping.scenario.pay_scale)).map_err(model_error)?;
    let policy = match &mapping.scenario.policy {
        Some(path) => load_policy(&mapping.relative(path)).map_err(model_error)?,
        None => Policy::default(),
    };
    let at_risk_list = match &sources.at_risk {
        Some(path) => Some(read_at_risk(path)?),
        None if mapping.staff.at_risk.is_some() => None,
        None => {
            return Err(ImportError::Mapping(vec![problem(
                &mapping.path,
                Position::File,
                Some("staff.at_risk"),
                "no at-risk list: expected an at-risk file, or the column of the at-risk flag as `at_risk` in [staff]".to_string(),
            )]));
        }
    };
    let mut lookup_problems = Vec::new();
    let places = Places::load(&mapping, &sources.postcodes, &mut lookup_problems)?;
    let postcode_rows = places.lookup_rows;
    let at_risk = match &at_risk_list {
        Some((ids, _)) => AtRisk::Listed(ids.keys().cloned().collect()),
        None => AtRisk::Column,
    };
    // The two extracts are read on their own threads, each against its own context (the
    // postcode lookup is shared); their sites and unknown codes are merged after.
    let context = || Context::new(&mapping, round_date, pay_scale.clone(), places.clone());
    let (staff_side, vacancy_side) = rayon::join(
        || -> Result<_, ImportError> {
            let mut extract = Extract::read(&sources.staff)?;
            let mut context = context();
            let mut summary = summary(&sources.staff);
            let people = staff::read(
                &mut extract,
                &mapping.staff,
                &at_risk,
                &mut context,
                &mut summary,
            );
            finish_summary(&mut summary, &extract);
            Ok((extract.problems, context, people, summary))
        },
        || -> Result<_, ImportError> {
            let mut extract = Extract::read(&sources.vacancies)?;
            let mut context = context();
            let mut summary = summary(&sources.vacancies);
            let posts =
                vacancies::read(&mut extract, &mapping.vacancies, &mut context, &mut summary);
            finish_summary(&mut summary, &extract);
            Ok((extract.problems, context, posts, summary))
        },
    );
    let (staff_problems, staff_context, people, staff_summary) = staff_side?;
    let (vacancy_problems, vacancy_context, posts, vacancy_summary) = vacancy_side?;
    let mut report = ImportReport {
        staff: staff_summary,
        vacancies: vacancy_summary,
        postcode_rows,
        ..ImportReport::default()
    };

    let mut problems = Vec::new();
    let mut sorted = |mut list: Vec<Diagnostic>| {
        list.sort_by_key(|d| d.position);
        problems.append(&mut list);
    };
    sorted(staff_problems);
    sorted(vacancy_problems);
    sorted(lookup_problems);
    if let Some((ids, mut list_problems)) = at_risk_list {
        let found: BTreeSet<&str> = people.found.iter().map(String::as_str).collect();
        let mut missing: Vec<(&String, &(usize, usize))> = ids
            .iter()
            .filter(|(id, _)| !found.contains(id.as_str()))
            .collect();
        missing.sort_by_key(|(_, at)| **at);
        for (id, &(record, line)) in missing {
            list_problems.push(Diagnostic {
                file: sources.at_risk.clone().unwrap_or_default(),
                position: Position::Record { record, line },
                field: None,
                found: Some(id.clone()),
                message: format!(
                    "`{id}` is not in the staff extract `{}`, expected the id of a person in it",
                    sources.staff.display()
                ),
                help: None,
                knock_on: false,
            });
        }
        report.at_risk_listed = Some(ids.len());
        sorted(list_problems);
    }
    let Context {
        mut places,
        mut tally,
        ..
    } = staff_context;
    places.merge(vacancy_context.places);
    tally.merge(vacancy_context.tally);
    let unknown_codes = tally.finish();
    for code in unknown_codes.iter().filter(|c| c.effect == Effect::Failed) {
        let file = if code.file == report.staff.file_name() {
            &sources.staff
        } else {
            &sources.vacancies
        };
        problems.push(Diagnostic {
            file: file.clone(),
            position: Position::Record {
                record: code.first_record,
                line: code.first_line,
            },
            field: Some(code.column.clone()),
            found: Some(code.code.clone()),
            message: format!(
                "`{}` is not in {} of the mapping ({} row{} from this line fail), expected a code the table lists",
                code.code,
                code.table,
                code.count,
                if code.count == 1 { "" } else { "s" }
            ),
            help: None,
            knock_on: false,
        });
    }
    report.unknown_codes = unknown_codes;
    report.problems = problems;

    let sites = places.into_sites();
    let skills: BTreeSet<&String> = people
        .people
        .iter()
        .flat_map(|p| &p.skills)
        .chain(posts.vacancies.iter().flat_map(|v| &v.essential_skills))
        .collect();
    let skills: Vec<Skill> = skills
        .into_iter()
        .map(|id| Skill {
            id: id.clone(),
            name: id.clone(),
        })
        .collect();
    report.sites = sites.len();
    report.skills = skills.len();
    let scenario = Scenario {
        name: mapping.scenario.name.clone(),
        round_date,
        seed: mapping.scenario.seed,
        pay_scale,
        policy,
        regions: regions(&mapping),
        footprints: footprints(&mapping),
        employers: employers(&mapping),
        sites,
        travel_times: Vec::new(),
        skills,
        people: people.people,
        vacancies: posts.vacancies,
    };
    Ok(Built {
        scenario,
        report,
        sources: sources.clone(),
        person_rows: people.rows,
        vacancy_rows: posts.rows,
    })
}

impl FileSummary {
    pub(crate) fn file_name(&self) -> String {
        crate::rows::file_name(Path::new(&self.file))
    }
}

fn summary(path: &Path) -> FileSummary {
    FileSummary {
        file: path.display().to_string(),
        ..FileSummary::default()
    }
}

fn finish_summary(summary: &mut FileSummary, extract: &Extract) {
    summary.rows = extract.rows.len() + extract.blank_rows + extract.unreadable_rows;
    for _ in 0..extract.blank_rows {
        summary.skip("blank rows");
    }
    for _ in 0..extract.unreadable_rows {
        summary.fail("rows that do not read");
    }
    let (read, ignored) = extract.columns();
    summary.columns_read = read;
    summary.columns_ignored = ignored;
}

/// The ids of an at-risk file with the (record, line) each is on, and the file's problems.
type AtRiskList = (HashMap<String, (usize, usize)>, Vec<Diagnostic>);

/// The ids of an at-risk file (first column, after a header) with their lines, and its
/// problems.
fn read_at_risk(path: &Path) -> Result<AtRiskList, ImportError> {
    let extract = Extract::read(path)?;
    let mut ids = HashMap::new();
    for row in &extract.rows {
        if let Some(id) = row.get(Some(0)) {
            ids.entry(id.to_string()).or_insert((row.record, row.line));
        }
    }
    Ok((ids, extract.problems))
}

fn model_error(err: redeploy_model::Error) -> ImportError {
    match err {
        redeploy_model::Error::Io { path, source } => ImportError::Io { path, source },
        other => ImportError::Scenario(other.diagnostics().to_vec()),
    }
}

fn regions(mapping: &Mapping) -> Vec<Region> {
    mapping
        .regions
        .iter()
        .map(|r| Region {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
        })
        .collect()
}

fn footprints(mapping: &Mapping) -> Vec<Footprint> {
    mapping
        .footprints
        .iter()
        .map(|f| Footprint {
            id: f.id.clone(),
            name: f.name.clone().unwrap_or_else(|| f.id.clone()),
            region: f.region.clone(),
        })
        .collect()
}

fn employers(mapping: &Mapping) -> Vec<Employer> {
    mapping
        .employers
        .iter()
        .map(|e| Employer {
            id: e.id.clone(),
            name: e.name.clone().unwrap_or_else(|| e.id.clone()),
            kind: EmployerKind::ALL
                .into_iter()
                .find(|kind| kind.as_str() == e.kind)
                .unwrap_or(EmployerKind::Other),
            footprint: e.footprint.clone(),
            associated_with: e.associated_with.clone(),
        })
        .collect()
}
