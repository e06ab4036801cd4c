//! Writing an import: the scenario directory and the import report, atomically, checked by
//! loading it back.
//!
//! This module owns [`write`]. The scenario goes through the model's own directory writer
//! ([`redeploy_model::write_scenario_dir`]) into a staging directory inside the output
//! directory, is loaded back with [`redeploy_model::load_scenario`] (what `redeploy check`
//! reads), and only then is each file renamed into place, `scenario.toml` last. A problem found
//! on loading back names the extract row the record came from, and nothing is written. Files
//! already in the output directory are replaced only with `force`, and an input is never
//! replaced.

use std::fs;
use std::path::{Path, PathBuf};

use redeploy_model::{
    Diagnostic, DirOptions, Position, SCENARIO_DIR_FILES, SCENARIO_FILE, load_scenario,
    write_scenario_dir,
};

use crate::assemble::Built;
use crate::error::ImportError;

/// The name of the import report written next to the scenario.
pub const REPORT_FILE: &str = "import-report.txt";

/// Every file [`write`] writes into the output directory.
pub fn output_files() -> Vec<&'static str> {
    let mut files: Vec<&'static str> = SCENARIO_DIR_FILES.to_vec();
    files.insert(files.len() - 1, REPORT_FILE);
    files
}

/// Writes the scenario and its import report into `out` and returns the scenario file.
///
/// ```
/// use std::path::Path;
/// use redeploy_import::{ImportError, Sources, build, write};
///
/// let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/import/sample"));
/// let built = build(&Sources {
///     staff: sample.join("esr-staff-in-post.csv"),
///     vacancies: sample.join("nhs-jobs-vacancies.csv"),
///     mapping: sample.join("mapping.toml"),
///     postcodes: sample.join("postcodes.csv"),
///     at_risk: Some(sample.join("at-risk.csv")),
/// })?;
/// let out = std::env::temp_dir().join(format!("redeploy-import-doc-{}", std::process::id()));
/// let scenario = write(&out, &built, false)?;
/// assert_eq!(redeploy_model::load_scenario(&scenario).unwrap().people.len(), built.scenario.people.len());
/// // A second import into the same directory is refused without `force`.
/// assert!(matches!(write(&out, &built, false), Err(ImportError::Exists(_))));
/// # std::fs::remove_dir_all(&out).unwrap();
/// # Ok::<(), ImportError>(())
/// ```
///
/// # Errors
///
/// [`ImportError::Invalid`] when the report has problems and `force` is not given;
/// [`ImportError::Exists`] when output files exist and `force` is not given;
/// [`ImportError::WouldOverwriteInput`] when an output is an input;
/// [`ImportError::Scenario`] when the scenario does not load back;
/// [`ImportError::Write`] when a file cannot be written. In every case nothing is written.
pub fn write(out: &Path, built: &Built, force: bool) -> Result<PathBuf, ImportError> {
    if built.report.has_errors() && !force {
        return Err(ImportError::Invalid(Box::new(built.report.clone())));
    }
    let targets: Vec<PathBuf> = output_files().iter().map(|n| out.join(n)).collect();
    let inputs: Vec<PathBuf> = built
        .sources
        .files()
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let out_dir = fs::canonicalize(out).ok();
    for (target, name) in targets.iter().zip(output_files()) {
        let resolved = out_dir.as_ref().map(|dir| dir.join(name));
        if resolved.is_some_and(|r| inputs.contains(&r)) {
            return Err(ImportError::WouldOverwriteInput(target.clone()));
        }
    }
    let existing: Vec<PathBuf> = targets.iter().filter(|t| t.exists()).cloned().collect();
    if !existing.is_empty() && !force {
        return Err(ImportError::Exists(existing));
    }
    fs::create_dir_all(out).map_err(|source| ImportError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let staging = out.join(format!(".redeploy-import-{}", std::process::id()));
    let result = stage_and_move(out, &staging, built);
    let _ = fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(out: &Path, staging: &Path, built: &Built) -> Result<PathBuf, ImportError> {
    let options = DirOptions {
        overwrite: true,
        comment: Some(comment(built)),
    };
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    let _ = fs::remove_dir_all(staging);
    let written = write_scenario_dir(staging, &built.scenario, &options)
        .map_err(|err| ImportError::Scenario(translate(err.diagnostics(), out, staging, built)))?;
    load_scenario(&written)
        .map_err(|err| ImportError::Scenario(translate(err.diagnostics(), out, staging, built)))?;
    fs::write(staging.join(REPORT_FILE), built.report.to_string())
        .map_err(write_error(&out.join(REPORT_FILE)))?;
    for name in output_files() {
        fs::rename(staging.join(name), out.join(name)).map_err(write_error(&out.join(name)))?;
    }
    Ok(out.join(SCENARIO_FILE))
}

/// The comment heading `scenario.toml`: where it came from.
fn comment(built: &Built) -> String {
    let sources = &built.sources;
    let mut text = format!(
        "Imported by `redeploy import` from the staff extract {} and the vacancy extract {},\n\
         with the mapping {} and the postcode lookup {}",
        file(&sources.staff),
        file(&sources.vacancies),
        file(&sources.mapping),
        file(&sources.postcodes)
    );
    if let Some(at_risk) = &sources.at_risk {
        text.push_str(&format!(" and the at-risk list {}", file(at_risk)));
    }
    text.push_str(&format!(
        ".\nWhat was read, skipped and ignored: {REPORT_FILE}."
    ));
    text
}

fn file(path: &Path) -> String {
    crate::rows::file_name(path)
}

/// Load-back problems pointed at the extract row each record came from.
fn translate(found: &[Diagnostic], out: &Path, staging: &Path, built: &Built) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|diagnostic| {
            let mut diagnostic = diagnostic.clone();
            let name = diagnostic
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = match name.as_str() {
                "people.csv" => Some((&built.sources.staff, &built.person_rows)),
                "vacancies.csv" => Some((&built.sources.vacancies, &built.vacancy_rows)),
                _ => None,
            };
            match (source, diagnostic.position) {
                (Some((file, rows)), Position::Record { record, .. })
                    if record >= 1 && record <= rows.len() =>
                {
                    let (record, line) = rows[record - 1];
                    diagnostic.file = file.clone();
                    diagnostic.position = Position::Record { record, line };
                    if let Some(field) = diagnostic.field.take() {
                        diagnostic.message =
                            format!("the scenario field `{field}`: {}", diagnostic.message);
                    }
                }
                _ => {
                    if let Ok(rest) = diagnostic.file.strip_prefix(staging) {
                        diagnostic.file = out.join(rest);
                    }
                }
            }
            diagnostic
        })
        .collect()
}
