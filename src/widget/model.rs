//! What a widget prices, as data: the selection read from attributes, the URL
//! hash and the controls; completed with defaults and checked against the
//! catalog; turned into a `quote()` request. No DOM here, so it can be tested
//! on its own (tests/widget.rs).

use crate::prelude::*;

use crate::catalog::{Catalog, CatalogAddon, CatalogModel, CatalogPlatform, CatalogResolution};
use crate::plan_fit::Billing;
use crate::quote::{AddonRequest, QuoteRequest};

/// One choice of the selection, in dependency order: a change to one can
/// invalidate the ones after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Platform,
    Model,
    Resolution,
    Duration,
    Images,
    Extend,
    Upscale,
    Reframe,
    Modify,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Platform,
        Field::Model,
        Field::Resolution,
        Field::Duration,
        Field::Images,
        Field::Extend,
        Field::Upscale,
        Field::Reframe,
        Field::Modify,
    ];

    /// The attribute (base fields) or add-on kind, also the control's `name`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Platform => "platform",
            Field::Model => "model",
            Field::Resolution => "resolution",
            Field::Duration => "duration",
            Field::Images => "images",
            Field::Extend => "extend",
            Field::Upscale => "upscale",
            Field::Reframe => "reframe",
            Field::Modify => "modify",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Add-ons come from the one `addons` attribute.
    pub fn is_addon(self) -> bool {
        self.index() >= Field::Extend.index()
    }
}

/// The five base attributes plus `addons`.
pub const SELECTION_ATTRIBUTES: [&str; 6] = [
    "platform",
    "model",
    "resolution",
    "duration",
    "images",
    "addons",
];

/// The plan-fit settings a link carries besides the selection.
pub const FIT_ATTRIBUTES: [&str; 3] = ["per-month", "billing", "needs"];

/// Whether `key` is one a `sync-url` link carries: the selection's or the
/// plan-fit settings'.
pub fn linked(key: &str) -> bool {
    SELECTION_ATTRIBUTES.contains(&key) || FIT_ATTRIBUTES.contains(&key)
}

/// A selection: `None` means "not chosen, use the default". Values are kept
/// as text, as typed or given, so a control never rewrites what a person
/// types; the core judges them when the request is priced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    values: [Option<String>; 9],
}

impl Selection {
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values[field.index()].as_deref()
    }

    /// Sets a field; an empty text is the same as no choice.
    /// Seconds may carry their unit (`"10 s"` is `10`).
    pub fn set(&mut self, field: Field, value: Option<&str>) {
        let seconds = matches!(field, Field::Duration | Field::Extend);
        self.values[field.index()] = value
            .map(|v| if seconds { without_unit(v) } else { v })
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned);
    }

    /// Sets a field as a person typed it: an emptied count or length stays
    /// empty (and is asked for) instead of falling back to its default.
    pub fn set_typed(&mut self, field: Field, value: Option<&str>) {
        self.set(field, value);
        let counted = matches!(field, Field::Images | Field::Duration);
        if counted && value.is_some() && self.get(field).is_none() {
            self.values[field.index()] = Some(String::new());
        }
    }

    /// A flag (reframe, modify) is on.
    pub fn on(&self, field: Field) -> bool {
        matches!(self.get(field), Some(v) if v != "false" && v != "0" && v != "off")
    }

    /// Applies an attribute (or a URL hash key) by name. Unknown names are
    /// ignored; `addons` sets the four add-on fields at once.
    pub fn apply(&mut self, name: &str, value: Option<&str>) -> Result<(), String> {
        if name == "addons" {
            let parsed = parse_addons(value.unwrap_or(""));
            let addons = parsed
                .as_ref()
                .map_or([None, None, None, None], |a| a.clone());
            for (field, value) in ADDON_FIELDS.into_iter().zip(addons) {
                self.set(field, value.as_deref());
            }
            return parsed.map(|_| ());
        }
        if let Some(field) = Field::from_name(name).filter(|f| !f.is_addon()) {
            self.set(field, value);
        }
        Ok(())
    }

    /// The add-ons as the `addons` attribute writes them.
    pub fn addons_text(&self) -> String {
        let mut out = String::new();
        for field in ADDON_FIELDS {
            let Some(value) = self.get(field) else {
                continue;
            };
            let value = match field {
                Field::Extend if is_zero(value) => continue,
                Field::Extend | Field::Upscale => Some(value),
                _ if self.on(field) => None,
                _ => continue,
            };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(field.name());
            if let Some(value) = value {
                out.push(':');
                out.push_str(value);
            }
        }
        out
    }
}

