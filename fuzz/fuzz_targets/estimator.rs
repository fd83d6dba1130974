//! cargo-fuzz target: arbitrary requests, wallets, plan fits and tables from
//! the fuzzer's bytes, checked against tests/common/invariants.rs (the same
//! invariants as the proptest suite in tests/fuzz.rs). Run with `npm run fuzz`.
#![no_main]

#[path = "../../tests/common/inputs.rs"]
mod inputs;
#[path = "../../tests/common/invariants.rs"]
mod invariants;

use arbitrary::{Result, Unstructured};
use credit_estimator::check::{CheckRequest, KnownCost, TopUpLot, Wallet};
use credit_estimator::plan_fit::{Needs, PlanFitRequest, UsageLine};
use credit_estimator::{AddonRequest, Estimator, QuoteRequest, Tables};
use libfuzzer_sys::fuzz_target;

use inputs::{EDGE_NUMBERS, KINDS, MODELS, PLANS, PLATFORMS, PRODUCTS, RESOLUTIONS, SUBSCRIPTIONS};

fn text(u: &mut Unstructured, pool: &[&str]) -> Result<Option<String>> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => None,
        1 => Some(String::from(<&str>::arbitrary(u)?)),
        _ => Some((*u.choose(pool)?).to_owned()),
    })
}

fn number(u: &mut Unstructured) -> Result<Option<f64>> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => None,
        1 => Some(*u.choose(EDGE_NUMBERS)?),
        2 => Some(f64::from_bits(u.arbitrary()?)),
        3 => Some(f64::from(u.int_in_range(0u32..=100_000)?) / 10.0),
        _ => Some(f64::from(u.int_in_range(0u32..=20)? * 5)),
    })
}

use arbitrary::Arbitrary;

fn request(u: &mut Unstructured) -> Result<QuoteRequest> {
    let mut addons = Vec::new();
    for _ in 0..u.int_in_range(0u8..=3)? {
        addons.push(AddonRequest {
            kind: text(u, KINDS)?,
            to: text(u, RESOLUTIONS)?,
            seconds: number(u)?,
        });
    }
    Ok(QuoteRequest {
        platform: text(u, PLATFORMS)?,
        model: text(u, MODELS)?,
        resolution: text(u, RESOLUTIONS)?,
        duration_seconds: number(u)?,
        images: number(u)?,
        addons: Some(addons),
    })
}

fn date(u: &mut Unstructured) -> Result<Option<String>> {
    let (y, m, d) = (
        u.int_in_range(2023..=2027)?,
        u.int_in_range(1..=13)?,
        u.int_in_range(1..=31)?,
    );
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

fn wallet(u: &mut Unstructured) -> Result<Wallet> {
    let mut lots = Vec::new();
    for _ in 0..u.int_in_range(0u8..=3)? {
        lots.push(TopUpLot {
            credits: number(u)?,
            purchased: date(u)?,
        });
    }
    Ok(Wallet {
        platform: text(u, PRODUCTS)?,
        plan: text(u, PLANS)?,
        subscription: text(u, SUBSCRIPTIONS)?,
        today: date(u)?,
        monthly: number(u)?,
        gifted: number(u)?,
        top_ups: Some(lots),
        spending_limit: number(u)?,
    })
}

fn plan_fit(u: &mut Unstructured) -> Result<PlanFitRequest> {
    let mut usage = Vec::new();
    for _ in 0..u.int_in_range(0u8..=3)? {
        usage.push(UsageLine {
            request: Some(request(u)?),
            per_month: number(u)?,
        });
    }
    Ok(PlanFitRequest {
        platform: text(u, PLATFORMS)?,
        usage: Some(usage),
        billing: text(u, &["monthly", "annual"])?,
        needs: Some(Needs {
            commercial_use: u.arbitrary()?,
            no_watermark: u.arbitrary()?,
        }),
    })
}

/// The default tables with a few leaves replaced.
fn tables(u: &mut Unstructured) -> Result<Option<Tables>> {
    let mut t: serde_json::Value =
        serde_json::from_str(credit_estimator::DEFAULT_TABLES_JSON).expect("valid JSON");
    for _ in 0..u.int_in_range(0u8..=3)? {
        let mut node = &mut t;
        loop {
            let next = match node {
                serde_json::Value::Object(map) if !map.is_empty() => {
                    let i = u.choose_index(map.len())?;
                    let key = map.keys().nth(i).cloned().unwrap_or_default();
                    map.get_mut(&key).expect("key exists")
                }
                serde_json::Value::Array(items) if !items.is_empty() => {
                    let i = u.choose_index(items.len())?;
                    &mut items[i]
                }
                _ => break,
            };
            if !(next.is_object() || next.is_array()) {
                *next = match u.int_in_range(0u8..=3)? {
                    0 => serde_json::json!(u.int_in_range(0u32..=2000)?),
                    1 => serde_json::json!(u.arbitrary::<u32>()?),
                    2 => serde_json::json!(<&str>::arbitrary(u)?),
                    _ => serde_json::Value::Null,
                };
                break;
            }
            node = next;
        }
    }
    Ok(serde_json::from_value(t).ok())
}

fn run(u: &mut Unstructured) -> Result<()> {
    let estimator = match u.ratio(1u8, 4)? {
        true => match tables(u)? {
            Some(t) => match Estimator::try_with_tables(t) {
                Ok(e) => e,
                Err(e) => {
                    assert_eq!(e.code(), credit_estimator::ErrorCode::InvalidTables);
                    invariants::error(&e).unwrap();
                    return Ok(());
                }
            },
            None => return Ok(()),
        },
        false => Estimator::built_in(),
    };
    let book = estimator.book();
    let q = request(u)?;
    match estimator.quote(&q) {
        Ok(r) => invariants::quote(book, &r).unwrap_or_else(|m| panic!("quote({q:?}): {m}")),
        Err(e) => invariants::error(&e).unwrap(),
    }
    let f = plan_fit(u)?;
    match estimator.plan_fit(&f) {
        Ok(r) => invariants::plan_fit(book, &r).unwrap_or_else(|m| panic!("plan_fit({f:?}): {m}")),
        Err(e) => invariants::error(&e).unwrap(),
    }
    let w = wallet(u)?;
    let request = match u.arbitrary()? {
        true => CheckRequest::Credits(KnownCost {
            credits: number(u)?,
            platform: None,
        }),
        false => CheckRequest::Generation(q),
    };
    match estimator.check(&w, &request) {
        Ok(r) => invariants::check(book, &r).unwrap_or_else(|m| panic!("check({w:?}): {m}")),
        Err(e) => invariants::error(&e).unwrap(),
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
