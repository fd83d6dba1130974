//! `quote()`: the credit cost of one generation with its add-ons, line by
//! line, with the arithmetic explained.
//!
//! The rules are those of "Credit Pricing, Usage & Top-Ups"; every figure is
//! read from the [`PriceBook`]. Where the article leaves a rule open, the
//! choice is written in `pricing/README.md`.

use crate::prelude::*;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, all_of, one_of, shown};
use crate::money::{self, MAX_COUNT, add_count, grouped, mul_count, plural};
use crate::tables::book::{Output, PriceBook};
use crate::tables::schema;

/// What to price, as JavaScript passes it. Every field is optional here so
/// that a missing one gets a message saying what to give.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addons: Option<Vec<AddonRequest>>,
}

/// One add-on as JavaScript passes it: `{ kind, to?, seconds? }`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddonRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

impl AddonRequest {
    /// `{ kind: "upscale", to }`.
    pub fn upscale(to: &str) -> Self {
        AddonRequest {
            kind: Some("upscale".into()),
            to: Some(to.into()),
            seconds: None,
        }
    }

    /// `{ kind: "extend", seconds }`.
    pub fn extend(seconds: f64) -> Self {
        AddonRequest {
            kind: Some("extend".into()),
            to: None,
            seconds: Some(seconds),
        }
    }

    /// `{ kind: "reframe" }`.
    pub fn reframe() -> Self {
        AddonRequest {
            kind: Some("reframe".into()),
            ..AddonRequest::default()
        }
    }

    /// `{ kind: "modify" }`.
    pub fn modify() -> Self {
        AddonRequest {
            kind: Some("modify".into()),
            ..AddonRequest::default()
        }
    }
}

/// What a quote line charges for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LineItem {
    Video,
    Images,
    Extend,
    Upscale,
    Reframe,
    Modify,
}

/// One charge of a quote.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub item: LineItem,
    /// The line with its arithmetic, e.g. `Upscale 720p → 2160p: 1 × 5 s at 20 credits`.
    pub label: String,
    pub credits: u64,
    /// The seconds this line bills: a fixed clip's own length, or a length
    /// rounded up to the billing step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billed_seconds: Option<u64>,
}

/// Which tables a result was priced from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionStamp {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub effective: String,
}

impl EditionStamp {
    pub(crate) fn of(book: &PriceBook) -> Self {
        EditionStamp {
            name: book.edition().name.to_string(),
            effective: book.edition().effective.to_string(),
        }
    }
}

/// The cost of one generation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The sum of the lines' credits.
    pub credits: u64,
    /// True when a line's figure is published as "approximately" (modify).
    pub approximate: bool,
    /// The credits at the top-up rate, 4 places, rounded half away from zero.
    pub usd_at_top_up_rate: String,
    pub lines: Vec<QuoteLine>,
    /// Explanations of the arithmetic a person would question.
    pub notes: Vec<String>,
    pub edition: EditionStamp,
}

impl Quote {
    /// The notes without the last, which every quote ends with: its dollars
    /// at the top-up rate and that rate. For a page that shows those dollars
    /// and the rate itself, as the widget does.
    pub fn notes_besides_dollars(&self) -> &[String] {
        self.notes.split_last().map_or(&[], |(_, rest)| rest)
    }
}

/// A length in seconds as given (e.g. 10.5), exact: whole seconds apart from
/// the fraction, so that a sum (a clip and its extend) stays exact even where
/// it needs more digits than one `Decimal` holds (10 s + 1e-28 s).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Seconds {
    whole: u64,
    /// In [0, 1), normalized.
    fraction: Decimal,
}

/// Significant digits a JavaScript number is read to: every decimal of up
/// to 15 digits comes back unchanged from the nearest double (IEEE 754's
/// DBL_DIG), so what a person writes is read exactly; digits past it are the
/// binary number's noise (`0.1 + 0.2` is 0.30000000000000004), and are
/// dropped.
pub const NUMBER_DIGITS: u32 = 15;

/// How the 15th digit is rounded: half to even, as IEEE 754 rounds.
pub const NUMBER_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointNearestEven;

