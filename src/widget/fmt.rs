//! Numbers, dollars and dates for people, by the browser's `Intl` for the
//! widget's `locale` (the browser's own when none is given). Money arrives as
//! the core's exact decimal strings and is handed to `Intl` as text, so no
//! float ever holds it and no float formatting is compiled in.

use crate::prelude::*;

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, which throws a `RangeError` on a bad tag.
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(locale: &str) -> Result<Array, JsValue>;
}

/// The three formatters a widget uses.
pub struct Fmt {
    int: Function,
    usd: Function,
    date: Function,
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

impl Fmt {
    /// Formatters for `locale` (the browser's when `None`), and a message
    /// when `locale` is not a valid language tag (the browser's is used then).
    pub fn new(locale: Option<&str>) -> (Fmt, Option<String>) {
        let mut error = None;
        let locales = match locale.map(str::trim).filter(|l| !l.is_empty()) {
            None => Array::new(),
            Some(tag) => canonical_locales(tag).unwrap_or_else(|_| {
                error = Some(format!(
                    "locale “{tag}” is not a language tag (e.g. en-US, de-DE, ja): numbers use the browser's language"
                ));
                Array::new()
            }),
        };
        let two = JsValue::from_f64(2.0);
        let usd = options(&[
            ("style", "currency".into()),
            ("currency", "USD".into()),
            ("minimumFractionDigits", two),
            ("maximumFractionDigits", JsValue::from_f64(4.0)),
        ]);
        let date = options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())]);
        let fmt = Fmt {
            int: Intl::NumberFormat::new(&locales, &Object::new()).format(),
            usd: Intl::NumberFormat::new(&locales, &usd).format(),
            date: Intl::DateTimeFormat::new(&locales, &date).format(),
        };
        (fmt, error)
    }

    fn call(f: &Function, value: &JsValue) -> Option<String> {
        f.call1(&JsValue::NULL, value).ok()?.as_string()
    }

    /// A whole number with the locale's grouping: `1,200`.
    pub fn int(&self, n: u64) -> String {
        // Counts are at most 2^53 - 1, exact as a JS number.
        Self::call(&self.int, &JsValue::from_f64(n as f64)).unwrap_or_else(|| n.to_string())
    }

    /// Dollars from an exact decimal string: `"0.2500"` -> `$0.25`.
    pub fn usd(&self, decimal: &str) -> String {
        Self::call(&self.usd, &JsValue::from_str(decimal)).unwrap_or_else(|| format!("${decimal}"))
    }

    /// A `YYYY-MM-DD` date: `May 22, 2026`.
    pub fn date(&self, ymd: &str) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(ymd));
        Self::call(&self.date, &date).unwrap_or_else(|| ymd.to_owned())
    }
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
                Shape::Number { places, .. } if dollar => (places <= 4).then(|| self.usd(&plain)),
                // Four digits or more with no comma is not a count (a year).
                Shape::Number { long: true, .. } => None,
                Shape::Number { places: 0, .. } => plain.parse().ok().map(|n| self.int(n)),
                Shape::Number { places, .. } if places <= 3 => {
                    Self::call(&self.int, &JsValue::from_str(&plain))
                }
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
