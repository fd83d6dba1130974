//! [`PriceBook`]: the tables after validation, with the lookups pricing needs.
//!
//! Validation runs twice with the same code: in `build.rs` on `pricing/*.json`
//! (a fault fails the build, naming file and row) and at run time on tables a
//! page passes to `new Estimator({ tables })` (a fault is `invalid_tables`
//! with the path of the row).

use crate::prelude::*;

use core::cmp::Ordering;

use rust_decimal::Decimal;

use super::schema::{self, Rows, Source, Tables, Text};
use crate::calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::money;

/// What a model makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Image,
    Video,
}

/// A plan with its money figures parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanPrice {
    pub row: schema::Plan,
    pub monthly_usd: Option<Decimal>,
    pub annual_monthly_usd: Option<Decimal>,
    pub annual_total_usd: Option<Decimal>,
}

/// Top-up credits: how many a pack holds, what it costs, how long it lasts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopUpPrice {
    pub credits: u64,
    pub price_usd: Decimal,
    pub valid_months: u32,
}

/// The product whose costs `catalog.unpublished.lumaAgentsCosts` speaks of.
const LUMA_AGENTS: &str = "luma-agents";

/// Validated tables of one edition.
///
/// `build.rs` validates `pricing/` with [`PriceBook::try_from_tables`] and
/// bakes the result, so the built-in book is a constant: nothing is checked
/// or parsed at run time ([`crate::Estimator::built_in`]). Hence the fields
/// are visible to the crate, for the baked expression to name them.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceBook {
    pub(crate) tables: Tables,
    pub(crate) modify_per_step: u64,
    pub(crate) upscale_per_step: Rows<(Text, Text, u64)>,
    pub(crate) top_up: TopUpPrice,
    pub(crate) dream_machine_web_plans: Rows<PlanPrice>,
    pub(crate) luma_agents_plans: Rows<PlanPrice>,
}

impl PriceBook {
    /// Validates `tables` in full; the error names the path of the first fault,
    /// e.g. `videoWeb.clips[3] (ray-2 1080p 5 s): credits must be more than 0`.
    pub fn try_from_tables(tables: Tables) -> Result<PriceBook> {
        let checked = Checked::run(&tables)?;
        Ok(PriceBook {
            tables,
            modify_per_step: checked.modify_per_step,
            upscale_per_step: Rows::Owned(checked.upscale_per_step),
            top_up: checked.top_up,
            dream_machine_web_plans: Rows::Owned(checked.dream_machine_web_plans),
            luma_agents_plans: Rows::Owned(checked.luma_agents_plans),
        })
    }

