//! The column mapping file.
//!
//! This module owns [`Mapping`]: which column of each extract feeds each scenario field, the
//! organisations, footprints and regions of the scenario, and the code tables that turn an
//! extract's codes into scenario values ([`Codes`]). It reads the TOML, rejects unknown keys with
//! a "did you mean", and checks the code tables before any extract is read.
//!
//! The `staff`, `vacancies` and `codes` sections may each be written inline (`[staff]`) or as the
//! path of another file holding that section's keys (`staff = "../esr-staff.toml"`), relative to
//! the mapping file; `codes` may also be a list of such files, merged in order (the shipped
//! defaults, then a trust's own additions). The shipped presets in `configs/import/` are such files, so a trust copies
//! the short top file and points it at the presets, or copies a preset and edits it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use redeploy_model::{Band, Diagnostic, EmployerKind, Position, PriorityKind, did_you_mean};

use crate::error::ImportError;

/// A whole mapping: the scenario's frame, the two extracts' columns and the code tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The mapping file itself.
    pub path: PathBuf,
    /// Name, round date, pay scale and policy of the scenario.
    pub scenario: ScenarioFrame,
    /// NHS regions.
    pub regions: Vec<RegionEntry>,
    /// Footprints (integrated care systems).
    pub footprints: Vec<FootprintEntry>,
    /// Employers, with the spellings the extracts use for them.
    pub employers: Vec<EmployerEntry>,
    /// Sites given directly with coordinates, with the work-location names that mean them.
    pub sites: Vec<SiteEntry>,
    /// The columns of the postcode lookup file.
    pub postcodes: PostcodeColumns,
    /// The columns of the staff extract.
    pub staff: StaffColumns,
    /// The columns of the vacancy extract.
    pub vacancies: VacancyColumns,
    /// The code tables.
    pub codes: Codes,
}

/// The `[scenario]` section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFrame {
    /// Short name of the scenario.
    pub name: String,
    /// The day the round is run: a TOML date, or text ISO (`2025-10-01`) or day-first
    /// (`01/10/2025`).
    #[serde(deserialize_with = "date_text")]
    pub round_date: String,
    /// Seed written into the scenario.
    #[serde(default)]
    pub seed: u64,
    /// The pay-scale file, relative to the mapping file.
    pub pay_scale: PathBuf,
    /// The policy file, relative to the mapping file (the built-in default when left out).
    #[serde(default)]
    pub policy: Option<PathBuf>,
}

/// A TOML date or a string, as text.
fn date_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match toml::Value::deserialize(deserializer)? {
        toml::Value::String(text) => Ok(text),
        toml::Value::Datetime(date) => Ok(date.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "found a {}, expected a date",
            other.type_str()
        ))),
    }
}

/// One `[[regions]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    /// Unique id.
    pub id: String,
    /// Display name (the id when left out).
    #[serde(default)]
    pub name: Option<String>,
}

/// One `[[footprints]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FootprintEntry {
    /// Unique id.
    pub id: String,
    /// Display name (the id when left out).
    #[serde(default)]
    pub name: Option<String>,
    /// Id of its region.
    pub region: String,
}

/// One `[[employers]]` entry: a scenario employer and how the extracts name it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerEntry {
    /// Unique id (an ODS code works well).
    pub id: String,
    /// Display name (the id when left out).
    #[serde(default)]
    pub name: Option<String>,
    /// Kind of body (`acute`, `mental-health`, …).
    pub kind: String,
    /// Id of its footprint.
    pub footprint: String,
    /// Organisation names or codes the extracts use for it; the id and name always match.
    #[serde(default)]
    pub names: Vec<String>,
}

/// One `[[sites]]` entry: a work base given with coordinates.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteEntry {
    /// Unique id.
    pub id: String,
    /// Display name (the id when left out).
    #[serde(default)]
    pub name: Option<String>,
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east (negative is west).
    pub longitude: f64,
    /// Work-location names the extracts use for it; the id and name always match.
    #[serde(default)]
    pub names: Vec<String>,
}

