//! Money and counts: exact decimal dollars, whole credits, and the named
//! rounding rules. No float ever holds money.

use crate::prelude::*;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::tables::book::TopUpPrice;

/// Dollars are rounded half away from zero (0.00005 -> 0.0001), as people
/// round by hand.
pub const USD_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Places of the per-quote dollar figure at the top-up rate.
pub const QUOTE_USD_PLACES: u32 = 4;

/// Places of plan and top-up dollar figures.
pub const PLAN_USD_PLACES: u32 = 2;

/// The most any dollar figure in the tables may be. Every sum of money is a
/// count of at most [`MAX_COUNT`] times such a figure, plus a few more, which
/// stays far inside a `Decimal` (about 7.9e28): no arithmetic on money can
/// overflow.
pub const MAX_USD: u32 = 1_000_000;

/// The largest whole number JavaScript holds exactly (2^53 - 1): no count may
/// go beyond it, since every count crosses into JavaScript as a number.
pub const MAX_COUNT: u64 = 9_007_199_254_740_991;

/// `value` rounded by [`USD_ROUNDING`] to `places`, written with exactly that
/// many places (`0.25` at 4 places is `"0.2500"`).
pub fn usd_string(value: Decimal, places: u32) -> String {
    let mut rounded = value.round_dp_with_strategy(places, USD_ROUNDING);
    rounded.rescale(places);
    rounded.to_string()
}

/// [`usd_string`] for a sentence: the whole dollars grouped by commas, as
/// counts are (`12000` at 2 places is `"12,000.00"`). Result fields keep
/// [`usd_string`]'s plain digits, for programs to read.
pub fn usd_grouped(value: Decimal, places: u32) -> String {
    group_usd(&usd_string(value, places))
}

/// A dollar figure as [`usd_string`] writes it, with its whole dollars
/// grouped by commas (`"13333.3333"` is `"13,333.3333"`).
pub fn group_usd(plain: &str) -> String {
    let whole = plain.bytes().take_while(u8::is_ascii_digit).count();
    match (plain.get(..whole), plain.get(whole..)) {
        (Some(digits), Some(rest)) => group_digits(digits) + rest,
        _ => plain.to_owned(),
    }
}

/// What `credits` cost at `price` for `per` credits (a top-up pack, a plan's
/// allowance), exact until the final rounding to [`QUOTE_USD_PLACES`].
/// `per` is validated above 0 in the tables; 0 is read as 1 rather than panic.
pub fn usd_at_rate(credits: u64, price: Decimal, per: u64) -> String {
    usd_string(usd_exact(credits, price, per), QUOTE_USD_PLACES)
}

/// [`usd_at_rate`] before its rounding, for a figure shown at fewer places
/// (rounding the rounded figure again could move it a cent).
pub fn usd_exact(credits: u64, price: Decimal, per: u64) -> Decimal {
    // credits is below 2^53 and the tables cap prices at MAX_USD, so neither
    // the product nor the quotient can overflow a Decimal.
    Decimal::from(credits) * price / Decimal::from(per.max(1))
}

/// What `credits` cost at the top-up rate (e.g. $4 per 1,200 credits).
pub fn usd_at_top_up_rate(credits: u64, top_up: TopUpPrice) -> String {
    usd_at_rate(credits, top_up.price_usd, top_up.credits)
}

/// A JavaScript number as a whole count from `min` to [`MAX_COUNT`]; `None`
/// for NaN, infinities, fractions and anything out of that range.
pub fn whole_count(value: f64, min: u64) -> Option<u64> {
    // MAX_COUNT (2^53 - 1) and every whole number below it are exact in f64,
    // so the range check is exact (and false for NaN and the infinities), and
    // in range a whole number survives the trip through u64 while a fraction
    // loses its fraction. (`f64::fract` is not in `core`.)
    let in_range = value >= min as f64 && value <= MAX_COUNT as f64;
    (in_range && value as u64 as f64 == value).then_some(value as u64)
}

/// `ceil(numerator / denominator)` for whole numbers; `None` when the
/// denominator is 0.
pub fn ceil_div(numerator: u64, denominator: u64) -> Option<u64> {
    if denominator == 0 {
        return None;
    }
    Some(numerator.div_ceil(denominator))
}

/// `a * b`, `None` beyond [`MAX_COUNT`]. (Not inlined: a checked 64-bit
/// product is long in wasm32, and quote() alone has ten of them.)
#[inline(never)]
pub fn mul_count(a: u64, b: u64) -> Option<u64> {
    a.checked_mul(b).filter(|v| *v <= MAX_COUNT)
}

/// `a + b`, `None` beyond [`MAX_COUNT`].
pub fn add_count(a: u64, b: u64) -> Option<u64> {
    a.checked_add(b).filter(|v| *v <= MAX_COUNT)
}

/// The word for `n` of something in a message: `one` for 1, else `many`
/// (`"image"`/`"images"`, or a verb: `"applies"`/`"apply"`).
pub fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A count of credits for messages: `1 credit`, `0 credits`, `1,200 credits`.
pub fn credits(n: u64) -> String {
    format!("{} {}", grouped(n), plural(n, "credit", "credits"))
}

/// A whole number with thousands separators for messages: `1200` -> `1,200`.
pub fn grouped(value: u64) -> String {
    group_digits(&value.to_string())
}

/// A run of ASCII digits with a comma before each group of three from the
/// right: `"1234567"` -> `"1,234,567"`.
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_and_pads() {
        assert_eq!(usd_string(Decimal::new(25, 2), 4), "0.2500");
        assert_eq!(usd_string(Decimal::new(5, 5), 4), "0.0001");
        assert_eq!(usd_string(Decimal::new(4, 5), 4), "0.0000");
        assert_eq!(usd_string(Decimal::new(29_995, 3), 2), "30.00");
        assert_eq!(usd_string(Decimal::from(4), 2), "4.00");
        assert_eq!(usd_grouped(Decimal::from(12_000), 2), "12,000.00");
        assert_eq!(usd_grouped(Decimal::new(99_999, 2), 2), "999.99");
        assert_eq!(
            usd_grouped(Decimal::new(1_234_567_891, 1), 2),
            "123,456,789.10"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1200), "1,200");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn ceil_div_rounds_up() {
        assert_eq!(ceil_div(6, 4), Some(2));
        assert_eq!(ceil_div(8, 4), Some(2));
        assert_eq!(ceil_div(0, 4), Some(0));
        assert_eq!(ceil_div(1, 0), None);
        assert_eq!(ceil_div(u64::MAX, 1), Some(u64::MAX));
    }

    #[test]
    fn counts_stop_at_the_javascript_limit() {
        assert_eq!(mul_count(MAX_COUNT, 1), Some(MAX_COUNT));
        assert_eq!(mul_count(MAX_COUNT, 2), None);
        assert_eq!(add_count(MAX_COUNT, 1), None);
    }
}
