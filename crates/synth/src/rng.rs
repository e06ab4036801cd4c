//! The generator's own pseudo-random numbers: SplitMix64, written here so that output never
//! changes with a dependency upgrade.
//!
//! SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
//! OOPSLA 2014; the constants are those of Java's `SplittableRandom` and of Vigna's reference
//! `splitmix64.c`, <https://prng.di.unimi.it/splitmix64.c>) adds a fixed odd increment to a 64-bit
//! state and scrambles it with two xor-shift-multiply rounds. It passes BigCrush, needs no
//! warm-up, and every seed (0 included) gives a full-period stream.
//!
//! Only integer arithmetic and the basic IEEE-754 operations (`+ - * /`, `sqrt`), which are
//! exactly rounded on every platform, are used on the way to a value: no `ln`, `sin` or `exp`,
//! whose last bit may differ between math libraries. Generation is single-threaded, so the
//! same seed gives the same numbers on any machine and any thread count.

/// The golden-ratio increment of SplitMix64 (2⁶⁴ / φ, made odd).
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A SplitMix64 pseudo-random number generator.
///
/// ```
/// use redeploy_synth::SplitMix64;
///
/// // The first outputs for seed 0 match Vigna's reference implementation.
/// let mut rng = SplitMix64::new(0);
/// assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
/// assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
///
/// let mut dice = SplitMix64::stream(7, 1);
/// let roll = dice.range(1, 6);
/// assert!((1..=6).contains(&roll));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

/// The SplitMix64 output function: a bijective scramble of a 64-bit word.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    /// A generator whose first output is the scrambled `seed + γ`, as in the reference code.
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// An independent stream for one purpose (`stream` 0, 1, 2 …) of one seed: the seed and the
    /// stream number are scrambled together into the starting state, so the streams of a seed
    /// do not overlap in practice and drawing more from one never shifts another.
    pub const fn stream(seed: u64, stream: u64) -> SplitMix64 {
        SplitMix64::new(mix(seed ^ mix(stream.wrapping_add(GOLDEN_GAMMA))))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A whole number in `0..n` (`0` when `n` is 0), by the multiply-high method; the bias is
    /// below `n / 2⁶⁴`, far under anything a scenario can show.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A whole number in `low..=high` (`low` when `high < low`).
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        if high < low {
            return low;
        }
        low + self.below(high - low + 1)
    }

    /// An index into a slice of `len` items (`0` when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a weighted table (weights need not sum to anything in particular; a zero
    /// weight is never drawn).
    ///
    /// # Panics
    /// When the table is empty or every weight is zero (the tables are built into the crate).
    pub fn weighted<T: Copy>(&mut self, table: &[(T, u32)]) -> T {
        let total: u64 = table.iter().map(|&(_, weight)| u64::from(weight)).sum();
        assert!(total > 0, "a weighted table needs a positive weight");
        let mut ticket = self.below(total);
        for &(item, weight) in table {
            if ticket < u64::from(weight) {
                return item;
            }
            ticket -= u64::from(weight);
        }
        unreachable!("the ticket is below the total weight")
    }

    /// Shuffles in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for last in (1..items.len()).rev() {
            let other = self.index(last + 1);
            items.swap(last, other);
        }
    }

    /// `k` distinct indices of `0..n` in random order (all of them when `k ≥ n`), by a partial
    /// Fisher–Yates shuffle.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for position in 0..k {
            let other = position + self.index(n - position);
            indices.swap(position, other);
        }
        indices.truncate(k);
        indices
    }

    /// A point uniformly inside the unit disc, by rejection from the square (no trigonometry).
    pub fn in_disc(&mut self) -> (f64, f64) {
        loop {
            let x = 2.0 * self.unit() - 1.0;
            let y = 2.0 * self.unit() - 1.0;
            if x * x + y * y <= 1.0 {
                return (x, y);
            }
        }
    }
}

/// Splits `total` into whole shares in proportion to `weights` by the largest-remainder
/// (Hamilton) method: each share is the floor of its quota, and what is left goes one each to
/// the largest fractional parts, ties to the earlier item. Shares sum to `total` whenever some
/// weight is positive; all shares are 0 otherwise.
///
/// ```
/// use redeploy_synth::apportion;
///
/// assert_eq!(apportion(10, &[1.0, 1.0, 1.0]), vec![4, 3, 3]);
/// assert_eq!(apportion(42, &[4.0, 3.0, 11.0, 6.0, 5.0, 6.0, 7.0]), vec![4, 3, 11, 6, 5, 6, 7]);
/// assert_eq!(apportion(5, &[0.0, 0.0]), vec![0, 0]);
/// ```
pub fn apportion(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let quotas: Vec<f64> = weights
        .iter()
        .map(|&w| total as f64 * w.max(0.0) / sum)
        .collect();
    let mut shares: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    let given: u64 = shares.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    order.sort_by(|&a, &b| {
        let fraction = |i: usize| quotas[i] - quotas[i].floor();
        fraction(b).total_cmp(&fraction(a)).then(a.cmp(&b))
    });
    for &index in order
        .iter()
        .cycle()
        .take(total.saturating_sub(given) as usize)
    {
        shares[index] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_of_one_seed_differ_and_repeat() {
        let first: Vec<u64> = (0..4)
            .map(|_| SplitMix64::stream(9, 0).next_u64())
            .collect();
        assert!(
            first.windows(2).all(|w| w[0] == w[1]),
            "a stream must repeat"
        );
        let mut a = SplitMix64::stream(9, 0);
        let mut b = SplitMix64::stream(9, 1);
        assert_ne!(a.next_u64(), b.next_u64(), "streams 0 and 1 must differ");
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SplitMix64::new(3);
        let mut seen = [0u32; 7];
        for _ in 0..7_000 {
            seen[rng.below(7) as usize] += 1;
        }
        assert!(
            seen.iter().all(|&count| (850..1_150).contains(&count)),
            "{seen:?}"
        );
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn distinct_indices_are_distinct_and_bounded() {
        let mut rng = SplitMix64::new(11);
        let picked = rng.distinct(10, 4);
        assert_eq!(picked.len(), 4);
        let mut sorted = picked.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 4, "indices repeat: {picked:?}");
        assert!(picked.iter().all(|&i| i < 10));
        assert_eq!(rng.distinct(3, 9).len(), 3);
    }

    #[test]
    fn weighted_draws_follow_the_weights() {
        let mut rng = SplitMix64::new(5);
        let table = [('a', 1), ('b', 0), ('c', 3)];
        let mut counts = [0u32; 3];
        for _ in 0..4_000 {
            match rng.weighted(&table) {
                'a' => counts[0] += 1,
                'b' => counts[1] += 1,
                _ => counts[2] += 1,
            }
        }
        assert_eq!(counts[1], 0, "a zero weight was drawn");
        assert!((850..1_150).contains(&counts[0]), "{counts:?}");
    }

    #[test]
    fn apportion_sums_to_the_total() {
        for total in [0, 1, 7, 100, 50_000] {
            let shares = apportion(total, &[0.5, 2.0, 0.0, 1.25, 3.0]);
            assert_eq!(shares.iter().sum::<u64>(), total);
            assert_eq!(shares[2], 0, "a zero weight got a share");
        }
    }
}
