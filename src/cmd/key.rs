//! The pseudonym key of `redeploy run`: `--pseudonymise`, `--pseudonym-key FILE` and
//! `--explain PSEUDONYM`.
//!
//! Without a key file, `--pseudonymise` uses a fresh random key, so pseudonyms differ from run
//! to run and cannot be traced back. With `--pseudonym-key FILE` the key is read from `FILE`,
//! or made and written there when `FILE` does not exist yet (never over another file), with a
//! warning on stderr that the file is personal data. `--explain` takes a pseudonym when the
//! key it was made under is given.

use std::path::{Path, PathBuf};

use redeploy_model::Scenario;
use redeploy_report::pseudonym::{KeySource, PseudonymKey, Pseudonyms};

use crate::cmd::run::RunArgs;

/// Whether `--explain` names a pseudonym rather than a person of the scenario.
pub(crate) fn explains_pseudonym(args: &RunArgs, scenario: &Scenario) -> bool {
    args.explain.as_deref().is_some_and(|wanted| {
        Pseudonyms::looks_like(wanted) && !scenario.people.iter().any(|p| p.id == wanted)
    })
}

/// The pseudonyms of the run, if it needs any: under the key of `--pseudonym-key`, or a fresh
/// one. `outputs` are the files `--out` will write, which the key file must not be.
pub(crate) fn pseudonyms(
    args: &RunArgs,
    scenario: &Scenario,
    outputs: &[PathBuf],
) -> Result<Option<Pseudonyms>, String> {
    let explains = explains_pseudonym(args, scenario);
    let key = match (&args.pseudonym_key, args.pseudonymise, explains) {
        (None, false, false) => return Ok(None),
        (None, _, true) => {
            return Err(format!(
                "--explain: `{}` is a pseudonym, not a person of the scenario; give the key it was made under with --pseudonym-key FILE",
                args.explain.as_deref().unwrap_or_default()
            ));
        }
        (None, true, false) => PseudonymKey::generate().map_err(|err| err.to_string())?,
        (Some(path), false, false) => {
            return Err(format!(
                "--pseudonym-key `{}` is used with --pseudonymise (to make pseudonyms) or --explain PSEUDONYM (to trace one back)",
                path.display()
            ));
        }
        (Some(path), _, true) => read_existing(path)?,
        (Some(path), true, false) => load_or_create(path, outputs)?,
    };
    Ok(Some(Pseudonyms::for_scenario(scenario, &key)))
}

/// The key in `path`, which must exist: a pseudonym is traced back only with the key that
/// made it.
fn read_existing(path: &Path) -> Result<PseudonymKey, String> {
    if !path.exists() {
        return Err(format!(
            "--pseudonym-key: no key file `{}`; a pseudonym is traced back only with the key of the run that made it",
            path.display()
        ));
    }
    PseudonymKey::read(path).map_err(|err| err.to_string())
}

/// The key in `path`, or a new one written there; warns that the file is personal data.
fn load_or_create(path: &Path, outputs: &[PathBuf]) -> Result<PseudonymKey, String> {
    if outputs.iter().any(|output| same_file_name(output, path)) {
        return Err(format!(
            "--pseudonym-key `{}` is one of the files --out writes; keep the key apart from the reports",
            path.display()
        ));
    }
    let (key, source) = PseudonymKey::load_or_create(path).map_err(|err| err.to_string())?;
    match source {
        KeySource::Created => eprintln!(
            "warning: wrote a new pseudonym key to `{}`: it links every pseudonym back to a staff id, so it is personal data; keep it apart from the reports, readable only by those who may re-identify people",
            path.display()
        ),
        KeySource::Read => eprintln!(
            "warning: pseudonyms made under the key in `{}`, which is personal data; keep it apart from the reports",
            path.display()
        ),
    }
    Ok(key)
}

/// Whether two paths name the same place, before either exists: the same file name in the
/// same directory (resolved where it exists).
fn same_file_name(a: &Path, b: &Path) -> bool {
    let directory = |path: &Path| {
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::canonicalize(&parent).unwrap_or(parent)
    };
    a.file_name() == b.file_name() && directory(a) == directory(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_to_one_place_are_the_same_however_written() {
        let here = std::env::current_dir().unwrap();
        assert!(same_file_name(
            Path::new("round.json"),
            &here.join("round.json")
        ));
        assert!(same_file_name(
            Path::new("./round.json"),
            Path::new("round.json")
        ));
        assert!(!same_file_name(Path::new("a/key"), Path::new("b/key")));
    }
}