const ADDON_FIELDS: [Field; 4] = [Field::Extend, Field::Upscale, Field::Reframe, Field::Modify];

/// The selection without its numbers (duration, images, extend): what was
/// chosen rather than typed.
pub fn choices(sel: &Selection) -> Selection {
    let mut out = sel.clone();
    for f in [Field::Duration, Field::Images, Field::Extend] {
        out.set(f, None);
    }
    out
}

/// An extend of 0 seconds is no extend.
pub fn is_zero(text: &str) -> bool {
    number(text, "").is_ok_and(|v| v == 0.0)
}

/// Parses the `addons` attribute, e.g. `upscale:2160p extend:9 reframe modify`
/// (spaces or commas between items) into extend, upscale, reframe, modify.
pub fn parse_addons(text: &str) -> Result<[Option<String>; 4], String> {
    let mut out: [Option<String>; 4] = [None, None, None, None];
    let items: Vec<&str> = words(text).collect();
    for (i, &item) in items.iter().enumerate() {
        let (kind, value) = match item.split_once(':') {
            Some((k, v)) => (k, Some(v)),
            None => (item, None),
        };
        let Some(slot) = ADDON_FIELDS.iter().position(|f| f.name() == kind) else {
            return Err(format!(
                "addons: “{item}” is not an add-on; use extend:<seconds>, upscale:<resolution>, reframe or modify"
            ));
        };
        if out[slot].is_some() {
            return Err(format!(
                "addons: {kind} is given twice; each add-on may appear once"
            ));
        }
        out[slot] = Some(match (slot, value) {
            (0, Some(v)) | (1, Some(v)) if !v.is_empty() => v.to_owned(),
            // `extend: 9`: the value came apart from its kind.
            (0 | 1, Some(_)) if i + 1 < items.len() => {
                return Err(format!(
                    "addons: write “{kind}:{}”, with no space after the colon",
                    items[i + 1]
                ));
            }
            (0, _) => return Err("addons: extend needs the seconds to add, e.g. extend:5".into()),
            (1, _) => {
                return Err("addons: upscale needs a target resolution, e.g. upscale:2160p".into());
            }
            (_, None) => "on".to_owned(),
            (_, Some(_)) => {
                return Err(format!(
                    "addons: {kind} takes no value: write just “{kind}”"
                ));
            }
        });
    }
    Ok(out)
}

/// The items of a list attribute (`addons`, `needs`): separated by spaces
/// or commas.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
}

/// The `billing` attribute (`planFit()`'s `billing`), and a message for a
/// value it does not know (which leaves monthly).
pub fn parse_billing(value: Option<&str>) -> (Billing, Option<String>) {
    match value.map(|id| (id, Billing::from_id(id))) {
        None => (Billing::Monthly, None),
        Some((_, Some(billing))) => (billing, None),
        Some((other, None)) => (
            Billing::Monthly,
            Some(format!(
                "billing: “{other}” is not a billing period; use monthly or annual"
            )),
        ),
    }
}

/// The `needs` attribute's one word: `planFit()`'s `needs.commercialUse`.
pub const COMMERCIAL_USE: &str = "commercial-use";

/// The `needs` attribute (`planFit()`'s `needs`, as words): whether plan fit
/// needs commercial use, and a message for a word it does not know (which
/// leaves no needs).
pub fn parse_needs(value: Option<&str>) -> (bool, Option<String>) {
    let mut commercial = false;
    for word in words(value.unwrap_or("")) {
        if word != COMMERCIAL_USE {
            let message = format!("needs: “{word}” is not a need; use {COMMERCIAL_USE}");
            return (false, Some(message));
        }
        commercial = true;
    }
    (commercial, None)
}

/// What a selection resolves to in the catalog.
#[derive(Clone, Copy, Debug)]
pub struct Context<'c> {
    pub platform: Option<&'c CatalogPlatform>,
    pub model: Option<&'c CatalogModel>,
    pub resolution: Option<&'c CatalogResolution>,
}