    /// The tables as given.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    pub fn edition(&self) -> &schema::Edition {
        &self.tables.edition
    }

    pub fn products(&self) -> &[schema::Product] {
        &self.tables.catalog.products
    }

    pub fn product(&self, id: &str) -> Option<&schema::Product> {
        self.products().iter().find(|p| p.id == id)
    }

    pub fn platforms(&self) -> &[schema::Platform] {
        &self.tables.catalog.platforms
    }

    pub fn platform(&self, id: &str) -> Option<&schema::Platform> {
        self.platforms().iter().find(|p| p.id == id)
    }

    pub fn models(&self) -> &[schema::Model] {
        &self.tables.catalog.models
    }

    pub fn model(&self, id: &str) -> Option<&schema::Model> {
        self.models().iter().find(|m| m.id == id)
    }

    /// The models of a product, in table order.
    pub fn models_of<'a>(&'a self, product: &'a str) -> impl Iterator<Item = &'a schema::Model> {
        self.models().iter().filter(move |m| m.product == product)
    }

    /// What a model makes; `None` where the articles do not say.
    pub fn output(model: &schema::Model) -> Option<Output> {
        match model.output.as_deref() {
            Some("image") => Some(Output::Image),
            Some("video") => Some(Output::Video),
            _ => None,
        }
    }

    /// Whether the model a request names makes video (a plan that makes
    /// images only cannot run it); false when it names none or an unknown one.
    pub fn makes_video(&self, model: Option<&str>) -> bool {
        model
            .and_then(|m| self.model(m))
            .and_then(PriceBook::output)
            == Some(Output::Video)
    }

    pub fn resolutions(&self) -> &[schema::Resolution] {
        &self.tables.catalog.resolutions
    }

    pub fn resolution(&self, id: &str) -> Option<&schema::Resolution> {
        self.resolutions().iter().find(|r| r.id == id)
    }

    /// Why `model`'s costs are not published, in the article's words: the
    /// sentence `catalog.unpublished.lumaAgentsCosts` quotes is about Luma
    /// Agents, so it is said of its models only (a model of another product
    /// that tables give no output, nor rows, has no such sentence).
    pub fn unpublished_costs(&self, model: &schema::Model) -> Option<&str> {
        (model.product == LUMA_AGENTS)
            .then_some(self.tables.catalog.unpublished.luma_agents_costs.as_ref())
    }

    pub fn image_rate(&self, model: &str, platform: &str) -> Option<&schema::ImageRate> {
        self.tables
            .images
            .rates
            .iter()
            .find(|r| r.model == model && r.platforms.iter().any(|p| p == platform))
    }

    /// The platform whose video is sold as fixed-length clips.
    pub fn clip_platform(&self) -> &str {
        &self.tables.video_web.platform
    }

    /// The platform whose video is billed per second.
    pub fn per_second_platform(&self) -> &str {
        &self.tables.video_ios.platform
    }

    /// Fixed-price clips of a model on the clip platform, in table order.
    pub fn clips<'a>(&'a self, model: &'a str) -> impl Iterator<Item = &'a schema::WebClip> {
        self.tables
            .video_web
            .clips
            .iter()
            .filter(move |c| c.model == model)
    }

    /// Per-second rows of a model on the per-second platform.
    pub fn per_second_rates<'a>(
        &'a self,
        model: &'a str,
    ) -> impl Iterator<Item = &'a schema::PerSecondRate> {
        self.tables
            .video_ios
            .rates
            .iter()
            .filter(move |r| r.model == model)
    }

    /// Every per-second charge bills the length rounded up to a multiple of this.
    pub fn step_seconds(&self) -> u32 {
        self.tables.addons.billing.step_seconds
    }

    /// The article's sentence on rounding.
    pub fn rounding_quote(&self) -> &str {
        &self.tables.addons.billing.quote
    }

    pub fn modify_per_step(&self) -> u64 {
        self.modify_per_step
    }

    pub fn modify(&self) -> &schema::Modify {
        &self.tables.addons.modify
    }

    pub fn reframe_video_rate(&self, model: &str) -> Option<u64> {
        self.tables
            .addons
            .reframe
            .videos
            .iter()
            .find(|r| r.model == model)
            .map(|r| u64::from(r.credits_per_second))
    }

    pub fn reframe_image_rate(&self, model: &str) -> Option<u64> {
        self.tables
            .addons
            .reframe
            .images
            .iter()
            .find(|r| r.model == model)
            .map(|r| u64::from(r.credits_per_image))
    }

    /// Credits per started billing step to upscale `from` to `to`.
    pub fn upscale_per_step(&self, from: &str, to: &str) -> Option<u64> {
        self.upscale_per_step
            .iter()
            .find(|(f, t, _)| f == from && t == to)
            .map(|(_, _, credits)| *credits)
    }

    /// The upscale targets priced from a resolution, in table order.
    pub fn upscale_targets<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> {
        self.upscale_per_step
            .iter()
            .filter(move |(f, _, _)| f == from)
            .map(|(_, t, _)| t.as_ref())
    }

    pub fn top_up(&self) -> TopUpPrice {
        self.top_up
    }

    /// The day a top-up bought on `purchased` stops counting: `valid_months`
    /// later, clamped to the end of a shorter month; `None` past the
    /// calendar's end.
    pub fn top_up_expires(&self, purchased: calendar::Date) -> Option<calendar::Date> {
        calendar::add_months(purchased, self.top_up.valid_months)
    }

    /// The plans sold for a platform, if the tables list any.
    pub fn plans_for_platform(&self, platform: &str) -> Option<&[PlanPrice]> {
        let p = &self.tables.plans;
        if p.dream_machine_web.platform == platform {
            Some(&self.dream_machine_web_plans)
        } else if p.luma_agents.platform == platform {
            Some(&self.luma_agents_plans)
        } else {
            None
        }
    }

    /// Every resolution some clip can be upscaled to, in table order.
    pub fn upscale_target_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for (_, to, _) in self.upscale_per_step.iter() {
            if !ids.contains(&to.as_ref()) {
                ids.push(to);
            }
        }
        ids
    }

    /// The fewest credits any priced generation of `product` costs, images
    /// only when `images_only`: one batch of images, the shortest web clip, or
    /// one billing step of per-second video. `None` when nothing of the
    /// product is priced (Luma Agents).
    pub fn cheapest_generation(&self, product: &str, images_only: bool) -> Option<u64> {
        let of_product = |platform: &str| {
            self.platform(platform)
                .is_some_and(|p| p.product == product)
        };
        let t = &self.tables;
        let images = t
            .images
            .rates
            .iter()
            .filter(|r| r.platforms.iter().any(|p| of_product(p)))
            .map(|r| u64::from(r.credits_per_image) * u64::from(r.images_per_batch));
        let clips = t
            .video_web
            .clips
            .iter()
            .filter(|_| !images_only && of_product(&t.video_web.platform))
            .map(|c| u64::from(c.credits));
        let per_second = t
            .video_ios
            .rates
            .iter()
            .filter(|_| !images_only && of_product(&t.video_ios.platform))
            .map(|r| u64::from(r.credits_per_second) * u64::from(self.step_seconds()));
        images.chain(clips).chain(per_second).min()
    }

    /// The plans of a product (a wallet's plan is one of these).
    pub fn plans_for_product(&self, product: &str) -> Option<&[PlanPrice]> {
        let p = &self.tables.plans;
        [&p.dream_machine_web.platform, &p.luma_agents.platform]
            .into_iter()
            .find(|id| self.platform(id).is_some_and(|pl| pl.product == product))
            .and_then(|id| self.plans_for_platform(id))
    }
}

