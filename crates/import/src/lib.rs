//! Build a redeploy scenario from HR extracts.
//!
//! `redeploy-import` turns what an HR lead has — a staff-in-post extract shaped like an
//! Electronic Staff Record (ESR) report, a vacancy list shaped like NHS Jobs open data, a
//! postcode lookup and a list of the people at risk — into a scenario directory in the
//! project's own format (`scenario.toml`, `people.csv`, `vacancies.csv`, …) that `redeploy
//! check` and `redeploy run` read.
//!
//! A **column mapping** (TOML, [`Mapping`]) says which column feeds each field and carries the
//! code tables: staff group to job family, contract and job types, working patterns, leave
//! statuses, pension schemes, extra band spellings, and the rules that give skills and
//! registrations by occupation code, job role, area of work and staff group (nursing occupation
//! codes mean NMC registration). The presets in `configs/import/` follow ESR and NHS Jobs
//! layouts; `docs/import.md` explains every field.
//!
//! The import is strict and says everything at once. Every problem is listed with its file,
//! line, column, what was found and what was expected; every code the mapping does not know is
//! listed with how many rows carry it ([`UnknownCode`]); the [`ImportReport`] counts rows
//! imported, skipped and failed, by reason, and lists the columns read and the columns ignored.
//! Names and every column the mapping does not read are never written. Nothing is written when
//! there are problems unless forced; what is written is written atomically, through the
//! model's own scenario writer, and loaded back before it is put in place ([`write`]).
//!
//! ```no_run
//! use std::path::Path;
//! use redeploy_import::{Sources, build, write};
//!
//! let sample = Path::new("configs/import/sample");
//! let built = build(&Sources {
//!     staff: sample.join("esr-staff-in-post.csv"),
//!     vacancies: sample.join("nhs-jobs-vacancies.csv"),
//!     mapping: sample.join("mapping.toml"),
//!     postcodes: sample.join("postcodes.csv"),
//!     at_risk: Some(sample.join("at-risk.csv")),
//! })?;
//! print!("{}", built.report);
//! let scenario = write(Path::new("/tmp/imported"), &built, false)?;
//! println!("wrote {}", scenario.display());
//! # Ok::<(), redeploy_import::ImportError>(())
//! ```

mod assemble;
mod cell;
mod codes;
mod error;
mod extract;
mod mapping;
mod mapping_file;
mod output;
mod places;
mod report;
mod rows;
mod staff;
mod staff_fields;
mod vacancies;

pub use assemble::{Built, Sources, build};
pub use cell::{code_key, parse_band, parse_date, parse_yes_no, postcode_key};
pub use codes::{Effect, UnknownCode};
pub use error::ImportError;
pub use mapping::{
    Codes, EmployerEntry, FootprintEntry, Mapping, PostcodeColumns, RegionEntry, Rule,
    ScenarioFrame, SiteEntry, StaffColumns, VacancyColumns,
};
pub use mapping_file::load_mapping;
pub use output::{REPORT_FILE, output_files, write};
pub use report::{FileSummary, ImportReport};
pub use staff::HOURS_PER_WTE;
