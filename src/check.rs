//! `check()`: can this wallet pay for this generation now, and from which
//! credit pools.
//!
//! Dream Machine draws monthly, then gifted, then top-ups (oldest first);
//! top-ups count only on an active paid plan and for `validMonths` after
//! purchase. Luma Agents draws monthly, then gifted, then the opt-in spending
//! limit; when that is not enough generation pauses. See `pricing/README.md`.

use crate::prelude::*;

use serde::{Deserialize, Serialize};

use crate::calendar::{self, Date};
use crate::error::{Error, ErrorCode, Result, one_of, shown};
use crate::money::{self, MAX_COUNT, add_count, ceil_div, grouped};
use crate::quote::{self, EditionStamp, QuoteRequest};
use crate::tables::book::{PlanPrice, PriceBook};
use crate::tables::schema;

/// A credit balance as JavaScript passes it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wallet {
    /// The product: `"dream-machine"` or `"luma-agents"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// `"active"`, `"paused"` or `"cancelled"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gifted: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_ups: Option<Vec<TopUpLot>>,
    /// Luma Agents: credits the opt-in spending limit still allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spending_limit: Option<f64>,
}

/// Top-up credits bought on one day.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopUpLot {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<f64>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchased: Option<String>,
}

/// `{ credits }`: a cost the caller already knows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KnownCost {
    #[serde(default)]
    pub credits: Option<f64>,
    /// Optional: the platform the credits are for, checked against the wallet.
    #[serde(default)]
    pub platform: Option<String>,
}

/// What `check()` is asked to pay for.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckRequest {
    /// A `quote()` request, priced first.
    Generation(QuoteRequest),
    /// A known number of credits.
    Credits(KnownCost),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// The pools cover it; `draws` says from where.
    Ok,
    /// Not enough credits, but the plan runs it in the relaxed queue for free.
    Relaxed,
    /// Not enough credits; nothing is drawn.
    Insufficient,
    /// Luma Agents: not enough credits or spending limit; generation pauses.
    Paused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Pool {
    Monthly,
    Gifted,
    TopUp,
    SpendingLimit,
}

/// Credits taken from one pool.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draw {
    pub pool: Pool,
    pub credits: u64,
    /// For a top-up: its place in `wallet.topUps` as given (the draws take
    /// the oldest first, whatever the order given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_up_index: Option<usize>,
    /// For a top-up: its purchase date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchased: Option<String>,
    /// For a top-up: the day it stops counting, `validMonths` after its
    /// purchase (rule 25); it counts through the day before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// The answer of `check()`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    pub verdict: Verdict,
    pub cost: u64,
    /// The cost is approximate (modify), as the quote says: the generation
    /// may take more or fewer credits, so the verdict holds for this figure.
    pub approximate: bool,
    /// The credits the wallet can spend now: monthly, gifted and the top-ups
    /// that count (not the spending limit, nor hidden top-ups).
    pub available: u64,
    /// What the generation takes, in order; empty unless the verdict is `ok`.
    pub draws: Vec<Draw>,
    /// Credits missing; 0 for `ok` and `relaxed`.
    pub shortfall: u64,
    /// Dream Machine, `insufficient`: top-up packs that would cover the shortfall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_up_packs: Option<u64>,
    /// What can be done, each true for this wallet.
    pub remedies: Vec<String>,
    /// Why the verdict is what it is.
    pub reasons: Vec<String>,
    /// Unexpired top-up credits that do not count now (plan not active and paid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_top_up_credits: Option<u64>,
    pub edition: EditionStamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subscription {
    Active,
    Paused,
    Cancelled,
}

impl Subscription {
    fn text(self) -> &'static str {
        match self {
            Subscription::Active => "active",
            Subscription::Paused => "paused",
            Subscription::Cancelled => "cancelled",
        }
    }
}

struct Lot {
    /// Its place in `wallet.topUps`.
    index: usize,
    credits: u64,
    purchased: Date,
    expires: Date,
}

