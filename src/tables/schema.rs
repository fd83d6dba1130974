//! The pricing tables exactly as written in `pricing/*.json`.
//!
//! One struct per file; [`Tables`] holds them all under the file's name in
//! camelCase (`video-web.json` is `videoWeb`). The same shape is what a page
//! passes to `new Estimator({ tables })`. Nothing here is checked: see
//! [`super::book::PriceBook::try_from_tables`] for the validation that turns
//! these rows into prices.
//!
//! Texts and rows are `Cow`s so that `build.rs` can bake the default tables
//! into statics while tables read at run time own their data.
//!
//! Money is written as a decimal string (`"9.99"`) so that no float ever
//! holds it; credits and seconds are whole numbers.
//!
//! Every field must be written. An `Option` is `null` where the figure is not
//! published: a price left out by mistake is a fault, not "unpublished"
//! (`deserialize_with = "Option::deserialize"` turns off serde's default of
//! `None` for a missing `Option`).

use alloc::borrow::Cow;

#[cfg(not(target_arch = "wasm32"))]
use databake::Bake;
use serde::{Deserialize, Serialize};

/// Text in a table: borrowed from the baked-in tables, owned when read at run time.
pub type Text = Cow<'static, str>;

/// Rows of a table: borrowed from the baked-in tables, owned when read at run time.
pub type Rows<T> = Cow<'static, [T]>;

/// All the tables of one edition, keyed by file name.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tables {
    pub edition: Edition,
    pub catalog: Catalog,
    pub images: Images,
    pub video_web: VideoWeb,
    pub video_ios: VideoIos,
    pub addons: Addons,
    pub plans: Plans,
}

/// `edition.json`: which prices these are and where they come from.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Edition {
    pub name: Text,
    /// `YYYY-MM-DD`: the date the prices are as of.
    pub effective: Text,
    pub sources: Rows<SourceDocument>,
}

/// A document an edition is transcribed from.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceDocument {
    pub title: Text,
    #[serde(deserialize_with = "Option::deserialize")]
    pub url: Option<Text>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub note: Option<Text>,
}

/// The article and section a table is transcribed from.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    pub article: Text,
    pub section: Text,
}

/// `catalog.json`: products, platforms, models and resolutions.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    pub source: Source,
    pub products: Rows<Product>,
    pub platforms: Rows<Platform>,
    pub models: Rows<Model>,
    pub resolutions: Rows<Resolution>,
    pub unpublished: Unpublished,
}

/// A product with its own billing and credit pool (Dream Machine, Luma Agents).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    pub id: Text,
    pub name: Text,
    /// Whether plans and credits can still be bought.
    pub open_to_purchases: bool,
    /// How credits beyond the plan's are paid: `"topUps"` (bought packs that
    /// last months) or `"spendingLimit"` (an opt-in limit on extra credits).
    pub extra_credits: Text,
    /// The article's sentence on the product's status.
    pub status: Text,
}

impl Product {
    /// Whether credits beyond a plan's are top-ups (Dream Machine), not a
    /// spending limit (Luma Agents).
    pub fn sells_top_ups(&self) -> bool {
        self.extra_credits == "topUps"
    }
}

/// Where a generation is made; each belongs to one product.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Platform {
    pub id: Text,
    pub name: Text,
    pub product: Text,
}

/// A generation model of one product.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    pub id: Text,
    pub name: Text,
    pub product: Text,
    /// `"image"` or `"video"`; `null` where the articles do not say.
    #[serde(deserialize_with = "Option::deserialize")]
    pub output: Option<Text>,
}

/// A video resolution and its height in lines, which orders upscales.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resolution {
    pub id: Text,
    pub lines: u32,
}

/// Figures the articles say exist but do not publish, in their words.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unpublished {
    pub luma_agents_costs: Text,
}

/// `images.json`: image models, priced per image and made in batches.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Images {
    pub source: Source,
    pub rates: Rows<ImageRate>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageRate {
    pub model: Text,
    pub platforms: Rows<Text>,
    pub credits_per_image: u32,
    pub images_per_batch: u32,
}

/// `video-web.json`: the clips the web app sells, each at a fixed price.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoWeb {
    pub source: Source,
    pub platform: Text,
    pub clips: Rows<WebClip>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebClip {
    pub model: Text,
    pub resolution: Text,
    pub seconds: u32,
    pub credits: u32,
}

/// `video-ios.json`: per-second rates of the iOS app.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoIos {
    pub source: Source,
    pub platform: Text,
    pub rates: Rows<PerSecondRate>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PerSecondRate {
    pub model: Text,
    pub resolution: Text,
    pub credits_per_second: u32,
}

/// `addons.json`: the billing step and the add-on rates.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Addons {
    pub billing: Billing,
    pub modify: Modify,
    pub reframe: Reframe,
    pub upscale: Upscale,
}

/// Per-second charges bill the length rounded up to a multiple of this step.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Billing {
    pub source: Source,
    pub step_seconds: u32,
    pub quote: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Modify {
    pub source: Source,
    /// The article gives these figures as "approximately".
    pub approximate: bool,
    pub quote: Text,
    /// The published examples; they must share one rate per billing step.
    pub clips: Rows<ClipPrice>,
}

/// A price for a clip of a given length, from which a per-step rate follows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClipPrice {
    pub clip_seconds: u32,
    pub credits: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reframe {
    pub source: Source,
    pub images: Rows<ReframeImage>,
    pub videos: Rows<ReframeVideo>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReframeImage {
    pub model: Text,
    pub credits_per_image: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReframeVideo {
    pub model: Text,
    pub credits_per_second: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upscale {
    pub source: Source,
    pub rates: Rows<UpscaleRate>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpscaleRate {
    pub from: Text,
    pub to: Text,
    pub clip_seconds: u32,
    pub credits: u32,
}

/// `plans.json`: top-ups and the plans of both products.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plans {
    pub top_up: TopUp,
    pub dream_machine_web: PlanList,
    pub luma_agents: PlanList,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopUp {
    pub source: Source,
    pub credits: u32,
    /// Decimal string, e.g. `"4"`.
    pub price_usd: Text,
    pub valid_months: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanList {
    pub source: Source,
    /// The platform these plans are sold for.
    pub platform: Text,
    pub plans: Rows<Plan>,
}

/// One subscription plan. `null` means the figure is not published.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Bake), databake(path = crate::tables::schema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    pub id: Text,
    pub name: Text,
    pub paid: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub monthly_usd: Option<Text>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub annual_monthly_usd: Option<Text>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub annual_total_usd: Option<Text>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub credits: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub credits_note: Option<Text>,
    pub images_only: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub commercial_use: Option<bool>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub watermark: Option<bool>,
    pub relaxed_mode: bool,
}
