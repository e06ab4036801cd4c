//! Policy files.
//!
//! This module owns reading a [`Policy`] from TOML — a file in `configs/policies/`, or an inline
//! `[policy]` table of a scenario. Each top-level key is read on its own through serde, so a
//! problem in one section does not hide problems in the others; unknown keys get a "did you
//! mean"; then [`Policy::check`] finds every value out of range, reported at the value.

use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::Policy;
use crate::error::{Error, Location, Problems};
use crate::inputs::Inputs;
use crate::source::SourceText;
use crate::suggest::did_you_mean;

/// The top-level keys of a policy.
pub(crate) const POLICY_FIELDS: [&str; 15] = [
    "name",
    "description",
    "tiers",
    "tier_mode",
    "rule",
    "block_external_recruitment",
    "may_displace_own_employer",
    "sae",
    "priority",
    "slotting",
    "voluntary_redundancy",
    "redundancy_pay",
    "protection",
    "weights",
    "ranking",
];

/// Reads and checks a policy file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] listing every problem
/// otherwise.
pub fn load_policy(path: &Path) -> Result<Policy, Error> {
    let text = crate::load::read_text(path)?;
    parse_policy(&text, path)
}

/// [`load_policy`], recording the file in `inputs` as `role` (for a policy given on the
/// command line, `--policy`).
///
/// # Errors
///
/// As [`load_policy`].
pub fn load_policy_recorded(path: &Path, role: &str, inputs: &mut Inputs) -> Result<Policy, Error> {
    let text = crate::load::read_recorded(path, role, inputs)?;
    parse_policy(&text, path)
}

/// Reads and checks a policy from TOML text; `path` names the text in messages.
///
/// Fields left out take their defaults.
///
/// ```
/// use std::path::Path;
/// use redeploy_model::{Tier, parse_policy};
///
/// let policy = parse_policy(
///     "name = \"ring-fence\"\ntiers = [\"employer\", \"footprint\"]\n[slotting]\nthreshold = 0.8\n",
///     Path::new("ring-fence.toml"),
/// )
/// .unwrap();
/// assert_eq!(policy.tiers, [Tier::Employer, Tier::Footprint]);
/// assert_eq!(policy.slotting.threshold, 0.8);
/// assert_eq!(policy.sae.max_travel_minutes, 60);
///
/// let err = parse_policy("[slotting]\ntreshold = 0.8\n", Path::new("p.toml")).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "p.toml:2:1: field `slotting.treshold`: unknown field `treshold`, expected `enabled` or `threshold`; did you mean `threshold`?"
/// );
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] listing every problem.
pub fn parse_policy(text: &str, path: &Path) -> Result<Policy, Error> {
    let source = SourceText::new(path, text.to_string());
    let mut problems = Problems::default();
    let Some(document) = crate::load::parse_toml(&source, &mut problems) else {
        return problems.finish(None);
    };
    let policy = read_policy(document.get_ref(), &source, source.whole(), &mut problems);
    problems.finish(policy)
}

/// Reads a policy from a TOML table that starts at `at`, reporting every problem.
pub(crate) fn read_policy(
    table: &DeTable<'_>,
    source: &SourceText,
    at: Location,
    problems: &mut Problems,
) -> Option<Policy> {
    let mut policy = Policy::default();
    let mut ok = true;
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let reader = Section {
            value,
            name,
            source,
        };
        let read = match name {
            "name" => reader.read_into(&mut policy.name, problems),
            "description" => reader.read_into(&mut policy.description, problems),
            "tiers" => reader.read_into(&mut policy.tiers, problems),
            "tier_mode" => reader.read_into(&mut policy.tier_mode, problems),
            "rule" => reader.read_into(&mut policy.rule, problems),
            "block_external_recruitment" => {
                reader.read_into(&mut policy.block_external_recruitment, problems)
            }
            "may_displace_own_employer" => {
                reader.read_into(&mut policy.may_displace_own_employer, problems)
            }
            "sae" => reader.read_into(&mut policy.sae, problems),
            "priority" => reader.read_into(&mut policy.priority, problems),
            "slotting" => reader.read_into(&mut policy.slotting, problems),
            "voluntary_redundancy" => reader.read_into(&mut policy.voluntary_redundancy, problems),
            "redundancy_pay" => reader.read_into(&mut policy.redundancy_pay, problems),
            "protection" => reader.read_into(&mut policy.protection, problems),
            "weights" => reader.read_into(&mut policy.weights, problems),
            "ranking" => reader.read_into(&mut policy.ranking, problems),
            unknown => {
                let mut diagnostic = source
                    .at(key.span().start)
                    .diagnostic(Some(unknown), "unknown field for a policy");
                diagnostic.found = Some(unknown.to_string());
                diagnostic.help = did_you_mean(unknown, POLICY_FIELDS);
                problems.push(diagnostic);
                false
            }
        };
        ok &= read;
    }
    // Sections that failed to read kept their (valid) defaults, so the range checks still
    // report every other problem.
    for problem in policy.check() {
        let value_at = find_value(table, &problem.field)
            .map_or_else(|| at.clone(), |value| source.at(value.span().start));
        let mut diagnostic = value_at.diagnostic(Some(&problem.field), problem.message);
        diagnostic.found = Some(problem.found);
        problems.push(diagnostic);
        ok = false;
    }
    ok.then_some(policy)
}

