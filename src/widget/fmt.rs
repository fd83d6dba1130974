//! Numbers, dollars and dates for people, in the widget's `locale` (the
//! browser's language when none is given). American English, the widget's
//! own language and the browser's on most visits, is written here by the same
//! rules as `Intl` (tests/widget.rs compares the two); every other locale is
//! the browser's `Intl`. A page's first `Intl` formatter costs 15–45 ms on a
//! 2-core machine (the locale data loads), which would otherwise fall on the
//! way to the first estimate (BENCHMARKS.md). Money arrives as the core's
//! exact decimal strings, so no float ever holds it and no float formatting
//! is compiled in.

use crate::prelude::*;

use js_sys::{Array, Function, Intl, Object, Reflect};
use rust_decimal::Decimal;
use wasm_bindgen::prelude::*;

use crate::calendar;
use crate::money::{group_digits, grouped, usd_string};

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, which throws a `RangeError` on a bad tag.
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(locale: &str) -> Result<Array, JsValue>;

    type Navigator;
    /// `navigator.language`: the browser's language, which `Intl` formats
    /// in when given none.
    #[wasm_bindgen(static_method_of = Navigator, js_class = "navigator", getter = language)]
    fn language() -> Option<String>;
}

/// How a widget writes its figures.
pub struct Fmt {
    style: Style,
}

enum Style {
    /// `en` / `en-US`: written here, as `Intl` writes them.
    AmericanEnglish,
    /// The `Intl` formatters of any other locale: whole numbers, dollars
    /// to the cent and to four places, dates.
    Intl {
        int: Function,
        cents: Function,
        usd4: Function,
        date: Function,
    },
}

/// Whether `tag` is American English, which `Intl` writes the same for `en`
/// and `en-US` (`www/credit-estimator.js` tells the same way whether a page
/// needs `Intl` at all).
fn is_american_english(tag: &str) -> bool {
    tag.eq_ignore_ascii_case("en-US") || tag.eq_ignore_ascii_case("en")
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

impl Fmt {
    /// Figures for `locale` (the browser's language when `None`), and a
    /// message when `locale` is not a valid language tag (the browser's
    /// language is used then).
    pub fn new(locale: Option<&str>) -> (Fmt, Option<String>) {
        let tag = locale.map(str::trim).filter(|l| !l.is_empty());
        let american = match tag {
            Some(tag) => is_american_english(tag),
            None => Navigator::language().is_some_and(|l| is_american_english(&l)),
        };
        if american {
            let style = Style::AmericanEnglish;
            return (Fmt { style }, None);
        }
        Fmt::by_intl(tag)
    }

    /// Figures by the browser's `Intl` for `locale`, also for American
    /// English (what [`Fmt::new`]'s own American English is checked against).
    pub fn by_intl(locale: Option<&str>) -> (Fmt, Option<String>) {
        let mut error = None;
        let locales = match locale.map(str::trim).filter(|l| !l.is_empty()) {
            None => Array::new(),
            Some(tag) => match canonical_locales(tag) {
                // (A well-formed tag may still name no language the browser
                // has, "xx-nope": Intl would quietly use the browser's.)
                Ok(locales)
                    if Intl::NumberFormat::supported_locales_of(&locales, &Object::new())
                        .length()
                        > 0 =>
                {
                    locales
                }
                known => {
                    let what = match known {
                        Ok(_) => "is not a language this browser writes numbers in",
                        Err(_) => "is not a language tag (e.g. en-US, de-DE, ja)",
                    };
                    error = Some(format!(
                        "locale “{tag}” {what}: numbers use the browser's language"
                    ));
                    Array::new()
                }
            },
        };
        let usd = |places: u8| {
            let places = JsValue::from_f64(places.into());
            let usd = options(&[
                ("style", "currency".into()),
                ("currency", "USD".into()),
                ("minimumFractionDigits", places.clone()),
                ("maximumFractionDigits", places),
            ]);
            Intl::NumberFormat::new(&locales, &usd).format()
        };
        let date = options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())]);
        let style = Style::Intl {
            int: Intl::NumberFormat::new(&locales, &Object::new()).format(),
            cents: usd(2),
            usd4: usd(USD_MAX_PLACES),
            date: Intl::DateTimeFormat::new(&locales, &date).format(),
        };
        (Fmt { style }, error)
    }

    /// A figure by an `Intl` formatter, isolated from the English around it
    /// when it holds right-to-left text (see [`isolated`]).
    fn call(f: &Function, value: &JsValue) -> Option<String> {
        let text = f.call1(&JsValue::NULL, value).ok()?.as_string()?;
        Some(isolated(text))
    }

    /// A whole number with the locale's grouping: `1,200`.
    pub fn int(&self, n: u64) -> String {
        match &self.style {
            Style::AmericanEnglish => grouped(n),
            // Counts are at most 2^53 - 1, exact as a JS number.
            Style::Intl { int, .. } => {
                Self::call(int, &JsValue::from_f64(n as f64)).unwrap_or_else(|| n.to_string())
            }
        }
    }

    /// A decimal number of up to three places, `"1234.5"` -> `1,234.5`.
    fn number(&self, plain: &str) -> Option<String> {
        match &self.style {
            Style::AmericanEnglish => american_number(plain),
            Style::Intl { int, .. } => Self::call(int, &JsValue::from_str(plain)),
        }
    }

    /// Dollars from an exact decimal string, with the places it needs
    /// ([`usd_places`]): `"0.2500"` -> `$0.25`, `"0.003"` -> `$0.0030`.
    pub fn usd(&self, decimal: &str) -> String {
        self.usd_in(decimal, usd_places(decimal))
    }

    /// Dollars with `places` places (2 or [`USD_MAX_PLACES`]), rounded by
    /// the core's dollar rounding: amounts shown side by side take the
    /// places the one needing most needs, so they read alike.
    pub fn usd_in(&self, decimal: &str, places: u8) -> String {
        match Decimal::from_str_exact(decimal) {
            Ok(value) => self.usd_of(value, places),
            Err(_) => format!("${decimal}"),
        }
    }

    /// [`Fmt::usd_in`] of an exact amount, rounded once, to `places`.
    pub fn usd_of(&self, value: Decimal, places: u8) -> String {
        let text = usd_string(value, places.into());
        let usd = match &self.style {
            Style::AmericanEnglish => american_usd(&text, places),
            Style::Intl { cents, usd4, .. } => {
                let f = if places == 2 { cents } else { usd4 };
                Self::call(f, &JsValue::from_str(&text))
            }
        };
        usd.unwrap_or_else(|| format!("${text}"))
    }

    /// A `YYYY-MM-DD` date: `May 22, 2026`.
    pub fn date(&self, ymd: &str) -> String {
        let date = match &self.style {
            Style::AmericanEnglish => calendar::parse_date(ymd).map(american_date),
            Style::Intl { date, .. } => {
                Self::call(date, &js_sys::Date::new(&JsValue::from_str(ymd)))
            }
        };
        date.unwrap_or_else(|| ymd.to_owned())
    }
}

