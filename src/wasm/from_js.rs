//! Reading plain JS values into the core's input types.
//!
//! Why not serde-wasm-bindgen here: measured on this
//! crate, serde's derived visitors for the ~40 input types, with path tracking,
//! came to about 260 KB of WebAssembly (100 KB gzip) — more than the whole
//! widget's budget. This reader is one small generic object reader plus a line
//! per type, and it does two things serde-wasm-bindgen does not: it names the
//! path of every fault (`request.addons[1].seconds`) and rejects unknown
//! fields (serde-wasm-bindgen reads only the fields it knows).
//!
//! It follows only the fields a type has, so cyclic or deeply nested input
//! cannot make it recurse without end, and it never panics.

use crate::prelude::*;

use alloc::borrow::Cow;
use core::cell::RefCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a hostile object (a Proxy) may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;

    /// The `Array` constructor.
    type ArrayConstructor;
    #[wasm_bindgen(thread_local_v2, js_name = Array)]
    static ARRAY: ArrayConstructor;
    /// `Array.isArray`, catching the TypeError a revoked Proxy throws. (Bound
    /// as a method: a second plain binding of `Array.isArray` beside js-sys's
    /// own is merged away by wasm-bindgen 0.2.130.)
    #[wasm_bindgen(method, js_name = isArray, catch)]
    fn is_array_catching(this: &ArrayConstructor, value: &JsValue) -> Result<bool, JsValue>;
}

/// Whether `value` is an array; a value that cannot even say is not one.
pub(crate) fn is_array(value: &JsValue) -> bool {
    ARRAY
        .with(|array| array.is_array_catching(value))
        .unwrap_or(false)
}

use crate::check::{KnownCost, TopUpLot, Wallet};
use crate::error::{one_of, shown};
use crate::plan_fit::{Needs, PlanFitRequest, UsageLine};
use crate::quote::{AddonRequest, QuoteRequest, describe_number};
use crate::tables::schema::*;
use crate::wasm::Local;

/// A fault in the input: where it is and what is wrong there.
pub(crate) struct Fault(pub String);

pub(crate) type Read<T> = core::result::Result<T, Fault>;

/// JS strings of the field names read or written so far: made once, kept
/// for the module's life (a few dozen names).
static NAMES: Local<RefCell<Vec<(NameId, JsValue)>>> = Local::new(RefCell::new(Vec::new()));

/// A `&'static str` by its address and length.
type NameId = (usize, usize);

/// Runs `f` with `name` as a JS string, made only once per name.
pub(crate) fn with_name<R>(name: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    let id = (name.as_ptr() as usize, name.len());
    NAMES.with(|names| {
        // Busy only when JS code run by `f` (a getter of the input) has called
        // back into the module: that call makes its own strings.
        let Ok(mut names) = names.try_borrow_mut() else {
            return f(&JsValue::from_str(name));
        };
        let at = match names.iter().position(|(n, _)| *n == id) {
            Some(at) => at,
            None => {
                names.push((id, JsValue::from_str(name)));
                names.len() - 1
            }
        };
        f(&names[at].1)
    })
}

/// `Reflect.get(object, name)`.
fn get_named(object: &JsValue, name: &'static str) -> Result<JsValue, JsValue> {
    with_name(name, |key| Reflect::get(object, key))
}

/// Where a value is in the input: `request.addons[1].seconds`. Written out
/// only when there is a fault to report.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root(&'a str),
    Field(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, u32),
}

impl core::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Where one value read goes, for the readers that are not generic
/// ([`Obj::read_with`], [`each_item`]): only `read_one` is repeated per type.
/// (A trait of its own, not `dyn FnMut`: an `FnMut`'s vtable holds a
/// `call_once` shim too, one more function per type.)
pub(crate) trait ReadOne {
    fn read_one(&mut self, value: &JsValue, path: &Path<'_>) -> Read<()>;
}

/// Into an optional field, `None` until read (so there is no earlier
/// value to drop).
struct Given<'a, T>(&'a mut Option<T>);

impl<T: FromJs + Default> ReadOne for Given<'_, T> {
    fn read_one(&mut self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        T::read_into(self.0.insert(T::default()), value, path)
    }
}

/// Over a required field's default ([`FromJs::read_into`]).
struct Over<'a, T>(&'a mut T);

impl<T: FromJs> ReadOne for Over<'_, T> {
    fn read_one(&mut self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        T::read_into(self.0, value, path)
    }
}