/// A wallet after validation.
struct Checked<'a> {
    product: &'a schema::Product,
    plan: &'a PlanPrice,
    plans: &'a [PlanPrice],
    subscription: Subscription,
    today: Date,
    monthly: u64,
    gifted: u64,
    lots: Vec<Lot>,
    spending_limit: Option<u64>,
}

/// A whole number from 0 for a wallet field.
fn wallet_count(field: &str, value: f64) -> Result<u64> {
    money::whole_count(value, 0).ok_or_else(|| {
        Error::invalid_wallet(quote::not_a_count(
            field,
            "a whole number of credits",
            0,
            value,
        ))
    })
}

fn wallet_date(field: &str, text: &str) -> Result<Date> {
    calendar::parse_date(text).ok_or_else(|| {
        Error::invalid_wallet_with(format_args!(
            "{field} must be a real date written YYYY-MM-DD, got {}",
            shown(text)
        ))
    })
}

fn validate<'a>(book: &'a PriceBook, wallet: &Wallet) -> Result<Checked<'a>> {
    let products: Vec<&str> = book.products().iter().map(|p| p.id.as_ref()).collect();
    let product_id = wallet.platform.as_deref().ok_or_else(|| {
        Error::invalid_wallet_with(format_args!(
            "wallet.platform is missing: use {}",
            one_of(&products)
        ))
    })?;
    let product = book.product(product_id).ok_or_else(|| {
        Error::invalid_wallet_with(format_args!(
            "wallet.platform {} is not a product: use {} (wallets belong to a product, not to web or iOS)",
            shown(product_id),
            one_of(&products)
        ))
    })?;
    let plans = book.plans_for_product(&product.id).ok_or_else(|| {
        Error::invalid_wallet_with(format_args!("{} has no plans in the tables", product.name))
    })?;
    let plan_ids: Vec<&str> = plans.iter().map(|p| p.row.id.as_ref()).collect();
    let plan_id = wallet.plan.as_deref().ok_or_else(|| {
        Error::invalid_wallet_with(format_args!(
            "wallet.plan is missing: {} plans are {}",
            product.name,
            one_of(&plan_ids)
        ))
    })?;
    let plan = plans.iter().find(|p| p.row.id == plan_id).ok_or_else(|| {
        Error::invalid_wallet_with(format_args!(
            "wallet.plan {} is not a {} plan: use {}",
            shown(plan_id),
            product.name,
            one_of(&plan_ids)
        ))
    })?;
    let subscription = match wallet.subscription.as_deref() {
        Some("active") => Subscription::Active,
        Some("paused") => Subscription::Paused,
        Some("cancelled") => Subscription::Cancelled,
        Some(other) => {
            return Err(Error::invalid_wallet_with(format_args!(
                "wallet.subscription {} is not a state: use active, paused or cancelled",
                shown(other)
            )));
        }
        None => {
            return Err(Error::invalid_wallet(
                "wallet.subscription is missing: use active, paused or cancelled",
            ));
        }
    };
    let today_text = wallet.today.as_deref().ok_or_else(|| {
        Error::invalid_wallet("wallet.today is missing: give today's date as YYYY-MM-DD")
    })?;
    let today = wallet_date("wallet.today", today_text)?;
    let monthly = wallet
        .monthly
        .ok_or_else(|| {
            Error::invalid_wallet(
                "wallet.monthly is missing: the monthly credits left, a whole number from 0",
            )
        })
        .and_then(|m| wallet_count("wallet.monthly", m))?;
    let gifted = wallet
        .gifted
        .map(|g| wallet_count("wallet.gifted", g))
        .transpose()?
        .unwrap_or(0);

    let allows_top_ups = product.sells_top_ups();
    let mut lots = Vec::new();
    if let Some(top_ups) = &wallet.top_ups {
        if !allows_top_ups && !top_ups.is_empty() {
            return Err(Error::invalid_wallet_with(format_args!(
                "wallet.topUps: {} has no top-up credits; its extra credits come through spendingLimit",
                product.name
            )));
        }
        for (i, lot) in top_ups.iter().enumerate() {
            let at = format!("wallet.topUps[{i}]");
            let credits = lot
                .credits
                .ok_or_else(|| Error::invalid_wallet_with(format_args!("{at}.credits is missing")))
                .and_then(|c| wallet_count(&format!("{at}.credits"), c))?;
            let purchased_text = lot.purchased.as_deref().ok_or_else(|| {
                Error::invalid_wallet_with(format_args!(
                    "{at}.purchased is missing: the purchase date, YYYY-MM-DD"
                ))
            })?;
            let purchased = wallet_date(&format!("{at}.purchased"), purchased_text)?;
            if purchased > today {
                return Err(Error::invalid_wallet_with(format_args!(
                    "{at}.purchased {purchased_text} is after wallet.today {today_text}"
                )));
            }
            let expires = book.top_up_expires(purchased).ok_or_else(|| {
                Error::invalid_wallet_with(format_args!(
                    "{at}.purchased {purchased_text} is too late: the top-up would count past 9999-12-31, the last date a wallet can give"
                ))
            })?;
            // Oldest purchase first; equal dates keep their given order.
            let at = lots.partition_point(|l: &Lot| l.purchased <= purchased);
            lots.insert(
                at,
                Lot {
                    index: i,
                    credits,
                    purchased,
                    expires,
                },
            );
        }
    }

    let spending_limit = wallet
        .spending_limit
        .map(|s| wallet_count("wallet.spendingLimit", s))
        .transpose()?;
    if spending_limit.is_some() && allows_top_ups {
        return Err(Error::invalid_wallet_with(format_args!(
            "wallet.spendingLimit: {} has no spending limit; it uses top-up credits",
            product.name
        )));
    }
    Ok(Checked {
        product,
        plan,
        plans,
        subscription,
        today,
        monthly,
        gifted,
        lots,
        spending_limit,
    })
}