/// The decimal `value` stands for: its exact binary value rounded to
/// [`NUMBER_DIGITS`] significant digits, half to even. From 1e15 up it is
/// kept exactly (a double there is a whole number of eighths): 15 digits
/// would leave no place for its fraction, and a message must show one
/// (`1000000000000000.5` is not a whole count). No length that large can
/// be priced: its credits would pass 2^53 - 1. `None` past what a `Decimal`
/// holds.
fn number_decimal(value: f64) -> Option<Decimal> {
    let exact = Decimal::from_f64_retain(value)?;
    if value.abs() >= 1e15 {
        return Some(exact);
    }
    // Digits of the mantissa (below 2^96, so 10^29 ends the count).
    let mantissa = exact.mantissa().unsigned_abs();
    let (mut digits, mut power) = (0u32, 1u128);
    while power <= mantissa {
        digits += 1;
        power *= 10;
    }
    // Below 1e15 the digits past the 15th are all decimal places.
    let places = exact
        .scale()
        .saturating_sub(digits.saturating_sub(NUMBER_DIGITS));
    Some(exact.round_dp_with_strategy(places, NUMBER_ROUNDING))
}

impl Seconds {
    /// A positive, finite number of seconds, or `invalid_request` naming `field`.
    /// A number so close to 0 that it has no decimal value (below 1e-28) counts
    /// as 0: billing it one step would charge for nothing.
    fn parse(field: &str, value: f64) -> Result<Seconds> {
        // Compared as it was given: `Decimal` would round 9.5e-29 up to its
        // 28th place, 1e-28, and bill it.
        const SHORTEST: f64 = 1e-28;
        let not_positive = || {
            Error::invalid_request_with(format_args!(
                "{field} must be a number of seconds above 0, got {}",
                describe_number(value)
            ))
        };
        let too_large = || {
            Error::invalid_request_with(format_args!(
                "{field} is too large: at most {} seconds can be billed",
                grouped(MAX_COUNT)
            ))
        };
        if !value.is_finite() || value < SHORTEST {
            return Err(not_positive());
        }
        // A positive finite number has no decimal only when it is too large.
        let exact = number_decimal(value).ok_or_else(too_large)?;
        if exact.is_zero() {
            return Err(not_positive());
        }
        if exact > Decimal::from(MAX_COUNT) {
            return Err(too_large());
        }
        Ok(Seconds {
            // At most MAX_COUNT, checked above.
            whole: exact.trunc().to_u64().ok_or_else(too_large)?,
            fraction: exact.fract().normalize(),
        })
    }

    /// The exact sum. Both fractions are below 1 with at most 28 places, so
    /// their sum (below 2) is exact in a `Decimal`; the whole seconds, each at
    /// most MAX_COUNT, add in a `u64`.
    fn plus(self, other: Seconds) -> Seconds {
        let fraction = self.fraction + other.fraction;
        let carry = fraction >= Decimal::ONE;
        Seconds {
            whole: self.whole + other.whole + u64::from(carry),
            fraction: if carry {
                fraction - Decimal::ONE
            } else {
                fraction
            }
            .normalize(),
        }
    }

    /// Whole billing steps this length starts: `ceil(seconds / step)`,
    /// counted in whole numbers (a fraction starts a step).
    fn steps(self, step: u32) -> u64 {
        let step = u64::from(step);
        let started = !self.whole.is_multiple_of(step) || !self.fraction.is_zero();
        self.whole / step + u64::from(started)
    }

    fn is_whole_multiple_of(self, step: u32) -> bool {
        self.fraction.is_zero() && self.whole.is_multiple_of(u64::from(step))
    }

    /// Whether this is exactly `seconds` long.
    fn is(self, seconds: u64) -> bool {
        self.fraction.is_zero() && self.whole == seconds
    }

    /// The length as billed: `10 s`, or `7 s billed as 10 s` when it was
    /// rounded up to `billed` seconds.
    fn billed_text(self, billed: u64) -> String {
        if self.is(billed) {
            format!("{} s", grouped(billed))
        } else {
            format!("{} s billed as {} s", self.text(), grouped(billed))
        }
    }

    /// `10.5`, `1,003.5`: the whole seconds, grouped as every count is (so a
    /// widget writes it in its locale), then the fraction's places.
    fn text(self) -> String {
        let mut text = grouped(self.whole);
        if !self.fraction.is_zero() {
            // A normalized fraction in (0, 1) reads "0.…".
            text.push_str(self.fraction.to_string().trim_start_matches('0'));
        }
        text
    }
}

