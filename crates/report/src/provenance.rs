//! Where a round came from, and whether today's files are still those.
//!
//! This module owns [`Provenance`]: the tool and version that ran a round, every input file it
//! read (role, path, size, SHA-256, as `redeploy-model` recorded them while loading) and the
//! policy as applied, every default filled in. `round.json` carries it whole under
//! `provenance`; [`Provenance::short`] is the one-line form the summary and the HTML footer
//! show. [`check_inputs`] compares the files recorded in a `round.json` with the files read
//! today, role by role, and [`render_check`] says, file by file, whether each is the same,
//! changed, missing or new.

use std::fmt::Write as _;

use redeploy_model::{InputFile, Policy};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::text_table::Table;

/// The name every round records as its tool.
pub const TOOL: &str = "redeploy";

/// Where a round came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The program that ran the round (`redeploy`).
    pub tool: String,
    /// Its version.
    pub version: String,
    /// Every file read, in the order they were read.
    pub inputs: Vec<InputFile>,
    /// The policy as applied (after `--policy` and `--rule`), every field filled in.
    pub policy: Policy,
}

impl Provenance {
    /// The provenance of a round run by `redeploy` `version` from `inputs` under `policy`.
    pub fn new(version: &str, inputs: Vec<InputFile>, policy: &Policy) -> Provenance {
        Provenance {
            tool: TOOL.to_string(),
            version: version.to_string(),
            inputs,
            policy: policy.clone(),
        }
    }

    /// The one-line form: version, then each file's name and the first eight hex digits of
    /// its SHA-256.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_model::{InputFile, Policy};
    /// use redeploy_report::provenance::Provenance;
    ///
    /// let inputs = vec![
    ///     InputFile::new("scenario", Path::new("configs/x/scenario.toml"), b"abc"),
    ///     InputFile::new("people_csv", Path::new("configs/x/people.csv"), b""),
    /// ];
    /// let provenance = Provenance::new("0.1.0", inputs, &Policy::default());
    /// assert_eq!(
    ///     provenance.short(),
    ///     "redeploy 0.1.0; inputs scenario.toml ba7816bf, people.csv e3b0c442 (SHA-256, first 8 hex digits; the JSON has them in full)"
    /// );
    /// ```
    pub fn short(&self) -> String {
        let files: Vec<String> = self
            .inputs
            .iter()
            .map(|file| format!("{} {}", file_name(&file.path), file.short_hash()))
            .collect();
        format!(
            "{} {}; inputs {} (SHA-256, first 8 hex digits; the JSON has them in full)",
            self.tool,
            self.version,
            files.join(", ")
        )
    }
}

/// The last component of a path as written (either separator).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// What `redeploy check --against` reads back from a `round.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Recorded {
    /// The program that ran the round.
    pub tool: String,
    /// Its version.
    pub version: String,
    /// The files it read.
    pub inputs: Vec<InputFile>,
}

#[derive(Deserialize)]
struct RoundFile {
    provenance: Option<Recorded>,
}

/// The provenance recorded in the text of a `round.json`.
///
/// ```
/// use redeploy_report::provenance::recorded;
///
/// let json = r#"{"scenario": "x", "provenance": {"tool": "redeploy", "version": "0.1.0",
///   "inputs": [{"role": "scenario", "path": "s.toml", "bytes": 3,
///               "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}],
///   "policy": {}}}"#;
/// assert_eq!(recorded(json).unwrap().inputs[0].role, "scenario");
/// assert!(recorded(r#"{"scenario": "x"}"#).is_err());
/// ```
///
/// # Errors
/// [`Error::NoProvenance`] when the JSON is not a round or records no provenance.
pub fn recorded(json: &str) -> Result<Recorded, Error> {
    let file: RoundFile = serde_json::from_str(json).map_err(|err| Error::NoProvenance {
        why: format!("not a round.json: {err}"),
    })?;
    file.provenance.ok_or_else(|| Error::NoProvenance {
        why: "it has no `provenance` (rounds written before redeploy 0.1.0 recorded none)"
            .to_string(),
    })
}

