//! The `<credit-estimator>` element's UI, built and updated from Rust through
//! web-sys inside the element's open shadow root (wasm32 only).
//!
//! `www/credit-estimator.js` defines the element and forwards to [`Widget`]:
//! `new Widget(host, notify)` when it is first connected (the widget attaches
//! the open shadow root, reads every attribute and renders),
//! `attributeChanged(name, value)`, `connected()` on every connection,
//! `disconnected()` once the element has stayed out past a move (the DOM is
//! parked outside the shadow root, so a dropped element can be collected),
//! and the `quote` / `request` getters. The widget calls `notify()` once the
//! first estimate is ready and after every change; the element then fires
//! `estimate` with `{ request, quote }` in a microtask, one for all the
//! changes made before it runs. Each element owns its own `Widget`,
//! which holds the element (and `notify` its element) only weakly, so
//! instances are independent and a dropped one is collected; the built-in
//! tables and the stylesheet are shared.
//!
//! Theming: the widget reads these CSS custom properties from the element
//! (or any ancestor). They apply in light and dark alike, so a page that
//! sets them for one scheme scopes them in its own `prefers-color-scheme`
//! query. Defaults (light / dark):
//!
//! | property        | used for                        | light     | dark      |
//! |-----------------|---------------------------------|-----------|-----------|
//! | `--ce-font`     | font stack                      | system-ui | system-ui |
//! | `--ce-bg`       | card background                 | `#fff`    | `#15151b` |
//! | `--ce-surface`  | result area, panels             | `#f5f5fa` | `#1d1d26` |
//! | `--ce-text`     | main text                       | `#16161d` | `#ececf2` |
//! | `--ce-muted`    | secondary text, field outlines  | `#565667` | `#a6a6b6` |
//! | `--ce-border`   | rules and outlines              | `#e2e2ea` | `#2f2f3b` |
//! | `--ce-accent`   | highlights, the best plan       | `#5b3df5` | `#a390ff` |
//! | `--ce-on-accent`| text on the accent              | `#fff`    | `#15151b` |
//! | `--ce-focus`    | focus ring                      | accent    | accent    |
//! | `--ce-ok`       | "goes through" verdict          | `#11703e` | `#5fd49b` |
//! | `--ce-warn`     | approximate, relaxed mode       | `#8a4f00` | `#f2bd5a` |
//! | `--ce-bad`      | errors, shortfalls              | `#b42318` | `#ff938a` |
//! | `--ce-radius`   | corner radius (inner: ≤ 10–12px) | `16px`   | `16px`    |
//!
//! Light or dark: the element's `color-scheme` (`light dark` unless the page
//! sets it on the element), where the browser has `light-dark()`; the
//! visitor's `prefers-color-scheme` elsewhere.
//!
//! The attribute `compact` hides plan fit and the balance panel.
//!
//! Nothing here may panic: a panic traps the module and would stop every
//! widget on the page. DOM failures degrade (a piece is left out) and bad
//! input becomes a message in the widget, never an exception on the page.

use crate::prelude::*;

mod dom;
pub mod fmt;
pub mod model;
mod view;

use alloc::rc::{Rc, Weak};
use core::cell::{OnceCell, RefCell};

use js_sys::{Array, Function, Object, Promise, Reflect, WeakMap, WeakRef};
use wasm_bindgen::prelude::*;
use web_sys::{
    CssStyleSheet, Element, Event, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use dom::move_children;

use crate::catalog::Catalog;
use crate::error::ErrorCode;
use crate::estimator::Estimator;
use crate::plan_fit::Billing;
use crate::tables::schema;
use crate::wasm::Local;
use fmt::Fmt;
use model::{Field, Selection};

/// The widget's stylesheet (`widget.css`, compacted by `build.rs`), adopted
/// by every shadow root (no `<style>` element, so it works under
/// `style-src 'self'`).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// The attributes the element observes besides the selection's
/// ([`model::SELECTION_ATTRIBUTES`]); together they are its
/// `observedAttributes` ([`Widget::observed_attributes`]).
const SETTING_ATTRIBUTES: [&str; 7] = [
    "plan",
    "locale",
    "per-month",
    "billing",
    "needs",
    "sync-url",
    "tables-src",
];

/// Every attribute the element observes, selection first.
fn observed() -> impl Iterator<Item = &'static str> {
    model::SELECTION_ATTRIBUTES
        .iter()
        .chain(&SETTING_ATTRIBUTES)
        .copied()
}