/// What a request costs, as far as a balance check needs to know.
struct Cost {
    credits: u64,
    /// The quote is approximate (modify): the real cost may differ.
    approximate: bool,
    /// A generation by a video model (a plan that makes images only cannot run it).
    video: bool,
    /// A cost the app gave (`{ credits }`): what it is for is not known.
    known: bool,
    /// For a platform whose plans are not published (the iOS app): what
    /// its subscriptions give a month is not known.
    plans_unpublished: bool,
}

/// The cost, after checking the request is for the wallet's product.
fn cost_of(book: &PriceBook, wallet: &Checked<'_>, request: &CheckRequest) -> Result<Cost> {
    let platform = match request {
        CheckRequest::Generation(r) => r.platform.as_deref(),
        CheckRequest::Credits(c) => c.platform.as_deref(),
    };
    if let Some(platform) = platform.and_then(|p| book.platform(p))
        && platform.product != wallet.product.id
    {
        let other = book
            .product(&platform.product)
            .map_or(platform.product.as_ref(), |p| p.name.as_ref());
        // "Dream Machine (web)" already names its product; "Luma Agents" is one.
        let named = if platform.name.starts_with(other) {
            platform.name.to_string()
        } else {
            format!("{} ({other})", platform.name)
        };
        return Err(Error::with(
            ErrorCode::PlatformMismatch,
            format_args!(
                "the request is for {named} but the wallet holds {} credits: credits cannot transfer between {} and {other}",
                wallet.product.name, wallet.product.name
            ),
        ));
    }
    let plans_unpublished = platform.is_some_and(|p| book.plans_for_platform(p).is_none());
    match request {
        CheckRequest::Generation(r) => {
            if r.platform.is_none() {
                // Neither a generation nor a known cost: say both are allowed.
                return Err(Error::invalid_request_with(format_args!(
                    "{}, or give {{ credits }} when the cost is already known",
                    quote::missing_platform(book)
                )));
            }
            let q = quote::quote(book, r)?;
            Ok(Cost {
                credits: q.credits,
                approximate: q.approximate,
                video: book.makes_video(r.model.as_deref()),
                known: false,
                plans_unpublished,
            })
        }
        CheckRequest::Credits(c) => {
            if let Some(p) = c.platform.as_deref() {
                quote::find_platform(book, Some(p))?;
            }
            let credits = c.credits.ok_or_else(|| {
                Error::invalid_request("credits is missing: give { credits } or a quote() request")
            })?;
            Ok(Cost {
                credits: quote::parse_count("credits", credits)?,
                approximate: false,
                video: false,
                known: true,
                plans_unpublished,
            })
        }
    }
}

