//! `catalog()`: everything that can be priced, shaped for building menus.
//!
//! Only combinations the tables price are listed as options; models whose
//! costs are not published are listed with `priced: false` and a note saying
//! so, so a page can show them without inventing a number.

use crate::prelude::*;

use serde::{Deserialize, Serialize};

use crate::money::{self, PLAN_USD_PLACES};
use crate::quote::EditionStamp;
use crate::tables::book::{Output, PriceBook};
use crate::tables::schema;

/// The whole catalog.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub edition: CatalogEdition,
    pub products: Vec<CatalogProduct>,
    pub platforms: Vec<CatalogPlatform>,
    /// Every resolution, lowest first.
    pub resolutions: Vec<String>,
    /// The add-on kinds a request may name.
    pub addon_kinds: Vec<String>,
    /// Per-second charges bill the length rounded up to a multiple of this.
    pub billing_step_seconds: u32,
    pub top_up: CatalogTopUp,
}

/// The edition with its sources, for "prices as of …".
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogEdition {
    pub name: String,
    pub effective: String,
    pub sources: Vec<CatalogSource>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogSource {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProduct {
    pub id: String,
    pub name: String,
    pub open_to_purchases: bool,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPlatform {
    pub id: String,
    pub name: String,
    pub product: String,
    /// How video is billed here: fixed `clips`, `perSecond`, or `unpublished`.
    pub video_billing: VideoBilling,
    pub models: Vec<CatalogModel>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum VideoBilling {
    Clips,
    PerSecond,
    Unpublished,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogModel {
    pub id: String,
    pub name: String,
    /// `"image"`, `"video"`, or `null` where the articles do not say.
    pub output: Option<String>,
    /// False when no cost is published for this model on this platform.
    pub priced: bool,
    /// Why a model is unpriced, in the article's words.
    pub note: Option<String>,
    /// For image models: the per-image rate and batch size.
    pub images: Option<CatalogImages>,
    /// For video models: each priced resolution with its lengths and add-ons.
    pub resolutions: Vec<CatalogResolution>,
    /// For image models: the add-ons that apply.
    pub addons: Vec<CatalogAddon>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogImages {
    pub credits_per_image: u32,
    pub images_per_batch: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogResolution {
    pub id: String,
    /// Fixed clips (web): the lengths that exist, with their prices.
    pub clips: Vec<CatalogClip>,
    /// Per-second billing (iOS): the rate; any positive length is accepted.
    pub credits_per_second: Option<u32>,
    pub addons: Vec<CatalogAddon>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogClip {
    pub seconds: u32,
    pub credits: u32,
}

/// An add-on that is priced for this model (and resolution).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogAddon {
    pub kind: String,
    /// For upscale: the priced target resolutions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    /// For modify: the figure is published as "approximately".
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogTopUp {
    pub credits: u64,
    pub price_usd: String,
    pub valid_months: u32,
}

fn addon(kind: &str, to: Vec<String>, approximate: bool) -> CatalogAddon {
    CatalogAddon {
        kind: kind.to_owned(),
        to,
        approximate,
    }
}

/// The add-ons priced for a video model at one resolution on one platform.
fn video_addons(
    book: &PriceBook,
    model: &str,
    resolution: &str,
    has_clip_rate: bool,
) -> Vec<CatalogAddon> {
    let mut out = Vec::new();
    if has_clip_rate {
        out.push(addon("extend", Vec::new(), false));
    }
    let targets: Vec<String> = lowest_first(book.upscale_targets(resolution), |t| {
        book.resolution(t).map(|r| r.lines)
    })
    .into_iter()
    .map(str::to_owned)
    .collect();
    if !targets.is_empty() {
        out.push(addon("upscale", targets, false));
    }
    if book.reframe_video_rate(model).is_some() {
        out.push(addon("reframe", Vec::new(), false));
    }
    out.push(addon("modify", Vec::new(), book.modify().approximate));
    out
}

/// A model as sold on `platform`; `resolutions` are the book's, lowest first.
fn catalog_model(
    book: &PriceBook,
    resolutions: &[&schema::Resolution],
    platform: &schema::Platform,
    model: &schema::Model,
) -> CatalogModel {
    let mut entry = CatalogModel {
        id: model.id.to_string(),
        name: model.name.to_string(),
        output: model.output.as_ref().map(|o| o.to_string()),
        priced: false,
        note: None,
        images: None,
        resolutions: Vec::new(),
        addons: Vec::new(),
    };
    match PriceBook::output(model) {
        None => {
            entry.note = Some(match book.unpublished_costs(model) {
                Some(why) => format!("costs not published: “{why}”"),
                None => "costs not published".to_owned(),
            });
        }
        Some(Output::Image) => {
            if let Some(rate) = book.image_rate(&model.id, &platform.id) {
                entry.priced = true;
                entry.images = Some(CatalogImages {
                    credits_per_image: rate.credits_per_image,
                    images_per_batch: rate.images_per_batch,
                });
                if book.reframe_image_rate(&model.id).is_some() {
                    entry.addons.push(addon("reframe", Vec::new(), false));
                }
            }
        }
        Some(Output::Video) => {
            let step = book.step_seconds();
            if platform.id == book.clip_platform() {
                for res in resolutions {
                    let clips = lowest_first(
                        book.clips(&model.id)
                            .filter(|c| c.resolution == res.id)
                            .map(|c| CatalogClip {
                                seconds: c.seconds,
                                credits: c.credits,
                            }),
                        |c| c.seconds,
                    );
                    if clips.is_empty() {
                        continue;
                    }
                    let has_step_clip = clips.iter().any(|c| c.seconds == step);
                    entry.resolutions.push(CatalogResolution {
                        id: res.id.to_string(),
                        addons: video_addons(book, &model.id, &res.id, has_step_clip),
                        clips,
                        credits_per_second: None,
                    });
                }
            } else if platform.id == book.per_second_platform() {
                for res in resolutions {
                    if let Some(rate) = book
                        .per_second_rates(&model.id)
                        .find(|r| r.resolution == res.id)
                    {
                        entry.resolutions.push(CatalogResolution {
                            id: res.id.to_string(),
                            clips: Vec::new(),
                            credits_per_second: Some(rate.credits_per_second),
                            addons: video_addons(book, &model.id, &res.id, true),
                        });
                    }
                }
            }
            entry.priced = !entry.resolutions.is_empty();
        }
    }
    if !entry.priced && entry.note.is_none() {
        entry.note = Some(format!(
            "the article publishes no {} rate for {}",
            platform.name, model.name
        ));
    }
    entry
}

/// `items` ordered by `key`, lowest first, equal keys in the order given:
/// each is inserted after those no higher. For a handful of rows, and much
/// smaller in the wasm than the standard library's sort.
fn lowest_first<T, K: Ord>(items: impl IntoIterator<Item = T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        let k = key(&item);
        let at = out.partition_point(|x| key(x) <= k);
        out.insert(at, item);
    }
    out
}

/// Builds the catalog from the tables.
pub fn catalog(book: &PriceBook) -> Catalog {
    let edition = book.edition();
    let top_up = book.top_up();
    let resolutions = lowest_first(book.resolutions(), |r| r.lines);
    Catalog {
        edition: CatalogEdition {
            name: EditionStamp::of(book).name,
            effective: edition.effective.to_string(),
            sources: edition
                .sources
                .iter()
                .map(|s| CatalogSource {
                    title: s.title.to_string(),
                    url: s.url.as_ref().map(|u| u.to_string()),
                })
                .collect(),
        },
        products: book
            .products()
            .iter()
            .map(|p| CatalogProduct {
                id: p.id.to_string(),
                name: p.name.to_string(),
                open_to_purchases: p.open_to_purchases,
                status: p.status.to_string(),
            })
            .collect(),
        platforms: book
            .platforms()
            .iter()
            .map(|platform| CatalogPlatform {
                id: platform.id.to_string(),
                name: platform.name.to_string(),
                product: platform.product.to_string(),
                video_billing: if platform.id == book.clip_platform() {
                    VideoBilling::Clips
                } else if platform.id == book.per_second_platform() {
                    VideoBilling::PerSecond
                } else {
                    VideoBilling::Unpublished
                },
                models: book
                    .models_of(&platform.product)
                    .map(|m| catalog_model(book, &resolutions, platform, m))
                    .collect(),
            })
            .collect(),
        resolutions: resolutions.iter().map(|r| r.id.to_string()).collect(),
        addon_kinds: crate::quote::ADDON_KINDS.map(str::to_owned).to_vec(),
        billing_step_seconds: book.step_seconds(),
        top_up: CatalogTopUp {
            credits: top_up.credits,
            price_usd: money::usd_string(top_up.price_usd, PLAN_USD_PLACES),
            valid_months: top_up.valid_months,
        },
    }
}