// The few browser globals the widget uses, bound directly (cheaper than
// going through `window`).
#[wasm_bindgen]
extern "C" {
    /// A promise, for `then` with plain functions.
    type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then_fn(this: &Thenable, ok: &JsValue, err: &JsValue) -> Thenable;
    #[wasm_bindgen(js_name = fetch)]
    fn fetch(url: &str, init: &JsValue) -> Thenable;
    /// A `fetch` response.
    type Answer;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Answer) -> bool;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answer) -> u16;
    #[wasm_bindgen(method, catch)]
    fn json(this: &Answer) -> Result<Promise, JsValue>;
    type Location;
    #[wasm_bindgen(thread_local_v2, js_name = location)]
    static LOCATION: Location;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: web_sys::Document;
    #[wasm_bindgen(method, getter)]
    fn hash(this: &Location) -> String;
    #[wasm_bindgen(method, getter)]
    fn origin(this: &Location) -> String;
    /// `new URL(url, base)`, which throws a `TypeError` on what is not a URL.
    #[wasm_bindgen(js_name = URL)]
    type Url;
    #[wasm_bindgen(constructor, js_class = URL, catch)]
    fn parse(url: &str, base: &str) -> Result<Url, JsValue>;
    #[wasm_bindgen(method, getter, js_class = URL)]
    fn origin(this: &Url) -> String;
    #[wasm_bindgen(js_namespace = history, js_name = replaceState, catch)]
    fn replace_state(state: &JsValue, unused: &str, url: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = addEventListener)]
    fn add_window_listener(kind: &str, listener: &Function);
    #[wasm_bindgen(js_name = removeEventListener)]
    fn remove_window_listener(kind: &str, listener: &Function);
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: i32) -> JsValue;
    /// `AbortSignal.timeout(ms)`: a signal that aborts a fetch with a
    /// `TimeoutError` (an error where a browser lacks it).
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = timeout, catch)]
    fn abort_after(ms: u32) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Quote | null")]
    pub type QuoteOrNull;
    #[wasm_bindgen(typescript_type = "QuoteRequest | null")]
    pub type RequestOrNull;
}

type Listener = Closure<dyn Fn(JsValue)>;

/// Writes to the URL hash at most once per this many ms: browsers throttle
/// `history.replaceState` (Chromium: 200 calls in 10 s).
const HASH_THROTTLE_MS: i32 = 60;

/// One edition of the tables with its catalog.
pub struct Prices {
    estimator: Rc<Estimator>,
    catalog: Catalog,
}

impl Prices {
    fn new(estimator: Rc<Estimator>) -> Rc<Prices> {
        let catalog = estimator.catalog();
        Rc::new(Prices { estimator, catalog })
    }
}

/// Where the widget's prices come from.
enum Tables {
    Ready(Rc<Prices>),
    /// `tables-src` is being fetched.
    Loading(String),
    /// The message saying why they could not be had.
    Failed(String),
}

static BUILT_IN: Local<OnceCell<Rc<Prices>>> = Local::new(OnceCell::new());

/// How long `tables-src` may take to answer (its message says 30 s).
const TABLES_TIMEOUT_MS: u32 = 30_000;
/// The widget's stylesheet for each document its shadow roots are in, by
/// document (a constructed sheet belongs to the document whose window made it).
static SHEETS: Local<OnceCell<WeakMap>> = Local::new(OnceCell::new());

fn built_in() -> Tables {
    Tables::Ready(BUILT_IN.with(|cell| {
        cell.get_or_init(|| Prices::new(crate::wasm::built_in_estimator()))
            .clone()
    }))
}

/// The tables of `tables-src` could not be used, for the reason `why`.
fn tables_failed(src: &str, why: &str) -> Tables {
    Tables::Failed(format!(
        "The prices in tables-src “{src}” could not be used: {why}"
    ))
}

