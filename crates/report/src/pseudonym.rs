//! Keyed pseudonyms for the people in a report (`--pseudonymise`).
//!
//! This module owns [`PseudonymKey`] and [`Pseudonyms`]. A person's pseudonym is `anon-`
//! followed by the HMAC-SHA256 of their id under a secret 256-bit key (RFC 2104, FIPS 198-1),
//! written in lowercase base32 (RFC 4648 alphabet) and cut to [`MIN_TAG`] characters, or
//! more when two people of the scenario would otherwise share one. Without the key a
//! pseudonym says nothing about the id, nor about the order of staff numbers; with it, the
//! same ids always give the same pseudonyms, and HR can trace a pseudonym back to a person
//! ([`Pseudonyms::person`]).
//!
//! The key comes from the operating system's random source ([`PseudonymKey::generate`]), fresh
//! for each run, unless the run names a key file: then the key is read from it, or, when the
//! file does not exist yet, generated and written to it ([`PseudonymKey::load_or_create`]),
//! never over another file, readable by its owner only on unix. The key file links every
//! pseudonym to a person: it is personal data.
//!
//! [`Pseudonyms::round`] and [`Pseudonyms::story`] rewrite every person id in a round or a
//! person's story and sort the lists again by pseudonym, so the order of a list does not give
//! the ids away either. Vacancy and employer ids are kept: they are not personal data, though a
//! post held by one person can still point at them (see `docs/reports.md`).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use redeploy_engine::{PersonStory, Round};
use redeploy_model::Scenario;
use sha2::Sha256;

use crate::Error;

/// The fewest base32 characters of a pseudonym's tag (40 bits).
pub const MIN_TAG: usize = 8;

/// The prefix of every pseudonym.
pub const PREFIX: &str = "anon-";

/// The first line of a key file.
const KEY_HEADER: &str = "# redeploy pseudonym key: personal data, it links pseudonyms to staff ids; keep it apart from the reports";

/// A secret 256-bit key that pseudonyms are made under.
#[derive(Clone, PartialEq, Eq)]
pub struct PseudonymKey([u8; 32]);

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(..)") // never print the key
    }
}

/// Where a key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// Read from an existing key file.
    Read,
    /// Generated and written to a new key file.
    Created,
}

impl PseudonymKey {
    /// A key from bytes (for tests and for callers that keep keys elsewhere).
    pub fn from_bytes(bytes: [u8; 32]) -> PseudonymKey {
        PseudonymKey(bytes)
    }

    /// A fresh key from the operating system's random source.
    ///
    /// # Errors
    /// [`Error::Random`] when the operating system gives no random bytes.
    pub fn generate() -> Result<PseudonymKey, Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|err| Error::Random(err.to_string()))?;
        Ok(PseudonymKey(bytes))
    }

    /// The key file's text: a comment line, then the key as 64 hex digits.
    fn to_file_text(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
        format!("{KEY_HEADER}\n{hex}\n")
    }

    /// Reads a key from a key file's text: the one line of 64 hex digits that is not a
    /// `#` comment or blank.
    ///
    /// ```
    /// use redeploy_report::pseudonym::PseudonymKey;
    ///
    /// let text = format!("# a comment\n{}\n", "0f".repeat(32));
    /// assert_eq!(PseudonymKey::parse(&text), Ok(PseudonymKey::from_bytes([0x0f; 32])));
    /// assert!(PseudonymKey::parse("0f0f\n").is_err());
    /// ```
    ///
    /// # Errors
    /// A message saying what was found instead.
    pub fn parse(text: &str) -> Result<PseudonymKey, String> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        let [line] = lines.as_slice() else {
            return Err(format!(
                "expected one line of 64 hex digits, found {} lines",
                lines.len()
            ));
        };
        if line.len() != 64 || !line.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "expected 64 hex digits, found {} characters{}",
                line.chars().count(),
                if line.bytes().all(|b| b.is_ascii_hexdigit()) {
                    ""
                } else {
                    " that are not all hex digits"
                }
            ));
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&line[2 * i..2 * i + 2], 16)
                .map_err(|err| format!("expected hex digits: {err}"))?;
        }
        Ok(PseudonymKey(bytes))
    }

    /// Reads the key in `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read, [`Error::BadKey`] when it holds no key.
    pub fn read(path: &Path) -> Result<PseudonymKey, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        PseudonymKey::parse(&text).map_err(|why| Error::BadKey {
            path: path.to_path_buf(),
            why,
        })
    }

    /// The key in `path`, or, when there is no such file, a fresh key written to a new file
    /// there (created only if it still does not exist, mode 0600 on unix).
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::BadKey`] or [`Error::Random`].
    pub fn load_or_create(path: &Path) -> Result<(PseudonymKey, KeySource), Error> {
        if path.exists() {
            return PseudonymKey::read(path).map(|key| (key, KeySource::Read));
        }
        let key = PseudonymKey::generate()?;
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(io)?;
        let written = file
            .write_all(key.to_file_text().as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(source) = written {
            drop(file);
            let _ = std::fs::remove_file(path);
            return Err(io(source));
        }
        Ok((key, KeySource::Created))
    }

    /// HMAC-SHA256 keyed with this key, ready for a message; clone it for each id.
    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes a key of any length")
    }
}

/// RFC 4648 base32, lowercase, without padding.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The pseudonym of every person of one scenario.
///
/// ```
/// use redeploy_report::pseudonym::{PseudonymKey, Pseudonyms};
///
/// let key = PseudonymKey::from_bytes([7; 32]);
/// let pseudonyms = Pseudonyms::new(&key, ["P01", "P02", "P03"]);
/// let p01 = pseudonyms.get("P01").unwrap();
/// assert!(p01.starts_with("anon-"));
/// assert_eq!(p01.len(), "anon-".len() + 8);
/// // Deterministic given the key, whatever the order of the ids.
/// assert_eq!(Pseudonyms::new(&key, ["P03", "P02", "P01"]).get("P01"), Some(p01));
/// // Traced back with the key.
/// assert_eq!(pseudonyms.person(p01), Some("P01"));
/// // Another key, other pseudonyms.
/// let other = Pseudonyms::new(&PseudonymKey::from_bytes([8; 32]), ["P01"]);
/// assert_ne!(other.get("P01"), Some(p01));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonyms {
    by_id: HashMap<String, String>,
    /// The other way round, for tracing a pseudonym back.
    by_pseudonym: HashMap<String, String>,
}