/// A pool of credits: which, how many, and for a top-up the lot.
type Pools<'a> = [(Pool, u64, Option<&'a Lot>)];

/// Takes `cost` from the pools in order; the draws, or `None` if they fall short.
fn draw(cost: u64, pools: &Pools<'_>) -> Vec<Draw> {
    let mut left = cost;
    let mut draws = Vec::new();
    for (pool, available, lot) in pools {
        if left == 0 {
            break;
        }
        let take = left.min(*available);
        if take > 0 {
            draws.push(Draw {
                pool: *pool,
                credits: take,
                top_up_index: lot.map(|l| l.index),
                purchased: lot.map(|l| calendar::format_date(l.purchased)),
                expires: lot.map(|l| calendar::format_date(l.expires)),
            });
            left -= take;
        }
    }
    draws
}

fn total(pools: &Pools<'_>) -> Result<u64> {
    pools
        .iter()
        .try_fold(0u64, |sum, (_, credits, _)| add_count(sum, *credits))
        .ok_or_else(too_many_credits)
}

/// A wallet whose credits, or hidden top-up credits, add up past what
/// JavaScript holds exactly (rule 15: refused, not a wrong number).
fn too_many_credits() -> Error {
    Error::invalid_wallet_with(format_args!(
        "the wallet holds more than {} credits",
        grouped(MAX_COUNT)
    ))
}

/// Checks a wallet against a generation.
pub fn check(book: &PriceBook, wallet: &Wallet, request: &CheckRequest) -> Result<CheckResult> {
    let w = validate(book, wallet)?;
    let cost = cost_of(book, &w, request)?;
    let mut result = CheckResult {
        verdict: Verdict::Ok,
        cost: cost.credits,
        approximate: cost.approximate,
        available: 0,
        draws: Vec::new(),
        shortfall: 0,
        top_up_packs: None,
        remedies: Vec::new(),
        reasons: Vec::new(),
        hidden_top_up_credits: None,
        edition: EditionStamp::of(book),
    };
    if w.product.extra_credits == "spendingLimit" {
        check_agents(&w, &mut result)?;
    } else {
        check_dream_machine(book, &w, &cost, &mut result)?;
    }
    if w.subscription != Subscription::Active {
        // A reading (pricing/README.md, rule 24): said, since a person could
        // expect a paused or cancelled plan to pay for nothing.
        result.reasons.push(format!(
            "the monthly and gifted credits given are counted although the subscription is {}: the articles say what a pause or a cancellation does to top-ups and to billing, not to credits already in the balance",
            w.subscription.text()
        ));
    }
    if cost.approximate {
        result.reasons.push(format!(
            "the cost is approximate (“{}”): the generation may take more or fewer credits than this",
            book.modify().quote
        ));
    }
    Ok(result)
}

/// The answer of `checkMany()`: generations made one after another from one
/// wallet, each checked against the wallet as the ones before it left it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryboardCheck {
    /// `ok` when every generation is; otherwise the verdict of the first one
    /// that cannot be made (`insufficient` or `paused`), if any; otherwise
    /// `relaxed`.
    pub verdict: Verdict,
    /// The generations' costs added up.
    pub cost: u64,
    /// Whether any of those costs is approximate (modify).
    pub approximate: bool,
    /// What the `ok` generations take from the wallet, added up.
    pub drawn: u64,
    /// The place in `requests` of the first generation that cannot be made.
    pub first_short: Option<usize>,
    /// Each generation's check, in order.
    pub results: Vec<CheckResult>,
    /// The wallet once the `ok` generations have taken their draws.
    pub wallet_after: Wallet,
}