/// The `[postcodes]` section: column names of the postcode lookup file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostcodeColumns {
    /// Column of the postcode or postcode district.
    #[serde(default = "default_postcode")]
    pub postcode: String,
    /// Column of the latitude.
    #[serde(default = "default_latitude")]
    pub latitude: String,
    /// Column of the longitude.
    #[serde(default = "default_longitude")]
    pub longitude: String,
}

impl Default for PostcodeColumns {
    fn default() -> Self {
        PostcodeColumns {
            postcode: default_postcode(),
            latitude: default_latitude(),
            longitude: default_longitude(),
        }
    }
}

fn default_postcode() -> String {
    "postcode".to_string()
}

fn default_latitude() -> String {
    "latitude".to_string()
}

fn default_longitude() -> String {
    "longitude".to_string()
}

/// The `[staff]` section: the staff extract column feeding each person field.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffColumns {
    /// Person id (ESR assignment number).
    pub id: String,
    /// Organisation, matched against `[[employers]]`.
    pub organisation: String,
    /// Agenda for Change band.
    pub band: String,
    /// Staff group, translated by `[codes.job_family]`.
    pub staff_group: String,
    /// NHS continuous service start date.
    pub nhs_service_start: String,
    /// Date of birth.
    pub date_of_birth: String,
    /// Work location name, matched against `[[sites]]`.
    #[serde(default)]
    pub location: Option<String>,
    /// Work location postcode, looked up in the postcode file.
    #[serde(default)]
    pub postcode: Option<String>,
    /// Pay point in the band.
    #[serde(default)]
    pub pay_point: Option<String>,
    /// Annual full-time salary, when there is no pay point.
    #[serde(default)]
    pub salary: Option<String>,
    /// Whole-time equivalent.
    #[serde(default)]
    pub wte: Option<String>,
    /// Contracted hours a week, when the WTE is blank (37.5 hours = 1.0).
    #[serde(default)]
    pub contracted_hours: Option<String>,
    /// Position title (written as the person's role).
    #[serde(default)]
    pub position_title: Option<String>,
    /// Occupation code, keyed by `[[codes.rules]]`.
    #[serde(default)]
    pub occupation_code: Option<String>,
    /// Job role, keyed by `[[codes.rules]]`.
    #[serde(default)]
    pub job_role: Option<String>,
    /// Area of work, keyed by `[[codes.rules]]`.
    #[serde(default)]
    pub area_of_work: Option<String>,
    /// Contract (assignment category), translated by `[codes.contract]`.
    #[serde(default)]
    pub contract: Option<String>,
    /// Pension scheme, translated by `[codes.pension]`.
    #[serde(default)]
    pub pension: Option<String>,
    /// Leave status, translated by `[codes.leave]` into statutory priority.
    #[serde(default)]
    pub leave_status: Option<String>,
    /// Start of the leave or protection.
    #[serde(default)]
    pub leave_start: Option<String>,
    /// Date of birth or placement of the child.
    #[serde(default)]
    pub child_date: Option<String>,
    /// Reasonable adjustment flag (yes/no).
    #[serde(default)]
    pub reasonable_adjustment: Option<String>,
    /// Volunteered for voluntary redundancy (yes/no).
    #[serde(default)]
    pub volunteered_vr: Option<String>,
    /// Sex (equality monitoring).
    #[serde(default)]
    pub sex: Option<String>,
    /// Ethnic group (equality monitoring).
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Disability (equality monitoring).
    #[serde(default)]
    pub disability: Option<String>,
    /// At-risk flag (yes/no), when there is no separate at-risk file.
    #[serde(default)]
    pub at_risk: Option<String>,
}

