//! Calendar dates, through `chrono`: reading `YYYY-MM-DD` and adding months.
//!
//! Only the fixed-width digits are read here; whether a date exists and what
//! a month later is are chrono's (`from_ymd_opt`, `checked_add_months`).
//! chrono's strftime-style formatter is left out on purpose: it is large in
//! WebAssembly and the one shape we need is fixed.

use crate::prelude::*;

use chrono::{Datelike, Months, NaiveDate};

/// A calendar date.
pub type Date = NaiveDate;

/// Parses a date written exactly `YYYY-MM-DD` (four-digit year, two-digit
/// month and day); `None` for any other shape or an impossible date such as
/// `2026-02-30`.
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: core::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// The same day `months` later, clamped to the end of a shorter month
/// (2024-02-29 plus 12 months is 2025-02-28); `None` past the year 9999,
/// which `YYYY-MM-DD` cannot write (nor [`parse_date`] read back).
pub fn add_months(date: Date, months: u32) -> Option<Date> {
    date.checked_add_months(Months::new(months))
        .filter(|d| d.year() <= 9999)
}

/// The date written `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_fixed_shape() {
        assert_eq!(
            parse_date("2026-11-21"),
            NaiveDate::from_ymd_opt(2026, 11, 21)
        );
        for bad in [
            "2026-1-21",
            "2026-11-2",
            "26-11-21",
            "2026/11/21",
            "2026-11-21 ",
            "+026-11-21",
            "２０２６-11-21",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-00-10"), None);
        assert!(parse_date("2024-02-29").is_some());
    }

    #[test]
    fn adding_months_clamps_to_month_end() {
        let leap = parse_date("2024-02-29").unwrap();
        assert_eq!(add_months(leap, 12), parse_date("2025-02-28"));
        let jan31 = parse_date("2026-01-31").unwrap();
        assert_eq!(add_months(jan31, 1), parse_date("2026-02-28"));
        // Within four-digit years only.
        let last = parse_date("9999-06-01").unwrap();
        assert_eq!(add_months(last, 6), parse_date("9999-12-01"));
        assert_eq!(add_months(last, 12), None);
        assert_eq!(format_date(jan31), "2026-01-31");
    }
}