/// Checks generations made one after another from one wallet: each takes
/// its draws when its verdict is `ok`, and nothing otherwise (a `relaxed`
/// one runs in the relaxed queue; an `insufficient` or `paused` one is not
/// made), so the next is checked against what is left. An error names the
/// generation it comes from (`requests[2]: …`).
pub fn check_many(
    book: &PriceBook,
    wallet: &Wallet,
    requests: &[CheckRequest],
) -> Result<StoryboardCheck> {
    // A faulty wallet is said once, and also for an empty storyboard.
    validate(book, wallet)?;
    let mut out = StoryboardCheck {
        verdict: Verdict::Ok,
        cost: 0,
        approximate: false,
        drawn: 0,
        first_short: None,
        results: Vec::with_capacity(requests.len()),
        wallet_after: wallet.clone(),
    };
    for (i, request) in requests.iter().enumerate() {
        let result = check(book, &out.wallet_after, request).map_err(|e| {
            if e.code() == ErrorCode::InvalidWallet {
                e
            } else {
                e.at(&format!("requests[{i}]"))
            }
        })?;
        out.cost = add_count(out.cost, result.cost).ok_or_else(storyboard_overflow)?;
        out.approximate |= result.approximate;
        match result.verdict {
            Verdict::Ok => {
                out.drawn += result.cost;
                take(&mut out.wallet_after, &result.draws);
            }
            Verdict::Relaxed if out.verdict == Verdict::Ok => out.verdict = Verdict::Relaxed,
            Verdict::Relaxed => {}
            Verdict::Insufficient | Verdict::Paused => {
                if out.first_short.is_none() {
                    out.first_short = Some(i);
                    out.verdict = result.verdict;
                }
            }
        }
        out.results.push(result);
    }
    Ok(out)
}

fn storyboard_overflow() -> Error {
    Error::invalid_request_with(format_args!(
        "the storyboard's costs add up past {} credits, the largest whole number JavaScript holds exactly",
        grouped(MAX_COUNT)
    ))
}

/// Takes a check's draws off the wallet they were drawn from (each is at
/// most what its pool holds, so every count stays a whole number from 0).
fn take(wallet: &mut Wallet, draws: &[Draw]) {
    for d in draws {
        let pool = match d.pool {
            Pool::Monthly => wallet.monthly.as_mut(),
            Pool::Gifted => wallet.gifted.as_mut(),
            Pool::SpendingLimit => wallet.spending_limit.as_mut(),
            Pool::TopUp => wallet
                .top_ups
                .as_mut()
                .zip(d.top_up_index)
                .and_then(|(lots, i)| lots.get_mut(i))
                .and_then(|lot| lot.credits.as_mut()),
        };
        if let Some(credits) = pool {
            // Both below 2^53: exact in an f64.
            *credits -= d.credits as f64;
        }
    }
}

