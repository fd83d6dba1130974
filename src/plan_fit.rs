//! `planFit()`: which plan covers a month of work, and what it costs with
//! top-ups.
//!
//! Rules (issue 3, `pricing/README.md`): Lite and Plus buy top-up packs for
//! what their allowance does not cover; plans with relaxed mode (Unlimited)
//! never need packs and run the excess in the relaxed queue; plans whose
//! allowance or price is not published (Free, Enterprise) are listed with the
//! reason and never recommended.

use crate::prelude::*;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, shown};
use crate::money::{self, MAX_COUNT, PLAN_USD_PLACES, add_count, ceil_div, grouped, mul_count};
use crate::quote::{self, EditionStamp, QuoteRequest, find_platform};
use crate::tables::book::{PlanPrice, PriceBook};

/// `planFit()`'s argument as JavaScript passes it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanFitRequest {
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    pub usage: Option<Vec<UsageLine>>,
    /// `"monthly"` (default) or `"annual"`.
    #[serde(default)]
    pub billing: Option<String>,
    #[serde(default)]
    pub needs: Option<Needs>,
}

/// A generation made `perMonth` times a month.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UsageLine {
    #[serde(default)]
    pub request: Option<QuoteRequest>,
    #[serde(default)]
    pub per_month: Option<f64>,
}

/// What the buyer needs from a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Needs {
    #[serde(default)]
    pub commercial_use: Option<bool>,
    #[serde(default)]
    pub no_watermark: Option<bool>,
}

/// How a plan is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Billing {
    Monthly,
    Annual,
}

impl Billing {
    /// The billing a request (or the widget's `billing` attribute) names:
    /// `"monthly"` or `"annual"`.
    pub fn from_id(id: &str) -> Option<Billing> {
        match id {
            "monthly" => Some(Billing::Monthly),
            "annual" => Some(Billing::Annual),
            _ => None,
        }
    }

    /// The name [`Billing::from_id`] reads.
    pub fn id(self) -> &'static str {
        match self {
            Billing::Monthly => "monthly",
            Billing::Annual => "annual",
        }
    }

    /// What `plan` costs a month under this billing, where it is published.
    /// A plan that is not paid for (Free, $0) is billed neither way: its
    /// price is the same under both (pricing/README.md, rule 19).
    pub fn price_of(self, plan: &PlanPrice) -> Option<Decimal> {
        match self {
            Billing::Annual if plan.row.paid => plan.annual_monthly_usd,
            _ => plan.monthly_usd,
        }
    }

    /// Why `plan` has no price under this billing ([`Billing::price_of`]
    /// gives none).
    pub fn unpriced_reason(self, plan: &PlanPrice) -> String {
        let row = &plan.row;
        match self {
            Billing::Annual if plan.monthly_usd.is_some() => {
                format!("{} has no published annual price", row.name)
            }
            _ => format!(
                "cannot be priced: {}'s price is {}",
                row.name,
                row.credits_note.as_deref().unwrap_or("not published")
            ),
        }
    }
}

/// The answer: each plan's monthly cost for this usage and the best fit.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanFit {
    pub monthly_credits: u64,
    /// The eligible plan with the lowest `totalUsd` (ties: more included credits).
    pub recommended: Option<String>,
    pub billing: Billing,
    pub plans: Vec<PlanOption>,
    /// What a buyer must know: closed platform, no rollover, no transfer.
    pub notices: Vec<String>,
    pub edition: EditionStamp,
}

/// One plan, priced for the month. `null` marks a figure that is not published.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanOption {
    pub id: String,
    pub name: String,
    /// The plan's price per month for the chosen billing, 2 places.
    pub price_usd: Option<String>,
    pub included_credits: Option<u64>,
    pub top_up_packs: Option<u64>,
    pub top_up_usd: Option<String>,
    pub total_usd: Option<String>,
    /// True when part of the month runs in the slower relaxed queue.
    pub relaxed: bool,
    /// True when the plan has relaxed mode at all (unlimited slower generations).
    pub relaxed_mode: bool,
    pub eligible: bool,
    pub fits_without_top_ups: Option<bool>,
    pub reasons: Vec<String>,
}