/// `PriceBook` written as a Rust expression for `build.rs`, by hand: databake
/// derives only for public fields, and cannot bake a `Decimal`, which is
/// written as `Decimal::from_parts`, a `const fn` taking its exact parts.
#[cfg(not(target_arch = "wasm32"))]
mod bake {
    use databake::{Bake, CrateEnv, TokenStream, quote};
    use rust_decimal::Decimal;

    use super::{PlanPrice, PriceBook, TopUpPrice};

    impl Bake for PriceBook {
        fn bake(&self, env: &CrateEnv) -> TokenStream {
            let tables = self.tables.bake(env);
            let modify = self.modify_per_step.bake(env);
            let upscale = self.upscale_per_step.bake(env);
            let top_up = self.top_up.bake(env);
            let web_plans = self.dream_machine_web_plans.bake(env);
            let agents_plans = self.luma_agents_plans.bake(env);
            quote! {
                crate::tables::book::PriceBook {
                    tables: #tables,
                    modify_per_step: #modify,
                    upscale_per_step: #upscale,
                    top_up: #top_up,
                    dream_machine_web_plans: #web_plans,
                    luma_agents_plans: #agents_plans,
                }
            }
        }
    }

    fn usd(value: &Decimal) -> TokenStream {
        let mantissa = value.mantissa().unsigned_abs();
        // A `Decimal`'s mantissa has 96 bits: three 32-bit words.
        let [lo, mid, hi] = [0, 32, 64].map(|shift| (mantissa >> shift) as u32);
        let (negative, scale) = (value.is_sign_negative(), value.scale());
        quote! { rust_decimal::Decimal::from_parts(#lo, #mid, #hi, #negative, #scale) }
    }

    fn optional_usd(value: &Option<Decimal>) -> TokenStream {
        match value {
            Some(value) => {
                let value = usd(value);
                quote! { Some(#value) }
            }
            None => quote! { None },
        }
    }

    impl Bake for PlanPrice {
        fn bake(&self, env: &CrateEnv) -> TokenStream {
            let row = self.row.bake(env);
            let monthly = optional_usd(&self.monthly_usd);
            let annual_monthly = optional_usd(&self.annual_monthly_usd);
            let annual_total = optional_usd(&self.annual_total_usd);
            quote! {
                crate::tables::book::PlanPrice {
                    row: #row,
                    monthly_usd: #monthly,
                    annual_monthly_usd: #annual_monthly,
                    annual_total_usd: #annual_total,
                }
            }
        }
    }

    #[cfg(test)]
    #[test]
    fn a_dollar_figure_is_baked_from_its_exact_parts() {
        // Three distinct words, a sign and a scale: each must come back in
        // its own place (the built-in prices fill the low word only).
        let value = Decimal::from_parts(1, 2, 3, true, 4);
        let baked = usd(&value).to_string();
        assert_eq!(
            baked.split_whitespace().collect::<String>(),
            "rust_decimal::Decimal::from_parts(1u32,2u32,3u32,true,4u32)"
        );
    }

    impl Bake for TopUpPrice {
        fn bake(&self, env: &CrateEnv) -> TokenStream {
            let credits = self.credits.bake(env);
            let price = usd(&self.price_usd);
            let months = self.valid_months.bake(env);
            quote! {
                crate::tables::book::TopUpPrice {
                    credits: #credits,
                    price_usd: #price,
                    valid_months: #months,
                }
            }
        }
    }
}

/// The figures validation derives from the rows.
struct Checked {
    modify_per_step: u64,
    upscale_per_step: Vec<(Text, Text, u64)>,
    top_up: TopUpPrice,
    dream_machine_web_plans: Vec<PlanPrice>,
    luma_agents_plans: Vec<PlanPrice>,
}

/// A fault of the row at `path`, `message` written after its path (one
/// writing for both).
fn fault(path: &str, message: core::fmt::Arguments<'_>) -> Error {
    Error::with(ErrorCode::InvalidTables, format_args!("{path}: {message}"))
}

fn require_text(path: &str, field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(fault(path, format_args!("{field} must not be empty")));
    }
    Ok(())
}

fn require_positive(path: &str, field: &str, value: u32) -> Result<()> {
    if value == 0 {
        return Err(fault(path, format_args!("{field} must be more than 0")));
    }
    Ok(())
}

fn require_source(path: &str, source: &Source) -> Result<()> {
    require_text(path, "source.article", &source.article)?;
    require_text(path, "source.section", &source.section)
}

/// Fails on the first value seen twice; `label` names a row for the message.
/// Keys borrow from their rows, so comparing them copies nothing.
fn require_unique<'r, T, K: Ord, L: core::fmt::Display>(
    table: &str,
    rows: &'r [T],
    key: impl Fn(&'r T) -> K,
    label: impl Fn(&'r T) -> L,
) -> Result<()> {
    // (`first_repeat` asks only of indexes below `rows.len()`.)
    let order = |a: usize, b: usize| match (rows.get(a), rows.get(b)) {
        (Some(a), Some(b)) => key(a).cmp(&key(b)),
        _ => Ordering::Less,
    };
    let label = |i: usize| rows.get(i).map(|row| label(row).to_string());
    duplicate(table, rows.len(), &order, &label)
}

/// [`require_unique`]'s search and message, not generic: one copy for
/// every kind of row.
fn duplicate(
    table: &str,
    n: usize,
    order: &dyn Fn(usize, usize) -> Ordering,
    label: &dyn Fn(usize) -> Option<String>,
) -> Result<()> {
    let Some((first, i, label)) = first_repeat(n, order).and_then(|(f, i)| Some((f, i, label(i)?)))
    else {
        return Ok(());
    };
    Err(fault(
        &format!("{table}[{i}] ({label})"),
        format_args!("duplicate row: {table}[{first}] already gives this"),
    ))
}

/// The first of `n` rows whose key (compared by `order`, by index) is an
/// earlier row's, and that earlier row. Each is looked up among those
/// before it, kept in order (a binary search, then an insert that moves
/// indexes): tables a page loads may be large, and comparing every row with
/// every other one took seconds at 10,000 rows. Not generic, so the wasm
/// holds it once for every kind of key.
fn first_repeat(n: usize, order: &dyn Fn(usize, usize) -> Ordering) -> Option<(usize, usize)> {
    let mut seen: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        let at = seen.partition_point(|&j| order(j, i) == Ordering::Less);
        if let Some(&j) = seen.get(at).filter(|&&j| order(j, i) == Ordering::Equal) {
            return Some((j, i));
        }
        seen.insert(at, i);
    }
    None
}

fn parse_usd(path: &str, field: &str, text: &str) -> Result<Decimal> {
    match Decimal::from_str_exact(text) {
        Ok(value) if value.is_sign_negative() => Err(fault(
            path,
            format_args!("{field} must not be negative, got \"{text}\""),
        )),
        Ok(value) if value > Decimal::from(money::MAX_USD) => Err(fault(
            path,
            format_args!(
                "{field} must be at most {}, got \"{text}\"",
                money::grouped(u64::from(money::MAX_USD))
            ),
        )),
        Ok(value) if is_dollars_and_cents(text) => Ok(value),
        Ok(_) => Err(fault(
            path,
            format_args!(
                "{field} must be dollars with at most 2 decimal places, like \"9.99\", got \"{text}\""
            ),
        )),
        Err(_) => Err(fault(
            path,
            format_args!("{field} must be a decimal string like \"9.99\", got \"{text}\""),
        )),
    }
}

/// Digits, then optionally a point and one or two digits: `4`, `9.9`, `9.99`
/// (not `+4`, `4.`, `.5` or `4.001`: no price is quoted in fractions of a cent).
fn is_dollars_and_cents(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('.') {
        None => digits(text),
        Some((whole, cents)) => digits(whole) && cents.len() <= 2 && digits(cents),
    }
}

fn parse_optional_usd(path: &str, field: &str, text: &Option<Text>) -> Result<Option<Decimal>> {
    text.as_deref()
        .map(|t| parse_usd(path, field, t))
        .transpose()
}

/// A rate per billing step from a published clip price; the clip length must
/// be a whole number of steps and the price divide evenly among them.
fn per_step(path: &str, step: u32, clip_seconds: u32, credits: u32) -> Result<u64> {
    require_positive(path, "clipSeconds", clip_seconds)?;
    require_positive(path, "credits", credits)?;
    if !clip_seconds.is_multiple_of(step) {
        return Err(fault(
            path,
            format_args!("clipSeconds must be a multiple of the {step}-second billing step"),
        ));
    }
    let steps = clip_seconds / step;
    if !credits.is_multiple_of(steps) {
        return Err(fault(
            path,
            format_args!("{credits} credits do not divide evenly into {steps} steps of {step} s"),
        ));
    }
    Ok(u64::from(credits / steps))
}

impl Checked {
    fn run(t: &Tables) -> Result<Checked> {
        check_edition(&t.edition)?;
        check_catalog(t)?;
        check_images(t)?;
        check_video(t)?;
        let step = t.addons.billing.step_seconds;
        require_source("addons.billing", &t.addons.billing.source)?;
        require_positive("addons.billing", "stepSeconds", step)?;
        let modify_per_step = check_modify(t, step)?;
        check_reframe(t)?;
        let upscale_per_step = check_upscale(t, step)?;
        let top_up = check_top_up(&t.plans.top_up)?;
        let dream_machine_web_plans =
            check_plans(t, "plans.dreamMachineWeb", &t.plans.dream_machine_web)?;
        let luma_agents_plans = check_plans(t, "plans.lumaAgents", &t.plans.luma_agents)?;
        if t.plans.dream_machine_web.platform == t.plans.luma_agents.platform {
            return Err(fault(
                "plans.lumaAgents.platform",
                format_args!("must differ from plans.dreamMachineWeb.platform"),
            ));
        }
        Ok(Checked {
            modify_per_step,
            upscale_per_step,
            top_up,
            dream_machine_web_plans,
            luma_agents_plans,
        })
    }
}

fn check_edition(e: &schema::Edition) -> Result<()> {
    require_text("edition", "name", &e.name)?;
    if calendar::parse_date(&e.effective).is_none() {
        return Err(fault(
            "edition.effective",
            format_args!("must be a date written YYYY-MM-DD, got \"{}\"", e.effective),
        ));
    }
    if e.sources.is_empty() {
        return Err(fault(
            "edition.sources",
            format_args!("list at least one source"),
        ));
    }
    for (i, s) in e.sources.iter().enumerate() {
        require_text(&format!("edition.sources[{i}]"), "title", &s.title)?;
    }
    Ok(())
}

fn check_catalog(t: &Tables) -> Result<()> {
    let c = &t.catalog;
    require_source("catalog", &c.source)?;
    require_text(
        "catalog.unpublished",
        "lumaAgentsCosts",
        &c.unpublished.luma_agents_costs,
    )?;
    for (i, p) in c.products.iter().enumerate() {
        let path = format!("catalog.products[{i}]");
        require_text(&path, "id", &p.id)?;
        require_text(&path, "name", &p.name)?;
        if p.extra_credits != "topUps" && p.extra_credits != "spendingLimit" {
            return Err(fault(
                &path,
                format_args!(
                    "extraCredits must be \"topUps\" or \"spendingLimit\", got \"{}\"",
                    p.extra_credits
                ),
            ));
        }
    }
    require_unique("catalog.products", &c.products, |p| &p.id, |p| &p.id)?;
    let product_ids: Vec<&str> = c.products.iter().map(|p| p.id.as_ref()).collect();
    let known_product = |path: &str, id: &str| -> Result<()> {
        if product_ids.contains(&id) {
            Ok(())
        } else {
            Err(fault(
                path,
                format_args!("product \"{id}\" is not in catalog.products"),
            ))
        }
    };
    for (i, p) in c.platforms.iter().enumerate() {
        let path = format!("catalog.platforms[{i}] ({})", p.id);
        require_text(&path, "id", &p.id)?;
        require_text(&path, "name", &p.name)?;
        known_product(&path, &p.product)?;
    }
    require_unique("catalog.platforms", &c.platforms, |p| &p.id, |p| &p.id)?;
    for (i, m) in c.models.iter().enumerate() {
        let path = format!("catalog.models[{i}] ({})", m.id);
        require_text(&path, "id", &m.id)?;
        require_text(&path, "name", &m.name)?;
        known_product(&path, &m.product)?;
        if let Some(output) = &m.output
            && output != "image"
            && output != "video"
        {
            return Err(fault(
                &path,
                format_args!("output must be \"image\", \"video\" or null, got \"{output}\""),
            ));
        }
    }
    require_unique("catalog.models", &c.models, |m| &m.id, |m| &m.id)?;
    for (i, r) in c.resolutions.iter().enumerate() {
        let path = format!("catalog.resolutions[{i}] ({})", r.id);
        require_text(&path, "id", &r.id)?;
        require_positive(&path, "lines", r.lines)?;
    }
    require_unique("catalog.resolutions", &c.resolutions, |r| &r.id, |r| &r.id)?;
    // Heights order upscales (an upscale goes to more lines), so two
    // resolutions of one height could not be told apart.
    for (i, r) in c.resolutions.iter().enumerate() {
        if let Some(first) = c.resolutions[..i].iter().position(|o| o.lines == r.lines) {
            return Err(fault(
                &format!("catalog.resolutions[{i}] ({})", r.id),
                format_args!(
                    "lines {} is already catalog.resolutions[{first}] ({})'s: each resolution needs its own height in lines, which orders upscales",
                    r.lines, c.resolutions[first].id
                ),
            ));
        }
    }
    Ok(())
}

/// Looks up a row's model, requiring it to exist and make `output`.
fn model_of<'a>(t: &'a Tables, path: &str, id: &str, output: Output) -> Result<&'a schema::Model> {
    let model = t
        .catalog
        .models
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| {
            fault(
                path,
                format_args!("model \"{id}\" is not in catalog.models"),
            )
        })?;
    if PriceBook::output(model) != Some(output) {
        let wanted = match output {
            Output::Image => "image",
            Output::Video => "video",
        };
        return Err(fault(
            path,
            format_args!("model \"{id}\" must have output \"{wanted}\" in catalog.models"),
        ));
    }
    Ok(model)
}

