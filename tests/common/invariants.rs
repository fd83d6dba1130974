//! What every result must satisfy, whatever the input and the tables: shared
//! by the proptest fuzz suite (tests/fuzz.rs) and the cargo-fuzz targets
//! (fuzz/). Each check returns the first broken invariant as text.
#![allow(dead_code)]

use credit_estimator::check::{CheckResult, Pool, Verdict};
use credit_estimator::money::MAX_COUNT;
use credit_estimator::plan_fit::PlanFit;
use credit_estimator::{Error, PriceBook, Quote};
use rust_decimal::{Decimal, RoundingStrategy};

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what()) }
}

/// A message people can read: not empty, not unbounded.
pub fn error(e: &Error) -> Result<(), String> {
    ensure(!e.message().is_empty(), || {
        format!("{:?}: empty message", e.code())
    })?;
    ensure(e.message().len() < 4000, || {
        format!("{:?}: message of {} bytes", e.code(), e.message().len())
    })
}

/// Credits add up, stay within what JavaScript holds, and the dollars are the
/// credits at this edition's top-up rate, rounded once.
pub fn quote(book: &PriceBook, q: &Quote) -> Result<(), String> {
    let sum = q
        .lines
        .iter()
        .try_fold(0u64, |s, l| s.checked_add(l.credits));
    ensure(sum == Some(q.credits), || {
        format!("lines sum to {sum:?}, total {}", q.credits)
    })?;
    ensure(q.credits > 0 && q.credits <= MAX_COUNT, || {
        format!("total {}", q.credits)
    })?;
    ensure(q.lines.iter().all(|l| l.credits > 0), || {
        "a zero-credit line".into()
    })?;
    let step = u64::from(book.step_seconds());
    for l in &q.lines {
        if let Some(b) = l.billed_seconds {
            ensure(b > 0 && b % step == 0, || {
                format!("billed {b} s is not a whole number of {step} s steps")
            })?;
        }
    }
    let top_up = book.top_up();
    let expected = (Decimal::from(q.credits) * top_up.price_usd / Decimal::from(top_up.credits))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    let got = Decimal::from_str_exact(&q.usd_at_top_up_rate)
        .map_err(|e| format!("usd {:?}: {e}", q.usd_at_top_up_rate))?;
    ensure(got == expected && got.scale() == 4, || {
        format!(
            "usd {} for {} credits, expected {expected}",
            q.usd_at_top_up_rate, q.credits
        )
    })?;
    ensure(!q.notes.is_empty(), || "no notes".into())
}

/// Totals are price plus packs, packs cover the need, and the recommendation
/// is the cheapest eligible plan.
pub fn plan_fit(book: &PriceBook, f: &PlanFit) -> Result<(), String> {
    ensure(f.monthly_credits <= MAX_COUNT, || {
        format!("monthly {}", f.monthly_credits)
    })?;
    let top_up = book.top_up();
    let mut best: Option<(Decimal, u64, bool, &str)> = None;
    for p in &f.plans {
        if let (Some(price), Some(top), Some(total)) = (&p.price_usd, &p.top_up_usd, &p.total_usd) {
            let d =
                |s: &str| Decimal::from_str_exact(s).map_err(|e| format!("{} {s:?}: {e}", p.id));
            ensure(d(price)? + d(top)? == d(total)?, || {
                format!("{}: {price} + {top} != {total}", p.id)
            })?;
            let packs = p
                .top_up_packs
                .ok_or_else(|| format!("{}: total without packs", p.id))?;
            ensure(d(top)? == Decimal::from(packs) * top_up.price_usd, || {
                format!("{}: {packs} packs cost {top}", p.id)
            })?;
            let included = p
                .included_credits
                .ok_or_else(|| format!("{}: total without credits", p.id))?;
            if !p.relaxed_mode {
                let covered = u128::from(included) + u128::from(packs) * u128::from(top_up.credits);
                ensure(covered >= u128::from(f.monthly_credits), || {
                    format!("{}: packs do not cover the need", p.id)
                })?;
                ensure(
                    packs == 0
                        || covered - u128::from(top_up.credits) < u128::from(f.monthly_credits),
                    || format!("{}: one pack too many", p.id),
                )?;
            } else {
                ensure(packs == 0, || format!("{}: relaxed mode with packs", p.id))?;
            }
            if p.eligible {
                let key = (d(total)?, included, p.relaxed_mode, p.id.as_str());
                let better = match best {
                    None => true,
                    Some((t, c, r, _)) => {
                        key.0 < t || (key.0 == t && (key.1 > c || (key.1 == c && key.2 && !r)))
                    }
                };
                if better {
                    best = Some(key);
                }
            }
        }
    }
    let expected = best.map(|b| b.3.to_owned());
    ensure(f.recommended == expected, || {
        format!(
            "recommended {:?}, cheapest eligible {expected:?}",
            f.recommended
        )
    })
}

