//! Words in messages and reports.
//!
//! This module owns [`count`], a number with its noun in the singular or the plural, so that no
//! message says "1 vacancies".

use std::fmt::Display;

/// `n` followed by `one` when `n` is 1 and by `many` otherwise.
///
/// ```
/// use redeploy_model::count;
///
/// assert_eq!(count(1, "vacancy", "vacancies"), "1 vacancy");
/// assert_eq!(count(0_u64, "vacancy", "vacancies"), "0 vacancies");
/// assert_eq!(count(2_usize, "person", "people"), "2 people");
/// ```
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: Copy + Display + PartialEq + From<u8>,
{
    format!("{n} {}", if n == N::from(1) { one } else { many })
}