/// How one input file compares with the one a round recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// Same size and SHA-256.
    Same,
    /// Read in both, with different contents.
    Changed,
    /// Recorded by the round, not read today.
    Missing,
    /// Read today, not recorded by the round.
    New,
}

impl FileStatus {
    /// The word shown for the status.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Same => "same",
            FileStatus::Changed => "changed",
            FileStatus::Missing => "missing",
            FileStatus::New => "new",
        }
    }
}

/// One role's file, then and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputCheck {
    /// The file's role (`scenario`, `people_csv`, …).
    pub role: String,
    /// The file the round recorded, if any.
    pub recorded: Option<InputFile>,
    /// The file read today, if any.
    pub today: Option<InputFile>,
    /// How they compare.
    pub status: FileStatus,
}

/// Compares the files a round `recorded` with those read `today`, role by role: the round's
/// files in its order, then the files only read today.
///
/// ```
/// use std::path::Path;
/// use redeploy_model::InputFile;
/// use redeploy_report::provenance::{FileStatus, check_inputs};
///
/// let then = [
///     InputFile::new("scenario", Path::new("s.toml"), b"a"),
///     InputFile::new("people_csv", Path::new("p.csv"), b"b"),
/// ];
/// let now = [
///     InputFile::new("scenario", Path::new("./s.toml"), b"a"),
///     InputFile::new("vacancies_csv", Path::new("v.csv"), b"c"),
/// ];
/// let statuses: Vec<FileStatus> = check_inputs(&then, &now).iter().map(|c| c.status).collect();
/// assert_eq!(statuses, [FileStatus::Same, FileStatus::Missing, FileStatus::New]);
/// ```
pub fn check_inputs(recorded: &[InputFile], today: &[InputFile]) -> Vec<InputCheck> {
    let mut checks: Vec<InputCheck> = recorded
        .iter()
        .map(|then| {
            let now = today.iter().find(|now| now.role == then.role);
            let status = match now {
                None => FileStatus::Missing,
                Some(now) if now.same_contents(then) => FileStatus::Same,
                Some(_) => FileStatus::Changed,
            };
            InputCheck {
                role: then.role.clone(),
                recorded: Some(then.clone()),
                today: now.cloned(),
                status,
            }
        })
        .collect();
    checks.extend(
        today
            .iter()
            .filter(|now| !recorded.iter().any(|then| then.role == now.role))
            .map(|now| InputCheck {
                role: now.role.clone(),
                recorded: None,
                today: Some(now.clone()),
                status: FileStatus::New,
            }),
    );
    checks
}

/// Whether every file is the same as the round's.
pub fn all_same(checks: &[InputCheck]) -> bool {
    checks.iter().all(|check| check.status == FileStatus::Same)
}