fn platform_of<'a>(t: &'a Tables, path: &str, id: &str) -> Result<&'a schema::Platform> {
    t.catalog
        .platforms
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| {
            fault(
                path,
                format_args!("platform \"{id}\" is not in catalog.platforms"),
            )
        })
}

fn same_product(path: &str, model: &schema::Model, platform: &schema::Platform) -> Result<()> {
    if model.product != platform.product {
        return Err(fault(
            path,
            format_args!(
                "model \"{}\" belongs to {} but platform \"{}\" to {}",
                model.id, model.product, platform.id, platform.product
            ),
        ));
    }
    Ok(())
}

fn resolution_of(t: &Tables, path: &str, id: &str) -> Result<()> {
    if t.catalog.resolutions.iter().any(|r| r.id == id) {
        Ok(())
    } else {
        Err(fault(
            path,
            format_args!("resolution \"{id}\" is not in catalog.resolutions"),
        ))
    }
}

fn check_images(t: &Tables) -> Result<()> {
    require_source("images", &t.images.source)?;
    for (i, r) in t.images.rates.iter().enumerate() {
        let path = format!("images.rates[{i}] ({})", r.model);
        let model = model_of(t, &path, &r.model, Output::Image)?;
        if r.platforms.is_empty() {
            return Err(fault(
                &path,
                format_args!("platforms must list at least one platform"),
            ));
        }
        for p in r.platforms.iter() {
            same_product(&path, model, platform_of(t, &path, p)?)?;
        }
        require_positive(&path, "creditsPerImage", r.credits_per_image)?;
        require_positive(&path, "imagesPerBatch", r.images_per_batch)?;
    }
    let pairs: Vec<(&Text, &Text)> = t
        .images
        .rates
        .iter()
        .flat_map(|r| r.platforms.iter().map(move |p| (&r.model, p)))
        .collect();
    require_unique(
        "images.rates (model, platform)",
        &pairs,
        |pair| *pair,
        |(m, p)| format!("{m} on {p}"),
    )
}