/// What the chosen model makes, as far as the catalog prices it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Priced images (Photon).
    Images,
    /// Priced video.
    Video,
    /// A model the catalog lists without a cost, or an unknown one.
    Unpriced,
}

impl<'c> Context<'c> {
    pub fn of(catalog: &'c Catalog, sel: &Selection) -> Context<'c> {
        let platform = sel
            .get(Field::Platform)
            .and_then(|id| catalog.platforms.iter().find(|p| p.id == id));
        let model = platform.and_then(|p| {
            sel.get(Field::Model)
                .and_then(|id| p.models.iter().find(|m| m.id == id))
        });
        let resolution = model.and_then(|m| {
            sel.get(Field::Resolution)
                .and_then(|id| m.resolutions.iter().find(|r| r.id == id))
        });
        Context {
            platform,
            model,
            resolution,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.model {
            Some(m) if m.priced && m.images.is_some() => Kind::Images,
            Some(m) if m.priced && !m.resolutions.is_empty() => Kind::Video,
            _ => Kind::Unpriced,
        }
    }

    /// Fixed clip lengths (web), empty when billed per second.
    pub fn clips(&self) -> &'c [crate::catalog::CatalogClip] {
        self.resolution.map_or(&[], |r| &r.clips)
    }

    /// The add-ons priced for this model (and resolution).
    pub fn addons(&self) -> &'c [CatalogAddon] {
        match self.kind() {
            Kind::Images => self.model.map_or(&[], |m| &m.addons),
            Kind::Video => self.resolution.map_or(&[], |r| &r.addons),
            Kind::Unpriced => &[],
        }
    }

    pub fn addon(&self, kind: &str) -> Option<&'c CatalogAddon> {
        self.addons().iter().find(|a| a.kind == kind)
    }

    /// Whether `value` of `field` exists here; `None` when it cannot be judged
    /// (an unknown platform or model, or a field that does not apply).
    fn allows(&self, field: Field, sel: &Selection) -> Option<bool> {
        let value = sel.get(field)?;
        match field {
            Field::Platform => None,
            Field::Model => self
                .platform
                .map(|p| p.models.iter().any(|m| m.id == value)),
            Field::Resolution => (self.kind() == Kind::Video).then(|| {
                self.model
                    .is_some_and(|m| m.resolutions.iter().any(|r| r.id == value))
            }),
            Field::Duration => {
                let clips = self.clips();
                (self.kind() == Kind::Video && !clips.is_empty())
                    .then(|| clip_of(clips, value).is_some())
            }
            Field::Images => None,
            Field::Extend | Field::Upscale | Field::Reframe | Field::Modify => {
                if self.kind() == Kind::Unpriced {
                    return None;
                }
                let set = match field {
                    Field::Extend => !is_zero(value),
                    Field::Upscale => true,
                    _ => sel.on(field),
                };
                let addon = self.addon(field.name());
                Some(
                    !set || addon.is_some_and(|a| {
                        field != Field::Upscale || a.to.iter().any(|t| t == value)
                    }),
                )
            }
        }
    }
}

/// The clip of `clips` a length is, by number as `quote()` reads it: the
/// iOS app's typed `10.0` is the web's 10 s clip.
pub fn clip_of<'c>(
    clips: &'c [crate::catalog::CatalogClip],
    value: &str,
) -> Option<&'c crate::catalog::CatalogClip> {
    let seconds = number(value, "").ok()?;
    clips.iter().find(|c| f64::from(c.seconds) == seconds)
}