/// The table `redeploy check --against` prints: one row per file, then a verdict.
pub fn render_check(checks: &[InputCheck], recorded: &Recorded, version: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "the round was made by {} {}{}",
        recorded.tool,
        recorded.version,
        if recorded.version == version {
            String::new()
        } else {
            format!(" (this is {TOOL} {version}: the same files may give another round)")
        }
    );
    let mut table = Table::new(&[
        ("file", false),
        ("role", false),
        ("status", false),
        ("bytes then", true),
        ("bytes now", true),
        ("sha256 then", false),
        ("sha256 now", false),
    ]);
    let short = |file: &Option<InputFile>| {
        file.as_ref()
            .map_or("-".to_string(), |f| f.short_hash().to_string())
    };
    let bytes = |file: &Option<InputFile>| {
        file.as_ref()
            .map_or("-".to_string(), |f| f.bytes.to_string())
    };
    for check in checks {
        let path = check
            .today
            .as_ref()
            .or(check.recorded.as_ref())
            .map_or(String::new(), |f| f.path.clone());
        table.row(vec![
            path,
            check.role.clone(),
            check.status.as_str().to_string(),
            bytes(&check.recorded),
            bytes(&check.today),
            short(&check.recorded),
            short(&check.today),
        ]);
    }
    table.render(&mut out);
    let differ = checks
        .iter()
        .filter(|c| c.status != FileStatus::Same)
        .count();
    let total = checks.len();
    if differ == 0 {
        let _ = writeln!(
            out,
            "all {total} input files are the ones that produced the round"
        );
    } else {
        let _ = writeln!(
            out,
            "{differ} of {total} input files differ from the ones that produced the round"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(role: &str, contents: &[u8]) -> InputFile {
        InputFile::new(role, Path::new(&format!("dir/{role}.txt")), contents)
    }

    #[test]
    fn every_status_is_found_and_rendered() {
        let then = [
            file("scenario", b"s"),
            file("people_csv", b"p"),
            file("pay_scale", b"x"),
        ];
        let now = [
            file("scenario", b"s"),
            file("people_csv", b"p2"),
            file("--policy", b"q"),
        ];
        let checks = check_inputs(&then, &now);
        let statuses: Vec<(&str, FileStatus)> =
            checks.iter().map(|c| (c.role.as_str(), c.status)).collect();
        assert_eq!(
            statuses,
            [
                ("scenario", FileStatus::Same),
                ("people_csv", FileStatus::Changed),
                ("pay_scale", FileStatus::Missing),
                ("--policy", FileStatus::New),
            ]
        );
        assert!(!all_same(&checks));
        let recorded = Recorded {
            tool: TOOL.to_string(),
            version: "0.0.9".to_string(),
            inputs: then.to_vec(),
        };
        let text = render_check(&checks, &recorded, "0.1.0");
        assert!(text.contains("this is redeploy 0.1.0"), "{text}");
        assert!(text.contains("3 of 4 input files differ"), "{text}");
        for word in ["same", "changed", "missing", "new"] {
            assert!(text.contains(word), "{word} not in {text}");
        }
    }

    proptest::proptest! {
        /// Every role of either list gets one row; a row is `same` exactly when both sides
        /// hold the same bytes; the round's rows come first, in its order.
        #[test]
        fn one_row_per_role_and_same_only_for_equal_bytes(
            then in proptest::collection::btree_map("[a-e]", proptest::collection::vec(0u8..3, 0..3), 0..5),
            now in proptest::collection::btree_map("[a-e]", proptest::collection::vec(0u8..3, 0..3), 0..5),
        ) {
            let as_files = |files: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<InputFile> {
                files.iter().map(|(role, bytes)| file(role, bytes)).collect()
            };
            let checks = check_inputs(&as_files(&then), &as_files(&now));
            let roles: std::collections::BTreeSet<&String> = then.keys().chain(now.keys()).collect();
            proptest::prop_assert_eq!(checks.len(), roles.len());
            for (check, role) in checks.iter().zip(then.keys()) {
                proptest::prop_assert_eq!(&check.role, role);
            }
            for check in &checks {
                let expected = match (then.get(&check.role), now.get(&check.role)) {
                    (Some(a), Some(b)) if a == b => FileStatus::Same,
                    (Some(_), Some(_)) => FileStatus::Changed,
                    (Some(_), None) => FileStatus::Missing,
                    (None, _) => FileStatus::New,
                };
                proptest::prop_assert_eq!(check.status, expected);
            }
            proptest::prop_assert_eq!(all_same(&checks), then == now);
        }
    }

    #[test]
    fn same_size_other_bytes_is_a_change() {
        let checks = check_inputs(&[file("scenario", b"ab")], &[file("scenario", b"ba")]);
        assert_eq!(checks[0].status, FileStatus::Changed);
        let checks = check_inputs(&[file("scenario", b"ab")], &[file("scenario", b"ab")]);
        assert!(all_same(&checks));
    }
}