/// The `[vacancies]` section: the vacancy extract column feeding each vacancy field.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VacancyColumns {
    /// Vacancy id.
    pub id: String,
    /// Organisation, matched against `[[employers]]`.
    pub organisation: String,
    /// Pay band (or scale, for posts outside Agenda for Change).
    pub band: String,
    /// Staff group, translated by `[codes.job_family]`.
    pub staff_group: String,
    /// Post code of the post.
    #[serde(default)]
    pub postcode: Option<String>,
    /// Work location name, matched against `[[sites]]`.
    #[serde(default)]
    pub location: Option<String>,
    /// Job title.
    #[serde(default)]
    pub title: Option<String>,
    /// Area of work, keyed by `[[codes.rules]]`.
    #[serde(default)]
    pub area_of_work: Option<String>,
    /// Working pattern, translated by `[codes.working_pattern]` into whole-time equivalent.
    #[serde(default)]
    pub working_pattern: Option<String>,
    /// Job type or contract type, translated by `[codes.contract]`.
    #[serde(default)]
    pub job_type: Option<String>,
    /// Number of posts.
    #[serde(default)]
    pub posts: Option<String>,
    /// Published date (sets the advertised order).
    #[serde(default)]
    pub published: Option<String>,
    /// Advert closed date.
    #[serde(default)]
    pub closed: Option<String>,
    /// Skip adverts that closed before the round date.
    #[serde(default)]
    pub skip_closed_before_round_date: bool,
}

/// The `[codes]` section: tables keyed on the extracts' codes (case and spacing ignored).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// Staff group to job family.
    #[serde(default)]
    pub job_family: BTreeMap<String, String>,
    /// Extra band spellings to a band (`"XN05" = "5"`), or `"skip"` for a scale outside
    /// Agenda for Change.
    #[serde(default)]
    pub band: BTreeMap<String, String>,
    /// Contract or job type to `permanent`, `fixed-term` or `skip`.
    #[serde(default)]
    pub contract: BTreeMap<String, String>,
    /// Working pattern to whole-time equivalent.
    #[serde(default)]
    pub working_pattern: BTreeMap<String, f64>,
    /// Leave status to statutory priority (`none`, `pregnancy`, `maternity`, `adoption`,
    /// `shared-parental`).
    #[serde(default)]
    pub leave: BTreeMap<String, String>,
    /// Pension scheme to membership (`true` for an active member).
    #[serde(default)]
    pub pension: BTreeMap<String, bool>,
    /// Skills and registration by occupation code, job role, area of work and staff group.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

impl Codes {
    /// Adds another code file's tables (its entries win) and rules (after these).
    pub fn merge(&mut self, other: Codes) {
        self.job_family.extend(other.job_family);
        self.band.extend(other.band);
        self.contract.extend(other.contract);
        self.working_pattern.extend(other.working_pattern);
        self.leave.extend(other.leave);
        self.pension.extend(other.pension);
        self.rules.extend(other.rules);
    }
}

/// One `[[codes.rules]]` entry: rows whose keys all match get its skills and registration.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Occupation code; a trailing `*` matches every code that starts with the rest (`N*`).
    #[serde(default)]
    pub occupation_code: Option<String>,
    /// Job role.
    #[serde(default)]
    pub job_role: Option<String>,
    /// Area of work.
    #[serde(default)]
    pub area_of_work: Option<String>,
    /// Staff group.
    #[serde(default)]
    pub staff_group: Option<String>,
    /// Skill ids a person holds and a post asks for.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Professional registration a person holds and a post requires.
    #[serde(default)]
    pub registration: Option<String>,
    /// Where the rule comes from (documentation only).
    #[serde(default)]
    pub source: Option<String>,
}

/// The top level of a mapping file; the three sections that may live in other files are read
/// on their own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Top {
    scenario: ScenarioFrame,
    #[serde(default)]
    regions: Vec<RegionEntry>,
    #[serde(default)]
    footprints: Vec<FootprintEntry>,
    employers: Vec<EmployerEntry>,
    #[serde(default)]
    sites: Vec<SiteEntry>,
    #[serde(default)]
    postcodes: PostcodeColumns,
    staff: toml::Value,
    vacancies: toml::Value,
    #[serde(default)]
    codes: Option<toml::Value>,
}

