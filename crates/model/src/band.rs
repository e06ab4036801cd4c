//! Agenda for Change pay bands.
//!
//! This module owns the ordered set of AfC bands `1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9`.
//! Bands 8a–8d count as separate bands, so there are twelve ordinal levels, compared by
//! [`Band::index`] (0 for band 1 up to 11 for band 9).

use std::fmt;
use std::str::FromStr;

/// An Agenda for Change pay band.
///
/// Bands are totally ordered from [`Band::B1`] to [`Band::B9`]; `8a`–`8d` sit between 7 and 9.
///
/// ```
/// use redeploy_model::Band;
///
/// let band: Band = "8a".parse().unwrap();
/// assert!(band > Band::B7 && band < Band::B8b);
/// assert_eq!(band.steps_above(Band::B7), 1);
/// assert_eq!(band.to_string(), "8a");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// Band 1 (closed to new entrants since December 2018; paid at the band 2 rate).
    B1,
    /// Band 2.
    B2,
    /// Band 3.
    B3,
    /// Band 4.
    B4,
    /// Band 5.
    B5,
    /// Band 6.
    B6,
    /// Band 7.
    B7,
    /// Band 8a.
    B8a,
    /// Band 8b.
    B8b,
    /// Band 8c.
    B8c,
    /// Band 8d.
    B8d,
    /// Band 9.
    B9,
}

impl Band {
    /// Every band, lowest first.
    pub const ALL: [Band; 12] = [
        Band::B1,
        Band::B2,
        Band::B3,
        Band::B4,
        Band::B5,
        Band::B6,
        Band::B7,
        Band::B8a,
        Band::B8b,
        Band::B8c,
        Band::B8d,
        Band::B9,
    ];

    /// The ordinal of the band: 0 for band 1 up to 11 for band 9.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The band with the given ordinal, if there is one.
    pub fn from_index(index: usize) -> Option<Band> {
        Band::ALL.get(index).copied()
    }

    /// How many bands `self` is above `other` (negative when below).
    pub fn steps_above(self, other: Band) -> i32 {
        self.index() as i32 - other.index() as i32
    }

    /// The band's name as written in scenarios and reports (`"5"`, `"8a"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Band::B1 => "1",
            Band::B2 => "2",
            Band::B3 => "3",
            Band::B4 => "4",
            Band::B5 => "5",
            Band::B6 => "6",
            Band::B7 => "7",
            Band::B8a => "8a",
            Band::B8b => "8b",
            Band::B8c => "8c",
            Band::B8d => "8d",
            Band::B9 => "9",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not an Agenda for Change band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownBand(pub String);

impl fmt::Display for UnknownBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
            self.0
        )
    }
}

impl std::error::Error for UnknownBand {}

impl FromStr for Band {
    type Err = UnknownBand;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = strip_all(strip_all(text.trim(), "Band "), "band ");
        Band::ALL
            .into_iter()
            .find(|band| band.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownBand(text.to_string()))
    }
}

/// `text` without every `prefix` it starts with, as `trim_start_matches` but without setting up
/// a substring search on every call.
fn strip_all<'t>(mut text: &'t str, prefix: &str) -> &'t str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_round_trip_through_text_in_order() {
        for (index, band) in Band::ALL.into_iter().enumerate() {
            assert_eq!(band.index(), index);
            assert_eq!(band.as_str().parse::<Band>(), Ok(band));
            assert_eq!(Band::from_index(index), Some(band));
        }
        assert!(Band::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn band_ten_and_eight_e_are_rejected() {
        assert!("10".parse::<Band>().is_err());
        assert!("8e".parse::<Band>().is_err());
        assert_eq!("8A".parse::<Band>(), Ok(Band::B8a));
        assert_eq!(" Band band 8b ".parse::<Band>(), Ok(Band::B8b));
        assert_eq!("Band Band 3".parse::<Band>(), Ok(Band::B3));
        assert!("band".parse::<Band>().is_err());
    }
}