/// The widget's stylesheet for `root`'s document: made once per document, by
/// that document's window, as a sheet made by another window is refused
/// (`None` for a document without a window).
fn sheet(root: &ShadowRoot) -> Option<JsValue> {
    let doc = root.owner_document()?;
    SHEETS.with(|cell| {
        let sheets = cell.get_or_init(WeakMap::new);
        let made = sheets.get(&doc);
        if !made.is_undefined() {
            return Some(made);
        }
        let window = Reflect::get(&doc, &JsValue::from_str("defaultView")).ok()?;
        let class = Reflect::get(&window, &JsValue::from_str("CSSStyleSheet")).ok()?;
        if !class.is_function() {
            return None;
        }
        let class: Function = class.unchecked_into();
        let sheet: CssStyleSheet = Reflect::construct(&class, &Array::new())
            .ok()?
            .unchecked_into();
        sheet.replace_sync(CSS).ok()?;
        sheets.set(&doc, &sheet);
        Some(sheet.into())
    })
}

/// Gives `root` the widget's stylesheet, the one made for its document (an
/// iframe's too). Sheets the page adopted into the root are kept. A refusal
/// by the browser is caught: one thrown through the wasm would leave it in a
/// broken state.
fn adopt_sheet(root: &ShadowRoot) {
    let key = JsValue::from_str("adoptedStyleSheets");
    let (Some(sheet), Ok(adopted)) = (sheet(root), Reflect::get(root, &key)) else {
        return;
    };
    let sheets = Array::from(&adopted);
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        let _ = Reflect::set(root, &key, &sheets);
    }
}

/// The balance form, as typed.
#[derive(Clone, PartialEq)]
struct WalletForm {
    plan: Option<String>,
    status: String,
    /// `None` until typed: the plan's monthly allowance.
    monthly: Option<String>,
    gifted: String,
    spending: String,
    /// The cost in credits of a generation Luma does not price (Luma
    /// Agents), as its app shows it.
    known: String,
    top_ups: Vec<(String, String)>,
}

/// Where focus goes after the top-up rows change.
pub(super) enum Refocus {
    /// A row was added: its Credits field, to type the amount in.
    Added,
    /// The row at this index was removed: the Remove button of the row now
    /// there (or of the last row, or Add when none is left).
    RemovedAt(usize),
}

/// One widget instance.
pub struct State {
    /// The element, held weakly: the element owns its `Widget`, so a strong
    /// hold from here (a root in the module's table of JS values) would keep
    /// both alive for ever once the page drops the element.
    host: WeakRef<HtmlElement>,
    weak: Weak<RefCell<State>>,
    ui: Option<view::Ui>,
    prices: Tables,
    /// Bumped on every `tables-src` change, so a late answer is ignored.
    generation: u32,
    /// The selection as chosen (attributes, URL, controls).
    sel: Selection,
    /// The selection with defaults, as the controls show it.
    shown: Selection,
    /// The choices ([`model::choices`]), billing and commercial use the
    /// figures on screen were last made for: kept dimmed while a number is
    /// retyped, they must still be about what the controls show.
    fresh_for: Option<(Selection, Billing, bool)>,
    /// The balance form as the verdict on screen was last made for.
    verdict_for: Option<WalletForm>,
    /// What a person last chose in each control (or the attributes or link
    /// that set the selection since): restored where it exists again.
    chosen: Selection,
    /// Add-ons the last change of the selection took off (they do not
    /// exist for the new model or resolution): said under the add-ons.
    taken_off: Selection,
    /// The kinds of the add-ons the last change put back (a person's
    /// choice recalled): said there too.
    put_back: Vec<&'static str>,
    /// The resolution and duration the last change replaced, as they were
    /// (the new model has no such clip): said there too.
    replaced: Selection,
    /// Messages about attribute values, by attribute.
    errors: Vec<(String, String)>,
    /// The control being typed in, whose value is not rewritten.
    editing: Option<String>,
    plan_attr: Option<String>,
    per_month: String,
    billing: Billing,
    commercial: bool,
    wallet: WalletForm,
    fmt: Fmt,
    sync_url: bool,
    request: JsValue,
    quote: JsValue,
    /// Called after every change; the element fires `estimate` from it.
    notify: Option<Function>,
    /// Whether `notify` has been called: from then on every change is
    /// announced, also one that leaves no quote (tables-src failing).
    announced: bool,
    /// Where keyboard focus goes once the top-up list is rebuilt after an
    /// Add or a Remove (else it would fall to the page).
    pub(super) refocus: Option<Refocus>,
    /// Listeners are `Fn`, not `FnMut`: a DOM change made while rendering
    /// can dispatch an event synchronously (a focused input that is removed
    /// fires `change`), and an `FnMut` closure would throw on re-entry. A
    /// re-entrant call finds the state busy and does nothing.
    listener: Option<Listener>,
    hash_listener: Option<Listener>,
    /// When the hash was last written (ms), and whether a write waits.
    hash_at: f64,
    hash_pending: bool,
    /// The hash as this widget last wrote it (with its `#`).
    hash_written: String,
    /// The DOM while the element is out of the document
    /// ([`Widget::disconnected`]).
    parked: Option<Element>,
}