/// Reads a mapping file and every section file it names, and checks the code tables.
///
/// ```
/// use std::path::Path;
///
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/import/sample/mapping.toml"));
/// let mapping = redeploy_import::load_mapping(path).unwrap();
/// assert_eq!(mapping.staff.id, "Assignment Number");
/// assert_eq!(mapping.vacancies.band, "Pay Band/Scale");
/// assert!(mapping.codes.rules.iter().any(|rule| rule.registration.as_deref() == Some("NMC")));
/// ```
///
/// # Errors
///
/// [`ImportError::Io`] when a file cannot be read, [`ImportError::Mapping`] listing every problem
/// in the mapping (unknown keys with a suggestion, values a code table cannot hold).
pub fn load_mapping(path: &Path) -> Result<Mapping, ImportError> {
    let text = read(path)?;
    let top: Top = parse(&text, path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let staff = section(&top.staff, "staff", path, base, &mut problems, || {
        parse::<InlineStaff>(&text, path).map(|inline| inline.staff)
    });
    let vacancies = section(
        &top.vacancies,
        "vacancies",
        path,
        base,
        &mut problems,
        || parse::<InlineVacancies>(&text, path).map(|inline| inline.vacancies),
    );
    let codes = match &top.codes {
        Some(toml::Value::Array(files)) => {
            // Several code files, read in order: later tables add to and override earlier ones,
            // rules are appended.
            let mut merged = Some(Codes::default());
            for file in files {
                let part = section(file, "codes", path, base, &mut problems, || {
                    Err(ImportError::Mapping(vec![problem(
                        path,
                        Position::File,
                        Some("codes"),
                        "found a table in the list, expected the paths of code files".to_string(),
                    )]))
                });
                merged = merged.zip(part).map(|(mut all, part)| {
                    all.merge(part);
                    all
                });
            }
            merged
        }
        Some(value) => section(value, "codes", path, base, &mut problems, || {
            parse::<InlineCodes>(&text, path).map(|inline| inline.codes)
        }),
        None => Some(Codes::default()),
    };
    let (Some(staff), Some(vacancies), Some(codes)) = (staff, vacancies, codes) else {
        return Err(ImportError::Mapping(problems));
    };
    let mapping = Mapping {
        path: path.to_path_buf(),
        scenario: top.scenario,
        regions: top.regions,
        footprints: top.footprints,
        employers: top.employers,
        sites: top.sites,
        postcodes: top.postcodes,
        staff,
        vacancies,
        codes,
    };
    problems.extend(check(&mapping));
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(ImportError::Mapping(problems))
    }
}

impl Mapping {
    /// A path the mapping names, read relative to the mapping file.
    pub fn relative(&self, path: &Path) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join(path)
    }
}

pub(crate) fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A section written inline or as the path of another file.
fn section<T: DeserializeOwned>(
    value: &toml::Value,
    key: &str,
    path: &Path,
    base: &Path,
    problems: &mut Vec<Diagnostic>,
    inline: impl FnOnce() -> Result<T, ImportError>,
) -> Option<T> {
    let result = match value {
        toml::Value::String(file) => {
            let file = base.join(file);
            match read(&file) {
                Ok(included) => parse::<T>(&included, &file),
                Err(err) => Err(ImportError::Mapping(vec![problem(
                    path,
                    Position::File,
                    Some(key),
                    err.to_string(),
                )])),
            }
        }
        toml::Value::Table(_) => inline(),
        other => Err(ImportError::Mapping(vec![problem(
            path,
            Position::File,
            Some(key),
            format!(
                "found a {}, expected a table or the path of a file holding the section",
                other.type_str()
            ),
        )])),
    };
    match result {
        Ok(section) => Some(section),
        Err(ImportError::Mapping(mut found)) => {
            problems.append(&mut found);
            None
        }
        Err(other) => {
            problems.push(problem(path, Position::File, Some(key), other.to_string()));
            None
        }
    }
}

/// The inline `[staff]` section read from the whole mapping text, so problems keep their line
/// and column (the other keys are read by [`Top`]).
#[derive(Deserialize)]
struct InlineStaff {
    staff: StaffColumns,
}