/// Onto the end of a list, as a default read over.
struct Pushed<'a, T>(&'a mut Vec<T>);

impl<T: FromJs + Default> ReadOne for Pushed<'_, T> {
    fn read_one(&mut self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        self.0.push(T::default());
        match self.0.last_mut() {
            Some(item) => T::read_into(item, value, path),
            None => Ok(()),
        }
    }
}

/// A type that can be read from a JS value at `path`.
pub(crate) trait FromJs: Sized {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self>;

    /// Reads into `slot`, in place. `slot` must hold the type's default
    /// (every caller passes one): it is replaced without its drop. No type
    /// read here has a default that holds memory (an empty `String`, `Cow`
    /// or `Vec`, `undefined`, a number, `false`, `None`; checked for every
    /// `FromJs` type), and the drops left out take KBs off the wasm. A type
    /// whose default allocated would leak it on each read. Objects and
    /// lists fill the slot field by field and item by item instead, so no
    /// value read is moved, and reading a field is one call: 2.7 KB gzip
    /// smaller than building each value and moving it into its parent.
    /// After a fault the slot holds what was read so far, dropped with the
    /// rest of the value by whoever reads it.
    fn read_into(slot: &mut Self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        core::mem::forget(core::mem::replace(slot, Self::from_js(value, path)?));
        Ok(())
    }
}

/// A short description of a JS value for messages: `"5"`, `NaN`, `an array`.
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if let Some(text) = value.as_string() {
        shown(&text)
    } else if let Some(number) = value.as_f64() {
        describe_number(number)
    } else if let Some(flag) = value.as_bool() {
        if flag { "true" } else { "false" }.into()
    } else if value.is_bigint() {
        "a BigInt".into()
    } else if value.is_symbol() {
        "a symbol".into()
    } else if value.is_function() {
        "a function".into()
    } else if is_array(value) {
        "an array".into()
    } else if wasm_bindgen::JsCast::is_instance_of::<js_sys::Date>(value) {
        "a Date (dates are written as \"YYYY-MM-DD\" strings)".into()
    } else if is_map(value) {
        "a Map (pass a plain object: Object.fromEntries(map))".into()
    } else {
        "an object".into()
    }
}

/// What reading a value threw, for a message: ` (reading it threw "boom")`
/// with the `message` of an `Error` (read through Reflect, which catches a
/// getter that throws again), else the thrown value described.
fn threw(exception: &JsValue) -> String {
    let said = Reflect::get(exception, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .filter(|_| wasm_bindgen::JsCast::is_instance_of::<js_sys::Error>(exception));
    let what = said.map_or_else(|| describe(exception), |m| shown(&m));
    format!(" (reading it threw {what})")
}

/// A `Map`: an object to JS, but its entries are not fields, so it would
/// read as an empty object ("platform is missing").
fn is_map(value: &JsValue) -> bool {
    wasm_bindgen::JsCast::is_instance_of::<js_sys::Map>(value)
}

fn expected(path: &Path<'_>, what: &str, value: &JsValue) -> Fault {
    Fault(format!("{path}: expected {what}, got {}", describe(value)))
}

/// Whether a field may be left out, and what `null` means for it.
#[derive(Clone, Copy, PartialEq)]
enum Presence {
    /// May be absent; absent, `undefined` and `null` all mean "not given".
    Optional,
    /// Must be there; `null` means "not published".
    Nullable,
    /// Must be there with a value of its type.
    Required,
}

/// A plain object whose fields are all among `known`.
///
/// Field reads do not fail one by one: the first fault is kept and later
/// fields keep their defaults, and [`Obj::finish`] reports it, after checking that
/// the object has no fields beyond the known ones. That keeps each type's
/// reader straight-line code, with no clean-up path per field. Paths are
/// only written out when there is a fault to report.
pub(crate) struct Obj<'a> {
    value: &'a JsValue,
    path: &'a Path<'a>,
    known: &'static [&'static str],
    /// Known fields present with a value other than `undefined`.
    present: u32,
    fault: Option<Fault>,
    /// The fault is a field that is missing, perhaps misspelt.
    missing: bool,
}

