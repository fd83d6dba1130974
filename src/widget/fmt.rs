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