fn usd(value: Decimal) -> String {
    money::usd_string(value, PLAN_USD_PLACES)
}

/// [`usd`] for a sentence, its whole dollars grouped (`12,000.00`).
fn usd_text(value: Decimal) -> String {
    money::usd_grouped(value, PLAN_USD_PLACES)
}

/// The monthly credits a usage list adds up to, each line priced by `quote`,
/// and whether any of them come from an approximate quote.
fn monthly_credits(book: &PriceBook, platform: &str, usage: &[UsageLine]) -> Result<(u64, bool)> {
    let mut total = 0u64;
    let mut approximate = false;
    for (i, line) in usage.iter().enumerate() {
        let at = format!("usage[{i}]");
        let request = line.request.as_ref().ok_or_else(|| {
            Error::invalid_request_with(format_args!(
                "{at}.request is missing: give a quote() request"
            ))
        })?;
        let per_month = line.per_month.ok_or_else(|| {
            Error::invalid_request_with(format_args!(
                "{at}.perMonth is missing: how many a month, a whole number from 0"
            ))
        })?;
        let count = money::whole_count(per_month, 0).ok_or_else(|| {
            let field = format!("{at}.perMonth");
            Error::invalid_request(quote::not_a_count(&field, "a whole number", 0, per_month))
        })?;
        if let Some(p) = request.platform.as_deref()
            && p != platform
            && book.platform(p).is_some()
        {
            return Err(Error::with(
                ErrorCode::PlatformMismatch,
                format_args!(
                    "{at}.request is for {p} but these are {platform} plans: plans are sold for one platform each, so a plan is fitted to that platform's generations (fit each platform's usage on its own)"
                ),
            ));
        }
        let cost = quote::quote(book, request).map_err(|e| e.at(&format!("{at}.request")))?;
        approximate |= cost.approximate && count > 0;
        let line_total = mul_count(cost.credits, count).ok_or_else(|| {
            Error::invalid_request_with(format_args!(
                "{at}: the monthly total would exceed {} credits",
                grouped(MAX_COUNT)
            ))
        })?;
        total = add_count(total, line_total).ok_or_else(|| {
            Error::invalid_request_with(format_args!(
                "usage: the monthly total would exceed {} credits",
                grouped(MAX_COUNT)
            ))
        })?;
    }
    Ok((total, approximate))
}

/// The month's usage, as every plan is priced for it.
struct Month<'a> {
    /// Credits a month.
    need: u64,
    billing: Billing,
    needs: &'a Needs,
    /// Whether any of it is video.
    video: bool,
    /// Whether the plans' product sells top-ups (Dream Machine); Luma
    /// Agents' extra credits come from a spending limit whose price is not
    /// published.
    top_ups: bool,
}