impl<'a> Obj<'a> {
    #[inline(never)]
    pub(crate) fn new(
        value: &'a JsValue,
        path: &'a Path<'a>,
        known: &'static [&'static str],
    ) -> Read<Obj<'a>> {
        if !value.is_object() || is_array(value) || value.is_function() || is_map(value) {
            // The fields it takes say what is allowed (`needs` is
            // `{ commercialUse, noWatermark }`, not a word).
            return Err(Fault(format!(
                "{path} must be an object with the fields {}, got {}",
                known.join(", "),
                describe(value)
            )));
        }
        Ok(Obj {
            value,
            path,
            known,
            present: 0,
            fault: None,
            missing: false,
        })
    }

    /// The value of field `key`; `None` when it may be and is absent or
    /// `null` (see [`Presence`]), or after a fault, which is recorded.
    #[inline(never)]
    fn field(&mut self, key: &'static str, presence: Presence) -> Option<JsValue> {
        if self.fault.is_some() {
            return None;
        }
        match get_named(self.value, key) {
            Err(e) => {
                let threw = threw(&e);
                self.fault = Some(Fault(format!(
                    "{}.{key} could not be read{threw}",
                    self.path
                )));
            }
            Ok(value) if value.is_undefined() => {
                let hint = match presence {
                    Presence::Optional => return None,
                    Presence::Nullable => " (write null where the figure is not published)",
                    Presence::Required => "",
                };
                self.fault = Some(Fault(format!("{}.{key} is missing{hint}", self.path)));
                self.missing = true;
            }
            Ok(value) => {
                self.present += 1;
                if presence == Presence::Required || !value.is_null() {
                    return Some(value);
                }
            }
        }
        None
    }

    /// Reads field `key` with `read`, keeping its fault. Not generic: only
    /// `read` is repeated for each field type.
    #[inline(never)]
    fn read_with(&mut self, key: &'static str, presence: Presence, read: &mut dyn ReadOne) {
        if let Some(value) = self.field(key, presence)
            && let Err(fault) = read.read_one(&value, &Path::Field(self.path, key))
        {
            self.fault = Some(fault);
        }
    }

    /// An optional field into `slot` (left `None` when absent, `undefined`
    /// or `null`).
    pub(crate) fn opt<T: FromJs + Default>(&mut self, slot: &mut Option<T>, key: &'static str) {
        self.read_with(key, Presence::Optional, &mut Given(slot));
    }

    /// A field that must be there but may be `null` (`None`): a figure of the
    /// tables that may be unpublished, but not forgotten.
    pub(crate) fn nullable<T: FromJs + Default>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) {
        self.read_with(key, Presence::Nullable, &mut Given(slot));
    }

    /// A required field into `slot`, a default (which stands after a fault).
    pub(crate) fn req<T: FromJs>(&mut self, slot: &mut T, key: &'static str) {
        self.read_with(key, Presence::Required, &mut Over(slot));
    }

    /// Done: the first fault met while reading the fields, or the first
    /// field that is not a known one. A missing field gives way to an
    /// unknown one, which is likely the same field misspelt.
    pub(crate) fn finish(self) -> Read<()> {
        match self.into_fault() {
            Some(fault) => Err(fault),
            None => Ok(()),
        }
    }

    /// The fault [`Obj::finish`] reports, if any (not generic: one copy).
    #[inline(never)]
    fn into_fault(self) -> Option<Fault> {
        let unknown = match &self.fault {
            // Fields after the fault were not counted: compare every name.
            Some(_) if self.missing => self.unknown_field(0),
            Some(_) => None,
            None => self.unknown_field(self.present),
        };
        unknown.or(self.fault)
    }

    /// More own fields than the `known_present` known ones read means an
    /// unknown field; only then are the names compared, to say which.
    #[inline(never)]
    fn unknown_field(&self, known_present: u32) -> Option<Fault> {
        let path = self.path;
        let unreadable =
            |why: String| Some(Fault(format!("{path}: its fields could not be read{why}")));
        let keys = match object_keys(self.value) {
            Ok(keys) => keys,
            Err(e) => return unreadable(threw(&e)),
        };
        // `keys` is a fresh plain array made by Object.keys: reading it cannot throw.
        if keys.length() <= known_present {
            return None;
        }
        for i in 0..keys.length() {
            let Some(name) = keys.get(i).as_string() else {
                return unreadable(String::new());
            };
            if self.known.contains(&name.as_str()) {
                continue;
            }
            // A field set to undefined or null is as good as absent.
            match Reflect::get(self.value, &JsValue::from_str(&name)) {
                Ok(v) if v.is_undefined() || v.is_null() => continue,
                Ok(_) => {
                    return Some(Fault(format!(
                        "{path}.{name} is not a known field: use {}",
                        one_of(self.known)
                    )));
                }
                Err(e) => return unreadable(threw(&e)),
            }
        }
        None
    }
}

