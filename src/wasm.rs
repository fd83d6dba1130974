//! The JavaScript boundary (wasm32 only): `quote`, `catalog`, `planFit`,
//! `check`, `quoteMany` and the `Estimator` class.
//!
//! Inputs arrive as plain JS values and are read with serde-wasm-bindgen;
//! results leave through `serde_wasm_bindgen` as plain objects. Every failure
//! becomes a thrown JS `Error` with a `code` (see [`into_error`]); nothing here
//! can panic on input. The TypeScript shapes are in `src/wasm.d.ts`.

use std::cell::OnceCell;

use js_sys::{Array, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::check::{CheckRequest, KnownCost, Wallet};
use crate::error::{Error, ErrorCode, Result, one_of};
use crate::estimator::Estimator;
use crate::plan_fit::PlanFitRequest;
use crate::quote::QuoteRequest;
use crate::tables::schema::Tables;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "QuoteRequest")]
    pub type QuoteRequestJs;
    #[wasm_bindgen(typescript_type = "Quote")]
    pub type QuoteJs;
    #[wasm_bindgen(typescript_type = "QuoteRequest[]")]
    pub type QuoteRequestsJs;
    #[wasm_bindgen(typescript_type = "Array<Quote | EstimatorFailure>")]
    pub type QuoteOutcomesJs;
    #[wasm_bindgen(typescript_type = "Catalog")]
    pub type CatalogJs;
    #[wasm_bindgen(typescript_type = "PlanFitRequest")]
    pub type PlanFitRequestJs;
    #[wasm_bindgen(typescript_type = "PlanFit")]
    pub type PlanFitJs;
    #[wasm_bindgen(typescript_type = "Wallet")]
    pub type WalletJs;
    #[wasm_bindgen(typescript_type = "CheckRequest")]
    pub type CheckRequestJs;
    #[wasm_bindgen(typescript_type = "CheckResult")]
    pub type CheckResultJs;
    #[wasm_bindgen(typescript_type = "EstimatorOptions")]
    pub type EstimatorOptionsJs;
    #[wasm_bindgen(typescript_type = "Tables")]
    pub type TablesJs;
}

/// The one way a core error reaches JavaScript: a real `Error` with `code`.
pub fn into_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(error.message());
    js.set_name("EstimatorError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &error.code().as_str().into());
    js.into()
}

/// Rewrites serde's wording for people writing JavaScript.
fn plain_words(message: &str) -> String {
    message
        .trim_start_matches("Error: ")
        .replace("JsValue(", "(")
        .replace("expected f64", "expected a number")
        .replace("expected u32", "expected a whole number from 0")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "invalid type: unit value",
            "invalid type: null or undefined",
        )
        .replace("invalid type: sequence", "invalid type: array")
        .replace("invalid type: map", "invalid type: object")
}

/// The first key of `given` (with a value) that `known` lacks: its path and
/// the fields allowed there.
///
/// `known` is the typed value written back to JS, so it holds exactly the
/// fields the type has; only its keys are followed, so a cycle in `given`
/// cannot make this loop.
fn unknown_field(given: &JsValue, known: &JsValue, path: &str) -> Option<(String, String)> {
    if Array::is_array(given) && Array::is_array(known) {
        let (given, known): (&Array, &Array) = (given.unchecked_ref(), known.unchecked_ref());
        return (0..given.length().min(known.length()))
            .find_map(|i| unknown_field(&given.get(i), &known.get(i), &format!("{path}[{i}]")));
    }
    if !given.is_object() || !known.is_object() || Array::is_array(given) {
        return None;
    }
    let given_obj: &js_sys::Object = given.unchecked_ref();
    js_sys::Object::keys(given_obj).iter().find_map(|key| {
        let value = Reflect::get(given, &key).unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() || value.is_null() {
            return None;
        }
        let name = key.as_string().unwrap_or_default();
        let here = format!("{path}.{name}");
        if Reflect::has(known, &key).unwrap_or(false) {
            unknown_field(
                &value,
                &Reflect::get(known, &key).unwrap_or(JsValue::UNDEFINED),
                &here,
            )
        } else {
            let allowed: Vec<String> =
                js_sys::Object::keys(known.unchecked_ref::<js_sys::Object>())
                    .iter()
                    .filter_map(|k| k.as_string())
                    .collect();
            Some((here, one_of(&allowed)))
        }
    })
}

