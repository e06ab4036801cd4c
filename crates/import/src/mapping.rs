//! The column mapping file.
//!
//! This module owns [`Mapping`], the schema of the mapping file: which column of each extract
//! feeds each scenario field, the organisations, footprints and regions of the scenario, and the
//! code tables that turn an extract's codes into scenario values ([`Codes`]). Reading and
//! checking the file is `mapping_file`'s.
//!
//! The `staff`, `vacancies` and `codes` sections may each be written inline (`[staff]`) or as the
//! path of another file holding that section's keys (`staff = "../esr-staff.toml"`), relative to
//! the mapping file; `codes` may also be a list of such files, merged in order (the shipped
//! defaults, then a trust's own additions). The shipped presets in `configs/import/` are such files, so a trust copies
//! the short top file and points it at the presets, or copies a preset and edits it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

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
    /// Ids of the employers declared associated with it (ERA 1996 s231), written to the
    /// scenario's `associated_with`; none by default.
    #[serde(default)]
    pub associated_with: Vec<String>,
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