/// The selection with a default for every field that applies and was not
/// chosen: the first platform, its first priced model, the model's first
/// resolution and clip (or one billing step per second), a batch of images.
pub fn complete(catalog: &Catalog, sel: &Selection) -> Selection {
    let mut out = sel.clone();
    if out.get(Field::Platform).is_none() {
        out.set(
            Field::Platform,
            catalog.platforms.first().map(|p| p.id.as_str()),
        );
    }
    if out.get(Field::Model).is_none()
        && let Some(p) = Context::of(catalog, &out).platform
    {
        let model = p.models.iter().find(|m| m.priced).or(p.models.first());
        out.set(Field::Model, model.map(|m| m.id.as_str()));
    }
    let ctx = Context::of(catalog, &out);
    match ctx.kind() {
        Kind::Images if out.get(Field::Images).is_none() => {
            let batch = ctx
                .model
                .and_then(|m| m.images.as_ref())
                .map_or(1, |i| i.images_per_batch);
            out.set(Field::Images, Some(&batch.to_string()));
        }
        Kind::Video => {
            if out.get(Field::Resolution).is_none() {
                let first = ctx.model.and_then(|m| m.resolutions.first());
                out.set(Field::Resolution, first.map(|r| r.id.as_str()));
            }
            if out.get(Field::Duration).is_none() {
                let ctx = Context::of(catalog, &out);
                let seconds = ctx
                    .clips()
                    .first()
                    .map_or(catalog.billing_step_seconds, |c| c.seconds);
                out.set(Field::Duration, Some(&seconds.to_string()));
            }
        }
        _ => {}
    }
    out
}

/// After `changed` was set, drops every later field whose value no longer
/// exists in the catalog (so it falls back to its default), except those
/// `keep` holds with the same value: choices an attribute made on purpose
/// stay, and the widget says what is wrong with them.
pub fn normalize(catalog: &Catalog, sel: &mut Selection, changed: Field, keep: &Selection) {
    for field in Field::ALL.into_iter().skip(changed.index() + 1) {
        let done = complete(catalog, sel);
        let ctx = Context::of(catalog, &done);
        let kept = keep.get(field).is_some() && keep.get(field) == sel.get(field);
        if ctx.allows(field, sel) == Some(false) && !kept {
            sel.set(field, None);
        }
    }
}

/// After [`normalize`]: each later field takes back the value a person last
/// chose for it (`chosen`) where that exists again, in place of the default
/// it fell back to, so passing over a platform or model without it (arrowing
/// through a menu) does not lose it: Ray2 10 s with an upscale, then Photon
/// or Ray1.6 (neither has 10 s or an upscale), then Ray2 again is Ray2 10 s
/// with the upscale. The add-ons come back too: the person took none of them
/// off. A value that comes back takes off what it rules out of the later
/// fields, as a change of it would.
pub fn recall(catalog: &Catalog, sel: &mut Selection, changed: Field, chosen: &Selection) {
    for field in Field::ALL.into_iter().skip(changed.index() + 1) {
        let Some(value) = chosen.get(field).filter(|v| sel.get(field) != Some(*v)) else {
            continue;
        };
        let mut candidate = sel.clone();
        candidate.set(field, Some(value));
        let ctx = Context::of(catalog, &complete(catalog, &candidate));
        if ctx.allows(field, &candidate) == Some(true) {
            // What the value rules out of the later fields falls back, as
            // after any change (Ray2 1080p back rules out an upscale to
            // 1080p chosen on Ray1.6's 720p); a value chosen for them may
            // come back in turn.
            normalize(catalog, &mut candidate, field, &Selection::default());
            *sel = candidate;
        }
    }
}

/// Seconds without their unit: `10s` and `10 s` are `10`; anything else
/// (`10 seconds`) is left as written, to be quoted as written if it is not
/// a number.
fn without_unit(text: &str) -> &str {
    let text = text.trim();
    match text.strip_suffix('s').map(str::trim_end) {
        Some(n)
            if n.as_bytes()
                .last()
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.') =>
        {
            n
        }
        _ => text,
    }
}

/// A number as JavaScript reads it (`Number(text)`), after an optional unit
/// `s`; an error names the control.
pub fn number(text: &str, label: &str) -> Result<f64, String> {
    let trimmed = without_unit(text);
    if trimmed.is_empty() {
        return Err(format!("{label}: enter a number"));
    }
    let value = wasm_bindgen::JsValue::from_str(trimmed).unchecked_into_f64();
    if value.is_nan() {
        return Err(format!("{label}: “{}” is not a number", text.trim()));
    }
    Ok(value)
}