/// Prices a plan of the platform for the month's usage.
fn price_plan(book: &PriceBook, plan: &PlanPrice, month: &Month<'_>) -> PlanOption {
    let Month {
        need,
        billing,
        needs,
        video,
        ..
    } = *month;
    let row = &plan.row;
    let price = billing.price_of(plan);
    let mut option = PlanOption {
        id: row.id.to_string(),
        name: row.name.to_string(),
        price_usd: price.map(usd),
        included_credits: row.credits.map(u64::from),
        top_up_packs: None,
        top_up_usd: None,
        total_usd: None,
        relaxed: false,
        relaxed_mode: row.relaxed_mode,
        eligible: true,
        fits_without_top_ups: None,
        reasons: Vec::new(),
    };

    // What the buyer's needs and usage rule out.
    if needs.commercial_use == Some(true) && row.commercial_use == Some(false) {
        option.eligible = false;
        option
            .reasons
            .push(format!("{} is for non-commercial use only", row.name));
    }
    if needs.no_watermark == Some(true) && row.watermark == Some(true) {
        option.eligible = false;
        option.reasons.push(format!("{} adds watermarks", row.name));
    }
    if video && row.images_only {
        option.eligible = false;
        option.reasons.push(format!(
            "{} makes images only, and this usage includes video",
            row.name
        ));
    }

    // What cannot be priced.
    let Some(price) = price else {
        option.eligible = false;
        option.reasons.push(billing.unpriced_reason(plan));
        return option;
    };
    let Some(included) = row.credits.map(u64::from) else {
        option.eligible = false;
        option.reasons.push(format!(
            "cannot be priced: {}'s monthly credits are {}",
            row.name,
            row.credits_note.as_deref().unwrap_or("not published")
        ));
        return option;
    };

    if billing == Billing::Annual
        && let Some(total) = plan.annual_total_usd
    {
        option
            .reasons
            .push(format!("billed ${} a year", usd_text(total)));
    }
    let fits = need <= included;
    option.fits_without_top_ups = Some(true);
    if row.relaxed_mode {
        option.top_up_packs = Some(0);
        option.top_up_usd = Some(usd(Decimal::ZERO));
        option.total_usd = Some(usd(price));
        option.relaxed = !fits;
        option.reasons.push(if fits {
            format!("{} fast credits cover the {} needed", grouped(included), grouped(need))
        } else {
            format!(
                "{} fast credits cover {} of {}; the other {} {} in relaxed mode (a slower queue), at no extra cost",
                grouped(included),
                grouped(included),
                grouped(need),
                grouped(need - included),
                money::plural(need - included, "runs", "run")
            )
        });
        return option;
    }
    if !month.top_ups && !fits {
        // (Luma Agents: "The spending limit feature, which allows users to
        // purchase additional credits beyond their plan allocation".)
        option.eligible = false;
        option.fits_without_top_ups = Some(false);
        option.reasons.push(format!(
            "{} credits cover {} of {}; the other {} would come from the opt-in spending limit, whose price is not published",
            grouped(included),
            grouped(included),
            grouped(need),
            grouped(need - included)
        ));
        return option;
    }
    let top_up = book.top_up();
    let excess = need.saturating_sub(included);
    // top_up.credits is validated to be above 0.
    let packs = ceil_div(excess, top_up.credits).unwrap_or(0);
    // packs ≤ 2^53, price a few dollars: far inside Decimal's range.
    let top_up_usd = Decimal::from(packs) * top_up.price_usd;
    option.top_up_packs = Some(packs);
    option.top_up_usd = Some(usd(top_up_usd));
    option.total_usd = Some(usd(price + top_up_usd));
    option.fits_without_top_ups = Some(fits);
    option.reasons.push(if fits {
        format!(
            "{} credits cover the {} needed",
            grouped(included),
            grouped(need)
        )
    } else {
        format!(
            "{} credits cover {} of {}; {} top-up {} of {} (${}) {} the other {}",
            grouped(included),
            grouped(included),
            grouped(need),
            grouped(packs),
            money::plural(packs, "pack", "packs"),
            grouped(top_up.credits),
            usd_text(top_up_usd),
            money::plural(packs, "covers", "cover"),
            grouped(excess)
        )
    });
    option
}

/// The first notice when `product` is closed to purchases: its published
/// status, and that the figures are for reference.
pub fn closed_notice(book: &PriceBook, product: &str) -> Option<String> {
    let product = book.product(product).filter(|p| !p.open_to_purchases)?;
    Some(format!(
        "{} is closed to new purchases: “{}” These figures are for reference.",
        product.name, product.status
    ))
}