/// A number for a message: `NaN`, `Infinity`, `-3`.
pub(crate) fn describe_number(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if let Some(d) = number_decimal(value)
        && (!d.is_zero() || value == 0.0)
    {
        d.normalize().to_string()
    } else if value.abs() < 1.0 {
        "a number too close to 0".into()
    } else if value > 0.0 {
        "a number too large to bill".into()
    } else {
        "a negative number".into()
    }
}

/// A whole count of at least 1, as JavaScript gives numbers.
pub(crate) fn parse_count(field: &str, value: f64) -> Result<u64> {
    money::whole_count(value, 1)
        .ok_or_else(|| Error::invalid_request(not_a_count(field, "a whole number", 1, value)))
}

/// Why `value` is not a count that [`money::whole_count`] takes from `min`
/// (`what` is "a whole number", or "… of credits"). The upper bound, 2^53 - 1,
/// is named only to a value above it: "Images must be a whole number, 1 or
/// more, got 2.5" says all a person typing a count needs.
pub(crate) fn not_a_count(field: &str, what: &str, min: u64, value: f64) -> String {
    if value > MAX_COUNT as f64 {
        format!(
            "{field} must be at most {}, the largest whole number JavaScript holds exactly, got {}",
            grouped(MAX_COUNT),
            describe_number(value)
        )
    } else {
        format!(
            "{field} must be {what}, {min} or more, got {}",
            describe_number(value)
        )
    }
}

fn total_overflow() -> Error {
    Error::invalid_request_with(format_args!(
        "the total would exceed {} credits, the largest whole number JavaScript holds exactly",
        grouped(MAX_COUNT)
    ))
}

fn step_text(step: u32) -> String {
    format!("{step}-second")
}

/// The add-on kinds, in the order they are applied and listed.
pub(crate) const ADDON_KINDS: [&str; 4] = ["extend", "upscale", "reframe", "modify"];

/// The add-ons of a request, each at most once, shapes checked.
#[derive(Default)]
struct Addons<'a> {
    extend: Option<Seconds>,
    upscale: Option<&'a schema::Resolution>,
    reframe: bool,
    modify: bool,
}

impl<'a> Addons<'a> {
    fn parse(book: &'a PriceBook, addons: &[AddonRequest]) -> Result<Addons<'a>> {
        let mut out = Addons::default();
        let mut seen: Vec<&str> = Vec::new();
        for (i, addon) in addons.iter().enumerate() {
            let at = format!("addons[{i}]");
            let kind = addon.kind.as_deref().ok_or_else(|| {
                Error::invalid_request_with(format_args!(
                    "{at}.kind is missing: use {}",
                    one_of(&ADDON_KINDS)
                ))
            })?;
            let Some(kind) = ADDON_KINDS.iter().copied().find(|k| *k == kind) else {
                return Err(Error::invalid_request_with(format_args!(
                    "{at}.kind {} is not an add-on: use {}",
                    shown(kind),
                    one_of(&ADDON_KINDS)
                )));
            };
            if seen.contains(&kind) {
                return Err(Error::invalid_request_with(format_args!(
                    "{at}: {kind} is given twice; each add-on kind may appear once"
                )));
            }
            seen.push(kind);
            let takes_to = kind == "upscale";
            let takes_seconds = kind == "extend";
            if addon.to.is_some() && !takes_to {
                return Err(Error::invalid_request_with(format_args!(
                    "{at}: {kind} takes no `to`; only upscale does"
                )));
            }
            if addon.seconds.is_some() && !takes_seconds {
                return Err(Error::invalid_request_with(format_args!(
                    "{at}: {kind} takes no `seconds`; only extend does"
                )));
            }
            match kind {
                "extend" => {
                    let seconds = addon.seconds.ok_or_else(|| {
                        Error::invalid_request_with(format_args!(
                            "{at}.seconds is missing: extend needs the seconds to add, e.g. {{ kind: \"extend\", seconds: 5 }}"
                        ))
                    })?;
                    out.extend = Some(Seconds::parse(&format!("{at}.seconds"), seconds)?);
                }
                "upscale" => {
                    let to = addon.to.as_deref().ok_or_else(|| {
                        Error::invalid_request_with(format_args!(
                            "{at}.to is missing: upscale needs a target resolution, {}",
                            one_of(&book.upscale_target_ids())
                        ))
                    })?;
                    out.upscale = Some(book.resolution(to).ok_or_else(|| {
                        Error::invalid_request_with(format_args!(
                            "{at}.to {} is not a resolution: use {}",
                            shown(to),
                            one_of(&resolution_ids(book))
                        ))
                    })?);
                }
                "reframe" => out.reframe = true,
                _ => out.modify = true,
            }
        }
        Ok(out)
    }

    /// The kinds asked for, in `ADDON_KINDS` order, leaving out `except`.
    fn kinds_but(&self, except: &str) -> Vec<&'static str> {
        let asked = [
            self.extend.is_some(),
            self.upscale.is_some(),
            self.reframe,
            self.modify,
        ];
        ADDON_KINDS
            .into_iter()
            .zip(asked)
            .filter(|&(kind, asked)| asked && kind != except)
            .map(|(kind, _)| kind)
            .collect()
    }

