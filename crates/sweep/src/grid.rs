//! The cells of a sweep, in a fixed order, each with its key and the path built from it.
//!
//! Cells nest policies (outermost), rules, overrides (in field order, each value in the order
//! given) and scenarios or seeds (innermost), so a cell's number depends only on the
//! specification. A key lists only the dimensions the specification varies:
//! `policy~<file stem>`, `rule~<name>`, `<last part of the field>~<value>`,
//! `scenario~<file stem>` or `seed~<seed>`; the path joins them with `/`.

use std::path::PathBuf;

use redeploy_model::{MatchingRule, Policy};

use crate::Error;
use crate::spec::Spec;

/// Where a cell's scenario comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A scenario file (resolved).
    File(PathBuf),
    /// A generated scenario of this seed.
    Seed(u64),
}

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Position in grid order, from 0.
    pub index: usize,
    /// The scenario.
    pub source: Source,
    /// The policy file, if the sweep varies policies.
    pub policy: Option<PathBuf>,
    /// The matching rule, if the sweep varies rules.
    pub rule: Option<MatchingRule>,
    /// Policy fields set, with their values.
    pub overrides: Vec<(String, toml::Value)>,
    /// The key: (dimension, value), in path order.
    pub key: Vec<(String, String)>,
}

impl Cell {
    /// The cell's directory under a sweep's output, `rule~optimal/max_band_drop~1/seed~7`.
    pub fn path(&self) -> String {
        self.key
            .iter()
            .map(|(name, value)| format!("{name}~{value}"))
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A value as written in a path: no `/`, `~` or spaces.
fn path_text(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if matches!(c, '/' | '~' | ',' | '"') || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => path_text(text),
        other => path_text(&other.to_string()),
    }
}

fn stem(path: &std::path::Path) -> String {
    path_text(
        &path
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned()),
    )
}

/// Sets the dotted `field` of `policy` to `value`.
///
/// # Errors
/// [`Error::Spec`] for a field a policy does not have (with the fields it does), a value of the
/// wrong type, or a value the policy's range checks refuse.
pub fn apply(policy: &Policy, field: &str, value: &toml::Value) -> Result<Policy, Error> {
    let mut tree = toml::Value::try_from(policy)
        .map_err(|err| Error::Spec(format!("policy `{}`: {err}", policy.name)))?;
    let mut node = &mut tree;
    let parts: Vec<&str> = field.split('.').collect();
    for (depth, part) in parts.iter().enumerate() {
        let table = node
            .as_table_mut()
            .ok_or_else(|| Error::Spec(format!("overrides: `{field}` is not a policy field")))?;
        if !table.contains_key(*part) {
            let known: Vec<&str> = table.keys().map(String::as_str).collect();
            return Err(Error::Spec(format!(
                "overrides: unknown policy field `{field}`, expected one of {} at `{}`",
                known.join(", "),
                parts[..=depth].join(".")
            )));
        }
        node = table.get_mut(*part).expect("the key is there");
    }
    *node = value.clone();
    let changed: Policy = tree.try_into().map_err(|err: toml::de::Error| {
        Error::Spec(format!("overrides: `{field}` = {value}: {}", err.message()))
    })?;
    let problems = changed.check();
    if let Some(problem) = problems.first() {
        return Err(Error::Spec(format!(
            "overrides: `{}` = {}: {}",
            problem.field, problem.found, problem.message
        )));
    }
    Ok(changed)
}

/// Every cell of `spec`, in grid order.
///
/// # Errors
/// [`Error::Spec`] for an unknown rule, an override that does not apply to the default policy,
/// two overrides whose fields end alike, or two scenario files with one stem.
pub fn cells(spec: &Spec) -> Result<Vec<Cell>, Error> {
    let rules: Vec<MatchingRule> = spec
        .rules
        .iter()
        .map(|name| {
            name.parse()
                .map_err(|err: String| Error::Spec(format!("rules: {err}")))
        })
        .collect::<Result<_, _>>()?;
    let mut last_parts = std::collections::BTreeSet::new();
    for (field, values) in &spec.overrides {
        let last = field.rsplit('.').next().unwrap_or(field);
        if !last_parts.insert(last.to_string()) {
            return Err(Error::Spec(format!(
                "overrides: two fields end in `{last}`, so their cells' paths would clash"
            )));
        }
        for value in values {
            apply(&Policy::default(), field, value)?;
        }
    }
    let sources: Vec<(Source, (String, String))> = match &spec.generate {
        Some(generate) => generate
            .seeds
            .iter()
            .map(|&seed| (Source::Seed(seed), ("seed".to_string(), seed.to_string())))
            .collect(),
        None => spec
            .scenarios
            .iter()
            .map(|path| {
                (
                    Source::File(spec.resolve(path)),
                    ("scenario".to_string(), stem(path)),
                )
            })
            .collect(),
    };
    let mut stems = std::collections::BTreeSet::new();
    for (_, (_, value)) in &sources {
        if !stems.insert(value.clone()) {
            return Err(Error::Spec(format!(
                "scenarios: two files are named `{value}`, so their cells' paths would clash"
            )));
        }
    }
    let policies: Vec<Option<PathBuf>> = if spec.policies.is_empty() {
        vec![None]
    } else {
        spec.policies
            .iter()
            .map(|p| Some(spec.resolve(p)))
            .collect()
    };
    let rule_options: Vec<Option<MatchingRule>> = if rules.is_empty() {
        vec![None]
    } else {
        rules.into_iter().map(Some).collect()
    };
    // Every combination of override values, first field outermost.
    let mut combos: Vec<Vec<(String, toml::Value)>> = vec![Vec::new()];
    for (field, values) in &spec.overrides {
        combos = combos
            .into_iter()
            .flat_map(|combo| {
                values.iter().map(move |value| {
                    let mut next = combo.clone();
                    next.push((field.clone(), value.clone()));
                    next
                })
            })
            .collect();
    }
    let mut cells = Vec::new();
    for policy in &policies {
        for rule in &rule_options {
            for combo in &combos {
                for (source, source_key) in &sources {
                    let mut key = Vec::new();
                    if let Some(path) = policy {
                        key.push(("policy".to_string(), stem(path)));
                    }
                    if let Some(rule) = rule {
                        key.push(("rule".to_string(), rule.as_str().to_string()));
                    }
                    for (field, value) in combo {
                        let last = field.rsplit('.').next().unwrap_or(field);
                        key.push((last.to_string(), value_text(value)));
                    }
                    key.push(source_key.clone());
                    cells.push(Cell {
                        index: cells.len(),
                        source: source.clone(),
                        policy: policy.clone(),
                        rule: *rule,
                        overrides: combo.clone(),
                        key,
                    });
                }
            }
        }
    }
    Ok(cells)
}

/// A shard `i/n` (1-based): `(i, n)`.
///
/// # Errors
/// [`Error::Spec`] unless `text` is `i/n` with `1 <= i <= n`.
pub fn parse_shard(text: &str) -> Result<(usize, usize), Error> {
    let bad = || {
        Error::Spec(format!(
            "--shard: expected `i/n` with 1 <= i <= n, found `{text}`"
        ))
    };
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n) = (
        i.trim().parse::<usize>().map_err(|_| bad())?,
        n.trim().parse::<usize>().map_err(|_| bad())?,
    );
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Whether cell `index` belongs to shard `(i, n)`.
pub fn in_shard(index: usize, (i, n): (usize, usize)) -> bool {
    index % n == i - 1
}