/// Reads a JS value into a core type; a fault is `code` with the path of it.
/// Unknown fields are faults too (serde-wasm-bindgen reads only the known ones).
pub(crate) fn read<T: DeserializeOwned + Serialize>(
    value: JsValue,
    what: &str,
    code: ErrorCode,
) -> Result<T> {
    if !value.is_object() || Array::is_array(&value) {
        let got = if value.is_null() {
            "null".to_owned()
        } else if Array::is_array(&value) {
            "an array".to_owned()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        return Err(Error::new(
            code,
            format!("{what} must be an object, got {got}"),
        ));
    }
    let de = serde_wasm_bindgen::Deserializer::from(value.clone());
    let typed: T = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let place = if path == "." {
            what.to_owned()
        } else {
            format!("{what}.{path}")
        };
        Error::new(
            code,
            format!("{place}: {}", plain_words(&e.into_inner().to_string())),
        )
    })?;
    if let Some((path, allowed)) = write(&typed)
        .ok()
        .and_then(|known| unknown_field(&value, &known, what))
    {
        return Err(Error::new(
            code,
            format!("{path} is not a known field: use {allowed}"),
        ));
    }
    Ok(typed)
}

/// Writes a core result as a plain JS object (`null` for absent values).
pub(crate) fn write<T: Serialize>(value: &T) -> Result<JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| Error::invalid_request(format!("result could not be converted: {e}")))
}

fn thrown<T>(result: Result<T>) -> std::result::Result<T, JsValue> {
    result.map_err(into_error)
}

/// `{ credits }` (a known cost) or a `quote()` request.
fn read_check_request(value: JsValue) -> Result<CheckRequest> {
    let has_credits = value.is_object() && Reflect::has(&value, &"credits".into()).unwrap_or(false);
    if has_credits {
        read::<KnownCost>(value, "request", ErrorCode::InvalidRequest).map(CheckRequest::Credits)
    } else {
        read::<QuoteRequest>(value, "request", ErrorCode::InvalidRequest)
            .map(CheckRequest::Generation)
    }
}

fn quote_with(e: &Estimator, request: JsValue) -> Result<JsValue> {
    let request: QuoteRequest = read(request, "request", ErrorCode::InvalidRequest)?;
    write(&e.quote(&request)?)
}

fn quote_many_with(e: &Estimator, requests: JsValue) -> Result<JsValue> {
    if !Array::is_array(&requests) {
        return Err(Error::invalid_request(
            "quoteMany() takes an array of quote() requests",
        ));
    }
    let requests: Array = requests.unchecked_into();
    let out = Array::new_with_length(requests.length());
    for (i, request) in requests.iter().enumerate() {
        let item = match quote_with(e, request) {
            Ok(quote) => quote,
            Err(error) => write(&Failure::from(error))?,
        };
        // i < requests.length() ≤ u32::MAX.
        out.set(i as u32, item);
    }
    Ok(out.into())
}

/// A failed item of `quoteMany`, as data rather than a throw.
#[derive(Serialize)]
struct Failure {
    error: FailureDetail,
}

#[derive(Serialize)]
struct FailureDetail {
    code: &'static str,
    message: String,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error: FailureDetail {
                code: error.code().as_str(),
                message: error.message().to_owned(),
            },
        }
    }
}

fn plan_fit_with(e: &Estimator, request: JsValue) -> Result<JsValue> {
    let request: PlanFitRequest = read(request, "planFit request", ErrorCode::InvalidRequest)?;
    write(&e.plan_fit(&request)?)
}

fn check_with(e: &Estimator, wallet: JsValue, request: JsValue) -> Result<JsValue> {
    let wallet: Wallet = read(wallet, "wallet", ErrorCode::InvalidWallet)?;
    let request = read_check_request(request)?;
    write(&e.check(&wallet, &request)?)
}

thread_local! {
    static DEFAULT: OnceCell<Result<Estimator>> = const { OnceCell::new() };
}

/// Runs `f` with the estimator of the baked-in tables.
fn with_default(
    f: impl FnOnce(&Estimator) -> Result<JsValue>,
) -> std::result::Result<JsValue, JsValue> {
    DEFAULT.with(|cell| match cell.get_or_init(Estimator::try_default) {
        Ok(estimator) => thrown(f(estimator)),
        Err(error) => Err(into_error(error.clone())),
    })
}

