//! Code tables and the tally of codes the mapping does not know.
//!
//! This module owns looking codes up: the `[codes]` tables keyed with case and spacing ignored
//! ([`crate::code_key`]), the `[[codes.rules]]` that give skills and registrations by occupation
//! code, job role, area of work and staff group, and [`UnknownCode`], the count of every code a
//! table or rule does not know. No code is dropped quietly: each unknown one is listed with how
//! many rows carry it, its first line and what happened to those rows.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use crate::cell::code_key;
use crate::mapping::{Codes, Rule};

/// A `[codes.*]` table keyed on [`code_key`], remembering each cell text it has looked up (an
/// extract repeats a few codes over many rows).
#[derive(Debug, Clone)]
pub(crate) struct Table<T> {
    map: HashMap<String, T>,
    memo: RefCell<HashMap<String, Option<T>>>,
}

impl<T: Clone> Table<T> {
    pub(crate) fn new(entries: &BTreeMap<String, T>) -> Table<T> {
        Table {
            map: entries
                .iter()
                .map(|(code, value)| (code_key(code), value.clone()))
                .collect(),
            memo: RefCell::default(),
        }
    }

    pub(crate) fn get(&self, code: &str) -> Option<T> {
        if let Some(found) = self.memo.borrow().get(code) {
            return found.clone();
        }
        let found = self.map.get(&code_key(code)).cloned();
        self.memo
            .borrow_mut()
            .insert(code.to_string(), found.clone());
        found
    }
}

/// The keys a rule is matched on, as a row carries them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RuleKeys<'a> {
    pub(crate) occupation_code: Option<&'a str>,
    pub(crate) job_role: Option<&'a str>,
    pub(crate) area_of_work: Option<&'a str>,
    pub(crate) staff_group: Option<&'a str>,
}

/// What the rules that match a row give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Derived {
    pub(crate) skills: Vec<String>,
    pub(crate) registrations: Vec<String>,
}

/// One rule with its keys normalised.
#[derive(Debug, Clone)]
struct CompiledRule {
    /// (the code or prefix, whether it is a prefix).
    occupation_code: Option<(String, bool)>,
    job_role: Option<String>,
    area_of_work: Option<String>,
    staff_group: Option<String>,
    skills: Vec<String>,
    registration: Option<String>,
}

impl CompiledRule {
    fn new(rule: &Rule) -> CompiledRule {
        CompiledRule {
            occupation_code: rule.occupation_code.as_deref().map(|code| {
                let key = code_key(code);
                match key.strip_suffix('*') {
                    Some(prefix) => (prefix.to_string(), true),
                    None => (key, false),
                }
            }),
            job_role: rule.job_role.as_deref().map(code_key),
            area_of_work: rule.area_of_work.as_deref().map(code_key),
            staff_group: rule.staff_group.as_deref().map(code_key),
            skills: rule.skills.clone(),
            registration: rule.registration.clone(),
        }
    }

    fn occupation_matches(&self, code: &str) -> bool {
        match &self.occupation_code {
            Some((prefix, true)) => code.starts_with(prefix.as_str()),
            Some((whole, false)) => code == whole,
            None => true,
        }
    }

    fn matches(&self, keys: &NormalisedKeys) -> bool {
        fn same(rule: &Option<String>, row: &Option<String>) -> bool {
            match rule {
                None => true,
                Some(wanted) => row.as_ref() == Some(wanted),
            }
        }
        (self.occupation_code.is_none()
            || keys
                .occupation_code
                .as_deref()
                .is_some_and(|code| self.occupation_matches(code)))
            && same(&self.job_role, &keys.job_role)
            && same(&self.area_of_work, &keys.area_of_work)
            && same(&self.staff_group, &keys.staff_group)
    }
}

#[derive(Debug, Default)]
struct NormalisedKeys {
    occupation_code: Option<String>,
    job_role: Option<String>,
    area_of_work: Option<String>,
    staff_group: Option<String>,
}

/// What [`Rules::derive`] gives a row.
type Derivation = (Derived, Vec<RuleKey>);