    fn is_empty(&self) -> bool {
        self.extend.is_none() && self.upscale.is_none() && !self.reframe && !self.modify
    }
}

/// Builds the quote: lines, total, notes.
struct Builder<'a> {
    book: &'a PriceBook,
    lines: Vec<QuoteLine>,
    notes: Vec<String>,
    approximate: bool,
    /// Whether a note has quoted the article's sentence on rounding yet.
    rounding_cited: bool,
}

impl<'a> Builder<'a> {
    fn line(&mut self, item: LineItem, label: String, credits: u64, billed: Option<u64>) {
        self.lines.push(QuoteLine {
            item,
            label,
            credits,
            billed_seconds: billed,
        });
    }

    fn finish(self) -> Result<Quote> {
        let credits = self
            .lines
            .iter()
            .try_fold(0u64, |sum, line| add_count(sum, line.credits))
            .ok_or_else(total_overflow)?;
        let top_up = self.book.top_up();
        let usd = money::usd_at_top_up_rate(credits, top_up);
        let mut notes = self.notes;
        // Last, always: `Quote::notes_besides_dollars` leaves it out.
        // An approximate cost's dollars are approximate too.
        notes.push(format!(
            "{}${} at the top-up rate of ${} per {} credits",
            if self.approximate { "about " } else { "" },
            money::group_usd(&usd),
            money::usd_string(top_up.price_usd, money::PLAN_USD_PLACES),
            grouped(top_up.credits)
        ));
        Ok(Quote {
            credits,
            approximate: self.approximate,
            usd_at_top_up_rate: usd,
            lines: self.lines,
            notes,
            edition: EditionStamp::of(self.book),
        })
    }

    /// Notes a length that was billed as more than it is.
    fn note_rounding(&mut self, what: &str, actual: Seconds, billed: u64) {
        if !actual.is(billed) {
            let note = format!(
                "{} s {what} billed as {} s: {}",
                actual.text(),
                grouped(billed),
                self.rounds_up()
            );
            self.notes.push(note);
        }
    }

    /// "credit use rounds up in 5-second steps": the step is a reading of
    /// one example (pricing/README.md, rule 1), so the first note that says
    /// it quotes the example.
    fn rounds_up(&mut self) -> String {
        let mut text = format!(
            "credit use rounds up in {} steps",
            step_text(self.book.step_seconds())
        );
        self.cite_rounding(&mut text, ", as read from");
        text
    }

    /// Appends `lead` and the article's sentence on rounding to `text`,
    /// unless a note has quoted it already.
    fn cite_rounding(&mut self, text: &mut String, lead: &str) {
        if !self.rounding_cited {
            self.rounding_cited = true;
            text.push_str(lead);
            text.push_str(" “");
            text.push_str(self.book.rounding_quote());
            text.push('”');
        }
    }
}

