//! The widget's DOM: built once per instance from [`TEMPLATE`] (a compact
//! outline read by a small interpreter, much smaller in the wasm than one
//! call per element), then updated in place on every change
//! ([`State::render`]) so focus and keyboard state survive. Only the output
//! lists (breakdown, notes, rates, plans) are rebuilt; the live regions (the
//! balance verdict, the alert) only when their content changes
//! ([`rebuild`]); controls keep their elements and only their options change.

use crate::prelude::*;

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, Node};

use super::dom::{add, add_text, attr, clear, flag, rebuild, set_prop, set_text};
use super::fmt::{self, Fmt, today};
use super::model::{self, Context, Field, Kind};
use super::{Prices, Refocus, State, Tables};
use crate::check::{CheckRequest, CheckResult, KnownCost, Pool, TopUpLot, Verdict, Wallet};
use crate::error::{ErrorCode, all_of};
use crate::estimator::Estimator;
use crate::money::{PLAN_USD_PLACES, plural, usd_at_rate, usd_exact, usd_string};
use crate::plan_fit::{self, Billing, Needs, PlanFit, PlanFitRequest, UsageLine};
use crate::quote::{AddonRequest, Quote, QuoteRequest};
use crate::tables::book::{PlanPrice, PriceBook};
use crate::tables::schema;

/// The widget's outline, one element per line, nesting by indent:
/// `tag.class.class attr=value flag @|text`. `@` keeps the element as the
/// next entry of [`r`]; so does every control line:
/// `=select name|Label`, `=number name step|Label`, `=check name|Label`
/// (a labelled native control, `for`/`id` scoped to the shadow root).
const TEMPLATE: &str = "\
div.frame lang=en
 div.ce part=widget
  header.head
   h2.title|Credit estimate
   p.edition @
  div.alert role=alert hidden @
  div.main
   div.form
    fieldset.group
     legend|What you generate
     div.row.two
      =select platform|Platform
      =select model|Model
     div.row.three
      =select resolution|Resolution
      =select duration|Duration
      =number images 1 min=1|Images
    fieldset.group
     legend|Add-ons
     div.row.two
      =number extend any|Extend (seconds)
      =select upscale|Upscale
     div.row.checks
      =check reframe|Reframe
      =check modify|Modify (approximate)
     p.off-why aria-live=polite
      span id=off-why @
      span @
    div.peek aria-hidden=true
     p
      span|Estimated cost
      span @
   div.result
    p.eyebrow|Estimated cost
    p.total role=status aria-live=polite aria-atomic=true
     span.num @
     span.unit @
    p.approx @|Approximate: Luma gives only an “about” figure for modify
    p.usd @
    p.why id=why aria-live=polite @
    ol.lines aria-label=Breakdown @
    ul.notes @
   div.rates @
  section.fit
   div.fit-head
    h3|Which plan fits
    div.row.fit-ctl
     =number per-month 1|Generations a month
     div.toggles
      =check annual|Pay annually
      =check commercial|I need commercial use
   p.fit-sum id=fit-sum @
   p.sr aria-live=polite @
   p.status @
   ul.plans @
   ul.notices @
  details.balance
   summary|Check my balance
   div.bal-body
    div.row.known
     =number known 1|This generation's cost in credits
    div.row.bal
     =select wallet-plan|My plan
     =select wallet-status|Subscription
      option value=active|Active
      option value=paused|Paused
      option value=cancelled|Cancelled
     =number monthly 1|Monthly credits left
     =number gifted 1|Gifted credits
     =number spending 1|Spending limit left (credits)
    div.tops
     p.lbl|Top-up credits
     div.top-ups @
     button.btn type=button data-act=add @|Add a top-up
    p.sr aria-live=polite @
    div.verdict @
";

/// Indexes of the kept elements, in template order.
mod r {
    pub const EDITION: usize = 0;
    pub const ALERT: usize = 1;
    pub const PLATFORM: usize = 2;
    pub const MODEL: usize = 3;
    pub const RESOLUTION: usize = 4;
    pub const DURATION: usize = 5;
    pub const IMAGES: usize = 6;
    pub const EXTEND: usize = 7;
    pub const UPSCALE: usize = 8;
    pub const REFRAME: usize = 9;
    pub const MODIFY: usize = 10;
    /// Why the add-ons that are off are off (their description).
    pub const OFF_WHY: usize = 11;
    /// What the last change took off or put back.
    pub const OFF_NEWS: usize = 12;
    /// The total again, in sight at the foot of the screen while the form
    /// is, where the estimate is below it (a narrow widget).
    pub const PEEK: usize = 13;
    pub const NUM: usize = 14;
    pub const UNIT: usize = 15;
    pub const APPROX: usize = 16;
    pub const USD: usize = 17;
    pub const WHY: usize = 18;
    pub const LINES: usize = 19;
    pub const NOTES: usize = 20;
    pub const RATES: usize = 21;
    pub const PER_MONTH: usize = 22;
    pub const ANNUAL: usize = 23;
    pub const COMMERCIAL: usize = 24;
    pub const FIT_SUM: usize = 25;
    /// What a screen reader is told of plan fit: the best fit, or what is
    /// wrong with the generations a month (heard, not seen).
    pub const FIT_LIVE: usize = 26;
    /// A platform closed to purchases says so above its plans.
    pub const STATUS: usize = 27;
    pub const PLANS: usize = 28;
    pub const NOTICES: usize = 29;
    /// The cost of a generation Luma does not price, as its app shows it.
    pub const KNOWN: usize = 30;
    pub const WALLET_PLAN: usize = 31;
    pub const WALLET_STATUS: usize = 32;
    pub const MONTHLY: usize = 33;
    pub const GIFTED: usize = 34;
    pub const SPENDING: usize = 35;
    pub const TOP_UPS: usize = 36;
    pub const ADD_TOP_UP: usize = 37;
    /// The verdict's first line, or its message, for a screen reader: the
    /// verdict itself is too long to be read out on every change.
    pub const VERDICT_LIVE: usize = 38;
    pub const VERDICT: usize = 39;
    /// The per-second duration input, swapped with the clip select.
    pub const DURATION_INPUT: usize = 40;
}

/// The kept elements, and what each select holds now (so options are
/// rebuilt only when they change: rebuilding would reset a keyboard user's
/// place).
pub struct Ui {
    refs: Vec<Element>,
    sigs: Vec<String>,
    /// Stands in for an element that could not be made.
    spare: Element,
    top_up_rows: usize,
    /// The controls marked invalid by the last render ([`mark_invalid`]).
    invalid: Vec<Element>,
}

impl Ui {
    /// (Not inlined: called some 80 times, it is 0.2 KB gzip smaller as a call.)
    #[inline(never)]
    fn el(&self, i: usize) -> &Element {
        self.refs.get(i).unwrap_or(&self.spare)
    }
}

/// A labelled native control: `<div class="field"><label for=…>` + control.
fn labelled(parent: &Node, label: &str, tag: &str, name: &str, id: &str) -> Option<Element> {
    let wrap = add(parent, "div", "field")?;
    let id = format!("f-{id}");
    attr(&add_text(&wrap, "label", "lbl", label)?, "for", &id);
    let control = add(&wrap, tag, "ctl")?;
    attr(&control, "name", name);
    attr(&control, "id", &id);
    Some(control)
}

fn number_attrs(input: &Element, step: &str) {
    for (k, v) in [("type", "number"), ("min", "0"), ("step", step)] {
        attr(input, k, v);
    }
    let mode = if step == "1" { "numeric" } else { "decimal" };
    attr(input, "inputmode", mode);
}

/// One template line: the element, appended to `parent`.
fn line(parent: &Node, spec: &str, text: &str) -> Option<Element> {
    let mut words = spec.split(' ');
    let head = words.next()?;
    let el = match head {
        "=select" | "=number" => {
            let name = words.next()?;
            let tag = if head == "=select" { "select" } else { "input" };
            let el = labelled(parent, text, tag, name, name)?;
            if head == "=number" {
                number_attrs(&el, words.next()?);
            }
            el
        }
        "=check" => {
            let name = words.next()?;
            let wrap = add(parent, "div", "check")?;
            let input = add(&wrap, "input", "")?;
            let id = format!("f-{name}");
            for (k, v) in [("type", "checkbox"), ("name", name), ("id", &id)] {
                attr(&input, k, v);
            }
            attr(&add_text(&wrap, "label", "", text)?, "for", &id);
            input
        }
        _ => {
            let (tag, class) = head.split_once('.').unwrap_or((head, ""));
            let el = add(parent, tag, &class.replace('.', " "))?;
            if !text.is_empty() {
                el.set_text_content(Some(text));
            }
            el
        }
    };
    for word in words {
        match word.split_once('=') {
            Some((k, v)) => attr(&el, k, v),
            None if word != "@" => flag(&el, word, true),
            None => {}
        }
    }
    Some(el)
}

/// Builds the widget's DOM into `root` (the shadow root).
pub fn build(root: &Node) -> Option<Ui> {
    let spare = root.owner_document()?.create_element("div").ok()?;
    let mut refs = Vec::new();
    let mut parents: Vec<Node> = vec![root.clone()];
    for text in TEMPLATE.lines() {
        let spec = text.trim_start();
        parents.truncate(text.len() - spec.len() + 1);
        let (spec, text) = spec.split_once('|').unwrap_or((spec, ""));
        let parent = parents.last()?.clone();
        let el = line(&parent, spec, text);
        if spec.starts_with('=') || spec.ends_with('@') {
            refs.push(el.clone().unwrap_or_else(|| spare.clone()));
        }
        parents.push(el.map_or(parent, Node::from));
    }
    // The per-second duration, outside the DOM until a platform bills so.
    let duration = root.owner_document()?.create_element("input").ok()?;
    duration.set_class_name("ctl");
    attr(&duration, "name", "duration");
    attr(&duration, "id", "f-duration");
    number_attrs(&duration, "any");
    refs.push(duration);
    Some(Ui {
        sigs: vec![String::new(); refs.len()],
        refs,
        spare,
        top_up_rows: usize::MAX,
        invalid: Vec::new(),
    })
}

