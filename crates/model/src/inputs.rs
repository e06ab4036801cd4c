//! The files a load read: where, how many bytes, and their SHA-256.
//!
//! This module owns [`Inputs`], the record a load keeps of every file it reads, and
//! [`InputFile`], one entry of it. A file is hashed from the very bytes that are then parsed,
//! read once, so the record cannot describe a file other than the one the round was built
//! from. A file that could not be read is not recorded. Each entry has a role — `scenario`,
//! the scenario key that named the file (`pay_scale`, `policy`, `people_csv`, …), or
//! `--policy` for a policy given on the command line — and no two entries share one, so two
//! records can be compared role by role whatever directory they were made from.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One file a load read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// What the file is to the round: `scenario`, the scenario key that named it
    /// (`pay_scale`, `policy`, `people_csv`, `vacancies_csv`, …) or `--policy`.
    pub role: String,
    /// The path the file was opened at: as given on the command line for the scenario and
    /// `--policy`, the scenario's directory joined with the path it names otherwise.
    pub path: String,
    /// The file's size in bytes.
    pub bytes: u64,
    /// The SHA-256 of the file's bytes, 64 lowercase hex digits.
    pub sha256: String,
}

impl InputFile {
    /// Records `contents`, read from `path` in `role`.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_model::InputFile;
    ///
    /// let file = InputFile::new("scenario", Path::new("s.toml"), b"abc");
    /// assert_eq!(file.bytes, 3);
    /// // The published SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    /// assert_eq!(
    ///     file.sha256,
    ///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    /// );
    /// assert_eq!(file.short_hash(), "ba7816bf");
    /// ```
    pub fn new(role: &str, path: &Path, contents: &[u8]) -> InputFile {
        InputFile {
            role: role.to_string(),
            path: path.display().to_string(),
            bytes: len_u64(contents.len()),
            sha256: sha256_hex(contents),
        }
    }

    /// The first eight hex digits of the hash, as the summary and the HTML footer show it.
    pub fn short_hash(&self) -> &str {
        self.sha256.get(..8).unwrap_or(&self.sha256)
    }

    /// Whether `other` holds the same bytes (same size and hash).
    pub fn same_contents(&self, other: &InputFile) -> bool {
        self.bytes == other.bytes && self.sha256 == other.sha256
    }
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Every file a load read, in the order it read them.
///
/// ```no_run
/// use std::path::Path;
/// use redeploy_model::{Inputs, load_scenario_recorded};
///
/// let mut inputs = Inputs::default();
/// let scenario = load_scenario_recorded(Path::new("configs/examples/small/scenario.toml"), &mut inputs);
/// // Recorded whether or not the scenario turned out valid.
/// for file in inputs.files() {
///     println!("{} {} {}", file.role, file.path, file.short_hash());
/// }
/// # drop(scenario);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    files: Vec<InputFile>,
}

impl Inputs {
    /// Records `contents`, read from `path` in `role`; a later read in the same role replaces
    /// the earlier one.
    pub fn record(&mut self, role: &str, path: &Path, contents: &[u8]) {
        self.add(InputFile::new(role, path, contents));
    }

    /// Records a file already hashed; a later file in the same role replaces the earlier one.
    pub(crate) fn add(&mut self, file: InputFile) {
        match self.files.iter_mut().find(|f| f.role == file.role) {
            Some(existing) => *existing = file,
            None => self.files.push(file),
        }
    }

    /// The files read, in the order they were read.
    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// The files read, by value.
    pub fn into_files(self) -> Vec<InputFile> {
        self.files
    }
}

// Every target this builds for addresses memory with at most 64 bits.
const _: () = assert!(usize::BITS <= u64::BITS);

/// A length in bytes, widened without loss (`usize` is at most 64 bits, asserted above).
fn len_u64(len: usize) -> u64 {
    len as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_sha256_answers() {
        // FIPS 180-2 appendix B: the empty string and the two-block message.
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn a_role_is_recorded_once_and_order_is_kept() {
        let mut inputs = Inputs::default();
        inputs.record("scenario", Path::new("s.toml"), b"a");
        inputs.record("people_csv", Path::new("p.csv"), b"b");
        inputs.record("scenario", Path::new("s.toml"), b"c");
        let roles: Vec<&str> = inputs.files().iter().map(|f| f.role.as_str()).collect();
        assert_eq!(roles, ["scenario", "people_csv"]);
        assert_eq!(inputs.files()[0].sha256, sha256_hex(b"c"));
        assert!(!inputs.files()[0].same_contents(&inputs.files()[1]));
    }
}