fn check_dream_machine(
    book: &PriceBook,
    w: &Checked<'_>,
    request: &Cost,
    r: &mut CheckResult,
) -> Result<()> {
    let cost = r.cost;
    let plan = &w.plan.row;
    let top_ups_count = w.subscription == Subscription::Active && plan.paid;
    // (Not for the iOS app, whose plans' allowances are not published: the
    // web plan of the same name says nothing of them.)
    let allowance = plan.credits.filter(|_| !request.plans_unpublished);
    if let Some(allowance) = allowance.filter(|a| w.monthly > u64::from(*a)) {
        // Counted as given: the figure may be right (Luma does not say what
        // a change of plan mid-cycle leaves), but it is worth a second look.
        r.reasons.push(format!(
            "the {} monthly credits left are more than {}'s allowance of {} a month (monthly credits reset to it and do not roll over): check the figure; it is counted as given",
            grouped(w.monthly),
            plan.name,
            grouped(allowance.into())
        ));
    }
    let mut pools = vec![
        (Pool::Monthly, w.monthly, None),
        (Pool::Gifted, w.gifted, None),
    ];
    let mut hidden = 0u64;
    for lot in &w.lots {
        if w.today >= lot.expires {
            r.reasons.push(format!(
                "a top-up of {} bought {} expired on {} ({} months after purchase) and no longer counts",
                money::credits(lot.credits),
                calendar::format_date(lot.purchased),
                calendar::format_date(lot.expires),
                book.top_up().valid_months
            ));
        } else if top_ups_count {
            pools.push((Pool::TopUp, lot.credits, Some(lot)));
        } else {
            hidden = add_count(hidden, lot.credits).ok_or_else(too_many_credits)?;
        }
    }
    if hidden > 0 {
        r.hidden_top_up_credits = Some(hidden);
        let why = if !plan.paid {
            format!("on the {} plan", plan.name)
        } else {
            format!("while the subscription is {}", w.subscription.text())
        };
        r.reasons.push(format!(
            "{} top-up credits are hidden {why}: top-ups count only on an active paid plan, and stay valid for {} months from purchase{}",
            grouped(hidden),
            book.top_up().valid_months,
            if w.product.open_to_purchases {
                String::new()
            } else {
                format!(
                    "; {} sells no plans or renewals now, so they cannot be made to count",
                    w.product.name
                )
            }
        ));
    }
    let available = total(&pools)?;
    r.available = available;
    // Asked only when the answer is no: it reads every price row.
    let cheaper_fits = || {
        book.cheapest_generation(&w.product.id, plan.images_only)
            .is_some_and(|c| c <= available)
    };
    if request.video && plan.images_only {
        // No credit of this plan pays for video: the whole cost is missing.
        r.verdict = Verdict::Insufficient;
        r.shortfall = cost;
        r.top_up_packs = Some(ceil_div(cost, book.top_up().credits).unwrap_or(0));
        r.reasons.push(images_only_refusal(&plan.name));
        if cheaper_fits() {
            r.remedies.push(format!(
                "Make images instead: {} makes images only, and up to {} credits' worth goes through now",
                plan.name,
                grouped(available)
            ));
        }
        let video_plans: Vec<&str> = w
            .plans
            .iter()
            .filter(|p| p.row.paid && !p.row.images_only)
            .map(|p| p.row.name.as_ref())
            .collect();
        if w.product.open_to_purchases {
            if !video_plans.is_empty() {
                r.remedies
                    .push(format!("Upgrade to {} to make video", one_of(&video_plans)));
            }
        } else {
            r.remedies.push(format!(
                "{} no longer sells plans, so video cannot be added to {}; “{}”",
                w.product.name, plan.name, w.product.status
            ));
            push_elsewhere(book, w, r);
        }
        return Ok(());
    }
    if request.known && plan.images_only {
        // The rule above cannot be applied to a bare figure: said, so an app
        // that checks a video's cost this way is not told it can run.
        r.reasons.push(format!(
            "{} makes images only: a known cost is checked as credits alone, so this holds only if it is for images",
            plan.name
        ));
    }
    if cost <= available {
        r.draws = draw(cost, &pools);
        r.reasons.push(covered(
            available,
            cost,
            "gifted, then top-ups, oldest first",
        ));
        if plan.relaxed_mode && r.draws.iter().any(|d| d.pool == Pool::TopUp) {
            r.reasons.push(format!(
                "top-ups are fast credits (“Automatically used after your monthly credits are exhausted”): on {} relaxed mode starts once they run out too (“When Fast Credits run out, you automatically switch to Relaxed Mode”)",
                plan.name
            ));
        }
        return Ok(());
    }
    if w.subscription == Subscription::Active && plan.relaxed_mode {
        r.verdict = Verdict::Relaxed;
        r.reasons.push(format!(
            "{} available {} the {} this costs; on {} the generation runs in relaxed mode instead: a slower queue that draws no credits",
            money::credits(available),
            money::plural(available, "does not cover", "do not cover"),
            grouped(cost),
            plan.name
        ));
        return Ok(());
    }
    let shortfall = cost - available;
    let top_up = book.top_up();
    let packs = ceil_div(shortfall, top_up.credits).unwrap_or(0);
    r.verdict = Verdict::Insufficient;
    r.shortfall = shortfall;
    r.top_up_packs = Some(packs);
    r.reasons.push(format!(
        "{} available, {} needed: {} short",
        money::credits(available),
        grouped(cost),
        grouped(shortfall)
    ));
    if plan.relaxed_mode {
        r.reasons.push(format!(
            "relaxed mode on {} needs an active subscription; this one is {}",
            plan.name,
            w.subscription.text()
        ));
    }
    let pack_text = format!(
        "{} top-up {} of {} credits (${})",
        grouped(packs),
        money::plural(packs, "pack", "packs"),
        grouped(top_up.credits),
        money::usd_grouped(
            rust_decimal::Decimal::from(packs) * top_up.price_usd,
            money::PLAN_USD_PLACES
        )
    );
    if cheaper_fits() {
        r.remedies.push(cheaper_generation(available, ""));
    }
    if hidden > 0 && w.product.open_to_purchases {
        r.remedies.push(format!(
            "Your {} hidden top-up credits count again once the subscription is active on a paid plan{}",
            grouped(hidden),
            if hidden >= shortfall { ", which would cover this" } else { "" }
        ));
    }
    if w.product.open_to_purchases {
        if top_ups_count {
            r.remedies.push(format!(
                "Buy {pack_text} to cover the {} missing",
                grouped(shortfall)
            ));
        } else {
            r.remedies.push(format!(
                "Top-ups ({pack_text}) can only be bought and used on an active paid plan: reactivate or upgrade first"
            ));
        }
        if w.subscription == Subscription::Active {
            r.remedies.push("Wait for the billing cycle to renew: monthly credits reset to the plan's allowance".to_owned());
        }
        let relaxed_plans: Vec<&str> = w
            .plans
            .iter()
            .filter(|p| p.row.relaxed_mode && p.row.id != plan.id)
            .map(|p| p.row.name.as_ref())
            .collect();
        if !plan.relaxed_mode && !relaxed_plans.is_empty() {
            r.remedies.push(format!(
                "Upgrade to {}: once fast credits run out, generations continue in relaxed mode",
                one_of(&relaxed_plans)
            ));
        }
    } else {
        // What buying would have taken is said only where top-ups would count.
        let would_take = if top_ups_count {
            format!(" (it would take {pack_text})")
        } else {
            String::new()
        };
        r.remedies.push(format!(
            "{} no longer sells credits, plans or renewals, so the {} missing cannot be bought{would_take}; “{}”",
            w.product.name,
            grouped(shortfall),
            w.product.status
        ));
        push_elsewhere(book, w, r);
    }
    Ok(())
}