/// Prices one generation. See the module docs and `pricing/README.md`.
pub fn quote(book: &PriceBook, request: &QuoteRequest) -> Result<Quote> {
    let platform = find_platform(book, request.platform.as_deref())?;
    let model = find_model(book, platform, request.model.as_deref())?;
    let addons = Addons::parse(book, request.addons.as_deref().unwrap_or(&[]))?;
    let duration = request
        .duration_seconds
        .map(|d| Seconds::parse("durationSeconds", d))
        .transpose()?;
    let images = request
        .images
        .map(|n| parse_count("images", n))
        .transpose()?;
    // A video model says which of its own resolutions to use instead
    // (`price_video`), an image model to leave it out; a model whose output
    // is not published, which are all there are.
    if let Some(res) = request.resolution.as_deref()
        && book.resolution(res).is_none()
        && PriceBook::output(model).is_none()
    {
        return Err(Error::with(
            ErrorCode::UnsupportedResolution,
            format_args!(
                "resolution {} is not one of {}",
                shown(res),
                one_of(&resolution_ids(book))
            ),
        ));
    }

    let mut b = Builder {
        book,
        lines: Vec::new(),
        notes: Vec::new(),
        approximate: false,
        rounding_cited: false,
    };
    match PriceBook::output(model) {
        None => Err(unpublished(book, platform, model)),
        Some(Output::Image) => {
            if duration.is_some() {
                return Err(Error::invalid_request_with(format_args!(
                    "durationSeconds does not apply to {}, which makes images: give `images` instead",
                    model.name
                )));
            }
            if let Some(res) = request.resolution.as_deref() {
                return Err(Error::with(
                    ErrorCode::UnsupportedResolution,
                    format_args!(
                        "{} images are priced without a resolution; leave out resolution (got {})",
                        model.name,
                        shown(res)
                    ),
                ));
            }
            let count = images.ok_or_else(|| {
                Error::invalid_request_with(format_args!(
                    "images is missing: say how many {} images, a whole number from 1",
                    model.name
                ))
            })?;
            price_images(&mut b, platform, model, count, &addons)?;
            b.finish()
        }
        Some(Output::Video) => {
            if images.is_some() {
                return Err(Error::invalid_request_with(format_args!(
                    "images does not apply to {}, which makes video: give durationSeconds instead",
                    model.name
                )));
            }
            price_video(
                &mut b,
                platform,
                model,
                request.resolution.as_deref(),
                duration,
                &addons,
            )?;
            b.finish()
        }
    }
}

fn platform_ids(book: &PriceBook) -> Vec<&str> {
    book.platforms().iter().map(|p| p.id.as_ref()).collect()
}

/// The message for a request that names no platform: which there are.
pub(crate) fn missing_platform(book: &PriceBook) -> String {
    format!("platform is missing: use {}", one_of(&platform_ids(book)))
}

pub(crate) fn find_platform<'a>(
    book: &'a PriceBook,
    id: Option<&str>,
) -> Result<&'a schema::Platform> {
    let id = id.ok_or_else(|| Error::invalid_request(missing_platform(book)))?;
    book.platform(id).ok_or_else(|| {
        Error::with(
            ErrorCode::UnknownPlatform,
            format_args!(
                "unknown platform {}: use {}",
                shown(id),
                one_of(&platform_ids(book))
            ),
        )
    })
}

/// The resolution ids, for messages saying what is allowed.
fn resolution_ids(book: &PriceBook) -> Vec<&str> {
    book.resolutions().iter().map(|r| r.id.as_ref()).collect()
}

fn find_model<'a>(
    book: &'a PriceBook,
    platform: &schema::Platform,
    id: Option<&str>,
) -> Result<&'a schema::Model> {
    // Only messages need the list: made when a model is not found.
    let offered = || -> Vec<&str> {
        book.models_of(&platform.product)
            .map(|m| m.id.as_ref())
            .collect()
    };
    let id = id.ok_or_else(|| {
        Error::invalid_request_with(format_args!(
            "model is missing: {} offers {}",
            platform.name,
            one_of(&offered())
        ))
    })?;
    match book.model(id) {
        Some(model) if model.product == platform.product => Ok(model),
        Some(model) => Err(Error::with(
            ErrorCode::UnknownModel,
            format_args!(
                "{} is a {} model, not on {}: use {}",
                model.name,
                book.product(&model.product)
                    .map_or(model.product.as_ref(), |p| &p.name),
                platform.name,
                one_of(&offered())
            ),
        )),
        None => Err(Error::with(
            ErrorCode::UnknownModel,
            format_args!(
                "unknown model {} (ids are exact and lower case): {} offers {}",
                shown(id),
                platform.name,
                one_of(&offered())
            ),
        )),
    }
}

/// The error for a model whose costs no table gives at all.
fn unpublished(book: &PriceBook, platform: &schema::Platform, model: &schema::Model) -> Error {
    Error::unpriced(match book.unpublished_costs(model) {
        Some(why) => format!(
            "{} on {}: costs are not published. The article says: “{why}”",
            model.name, platform.name
        ),
        None => format!(
            "{} on {}: the article publishes no rate",
            model.name, platform.name
        ),
    })
}