/// Any value, as it is (for lists read item by item later).
impl FromJs for JsValue {
    fn from_js(value: &JsValue, _path: &Path<'_>) -> Read<Self> {
        Ok(value.clone())
    }
}

impl FromJs for String {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        value
            .as_string()
            .ok_or_else(|| expected(path, "a string", value))
    }
}

impl FromJs for Cow<'static, str> {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        String::from_js(value, path).map(Cow::Owned)
    }
}

impl FromJs for f64 {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        value
            .as_f64()
            .ok_or_else(|| expected(path, "a number", value))
    }
}

impl FromJs for u32 {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        let whole = value.as_f64().and_then(|n| crate::money::whole_count(n, 0));
        match whole.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Ok(n),
            None => Err(expected(
                path,
                "a whole number from 0 to 4,294,967,295",
                value,
            )),
        }
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        value
            .as_bool()
            .ok_or_else(|| expected(path, "true or false", value))
    }
}

/// The items of an array, read through Reflect (which catches what a Proxy
/// of an array may throw). Kept apart from `Vec<T>` so that only the small
/// loop below is repeated for each item type.
#[inline(never)]
fn items(value: &JsValue, path: &Path<'_>) -> Read<Vec<JsValue>> {
    if !is_array(value) {
        return Err(expected(path, "an array", value));
    }
    let unreadable = |why: String| Fault(format!("{path}: its items could not be read{why}"));
    let length = get_named(value, "length").map_err(|e| unreadable(threw(&e)))?;
    let length = u32::from_js(&length, path).map_err(|_| unreadable(String::new()))?;
    let mut out = Vec::with_capacity(length.min(64) as usize);
    for i in 0..length {
        out.push(Reflect::get_u32(value, i).map_err(|e| unreadable(threw(&e)))?);
    }
    Ok(out)
}

/// Reads each item of the array `value` with `each`, at its path; the first
/// fault ends it. Not generic: only `each` is repeated per item type.
#[inline(never)]
fn each_item(value: &JsValue, path: &Path<'_>, each: &mut dyn ReadOne) -> Read<()> {
    for (i, item) in (0u32..).zip(&items(value, path)?) {
        each.read_one(item, &Path::Index(path, i))?;
    }
    Ok(())
}

impl<T: FromJs + Default> FromJs for Vec<T> {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        let mut out = Vec::new();
        Self::read_into(&mut out, value, path)?;
        Ok(out)
    }

    /// Appends the items to `slot`.
    fn read_into(slot: &mut Self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        each_item(value, path, &mut Pushed(slot))
    }
}

impl<T: FromJs + Default + Clone> FromJs for Cow<'static, [T]> {
    fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
        Vec::<T>::from_js(value, path).map(Cow::Owned)
    }

    fn read_into(slot: &mut Self, value: &JsValue, path: &Path<'_>) -> Read<()> {
        // The default it replaces is an empty owned list (see `read_into`).
        core::mem::forget(core::mem::replace(slot, Cow::Owned(Vec::new())));
        match slot {
            Cow::Owned(items) => Vec::read_into(items, value, path),
            // (Not reached: the slot was just made an owned list.)
            Cow::Borrowed(_) => Ok(()),
        }
    }
}

/// `from_js!(Type { field: "jsName" req|opt, … })` reads an object with exactly
/// those fields (the names are the serde names of the type).
macro_rules! from_js {
    ($($ty:ident { $($field:ident: $key:literal $how:ident),* $(,)? })*) => {$(
        impl FromJs for $ty {
            fn from_js(value: &JsValue, path: &Path<'_>) -> Read<Self> {
                let mut read = $ty::default();
                Self::read_into(&mut read, value, path)?;
                Ok(read)
            }

            fn read_into(slot: &mut Self, value: &JsValue, path: &Path<'_>) -> Read<()> {
                let mut o = Obj::new(value, path, &[$($key),*])?;
                $(o.$how(&mut slot.$field, $key);)*
                o.finish()
            }
        }
    )*};
}