/// Draws are positive, sum to the cost exactly when the verdict is `ok`, and
/// the shortfall and packs agree with the verdict.
pub fn check(book: &PriceBook, r: &CheckResult) -> Result<(), String> {
    ensure(r.draws.iter().all(|d| d.credits > 0), || {
        "a zero-credit draw".into()
    })?;
    // A top-up draw, and only one, names its top-up, its purchase and the
    // later day it stops counting (YYYY-MM-DD dates compare as text).
    let later = |a: &String, b: &String| a.len() == 10 && b.len() == 10 && a > b;
    ensure(
        r.draws.iter().all(|d| {
            let top_up = d.pool == Pool::TopUp;
            match (&d.top_up_index, &d.purchased, &d.expires) {
                (Some(_), Some(bought), Some(ends)) => top_up && later(ends, bought),
                (None, None, None) => !top_up,
                _ => false,
            }
        }),
        || format!("a draw's top-up fields: {:?}", r.draws),
    )?;
    let drawn = r
        .draws
        .iter()
        .try_fold(0u64, |s, d| s.checked_add(d.credits));
    // What the balance itself pays: all it holds, at most the cost.
    let from_balance = r
        .draws
        .iter()
        .filter(|d| d.pool != Pool::SpendingLimit)
        .map(|d| d.credits)
        .sum::<u64>();
    let missing = r.cost.saturating_sub(r.available);
    // Packs come with an `insufficient` verdict only (the typings say so).
    ensure(
        r.top_up_packs.is_none() || r.verdict == Verdict::Insufficient,
        || format!("packs {:?} with {:?}", r.top_up_packs, r.verdict),
    )?;
    match r.verdict {
        Verdict::Ok => {
            ensure(drawn == Some(r.cost), || {
                format!("draws {drawn:?} for cost {}", r.cost)
            })?;
            ensure(from_balance == r.cost.min(r.available), || {
                format!("ok: {from_balance} drawn from a balance of {}", r.available)
            })?;
            ensure(r.shortfall == 0, || "ok with a shortfall".into())
        }
        Verdict::Relaxed => ensure(
            r.draws.is_empty() && r.shortfall == 0 && missing > 0,
            || "relaxed draws, falls short or had enough".into(),
        ),
        Verdict::Insufficient => {
            ensure(
                r.draws.is_empty() && r.shortfall > 0 && r.shortfall <= r.cost,
                || format!("insufficient: shortfall {} of {}", r.shortfall, r.cost),
            )?;
            // The shortfall is what the balance lacks, or the whole cost
            // where no credit of the plan pays (video on an images-only plan).
            ensure(r.shortfall == missing || r.shortfall == r.cost, || {
                format!(
                    "insufficient: shortfall {} with {} available",
                    r.shortfall, r.available
                )
            })?;
            let packs = r.shortfall.div_ceil(book.top_up().credits);
            ensure(r.top_up_packs == Some(packs), || {
                format!("packs {:?}, expected {packs}", r.top_up_packs)
            })?;
            ensure(!r.remedies.is_empty(), || {
                "insufficient without remedies".into()
            })
        }
        Verdict::Paused => {
            ensure(
                r.draws.is_empty() && r.shortfall > 0 && r.shortfall <= missing,
                || "paused: bad shortfall".into(),
            )?;
            ensure(!r.remedies.is_empty(), || "paused without remedies".into())
        }
    }
}
