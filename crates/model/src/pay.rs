//! Agenda for Change pay scales.
//!
//! This module owns [`PayScale`]: the pay points of every band for one pay year, loaded from a
//! file such as `configs/pay/afc-2025-26.toml`. Another year is another file, not code.

use std::collections::BTreeMap;

use crate::Band;

/// The annual full-time pay points of every band for one pay year, lowest point first.
///
/// ```
/// use std::collections::BTreeMap;
/// use redeploy_model::{Band, PayScale};
///
/// let mut points = BTreeMap::new();
/// points.insert(Band::B5, vec![31_049, 33_487, 37_796]);
/// let scale = PayScale { name: "afc-2025-26".into(), year: "2025/26".into(), source: String::new(), points };
/// assert_eq!(scale.salary_at(Band::B5, 2), Some(33_487));
/// assert_eq!(scale.salary_at(Band::B5, 4), None);
/// assert_eq!(scale.range(Band::B5), Some((31_049, 37_796)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayScale {
    /// Name of the scale, as a scenario refers to it (`"afc-2025-26"`).
    pub name: String,
    /// Pay year the figures apply to (`"2025/26"`).
    pub year: String,
    /// Where the figures come from.
    pub source: String,
    /// Annual full-time pay points per band, lowest first.
    pub points: BTreeMap<Band, Vec<u32>>,
}

impl PayScale {
    /// The pay points of a band, lowest first (empty if the scale does not cover the band).
    pub fn points(&self, band: Band) -> &[u32] {
        self.points.get(&band).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The salary at a 1-based pay point of a band.
    pub fn salary_at(&self, band: Band, point: u8) -> Option<u32> {
        let index = usize::from(point).checked_sub(1)?;
        self.points(band).get(index).copied()
    }

    /// The lowest and highest salary of a band.
    pub fn range(&self, band: Band) -> Option<(u32, u32)> {
        let points = self.points(band);
        Some((*points.first()?, *points.last()?))
    }
}