/// Fills select `i` with `(value, text)` options (only when they changed) and
/// selects `current`; a current value that is not offered is shown as
/// unavailable rather than silently replaced.
fn fill(ui: &mut Ui, i: usize, mut items: Vec<(String, String)>, current: &str, off: bool) {
    if !items.iter().any(|(v, _)| v == current) {
        items.insert(
            0,
            (current.to_owned(), format!("{current} (not available)")),
        );
    }
    let mut sig = String::new();
    for (v, t) in &items {
        sig.push_str(v);
        sig.push('\u{1}');
        sig.push_str(t);
        sig.push('\u{2}');
    }
    let select = ui.el(i).clone();
    if ui.sigs.get(i) != Some(&sig) {
        clear(&select);
        for (value, text) in &items {
            if let Some(option) = add_text(&select, "option", "", text) {
                attr(&option, "value", value);
            }
        }
        if let Some(slot) = ui.sigs.get_mut(i) {
            *slot = sig;
        }
    }
    set_value(&select, current);
    flag(&select, "disabled", off);
}

fn set_value(el: &Element, value: &str) {
    set_prop(el, "value", &JsValue::from_str(value));
}

/// Sets a number input to the number the widget reads `value` as (`" 20 "`
/// is 20, `"0x10"` 16), written as JavaScript writes it, or to nothing for
/// what is not a finite number. A number input refuses any other text
/// (showing it empty while the widget prices it) and warns of it on the host
/// page's console; what is wrong with a value is said in the widget's alert.
fn set_number(el: &Element, value: &str) {
    let text = model::number(value, "")
        .ok()
        .filter(|n| n.is_finite())
        .and_then(|n| js_sys::Number::from(n).to_string_with_radix(10).ok())
        .map(String::from)
        .unwrap_or_default();
    set_value(el, &text);
}

fn set_checked(el: &Element, on: bool) {
    set_prop(el, "checked", &JsValue::from_bool(on));
}

/// A row of credits, `<li><span class="k">…</span><span class="v">…</span></li>`:
/// `value` is `credits` as shown, a figure alone on screen (under the total,
/// or under "Uses N credits from"), heard with its unit ("160 credits").
fn pair(list: &Node, class: &str, key: &str, value: &str, credits: u64) -> Option<Element> {
    let li = add(list, "li", class)?;
    add_text(&li, "span", "k", key)?;
    let v = add_text(&li, "span", "v", value)?;
    add_text(&v, "span", "sr", plural(credits, " credit", " credits"))?;
    Some(li)
}

/// What the last change of the selection did that a visitor may not see.
struct Changes<'a> {
    /// The add-ons it took off.
    taken_off: &'a [AddonRequest],
    /// The resolution and duration it replaced, in a sentence.
    replaced: Option<String>,
    /// The add-ons it put back, by kind.
    put_back: &'a [&'static str],
}

/// Says under the add-ons why those that are off are off, in the core's
/// words: the error of the current request with each of them asked for
/// (images: with all the video add-ons, which the core names in one
/// sentence, and with reframe). Each control that is off is described by
/// those reasons (`#off-why`), and only by them. Then what the last change
/// did (`changes`): an add-on it took off is said to be, and why; the
/// resolution and duration it replaced; the add-ons it put back. The
/// paragraph is a polite live region, kept in place when empty, so a screen
/// reader hears of what a change of the selection turned off or on.
fn off_reasons(
    ui: &Ui,
    estimator: &Estimator,
    request: Option<&QuoteRequest>,
    kind: Kind,
    off: &[(usize, AddonRequest)],
    changes: Changes<'_>,
) {
    let mut reasons: Vec<String> = Vec::new();
    let why = |reasons: &mut Vec<String>, asked: Vec<AddonRequest>, lead: &str| {
        let Some(request) = request else { return };
        let mut probe = request.clone();
        probe.addons = Some(asked);
        if let Err(e) = estimator.quote(&probe) {
            let text = capitalized(format!("{lead}{}.", e.message()));
            if !reasons.contains(&text) {
                reasons.push(text);
            }
        }
    };
    // One that is now off is explained below with the others.
    let is_off = |kind: Option<&str>| off.iter().any(|(_, a)| a.kind.as_deref() == kind);
    for gone in changes
        .taken_off
        .iter()
        .filter(|a| !is_off(a.kind.as_deref()))
    {
        let kind = gone.kind.as_deref().unwrap_or_default();
        why(
            &mut reasons,
            vec![gone.clone()],
            &format!("{kind} was taken off: "),
        );
    }
    let taken = reasons.len();
    if kind == Kind::Images {
        // The video add-ons in one sentence; reframe, which images may take,
        // on its own (an edition may list an image model with no reframe rate).
        let (reframe, video): (Vec<_>, Vec<_>) = off
            .iter()
            .map(|(_, a)| a.clone())
            .partition(|a| a.kind.as_deref() == Some("reframe"));
        for asked in [video, reframe] {
            if !asked.is_empty() {
                why(&mut reasons, asked, "");
            }
        }
    } else {
        for (_, asked) in off {
            why(&mut reasons, vec![asked.clone()], "");
        }
    }
    // Why those now off are off: the description of their controls.
    let why_off = reasons.split_off(taken);
    let explained = !why_off.is_empty();
    set_text(ui.el(r::OFF_WHY), &why_off.join(" "));
    reasons.extend(changes.replaced);
    // (Only those still on: one a later change turned off again is not.)
    let back: Vec<&str> = changes
        .put_back
        .iter()
        .copied()
        .filter(|k| !is_off(Some(k)))
        .collect();
    if !back.is_empty() {
        let mut text = capitalized(all_of(&back));
        text.push_str(if back.len() == 1 { " is" } else { " are" });
        text.push_str(" back on, as before.");
        reasons.push(text);
    }
    // What the change took off or put back, after the reasons (the spans
    // touch, so a space apart).
    let mut news = reasons.join(" ");
    if explained && !news.is_empty() {
        news.insert(0, ' ');
    }
    set_text(ui.el(r::OFF_NEWS), &news);
    for i in [r::EXTEND, r::UPSCALE, r::REFRAME, r::MODIFY] {
        let el = ui.el(i);
        let described = explained && off.iter().any(|(j, _)| *j == i);
        if described {
            attr(el, "aria-describedby", "off-why");
        } else if el.get_attribute("aria-describedby").as_deref() == Some("off-why") {
            // (A message tying an error to the control is left in place.)
            flag(el, "aria-describedby", false);
        }
    }
}

