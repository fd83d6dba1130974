//! The JavaScript boundary (wasm32 only): `quote`, `catalog`, `planFit`,
//! `check`, `quoteMany`, `checkMany`, the `Estimator` class and
//! `isEstimatorError`.
//!
//! Inputs arrive as plain JS values and are read by [`from_js`] (which names
//! the path of any fault and rejects unknown fields); results leave as plain
//! objects through [`to_js`]. Every failure
//! becomes a thrown JS `Error` with a `code` (see [`into_error`]); nothing here
//! can panic on input. The TypeScript shapes are in `src/wasm.d.ts`.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::OnceCell;

use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::check::{CheckRequest, KnownCost, Wallet};
use crate::error::{Error, ErrorCode, Result};
use crate::estimator::Estimator;
use crate::plan_fit::PlanFitRequest;
use crate::quote::QuoteRequest;
use crate::tables::schema::Tables;

mod from_js;
mod local;
mod to_js;

pub(crate) use from_js::{FromJs, Obj, describe, is_array};
pub(crate) use local::Local;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "QuoteRequest")]
    pub type QuoteRequestJs;
    #[wasm_bindgen(typescript_type = "Quote")]
    pub type QuoteJs;
    #[wasm_bindgen(typescript_type = "readonly QuoteRequest[]")]
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
    #[wasm_bindgen(typescript_type = "readonly CheckRequest[]")]
    pub type CheckRequestsJs;
    #[wasm_bindgen(typescript_type = "StoryboardCheck")]
    pub type StoryboardCheckJs;
    #[wasm_bindgen(typescript_type = "EstimatorOptions")]
    pub type EstimatorOptionsJs;
    #[wasm_bindgen(typescript_type = "Tables")]
    pub type TablesJs;
}

/// The `name` of every error this module throws (`isEstimatorError` checks it).
const ERROR_NAME: &str = "EstimatorError";

/// The one way a core error reaches JavaScript: a real `Error` with `code`.
pub fn into_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(error.message());
    js.set_name(ERROR_NAME);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &error.code().as_str().into());
    js.into()
}

/// Reads a JS value into a core type; a fault is `code` with the path of it,
/// `what` naming the argument (`request`, `wallet`, `tables`).
pub(crate) fn read<T: FromJs>(value: JsValue, what: &str, code: ErrorCode) -> Result<T> {
    T::from_js(&value, &from_js::Path::Root(what)).map_err(|fault| Error::new(code, fault.0))
}

/// Writes a core result as a plain JS object (`null` for absent values).
pub(crate) fn write<T: Serialize>(value: &T) -> Result<JsValue> {
    written(to_js::to_js(value))
}

/// [`write`]'s outcome as a core result (not generic: one copy).
#[inline(never)]
fn written(result: core::result::Result<JsValue, to_js::WriteError>) -> Result<JsValue> {
    result.map_err(|e| {
        Error::invalid_request_with(format_args!("result could not be converted: {e}"))
    })
}

fn thrown<T>(result: Result<T>) -> core::result::Result<T, JsValue> {
    result.map_err(into_error)
}

/// `{ credits }` (a known cost) or a `quote()` request, `what` naming it in
/// a fault (`request`, `requests[2]`). `credits` set to
/// `null` or `undefined` is left out, as for any optional field, so a
/// generation request may carry it; one that cannot be read (a throwing
/// getter) is a known cost's, whose reader says why.
fn read_check_request(value: JsValue, what: &str) -> Result<CheckRequest> {
    let has_credits = value.is_object()
        && Reflect::get(&value, &"credits".into())
            .map_or(true, |c| !c.is_undefined() && !c.is_null());
    if has_credits {
        read::<KnownCost>(value, what, ErrorCode::InvalidRequest).map(CheckRequest::Credits)
    } else {
        read::<QuoteRequest>(value, what, ErrorCode::InvalidRequest).map(CheckRequest::Generation)
    }
}

fn quote_with(e: &Estimator, request: JsValue) -> Result<JsValue> {
    let request: QuoteRequest = read(request, "request", ErrorCode::InvalidRequest)?;
    write(&e.quote(&request)?)
}