/// A `<credit-estimator>` element's controller (see the module docs); used
/// by `www/credit-estimator.js`, not meant for pages directly (so not in the
/// typings).
#[wasm_bindgen(skip_typescript)]
pub struct Widget {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Widget {
    /// Mounts the widget into `host`'s open shadow root, reading its
    /// attributes (and the URL hash with `sync-url`). `notify` is called
    /// once the first estimate is ready and after every change (the element
    /// fires `estimate` from it). Never throws.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, notify: Option<Function>) -> Widget {
        let state = Rc::new_cyclic(|weak| {
            RefCell::new(State {
                host: WeakRef::new(&host),
                weak: weak.clone(),
                ui: None,
                prices: built_in(),
                generation: 0,
                sel: Selection::default(),
                shown: Selection::default(),
                fresh_for: None,
                verdict_for: None,
                chosen: Selection::default(),
                errors: Vec::new(),
                editing: None,
                taken_off: Selection::default(),
                put_back: Vec::new(),
                replaced: Selection::default(),
                plan_attr: None,
                per_month: "10".into(),
                billing: Billing::Monthly,
                commercial: false,
                wallet: WalletForm {
                    plan: None,
                    status: "active".into(),
                    monthly: None,
                    gifted: String::new(),
                    spending: String::new(),
                    known: String::new(),
                    top_ups: Vec::new(),
                },
                fmt: Fmt::new(None).0,
                sync_url: false,
                request: JsValue::NULL,
                quote: JsValue::NULL,
                notify,
                announced: false,
                refocus: None,
                listener: None,
                hash_listener: None,
                hash_at: 0.0,
                hash_pending: false,
                hash_written: String::new(),
                parked: None,
            })
        });
        if let Ok(mut s) = state.try_borrow_mut() {
            s.mount();
        }
        Widget { state }
    }

    /// The element's `observedAttributes`, space-separated (a string costs
    /// the wasm far less than an array): the attributes read on mounting,
    /// one list for both. The element is defined once this module is ready.
    #[wasm_bindgen(js_name = observedAttributes)]
    pub fn observed_attributes() -> String {
        let mut out = String::new();
        for name in observed() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(name);
        }
        out
    }

    /// An observed attribute changed (`value` is null when it was removed).
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str, value: Option<String>) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.attribute(name, value.as_deref(), false);
            s.update(true);
        }
    }

    /// The element was (re)connected: the DOM comes back from where
    /// [`Widget::disconnected`] put it.
    pub fn connected(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            let mut back = false;
            if let Some(root) = s.host().and_then(|h| h.shadow_root()) {
                if let Some(parked) = s.parked.take() {
                    move_children(&parked, &root);
                    back = true;
                }
                // Again: a move into another document drops it.
                adopt_sheet(&root);
            }
            s.listen_hash(true);
            // Back in the page with `sync-url`, the hash and the widget may
            // have parted while it was out: a link followed meanwhile (a
            // hash it did not write) is applied, as on `hashchange`; else the
            // hash is brought up to date with what changed in the widget.
            if back && s.sync_url && s.in_page() {
                let link = LOCATION.with(Location::hash) != s.hash_written && s.read_hash();
                s.update(link);
            }
        }
    }

    /// The element is out of the document (the element calls this once it
    /// has stayed out past a move): stop listening to the window, and move
    /// the DOM out of the shadow root into a detached element, where it is
    /// still rendered. Nodes in the shadow root lead to the element, and the
    /// element to this widget, so holding them there would keep a dropped
    /// element alive for ever.
    pub fn disconnected(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.listen_hash(false);
            if s.parked.is_none()
                && let Some(root) = s.host().and_then(|h| h.shadow_root())
                && let Some(parked) = root
                    .owner_document()
                    .and_then(|d| d.create_element("div").ok())
            {
                move_children(&root, &parked);
                s.parked = Some(parked);
            }
        }
    }

    /// The current quote (the object `quote()` returns), or null.
    #[wasm_bindgen(getter)]
    pub fn quote(&self) -> QuoteOrNull {
        let quote = self.state.try_borrow().map(|s| s.quote.clone());
        quote.unwrap_or(JsValue::NULL).unchecked_into()
    }

    /// The request the current quote prices, or null.
    #[wasm_bindgen(getter)]
    pub fn request(&self) -> RequestOrNull {
        let request = self.state.try_borrow().map(|s| s.request.clone());
        request.unwrap_or(JsValue::NULL).unchecked_into()
    }
}