/// An invisible mark of direction: an isolate ([`fmt`]'s), or a left- or
/// right-to-left or Arabic letter mark.
fn is_bidi_mark(c: char) -> bool {
    matches!(
        c,
        '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

/// A clause of the core's as a sentence: its first letter a capital.
fn capitalized(mut text: String) -> String {
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// Replaces a list's items with the core's sentences `items`, their
/// figures in the widget's locale; hidden when there are none.
fn texts(list: &Element, items: &[String], f: &Fmt) {
    clear(list);
    for item in items {
        // Each item is a sentence of its own in a list: it starts with a
        // capital (the core writes them as clauses: "upscale bills…").
        add_text(list, "li", "", &capitalized(f.localize(item)));
    }
    flag(list, "hidden", items.is_empty());
}

/// The total when there is none: `words` in its place (a dash while prices
/// load), muted and smaller by the stylesheet.
fn no_estimate(ui: &Ui, words: &str) {
    set_text(ui.el(r::NUM), words);
    flag(ui.el(r::NUM), "data-empty", true);
    set_text(ui.el(r::UNIT), "");
}

/// The mark before a figure of `q` (its credits, its dollars) when the cost
/// is approximate (modify): `≈` and a no-break space, so it never ends a
/// line by itself.
fn about(q: &Quote) -> &'static str {
    if q.approximate { "≈\u{a0}" } else { "" }
}

/// The same in words, before a count of generations ("make about 3 of
/// these").
fn about_words(q: &Quote) -> &'static str {
    if q.approximate { "about " } else { "" }
}

/// The total when the selection cannot be priced.
const NO_ESTIMATE: &str = "No estimate";

/// `(value, text)` options.
type Options = Vec<(String, String)>;

/// A select only video takes: its options for a video model, else a
/// disabled dash.
fn fill_for_video(ui: &mut Ui, i: usize, items: Options, current: &str, video: bool) {
    if video {
        fill(ui, i, items, current, false);
    } else {
        fill(ui, i, vec![(String::new(), "—".into())], "", true);
    }
}

/// A core message as a visitor reads it: the API path it starts with
/// (`wallet.monthly`) becomes the label of the field they typed in, and it
/// starts with a capital.
fn for_visitors(message: &str) -> String {
    const LABELS: [(&str, &str); 9] = [
        ("wallet.monthly", "Monthly credits left"),
        // A known cost's (`{ credits }`).
        ("credits ", "This generation's cost in credits "),
        ("wallet.gifted", "Gifted credits"),
        ("wallet.spendingLimit", "Spending limit left (credits)"),
        ("usage[0].perMonth", "Generations a month"),
        ("usage[0].request.", ""),
        // The month's total, which the count a month makes too large.
        ("usage[0]:", "Generations a month:"),
        ("durationSeconds", "Duration"),
        ("images", "Images"),
    ];
    let mut message = message;
    for (path, label) in LABELS {
        if let Some(rest) = message.strip_prefix(path) {
            if label.is_empty() {
                // A plan-fit message about the selection: read as the quote's.
                message = rest;
                continue;
            }
            return format!("{label}{rest}");
        }
    }
    // Top-up rows (`wallet.topUps[0].credits`) and add-ons (`addons[0].seconds`).
    for (path, fields) in [
        (
            "wallet.topUps[",
            &[(".credits", "Credits"), (".purchased", "Bought on")][..],
        ),
        (
            "addons[",
            &[(".seconds", "Extend (seconds)"), (".to", "Upscale")][..],
        ),
    ] {
        let Some(rest) = message.strip_prefix(path) else {
            continue;
        };
        let Some((index, rest)) = split_digits(rest) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix("]") else {
            continue;
        };
        for (field, label) in fields {
            if let Some(rest) = rest.strip_prefix(field) {
                let row = index.parse::<usize>().map_or(0, |i| i + 1);
                return if path.starts_with("wallet") {
                    format!("Top-up {row}: {label}{rest}")
                } else {
                    format!("{label}{rest}")
                };
            }
        }
    }
    // The core's clauses ("reframe of Ray1.6 video: …", "unknown model …")
    // as sentences; one about an add-on then names the control it is about.
    capitalized(message.to_owned())
}

/// A text split after the digits it starts with: `"12].x"` -> `("12", "].x")`.
fn split_digits(text: &str) -> Option<(&str, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    // `get`, not `split_at`: no slicing panic (and its formatting) linked.
    Some((text.get(..n)?, text.get(n..)?))
}

/// A message about a control.
struct Fault {
    message: String,
    /// The id of the element showing it.
    shown_in: &'static str,
    /// The control, when known ([`Priced::control`], a field asked for);
    /// otherwise it is found by the message's label ([`control_of`]).
    control: Option<usize>,
    tie: Tie,
}

/// What a message says of its control.
#[derive(Clone, Copy, PartialEq)]
enum Tie {
    /// Its value is wrong: `aria-invalid`, and a red border.
    Wrong,
    /// It asks for a value not given yet (a number emptied to be retyped, a
    /// new top-up's date, the monthly credits left), or says why the control
    /// is off: a description only.
    Describes,
}

impl Fault {
    /// A message as it reads: a question (a number emptied to be retyped,
    /// a new top-up's date) describes its control; anything else says its
    /// value is wrong.
    fn new(message: String, shown_in: &'static str, control: Option<usize>) -> Fault {
        let tie = if asks(&message) {
            Tie::Describes
        } else {
            Tie::Wrong
        };
        Fault {
            message,
            shown_in,
            control,
            tie,
        }
    }

    /// A message that describes `control` whatever it says: a question
    /// about it, or why it is off.
    fn describes(message: String, shown_in: &'static str, control: usize) -> Fault {
        Fault {
            message,
            shown_in,
            control: Some(control),
            tie: Tie::Describes,
        }
    }
}

type Faults = Vec<Fault>;

/// The control a visitor message is about, by the field label it starts with
/// (as [`for_visitors`] and [`model::number`] write them); `None` for a
/// message about something else (an attribute, the tables, the selection).
fn control_of(ui: &Ui, message: &str) -> Option<Element> {
    const LABELS: [(&str, usize); 12] = [
        ("Images", r::IMAGES),
        ("Duration", r::DURATION),
        ("Duration", r::DURATION_INPUT),
        ("Extend", r::EXTEND),
        ("Upscale", r::UPSCALE),
        ("Reframe", r::REFRAME),
        ("Modify", r::MODIFY),
        ("Generations a month", r::PER_MONTH),
        ("Monthly credits", r::MONTHLY),
        ("Gifted credits", r::GIFTED),
        ("Spending limit", r::SPENDING),
        ("This generation's cost", r::KNOWN),
    ];
    if let Some(rest) = message.strip_prefix("Top-up ") {
        let (row, rest) = split_digits(rest)?;
        let row = row.parse::<usize>().ok()?.checked_sub(1)?;
        let field = if rest.starts_with(": Credits") {
            "tc"
        } else if rest.starts_with(": Bought on") {
            "td"
        } else {
            return None;
        };
        let id = format!("#f-{field}{row}");
        return ui.el(r::TOP_UPS).query_selector(&id).ok()?;
    }
    LABELS.iter().find_map(|&(label, i)| {
        let rest = message.strip_prefix(label)?;
        let whole_word = matches!(rest.bytes().next(), Some(b' ' | b':'));
        // Of the two duration controls, the one shown.
        Some(ui.el(i).clone()).filter(|el| whole_word && el.is_connected())
    })
}

/// Ties each message in `faults` to its control: an `aria-describedby`
/// naming the element that shows the message, so a screen reader reads it
/// with the field, and for a wrong value `aria-invalid` (the field's border
/// turns red); a control fixed since loses both. Attributes are written only
/// when they change.
fn mark_invalid(ui: &mut Ui, faults: &Faults) {
    let mut marked = Vec::new();
    for fault in faults {
        let Some(el) = fault
            .control
            .map(|i| ui.el(i).clone())
            .or_else(|| control_of(ui, &fault.message))
        else {
            continue;
        };
        if el.get_attribute("aria-describedby").as_deref() != Some(fault.shown_in) {
            attr(&el, "aria-describedby", fault.shown_in);
        }
        if fault.tie == Tie::Describes {
            flag(&el, "aria-invalid", false);
        } else if el.get_attribute("aria-invalid").as_deref() != Some("true") {
            attr(&el, "aria-invalid", "true");
        }
        marked.push(el);
    }
    for el in core::mem::replace(&mut ui.invalid, marked) {
        if !ui.invalid.contains(&el) {
            flag(&el, "aria-invalid", false);
            // An add-on now off keeps the explanation `off_reasons` gave it.
            if el.get_attribute("aria-describedby").as_deref() != Some("off-why") {
                flag(&el, "aria-describedby", false);
            }
        }
    }
}

/// What a top-up row without its date says (after "Top-up N: ").
const ASK_DATE: &str = "Bought on: enter the date it was bought";

/// Whether `message` asks for a value rather than says one is wrong: a
/// number emptied to be retyped, or a new top-up row's empty date, which is
/// not red before the visitor has typed anything. (A prefix test: a
/// substring search would add 5 KB of wasm.)
fn asks(message: &str) -> bool {
    emptied(message)
        || message
            .split_once(':')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(ASK_DATE))
}

/// Whether `message` asks for a number the visitor has emptied ("Images:
/// enter a number", [`model::number`]): a field being retyped.
fn emptied(message: &str) -> bool {
    message.ends_with(": enter a number")
}

/// Whether `message` is about a number the visitor is typing: emptied, or
/// wrong ("Images must be a whole number…", "Generations a month must…").
/// What it makes is kept in place, dimmed, while the field is fixed.
fn typing(ui: &Ui, message: &str) -> bool {
    emptied(message)
        || control_of(ui, message)
            .is_some_and(|el| el.get_attribute("type").as_deref() == Some("number"))
}

/// While `editing`, keeps `el`'s last content in place, dimmed and inert (out
/// of the tab order and the accessibility tree), so that retyping a number
/// does not collapse what is below the field and move the page; whether it
/// did (there was content to keep). Otherwise takes the mark off.
fn keep_while_editing(el: &Element, editing: bool) -> bool {
    let keep = editing && el.first_child().is_some() && !el.has_attribute("hidden");
    flag(el, "data-stale", keep);
    flag(el, "inert", keep);
    keep
}

/// What plan fit and the balance check say when Luma publishes no cost for
/// the selection.
const UNPRICED_FIT: &str =
    "Luma does not publish what this generation costs, so no plan can be fitted to it.";
const UNPRICED_CHECK: &str = "Luma does not publish what this generation costs: enter its cost in credits, as the app shows it, to check this balance against it.";

/// A dollar card: what the generation costs at one rate per credit.
struct RateCard {
    name: String,
    /// What `included` credits cost (a pack, or a plan a month).
    price: rust_decimal::Decimal,
    period: &'static str,
    included: u64,
    /// The generation's cost at this rate, exact (rounded once, to the
    /// places the cards show).
    cost: rust_decimal::Decimal,
}

/// The outcome of pricing the selection.
pub struct Priced {
    pub request: Option<QuoteRequest>,
    pub quote: Result<Quote, String>,
    /// The quote failed because Luma publishes no cost for the selection
    /// (`unpriced`): a fact to state, not a mistake to fix.
    pub unpriced: bool,
    /// The control the quote's error is about, by its code: a platform,
    /// model, resolution or clip length the page asked for by attribute or
    /// link, which its menu shows as "(not available)".
    pub control: Option<usize>,
    /// The model has no published cost here at all (every Luma Agents
    /// model, Ray2 Flash on iOS), so every generation control is off.
    pub model_unpriced: bool,
    /// The quote waits for a count or a length the visitor is typing
    /// ([`typing`]), under the generation and plan settings the figures on
    /// screen were made for: they stay, dimmed.
    pub typing: bool,
    /// The generation and plan settings are those of the last render (a
    /// count of generations a month being retyped keeps the plans only
    /// then).
    pub same_generation: bool,
    /// The verdict on screen stays, dimmed: `typing`, and the balance form
    /// is as it was made for.
    pub keep_verdict: bool,
}

