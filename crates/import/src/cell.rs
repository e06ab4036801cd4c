//! Reading one extract cell: dates, bands, numbers, yes/no, postcodes and code keys.
//!
//! This module owns the spellings real extracts use. Dates come as ISO (`2025-10-03`) or UK
//! day-first (`03/10/2025`, `3-10-2025`, `03-OCT-2025`); a date is never read month-first, and a
//! two-digit year is refused rather than guessed. Bands come as `5`, `Band 5`, `BAND 8C` or
//! `Agenda for Change Band 6`. Codes are compared with case and runs of spaces ignored. Each
//! reader returns what was expected when it fails, for the problem list.

use chrono::NaiveDate;
use redeploy_model::Band;

/// A code as tables key it: trimmed, lower case, runs of white space as one space.
///
/// ```
/// assert_eq!(redeploy_import::code_key("  Admin  AND Clerical "), "admin and clerical");
/// ```
pub fn code_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

const DATE_EXPECTED: &str = "a date as ISO `2025-10-03` or day-first `03/10/2025`";

/// A date written ISO or UK day-first; never month-first.
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_import::parse_date;
///
/// let day = NaiveDate::from_ymd_opt(2025, 10, 3).unwrap();
/// assert_eq!(parse_date("2025-10-03"), Ok(day));
/// assert_eq!(parse_date("03/10/2025"), Ok(day));
/// assert_eq!(parse_date("3-Oct-2025"), Ok(day));
/// assert!(parse_date("10/13/2025").is_err()); // month-first: there is no month 13
/// assert!(parse_date("03/10/25").is_err()); // two-digit year
/// ```
///
/// # Errors
///
/// What was expected, when the text is not such a date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // A time of day after the date (`2025-10-03 00:00:00`, `2025-10-03T00:00`) is dropped.
    let text = text.split(' ').next().unwrap_or(text);
    let text = match text.as_bytes().get(10) {
        Some(b'T') => &text[..10],
        _ => text,
    };
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DATE_EXPECTED.to_string());
    };
    let (year, month, day) = if a.len() == 4 {
        (*a, *b, *c)
    } else if c.len() == 4 {
        (*c, *b, *a)
    } else {
        return Err(format!("{DATE_EXPECTED} (with a four-digit year)"));
    };
    let year: i32 = year.parse().map_err(|_| DATE_EXPECTED.to_string())?;
    let month = month_number(month).ok_or_else(|| DATE_EXPECTED.to_string())?;
    let day: u32 = day.parse().map_err(|_| DATE_EXPECTED.to_string())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{DATE_EXPECTED} (a day that exists)"))
}

fn month_number(text: &str) -> Option<u32> {
    if let Ok(number) = text.parse::<u32>() {
        return Some(number);
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|month| lower.starts_with(month) && lower.len() <= 9)
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// An Agenda for Change band in the spellings extracts use.
///
/// ```
/// use redeploy_model::Band;
/// use redeploy_import::parse_band;
///
/// assert_eq!(parse_band("Band 8a"), Some(Band::B8a));
/// assert_eq!(parse_band("BAND 8C"), Some(Band::B8c));
/// assert_eq!(parse_band("Agenda for Change Band 6"), Some(Band::B6));
/// assert_eq!(parse_band("5"), Some(Band::B5));
/// assert_eq!(parse_band("Consultant"), None);
/// ```
pub fn parse_band(text: &str) -> Option<Band> {
    let key = code_key(text);
    let key = key.strip_prefix("agenda for change").unwrap_or(&key).trim();
    let key = key.strip_prefix("afc").unwrap_or(key).trim();
    let key = key.strip_prefix("band").unwrap_or(key).trim();
    Band::ALL
        .into_iter()
        .find(|band| band.as_str() == key.replace(' ', ""))
}

/// Yes or no in the spellings extracts use (`yes`/`no`, `y`/`n`, `true`/`false`, `1`/`0`).
///
/// ```
/// assert_eq!(redeploy_import::parse_yes_no("Y"), Some(true));
/// assert_eq!(redeploy_import::parse_yes_no("No"), Some(false));
/// assert_eq!(redeploy_import::parse_yes_no("maybe"), None);
/// ```
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match code_key(text).as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A number, allowing thousands separators and a leading `£` (`£31,049`).
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A postcode as the lookup keys it: upper case, one space before the last three characters
/// (`nv14ab` → `NV1 4AB`); a district (`NV1`) stays as it is.
///
/// ```
/// use redeploy_import::postcode_key;
///
/// assert_eq!(postcode_key(" nv1  4ab"), "NV1 4AB");
/// assert_eq!(postcode_key("NV14AB"), "NV1 4AB");
/// assert_eq!(postcode_key("nv1"), "NV1");
/// ```
pub fn postcode_key(text: &str) -> String {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.len() >= 5 && compact.is_ascii() {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        // An inward code is a digit and two letters.
        if inward.starts_with(|c: char| c.is_ascii_digit()) {
            return format!("{outward} {inward}");
        }
    }
    compact
}

/// The district (outward code) of a postcode key: `NV1 4AB` → `NV1`.
pub(crate) fn postcode_district(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// The equality-monitoring age band of a person on the round date.
pub(crate) fn age_band(date_of_birth: NaiveDate, on: NaiveDate) -> Option<&'static str> {
    Some(redeploy_model::Equality::age_band_of(
        on.years_since(date_of_birth)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every date reads back the same whether written ISO or day-first, with either
        /// separator, and is never swapped month-first.
        #[test]
        fn iso_and_day_first_agree(days in 0i64..60_000) {
            let date = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Days::new(days as u64);
            for text in [
                date.format("%Y-%m-%d").to_string(),
                date.format("%d/%m/%Y").to_string(),
                date.format("%-d/%-m/%Y").to_string(),
                date.format("%d-%m-%Y").to_string(),
                date.format("%d-%b-%Y").to_string().to_uppercase(),
                date.format("%Y-%m-%d 00:00:00").to_string(),
            ] {
                prop_assert_eq!(parse_date(&text), Ok(date), "{}", text);
            }
        }

        /// A postcode key is the same however the postcode was spaced or cased.
        #[test]
        fn postcode_keys_ignore_case_and_spacing(outward in "[A-Z]{1,2}[0-9]{1,2}", inward in "[0-9][A-Z]{2}") {
            let key = format!("{outward} {inward}");
            prop_assert_eq!(postcode_key(&key.to_lowercase()), key.clone());
            prop_assert_eq!(postcode_key(&format!("{outward}{inward}")), key.clone());
            prop_assert_eq!(postcode_district(&key), outward.as_str());
        }
    }

    #[test]
    fn numbers_allow_pounds_and_thousands() {
        assert_eq!(parse_number("£31,049"), Some(31_049.0));
        assert_eq!(parse_number(" 0.6 "), Some(0.6));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("six"), None);
    }

    #[test]
    fn age_bands_follow_the_birthday() {
        let on = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(age_band(born(1980, 10, 1), on), Some("45-54"));
        assert_eq!(age_band(born(1980, 10, 2), on), Some("35-44"));
        assert_eq!(age_band(born(2030, 1, 1), on), None);
    }
}
