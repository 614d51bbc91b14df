//! Exact non-negative fractions, so that totals, ratios and products are never rounded until
//! they are displayed.
//!
//! Every value is kept reduced with a 128-bit numerator and denominator. A real map stays far
//! inside that range (minutes are small whole numbers, percentages have denominators of
//! powers of ten); only a pathological product of dozens of odd percentages could leave it,
//! and then the result is approximated to twelve decimal places rather than failing.

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Ratio {
    num: u128,
    den: u128,
}

// Named methods rather than operators: `div` must be able to fail, and chains such as
// `a.mul(b).add(c)` keep exact arithmetic visible where it happens.
#[allow(clippy::should_implement_trait)]
impl Ratio {
    pub(crate) const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub(crate) const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den`, reduced; `None` when `den` is zero.
    pub(crate) fn new(num: u128, den: u128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    pub(crate) fn whole(n: u128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub(crate) fn is_zero(self) -> bool {
        self.num == 0
    }

    pub(crate) fn is_whole(self) -> bool {
        self.den == 1
    }

    /// Parses a plain decimal such as `12`, `1.5` or `1_000` exactly (no sign, no exponent).
    pub(crate) fn parse_decimal(text: &str) -> Option<Ratio> {
        let text = text.replace('_', "");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || !digits(fraction) || fraction.len() > 18 {
            return None;
        }
        let mut num: u128 = 0;
        for c in whole.chars().chain(fraction.chars()) {
            num = num
                .checked_mul(10)?
                .checked_add(u128::from(c.to_digit(10)?))?;
        }
        let den = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
        Ratio::new(num, den)
    }

    pub(crate) fn add(self, other: Ratio) -> Ratio {
        let g = gcd(self.den, other.den);
        let exact = (|| {
            let left = self.num.checked_mul(other.den / g)?;
            let right = other.num.checked_mul(self.den / g)?;
            let den = self.den.checked_mul(other.den / g)?;
            Ratio::new(left.checked_add(right)?, den)
        })();
        exact.unwrap_or_else(|| approximate(self.to_f64() + other.to_f64()))
    }

    /// `self - other`, or `None` when that would be negative.
    pub(crate) fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        if self < other {
            return None;
        }
        let g = gcd(self.den, other.den);
        let exact = (|| {
            let left = self.num.checked_mul(other.den / g)?;
            let right = other.num.checked_mul(self.den / g)?;
            let den = self.den.checked_mul(other.den / g)?;
            Ratio::new(left.checked_sub(right)?, den)
        })();
        Some(exact.unwrap_or_else(|| approximate(self.to_f64() - other.to_f64())))
    }

    pub(crate) fn mul(self, other: Ratio) -> Ratio {
        // Cross-reduce first so that exact products stay small.
        let g1 = gcd(self.num, other.den);
        let g2 = gcd(other.num, self.den);
        let exact = (|| {
            let num = (self.num / g1).checked_mul(other.num / g2)?;
            let den = (self.den / g2).checked_mul(other.den / g1)?;
            Ratio::new(num, den)
        })();
        exact.unwrap_or_else(|| approximate(self.to_f64() * other.to_f64()))
    }

    /// `self / other`, or `None` when `other` is zero.
    pub(crate) fn div(self, other: Ratio) -> Option<Ratio> {
        if other.is_zero() {
            return None;
        }
        Some(self.mul(Ratio {
            num: other.den,
            den: other.num,
        }))
    }

    /// The nearest whole number, halves rounded up.
    pub(crate) fn round(self) -> u128 {
        let rest = self.num % self.den;
        self.num / self.den + u128::from(rest >= self.den - rest)
    }

    pub(crate) fn to_f64(self) -> f64 {
        // Both parts are exact in f64 up to 2^53, so the division is correctly rounded.
        self.num as f64 / self.den as f64
    }

    /// The value rounded half up to `decimals` places, as text without trailing zeros
    /// (`9.6`, `48`, `0.83`).
    pub(crate) fn decimal(self, decimals: u32) -> String {
        trim_zeros(self.fixed(decimals))
    }

    /// The value rounded half up to exactly `decimals` places (`14.58`, `50.00`).
    pub(crate) fn fixed(self, decimals: u32) -> String {
        if self.den > u128::MAX / 10 {
            return format!("{:.*}", decimals as usize, self.to_f64());
        }
        let scale = 10u128.pow(decimals.min(18));
        let whole = self.num / self.den;
        let rest = self.num % self.den;
        // Rounded fraction digits; computed with the remainder so nothing overflows.
        let mut digits: u128 = 0;
        let mut remainder = rest;
        for _ in 0..decimals.min(18) {
            // remainder < den <= u128::MAX / 10, so this cannot overflow.
            let n = remainder * 10;
            let (digit, rem) = (n / self.den, n % self.den);
            digits = digits * 10 + digit;
            remainder = rem;
        }
        let (mut whole, mut digits) = (whole, digits);
        if remainder.checked_mul(2).is_some_and(|r| r >= self.den) {
            digits += 1;
            if digits == scale {
                digits = 0;
                whole += 1;
            }
        }
        if decimals == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{digits:0width$}", width = decimals as usize)
        }
    }
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The nearest fraction with a denominator of 10^12: only reached past 128-bit exactness.
fn approximate(value: f64) -> Ratio {
    const DEN: u128 = 1_000_000_000_000;
    let num = (value.max(0.0) * DEN as f64).round() as u128;
    Ratio::new(num, DEN).unwrap_or(Ratio::ZERO)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Default for Ratio {
    fn default() -> Ratio {
        Ratio::ZERO
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        // Continued-fraction comparison: exact and free of overflow.
        let (mut a, mut b, mut c, mut d) = (self.num, self.den, other.num, other.den);
        let mut flipped = false;
        loop {
            let (q1, q2) = (a / b, c / d);
            if q1 != q2 {
                let order = q1.cmp(&q2);
                return if flipped { order.reverse() } else { order };
            }
            let (r1, r2) = (a % b, c % d);
            let order = match (r1 == 0, r2 == 0) {
                (true, true) => return Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => {
                    // r1/b vs r2/d compares as the reverse of b/r1 vs d/r2.
                    (a, b, c, d) = (b, r1, d, r2);
                    flipped = !flipped;
                    continue;
                }
            };
            return if flipped { order.reverse() } else { order };
        }
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u128, d: u128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(Ratio::parse_decimal("1.5"), Some(r(3, 2)));
        assert_eq!(Ratio::parse_decimal("12"), Some(Ratio::whole(12)));
        assert_eq!(Ratio::parse_decimal(".5"), Some(r(1, 2)));
        assert_eq!(Ratio::parse_decimal("1_000"), Some(Ratio::whole(1000)));
        for bad in ["", ".", "1.2.3", "-1", "1e3", "x"] {
            assert_eq!(Ratio::parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(r(1, 3).add(r(1, 6)), r(1, 2));
        assert_eq!(r(56, 1).div(r(384, 1)), Some(r(7, 48)));
        assert_eq!(r(1, 2).checked_sub(r(1, 3)), Some(r(1, 6)));
        assert_eq!(r(1, 3).checked_sub(r(1, 2)), None);
        assert_eq!(r(1, 2).div(Ratio::ZERO), None);
    }

    #[test]
    fn compares_without_overflow() {
        assert!(r(1, 3) < r(1, 2));
        assert!(r(u128::MAX - 1, u128::MAX) < Ratio::ONE);
        assert!(r(u128::MAX - 1, u128::MAX) > r(u128::MAX - 2, u128::MAX - 1));
        assert_eq!(r(2, 4).cmp(&r(1, 2)), Ordering::Equal);
        assert!(r(7, 5) > r(4, 3));
    }

    #[test]
    fn rounds_half_up_for_display() {
        assert_eq!(r(7, 48).mul(Ratio::whole(100)).fixed(2), "14.58");
        assert_eq!(r(1, 120).mul(Ratio::whole(100)).fixed(2), "0.83");
        assert_eq!(r(48, 5).decimal(2), "9.6");
        assert_eq!(Ratio::whole(50).fixed(2), "50.00");
        assert_eq!(r(1, 8).fixed(2), "0.13");
        assert_eq!(r(999, 1000).fixed(2), "1.00");
        assert_eq!(r(5, 2).fixed(0), "3");
    }
}