fn check_video(t: &Tables) -> Result<()> {
    let web = &t.video_web;
    require_source("videoWeb", &web.source)?;
    let web_platform = platform_of(t, "videoWeb.platform", &web.platform)?;
    for (i, c) in web.clips.iter().enumerate() {
        let path = format!(
            "videoWeb.clips[{i}] ({} {} {} s)",
            c.model, c.resolution, c.seconds
        );
        same_product(
            &path,
            model_of(t, &path, &c.model, Output::Video)?,
            web_platform,
        )?;
        resolution_of(t, &path, &c.resolution)?;
        require_positive(&path, "seconds", c.seconds)?;
        require_positive(&path, "credits", c.credits)?;
    }
    require_unique(
        "videoWeb.clips",
        &web.clips,
        |c| (&c.model, &c.resolution, c.seconds),
        |c| format!("{} {} {} s", c.model, c.resolution, c.seconds),
    )?;

    let ios = &t.video_ios;
    require_source("videoIos", &ios.source)?;
    let ios_platform = platform_of(t, "videoIos.platform", &ios.platform)?;
    if ios.platform == web.platform {
        return Err(fault(
            "videoIos.platform",
            format_args!(
                "must differ from videoWeb.platform: a platform sells either fixed clips or seconds"
            ),
        ));
    }
    for (i, r) in ios.rates.iter().enumerate() {
        let path = format!("videoIos.rates[{i}] ({} {})", r.model, r.resolution);
        same_product(
            &path,
            model_of(t, &path, &r.model, Output::Video)?,
            ios_platform,
        )?;
        resolution_of(t, &path, &r.resolution)?;
        require_positive(&path, "creditsPerSecond", r.credits_per_second)?;
    }
    require_unique(
        "videoIos.rates",
        &ios.rates,
        |r| (&r.model, &r.resolution),
        |r| format!("{} {}", r.model, r.resolution),
    )
}