/// The items of a batch's `requests`, read through Reflect, which catches
/// what a Proxy of an array may throw; `takes` says what the function takes.
fn batch(requests: &JsValue, takes: &str) -> Result<Vec<JsValue>> {
    if !is_array(requests) {
        return Err(Error::invalid_request_with(format_args!(
            "{takes}, got {}",
            describe(requests)
        )));
    }
    Vec::<JsValue>::from_js(requests, &from_js::Path::Root("requests"))
        .map_err(|fault| Error::invalid_request(fault.0))
}

fn quote_many_with(e: &Estimator, requests: JsValue) -> Result<JsValue> {
    let requests = batch(&requests, "quoteMany() takes an array of quote() requests")?;
    let out = Array::new();
    for request in requests {
        let item = match quote_with(e, request) {
            Ok(quote) => quote,
            Err(error) => write(&Failure::from(error))?,
        };
        out.push(&item);
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
    let request = read_check_request(request, "request")?;
    write(&e.check(&wallet, &request)?)
}

fn check_many_with(e: &Estimator, wallet: JsValue, requests: JsValue) -> Result<JsValue> {
    let wallet: Wallet = read(wallet, "wallet", ErrorCode::InvalidWallet)?;
    let items = batch(&requests, "checkMany() takes an array of check() requests")?;
    let mut list = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        list.push(read_check_request(item, &format!("requests[{i}]"))?);
    }
    write(&e.check_many(&wallet, &list)?)
}

static DEFAULT: Local<OnceCell<Rc<Estimator>>> = Local::new(OnceCell::new());

/// The estimator of the built-in tables, made once per module from the baked
/// constant (nothing is read or validated at run time): the free functions,
/// `new Estimator()` and every widget share it.
pub(crate) fn built_in_estimator() -> Rc<Estimator> {
    DEFAULT.with(|cell| cell.get_or_init(|| Rc::new(Estimator::built_in())).clone())
}

/// Runs `f` with the estimator of the built-in tables.
fn with_default(
    f: impl FnOnce(&Estimator) -> Result<JsValue>,
) -> core::result::Result<JsValue, JsValue> {
    thrown(f(&built_in_estimator()))
}

/// Prices one generation with the built-in tables. Throws an `Error` with
/// `code` on bad input.
#[wasm_bindgen(js_name = quote)]
pub fn quote(request: QuoteRequestJs) -> core::result::Result<QuoteJs, JsValue> {
    with_default(|e| quote_with(e, request.into())).map(JsCast::unchecked_into)
}

/// Prices many generations in one call; a failed item is `{ error: { code, message } }`.
#[wasm_bindgen(js_name = quoteMany)]
pub fn quote_many(requests: QuoteRequestsJs) -> core::result::Result<QuoteOutcomesJs, JsValue> {
    with_default(|e| quote_many_with(e, requests.into())).map(JsCast::unchecked_into)
}

/// Everything that can be priced, for building menus.
#[wasm_bindgen(js_name = catalog)]
pub fn catalog() -> core::result::Result<CatalogJs, JsValue> {
    with_default(|e| write(&e.catalog())).map(JsCast::unchecked_into)
}

/// Which plan covers a month of usage, with top-ups.
#[wasm_bindgen(js_name = planFit)]
pub fn plan_fit(request: PlanFitRequestJs) -> core::result::Result<PlanFitJs, JsValue> {
    with_default(|e| plan_fit_with(e, request.into())).map(JsCast::unchecked_into)
}

/// Whether a wallet can pay for a generation now, and from which pools.
#[wasm_bindgen(js_name = check)]
pub fn check(
    wallet: WalletJs,
    request: CheckRequestJs,
) -> core::result::Result<CheckResultJs, JsValue> {
    with_default(|e| check_with(e, wallet.into(), request.into())).map(JsCast::unchecked_into)
}

/// Whether a wallet pays for generations made one after another (a
/// storyboard), each checked against what the ones before it left.
#[wasm_bindgen(js_name = checkMany)]
pub fn check_many(
    wallet: WalletJs,
    requests: CheckRequestsJs,
) -> core::result::Result<StoryboardCheckJs, JsValue> {
    with_default(|e| check_many_with(e, wallet.into(), requests.into())).map(JsCast::unchecked_into)
}

/// Whether `value` is an error this module threw: an `Error` named
/// `EstimatorError` whose `code` is one of the documented codes. For a
/// `catch (e)`, where TypeScript knows nothing of `e`.
#[wasm_bindgen(
    js_name = isEstimatorError,
    unchecked_return_type = "value is EstimatorError"
)]
pub fn is_estimator_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> bool {
    // Read through Reflect, which catches what a Proxy or a getter throws.
    let text = |key: &str| Reflect::get(&value, &key.into()).ok()?.as_string();
    value.is_instance_of::<js_sys::Error>()
        && text("name").as_deref() == Some(ERROR_NAME)
        && text("code").is_some_and(|code| ErrorCode::ALL.iter().any(|c| c.as_str() == code))
}

