//! Typed field values, read from a TOML value or a CSV cell.
//!
//! This module owns [`FieldValue`]: how each kind of field (text, whole numbers, decimals,
//! yes/no, dates, bands, keywords, lists) is read from TOML and from CSV, and the message a
//! user sees when the value has the wrong form. Range checks that depend on the meaning of a
//! field (hours, coordinates, dates against the round date) live in the validation modules.

use chrono::NaiveDate;
use toml::de::DeValue;

use crate::suggest::did_you_mean;
use crate::{Band, ContractType, EmployerKind, PriorityKind, Ranking};

/// Why a value could not be read: the message, and a hint if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadValue {
    pub(crate) found: Option<String>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl BadValue {
    fn new(found: impl Into<String>, message: impl Into<String>) -> BadValue {
        BadValue {
            found: Some(found.into()),
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: Option<String>) -> BadValue {
        self.help = help;
        self
    }
}

/// A value a scenario field can hold, readable from TOML and from a CSV cell.
pub(crate) trait FieldValue: Sized {
    /// Reads the value from TOML.
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue>;
    /// Reads the value from a non-empty, trimmed CSV cell.
    fn from_cell(text: &str) -> Result<Self, BadValue>;
}

/// How a TOML value is described in a message: `` `12` ``, `` the string `"x"` ``, `an array`.
pub(crate) fn describe(value: &DeValue<'_>) -> (String, String) {
    match value {
        DeValue::String(text) => (text.to_string(), format!("the string `{text:?}`")),
        DeValue::Integer(int) => (int.to_string(), format!("`{int}`")),
        DeValue::Float(float) => (float.to_string(), format!("`{float}`")),
        DeValue::Boolean(flag) => (flag.to_string(), format!("`{flag}`")),
        DeValue::Datetime(when) => (when.to_string(), format!("`{when}`")),
        DeValue::Array(_) => ("[…]".to_string(), "an array".to_string()),
        DeValue::Table(_) => ("{…}".to_string(), "a table".to_string()),
    }
}

/// `text` without leading and trailing whitespace, as [`str::trim`], with a quick answer for
/// the usual cell that starts and ends with a printable ASCII character (every other
/// whitespace character is outside ASCII, so such a cell has none to trim).
pub(crate) fn trim(text: &str) -> &str {
    let plain = |byte: Option<&u8>| byte.is_some_and(|&byte| byte.is_ascii_graphic());
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

fn wrong_type(value: &DeValue<'_>, expected: &str) -> BadValue {
    let (found, described) = describe(value);
    BadValue::new(found, format!("expected {expected}, found {described}"))
}

impl FieldValue for String {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::String(text) => String::from_cell(text.trim()),
            other => Err(wrong_type(other, "text")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        if text.is_empty() {
            Err(BadValue::new("", "expected text, found an empty string"))
        } else {
            Ok(text.to_string())
        }
    }
}

fn integer_text(value: &DeValue<'_>, expected: &str) -> Result<i128, BadValue> {
    match value {
        DeValue::Integer(int) => {
            i128::from_str_radix(int.as_str(), int.radix()).map_err(|_| wrong_type(value, expected))
        }
        other => Err(wrong_type(other, expected)),
    }
}

macro_rules! whole_number {
    ($ty:ty) => {
        impl FieldValue for $ty {
            fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
                let expected = format!("a whole number from 0 to {}", <$ty>::MAX);
                let number = integer_text(value, &expected)?;
                <$ty>::try_from(number).map_err(|_| {
                    BadValue::new(
                        number.to_string(),
                        format!("`{number}` is out of range, expected {expected}"),
                    )
                })
            }

            fn from_cell(text: &str) -> Result<Self, BadValue> {
                let parsed = if text.contains('_') {
                    text.replace('_', "").parse::<$ty>()
                } else {
                    text.parse::<$ty>()
                };
                parsed.map_err(|_| {
                    BadValue::new(
                        text,
                        format!(
                            "expected a whole number from 0 to {}, found `{text}`",
                            <$ty>::MAX
                        ),
                    )
                })
            }
        }
    };
}

whole_number!(u8);
whole_number!(u32);
whole_number!(u64);

impl FieldValue for f64 {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        let number = match value {
            DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(_) => integer_text(value, "a number").ok().map(|n| n as f64),
            _ => None,
        };
        match number {
            Some(number) if number.is_finite() => Ok(number),
            _ => Err(wrong_type(value, "a finite number")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(number),
            _ => Err(BadValue::new(
                text,
                format!("expected a number, found `{text}`"),
            )),
        }
    }
}

impl FieldValue for bool {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::Boolean(flag) => Ok(*flag),
            other => Err(wrong_type(other, "`true` or `false`")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        match text {
            "true" => return Ok(true),
            "false" => return Ok(false),
            _ => {}
        }
        let is = |words: [&str; 4]| words.iter().any(|word| word.eq_ignore_ascii_case(text));
        match () {
            () if is(["true", "yes", "y", "1"]) => Ok(true),
            () if is(["false", "no", "n", "0"]) => Ok(false),
            () => Err(BadValue::new(
                text,
                format!("expected `true` or `false` (or yes/no), found `{text}`"),
            )),
        }
    }
}

impl FieldValue for NaiveDate {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::Datetime(when) => match (when.date, when.time, when.offset) {
                (Some(date), None, None) => {
                    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                        .ok_or_else(|| wrong_type(value, "a calendar date"))
                }
                _ => Err(wrong_type(value, "a date without a time, as YYYY-MM-DD")),
            },
            DeValue::String(text) => NaiveDate::from_cell(text.trim()),
            other => Err(wrong_type(other, "a date, as YYYY-MM-DD")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        if let Some(date) = iso_date(text) {
            return Ok(date);
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            && text.len() == 10
        {
            return Ok(date);
        }
        let help = NaiveDate::parse_from_str(text, "%d/%m/%Y")
            .ok()
            .map(|date| format!("did you mean `{}`?", date.format("%Y-%m-%d")));
        Err(BadValue::new(
            text,
            format!("expected a date as YYYY-MM-DD, found `{text}`"),
        )
        .with_help(help))
    }
}

/// The date of `YYYY-MM-DD` (ten characters, digits and dashes) when it is a calendar date,
/// read without a format string; anything else is left to chrono's parser.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes: &[u8; 10] = text.as_bytes().try_into().ok()?;
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |number, &byte| {
            byte.is_ascii_digit()
                .then(|| number * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Keyword fields: one of a fixed list of names.
trait Keyword: Sized + Copy + 'static {
    const ALL: &'static [Self];
    const WHAT: &'static str;
    fn name(self) -> &'static str;
}

fn parse_keyword<K: Keyword>(text: &str) -> Result<K, BadValue> {
    if let Some(found) = K::ALL.iter().find(|k| k.name().eq_ignore_ascii_case(text)) {
        return Ok(*found);
    }
    let names: Vec<&str> = K::ALL.iter().map(|k| k.name()).collect();
    let expected = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(BadValue::new(
        text,
        format!("unknown {} `{text}`, expected one of {expected}", K::WHAT),
    )
    .with_help(did_you_mean(text, names.iter().copied())))
}

macro_rules! keyword {
    ($ty:ty, $what:literal, $all:expr) => {
        impl Keyword for $ty {
            const ALL: &'static [Self] = &$all;
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl FieldValue for $ty {
            fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
                match value {
                    DeValue::String(text) => parse_keyword(text.trim()),
                    other => Err(wrong_type(other, concat!("a ", $what, " name"))),
                }
            }

            fn from_cell(text: &str) -> Result<Self, BadValue> {
                parse_keyword(text)
            }
        }
    };
}

keyword!(EmployerKind, "employer kind", EmployerKind::ALL);
keyword!(
    ContractType,
    "contract type",
    [ContractType::Permanent, ContractType::FixedTerm]
);
keyword!(
    PriorityKind,
    "priority",
    [
        PriorityKind::None,
        PriorityKind::Pregnancy,
        PriorityKind::Maternity,
        PriorityKind::Adoption,
        PriorityKind::SharedParental,
    ]
);

impl FieldValue for Band {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::String(text) => Band::from_cell(text.trim()),
            DeValue::Integer(int) => Band::from_cell(&int.to_string()),
            other => Err(wrong_type(other, "an Agenda for Change band")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        text.parse::<Band>()
            .map_err(|err| BadValue::new(text, err.to_string()))
    }
}

/// A list of names: a TOML array of strings, or a `;`-separated CSV cell.
impl FieldValue for Vec<String> {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::Array(items) => items
                .iter()
                .map(|item| String::from_toml(item.get_ref()))
                .collect(),
            other => Err(wrong_type(other, "an array of text")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        Ok(text
            .split(';')
            .map(trim)
            .filter(|item| !item.is_empty())
            .map(str::to_string)
            .collect())
    }
}

fn ranking_entry(text: &str) -> Result<Vec<String>, BadValue> {
    Ranking::parse_entry(text).ok_or_else(|| {
        BadValue::new(
            text,
            format!("expected an id, or ids tied with `=` (`V2 = V3`), found `{text}`"),
        )
    })
}

impl FieldValue for Ranking {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        let DeValue::Array(items) = value else {
            return Err(wrong_type(value, "an array of ids (best first)"));
        };
        let mut groups = Vec::with_capacity(items.len());
        for item in items {
            groups.push(match item.get_ref() {
                DeValue::String(text) => ranking_entry(text.trim())?,
                DeValue::Array(tied) => tied
                    .iter()
                    .map(|id| String::from_toml(id.get_ref()))
                    .collect::<Result<Vec<_>, _>>()?,
                other => return Err(wrong_type(other, "an id or an array of tied ids")),
            });
        }
        Ok(Ranking::from_groups(groups))
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        text.split(';')
            .map(trim)
            .filter(|item| !item.is_empty())
            .map(ranking_entry)
            .collect::<Result<Vec<_>, _>>()
            .map(Ranking::from_groups)
    }
}

/// A skill that may be trained, as written: `skill:weeks` or `{ skill = "…", weeks = N }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TrainableEntry {
    pub(crate) skill: String,
    pub(crate) weeks: u32,
}

impl TrainableEntry {
    fn from_text(text: &str) -> Result<TrainableEntry, BadValue> {
        let expected = "expected `skill:weeks` (for example `budgeting:6`)";
        let Some((skill, weeks)) = text.rsplit_once(':') else {
            return Err(BadValue::new(text, format!("{expected}, found `{text}`")));
        };
        let skill = skill.trim();
        let weeks = weeks.trim();
        match weeks.parse::<u32>() {
            Ok(weeks) if !skill.is_empty() => Ok(TrainableEntry {
                skill: skill.to_string(),
                weeks,
            }),
            _ => Err(BadValue::new(text, format!("{expected}, found `{text}`"))),
        }
    }

    fn from_table_value(value: &DeValue<'_>) -> Result<TrainableEntry, BadValue> {
        let DeValue::Table(table) = value else {
            return match value {
                DeValue::String(text) => TrainableEntry::from_text(text.trim()),
                other => Err(wrong_type(
                    other,
                    "`skill:weeks` or `{ skill = \"…\", weeks = N }`",
                )),
            };
        };
        let mut skill = None;
        let mut weeks = None;
        for (key, item) in table.iter() {
            match key.get_ref().as_ref() {
                "skill" => skill = Some(String::from_toml(item.get_ref())?),
                "weeks" => weeks = Some(u32::from_toml(item.get_ref())?),
                other => {
                    return Err(BadValue::new(
                        other,
                        format!("unknown key `{other}` in a trainable skill, expected `skill` and `weeks`"),
                    )
                    .with_help(did_you_mean(other, ["skill", "weeks"])));
                }
            }
        }
        match (skill, weeks) {
            (Some(skill), Some(weeks)) => Ok(TrainableEntry { skill, weeks }),
            _ => Err(BadValue::new(
                "{…}",
                "a trainable skill needs both `skill` and `weeks`",
            )),
        }
    }
}

impl FieldValue for Vec<TrainableEntry> {
    fn from_toml(value: &DeValue<'_>) -> Result<Self, BadValue> {
        match value {
            DeValue::Array(items) => items
                .iter()
                .map(|item| TrainableEntry::from_table_value(item.get_ref()))
                .collect(),
            other => Err(wrong_type(other, "an array of trainable skills")),
        }
    }

    fn from_cell(text: &str) -> Result<Self, BadValue> {
        text.split(';')
            .map(trim)
            .filter(|item| !item.is_empty())
            .map(TrainableEntry::from_text)
            .collect()
    }
}

#[cfg(test)]
mod tests;