/// Prices one generation with the built-in tables. Throws an `Error` with
/// `code` on bad input.
#[wasm_bindgen(js_name = quote)]
pub fn quote(request: QuoteRequestJs) -> std::result::Result<QuoteJs, JsValue> {
    with_default(|e| quote_with(e, request.into())).map(JsCast::unchecked_into)
}

/// Prices many generations in one call; a failed item is `{ error: { code, message } }`.
#[wasm_bindgen(js_name = quoteMany)]
pub fn quote_many(requests: QuoteRequestsJs) -> std::result::Result<QuoteOutcomesJs, JsValue> {
    with_default(|e| quote_many_with(e, requests.into())).map(JsCast::unchecked_into)
}

/// Everything that can be priced, for building menus.
#[wasm_bindgen(js_name = catalog)]
pub fn catalog() -> std::result::Result<CatalogJs, JsValue> {
    with_default(|e| write(&e.catalog())).map(JsCast::unchecked_into)
}

/// Which plan covers a month of usage, with top-ups.
#[wasm_bindgen(js_name = planFit)]
pub fn plan_fit(request: PlanFitRequestJs) -> std::result::Result<PlanFitJs, JsValue> {
    with_default(|e| plan_fit_with(e, request.into())).map(JsCast::unchecked_into)
}

/// Whether a wallet can pay for a generation now, and from which pools.
#[wasm_bindgen(js_name = check)]
pub fn check(
    wallet: WalletJs,
    request: CheckRequestJs,
) -> std::result::Result<CheckResultJs, JsValue> {
    with_default(|e| check_with(e, wallet.into(), request.into())).map(JsCast::unchecked_into)
}

/// The tables of `pricing/` built into this module (to copy and change for
/// `new Estimator({ tables })`).
#[wasm_bindgen(js_name = defaultTables)]
pub fn default_tables() -> std::result::Result<TablesJs, JsValue> {
    thrown(write(crate::default_tables())).map(JsCast::unchecked_into)
}

/// Prices against one edition of the tables: the built-in one, or tables
/// given at run time in the schema of `pricing/`.
#[wasm_bindgen(js_name = Estimator)]
pub struct JsEstimator {
    inner: Estimator,
}

#[derive(serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct EstimatorOptions {
    #[serde(default)]
    tables: Option<Tables>,
}

#[wasm_bindgen(js_class = Estimator)]
impl JsEstimator {
    /// `new Estimator()` uses the built-in tables; `new Estimator({ tables })`
    /// validates and uses the given ones (throws `invalid_tables`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<EstimatorOptionsJs>) -> std::result::Result<JsEstimator, JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let inner = if options.is_undefined() || options.is_null() {
            Estimator::try_default()
        } else {
            read::<EstimatorOptions>(options, "options", ErrorCode::InvalidTables).and_then(|o| {
                match o.tables {
                    Some(tables) => Estimator::try_with_tables(tables),
                    None => Estimator::try_default(),
                }
            })
        };
        thrown(inner).map(|inner| JsEstimator { inner })
    }

    pub fn quote(&self, request: QuoteRequestJs) -> std::result::Result<QuoteJs, JsValue> {
        thrown(quote_with(&self.inner, request.into())).map(JsCast::unchecked_into)
    }

    #[wasm_bindgen(js_name = quoteMany)]
    pub fn quote_many(
        &self,
        requests: QuoteRequestsJs,
    ) -> std::result::Result<QuoteOutcomesJs, JsValue> {
        thrown(quote_many_with(&self.inner, requests.into())).map(JsCast::unchecked_into)
    }

    pub fn catalog(&self) -> std::result::Result<CatalogJs, JsValue> {
        thrown(write(&self.inner.catalog())).map(JsCast::unchecked_into)
    }

    #[wasm_bindgen(js_name = planFit)]
    pub fn plan_fit(&self, request: PlanFitRequestJs) -> std::result::Result<PlanFitJs, JsValue> {
        thrown(plan_fit_with(&self.inner, request.into())).map(JsCast::unchecked_into)
    }

    pub fn check(
        &self,
        wallet: WalletJs,
        request: CheckRequestJs,
    ) -> std::result::Result<CheckResultJs, JsValue> {
        thrown(check_with(&self.inner, wallet.into(), request.into())).map(JsCast::unchecked_into)
    }

    /// The tables this estimator prices with.
    pub fn tables(&self) -> std::result::Result<TablesJs, JsValue> {
        thrown(write(self.inner.book().tables())).map(JsCast::unchecked_into)
    }
}