impl State {
    /// Brings the whole widget up to date with the state.
    pub(super) fn render(&mut self) {
        let Some(mut ui) = self.ui.take() else {
            return;
        };
        self.render_frame(&ui);
        let mut priced = None;
        let mut plan_error = None;
        let mut faults = Faults::new();
        let ready = matches!(self.prices, Tables::Ready(_));
        // Plan fit and the balance check need prices: while they load, or
        // after they failed, neither shows the last tables' figures.
        for (el, section) in [(r::FIT_SUM, ".fit"), (r::VERDICT, ".balance")] {
            if let Ok(Some(section)) = ui.el(el).closest(section) {
                flag(&section, "hidden", !ready);
            }
        }
        match &self.prices {
            Tables::Ready(prices) => {
                let prices = prices.clone();
                let p = self.render_controls(&mut ui, &prices);
                self.render_quote(&ui, &p);
                if let Err(message) = &p.quote {
                    faults.push(Fault::new(message.clone(), "why", p.control));
                    // A model Luma does not price here: every generation
                    // control is off, for the reason the estimate gives.
                    if p.model_unpriced {
                        for control in [
                            r::RESOLUTION,
                            r::DURATION,
                            r::DURATION_INPUT,
                            r::IMAGES,
                            r::EXTEND,
                            r::UPSCALE,
                            r::REFRAME,
                            r::MODIFY,
                        ] {
                            faults.push(Fault::describes(message.clone(), "why", control));
                        }
                    }
                }
                self.render_rates(&ui, &prices, &p);
                self.render_fit(&ui, &prices, &p, &mut faults);
                plan_error = self.render_balance(&mut ui, &prices, &p, &mut faults);
                priced = Some(p);
            }
            other => {
                let (text, words) = match other {
                    Tables::Failed(m) => (m.as_str(), NO_ESTIMATE),
                    _ => ("Loading prices…", "—"),
                };
                no_estimate(&ui, words);
                flag(ui.el(r::WHY), "data-info", false);
                set_text(ui.el(r::WHY), text);
                for i in [r::USD, r::APPROX, r::LINES, r::NOTES, r::RATES] {
                    flag(ui.el(i), "hidden", true);
                }
            }
        }
        let why = priced.as_ref().and_then(|p| p.quote.as_ref().err());
        self.render_alert(&ui, plan_error, why);
        let shown = |i| ui.el(i).text_content().unwrap_or_default();
        set_text(ui.el(r::PEEK), &(shown(r::NUM) + &shown(r::UNIT)));
        mark_invalid(&mut ui, &faults);
        let written = |v: Option<JsValue>| v.unwrap_or(JsValue::NULL);
        let p = priced.as_ref();
        self.request = written(
            p.and_then(|p| p.request.as_ref())
                .and_then(|r| crate::wasm::write(r).ok()),
        );
        self.quote = written(
            p.and_then(|p| p.quote.as_ref().ok())
                .and_then(|q| crate::wasm::write(q).ok()),
        );
        self.ui = Some(ui);
    }