/// The notices a buyer must read before choosing a plan.
fn notices(book: &PriceBook, platform_product: &str) -> Vec<String> {
    let mut out: Vec<String> = closed_notice(book, platform_product).into_iter().collect();
    out.push(
        "Monthly credits do not roll over: the balance resets to the plan's allowance when the billing cycle renews."
            .to_owned(),
    );
    let top_up = book.top_up();
    if book
        .product(platform_product)
        .is_some_and(|p| p.sells_top_ups())
    {
        out.push(format!(
            "Top-up credits (${} per {}) last {} months from purchase and count only on an active paid plan.",
            usd_text(top_up.price_usd),
            grouped(top_up.credits),
            top_up.valid_months
        ));
    }
    let names: Vec<&str> = book.products().iter().map(|p| p.name.as_ref()).collect();
    if names.len() > 1 {
        out.push(format!(
            "{} credits never transfer between each other: they are separate products with separate credit pools.",
            crate::error::all_of(&names)
        ));
    }
    out
}

/// Prices a month of usage on every plan of the platform.
pub fn plan_fit(book: &PriceBook, request: &PlanFitRequest) -> Result<PlanFit> {
    let platform = find_platform(book, request.platform.as_deref())?;
    let billing = match request.billing.as_deref() {
        None => Billing::Monthly,
        Some(id) => Billing::from_id(id).ok_or_else(|| {
            Error::invalid_request_with(format_args!(
                "billing {} is not a billing period: use monthly or annual",
                shown(id)
            ))
        })?,
    };
    let plans = book.plans_for_platform(&platform.id).ok_or_else(|| {
        Error::unpriced_with(format_args!(
            "{} plans are not published: there is nothing to fit",
            platform.name
        ))
    })?;
    if plans.iter().all(|p| p.row.credits.is_none()) {
        return Err(Error::unpriced_with(format_args!(
            "{} plans exist but their credit allocations are not published, so no plan can be fitted",
            platform.name
        )));
    }
    let usage = request.usage.as_deref().ok_or_else(|| {
        Error::invalid_request("usage is missing: give a list of { request, perMonth }")
    })?;
    let (need, approximate) = monthly_credits(book, &platform.id, usage)?;
    let video = usage.iter().any(|line| {
        line.per_month.is_some_and(|n| n > 0.0)
            && line
                .request
                .as_ref()
                .is_some_and(|r| book.makes_video(r.model.as_deref()))
    });
    let needs = request.needs.clone().unwrap_or_default();
    let month = Month {
        need,
        billing,
        needs: &needs,
        video,
        top_ups: book
            .product(&platform.product)
            .is_some_and(|p| p.sells_top_ups()),
    };
    let options: Vec<PlanOption> = plans.iter().map(|p| price_plan(book, p, &month)).collect();
    let recommended = recommend(&options);
    let mut notices = notices(book, &platform.product);
    if approximate {
        notices.push(format!(
            "Modify costs are approximate (“{}”): a month that takes more credits may need a bigger plan or more top-ups.",
            book.modify().quote
        ));
    }
    Ok(PlanFit {
        monthly_credits: need,
        recommended,
        billing,
        plans: options,
        notices,
        edition: EditionStamp::of(book),
    })
}

/// The eligible, priced plan with the lowest total; on a tie, more included
/// credits; then the one with relaxed mode (it runs the excess for free);
/// then the first listed.
pub fn recommend(options: &[PlanOption]) -> Option<String> {
    let mut best: Option<((Decimal, u64, bool), &PlanOption)> = None;
    for option in options.iter().filter(|o| o.eligible) {
        let Some(total) = option
            .total_usd
            .as_deref()
            .and_then(|t| Decimal::from_str_exact(t).ok())
        else {
            continue;
        };
        let key = (
            total,
            option.included_credits.unwrap_or(0),
            option.relaxed_mode,
        );
        let better = match &best {
            None => true,
            Some(((t, c, r), _)) => {
                key.0 < *t || (key.0 == *t && (key.1 > *c || (key.1 == *c && key.2 && !*r)))
            }
        };
        if better {
            best = Some((key, option));
        }
    }
    best.map(|(_, o)| o.id.clone())
}