fn price_images(
    b: &mut Builder<'_>,
    platform: &schema::Platform,
    model: &schema::Model,
    count: u64,
    addons: &Addons<'_>,
) -> Result<()> {
    let rate = b.book.image_rate(&model.id, &platform.id).ok_or_else(|| {
        Error::unpriced_with(format_args!(
            "{} images on {}: the article publishes no rate",
            model.name, platform.name
        ))
    })?;
    // Every add-on that does not apply is named, not only the first.
    let video_only = addons.kinds_but("reframe");
    if !video_only.is_empty() {
        return Err(Error::with(
            ErrorCode::InvalidAddon,
            format_args!(
                "{} {} to video, not to {} images; images take only reframe",
                all_of(&video_only),
                plural(video_only.len() as u64, "applies", "apply"),
                model.name
            ),
        ));
    }
    let per_batch = u64::from(rate.images_per_batch);
    let per_image = u64::from(rate.credits_per_image);
    let batches = money::ceil_div(count, per_batch).unwrap_or(0);
    let made = mul_count(batches, per_batch).ok_or_else(total_overflow)?;
    let credits = mul_count(made, per_image).ok_or_else(total_overflow)?;
    b.line(
        LineItem::Images,
        format!(
            "{} · {} {} = {} {} of {per_batch} at {} credits each",
            model.name,
            grouped(count),
            plural(count, "image", "images"),
            grouped(batches),
            plural(batches, "batch", "batches"),
            per_batch * per_image
        ),
        credits,
        None,
    );
    b.notes.push(format!(
        "{} {} = {} {} of {per_batch}: every Generate makes {per_batch} {} at {} each",
        grouped(count),
        plural(count, "image", "images"),
        grouped(batches),
        plural(batches, "batch", "batches"),
        plural(per_batch, "image", "images"),
        money::credits(per_image),
    ));
    if made != count {
        b.notes.push(format!(
            "you pay for and get {} images, {} more than asked",
            grouped(made),
            grouped(made - count)
        ));
    }
    if addons.reframe {
        let rate = b.book.reframe_image_rate(&model.id).ok_or_else(|| {
            Error::unpriced_with(format_args!(
                "reframe of {} images: the article publishes no rate",
                model.name
            ))
        })?;
        let credits = mul_count(count, rate).ok_or_else(total_overflow)?;
        b.line(
            LineItem::Reframe,
            format!(
                "Reframe · {} {} × {rate} credits",
                grouped(count),
                plural(count, "image", "images")
            ),
            credits,
            None,
        );
        b.notes.push(format!(
            "reframe is billed for the {} {} asked for, at {rate} credits each",
            grouped(count),
            plural(count, "image", "images")
        ));
    }
    Ok(())
}

/// How a video clip's price per billing step is known on its platform.
struct ClipRate {
    /// Credits per started billing step at the clip's own rate.
    per_step: Option<u64>,
    /// `16 credits/s` or `80 credits per 5 s` for labels.
    text: Option<String>,
}

/// The resolutions `model` has a video price in on `platform`: its clips'
/// on the clip platform, its per-second rates' on the per-second one, none
/// elsewhere.
fn priced_resolutions<'b>(book: &'b PriceBook, platform: &str, model: &'b str) -> Vec<&'b str> {
    let mut out: Vec<&str> = Vec::new();
    if platform == book.clip_platform() {
        for c in book.clips(model) {
            if !out.contains(&c.resolution.as_ref()) {
                out.push(&c.resolution);
            }
        }
    } else if platform == book.per_second_platform() {
        out.extend(book.per_second_rates(model).map(|r| r.resolution.as_ref()));
    }
    out
}