fn check_modify(t: &Tables, step: u32) -> Result<u64> {
    let m = &t.addons.modify;
    require_source("addons.modify", &m.source)?;
    let mut rate = None;
    for (i, c) in m.clips.iter().enumerate() {
        let path = format!("addons.modify.clips[{i}] ({} s)", c.clip_seconds);
        let this = per_step(&path, step, c.clip_seconds, c.credits)?;
        match rate {
            Some(first) if first != this => {
                return Err(fault(
                    &path,
                    format_args!(
                        "{this} credits per {step} s differs from the first row's {first}"
                    ),
                ));
            }
            _ => rate = Some(this),
        }
    }
    require_unique(
        "addons.modify.clips",
        &m.clips,
        |c| c.clip_seconds,
        |c| format!("{} s", c.clip_seconds),
    )?;
    rate.ok_or_else(|| {
        fault(
            "addons.modify.clips",
            format_args!("list at least one price"),
        )
    })
}

fn check_reframe(t: &Tables) -> Result<()> {
    let r = &t.addons.reframe;
    require_source("addons.reframe", &r.source)?;
    for (i, row) in r.images.iter().enumerate() {
        let path = format!("addons.reframe.images[{i}] ({})", row.model);
        model_of(t, &path, &row.model, Output::Image)?;
        require_positive(&path, "creditsPerImage", row.credits_per_image)?;
    }
    require_unique(
        "addons.reframe.images",
        &r.images,
        |x| &x.model,
        |x| &x.model,
    )?;
    for (i, row) in r.videos.iter().enumerate() {
        let path = format!("addons.reframe.videos[{i}] ({})", row.model);
        model_of(t, &path, &row.model, Output::Video)?;
        require_positive(&path, "creditsPerSecond", row.credits_per_second)?;
    }
    require_unique(
        "addons.reframe.videos",
        &r.videos,
        |x| &x.model,
        |x| &x.model,
    )
}