/// The remedy of a closed product: another product that is sold now.
fn push_elsewhere(book: &PriceBook, w: &Checked<'_>, r: &mut CheckResult) {
    if let Some(open) = book.products().iter().find(|p| p.open_to_purchases) {
        r.remedies.push(format!(
            "Generate on {} instead: it is sold now, with its own plans and credits ({} credits do not transfer)",
            open.name, w.product.name
        ));
    }
}

/// The reason when the credits available pay: "60 credits available cover
/// the 55 this costs; monthly credits go first, then `after_monthly`".
fn covered(available: u64, cost: u64, after_monthly: &str) -> String {
    format!(
        "{} available {} the {} this costs; monthly credits go first, then {after_monthly}",
        money::credits(available),
        money::plural(available, "covers", "cover"),
        grouped(cost)
    )
}

/// Why a video cannot run on a plan that makes images only (the widget says
/// it too, of a known cost it knows to be a video).
pub(crate) fn images_only_refusal(plan: &str) -> String {
    format!(
        "{plan} makes images only, and this is a video generation: it cannot run on this plan whatever the balance"
    )
}

/// The remedy of a cheaper generation, of up to `affordable` credits;
/// `through` says how they are paid, if that needs saying.
fn cheaper_generation(affordable: u64, through: &str) -> String {
    format!(
        "Choose a cheaper generation: one of up to {} goes through now{through}",
        money::credits(affordable)
    )
}