/// The inline `[vacancies]` section, as [`InlineStaff`].
#[derive(Deserialize)]
struct InlineVacancies {
    vacancies: VacancyColumns,
}

/// The inline `[codes]` section, as [`InlineStaff`].
#[derive(Deserialize)]
struct InlineCodes {
    codes: Codes,
}

fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, ImportError> {
    toml::from_str(text).map_err(|err| {
        let position = err.span().map_or(Position::File, |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Position::Text { line, column }
        });
        let message = err.message().trim_end().to_string();
        let mut diagnostic = problem(path, position, None, message.clone());
        diagnostic.help = unknown_key_hint(&message);
        ImportError::Mapping(vec![diagnostic])
    })
}

/// "did you mean" for serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wanted, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    did_you_mean(wanted, known)
}

pub(crate) fn problem(
    path: &Path,
    position: Position,
    field: Option<&str>,
    message: String,
) -> Diagnostic {
    Diagnostic {
        file: path.to_path_buf(),
        position,
        field: field.map(str::to_string),
        found: None,
        message,
        help: None,
        knock_on: false,
    }
}

/// Checks across the mapping: references that resolve, kinds and code values that exist.
fn check(mapping: &Mapping) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut at = |field: String, message: String| {
        problems.push(problem(
            &mapping.path,
            Position::File,
            Some(&field),
            message,
        ));
    };
    let regions: Vec<&str> = mapping.regions.iter().map(|r| r.id.as_str()).collect();
    for footprint in &mapping.footprints {
        if !regions.contains(&footprint.region.as_str()) {
            at(
                format!("footprints.{}.region", footprint.id),
                format!(
                    "`{}` is not a region of [[regions]], expected one of {}",
                    footprint.region,
                    listed(&regions)
                ),
            );
        }
    }
    let footprints: Vec<&str> = mapping.footprints.iter().map(|f| f.id.as_str()).collect();
    for employer in &mapping.employers {
        if !footprints.contains(&employer.footprint.as_str()) {
            at(
                format!("employers.{}.footprint", employer.id),
                format!(
                    "`{}` is not a footprint of [[footprints]], expected one of {}",
                    employer.footprint,
                    listed(&footprints)
                ),
            );
        }
        if !EmployerKind::ALL
            .iter()
            .any(|kind| kind.as_str() == employer.kind)
        {
            let kinds: Vec<&str> = EmployerKind::ALL.iter().map(|k| k.as_str()).collect();
            at(
                format!("employers.{}.kind", employer.id),
                format!(
                    "`{}` is not a kind of employer, expected one of {}",
                    employer.kind,
                    listed(&kinds)
                ),
            );
        }
    }
    if mapping.staff.location.is_none() && mapping.staff.postcode.is_none() {
        at(
            "staff".into(),
            "neither `location` nor `postcode` is mapped, expected at least one (a person needs a site)".into(),
        );
    }
    if mapping.vacancies.location.is_none() && mapping.vacancies.postcode.is_none() {
        at(
            "vacancies".into(),
            "neither `location` nor `postcode` is mapped, expected at least one (a post needs a site)".into(),
        );
    }
    let codes = &mapping.codes;
    for (code, band) in &codes.band {
        if band != "skip" && band.parse::<Band>().is_err() {
            at(
                format!("codes.band.{code}"),
                format!("`{band}` is not a band, expected 1–9, 8a–8d or `skip`"),
            );
        }
    }
    for (code, contract) in &codes.contract {
        if !["permanent", "fixed-term", "skip"].contains(&contract.as_str()) {
            at(
                format!("codes.contract.{code}"),
                format!(
                    "`{contract}` is not a contract, expected `permanent`, `fixed-term` or `skip`"
                ),
            );
        }
    }
    for (code, wte) in &codes.working_pattern {
        if !(*wte > 0.0 && *wte <= 1.5) {
            at(
                format!("codes.working_pattern.{code}"),
                format!(
                    "`{wte}` is out of range, expected a whole-time equivalent above 0 and at most 1.5"
                ),
            );
        }
    }
    for (code, kind) in &codes.leave {
        if priority_kind(kind).is_none() {
            at(
                format!("codes.leave.{code}"),
                format!(
                    "`{kind}` is not a priority, expected `none`, `pregnancy`, `maternity`, `adoption` or `shared-parental`"
                ),
            );
        }
    }
    for (code, family) in &codes.job_family {
        if family.trim().is_empty() || family.trim() != family {
            at(
                format!("codes.job_family.{code}"),
                format!("`{family}` is not a job family, expected trimmed text"),
            );
        }
    }
    for (index, rule) in codes.rules.iter().enumerate() {
        let keys = [
            &rule.occupation_code,
            &rule.job_role,
            &rule.area_of_work,
            &rule.staff_group,
        ];
        if keys.iter().all(|key| key.is_none()) {
            at(
                format!("codes.rules[{}]", index + 1),
                "the rule has no key, expected at least one of `occupation_code`, `job_role`, `area_of_work`, `staff_group`".into(),
            );
        }
        for skill in &rule.skills {
            if skill.is_empty() || skill.contains(';') || skill.trim() != skill {
                at(
                    format!("codes.rules[{}].skills", index + 1),
                    format!("`{skill}` is not a skill id, expected trimmed text without `;`"),
                );
            }
        }
    }
    problems
}