/// One top-level key of a policy and its value.
struct Section<'a, 'i> {
    value: &'a Spanned<DeValue<'i>>,
    name: &'a str,
    source: &'a SourceText,
}

impl Section<'_, '_> {
    /// Deserializes the value into `slot`; on failure records the problem and returns false.
    fn read_into<T: DeserializeOwned>(&self, slot: &mut T, problems: &mut Problems) -> bool {
        match T::deserialize(ValueDeserializer::from(self.value.clone())) {
            Ok(value) => {
                *slot = value;
                true
            }
            Err(err) => {
                problems.push(self.diagnose(&err));
                false
            }
        }
    }

    fn diagnose(&self, err: &toml::de::Error) -> crate::Diagnostic {
        let span = err.span().unwrap_or_else(|| self.value.span());
        let mut field = self.name.to_string();
        if let DeValue::Table(table) = self.value.get_ref()
            && let Some((key, _)) = table.iter().find(|(key, value)| {
                key.span().start == span.start || value.span().contains(&span.start)
            })
        {
            field = format!("{}.{}", self.name, key.get_ref());
        }
        let message = plain_serde_message(err.message().trim());
        let mut diagnostic = self
            .source
            .at(span.start)
            .diagnostic(Some(&field), message.clone());
        if let Some(unknown) = backticked(&message)
            .first()
            .filter(|_| message.starts_with("unknown"))
        {
            diagnostic.found = Some((*unknown).to_string());
            let expected = backticked(message.split_once("expected").map_or("", |(_, rest)| rest));
            diagnostic.help = did_you_mean(unknown, expected);
        }
        diagnostic
    }
}

/// A serde message in the project's words: `invalid type: string "one", expected u8` becomes
/// ``expected a whole number from 0 to 255, found the string `"one"` ``.
fn plain_serde_message(message: &str) -> String {
    let friendly = |expected: &str| match expected.trim() {
        "u8" => "a whole number from 0 to 255".to_string(),
        "u32" => "a whole number from 0 to 4294967295".to_string(),
        "u64" => "a whole number from 0 to 18446744073709551615".to_string(),
        "f64" => "a number".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "a sequence" => "an array".to_string(),
        other => other.to_string(),
    };
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let found = serde_found(found);
        return format!("expected {}, found {found}", friendly(expected));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let value = found.split_once(' ').map_or(found, |(_, value)| value);
        return format!("{} is out of range, expected {}", value, friendly(expected));
    }
    message.to_string()
}

/// A value as serde describes it (`string "x"`, ``floating point `60.5` ``, ``integer `-3` ``,
/// `sequence`) in the words the scenario reader uses: the string `` `"x"` ``, `` `60.5` ``, `an array`.
fn serde_found(found: &str) -> String {
    if let Some((kind, value)) = found.split_once('"') {
        return format!("the {} `\"{value}`", kind.trim());
    }
    if let Some((_, value)) = found.split_once('`') {
        return format!("`{}`", value.trim_end_matches('`'));
    }
    match found {
        "sequence" => "an array".to_string(),
        "map" => "a table".to_string(),
        other => other.to_string(),
    }
}

/// The names in backticks in a serde message (`unknown variant `x`, expected `a` or `b``).
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// The value at a dotted path (`slotting.threshold`) in a TOML table.
fn find_value<'a, 'i>(table: &'a DeTable<'i>, path: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    let (head, rest) = path
        .split_once('.')
        .map_or((path, None), |(h, r)| (h, Some(r)));
    let value = table.get(head)?;
    match (rest, value.get_ref()) {
        (None, _) => Some(value),
        (Some(rest), DeValue::Table(inner)) => find_value(inner, rest),
        (Some(_), _) => None,
    }
}