/// The tables of `pricing/` built into this module, as a fresh object to
/// copy and change for `new Estimator({ tables })`.
#[wasm_bindgen(js_name = defaultTables)]
pub fn default_tables() -> core::result::Result<TablesJs, JsValue> {
    // build.rs wrote the validated tables as JSON too: parsing that text in JS
    // is far smaller than serializing 29 table types from Rust.
    js_sys::JSON::parse(crate::DEFAULT_TABLES_JSON).map(JsCast::unchecked_into)
}

/// Prices against one edition of the tables: the built-in one, or tables
/// given at run time in the schema of `pricing/`.
#[wasm_bindgen(js_name = Estimator)]
pub struct JsEstimator {
    inner: Rc<Estimator>,
}

/// `new Estimator(options)`.
#[derive(Default)]
struct EstimatorOptions {
    tables: Option<Tables>,
}

impl FromJs for EstimatorOptions {
    fn from_js(value: &JsValue, path: &from_js::Path<'_>) -> from_js::Read<Self> {
        let mut options = EstimatorOptions::default();
        let mut o = Obj::new(value, path, &["tables"])?;
        o.opt(&mut options.tables, "tables");
        o.finish()?;
        Ok(options)
    }
}

#[wasm_bindgen(js_class = Estimator)]
impl JsEstimator {
    /// `new Estimator()` uses the built-in tables; `new Estimator({ tables })`
    /// validates and uses the given ones (throws `invalid_tables`, also when
    /// `options` has no `tables`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<EstimatorOptionsJs>) -> core::result::Result<JsEstimator, JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let inner = if options.is_undefined() || options.is_null() {
            Ok(built_in_estimator())
        } else {
            read::<EstimatorOptions>(options, "options", ErrorCode::InvalidTables).and_then(|o| {
                // Options without tables are a mistake (tables not loaded
                // yet?), not a request for the built-in ones.
                let tables = o.tables.ok_or_else(|| {
                    Error::invalid_tables(
                        "options.tables is missing: give tables in the schema of pricing/ \
                         (defaultTables() returns the built-in ones), or call new Estimator() \
                         for the built-in tables",
                    )
                })?;
                Estimator::try_with_tables(tables)
                    .map(Rc::new)
                    .map_err(|e| e.under("options.tables"))
            })
        };
        thrown(inner).map(|inner| JsEstimator { inner })
    }

    pub fn quote(&self, request: QuoteRequestJs) -> core::result::Result<QuoteJs, JsValue> {
        thrown(quote_with(&self.inner, request.into())).map(JsCast::unchecked_into)
    }

    #[wasm_bindgen(js_name = quoteMany)]
    pub fn quote_many(
        &self,
        requests: QuoteRequestsJs,
    ) -> core::result::Result<QuoteOutcomesJs, JsValue> {
        thrown(quote_many_with(&self.inner, requests.into())).map(JsCast::unchecked_into)
    }

    pub fn catalog(&self) -> core::result::Result<CatalogJs, JsValue> {
        thrown(write(&self.inner.catalog())).map(JsCast::unchecked_into)
    }

    #[wasm_bindgen(js_name = planFit)]
    pub fn plan_fit(&self, request: PlanFitRequestJs) -> core::result::Result<PlanFitJs, JsValue> {
        thrown(plan_fit_with(&self.inner, request.into())).map(JsCast::unchecked_into)
    }

    pub fn check(
        &self,
        wallet: WalletJs,
        request: CheckRequestJs,
    ) -> core::result::Result<CheckResultJs, JsValue> {
        thrown(check_with(&self.inner, wallet.into(), request.into())).map(JsCast::unchecked_into)
    }

    #[wasm_bindgen(js_name = checkMany)]
    pub fn check_many(
        &self,
        wallet: WalletJs,
        requests: CheckRequestsJs,
    ) -> core::result::Result<StoryboardCheckJs, JsValue> {
        thrown(check_many_with(&self.inner, wallet.into(), requests.into()))
            .map(JsCast::unchecked_into)
    }
}