/// The `[[codes.rules]]`, ready to match rows, remembering the result for each combination of
/// keys met (an extract repeats a few combinations over many rows).
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    rules: Vec<CompiledRule>,
    memo: RefCell<HashMap<String, Derivation>>,
}

/// Which rule keys a value was not found under, for the tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleKey {
    OccupationCode,
    JobRole,
    AreaOfWork,
}

impl Rules {
    pub(crate) fn new(codes: &Codes) -> Rules {
        Rules {
            rules: codes.rules.iter().map(CompiledRule::new).collect(),
            memo: RefCell::default(),
        }
    }

    /// The skills and registrations of every rule that matches, in rule order, each once; and
    /// the keys the row carries that no rule mentions.
    pub(crate) fn derive(&self, keys: RuleKeys<'_>) -> Derivation {
        let mut memo_key = String::new();
        for key in [
            keys.occupation_code,
            keys.job_role,
            keys.area_of_work,
            keys.staff_group,
        ] {
            memo_key.push_str(key.unwrap_or("\u{1}"));
            memo_key.push('\u{1f}');
        }
        if let Some(found) = self.memo.borrow().get(&memo_key) {
            return found.clone();
        }
        let found = self.derive_uncached(keys);
        self.memo.borrow_mut().insert(memo_key, found.clone());
        found
    }

    fn derive_uncached(&self, keys: RuleKeys<'_>) -> Derivation {
        let keys = NormalisedKeys {
            occupation_code: keys.occupation_code.map(code_key),
            job_role: keys.job_role.map(code_key),
            area_of_work: keys.area_of_work.map(code_key),
            staff_group: keys.staff_group.map(code_key),
        };
        let mut derived = Derived::default();
        for rule in self.rules.iter().filter(|rule| rule.matches(&keys)) {
            for skill in &rule.skills {
                if !derived.skills.contains(skill) {
                    derived.skills.push(skill.clone());
                }
            }
            if let Some(registration) = &rule.registration
                && !derived.registrations.contains(registration)
            {
                derived.registrations.push(registration.clone());
            }
        }
        let mut unknown = Vec::new();
        if let Some(code) = &keys.occupation_code
            && !self
                .rules
                .iter()
                .any(|rule| rule.occupation_code.is_some() && rule.occupation_matches(code))
        {
            unknown.push(RuleKey::OccupationCode);
        }
        if let Some(role) = &keys.job_role
            && !self
                .rules
                .iter()
                .any(|rule| rule.job_role.as_ref() == Some(role))
        {
            unknown.push(RuleKey::JobRole);
        }
        if let Some(area) = &keys.area_of_work
            && !self
                .rules
                .iter()
                .any(|rule| rule.area_of_work.as_ref() == Some(area))
        {
            unknown.push(RuleKey::AreaOfWork);
        }
        (derived, unknown)
    }
}

/// What happened to the rows that carry an unknown code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// The rows failed: the field is needed.
    Failed,
    /// The rows were skipped on purpose (an organisation outside the footprint, a scale outside
    /// Agenda for Change on a vacancy).
    Skipped,
    /// The rows were imported without what the code would have given (skills, registration).
    ImportedWithout,
}

impl Effect {
    /// A few words for the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Failed => "rows failed",
            Effect::Skipped => "rows skipped",
            Effect::ImportedWithout => "imported without skills or registration from it",
        }
    }
}

/// One code the mapping does not know, with how many rows carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// The extract's file name.
    pub file: String,
    /// The column it is in.
    pub column: String,
    /// The table or rule key that does not know it (`codes.job_family`).
    pub table: String,
    /// The code as first met.
    pub code: String,
    /// Rows carrying it.
    pub count: usize,
    /// Record number of the first such row (from 1 after the header).
    pub first_record: usize,
    /// Line of the first such row.
    pub first_line: usize,
    /// What happened to those rows.
    pub effect: Effect,
}

/// Counts unknown codes by (file, column, table, code key).
#[derive(Debug, Default)]
pub(crate) struct Tally {
    codes: BTreeMap<(String, String, String, String), UnknownCode>,
}