impl Pseudonyms {
    /// Pseudonyms for `ids` (duplicates count once) under `key`: every tag has the same
    /// length, the shortest from [`MIN_TAG`] up at which no two people share one.
    pub fn new<'a>(key: &PseudonymKey, ids: impl IntoIterator<Item = &'a str>) -> Pseudonyms {
        Pseudonyms::with_min_tag(key, ids, MIN_TAG)
    }

    fn with_min_tag<'a>(
        key: &PseudonymKey,
        ids: impl IntoIterator<Item = &'a str>,
        min_tag: usize,
    ) -> Pseudonyms {
        let mut ids: Vec<&str> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let keyed = key.mac();
        let tags: Vec<String> = ids
            .iter()
            .map(|id| {
                let mut mac = keyed.clone();
                mac.update(id.as_bytes());
                let bytes: [u8; 32] = mac.finalize().into_bytes().into();
                base32(&bytes)
            })
            .collect();
        let full = tags.first().map_or(min_tag, String::len);
        let length = (min_tag..full)
            .find(|&length| {
                let mut cut: Vec<&str> = tags.iter().map(|tag| &tag[..length]).collect();
                cut.sort_unstable();
                cut.windows(2).all(|pair| pair[0] != pair[1])
            })
            .unwrap_or(full);
        let by_id: HashMap<String, String> = ids
            .iter()
            .zip(&tags)
            .map(|(id, tag)| (id.to_string(), format!("{PREFIX}{}", &tag[..length])))
            .collect();
        let by_pseudonym = by_id
            .iter()
            .map(|(id, pseudonym)| (pseudonym.clone(), id.clone()))
            .collect();
        Pseudonyms {
            by_id,
            by_pseudonym,
        }
    }

    /// Pseudonyms for every person of `scenario` under `key`.
    pub fn for_scenario(scenario: &Scenario, key: &PseudonymKey) -> Pseudonyms {
        Pseudonyms::new(key, scenario.people.iter().map(|p| p.id.as_str()))
    }

    /// The pseudonym of `id`, if it is one of the ids.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// The id whose pseudonym is `pseudonym` (case ignored), if any.
    pub fn person(&self, pseudonym: &str) -> Option<&str> {
        self.by_pseudonym
            .get(&pseudonym.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Whether `text` has the shape of a pseudonym.
    pub fn looks_like(text: &str) -> bool {
        text.get(..PREFIX.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(PREFIX))
    }

    /// The pseudonym of `id`; an id outside the scenario (which a round never holds) becomes
    /// `anon-unknown` rather than leaking through.
    fn of(&self, id: &str) -> String {
        self.get(id).unwrap_or("anon-unknown").to_string()
    }

    /// The round with every person id replaced and every list of people sorted by pseudonym.
    pub fn round(&self, round: &Round) -> Round {
        let mut round = round.clone();
        for placement in &mut round.placements {
            placement.person = self.of(&placement.person);
        }
        round.placements.sort_by(|a, b| a.person.cmp(&b.person));
        for unplaced in &mut round.unplaced {
            unplaced.person = self.of(&unplaced.person);
            for taken in &mut unplaced.why.suitable_vacancies_taken {
                for person in &mut taken.taken_by {
                    *person = self.of(person);
                }
                taken.taken_by.sort();
            }
        }
        round.unplaced.sort_by(|a, b| a.person.cmp(&b.person));
        for leaver in &mut round.voluntary_redundancy {
            leaver.person = self.of(&leaver.person);
        }
        round
            .voluntary_redundancy
            .sort_by(|a, b| a.person.cmp(&b.person));
        round
    }

    /// The story with the person's id replaced.
    pub fn story(&self, story: &PersonStory) -> PersonStory {
        let mut story = story.clone();
        story.person = self.of(&story.person);
        story
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(byte: u8) -> PseudonymKey {
        PseudonymKey::from_bytes([byte; 32])
    }

    proptest! {
        // Each case makes up to 600 pseudonyms; 64 cases keep the test under a second.
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn pseudonyms_are_unique_deterministic_and_cover_every_id(
            numbers in proptest::collection::btree_set((b'A'..=b'Z', 0u32..100_000), 0..300),
            seed in any::<u8>(),
        ) {
            let ids: Vec<String> = numbers
                .iter()
                .map(|(letter, number)| format!("{}{number}", char::from(*letter)))
                .collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let pseudonyms = Pseudonyms::new(&key(seed), ids.iter().copied());
            let mut seen: Vec<&str> = ids.iter().map(|id| pseudonyms.get(id).unwrap()).collect();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), ids.len(), "two people share a pseudonym");
            let reversed = Pseudonyms::new(&key(seed), ids.iter().rev().copied());
            prop_assert_eq!(&reversed, &pseudonyms, "pseudonyms depend on the input order");
            for id in &ids {
                let pseudonym = pseudonyms.get(id).unwrap();
                prop_assert_ne!(pseudonym, *id);
                prop_assert_eq!(pseudonyms.person(pseudonym), Some(*id));
            }
        }
    }

    /// RFC 4231 test case 2: HMAC-SHA256 with key "Jefe".
    #[test]
    fn hmac_matches_the_published_answer() {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let bytes: [u8; 32] = mac.finalize().into_bytes().into();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// RFC 4648 section 10, lowercased and without padding.
    #[test]
    fn base32_matches_the_published_answers() {
        for (input, output) in [
            ("", ""),
            ("f", "my"),
            ("fo", "mzxq"),
            ("foo", "mzxw6"),
            ("foob", "mzxw6yq"),
            ("fooba", "mzxw6ytb"),
            ("foobar", "mzxw6ytboi"),
        ] {
            assert_eq!(base32(input.as_bytes()), output, "{input}");
        }
    }

    /// Consecutive staff numbers get pseudonyms whose sorted order is unrelated to theirs:
    /// about half of neighbouring pairs swap, as for a random order.
    #[test]
    fn pseudonym_order_is_not_id_order() {
        let ids: Vec<String> = (1..=2_000).map(|n| format!("P{n:05}")).collect();
        let pseudonyms = Pseudonyms::new(&key(7), ids.iter().map(String::as_str));
        let swapped = ids
            .windows(2)
            .filter(|pair| pseudonyms.get(&pair[0]) > pseudonyms.get(&pair[1]))
            .count();
        assert!(
            (900..=1_100).contains(&swapped),
            "{swapped} of 1999 neighbouring pairs swap; expected about half"
        );
    }

    #[test]
    fn a_tag_grows_when_two_people_would_share_one() {
        // 100 people cannot have distinct tags of one base32 character (32 values), nor,
        // almost surely, of two (1,024 values: a clash-free draw has chance about 0.7%).
        let ids: Vec<String> = (0..100).map(|n| format!("id{n}")).collect();
        let pseudonyms = Pseudonyms::with_min_tag(&key(1), ids.iter().map(String::as_str), 1);
        let lengths: std::collections::BTreeSet<usize> =
            pseudonyms.by_id.values().map(String::len).collect();
        assert_eq!(lengths.len(), 1, "every tag has one length");
        let length = *lengths.first().unwrap() - PREFIX.len();
        assert!(length >= 2, "tags of {length} characters for 100 people");
        let mut all: Vec<&String> = pseudonyms.by_id.values().collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), ids.len(), "two people share a pseudonym");
        // One character shorter would clash: the length is the shortest that does not.
        let cut: std::collections::BTreeSet<&str> = pseudonyms
            .by_id
            .values()
            .map(|p| &p[..PREFIX.len() + length - 1])
            .collect();
        assert!(cut.len() < ids.len());
    }

    #[test]
    fn key_files_are_created_once_then_read() {
        let dir = std::env::temp_dir().join(format!("redeploy-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("key.txt");
        let _ = std::fs::remove_file(&path);
        let (first, source) = PseudonymKey::load_or_create(&path).unwrap();
        assert_eq!(source, KeySource::Created);
        let (again, source) = PseudonymKey::load_or_create(&path).unwrap();
        assert_eq!((again, source), (first.clone(), KeySource::Read));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key\n").unwrap();
        assert!(matches!(
            PseudonymKey::load_or_create(&path),
            Err(Error::BadKey { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key\n");
        assert_eq!(
            format!("{first:?}"),
            "PseudonymKey(..)",
            "a key is never printed"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn fresh_keys_differ() {
        assert_ne!(
            PseudonymKey::generate().unwrap(),
            PseudonymKey::generate().unwrap()
        );
    }
}
