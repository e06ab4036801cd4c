//! The validated scenario: organisations, sites, people at risk, vacancies, policy, pay scale.
//!
//! This module owns the domain records once they have been read and checked. Every id a record
//! refers to exists, every value is in range; code that receives a [`Scenario`] need not
//! re-check. Reading and checking live in the loading modules.

use chrono::NaiveDate;

use crate::Ranking;

use crate::{Band, PayScale, Policy};

/// Everything one match round needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Short name of the scenario.
    pub name: String,
    /// The date the round is run on: service, age and protected periods are measured to it.
    pub round_date: NaiveDate,
    /// Seed for anything random (tie-breaking is by id, so most rounds use none).
    pub seed: u64,
    /// The pay scale salaries and pay points are read against.
    pub pay_scale: PayScale,
    /// The policy the round applies (may be replaced on the command line).
    pub policy: Policy,
    /// NHS regions.
    pub regions: Vec<Region>,
    /// Footprints (integrated care systems), each in one region.
    pub footprints: Vec<Footprint>,
    /// Employers, each in one footprint.
    pub employers: Vec<Employer>,
    /// Sites (work bases) with coordinates.
    pub sites: Vec<Site>,
    /// Explicit travel times between sites; other pairs are estimated from coordinates.
    pub travel_times: Vec<TravelTime>,
    /// The skills catalogue people and vacancies refer to.
    pub skills: Vec<Skill>,
    /// People at risk of redundancy.
    pub people: Vec<Person>,
    /// Vacancies open to redeployment.
    pub vacancies: Vec<Vacancy>,
}

/// An NHS region (for example "Midlands").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A footprint: an integrated care system (ICS), formerly an STP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footprint {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Id of the region it lies in.
    pub region: String,
}

/// The kind of NHS body an employer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EmployerKind {
    /// Acute hospital trust.
    Acute,
    /// Mental health trust.
    MentalHealth,
    /// Community health trust.
    Community,
    /// Ambulance trust.
    Ambulance,
    /// Integrated care board.
    Icb,
    /// Commissioning support unit.
    Csu,
    /// National body (NHS England, an arm's-length body).
    NationalBody,
    /// Primary care or any other NHS employer.
    Other,
}

impl EmployerKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [EmployerKind; 8] = [
        EmployerKind::Acute,
        EmployerKind::MentalHealth,
        EmployerKind::Community,
        EmployerKind::Ambulance,
        EmployerKind::Icb,
        EmployerKind::Csu,
        EmployerKind::NationalBody,
        EmployerKind::Other,
    ];

    /// The name used in scenario files (`"mental-health"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            EmployerKind::Acute => "acute",
            EmployerKind::MentalHealth => "mental-health",
            EmployerKind::Community => "community",
            EmployerKind::Ambulance => "ambulance",
            EmployerKind::Icb => "icb",
            EmployerKind::Csu => "csu",
            EmployerKind::NationalBody => "national-body",
            EmployerKind::Other => "other",
        }
    }
}

/// A legal NHS employer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employer {
    /// Unique id (an ODS code works well).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What kind of body it is.
    pub kind: EmployerKind,
    /// Id of the footprint it belongs to.
    pub footprint: String,
    /// Ids of the employers declared associated with it (ERA 1996 s231), each of the same
    /// footprint. The relation is symmetric: declared on either side, it holds both ways.
    /// Regulation 10 priority, and the employer tier, reach associated employers' vacancies.
    /// Empty by default: separate trusts are not associated.
    pub associated_with: Vec<String>,
}

/// A work base.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Latitude in degrees (WGS84).
    pub latitude: f64,
    /// Longitude in degrees (WGS84).
    pub longitude: f64,
}

/// An explicit journey time between two sites, used instead of the estimate from coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelTime {
    /// Site id at one end.
    pub from: String,
    /// Site id at the other end.
    pub to: String,
    /// Journey time in minutes (either direction).
    pub minutes: u32,
}

/// A skill, competence or area of experience that posts ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// Unique id (`"financial-accounting"`).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The type of an employment contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ContractType {
    /// Permanent (open-ended).
    #[default]
    Permanent,
    /// Fixed-term.
    FixedTerm,
}

impl ContractType {
    /// The name used in scenario files.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContractType::Permanent => "permanent",
            ContractType::FixedTerm => "fixed-term",
        }
    }
}

/// Why a person has statutory priority for suitable vacancies (regulation 10, Maternity and
/// Parental Leave etc. Regulations 1999, extended from April 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum PriorityKind {
    /// No statutory priority.
    #[default]
    None,
    /// Pregnant (protected from notification).
    Pregnancy,
    /// On or returning from maternity leave.
    Maternity,
    /// On or returning from adoption leave.
    Adoption,
    /// On or returning from shared parental leave (six weeks or more).
    SharedParental,
}

impl PriorityKind {
    /// The name used in scenario files.
    pub const fn as_str(self) -> &'static str {
        match self {
            PriorityKind::None => "none",
            PriorityKind::Pregnancy => "pregnancy",
            PriorityKind::Maternity => "maternity",
            PriorityKind::Adoption => "adoption",
            PriorityKind::SharedParental => "shared-parental",
        }
    }
}