impl Tally {
    pub(crate) fn add(
        &mut self,
        file: &str,
        column: &str,
        table: &str,
        code: &str,
        (record, line): (usize, usize),
        effect: Effect,
    ) {
        let key = (
            file.to_string(),
            column.to_string(),
            table.to_string(),
            code_key(code),
        );
        self.codes
            .entry(key)
            .and_modify(|known| known.count += 1)
            .or_insert_with(|| UnknownCode {
                file: file.to_string(),
                column: column.to_string(),
                table: table.to_string(),
                code: code.to_string(),
                count: 1,
                first_record: record,
                first_line: line,
                effect,
            });
    }

    /// Adds the counts of another tally.
    pub(crate) fn merge(&mut self, other: Tally) {
        for (key, code) in other.codes {
            match self.codes.get_mut(&key) {
                Some(known) => known.count += code.count,
                None => {
                    self.codes.insert(key, code);
                }
            }
        }
    }

    /// Every unknown code, most rows first, then by file, column and code.
    pub(crate) fn finish(self) -> Vec<UnknownCode> {
        let mut codes: Vec<UnknownCode> = self.codes.into_values().collect();
        codes.sort_by(|a, b| {
            (
                a.effect,
                std::cmp::Reverse(a.count),
                &a.file,
                &a.column,
                &a.code,
            )
                .cmp(&(
                    b.effect,
                    std::cmp::Reverse(b.count),
                    &b.file,
                    &b.column,
                    &b.code,
                ))
        });
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(list: Vec<Rule>) -> Rules {
        Rules::new(&Codes {
            rules: list,
            ..Codes::default()
        })
    }

    #[test]
    fn a_prefix_rule_gives_nursing_codes_their_registration() {
        let rules = rules(vec![
            Rule {
                occupation_code: Some("N*".into()),
                registration: Some("NMC".into()),
                ..Rule::default()
            },
            Rule {
                area_of_work: Some("Finance".into()),
                skills: vec!["finance".into()],
                ..Rule::default()
            },
        ]);
        let (derived, unknown) = rules.derive(RuleKeys {
            occupation_code: Some("n0a"),
            area_of_work: Some(" FINANCE "),
            job_role: Some("Staff Nurse"),
            ..RuleKeys::default()
        });
        assert_eq!(derived.registrations, ["NMC"]);
        assert_eq!(derived.skills, ["finance"]);
        assert_eq!(unknown, [RuleKey::JobRole]);
        let (derived, unknown) = rules.derive(RuleKeys {
            occupation_code: Some("B0A"),
            ..RuleKeys::default()
        });
        assert_eq!(derived, Derived::default());
        assert_eq!(unknown, [RuleKey::OccupationCode]);
    }

    #[test]
    fn a_rule_with_two_keys_needs_both() {
        let rules = rules(vec![Rule {
            staff_group: Some("Nursing and Midwifery Registered".into()),
            area_of_work: Some("Theatres".into()),
            skills: vec!["theatres".into()],
            ..Rule::default()
        }]);
        let only_group = RuleKeys {
            staff_group: Some("nursing and midwifery registered"),
            ..RuleKeys::default()
        };
        assert!(rules.derive(only_group).0.skills.is_empty());
        let both = RuleKeys {
            area_of_work: Some("theatres"),
            ..only_group
        };
        assert_eq!(rules.derive(both).0.skills, ["theatres"]);
    }

    #[test]
    fn the_tally_counts_spellings_of_one_code_together() {
        let mut tally = Tally::default();
        for (code, line) in [("Estates", 4), ("ESTATES", 9), ("Bank", 3)] {
            tally.add(
                "s.csv",
                "Staff Group",
                "codes.job_family",
                code,
                (line - 1, line),
                Effect::Failed,
            );
        }
        let codes = tally.finish();
        assert_eq!(codes.len(), 2);
        assert_eq!(
            (codes[0].code.as_str(), codes[0].count, codes[0].first_line),
            ("Estates", 2, 4)
        );
        assert_eq!(codes[1].count, 1);
    }
}