/// Whether the URL hash is one of the page's own anchors (`#faq`): not
/// empty and not a selection written by [`model::to_hash`].
fn page_anchor() -> bool {
    let hash = LOCATION.with(Location::hash);
    hash.len() > 1 && model::from_hash(&hash).is_none()
}

/// Runs `f` on the widget behind `weak`, if it still exists and is not busy.
fn with_state<R>(weak: &Weak<RefCell<State>>, f: impl FnOnce(&mut State) -> R) -> Option<R> {
    let rc = weak.upgrade()?;
    let mut state = rc.try_borrow_mut().ok()?;
    Some(f(&mut state))
}

impl State {
    /// Renders, keeps the URL hash in step, and (when the selection may have
    /// changed and prices are ready) notifies the element.
    fn update(&mut self, changed: bool) {
        let before = self.sync_url.then(|| self.shown.clone());
        self.render();
        if let Some(before) = before {
            // A page's own anchor (`#faq`) stays until the selection changes
            // (the first render, with or without `tables-src`, changes none).
            let moved = before != Selection::default() && before != self.shown;
            if moved || !page_anchor() {
                self.sync_hash();
            }
        }
        if changed
            && (self.announced || matches!(self.prices, Tables::Ready(_)))
            && let Some(notify) = &self.notify
        {
            self.announced = true;
            let _ = notify.call0(&JsValue::NULL);
        }
    }

    /// The element, while it exists.
    fn host(&self) -> Option<HtmlElement> {
        WeakRef::deref(&self.host)
    }

    /// Whether the element is in the page: in this module's document, whose
    /// URL `sync-url` keeps (not out of it, nor moved into an iframe's).
    fn in_page(&self) -> bool {
        self.host().is_some_and(|host| {
            host.is_connected()
                && DOCUMENT.with(|page| host.owner_document().is_some_and(|d| d == *page))
        })
    }

    /// Builds the shadow DOM, reads every attribute, renders.
    fn mount(&mut self) {
        let Some(host) = self.host() else {
            return;
        };
        let root = match host.shadow_root() {
            Some(root) => {
                root.set_text_content(None);
                Some(root)
            }
            None => host
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .ok(),
        };
        let Some(root) = root else {
            return;
        };
        adopt_sheet(&root);
        self.ui = view::build(&root);
        self.listen(&root);
        for name in observed() {
            let value = host.get_attribute(name);
            if value.is_some() {
                self.attribute(name, value.as_deref(), true);
            }
        }
        // What the attributes chose (a link in the hash replaces it below).
        self.chosen = self.sel.clone();
        if self.sync_url {
            let _ = self.read_hash();
            self.listen_hash(true);
        }
        self.update(true);
    }