fn price_video(
    b: &mut Builder<'_>,
    platform: &schema::Platform,
    model: &schema::Model,
    resolution: Option<&str>,
    duration: Option<Seconds>,
    addons: &Addons<'_>,
) -> Result<()> {
    let book = b.book;
    let step = book.step_seconds();
    let step_u64 = u64::from(step);
    let on_clips = platform.id == book.clip_platform();
    let resolutions = priced_resolutions(book, &platform.id, &model.id);
    if resolutions.is_empty() {
        // Say which models it does price there, if any.
        let priced: Vec<&str> = book
            .models()
            .iter()
            .filter(|m| !priced_resolutions(book, &platform.id, &m.id).is_empty())
            .map(|m| m.name.as_ref())
            .collect();
        let others = if priced.is_empty() {
            String::new()
        } else {
            format!("; it prices {} video there", all_of(&priced))
        };
        return Err(Error::unpriced_with(format_args!(
            "{} video on {}: the article publishes no rate{others}",
            model.name, platform.name
        )));
    }
    let res_id = resolution.ok_or_else(|| {
        Error::invalid_request_with(format_args!(
            "resolution is missing: {} on {} comes in {}",
            model.name,
            platform.name,
            one_of(&resolutions)
        ))
    })?;
    if !resolutions.contains(&res_id) {
        // A resolution that exists nowhere ("4k") is quoted as given.
        let asked = match book.resolution(res_id) {
            Some(_) => res_id.to_owned(),
            None => shown(res_id),
        };
        return Err(Error::with(
            ErrorCode::UnsupportedResolution,
            format_args!(
                "{} on {} has no {asked} price: use {}",
                model.name,
                platform.name,
                one_of(&resolutions)
            ),
        ));
    }
    let duration = duration.ok_or_else(|| {
        Error::invalid_request_with(format_args!(
            "durationSeconds is missing: say how long the {} clip is",
            model.name
        ))
    })?;

    let clip_rate = if on_clips {
        let clips: Vec<&schema::WebClip> = book
            .clips(&model.id)
            .filter(|c| c.resolution == res_id)
            .collect();
        let Some(clip) = clips.iter().find(|c| duration.is(u64::from(c.seconds))) else {
            let lengths: Vec<String> = clips
                .iter()
                .map(|c| format!("{} s", grouped(c.seconds.into())))
                .collect();
            return Err(Error::with(
                ErrorCode::UnsupportedDuration,
                format_args!(
                    "{} {res_id} on {} is priced only as {} clips, not {} s",
                    model.name,
                    platform.name,
                    one_of(&lengths),
                    duration.text()
                ),
            ));
        };
        b.line(
            LineItem::Video,
            format!(
                "{} {res_id} · {} s clip",
                model.name,
                grouped(clip.seconds.into())
            ),
            u64::from(clip.credits),
            Some(u64::from(clip.seconds)),
        );
        // The clip's own rate per step comes from its one-step clip (5 s price / 5 × 5).
        clips
            .iter()
            .find(|c| c.seconds == step)
            .map(|c| ClipRate {
                per_step: Some(u64::from(c.credits)),
                text: Some(format!("{} credits per {step} s", c.credits)),
            })
            .unwrap_or(ClipRate {
                per_step: None,
                text: None,
            })
    } else {
        let rate = book
            .per_second_rates(&model.id)
            .find(|r| r.resolution == res_id)
            .map(|r| u64::from(r.credits_per_second))
            .unwrap_or(0);
        let steps = duration.steps(step);
        let billed = mul_count(steps, step_u64).ok_or_else(total_overflow)?;
        let credits = mul_count(billed, rate).ok_or_else(total_overflow)?;
        let length = duration.billed_text(billed);
        b.line(
            LineItem::Video,
            format!("{} {res_id} · {length} × {rate} credits/s", model.name),
            credits,
            Some(billed),
        );
        b.note_rounding("clip", duration, billed);
        ClipRate {
            per_step: mul_count(rate, step_u64),
            text: Some(format!("{rate} credits/s")),
        }
    };

    let mut clip = duration;
    if let Some(extra) = addons.extend {
        let (Some(per_step), Some(text)) = (clip_rate.per_step, clip_rate.text.as_ref()) else {
            return Err(Error::unpriced_with(format_args!(
                "extend of {} {res_id}: the article has no {step}-second price to take the rate from",
                model.name
            )));
        };
        let steps = extra.steps(step);
        let billed = mul_count(steps, step_u64).ok_or_else(total_overflow)?;
        let credits = mul_count(steps, per_step).ok_or_else(total_overflow)?;
        let length = extra.billed_text(billed);
        b.line(
            LineItem::Extend,
            format!("Extend · {length} at the clip's own rate ({text})"),
            credits,
            Some(billed),
        );
        b.note_rounding("extend", extra, billed);
        // The rate is the reading of pricing/README.md rule 7: say so.
        let mut note =
            "extend has no published rate of its own, so it is billed at the clip's own rate"
                .to_owned();
        b.cite_rounding(&mut note, "; the article says only");
        b.notes.push(note);
        clip = clip.plus(extra);
    }

    if addons.is_empty() {
        return Ok(());
    }
    let clip_steps = clip.steps(step);
    let clip_billed = mul_count(clip_steps, step_u64).ok_or_else(total_overflow)?;
    let whole_clip = if addons.extend.is_some() {
        format!("the {} s clip after extend", clip.text())
    } else {
        format!("the {} s clip", clip.text())
    };
    // The add-ons asked for that bill the whole clip.
    let on_clip = addons.kinds_but("extend");
    if !on_clip.is_empty() && !clip.is_whole_multiple_of(step) {
        let note = format!(
            "{} {} {whole_clip} as {} s: {}",
            all_of(&on_clip),
            plural(on_clip.len() as u64, "bills", "bill"),
            grouped(clip_billed),
            b.rounds_up()
        );
        b.notes.push(note);
    }

    if let Some(target) = addons.upscale {
        let from = book.resolution(res_id).map_or(0, |r| r.lines);
        if target.lines <= from {
            return Err(Error::with(
                ErrorCode::InvalidAddon,
                format_args!(
                    "upscale to {} from a {res_id} clip is not an upscale: pick a higher resolution than {res_id}",
                    target.id
                ),
            ));
        }
        let rate = book.upscale_per_step(res_id, &target.id).ok_or_else(|| {
            let priced: Vec<String> = book
                .resolutions()
                .iter()
                .flat_map(|r| {
                    book.upscale_targets(&r.id)
                        .map(move |t| format!("{} → {t}", r.id))
                })
                .collect();
            // From a resolution with no published upscale at all, the target
            // asked for is beside the point (and the widget asks for none).
            let to = if book.upscale_targets(res_id).next().is_some() {
                format!(" to {}", target.id)
            } else {
                String::new()
            };
            Error::unpriced_with(format_args!(
                "upscale from {res_id}{to}: the article publishes no rate; it prices {}",
                one_of(&priced)
            ))
        })?;
        let credits = mul_count(clip_steps, rate).ok_or_else(total_overflow)?;
        b.line(
            LineItem::Upscale,
            format!(
                "Upscale {res_id} → {} · {} × {step} s at {rate} credits",
                target.id,
                grouped(clip_steps)
            ),
            credits,
            Some(clip_billed),
        );
        // The rates are published for 5 s clips only (pricing/README.md,
        // rule 9): a longer clip's is a reading, and said to be one.
        if clip_steps > 1 {
            b.notes.push(format!(
                "upscale rates are published for {step} s clips only; a longer clip is priced here per started {step} s at that rate, a reading of the rates' “({step}s)”"
            ));
        }
    }

    if addons.reframe {
        let rate = book.reframe_video_rate(&model.id).ok_or_else(|| {
            Error::unpriced_with(format_args!(
                "reframe of {} video: the article publishes reframe rates only for {}",
                model.name,
                one_of(
                    &book
                        .tables()
                        .addons
                        .reframe
                        .videos
                        .iter()
                        .filter_map(|r| book.model(&r.model).map(|m| m.name.as_ref()))
                        .collect::<Vec<_>>()
                )
            ))
        })?;
        let credits = mul_count(clip_billed, rate).ok_or_else(total_overflow)?;
        b.line(
            LineItem::Reframe,
            format!("Reframe · {} s × {rate} credits/s", grouped(clip_billed)),
            credits,
            Some(clip_billed),
        );
    }

    if addons.modify {
        let rate = book.modify_per_step();
        let credits = mul_count(clip_steps, rate).ok_or_else(total_overflow)?;
        let approximate = book.modify().approximate;
        b.line(
            LineItem::Modify,
            format!(
                "Modify{} · {} × {step} s at {}{rate} credits",
                if approximate { " (approximate)" } else { "" },
                grouped(clip_steps),
                if approximate { "about " } else { "" }
            ),
            credits,
            Some(clip_billed),
        );
        if approximate {
            b.approximate = true;
            b.notes.push(format!(
                "modify is approximate: the article gives about {} credits per {step} s and says “{}”",
                grouped(rate),
                book.modify().quote
            ));
        }
    }
    Ok(())
}
