//! Exact money arithmetic.
//!
//! This module owns [`Money`]: an amount held in whole pence as an `i64`, so that sums of costs
//! are exact and identical on every machine and thread count. Amounts are shown as pounds
//! (`£1,234.56`) and serialised as a JSON number of pounds with at most two decimal places.
//!
//! Rounding to the penny happens once, where an amount is first worked out from a rate (see
//! [`crate::redundancy_pay`]); sums never round again.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};

use serde::{Serialize, Serializer};

/// An amount of money in whole pence (exact, deterministic). Serialises as pounds with two
/// decimals (a JSON number).
///
/// ```
/// use redeploy_engine::Money;
///
/// let month = Money(388_167);
/// let total: Money = [month, month, Money::from_pounds(1)].into_iter().sum();
/// assert_eq!(total.pence(), 776_434);
/// assert_eq!(total.to_string(), "£7,764.34");
/// assert_eq!(total.pounds_rounded(), 7_764);
/// assert_eq!(serde_json::to_string(&total).unwrap(), "7764.34");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    /// An amount of whole pounds.
    ///
    /// ```
    /// use redeploy_engine::Money;
    ///
    /// assert_eq!(Money::from_pounds(80_000).pence(), 8_000_000);
    /// ```
    pub const fn from_pounds(pounds: i64) -> Money {
        Money(pounds * 100)
    }

    /// The amount in pence.
    pub const fn pence(self) -> i64 {
        self.0
    }

    /// The amount in whole pounds, rounded to the nearest pound (halves away from zero).
    ///
    /// ```
    /// use redeploy_engine::Money;
    ///
    /// assert_eq!(Money(388_150).pounds_rounded(), 3_882);
    /// assert_eq!(Money(388_149).pounds_rounded(), 3_881);
    /// assert_eq!(Money(-150).pounds_rounded(), -2);
    /// ```
    pub const fn pounds_rounded(self) -> i64 {
        let whole = self.0 / 100;
        let rest = self.0 % 100;
        if rest >= 50 {
            whole + 1
        } else if rest <= -50 {
            whole - 1
        } else {
            whole
        }
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 += other.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, other: Money) {
        self.0 -= other.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(amounts: I) -> Money {
        amounts.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(amounts: I) -> Money {
        amounts.copied().sum()
    }
}

/// Pence as [`Money`] shows them, for any number of pence (a difference of two amounts, which
/// may not fit a `Money`): pounds with a thousands separator and two decimals.
///
/// ```
/// assert_eq!(redeploy_engine::pounds_text(-123_456), "-£1,234.56");
/// assert_eq!(redeploy_engine::pounds_text(2 * i128::from(i64::MAX)), "£184,467,440,737,095,516.14");
/// ```
pub fn pounds_text(pence: i128) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let magnitude = pence.unsigned_abs();
    let pounds = (magnitude / 100).to_string();
    let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
    for (position, digit) in pounds.chars().enumerate() {
        if position > 0 && (pounds.len() - position).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}£{grouped}.{:02}", magnitude % 100)
}

impl fmt::Display for Money {
    /// Pounds with a thousands separator and two decimals: `£1,234.56`, `-£0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&pounds_text(i128::from(self.0)))
    }
}

impl Serialize for Money {
    /// A JSON number of pounds. Amounts are far below 2^53 pence, so the division is exact to
    /// the nearest double and the shortest representation printed has at most two decimals.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0 as f64 / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_groups_thousands_and_keeps_two_decimals() {
        assert_eq!(Money(0).to_string(), "£0.00");
        assert_eq!(Money(5).to_string(), "£0.05");
        assert_eq!(Money(-5).to_string(), "-£0.05");
        assert_eq!(Money(99_999).to_string(), "£999.99");
        assert_eq!(Money(100_000).to_string(), "£1,000.00");
        assert_eq!(Money(16_000_000).to_string(), "£160,000.00");
        assert_eq!(Money(123_456_789_012).to_string(), "£1,234,567,890.12");
    }

    #[test]
    fn serialises_as_pounds() {
        let json = |m: Money| serde_json::to_string(&m).unwrap();
        assert_eq!(json(Money(388_167)), "3881.67");
        assert_eq!(json(Money(16_000_000)), "160000.0");
        assert_eq!(json(Money(10)), "0.1");
        assert_eq!(json(Money(-383_333)), "-3833.33");
    }

    #[test]
    fn arithmetic_is_exact() {
        let mut total = Money::from_pounds(10);
        total += Money(1);
        total -= Money(2);
        assert_eq!(total, Money(999));
        assert_eq!(Money(5) - Money(7), Money(-2));
        let amounts = [Money(1), Money(2), Money(3)];
        assert_eq!(amounts.iter().sum::<Money>(), Money(6));
    }
}