    /// Applies one attribute; `initial` while mounting (no invalidation: every
    /// attribute is applied as given).
    fn attribute(&mut self, name: &str, value: Option<&str>, initial: bool) {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        self.errors.retain(|(k, _)| k != name);
        let mut error = None;
        match name {
            "locale" => (self.fmt, error) = Fmt::new(value),
            "plan" => self.plan_attr = value.map(str::to_owned),
            "per-month" => self.per_month = value.unwrap_or("10").to_owned(),
            "billing" => (self.billing, error) = model::parse_billing(value),
            "needs" => (self.commercial, error) = model::parse_needs(value),
            "sync-url" => {
                self.sync_url = self.host().is_some_and(|h| h.has_attribute(name));
                if !initial {
                    if self.sync_url && self.in_page() {
                        let _ = self.read_hash();
                    }
                    self.listen_hash(self.sync_url);
                }
            }
            "tables-src" => self.load_tables(value),
            _ => {
                if let Err(message) = self.sel.apply(name, value) {
                    error = Some(message);
                }
                // The page, not the visitor, changed the selection.
                self.forget_changes();
                if !initial {
                    self.normalize_after(name);
                    self.chosen = self.sel.clone();
                }
            }
        }
        if let Some(message) = error {
            self.errors.push((name.to_owned(), message));
        }
    }

    /// After an attribute changed, resets later fields that no longer exist,
    /// keeping those an attribute sets on purpose.
    fn normalize_after(&mut self, name: &str) {
        let changed = match name {
            "addons" => Field::Extend,
            other => match Field::from_name(other) {
                Some(field) => field,
                None => return,
            },
        };
        let mut keep = Selection::default();
        if let Some(host) = self.host() {
            for attr in model::SELECTION_ATTRIBUTES {
                let _ = keep.apply(attr, host.get_attribute(attr).as_deref());
            }
        }
        if let Tables::Ready(prices) = &self.prices {
            model::normalize(&prices.catalog, &mut self.sel, changed, &keep);
        }
    }