/// Dollars show two places, or this many when the cents are not exact.
const USD_MAX_PLACES: u8 = 4;

/// The places an amount of dollars needs: 2 for whole cents and for a
/// dollar or more (where a fraction of a cent tells nobody anything:
/// `$106,666.67`), else [`USD_MAX_PLACES`] (`$0.0533`, not `$0.05`). An
/// amount that is not a decimal needs none of them (it is shown as given).
pub fn usd_places(decimal: &str) -> u8 {
    Decimal::from_str_exact(decimal).map_or(2, usd_places_of)
}

/// [`usd_places`] of an exact amount.
pub fn usd_places_of(value: Decimal) -> u8 {
    let cents = usd_string(value, USD_MAX_PLACES.into()).ends_with("00");
    if cents || value.abs() >= Decimal::ONE {
        2
    } else {
        USD_MAX_PLACES
    }
}

/// `text` between a first-strong isolate and its end (U+2068 … U+2069) when
/// it holds Arabic or Hebrew characters or a right-to-left mark: Arabic-Indic
/// digits (`٢٠ × ٢٬٣٢٠ = ٤٦٬٤٠٠`) and Hebrew dollars (`‏7.73 ‏$`) dropped
/// into an English sentence are otherwise reordered with their neighbours by
/// the bidirectional algorithm, so a sum reads backwards. Isolated, each
/// figure keeps its place in the sentence.
fn isolated(text: String) -> String {
    let rtl = |c: char| ('\u{590}'..='\u{8ff}').contains(&c) || matches!(c, '\u{200f}' | '\u{61c}');
    if text.chars().any(rtl) {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text
    }
}

/// `"1234.500"` -> `1,234.5`: `Intl`'s `en-US` for a decimal of up to three
/// places (grouped, trailing zeros dropped).
fn american_number(plain: &str) -> Option<String> {
    let (whole, fraction) = match plain.find('.') {
        Some(dot) => (plain.get(..dot)?, plain.get(dot + 1..)?),
        None => (plain, ""),
    };
    let fraction = fraction.trim_end_matches('0');
    let mut out = group_digits(whole);
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

/// `("1234.50", 2)` -> `$1,234.50`: `Intl`'s `en-US` dollars of a decimal
/// already rounded to `places` places (and written with all of them).
fn american_usd(text: &str, places: u8) -> Option<String> {
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let dot = text.find('.')?;
    let (whole, fraction) = (text.get(..dot)?, text.get(dot..)?);
    // The point and its places.
    let fraction = fraction.get(..=usize::from(places))?;
    Some(format!("{sign}${}{fraction}", group_digits(whole)))
}

/// `May 22, 2026`: `Intl`'s `en-US` medium date. Like `Intl`, a year before 1
/// is written as its year of the era before (0 is 1 BC, written `1`).
fn american_date(date: calendar::Date) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    let (_, year) = date.year_ce();
    format!("{month} {}, {year}", date.day())
}