/// The statutory priority a `[codes.leave]` value names.
pub(crate) fn priority_kind(name: &str) -> Option<PriorityKind> {
    [
        PriorityKind::None,
        PriorityKind::Pregnancy,
        PriorityKind::Maternity,
        PriorityKind::Adoption,
        PriorityKind::SharedParental,
    ]
    .into_iter()
    .find(|kind| kind.as_str() == name)
}

fn listed(names: &[&str]) -> String {
    if names.is_empty() {
        return "(none listed)".to_string();
    }
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_gets_its_place_and_a_suggestion() {
        let text = "[scenario]\nname = \"x\"\nround_date = \"2025-10-01\"\npay_scle = \"p.toml\"\n";
        let err = parse::<Top>(text, Path::new("m.toml")).err().unwrap();
        let ImportError::Mapping(problems) = err else {
            panic!("a mapping problem")
        };
        let shown = problems[0].to_string();
        assert!(shown.starts_with("m.toml:4:1:"), "{shown}");
        assert!(shown.contains("unknown field `pay_scle`"), "{shown}");
        assert!(shown.ends_with("did you mean `pay_scale`?"), "{shown}");
    }

    #[test]
    fn code_values_out_of_their_sets_are_each_named() {
        let mut codes = Codes::default();
        codes.contract.insert("Bank".into(), "casual".into());
        codes
            .leave
            .insert("Maternity Leave".into(), "maternal".into());
        codes.rules.push(Rule::default());
        let mapping = Mapping {
            path: PathBuf::from("m.toml"),
            scenario: ScenarioFrame {
                name: "x".into(),
                round_date: "2025-10-01".into(),
                seed: 0,
                pay_scale: PathBuf::from("p.toml"),
                policy: None,
            },
            regions: Vec::new(),
            footprints: Vec::new(),
            employers: Vec::new(),
            sites: Vec::new(),
            postcodes: PostcodeColumns::default(),
            staff: toml::from_str(
                "id='a'\norganisation='b'\nband='c'\nstaff_group='d'\nnhs_service_start='e'\ndate_of_birth='f'\npostcode='g'",
            )
            .unwrap(),
            vacancies: toml::from_str("id='a'\norganisation='b'\nband='c'\nstaff_group='d'\npostcode='g'")
                .unwrap(),
            codes,
        };
        let problems: Vec<String> = check(&mapping).iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("codes.contract.Bank"), "{problems:#?}");
        assert!(
            problems[1].contains("`maternal` is not a priority"),
            "{problems:#?}"
        );
        assert!(problems[2].contains("the rule has no key"), "{problems:#?}");
    }
}