// Requests, wallets and options: every field optional, checked by the core.
from_js! {
    QuoteRequest { platform: "platform" opt, model: "model" opt, resolution: "resolution" opt,
        duration_seconds: "durationSeconds" opt, images: "images" opt, addons: "addons" opt }
    AddonRequest { kind: "kind" opt, to: "to" opt, seconds: "seconds" opt }
    PlanFitRequest { platform: "platform" opt, usage: "usage" opt, billing: "billing" opt, needs: "needs" opt }
    UsageLine { request: "request" opt, per_month: "perMonth" opt }
    Needs { commercial_use: "commercialUse" opt, no_watermark: "noWatermark" opt }
    Wallet { platform: "platform" opt, plan: "plan" opt, subscription: "subscription" opt, today: "today" opt,
        monthly: "monthly" opt, gifted: "gifted" opt, top_ups: "topUps" opt, spending_limit: "spendingLimit" opt }
    TopUpLot { credits: "credits" opt, purchased: "purchased" opt }
    KnownCost { credits: "credits" opt, platform: "platform" opt }
}

// The tables: the schema of `pricing/`, every field required; an Option is
// `null` where the figure is not published, never simply left out.
from_js! {
    Tables { edition: "edition" req, catalog: "catalog" req, images: "images" req, video_web: "videoWeb" req,
        video_ios: "videoIos" req, addons: "addons" req, plans: "plans" req }
    Edition { name: "name" req, effective: "effective" req, sources: "sources" req }
    SourceDocument { title: "title" req, url: "url" nullable, note: "note" nullable }
    Source { article: "article" req, section: "section" req }
    Catalog { source: "source" req, products: "products" req, platforms: "platforms" req, models: "models" req,
        resolutions: "resolutions" req, unpublished: "unpublished" req }
    Product { id: "id" req, name: "name" req, open_to_purchases: "openToPurchases" req,
        extra_credits: "extraCredits" req, status: "status" req }
    Platform { id: "id" req, name: "name" req, product: "product" req }
    Model { id: "id" req, name: "name" req, product: "product" req, output: "output" nullable }
    Resolution { id: "id" req, lines: "lines" req }
    Unpublished { luma_agents_costs: "lumaAgentsCosts" req }
    Images { source: "source" req, rates: "rates" req }
    ImageRate { model: "model" req, platforms: "platforms" req, credits_per_image: "creditsPerImage" req,
        images_per_batch: "imagesPerBatch" req }
    VideoWeb { source: "source" req, platform: "platform" req, clips: "clips" req }
    WebClip { model: "model" req, resolution: "resolution" req, seconds: "seconds" req, credits: "credits" req }
    VideoIos { source: "source" req, platform: "platform" req, rates: "rates" req }
    PerSecondRate { model: "model" req, resolution: "resolution" req, credits_per_second: "creditsPerSecond" req }
    Addons { billing: "billing" req, modify: "modify" req, reframe: "reframe" req, upscale: "upscale" req }
    Billing { source: "source" req, step_seconds: "stepSeconds" req, quote: "quote" req }
    Modify { source: "source" req, approximate: "approximate" req, quote: "quote" req, clips: "clips" req }
    ClipPrice { clip_seconds: "clipSeconds" req, credits: "credits" req }
    Reframe { source: "source" req, images: "images" req, videos: "videos" req }
    ReframeImage { model: "model" req, credits_per_image: "creditsPerImage" req }
    ReframeVideo { model: "model" req, credits_per_second: "creditsPerSecond" req }
    Upscale { source: "source" req, rates: "rates" req }
    UpscaleRate { from: "from" req, to: "to" req, clip_seconds: "clipSeconds" req, credits: "credits" req }
    Plans { top_up: "topUp" req, dream_machine_web: "dreamMachineWeb" req, luma_agents: "lumaAgents" req }
    TopUp { source: "source" req, credits: "credits" req, price_usd: "priceUsd" req, valid_months: "validMonths" req }
    PlanList { source: "source" req, platform: "platform" req, plans: "plans" req }
    Plan { id: "id" req, name: "name" req, paid: "paid" req, monthly_usd: "monthlyUsd" nullable,
        annual_monthly_usd: "annualMonthlyUsd" nullable, annual_total_usd: "annualTotalUsd" nullable, credits: "credits" nullable,
        credits_note: "creditsNote" nullable, images_only: "imagesOnly" req, commercial_use: "commercialUse" nullable,
        watermark: "watermark" nullable, relaxed_mode: "relaxedMode" req }
}