impl Fmt {
    /// A sentence of the core (a note, a reason, a breakdown label) with its
    /// figures in the widget's locale. The core writes them one way only:
    /// whole numbers grouped by commas (`1,200`), dollars as `$4.00`, dates
    /// as `2026-11-20`. Figures inside names (`Ray1.6`, `720p`, `4K`) are
    /// left alone, and so is a decimal with more than three places that is
    /// not money.
    pub fn localize(&self, text: &str) -> String {
        let b = text.as_bytes();
        let mut out = String::with_capacity(text.len() + 8);
        let (mut i, mut copied) = (0, 0);
        while i < b.len() {
            let dollar = b[i] == b'$';
            let start = i + usize::from(dollar);
            let free = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
            if !free || !b.get(start).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            let (end, shape) = figure(b, start);
            if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
                // Part of a name: skip the whole word.
                i = end;
                while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                continue;
            }
            let (Some(head), Some(figure)) = (text.get(copied..i), text.get(start..end)) else {
                break;
            };
            let plain: String = figure.chars().filter(|c| *c != ',').collect();
            let local = match shape {
                Shape::Date if !dollar => Some(self.date(figure)),
                Shape::Number { places, .. } if dollar => {
                    (places <= usize::from(USD_MAX_PLACES)).then(|| self.usd(&plain))
                }
                // Four digits or more with no comma is not a count (a year).
                Shape::Number { long: true, .. } => None,
                Shape::Number { places: 0, .. } => plain.parse().ok().map(|n| self.int(n)),
                Shape::Number { places, .. } if places <= 3 => self.number(&plain),
                _ => None,
            };
            out.push_str(head);
            match local {
                Some(local) => out.push_str(&local),
                None => out.push_str(text.get(i..end).unwrap_or_default()),
            }
            (i, copied) = (end, end);
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        out
    }
}

/// What a run of digits in a sentence is.
enum Shape {
    /// `2026-11-20`.
    Date,
    /// `1,200`, `5`, `0.2500`, with its decimal places; `long` when it has
    /// four digits or more before them and no comma (`2026`, `1053.99`).
    Number { places: usize, long: bool },
}

/// The figure starting at `start` (a digit): where it ends, and its shape.
fn figure(b: &[u8], start: usize) -> (usize, Shape) {
    let digits = |from: usize| {
        let rest = b.get(from..).unwrap_or_default();
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    };
    let lead = digits(start);
    let mut end = start + lead;
    let is = |at: usize, c: u8| b.get(at) == Some(&c);
    if lead == 4
        && is(end, b'-')
        && digits(end + 1) == 2
        && is(end + 3, b'-')
        && digits(end + 4) == 2
    {
        return (end + 6, Shape::Date);
    }
    if lead <= 3 {
        while is(end, b',')
            && digits(end + 1) == 3
            && !b.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
        }
    }
    let mut places = 0;
    if is(end, b'.') && digits(end + 1) > 0 {
        places = digits(end + 1);
        end += 1 + places;
    }
    let long = lead > 3;
    (end, Shape::Number { places, long })
}

/// Today in the browser's time zone, `YYYY-MM-DD` (empty if the browser's
/// clock gives no date).
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    i32::try_from(now.get_full_year())
        .ok()
        .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, now.get_month() + 1, now.get_date()))
        .map(crate::calendar::format_date)
        .unwrap_or_default()
}

/// A line of arithmetic with each figure kept on one line with what follows
/// it (`10 s`, `4 × 5 s`, `32 credits/s`, `720p → 2160p`): the spaces after
/// a number and after `×` or `→` become no-break spaces, so a narrow column
/// wraps between the terms, not inside one.
pub fn keep_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut token_is_number = true;
    let mut last = ' ';
    for c in text.chars() {
        if c == ' ' {
            let glue = (token_is_number && last.is_ascii_digit()) || matches!(last, '×' | '→');
            out.push(if glue { '\u{a0}' } else { ' ' });
            token_is_number = true;
        } else {
            token_is_number &= c.is_ascii_digit() || matches!(c, ',' | '.' | '$' | '(');
            out.push(c);
        }
        last = c;
    }
    out
}