/// A person's statutory priority and its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatutoryPriority {
    /// The ground for priority.
    pub kind: PriorityKind,
    /// When protection began (notification of pregnancy, start of leave).
    pub since: Option<NaiveDate>,
    /// Date of birth or placement, from which the 18-month protected period runs.
    pub child_date: Option<NaiveDate>,
}

/// Equality monitoring fields. All optional; used only for monitoring, never for scoring.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Equality {
    /// Sex as recorded.
    pub sex: Option<String>,
    /// Ethnic group as recorded.
    pub ethnicity: Option<String>,
    /// Disability as recorded (`"yes"`, `"no"`, `"prefer not to say"`).
    pub disability: Option<String>,
    /// Age band as recorded (`"45-54"`).
    pub age_band: Option<String>,
}

impl Equality {
    /// The age band reports group ages into (`"45-54"`), from the age in whole years.
    ///
    /// ```
    /// use redeploy_model::Equality;
    ///
    /// assert_eq!(Equality::age_band_of(45), "45-54");
    /// assert_eq!(Equality::age_band_of(24), "16-24");
    /// assert_eq!(Equality::age_band_of(70), "65+");
    /// ```
    pub fn age_band_of(age: u32) -> &'static str {
        match age {
            0..=24 => "16-24",
            25..=34 => "25-34",
            35..=44 => "35-44",
            45..=54 => "45-54",
            55..=64 => "55-64",
            _ => "65+",
        }
    }
}

/// What the person asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preferences {
    /// Vacancy ids in the person's order of preference (first is most wanted), with ties; may
    /// be incomplete.
    pub ranked_vacancies: Ranking,
    /// The longest journey the person will accept, in minutes.
    pub max_travel_minutes: Option<u32>,
}

/// A member of staff at risk of redundancy.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Unique id (a staff number or pseudonym).
    pub id: String,
    /// Name, if given (never logged).
    pub name: Option<String>,
    /// Current employer id.
    pub employer: String,
    /// Current base site id.
    pub site: String,
    /// Current band.
    pub band: Band,
    /// Current pay point within the band (1-based), if given.
    pub pay_point: Option<u8>,
    /// Annual full-time salary in pounds (from the pay point, or as given).
    pub salary: u32,
    /// Contracted hours as whole-time equivalent (1.0 = 37.5 hours a week).
    pub wte: f64,
    /// Job family (`"finance"`, `"admin-clerical"`).
    pub job_family: String,
    /// Current job title, if given.
    pub role: Option<String>,
    /// Skill ids the person holds.
    pub skills: Vec<String>,
    /// Professional registrations held (`"NMC"`, `"HCPC"`).
    pub registrations: Vec<String>,
    /// Contract type.
    pub contract: ContractType,
    /// Start of continuous NHS service.
    pub nhs_service_start: NaiveDate,
    /// Date of birth (for redundancy and early-retirement rules).
    pub date_of_birth: NaiveDate,
    /// Statutory priority, if any.
    pub priority: StatutoryPriority,
    /// Whether a reasonable adjustment (disability) applies to redeployment.
    pub reasonable_adjustment: bool,
    /// Whether the person is an active NHS Pension Scheme member.
    pub pension_member: bool,
    /// Whether the person volunteered for voluntary redundancy.
    pub volunteered_vr: bool,
    /// Today's journey from home to the current base, in minutes, if known.
    pub commute_minutes: Option<u32>,
    /// Equality monitoring fields.
    pub equality: Equality,
    /// Preferences.
    pub preferences: Preferences,
}

/// A skill a vacancy asks for that can be learned on the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainableSkill {
    /// The essential skill id.
    pub skill: String,
    /// Weeks of training to acquire it.
    pub weeks: u32,
}

/// A vacancy (one or more identical posts) open to redeployment.
#[derive(Debug, Clone, PartialEq)]
pub struct Vacancy {
    /// Unique id.
    pub id: String,
    /// Job title, if given.
    pub title: Option<String>,
    /// Employer id.
    pub employer: String,
    /// Site id.
    pub site: String,
    /// Band of the post.
    pub band: Band,
    /// Hours as whole-time equivalent.
    pub wte: f64,
    /// Job family.
    pub job_family: String,
    /// Essential skill ids.
    pub essential_skills: Vec<String>,
    /// Essential skills that may instead be trained, with weeks.
    pub trainable_skills: Vec<TrainableSkill>,
    /// Desirable skill ids (used only for ranking).
    pub desirable_skills: Vec<String>,
    /// Professional registration the post requires, if any.
    pub registration: Option<String>,
    /// Number of identical posts.
    pub posts: u32,
    /// Contract type offered.
    pub contract: ContractType,
    /// Whether the vacancy takes part in the ring-fence beyond its own employer (footprint and
    /// region tiers). `false` marks a post the employer exempts; a policy with
    /// `block_external_recruitment` offers it all the same. Scenario files default to `true`.
    pub ring_fenced: bool,
    /// Position in the advertised order (for the first-come rule); lower is earlier.
    pub advertised_order: u32,
    /// The employer's own ranking of people for this vacancy (best first, with ties; may be
    /// incomplete). Empty when the employer gives none: the ranking is then derived (see
    /// `docs/rules.md`). It never makes an unsuitable pair suitable.
    pub ranked_people: Ranking,
}