fn check_upscale(t: &Tables, step: u32) -> Result<Vec<(Text, Text, u64)>> {
    let u = &t.addons.upscale;
    require_source("addons.upscale", &u.source)?;
    let lines = |id: &str| {
        t.catalog
            .resolutions
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.lines)
    };
    let mut rates = Vec::with_capacity(u.rates.len());
    for (i, r) in u.rates.iter().enumerate() {
        let path = format!("addons.upscale.rates[{i}] ({} to {})", r.from, r.to);
        resolution_of(t, &path, &r.from)?;
        resolution_of(t, &path, &r.to)?;
        if lines(&r.to) <= lines(&r.from) {
            return Err(fault(
                &path,
                format_args!("to must be a higher resolution than from"),
            ));
        }
        let credits = per_step(&path, step, r.clip_seconds, r.credits)?;
        rates.push((r.from.clone(), r.to.clone(), credits));
    }
    require_unique(
        "addons.upscale.rates",
        &u.rates,
        |r| (&r.from, &r.to),
        |r| format!("{} to {}", r.from, r.to),
    )?;
    Ok(rates)
}

fn check_top_up(t: &schema::TopUp) -> Result<TopUpPrice> {
    let path = "plans.topUp";
    require_source(path, &t.source)?;
    require_positive(path, "credits", t.credits)?;
    require_positive(path, "validMonths", t.valid_months)?;
    let price_usd = parse_usd(path, "priceUsd", &t.price_usd)?;
    if price_usd.is_zero() {
        return Err(fault(path, format_args!("priceUsd must be more than 0")));
    }
    Ok(TopUpPrice {
        credits: u64::from(t.credits),
        price_usd,
        valid_months: t.valid_months,
    })
}

