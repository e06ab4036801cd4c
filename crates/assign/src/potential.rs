//! The integer type the solver computes potentials and path lengths in, and the bound that picks
//! it: `i64` when the overflow proof below holds for a component, `i128` otherwise.
//!
//! # The bound
//!
//! Let `n` be the rows of a component and `C` its largest cost. The crate docs ("No overflow")
//! show that every column potential lies in `[-2n(n+1)C, C]`, every row potential in
//! `[-C, C + 2n(n+1)C]`, every Dijkstra label in `[0, (n+2)C + 2n(n+1)C]`, and every
//! intermediate sum the search forms within a few of these. All of these are below
//! `5(n+1)^2(C+1)` in absolute value, so `(n+1)^2 (C+1) <= 2^60` keeps them below
//! `5 * 2^60 < 2^63`. With `n <= 2^28` and `C < 2^32` the same quantities stay below
//! `5 * 2^(56+32) < 2^127` in `i128`.

use std::fmt::Debug;
use std::ops::{Add, Sub};

/// Integer type for potentials and path lengths.
pub(crate) trait Potential:
    Copy + Ord + Debug + Add<Output = Self> + Sub<Output = Self> + From<u32> + From<i64> + Send + Sync
{
    /// Zero.
    const ZERO: Self;
}

impl Potential for i64 {
    const ZERO: Self = 0;
}

impl Potential for i128 {
    const ZERO: Self = 0;
}

/// True when a component of `rows` rows and largest cost `max_cost` can be solved in `i64`:
/// `(rows + 1)^2 * (max_cost + 1) <= 2^60`.
pub(crate) fn fits_i64(rows: usize, max_cost: i64) -> bool {
    let n = rows as u128 + 1;
    let c = max_cost.max(0) as u128 + 1;
    n.saturating_mul(n).saturating_mul(c) <= 1u128 << 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MAX_COST, MAX_DIMENSION};

    #[test]
    fn i64_bound_covers_realistic_components() {
        assert!(
            fits_i64(100_000, 1_000_000),
            "100k rows at costs below 10^6 must fit i64"
        );
        assert!(
            fits_i64(1_000_000, 1_000),
            "1M rows at costs below 1000 must fit i64"
        );
        assert!(
            !fits_i64(1 << 20, MAX_COST),
            "2^20 rows at the largest cost must not fit i64"
        );
    }

    #[test]
    fn worst_values_fit_their_type() {
        // The worst magnitude 5(n+1)^2(C+1) from the module docs, for the i64 threshold and for
        // the largest problem the builder accepts.
        let worst = |n: u128, c: u128| 5 * (n + 1) * (n + 1) * (c + 1);
        assert!(
            5u128 << 60 <= i64::MAX as u128,
            "i64 at the threshold (n+1)^2(C+1) = 2^60"
        );
        let (n, c) = (MAX_DIMENSION as u128, MAX_COST as u128);
        assert!(
            worst(n, c) < i128::MAX as u128,
            "i128 at the builder's limits"
        );
    }
}