fn check_agents(w: &Checked<'_>, r: &mut CheckResult) -> Result<()> {
    let cost = r.cost;
    let pools = [
        (Pool::Monthly, w.monthly, None),
        (Pool::Gifted, w.gifted, None),
    ];
    let available = total(&pools)?;
    r.available = available;
    if w.gifted > 0 {
        r.reasons.push(
            "gifted and promotional credits do not roll over: they expire at the end of the billing cycle".to_owned(),
        );
    }
    if cost <= available {
        r.draws = draw(cost, &pools);
        r.reasons.push(covered(available, cost, "gifted"));
        return Ok(());
    }
    let rest = cost - available;
    // The spending limit buys credits, and only an active subscription is
    // billed (pricing/README.md, rule 28).
    let billed = w.subscription == Subscription::Active;
    let limit = if billed {
        w.spending_limit.unwrap_or(0)
    } else {
        0
    };
    if !billed && w.spending_limit.is_some_and(|l| l > 0) {
        r.reasons.push(format!(
            "the spending limit pays nothing while the subscription is {}: it buys credits beyond the plan's allocation, and only an active subscription is billed (“After cancellation, the account reverts to a free account and billing simply stops.”)",
            w.subscription.text()
        ));
    }
    if limit >= rest {
        r.draws = draw(available, &pools);
        r.draws.push(Draw {
            pool: Pool::SpendingLimit,
            credits: rest,
            top_up_index: None,
            purchased: None,
            expires: None,
        });
        r.reasons.push(format!(
            "{} available; the opt-in spending limit pays the other {} (it allows {})",
            money::credits(available),
            grouped(rest),
            grouped(limit)
        ));
        return Ok(());
    }
    r.verdict = Verdict::Paused;
    r.shortfall = rest;
    r.reasons.push(format!(
        "{} available, {} needed: generation pauses; there are no automatic overage charges",
        money::credits(available),
        grouped(cost)
    ));
    // The limit must cover the rest, also once an inactive subscription is
    // reactivated (it may be off, or too small, there too). Its verb comes
    // as it starts a remedy and as it follows "then".
    let set_limit = match w.spending_limit {
        Some(limit) if limit >= rest => None,
        Some(limit) => Some((
            ["Raise", "raise"],
            format!(
                "the spending limit to at least {} (it allows {} now)",
                money::credits(rest),
                grouped(limit)
            ),
        )),
        None => Some((
            ["Turn on", "turn on"],
            format!(
                "the opt-in spending limit and allow at least {}",
                money::credits(rest)
            ),
        )),
    };
    let inactive = format!(
        "it is {}, and the spending limit pays only on an active one",
        w.subscription.text()
    );
    r.remedies.push(match set_limit {
        Some(([verb, _], what)) if billed => format!("{verb} {what}"),
        Some(([_, verb], what)) => {
            format!("Reactivate the subscription, then {verb} {what}: {inactive}")
        }
        None => format!("Reactivate the subscription: {inactive}"),
    });
    // The articles' other way to buy credits; its price is not published.
    // The spending limit still pays the last of the cost (`limit` < `rest`).
    if billed && w.product.open_to_purchases {
        let then = if limit > 0 {
            format!("; the spending limit pays the other {}", grouped(limit))
        } else {
            String::new()
        };
        r.remedies.push(format!(
            "Add at least {} from inside any board, with the “Add credits” button in the top right corner of the workspace (the articles publish no price for them){then}",
            money::credits(rest - limit)
        ));
    }
    // What goes through now: the credits available, then the spending limit.
    let affordable = available.saturating_add(limit);
    if affordable > 0 {
        let through = if limit > 0 {
            format!(
                " ({} available, then {} from the spending limit)",
                grouped(available),
                grouped(limit)
            )
        } else {
            String::new()
        };
        r.remedies.push(cheaper_generation(affordable, &through));
    }
    if w.subscription == Subscription::Active {
        r.remedies.push(
            "Wait for the plan to renew: credits reset to the plan's monthly allocation".to_owned(),
        );
    }
    let price = |p: &PlanPrice| p.monthly_usd;
    let bigger: Vec<&str> = w
        .plans
        .iter()
        .filter(|p| price(p).is_some() && price(p) > price(w.plan))
        .map(|p| p.row.name.as_ref())
        .collect();
    if !bigger.is_empty() && w.product.open_to_purchases {
        r.remedies.push(format!(
            "Upgrade to {}, a plan that costs more (allocations are not published, so how many more credits it gives is not known)",
            one_of(&bigger)
        ));
    }
    Ok(())
}