    /// The platform the controls show, as `book` has it.
    fn platform<'b>(&self, book: &'b PriceBook) -> Option<&'b schema::Platform> {
        self.shown
            .get(Field::Platform)
            .and_then(|p| book.platform(p))
    }

    /// The edition line and the configuration messages.
    fn render_frame(&self, ui: &Ui) {
        // No edition while tables load or after they failed: the one shown
        // would be the previous tables'.
        let text = match &self.prices {
            Tables::Ready(p) => {
                let e = &p.catalog.edition;
                format!("Prices as of {} · {}", self.fmt.date(&e.effective), e.name)
            }
            _ => String::new(),
        };
        set_text(ui.el(r::EDITION), &text);
    }

    /// The attribute errors, and `plan`'s when it names no plan of the
    /// platform (`plan_error`), but not the one the estimate shows as its
    /// reason (`why`): each is said once.
    fn render_alert(&self, ui: &Ui, plan_error: Option<String>, why: Option<&String>) {
        let alert = ui.el(r::ALERT);
        let mut any = false;
        rebuild(alert, |alert| {
            let messages = self.errors.iter().map(|(_, m)| m).chain(&plan_error);
            for message in messages.filter(|m| Some(*m) != why) {
                add_text(alert, "p", "", message);
                any = true;
            }
        });
        flag(alert, "hidden", !any);
    }

    /// What the last change did to the resolution and duration chosen,
    /// which the new `model` on `platform` has no clip at: "Ray1.6 on Dream
    /// Machine (web) has no 1080p 10 s clip: it is now 720p, 5 s."
    fn replaced_text(&self, sel: &model::Selection, model: &str, platform: &str) -> Option<String> {
        let was = |f: Field| {
            let old = self.replaced.get(f)?;
            let now = sel.get(f)?;
            (old != now).then_some((old, now))
        };
        let text = match (was(Field::Resolution), was(Field::Duration)) {
            (Some((r0, r1)), Some((d0, d1))) => {
                format!("has no {r0} {d0} s clip: it is now {r1}, {d1} s")
            }
            (Some((r0, r1)), None) => format!("has no {r0} clip: resolution is now {r1}"),
            (None, Some((d0, d1))) => {
                let res = sel.get(Field::Resolution).unwrap_or_default();
                format!("has no {res} {d0} s clip: duration is now {d1} s")
            }
            (None, None) => return None,
        };
        Some(format!("{model} on {platform} {text}."))
    }

    /// A number input's value, unless a person is typing in it.
    fn put(&self, ui: &Ui, i: usize, name: &str, value: &str) {
        if self.editing.as_deref() != Some(name) {
            set_number(ui.el(i), value);
        }
    }

    fn render_controls(&mut self, ui: &mut Ui, prices: &Prices) -> Priced {
        let cat = &prices.catalog;
        let sel = model::complete(cat, &self.sel);
        let ctx = Context::of(cat, &sel);
        let kind = ctx.kind();
        let get = |f: Field| sel.get(f).unwrap_or("");

        let mut items = Options::new();
        for p in &cat.platforms {
            items.push((p.id.clone(), p.name.clone()));
        }
        fill(ui, r::PLATFORM, items, get(Field::Platform), false);

        let mut items = Options::new();
        for m in ctx.platform.map_or(&[][..], |p| &p.models) {
            let note = match (m.priced, &m.output) {
                (true, _) => "",
                (false, None) => " — costs not published",
                (false, Some(_)) => " — no rate published here",
            };
            items.push((m.id.clone(), format!("{}{note}", m.name)));
        }
        fill(ui, r::MODEL, items, get(Field::Model), false);
        // A model shown with its note ("Ray3.14 — costs not published")
        // takes the row's whole width, so its select does not cut it.
        if let Ok(Some(row)) = ui.el(r::MODEL).closest(".row") {
            flag(&row, "data-long", ctx.model.is_some_and(|m| !m.priced));
        }

        let video = kind == Kind::Video;
        let mut items = Options::new();
        for res in ctx
            .model
            .filter(|_| video)
            .map_or(&[][..], |m| &m.resolutions)
        {
            let four_k = if res.id == "2160p" { " (4K)" } else { "" };
            items.push((res.id.clone(), format!("{}{four_k}", res.id)));
        }
        fill_for_video(ui, r::RESOLUTION, items, get(Field::Resolution), video);

        // Fixed clips are a select; per-second billing takes any length.
        let clips = ctx.clips();
        let per_second = video && clips.is_empty();
        let (show, hide) = if per_second {
            (r::DURATION_INPUT, r::DURATION)
        } else {
            (r::DURATION, r::DURATION_INPUT)
        };
        let hidden = ui.el(hide);
        if let Some(label) = hidden.parent_node() {
            hidden.remove();
            let _ = label.append_child(ui.el(show));
        }
        if per_second {
            self.put(ui, r::DURATION_INPUT, "duration", get(Field::Duration));
        } else {
            let mut items = Options::new();
            for c in clips {
                let seconds = self.fmt.int(u64::from(c.seconds));
                items.push((c.seconds.to_string(), format!("{seconds} s")));
            }
            // A length typed another way (10.0 on iOS) is that clip.
            let typed = get(Field::Duration);
            let current = model::clip_of(clips, typed).map(|c| c.seconds.to_string());
            let current = current.as_deref().unwrap_or(typed);
            fill_for_video(ui, r::DURATION, items, current, video);
        }

        let images = kind == Kind::Images;
        let el = ui.el(r::IMAGES);
        flag(el, "disabled", !images);
        attr(el, "placeholder", if images { "" } else { "—" });
        let count = if images { get(Field::Images) } else { "" };
        self.put(ui, r::IMAGES, "images", count);

        // The add-ons that are off here, each as a request that would ask
        // for it: the core says why it cannot be priced (below). One that is
        // on stays on, so it can be taken off, unless the model is not priced
        // here at all (every Luma Agents model, Ray2 Flash on iOS): then all
        // are off and shown empty, as on a model that takes none, and the
        // selection keeps those on for a model that prices them.
        let mut off_addons = Vec::new();
        let nothing_priced = kind == Kind::Unpriced;
        let on_screen = |value| if nothing_priced { "" } else { value };
        let extend = get(Field::Extend);
        // An extend of 0 is none: on a model without extend (Photon) it is
        // off like an empty one, not a field left open to type a length in.
        let none = extend.is_empty() || model::is_zero(extend);
        let off = nothing_priced || ctx.addon("extend").is_none() && none;
        flag(ui.el(r::EXTEND), "disabled", off);
        attr(
            ui.el(r::EXTEND),
            "placeholder",
            if off { "—" } else { "None" },
        );
        let shown = if off && none { "" } else { on_screen(extend) };
        self.put(ui, r::EXTEND, "extend", shown);
        if off {
            let step = f64::from(cat.billing_step_seconds);
            off_addons.push((r::EXTEND, AddonRequest::extend(step)));
        }

        let targets = ctx.addon("upscale").map_or(&[][..], |a| &a.to[..]);
        let upscale = get(Field::Upscale);
        let off = nothing_priced || targets.is_empty() && upscale.is_empty();
        // Off, it reads as the other controls that are off: a dash.
        let none = if off { "—" } else { "None" };
        let mut items = vec![(String::new(), none.to_owned())];
        for t in targets {
            let four_k = if t == "2160p" { " (4K)" } else { "" };
            items.push((t.clone(), format!("To {t}{four_k}")));
        }
        fill(ui, r::UPSCALE, items, on_screen(upscale), off);
        if let Some(top) = cat.resolutions.last().filter(|_| off) {
            off_addons.push((r::UPSCALE, AddonRequest::upscale(top)));
        }

        for (i, f) in [(r::REFRAME, Field::Reframe), (r::MODIFY, Field::Modify)] {
            let on = sel.on(f);
            set_checked(ui.el(i), on && !nothing_priced);
            let off = nothing_priced || ctx.addon(f.name()).is_none() && !on;
            flag(ui.el(i), "disabled", off);
            if off {
                let ask = match f {
                    Field::Reframe => AddonRequest::reframe(),
                    _ => AddonRequest::modify(),
                };
                off_addons.push((i, ask));
            }
        }
        // "Approximate" while the edition publishes modify's figures so.
        if let Some(label) = ui.el(r::MODIFY).next_element_sibling() {
            let approximate = prices.estimator.book().modify().approximate;
            let text = if approximate {
                "Modify (approximate)"
            } else {
                "Modify"
            };
            set_text(&label, text);
        }

        let blocked = self
            .errors
            .iter()
            .find(|(k, _)| model::SELECTION_ATTRIBUTES.contains(&k.as_str()));
        let request = model::request(cat, &sel);
        let mut unpriced = false;
        let mut control = None;
        // An attribute the widget could not use (`addons="upscale"`) leaves
        // no estimate; what the rest of the selection would say comes first,
        // so one fault does not hide another (`resolution="4k"`).
        let quote = match &request {
            Err(m) => Err(m.clone()),
            Ok(r) => prices.estimator.quote(r).map_err(|e| {
                unpriced = e.code() == ErrorCode::Unpriced;
                control = match e.code() {
                    ErrorCode::UnknownPlatform => Some(r::PLATFORM),
                    ErrorCode::UnknownModel | ErrorCode::PlatformMismatch => Some(r::MODEL),
                    ErrorCode::UnsupportedResolution => Some(r::RESOLUTION),
                    ErrorCode::UnsupportedDuration => Some(show),
                    _ => None,
                };
                for_visitors(e.message())
            }),
        };
        let quote = match (blocked, quote) {
            (Some((_, m)), Ok(_)) => Err(m.clone()),
            (_, quote) => quote,
        };
        // Only a clip that prices as chosen: otherwise the core would answer
        // about something else than the add-on. Why an add-on is off does
        // not hang on a count or a length, so while one is wrong or retyped
        // (Images emptied on Photon) the default one stands in for it.
        let choices = model::choices(&sel);
        let fallback = match &quote {
            Err(_) if kind != Kind::Unpriced => {
                model::request(cat, &model::complete(cat, &choices))
                    .ok()
                    .filter(|r| prices.estimator.quote(r).is_ok())
            }
            _ => None,
        };
        let probe = match &request {
            Ok(r) if kind != Kind::Unpriced && quote.is_ok() => Some(r),
            _ => fallback.as_ref(),
        };
        let taken_off = model::addons_of(&self.taken_off).unwrap_or_default();
        let replaced = ctx
            .model
            .zip(ctx.platform)
            .filter(|_| video)
            .and_then(|(m, p)| self.replaced_text(&sel, &m.name, &p.name));
        // While a count or a length is retyped or fixed, what is said under
        // the add-ons stays: cleared and said again, it would be heard again.
        // (A change of what decides the add-ons, or of one of them, is said
        // as ever.)
        let same = model::choices(&self.shown) == choices;
        // What was last priced stays in place while a number is retyped,
        // but only under the choices and plan settings it was made for (not
        // Ray2 Flash's figures under Photon).
        let made_for = Some((choices, self.billing, self.commercial));
        let typing = matches!(&quote, Err(m) if typing(ui, m));
        let same_generation = self.fresh_for == made_for;
        let retyped = typing && same_generation;
        if quote.is_ok() || !retyped {
            self.fresh_for = made_for;
        }
        // The verdict too, and only for the balance it was made for.
        let keep_verdict = retyped && self.verdict_for.as_ref() == Some(&self.wallet);
        if !keep_verdict {
            self.verdict_for = Some(self.wallet.clone());
        }
        if !(same && typing) {
            off_reasons(
                ui,
                &prices.estimator,
                probe,
                kind,
                &off_addons,
                Changes {
                    taken_off: &taken_off,
                    replaced,
                    put_back: &self.put_back,
                },
            );
        }
        self.shown = sel;
        Priced {
            // An attribute the widget could not use leaves no request: the
            // one made without it would not be what the page asked for.
            request: request.ok().filter(|_| blocked.is_none()),
            quote,
            unpriced,
            control,
            model_unpriced: nothing_priced,
            typing: retyped,
            same_generation,
            keep_verdict,
        }
    }

    fn render_quote(&self, ui: &Ui, priced: &Priced) {
        let f = &self.fmt;
        let (lines, notes, why) = (ui.el(r::LINES), ui.el(r::NOTES), ui.el(r::WHY));
        let editing = priced.typing;
        // The arithmetic and the dollars stay, dimmed, while a count or a
        // length is retyped or fixed.
        let kept = keep_while_editing(lines, editing);
        keep_while_editing(ui.el(r::USD), kept);
        keep_while_editing(notes, kept);
        if !kept {
            clear(lines);
            clear(notes);
        }
        let ok = match &priced.quote {
            Ok(q) => {
                let about = about(q);
                let total = format!("{about}{}", f.int(q.credits));
                set_text(ui.el(r::NUM), &total);
                flag(ui.el(r::NUM), "data-empty", false);
                set_text(ui.el(r::UNIT), plural(q.credits, " credit", " credits"));
                // The dollars are written with the dollar cards (render_rates).
                for line in &q.lines {
                    pair(
                        lines,
                        "",
                        &fmt::keep_terms(&f.localize(&line.label)),
                        &f.int(line.credits),
                        line.credits,
                    );
                }
                if q.lines.len() > 1 {
                    pair(lines, "sum", "Total", &total, q.credits);
                }
                // The dollars and the top-up rate are in the headline and
                // the first dollar card: the note saying them is left out.
                texts(notes, q.notes_besides_dollars(), f);
                flag(ui.el(r::APPROX), "hidden", !q.approximate);
                set_text(why, "");
                true
            }
            Err(message) => {
                // A cost Luma does not publish is said as such, not as a
                // failure to estimate.
                let words = if priced.unpriced {
                    "Not published"
                } else {
                    NO_ESTIMATE
                };
                no_estimate(ui, words);
                flag(notes, "hidden", !kept || notes.first_child().is_none());
                set_text(why, message);
                flag(ui.el(r::APPROX), "hidden", true);
                kept
            }
        };
        // A fact to state, or a number asked for: not in the error colour.
        let asked = matches!(&priced.quote, Err(m) if emptied(m));
        flag(why, "data-info", priced.unpriced || asked);
        // `why` stays in the page when empty (CSS collapses it): a live
        // region shown and filled in one step is not read by some screen
        // readers.
        for i in [r::USD, r::LINES] {
            flag(ui.el(i), "hidden", !ok);
        }
    }

    /// Dollars: at the top-up rate and at each plan's effective rate per
    /// credit (price / included credits), all exact decimals; and the
    /// headline's dollars, which are the top-up card's amount. Amounts side
    /// by side share their places ([`Fmt::usd_in`]).
    fn render_rates(&self, ui: &Ui, prices: &Prices, priced: &Priced) {
        let rates = ui.el(r::RATES);
        let editing = priced.typing;
        if keep_while_editing(rates, editing) {
            return;
        }
        clear(rates);
        let (Ok(q), Some(req)) = (&priced.quote, &priced.request) else {
            flag(rates, "hidden", true);
            return;
        };
        flag(rates, "hidden", false);
        let f = &self.fmt;
        let book = prices.estimator.book();
        let top_up = book.top_up();
        let at_top_up_rate = usd_exact(q.credits, top_up.price_usd, top_up.credits);
        let mut cards = vec![RateCard {
            name: "Top-up credits".to_owned(),
            price: top_up.price_usd,
            period: "",
            included: top_up.credits,
            cost: at_top_up_rate,
        }];
        let platform = req.platform.as_deref().unwrap_or("");
        for plan in book.plans_for_platform(platform).unwrap_or(&[]) {
            let price = self.billing.price_of(plan);
            if let (Some(price), Some(included)) = (price, plan.row.credits) {
                let included = u64::from(included);
                let period = if plan.row.relaxed_mode {
                    "/mo (fast)"
                } else {
                    "/mo"
                };
                cards.push(RateCard {
                    name: format!("On {}", plan.row.name),
                    price,
                    period,
                    included,
                    cost: usd_exact(q.credits, price, included),
                });
            }
        }
        cards.retain(|card| card.included > 0);
        let per: Vec<String> = cards
            .iter()
            .map(|card| usd_at_rate(1, card.price, card.included))
            .collect();
        let cost_places = cards
            .iter()
            .map(|card| fmt::usd_places_of(card.cost))
            .max()
            .unwrap_or(2);
        let per_places = per.iter().map(|a| fmt::usd_places(a)).max().unwrap_or(2);
        // An approximate cost's dollars are approximate too.
        let about = about(q);
        let headline = f.usd_of(at_top_up_rate, cost_places);
        set_text(
            ui.el(r::USD),
            &format!("{about}{headline} at the top-up rate"),
        );
        add_text(rates, "h3", "", "In dollars");
        let Some(list) = add(rates, "ul", "rate-list") else {
            return;
        };
        for (card, per) in cards.iter().zip(&per) {
            let detail = format!(
                "{}{} for {} credits = {} per credit",
                f.usd(&usd_string(card.price, PLAN_USD_PLACES)),
                card.period,
                f.int(card.included),
                f.usd_in(per, per_places),
            );
            // Read in the order seen: the amount, what it is for, how.
            if let Some(li) = add(&list, "li", "") {
                // Formats join the figure, its digit groups and its currency
                // code with no-break spaces (`0,5333 US$`, `1 234,56 $US`):
                // as plain spaces, a card too narrow for all of it breaks
                // at one of them, not inside the code or a number.
                let figure: String = f
                    .usd_of(card.cost, cost_places)
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                add_text(&li, "span", "v", &format!("{about}{figure}"));
                add_text(&li, "span", "k", &card.name);
                add_text(&li, "span", "d", &detail);
            }
        }
    }

    fn render_fit(&self, ui: &Ui, prices: &Prices, priced: &Priced, faults: &mut Faults) {
        let (plans, notices, sum) = (ui.el(r::PLANS), ui.el(r::NOTICES), ui.el(r::FIT_SUM));
        // Above the plans, not among the notices under them: whether the
        // plans can be bought at all.
        let book = prices.estimator.book();
        let closed = self
            .platform(book)
            .and_then(|p| plan_fit::closed_notice(book, &p.product));
        let status = ui.el(r::STATUS);
        set_text(status, closed.as_deref().unwrap_or_default());
        flag(status, "hidden", closed.is_none());
        self.put(ui, r::PER_MONTH, "per-month", &self.per_month);
        set_checked(ui.el(r::ANNUAL), self.billing == Billing::Annual);
        set_checked(ui.el(r::COMMERCIAL), self.commercial);
        // Nothing to fit (a cost or plans Luma does not publish): the
        // plan-fit controls would change nothing, so they are off.
        let mut no_fit = priced.unpriced;
        let fit = match (&priced.quote, &priced.request) {
            (Ok(_), Some(req)) => {
                model::number(&self.per_month, "Generations a month").and_then(|n| {
                    let request = PlanFitRequest {
                        platform: req.platform.clone(),
                        usage: Some(vec![UsageLine {
                            request: Some(req.clone()),
                            per_month: Some(n),
                        }]),
                        billing: Some(self.billing.id().into()),
                        needs: Some(Needs {
                            commercial_use: Some(self.commercial),
                            no_watermark: None,
                        }),
                    };
                    prices.estimator.plan_fit(&request).map_err(|e| {
                        no_fit = e.code() == ErrorCode::Unpriced;
                        for_visitors(e.message())
                    })
                })
            }
            _ if priced.unpriced => Err(UNPRICED_FIT.into()),
            _ => Err("Choose a generation that can be priced to see which plan fits.".into()),
        };
        // Nothing to fit, but the plans' prices are published (Luma
        // Agents'): listed, at the billing "Pay annually" chooses.
        let platform = priced.request.as_ref().and_then(|r| r.platform.as_deref());
        let listed = platform
            .filter(|_| priced.unpriced)
            .and_then(|p| book.plans_for_platform(p));
        let annual_off = no_fit && listed.is_none();
        for (i, off) in [
            (r::PER_MONTH, no_fit),
            (r::COMMERCIAL, no_fit),
            (r::ANNUAL, annual_off),
        ] {
            flag(ui.el(i), "disabled", off);
            // Described by the summary, which says why there is nothing to fit.
            if let (true, Err(message)) = (off, &fit) {
                faults.push(Fault::describes(message.clone(), "fit-sum", i));
            }
        }
        // The plans stay, dimmed, while a count, a length or the generations
        // a month is retyped, or is wrong (2.5 a month): the visitor is
        // fixing a field, not choosing something else.
        let per_month = matches!(&fit, Err(m) if typing(ui, m));
        let wrong = per_month && !matches!(&fit, Err(m) if emptied(m));
        flag(sum, "data-error", wrong);
        let editing = per_month && priced.same_generation || priced.typing;
        // What a screen reader hears of plan fit: the best fit (the cards
        // show it by a badge), or what is wrong with the generations a
        // month. The last is kept while a field of the generation is
        // retyped (said again, it would be heard again), and nothing is said
        // of a generation that cannot be priced, which the estimate says
        // already.
        let live = ui.el(r::FIT_LIVE);
        match &fit {
            Ok(fit) => set_text(live, &self.best_fit_words(fit)),
            Err(m) if wrong => set_text(live, m),
            Err(_) if editing && !per_month => {}
            Err(_) => set_text(live, ""),
        }
        if keep_while_editing(plans, editing) {
            keep_while_editing(notices, true);
            if let Err(message) = fit {
                set_text(sum, &message);
                faults.push(Fault::new(message, "fit-sum", None));
            }
            return;
        }
        keep_while_editing(notices, false);
        clear(plans);
        clear(notices);
        match fit {
            Ok(fit) => {
                let f = &self.fmt;
                let each = priced.quote.as_ref().map_or(0, |q| q.credits);
                let count = fit.monthly_credits.checked_div(each).unwrap_or(0);
                let text = format!(
                    "{} × {} = {} credits a month",
                    f.int(count),
                    f.int(each),
                    f.int(fit.monthly_credits)
                );
                set_text(sum, &text);
                if let Ok(one) = &priced.quote {
                    self.render_plans(plans, &fit, one);
                }
                // planFit() lists the closed platform's status first.
                let under = fit.notices.get(usize::from(closed.is_some())..);
                texts(notices, under.unwrap_or_default(), f);
            }
            Err(message) => {
                set_text(sum, &message);
                flag(notices, "hidden", true);
                faults.push(Fault::new(message, "fit-sum", None));
                if let Some(list) = listed {
                    self.render_plan_prices(plans, list);
                }
            }
        }
        flag(plans, "hidden", plans.first_child().is_none());
    }

    /// The recommendation in words: "Best fit: Plus, $29.99 a month".
    fn best_fit_words(&self, fit: &PlanFit) -> String {
        let best = fit
            .plans
            .iter()
            .find(|p| fit.recommended.as_ref() == Some(&p.id));
        match best.and_then(|p| Some((&p.name, p.total_usd.as_deref()?))) {
            Some((name, usd)) => format!("Best fit: {name}, {} a month", self.fmt.usd(usd)),
            None => "No plan fits".to_owned(),
        }
    }

    /// A plan card: its name and badges, and its price a month (a dash when
    /// there is none); the caller adds the details.
    fn plan_card(
        &self,
        list: &Element,
        class: &str,
        plan: (&str, &str),
        best: bool,
        usd: Option<&str>,
    ) -> Option<Element> {
        let (id, name) = plan;
        let mine = self.wallet.plan.as_deref().or(self.plan_attr.as_deref());
        let li = add(list, "li", class)?;
        add_text(&li, "span", "plan-name", name);
        let mine = mine == Some(id);
        if best || mine {
            let badges = add(&li, "span", "badges")?;
            if best {
                add_text(&badges, "span", "badge", "Best fit");
            }
            if mine {
                add_text(&badges, "span", "badge mine", "Your plan");
            }
        }
        let price = add(&li, "p", "plan-price")?;
        match usd {
            Some(usd) => {
                let amount = self.fmt.usd(usd);
                // Past "$9,999.99" a smaller size keeps the figure on one
                // line in the narrowest card.
                // (Counting what shows: not the marks that isolate a
                // right-to-left figure.)
                let shown = amount.chars().filter(|c| !is_bidi_mark(*c)).count();
                if shown > 9 {
                    price.set_class_name("plan-price long");
                }
                add_text(&price, "span", "", &amount);
                // Annual billing is said under the price ("Billed $95.90 a
                // year"), and with top-ups, which are bought month by month,
                // which part is billed yearly.
                // Heard as words, not "slash mo".
                attr(
                    &add_text(&price, "span", "per", "/mo")?,
                    "aria-hidden",
                    "true",
                );
                add_text(&price, "span", "sr", " a month");
            }
            None => {
                price.set_class_name("plan-price none");
                add_text(&price, "span", "", "—");
            }
        }
        Some(li)
    }

    /// For a generation whose cost Luma does not publish: the platform's
    /// plans at their published prices, with no fit.
    fn render_plan_prices(&self, list: &Element, plans: &[PlanPrice]) -> Option<()> {
        for plan in plans {
            let usd = self
                .billing
                .price_of(plan)
                .map(|p| usd_string(p, PLAN_USD_PLACES));
            let (id, name) = (&*plan.row.id, &*plan.row.name);
            let li = self.plan_card(list, "plan", (id, name), false, usd.as_deref())?;
            let mut reasons = Vec::new();
            if usd.is_none() {
                reasons.push(self.billing.unpriced_reason(plan));
            }
            if plan.row.credits.is_none() {
                reasons.push("Monthly credits not published".into());
            }
            texts(&add(&li, "ul", "plan-why")?, &reasons, &self.fmt);
        }
        Some(())
    }

    /// A card per plan, the recommended one marked: those with a price
    /// first, each where the tables list it, so that a switch that rules one
    /// out greys it in place rather than moving it. `one`: the quote of one
    /// generation.
    fn render_plans(&self, list: &Element, fit: &PlanFit, one: &Quote) -> Option<()> {
        let f = &self.fmt;
        let (open, closed): (Vec<_>, Vec<_>) =
            fit.plans.iter().partition(|p| p.total_usd.is_some());
        for plan in open.into_iter().chain(closed) {
            let best = fit.recommended.as_deref() == Some(plan.id.as_str());
            let class = match (best, plan.eligible) {
                (true, _) => "plan best",
                (false, true) => "plan",
                (false, false) => "plan off",
            };
            let names = (plan.id.as_str(), plan.name.as_str());
            let li = self.plan_card(list, class, names, best, plan.total_usd.as_deref())?;
            if let (Some(price), Some(packs)) = (&plan.price_usd, plan.top_up_packs)
                && (packs > 0 || plan.relaxed)
            {
                let yearly = match fit.billing {
                    Billing::Annual if packs > 0 => " billed yearly",
                    _ => "",
                };
                let mut text = format!("{} plan{yearly}", f.usd(price));
                if packs > 0 {
                    let usd = plan.top_up_usd.as_deref().unwrap_or("0");
                    let packs_text = plural(packs, "pack", "packs");
                    let extra = format!(" + {} top-up {packs_text} ({})", f.int(packs), f.usd(usd));
                    text.push_str(&extra);
                }
                if plan.relaxed {
                    text.push_str(" + relaxed mode");
                }
                add_text(&li, "p", "plan-sub", &text);
            }
            // How many the plan's own credits make: what a visitor asks of a
            // plan ("how many videos do I get?"). Said as the credits' (not
            // the plan's), since top-up packs may make the rest.
            if let Some((included, n)) = plan
                .included_credits
                .and_then(|c| Some((c, c.checked_div(one.credits)?)))
            {
                let about = about_words(one);
                let (fast, rest) = if plan.relaxed_mode {
                    (" fast", "; more run in relaxed mode")
                } else {
                    ("", "")
                };
                let text = format!(
                    "Its {}{fast} credits make {about}{} of these a month{rest}",
                    f.int(included),
                    f.int(n)
                );
                add_text(&li, "p", "plan-sub makes", &text);
            }
            texts(&add(&li, "ul", "plan-why")?, &plan.reasons, f);
        }
        Some(())
    }

    /// The balance panel; returns the message for a `plan` attribute that
    /// names no plan of the platform (shown in the alert).
    fn render_balance(
        &self,
        ui: &mut Ui,
        prices: &Prices,
        priced: &Priced,
        faults: &mut Faults,
    ) -> Option<String> {
        let book = prices.estimator.book();
        // The chosen platform's, also while the selection cannot be priced
        // (a field being retyped): the plans do not depend on it.
        let platform = self.platform(book);
        let product = platform.map(|p| p.product.to_string());
        // A platform whose own plans are not published (the iOS app): what
        // its subscriptions give a month is not known either, so it is asked
        // for, not taken from the web plan of the same name.
        let unpublished = platform.filter(|p| book.plans_for_platform(&p.id).is_none());
        let product_id = product.as_deref().unwrap_or("");
        let extra = book.product(product_id).map_or("", |p| &p.extra_credits);
        let top_ups = book.product(product_id).is_some_and(|p| p.sells_top_ups());
        let plans = book.plans_for_product(product_id).unwrap_or(&[]);
        let known = |id: &String| plans.iter().any(|p| p.row.id == *id);
        let chosen = match (&self.wallet.plan, &self.plan_attr) {
            (Some(id), _) | (None, Some(id)) if known(id) => id.clone(),
            _ => {
                let plus = plans.iter().find(|p| p.row.id == "plus");
                plus.or(plans.first())
                    .map_or_else(String::new, |p| p.row.id.to_string())
            }
        };
        let mut items = Options::new();
        let mut mine = None;
        for p in plans {
            items.push((p.row.id.to_string(), p.row.name.to_string()));
            if p.row.id == chosen {
                mine = Some(p);
            }
        }
        // `None` where the plan's monthly credits are not published.
        let allowance = mine
            .filter(|_| unpublished.is_none())
            .and_then(|p| p.row.credits);
        fill(ui, r::WALLET_PLAN, items, &chosen, plans.is_empty());
        // Which product's: both have a Plus at $29.99 (the article: "This
        // frequently causes confusion").
        if let Some(label) = ui.el(r::WALLET_PLAN).previous_element_sibling() {
            let text = match book.product(product_id) {
                Some(p) => format!("My {} plan", p.name),
                None => "My plan".to_owned(),
            };
            set_text(&label, &text);
        }
        // (No platform, no plans to judge `plan` by: the platform's own
        // message says why.)
        let plan_error = self
            .plan_attr
            .as_ref()
            .filter(|id| platform.is_some() && !known(id))
            .map(|id| {
                let ids: Vec<&str> = plans.iter().map(|p| p.row.id.as_ref()).collect();
                let use_one = crate::error::one_of(&ids);
                format!("plan “{id}” is not a plan here: use {use_one}")
            });
        set_value(ui.el(r::WALLET_STATUS), &self.wallet.status);
        // Until typed, the monthly credits left are the plan's allowance.
        let allowance_text = allowance.map(|c| c.to_string()).unwrap_or_default();
        let monthly = self.wallet.monthly.as_deref().unwrap_or(&allowance_text);
        self.put(ui, r::MONTHLY, "monthly", monthly);
        self.put(ui, r::GIFTED, "gifted", &self.wallet.gifted);
        self.put(ui, r::SPENDING, "spending", &self.wallet.spending);
        flag(ui.el(r::SPENDING), "disabled", extra != "spendingLimit");
        flag(ui.el(r::ADD_TOP_UP), "disabled", !top_ups);
        // A pool the wallet's product does not have is not shown: Dream
        // Machine has no spending limit, Luma Agents no top-ups.
        if let Ok(Some(field)) = ui.el(r::SPENDING).closest(".field") {
            flag(&field, "hidden", extra != "spendingLimit");
        }
        if let Ok(Some(tops)) = ui.el(r::ADD_TOP_UP).closest(".tops") {
            flag(&tops, "hidden", !top_ups);
        }
        // A generation Luma does not price (every Luma Agents one) is
        // checked by the cost its app shows, when the visitor knows it.
        self.put(ui, r::KNOWN, "known", &self.wallet.known);
        if let Ok(Some(row)) = ui.el(r::KNOWN).closest(".row") {
            flag(&row, "hidden", !priced.unpriced);
        }
        if ui.top_up_rows != self.wallet.top_ups.len() {
            self.render_top_ups(ui);
        }

        let video = priced
            .request
            .as_ref()
            .is_some_and(|r| book.makes_video(r.model.as_deref()));
        let images_only = mine
            .filter(|p| p.row.images_only && video)
            .map(|p| p.row.name.as_ref());
        // What is checked: the generation, or the cost the visitor gave for
        // one Luma does not price; `None` while there is neither.
        let known = self.wallet.known.trim();
        let request = match (&priced.quote, &priced.request) {
            (Ok(_), Some(req)) => Some(Ok(CheckRequest::Generation(req.clone()))),
            // A known cost is judged on credits alone (`check()` cannot tell
            // what it is for), but the widget knows when this one is a video.
            _ if priced.unpriced && !known.is_empty() => Some(match images_only {
                Some(plan) => Err(capitalized(format!(
                    "{}.",
                    crate::check::images_only_refusal(plan)
                ))),
                None => model::number(known, "This generation's cost in credits").map(|credits| {
                    CheckRequest::Credits(KnownCost {
                        credits: Some(credits),
                        platform: priced.request.as_ref().and_then(|r| r.platform.clone()),
                    })
                }),
            }),
            _ => None,
        };
        // The field a message asks the visitor to fill in.
        let mut asked_for = None;
        let outcome = match request {
            Some(Err(message)) => Err(message),
            // No balance to check without the monthly credits, and no guess
            // at them: a blank field is not 0. (A video on an images-only
            // plan is refused whatever the balance.)
            Some(Ok(_)) if monthly.trim().is_empty() && images_only.is_none() => {
                asked_for = Some(r::MONTHLY);
                let name = mine.map_or("", |p| p.row.name.as_ref());
                Err(match allowance {
                    None if let Some(p) = unpublished => format!(
                        "Luma does not publish the plans of {} or what they give a month: enter your monthly credits left to check this balance.",
                        p.name
                    ),
                    None => format!(
                        "Luma does not publish how many credits {name} gives a month: enter your monthly credits left to check this balance."
                    ),
                    Some(c) => format!(
                        "Enter your monthly credits left to check this balance ({name} gives {} a month).",
                        self.fmt.int(c.into())
                    ),
                })
            }
            Some(Ok(request)) => self
                .wallet(
                    product_id,
                    &chosen,
                    monthly,
                    top_ups,
                    book.top_up().valid_months,
                )
                .and_then(|w| {
                    let checked = prices.estimator.check(&w, &request);
                    checked.map_err(|e| for_visitors(e.message()))
                }),
            None if priced.unpriced => {
                asked_for = Some(r::KNOWN);
                Err(UNPRICED_CHECK.into())
            }
            _ => Err("Choose a generation that can be priced to check a balance.".into()),
        };
        if let Err(message) = &outcome {
            faults.push(match asked_for {
                Some(control) => Fault::describes(message.clone(), "verdict-msg", control),
                None => Fault::new(message.clone(), "verdict-msg", None),
            });
        }
        // While a count or a length of the generation is retyped or fixed,
        // the last verdict stays, dimmed and inert, as the plans do: nothing
        // below moves, and a screen reader hears nothing until it changes.
        if keep_while_editing(ui.el(r::VERDICT), priced.keep_verdict) {
            keep_while_editing(ui.el(r::VERDICT_LIVE), true);
            return plan_error;
        }
        keep_while_editing(ui.el(r::VERDICT_LIVE), false);
        let about = priced.quote.as_ref().map_or("", about_words);
        self.render_verdict(ui, outcome, images_only, about);
        plan_error
    }

    fn render_top_ups(&self, ui: &mut Ui) {
        let list = ui.el(r::TOP_UPS);
        clear(list);
        let today = today();
        for (i, (credits, date)) in self.wallet.top_ups.iter().enumerate() {
            let Some(group) = add(list, "div", "row top-up") else {
                continue;
            };
            // The fields of each row are "Credits" and "Bought on": the group
            // says which top-up they belong to.
            attr(&group, "role", "group");
            attr(&group, "aria-label", &format!("Top-up {}", i + 1));
            let index = i.to_string();
            let id = format!("tc{i}");
            if let Some(input) = labelled(&group, "Credits", "input", "topup-credits", &id) {
                number_attrs(&input, "1");
                attr(&input, "data-i", &index);
                set_number(&input, credits);
            }
            let id = format!("td{i}");
            if let Some(input) = labelled(&group, "Bought on", "input", "topup-date", &id) {
                attr(&input, "type", "date");
                // The date picker offers no day after today.
                if !today.is_empty() {
                    attr(&input, "max", &today);
                }
                attr(&input, "data-i", &index);
                set_value(&input, date);
            }
            if let Some(button) = add_text(&group, "button", "btn ghost", "Remove") {
                attr(&button, "type", "button");
                attr(&button, "data-act", "remove");
                attr(&button, "data-i", &index);
                attr(&button, "aria-label", &format!("Remove top-up {}", i + 1));
            }
        }
        // Keyboard focus stays in the list: after an Add, on the new row's
        // Credits; after a Remove, on the next row's Remove (or the last
        // row's, or Add).
        if let Some(refocus) = &self.refocus {
            let rows = self.wallet.top_ups.len();
            let selector = match *refocus {
                _ if rows == 0 => None,
                Refocus::Added => Some(format!("#f-tc{}", rows - 1)),
                Refocus::RemovedAt(i) => Some(format!("button[data-i=\"{}\"]", i.min(rows - 1))),
            };
            let target = match selector {
                None => Some(ui.el(r::ADD_TOP_UP).clone()),
                Some(s) => list.query_selector(&s).ok().flatten(),
            };
            if let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
        ui.top_up_rows = self.wallet.top_ups.len();
    }

    /// The wallet the balance form describes. `top_ups`: whether the
    /// product has them; `top_up_months`: how long one counts.
    fn wallet(
        &self,
        product: &str,
        plan: &str,
        monthly: &str,
        top_ups: bool,
        top_up_months: u32,
    ) -> Result<Wallet, String> {
        let w = &self.wallet;
        let optional = |text: &str, label: &str| -> Result<Option<f64>, String> {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                model::number(text, label).map(Some)
            }
        };
        let mut lots = Vec::new();
        let today = today();
        // Top-up rows are kept but not shown, nor read, where the product
        // has no top-ups.
        let rows = if top_ups { &w.top_ups[..] } else { &[] };
        for (i, (credits, date)) in rows.iter().enumerate() {
            if date.trim().is_empty() {
                // Why the date matters, since a new row asks for it.
                return Err(format!(
                    "Top-up {}: {ASK_DATE}; a top-up counts for {top_up_months} months from it",
                    i + 1
                ));
            }
            // ISO dates compare as text; a malformed one is the core's to name.
            if date.len() == 10 && !today.is_empty() && date.as_str() > today.as_str() {
                return Err(format!(
                    "Top-up {}: Bought on {} is after today, {}",
                    i + 1,
                    self.fmt.date(date),
                    self.fmt.date(&today)
                ));
            }
            lots.push(TopUpLot {
                credits: Some(model::number(
                    credits,
                    &format!("Top-up {}: Credits", i + 1),
                )?),
                purchased: Some(date.clone()),
            });
        }
        Ok(Wallet {
            platform: Some(product.to_owned()),
            plan: Some(plan.to_owned()),
            subscription: Some(w.status.clone()),
            today: Some(today),
            // Blank only on an images-only plan asked for a video, which no
            // balance pays for (see `render_balance`).
            monthly: Some(optional(monthly, "Monthly credits left")?.unwrap_or(0.0)),
            gifted: optional(&w.gifted, "Gifted credits")?,
            top_ups: top_ups.then_some(lots),
            spending_limit: if top_ups {
                None
            } else {
                optional(&w.spending, "Spending limit left (credits)")?
            },
        })
    }

    /// `images_only`: the wallet's plan, when it makes images only and the
    /// selection is a video.
    /// `about`: [`about_words`] of the generation's quote.
    /// The verdict is not a live region itself (its draws, reasons and
    /// remedies would be read out on every keystroke in a field): its first
    /// line, or its message, is said by its own.
    fn render_verdict(
        &self,
        ui: &Ui,
        outcome: Result<CheckResult, String>,
        images_only: Option<&str>,
        about: &str,
    ) {
        let mut said = String::new();
        rebuild(ui.el(r::VERDICT), |v| {
            self.verdict_into(v, outcome, images_only, about, &mut said);
        });
        set_text(ui.el(r::VERDICT_LIVE), &said);
    }

    /// `said`: the verdict's first line, or its message.
    fn verdict_into(
        &self,
        v: &Element,
        outcome: Result<CheckResult, String>,
        images_only: Option<&str>,
        about: &str,
        said: &mut String,
    ) -> Option<()> {
        let f = &self.fmt;
        let result = match outcome {
            Ok(r) => r,
            Err(message) => {
                v.set_class_name("verdict none");
                let p = add_text(v, "p", "", &message)?;
                attr(&p, "id", "verdict-msg");
                // Read once, from the line before the verdict (a field it
                // describes still reads it: `aria-describedby` names it).
                attr(&p, "aria-hidden", "true");
                *said = message;
                return None;
            }
        };
        let short = f.int(result.shortfall);
        let (class, head) = match result.verdict {
            Verdict::Ok => ("ok", "Enough credits: this goes through".to_owned()),
            Verdict::Relaxed => (
                "relaxed",
                "Runs in relaxed mode (a slower queue), at no extra cost".to_owned(),
            ),
            // Not a matter of credits: a video on a plan that makes images only.
            Verdict::Insufficient if let Some(plan) = images_only => {
                ("short", format!("{plan} makes images only"))
            }
            Verdict::Insufficient => ("short", format!("Not enough credits: {short} short")),
            Verdict::Paused => ("short", format!("Generation pauses: {short} short")),
        };
        v.set_class_name(&format!("verdict {class}"));
        // Read once, from the line before the verdict.
        attr(
            &add_text(v, "p", "verdict-head", &head)?,
            "aria-hidden",
            "true",
        );
        *said = head;
        // How many of these the balance pays for, as the plan cards say what
        // a plan's credits make: the next question after "does it go through?".
        if result.verdict == Verdict::Ok
            && let Some(n) = result.available.checked_div(result.cost).filter(|n| *n > 0)
        {
            let a = result.available;
            let text = format!(
                "The {} {} available {} {about}{} of these",
                f.int(a),
                plural(a, "credit", "credits"),
                plural(a, "makes", "make"),
                f.int(n)
            );
            add_text(v, "p", "verdict-sub", &text);
        }
        if !result.draws.is_empty() {
            let uses = format!(
                "Uses {} {} from",
                f.int(result.cost),
                plural(result.cost, "credit", "credits")
            );
            add_text(v, "p", "lbl", &uses);
            let list = add(v, "ul", "draws")?;
            for draw in &result.draws {
                let pool = match (draw.pool, &draw.purchased) {
                    (Pool::Monthly, _) => "Monthly credits".to_owned(),
                    (Pool::Gifted, _) => "Gifted credits".to_owned(),
                    (Pool::TopUp, Some(d)) => {
                        let expires = draw
                            .expires
                            .as_deref()
                            .map(|e| format!(", expires {}", f.date(e)))
                            .unwrap_or_default();
                        format!("Top-up bought {}{expires}", f.date(d))
                    }
                    (Pool::TopUp, None) => "Top-up credits".to_owned(),
                    (Pool::SpendingLimit, _) => "Spending limit".to_owned(),
                };
                pair(&list, "", &pool, &f.int(draw.credits), draw.credits);
            }
        }
        for items in [&result.reasons, &result.remedies] {
            texts(&add(v, "ul", "notes")?, items, f);
        }
        Some(())
    }
}