fn check_plans(t: &Tables, table: &str, list: &schema::PlanList) -> Result<Vec<PlanPrice>> {
    require_source(table, &list.source)?;
    platform_of(t, &format!("{table}.platform"), &list.platform)?;
    let rows = format!("{table}.plans");
    // A wallet names one of them, and plan fit weighs them: with none, both
    // would say untrue things ("plans exist but…", "use nothing").
    if list.plans.is_empty() {
        return Err(fault(&rows, format_args!("must list at least one plan")));
    }
    let mut plans = Vec::with_capacity(list.plans.len());
    for (i, p) in list.plans.iter().enumerate() {
        let path = format!("{rows}[{i}] ({})", p.id);
        require_text(&path, "id", &p.id)?;
        require_text(&path, "name", &p.name)?;
        if let Some(credits) = p.credits {
            require_positive(&path, "credits", credits)?;
        }
        plans.push(PlanPrice {
            row: p.clone(),
            monthly_usd: parse_optional_usd(&path, "monthlyUsd", &p.monthly_usd)?,
            annual_monthly_usd: parse_optional_usd(
                &path,
                "annualMonthlyUsd",
                &p.annual_monthly_usd,
            )?,
            annual_total_usd: parse_optional_usd(&path, "annualTotalUsd", &p.annual_total_usd)?,
        });
    }
    require_unique(&rows, &list.plans, |p| &p.id, |p| &p.id)?;
    Ok(plans)
}