    /// One delegated listener on the shadow root for every control.
    fn listen(&mut self, root: &ShadowRoot) {
        let weak = self.weak.clone();
        let listener = Listener::new(move |event: JsValue| {
            with_state(&weak, |s| {
                if let Some(changed) = s.event(event.unchecked_ref()) {
                    s.update(changed);
                }
                s.editing = None;
                s.refocus = None;
            });
        });
        for kind in ["input", "click"] {
            let _ = root.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        self.listener = Some(listener);
    }

    /// Handles an `input`, `change` or `click` in the widget: `None` when
    /// there is nothing to render, else whether the selection changed (so an
    /// `estimate` event follows).
    fn event(&mut self, event: &Event) -> Option<bool> {
        let target = event.target()?.dyn_into::<Element>().ok()?;
        let index = target
            .get_attribute("data-i")
            .and_then(|i| i.parse::<usize>().ok());
        if event.type_() == "click" {
            match target.get_attribute("data-act").as_deref() {
                Some("add") => {
                    // A new row starts at one pack of the tables' size; with
                    // no tables (the button is disabled then) it starts empty.
                    // Its date is asked for, not preset to today: Dream
                    // Machine sells no credits now ("no new purchases can be
                    // made"), and a top-up counts for 12 months from the day
                    // it was bought, so a guessed date could count an expired
                    // one.
                    let credits = match &self.prices {
                        Tables::Ready(p) => p.catalog.top_up.credits.to_string(),
                        _ => String::new(),
                    };
                    self.wallet.top_ups.push((credits, String::new()));
                    self.refocus = Some(Refocus::Added);
                }
                Some("remove") => {
                    if let Some(i) = index.filter(|i| *i < self.wallet.top_ups.len()) {
                        self.wallet.top_ups.remove(i);
                        self.refocus = Some(Refocus::RemovedAt(i));
                    }
                }
                _ => return None,
            }
            return Some(false);
        }
        let name = target.get_attribute("name")?;
        let value = dom::prop(&target, "value").as_string().unwrap_or_default();
        let checked = dom::prop(&target, "checked").as_bool().unwrap_or(false);
        self.editing = Some(name.clone());
        let mut changed = false;
        match name.as_str() {
            "per-month" => self.per_month = value,
            "annual" => {
                self.billing = if checked {
                    Billing::Annual
                } else {
                    Billing::Monthly
                }
            }
            "commercial" => self.commercial = checked,
            "wallet-plan" => self.wallet.plan = Some(value),
            "wallet-status" => self.wallet.status = value,
            "monthly" => self.wallet.monthly = Some(value),
            "gifted" => self.wallet.gifted = value,
            "spending" => self.wallet.spending = value,
            "known" => self.wallet.known = value,
            "topup-credits" | "topup-date" => {
                if let Some(lot) = index.and_then(|i| self.wallet.top_ups.get_mut(i)) {
                    if name == "topup-date" {
                        lot.1 = value;
                    } else {
                        lot.0 = value;
                    }
                }
            }
            other => {
                let field = Field::from_name(other)?;
                // The controls show the completed selection: choosing one
                // field fixes the defaults the others showed.
                self.sel = self.shown.clone();
                let on = if checked { Some("on") } else { None };
                let value = match field {
                    Field::Reframe | Field::Modify => on,
                    _ => Some(value.as_str()),
                };
                self.sel.set_typed(field, value);
                self.chosen.set(field, value);
                let before = self.sel.clone();
                if let Tables::Ready(prices) = &self.prices {
                    model::normalize(&prices.catalog, &mut self.sel, field, &Selection::default());
                    self.replaced = model::replaced(&before, &self.sel);
                    model::recall(&prices.catalog, &mut self.sel, field, &self.chosen);
                }
                self.taken_off = model::taken_off(&before, &self.sel);
                self.put_back = model::put_back(&before, &self.sel);
                // A cost typed for the generation before is not this one's.
                self.wallet.known.clear();
                // A person has taken over the selection from the attributes.
                self.errors
                    .retain(|(k, _)| !model::SELECTION_ATTRIBUTES.contains(&k.as_str()));
                changed = true;
            }
        }
        Some(changed)
    }

    /// What the last change of the selection took off and put back is said
    /// until the next change; a change the page makes (attributes, a link,
    /// other tables) is not a visitor's and says nothing of them.
    fn forget_changes(&mut self) {
        self.taken_off = Selection::default();
        self.put_back.clear();
        self.replaced = Selection::default();
    }

    /// Loads `tables-src` (same origin only), or goes back to the built-in
    /// tables when it is removed.
    fn load_tables(&mut self, src: Option<&str>) {
        self.generation = self.generation.wrapping_add(1);
        self.forget_changes();
        let Some(src) = src else {
            self.prices = built_in();
            return;
        };
        // Checked before fetching: a fetch the browser refuses is still a
        // CSP violation logged (and maybe reported) on the host page.
        let page = LOCATION.with(Location::origin);
        let base = (self.host().and_then(|h| h.base_uri().ok().flatten())).unwrap_or_default();
        if Url::parse(src, &base).map_or(true, |url| url.origin() != page || page == "null") {
            let why = format!(
                "it is not a URL on this page's origin ({page}): tables-src loads same-origin JSON only"
            );
            self.prices = tables_failed(src, &why);
            return;
        }
        self.prices = Tables::Loading(src.to_owned());
        let init = Object::new();
        let _ = Reflect::set(&init, &"mode".into(), &"same-origin".into());
        // A server that never answers would leave "Loading prices…" for
        // good: after TABLES_TIMEOUT_MS the fetch is given up and says so.
        if let Ok(signal) = abort_after(TABLES_TIMEOUT_MS) {
            let _ = Reflect::set(&init, &"signal".into(), &signal);
        }
        let to_json = Closure::once_into_js(move |answer: Answer| -> JsValue {
            if answer.ok() {
                answer.json().unwrap_or_else(|e| Promise::reject(&e)).into()
            } else {
                let status = format!("the server answered {}", answer.status());
                Promise::reject(&js_sys::Error::new(&status)).into()
            }
        });
        // Called with the tables, or with the Error that stopped them (the
        // same function serves both outcomes: only one happens).
        let (generation, weak) = (self.generation, self.weak.clone());
        let done = Closure::once_into_js(move |value: JsValue| {
            with_state(&weak, |s| {
                if s.generation == generation {
                    s.tables_loaded(value);
                    // Tables that cannot be used change no estimate: the
                    // change of `tables-src` has already said there is none.
                    let used = matches!(s.prices, Tables::Ready(_));
                    s.update(used);
                }
            });
        });
        let _ = fetch(src, &init)
            .then_fn(&to_json, &JsValue::UNDEFINED)
            .then_fn(&done, &done);
    }

    /// The answer to `tables-src`: the tables, or the `Error` that stopped them.
    fn tables_loaded(&mut self, value: JsValue) {
        let src = match &self.prices {
            Tables::Loading(src) => src.clone(),
            _ => String::new(),
        };
        let timed_out = Reflect::get(&value, &"name".into())
            .ok()
            .and_then(|name| name.as_string())
            .is_some_and(|name| name == "TimeoutError");
        let estimator = match value.dyn_ref::<js_sys::Error>() {
            Some(_) if timed_out => Err("the server did not answer within 30 s".to_owned()),
            Some(error) => Err(String::from(error.message())),
            None => crate::wasm::read::<schema::Tables>(value, "tables", ErrorCode::InvalidTables)
                .and_then(|t| Estimator::try_with_tables(t).map_err(|e| e.under("tables")))
                .map_err(|e| e.message().to_owned()),
        };
        self.prices = match estimator {
            Ok(estimator) => Tables::Ready(Prices::new(Rc::new(estimator))),
            Err(message) => tables_failed(&src, &message),
        };
    }

    /// With `sync-url`: applies the selection in the URL hash, if it holds
    /// one (a page's own anchor, `#faq`, is left alone); whether it did.
    fn read_hash(&mut self) -> bool {
        let Some(pairs) = model::from_hash(&LOCATION.with(Location::hash)) else {
            return false;
        };
        // A link gives the whole selection and plan-fit settings: what it
        // leaves out is a default.
        self.sel = Selection::default();
        self.forget_changes();
        self.errors.retain(|(k, _)| !model::linked(k));
        for key in model::FIT_ATTRIBUTES {
            self.attribute(key, None, true);
        }
        for (key, value) in pairs {
            if model::linked(&key) {
                self.attribute(&key, Some(&value), true);
            }
        }
        self.chosen = self.sel.clone();
        true
    }

    /// With `sync-url`: writes the selection into the URL hash now, or (while
    /// changes come faster than [`HASH_THROTTLE_MS`]) once they pause.
    fn sync_hash(&mut self) {
        // A removed element no longer speaks for the page's URL.
        if !self.sync_url || self.hash_pending || !self.in_page() {
            return;
        }
        let now = js_sys::Date::now();
        if now - self.hash_at >= f64::from(HASH_THROTTLE_MS) {
            self.hash_at = now;
            self.write_hash();
            return;
        }
        // Owned by the timer, not the widget: it may fire after the
        // widget is gone (and then does nothing).
        let weak = self.weak.clone();
        let timer = Closure::once_into_js(move || {
            with_state(&weak, |s| {
                s.hash_pending = false;
                s.sync_hash();
            });
        });
        self.hash_pending = true;
        set_timeout(timer.unchecked_ref(), HASH_THROTTLE_MS);
    }

    /// Writes the selection into the URL hash, replacing the history entry
    /// (typing does not flood the back button).
    fn write_hash(&mut self) {
        let Tables::Ready(prices) = &self.prices else {
            return;
        };
        let mut hash = model::to_hash(&prices.catalog, &self.shown);
        hash.push_str("&per-month=");
        hash.push_str(&String::from(js_sys::encode_uri_component(&self.per_month)));
        // Defaults are left out, as the attributes leave them out.
        if self.billing != Billing::Monthly {
            hash.push_str("&billing=");
            hash.push_str(self.billing.id());
        }
        if self.commercial {
            hash.push_str("&needs=");
            hash.push_str(model::COMMERCIAL_USE);
        }
        let hash = format!("#{hash}");
        if LOCATION.with(Location::hash) != hash {
            let _ = replace_state(&JsValue::NULL, "", &hash);
        }
        self.hash_written = hash;
    }

    /// Follows `hashchange` (a pasted link, back/forward) while connected
    /// with `sync-url`.
    fn listen_hash(&mut self, on: bool) {
        if let Some(old) = self.hash_listener.take() {
            remove_window_listener("hashchange", old.as_ref().unchecked_ref());
        }
        if !(on && self.sync_url && self.in_page()) {
            return;
        }
        let weak = self.weak.clone();
        let listener = Listener::new(move |_| {
            with_state(&weak, |s| {
                if s.read_hash() {
                    s.update(true);
                }
            });
        });
        add_window_listener("hashchange", listener.as_ref().unchecked_ref());
        self.hash_listener = Some(listener);
    }
}