/// The `quote()` request for a completed selection. Fields that do not apply
/// to the model (a resolution for images) are left out; add-ons are always
/// passed, so the core says why one does not apply.
pub fn request(catalog: &Catalog, sel: &Selection) -> Result<QuoteRequest, String> {
    let ctx = Context::of(catalog, sel);
    let mut req = QuoteRequest {
        platform: sel.get(Field::Platform).map(str::to_owned),
        model: sel.get(Field::Model).map(str::to_owned),
        ..QuoteRequest::default()
    };
    match ctx.kind() {
        Kind::Images => {
            req.images = Some(number(sel.get(Field::Images).unwrap_or(""), "Images")?);
        }
        Kind::Video => {
            req.resolution = sel.get(Field::Resolution).map(str::to_owned);
            req.duration_seconds =
                Some(number(sel.get(Field::Duration).unwrap_or(""), "Duration")?);
        }
        Kind::Unpriced => return Ok(req),
    }
    let addons = addons_of(sel)?;
    if !addons.is_empty() {
        req.addons = Some(addons);
    }
    Ok(req)
}

/// The add-ons a selection asks for, as `quote()` takes them.
pub fn addons_of(sel: &Selection) -> Result<Vec<AddonRequest>, String> {
    let mut addons = Vec::new();
    if let Some(v) = sel.get(Field::Extend).filter(|v| !is_zero(v)) {
        addons.push(AddonRequest::extend(number(v, "Extend")?));
    }
    if let Some(v) = sel.get(Field::Upscale) {
        addons.push(AddonRequest::upscale(v));
    }
    if sel.on(Field::Reframe) {
        addons.push(AddonRequest::reframe());
    }
    if sel.on(Field::Modify) {
        addons.push(AddonRequest::modify());
    }
    Ok(addons)
}

/// The values of `fields` that `before` had and `after` has lost, as a
/// selection of those only.
fn lost(before: &Selection, after: &Selection, fields: &[Field]) -> Selection {
    let mut gone = Selection::default();
    for &field in fields {
        if after.get(field).is_none() {
            gone.set(field, before.get(field));
        }
    }
    gone
}

/// The add-ons `before` had that `after` has lost (as a selection of those
/// only): a change of model or resolution where they do not exist.
pub fn taken_off(before: &Selection, after: &Selection) -> Selection {
    lost(before, after, &ADDON_FIELDS)
}

/// The resolution and duration `before` had that [`normalize`] took out of
/// `after` (as a selection of those only): the new platform or model has no
/// such clip. (One [`recall`] then puts back is not replaced.)
pub fn replaced(before: &Selection, after: &Selection) -> Selection {
    lost(before, after, &[Field::Resolution, Field::Duration])
}

/// The kinds of the add-ons `after` has and `before` had not: those a
/// change of the selection put back as they were chosen before ([`recall`]:
/// Photon, then a video model again; or 1080p, then 720p with its upscale).
pub fn put_back(before: &Selection, after: &Selection) -> Vec<&'static str> {
    ADDON_FIELDS
        .into_iter()
        .filter(|f| before.get(*f).is_none() && after.get(*f).is_some_and(|v| !is_zero(v)))
        .map(Field::name)
        .collect()
}

/// The selection as URL-hash text: `platform=…&model=…&…` with the same keys
/// as the attributes, only the fields that apply.
pub fn to_hash(catalog: &Catalog, sel: &Selection) -> String {
    let kind = Context::of(catalog, sel).kind();
    let mut out = String::new();
    let mut put = |key: &str, value: &str| {
        if !value.is_empty() {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            out.push_str(&String::from(js_sys::encode_uri_component(value)));
        }
    };
    for field in &Field::ALL[..5] {
        let applies = match field {
            Field::Resolution | Field::Duration => kind == Kind::Video,
            Field::Images => kind == Kind::Images,
            _ => true,
        };
        if applies {
            put(field.name(), sel.get(*field).unwrap_or(""));
        }
    }
    put("addons", &sel.addons_text());
    out
}

/// The `key=value` pairs of a URL hash written by [`to_hash`], or of a link
/// written by hand with some of its keys (the rest are defaults); `None` when
/// the hash holds none of them (a page's own anchor, `#faq`).
pub fn from_hash(hash: &str) -> Option<Vec<(String, String)>> {
    let text = hash.trim_start_matches('#');
    let pairs: Vec<(String, String)> = text
        .split('&')
        .filter_map(|part| {
            let (k, v) = part.split_once('=')?;
            let v = js_sys::decode_uri_component(&v.replace('+', " ")).ok()?;
            Some((k.to_owned(), String::from(v)))
        })
        .collect();
    pairs.iter().any(|(k, _)| linked(k)).then_some(pairs)
}
