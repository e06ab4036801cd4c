//! Ids of one kind of record: uniqueness and references.
//!
//! This module owns [`Ids`], the ids of one kind of record with where each was first defined,
//! which reports a repeated id and checks that a reference names a known id (with a "did you
//! mean" when it does not). When some records of the kind could not be read, an unknown
//! reference may only follow from that, and is reported as a knock-on problem.

use rustc_hash::FxHashMap;

use crate::error::{Location, Position, Problems};
use crate::record::Located;
use crate::suggest::{a, did_you_mean};

/// The ids of one kind of record, borrowed from the records that define them.
pub(crate) struct Ids<'r> {
    what: &'static str,
    first: FxHashMap<&'r str, &'r Location>,
    /// Whether every record of the kind was read with its id.
    complete: bool,
}

impl<'r> Ids<'r> {
    /// Registers every id, reporting each repeat with where the id was first defined.
    /// `complete` says whether every record of the kind was read with its id.
    pub(crate) fn register(
        what: &'static str,
        ids: impl Iterator<Item = &'r Option<Located<String>>>,
        complete: bool,
        problems: &mut Problems,
    ) -> Ids<'r> {
        let mut first: FxHashMap<&'r str, &'r Location> =
            FxHashMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
        let ids = ids.flatten();
        for id in ids {
            match first.get(id.value.as_str()) {
                Some(earlier) => {
                    let mut diagnostic = id.at.diagnostic(
                        Some("id"),
                        format!(
                            "duplicate {what} id `{}`, first defined {}; ids must be unique",
                            id.value,
                            describe(earlier, &id.at)
                        ),
                    );
                    diagnostic.found = Some(id.value.clone());
                    problems.push(diagnostic);
                }
                None => {
                    first.insert(&id.value, &id.at);
                }
            }
        }
        Ids {
            what,
            first,
            complete,
        }
    }

    /// Whether the id is known.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    /// Checks that a reference (in field `field`) names a known id; absent references pass.
    pub(crate) fn check(
        &self,
        reference: Option<&Located<String>>,
        field: &str,
        problems: &mut Problems,
    ) -> bool {
        match reference {
            Some(reference) => self.check_name(&reference.value, &reference.at, field, problems),
            None => true,
        }
    }

    /// Checks that `name` (written at `at`, in field `field`) is a known id.
    pub(crate) fn check_name(
        &self,
        name: &str,
        at: &Location,
        field: &str,
        problems: &mut Problems,
    ) -> bool {
        if self.contains(name) {
            return true;
        }
        let what = self.what;
        let mut diagnostic = at.diagnostic(
            Some(field),
            format!(
                "unknown {what} `{name}`, expected the id of {} in this scenario",
                a(what)
            ),
        );
        diagnostic.found = Some(name.to_string());
        // Suggestions are looked for in id order, so that ties go to the same id every run.
        let mut known: Vec<&str> = self.first.keys().copied().collect();
        known.sort_unstable();
        diagnostic.help = did_you_mean(name, known);
        diagnostic.knock_on = !self.complete;
        problems.push(diagnostic);
        false
    }
}

/// Where an earlier definition is, as seen from a later one: `at line 12`, `at record 4`, or
/// with the file name when it is another file.
pub(crate) fn describe(earlier: &Location, from: &Location) -> String {
    let place = match earlier.position {
        Position::File => "in the file".to_string(),
        Position::Text { line, column } => format!("at line {line}, column {column}"),
        Position::Header { line } => format!("in the header at line {line}"),
        Position::Record { record, line } => format!("at record {record} (line {line})"),
    };
    if earlier.file == from.file {
        place
    } else {
        format!("{place} of `{}`", earlier.file.display())
    }
}
