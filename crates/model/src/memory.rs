//! Scenarios held in memory.
//!
//! This module owns where the loader's bytes come from. A scenario read from disk can record
//! every file it read ([`ScenarioFiles::read`]); the recorded files load again, through the very
//! same parse and validation path, without touching the disk ([`ScenarioFiles::load`]). An
//! exercise ledger keeps a scenario this way, so the file is self-contained.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::inputs::Inputs;
use crate::load::{parse_scenario_with, read_text};
use crate::{Scenario, parse_policy};

/// Where the loader reads the files a scenario names.
pub(crate) trait FileReader {
    /// The bytes of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
}

/// The file system.
pub(crate) struct Disk;

impl FileReader for Disk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }
}

/// The file system, remembering every file read.
struct Recording {
    read: RefCell<BTreeMap<PathBuf, Vec<u8>>>,
}

impl FileReader for Recording {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let bytes = std::fs::read(path)?;
        self.read
            .borrow_mut()
            .insert(path.to_path_buf(), bytes.clone());
        Ok(bytes)
    }
}

/// Files held in memory, by path.
struct Memory<'a> {
    files: &'a BTreeMap<String, Vec<u8>>,
}

impl FileReader for Memory<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .get(path.to_string_lossy().as_ref())
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not among the stored files"))
    }
}

/// One stored file: its path relative to the scenario's directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Path relative to the scenario file's directory, as the scenario names it.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A scenario's files held in memory: the scenario file itself (`root`) and every file it
/// names (pay scale, policy, CSV files), by path relative to the scenario's directory.
///
/// ```
/// use std::collections::BTreeMap;
/// use redeploy_model::ScenarioFiles;
///
/// let files = ScenarioFiles {
///     root: "scenario.toml".to_string(),
///     files: BTreeMap::from([("scenario.toml".to_string(), b"name = 1".to_vec())]),
/// };
/// // The same checks as a scenario on disk: here `name` has the wrong type.
/// let err = files.load(&[]).unwrap_err().to_string();
/// assert!(err.contains("scenario.toml:1:8: field `name`: expected text"), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioFiles {
    /// The scenario file's name (a key of `files`).
    pub root: String,
    /// Every file, by path relative to the scenario's directory.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl ScenarioFiles {
    /// Loads the scenario at `path` from disk, as [`crate::load_scenario`] does, and keeps
    /// every file it read.
    ///
    /// # Errors
    ///
    /// As [`crate::load_scenario`].
    pub fn read(path: &Path) -> Result<(Scenario, ScenarioFiles), Error> {
        let text = read_text(path)?;
        let recording = Recording {
            read: RefCell::new(BTreeMap::new()),
        };
        let scenario = parse_scenario_with(&text, path, &mut Inputs::default(), &recording, &[])?;
        let base = path.parent().unwrap_or(Path::new(""));
        let root = path
            .file_name()
            .map_or_else(|| "scenario.toml".into(), |name| name.to_string_lossy())
            .into_owned();
        let mut files = BTreeMap::from([(root.clone(), text.into_bytes())]);
        for (read, bytes) in recording.read.into_inner() {
            let relative = read.strip_prefix(base).unwrap_or(&read);
            files.insert(relative.to_string_lossy().into_owned(), bytes);
        }
        Ok((scenario, ScenarioFiles { root, files }))
    }

    /// Loads the scenario from the stored files, with the vacancies of each stored CSV file
    /// named in `extra_vacancies` (the scenario's vacancy format) added after its own.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] listing every problem, as for a scenario on disk.
    pub fn load(&self, extra_vacancies: &[String]) -> Result<Scenario, Error> {
        let root = Path::new(&self.root);
        let Some(bytes) = self.files.get(&self.root) else {
            return Err(Error::Io {
                path: root.to_path_buf(),
                source: io::Error::new(io::ErrorKind::NotFound, "not among the stored files"),
            });
        };
        let text = String::from_utf8_lossy(bytes);
        let extra: Vec<PathBuf> = extra_vacancies.iter().map(PathBuf::from).collect();
        let memory = Memory { files: &self.files };
        parse_scenario_with(&text, root, &mut Inputs::default(), &memory, &extra)
    }

    /// Parses the stored file `name` as a policy.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when no such file is stored, [`Error::Invalid`] otherwise.
    pub fn policy(&self, name: &str) -> Result<crate::Policy, Error> {
        let Some(bytes) = self.files.get(name) else {
            return Err(Error::Io {
                path: PathBuf::from(name),
                source: io::Error::new(io::ErrorKind::NotFound, "not among the stored files"),
            });
        };
        parse_policy(&String::from_utf8_lossy(bytes), Path::new(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../configs/examples")
            .join(name)
            .join("scenario.toml")
    }

    #[test]
    fn a_scenario_loads_the_same_from_its_stored_files() {
        for name in ["small", "footprint"] {
            let path = example(name);
            let (scenario, files) = ScenarioFiles::read(&path).unwrap();
            assert!(files.files.len() > 1, "{:?}", files.files.keys());
            let again = files.load(&[]).unwrap();
            assert_eq!(scenario, again);
            assert_eq!(scenario, crate::load_scenario(&path).unwrap());
        }
    }

    #[test]
    fn added_vacancies_are_validated_with_the_scenario() {
        let (scenario, mut files) = ScenarioFiles::read(&example("footprint")).unwrap();
        let vacancies = String::from_utf8(files.files["vacancies.csv"].clone()).unwrap();
        let header = vacancies.lines().next().unwrap();
        let first = vacancies.lines().nth(1).unwrap();
        let id = first.split(',').next().unwrap();
        let late = format!("{header}\n{}\n", first.replacen(id, "LATE-1", 1));
        files.files.insert("late.csv".into(), late.into_bytes());
        let more = files.load(&["late.csv".into()]).unwrap();
        assert_eq!(more.vacancies.len(), scenario.vacancies.len() + 1);
        assert_eq!(more.vacancies.last().unwrap().id, "LATE-1");
        // The same id twice is an error naming the added file.
        let dup = format!("{header}\n{first}\n");
        files.files.insert("dup.csv".into(), dup.into_bytes());
        let err = files.load(&["dup.csv".into()]).unwrap_err().to_string();
        assert!(err.contains(id), "{err}");
    }
}
