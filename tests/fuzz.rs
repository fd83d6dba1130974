//! Fuzzing the core with proptest: arbitrary requests, wallets and tables
//! (valid ids mixed with garbage, every kind of number). Nothing may panic or
//! overflow, every error has a readable message, and every result satisfies
//! tests/common/invariants.rs. The cargo-fuzz targets in fuzz/ check the same
//! invariants for longer runs (`npm run fuzz`).
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/inputs.rs"]
mod inputs;
#[path = "common/invariants.rs"]
mod invariants;
#[path = "common/strategies.rs"]
mod strategies;

use common::estimator;
use credit_estimator::check::{CheckRequest, KnownCost, TopUpLot, Wallet};
use credit_estimator::plan_fit::{Needs, PlanFitRequest, UsageLine};
use credit_estimator::{AddonRequest, Estimator, QuoteRequest, Tables};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

/// A text: usually a real id, sometimes junk.
fn text(real: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => proptest::sample::select(real).prop_map(|s| Some(s.to_owned())),
        1 => Just(None),
        1 => "\\PC{0,12}".prop_map(Some),
    ]
}

/// A number: every edge a JavaScript number can take.
fn number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        4 => (0u32..40).prop_map(|n| Some(f64::from(n))),
        2 => (0.0f64..100.0).prop_map(Some),
        1 => Just(None),
        1 => proptest::sample::select(inputs::EDGE_NUMBERS).prop_map(Some),
        1 => any::<f64>().prop_map(Some),
    ]
}

use inputs::{KINDS, MODELS, PLANS, PLATFORMS, PRODUCTS, RESOLUTIONS, SUBSCRIPTIONS};

fn addon() -> impl Strategy<Value = AddonRequest> {
    (text(KINDS), text(RESOLUTIONS), number()).prop_map(|(kind, to, seconds)| AddonRequest {
        kind,
        to,
        seconds,
    })
}

fn random_request() -> impl Strategy<Value = QuoteRequest> {
    (
        text(PLATFORMS),
        text(MODELS),
        text(RESOLUTIONS),
        number(),
        number(),
        proptest::option::of(proptest::collection::vec(addon(), 0..5)),
    )
        .prop_map(
            |(platform, model, resolution, duration_seconds, images, addons)| QuoteRequest {
                platform,
                model,
                resolution,
                duration_seconds,
                images,
                addons,
            },
        )
}

/// A request that exists with one field replaced by something arbitrary.
fn broken_request() -> impl Strategy<Value = QuoteRequest> {
    (strategies::request_strategy(), 0u8..6, random_request()).prop_map(|(mut r, field, junk)| {
        match field {
            0 => r.platform = junk.platform,
            1 => r.model = junk.model,
            2 => r.resolution = junk.resolution,
            3 => r.duration_seconds = junk.duration_seconds,
            4 => r.images = junk.images,
            _ => r.addons = junk.addons,
        }
        r
    })
}

/// Mostly requests that exist, some broken in one field, some random.
fn request() -> impl Strategy<Value = QuoteRequest> {
    prop_oneof![
        4 => strategies::request_strategy(),
        3 => broken_request(),
        1 => random_request(),
    ]
}

/// A wallet that is well formed, with counts around the costs of generations.
fn sound_wallet() -> impl Strategy<Value = Wallet> {
    let lot = (0u32..3000, 0u32..800).prop_map(|(credits, age)| TopUpLot {
        credits: Some(f64::from(credits)),
        purchased: Some(
            (chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
                - chrono::Days::new(u64::from(age)))
            .format("%Y-%m-%d")
            .to_string(),
        ),
    });
    let dream_machine = (
        proptest::sample::select(&["free", "lite", "plus", "unlimited", "enterprise"][..]),
        proptest::sample::select(&["active", "paused", "cancelled"][..]),
        (0u32..12_000, 0u32..2000),
        proptest::collection::vec(lot, 0..4),
    )
        .prop_map(|(plan, subscription, (monthly, gifted), lots)| Wallet {
            platform: Some("dream-machine".into()),
            plan: Some(plan.into()),
            subscription: Some(subscription.into()),
            today: Some("2026-11-21".into()),
            monthly: Some(f64::from(monthly)),
            gifted: Some(f64::from(gifted)),
            top_ups: Some(lots),
            spending_limit: None,
        });
    let agents = (
        proptest::sample::select(&["plus", "pro", "ultra"][..]),
        (0u32..12_000, 0u32..2000, proptest::option::of(0u32..5000)),
    )
        .prop_map(|(plan, (monthly, gifted, limit))| Wallet {
            platform: Some("luma-agents".into()),
            plan: Some(plan.into()),
            subscription: Some("active".into()),
            today: Some("2026-11-21".into()),
            monthly: Some(f64::from(monthly)),
            gifted: Some(f64::from(gifted)),
            top_ups: None,
            spending_limit: limit.map(f64::from),
        });
    prop_oneof![3 => dream_machine, 1 => agents]
}

fn wallet() -> impl Strategy<Value = Wallet> {
    prop_oneof![4 => sound_wallet(), 1 => random_wallet()]
}

fn random_wallet() -> impl Strategy<Value = Wallet> {
    let date = prop_oneof![
        4 => (2023i32..2028, 1u32..13, 1u32..32).prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        1 => Just(None),
        1 => "\\PC{0,12}".prop_map(Some),
    ];
    let lot =
        (number(), date.clone()).prop_map(|(credits, purchased)| TopUpLot { credits, purchased });
    (
        text(PRODUCTS),
        text(PLANS),
        text(SUBSCRIPTIONS),
        date,
        (number(), number(), number()),
        proptest::option::of(proptest::collection::vec(lot, 0..4)),
    )
        .prop_map(
            |(platform, plan, subscription, today, (monthly, gifted, spending_limit), top_ups)| {
                Wallet {
                    platform,
                    plan,
                    subscription,
                    today,
                    monthly,
                    gifted,
                    top_ups,
                    spending_limit,
                }
            },
        )
}

fn plan_fit_request() -> impl Strategy<Value = PlanFitRequest> {
    let per_month = prop_oneof![12 => (0u32..300).prop_map(|n| Some(f64::from(n))), 1 => number()];
    let request = prop_oneof![
        12 => strategies::request_strategy().prop_filter("web", |r| r.platform.as_deref() == Some("dream-machine-web")),
        1 => request(),
    ];
    let line = (proptest::option::of(request), per_month)
        .prop_map(|(request, per_month)| UsageLine { request, per_month });
    (
        prop_oneof![8 => Just(Some("dream-machine-web".to_owned())), 1 => text(PLATFORMS)],
        prop_oneof![8 => proptest::collection::vec(line, 0..5).prop_map(Some), 1 => Just(None)],
        prop_oneof![8 => proptest::sample::select(&["monthly", "annual"][..]).prop_map(|b| Some(b.to_owned())), 1 => text(&["monthly"])],
        proptest::option::of((proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>()))),
    )
        .prop_map(|(platform, usage, billing, needs)| PlanFitRequest {
            platform,
            usage,
            billing,
            needs: needs.map(|(commercial_use, no_watermark)| Needs { commercial_use, no_watermark }),
        })
}

/// Runs everything on one estimator and checks each outcome.
fn exercise(
    e: &Estimator,
    q: &QuoteRequest,
    w: &Wallet,
    f: &PlanFitRequest,
    known: Option<f64>,
) -> Result<(), TestCaseError> {
    let book = e.book();
    match e.quote(q) {
        Ok(result) => invariants::quote(book, &result),
        Err(err) => invariants::error(&err),
    }
    .map_err(|m| TestCaseError::fail(format!("quote({q:?}): {m}")))?;
    match e.plan_fit(f) {
        Ok(result) => invariants::plan_fit(book, &result),
        Err(err) => invariants::error(&err),
    }
    .map_err(|m| TestCaseError::fail(format!("plan_fit: {m}")))?;
    let request = match known {
        Some(credits) => CheckRequest::Credits(KnownCost {
            credits: Some(credits),
            platform: q.platform.clone(),
        }),
        None => CheckRequest::Generation(q.clone()),
    };
    let checked = e.check(w, &request);
    match &checked {
        Ok(result) => invariants::check(book, result),
        Err(err) => invariants::error(err),
    }
    .map_err(|m| TestCaseError::fail(format!("check({w:?}): {m}")))?;
    // check() says what quote() says of the same generation: its cost, and
    // whether that cost is approximate; a known cost is the app's, exact.
    if let Ok(result) = checked {
        let (cost, approximate) = match known {
            Some(_) => (result.cost, false),
            None => {
                let q = e.quote(q).map_err(|err| {
                    TestCaseError::fail(format!("check priced what quote refuses: {err}"))
                })?;
                (q.credits, q.approximate)
            }
        };
        prop_assert_eq!((result.cost, result.approximate), (cost, approximate));
    }
    Ok(())
}

/// The default tables with some numbers and texts changed at random.
fn mutated_tables() -> impl Strategy<Value = Value> {
    let edit = (
        any::<u64>(),
        prop_oneof![
            Just(json!(0)),
            Just(json!(1)),
            Just(json!(3)),
            Just(json!(7)),
            Just(json!(4_294_967_295u64)),
            Just(json!("0.01")),
            Just(json!("100000000000000000000")),
            Just(json!("720p")),
            Just(json!("ray-2")),
            Just(json!(null)),
            Just(json!(true)),
            (1u32..2000).prop_map(|n| json!(n)),
        ],
    );
    proptest::collection::vec(edit, 1..4).prop_map(|edits| {
        let mut t: Value = serde_json::from_str(credit_estimator::DEFAULT_TABLES_JSON).unwrap();
        for (seed, value) in edits {
            // Walk down a path chosen by the seed's bits and replace a leaf.
            let mut node = &mut t;
            let mut s = seed;
            loop {
                let next = match node {
                    Value::Object(map) if !map.is_empty() => {
                        let key = map
                            .keys()
                            .nth((s % map.len() as u64) as usize)
                            .unwrap()
                            .clone();
                        map.get_mut(&key).unwrap()
                    }
                    Value::Array(items) if !items.is_empty() => {
                        let len = items.len() as u64;
                        &mut items[(s % len) as usize]
                    }
                    _ => break,
                };
                if !(next.is_object() || next.is_array()) {
                    *next = value.clone();
                    break;
                }
                node = next;
                s /= 7;
            }
        }
        t
    })
}

/// Runs a property on a thread with a large stack: the generators' value trees
/// are deep, and debug builds use a lot of stack for them.
fn on_big_stack(property: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(property)
        .expect("a thread starts");
    if let Err(panic) = thread.join() {
        std::panic::resume_unwind(panic);
    }
}

fn known_cost() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![3 => (1u32..20_000).prop_map(|n| Some(f64::from(n))), 1 => Just(None), 1 => number()]
}

#[test]
fn arbitrary_requests_and_wallets() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(ProptestConfig {
            cases: 4000,
            ..ProptestConfig::default()
        });
        let inputs = (request(), wallet(), plan_fit_request(), known_cost());
        let result = runner.run(&inputs, |(q, w, f, known)| {
            exercise(&estimator(), &q, &w, &f, known)
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    });
}

#[test]
fn arbitrary_tables() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(ProptestConfig {
            cases: 1500,
            ..ProptestConfig::default()
        });
        let inputs = (mutated_tables(), request(), wallet(), plan_fit_request());
        let result = runner.run(&inputs, |(t, q, w, f)| {
            let Ok(tables) = serde_json::from_value::<Tables>(t) else {
                return Ok(());
            };
            match Estimator::try_with_tables(tables) {
                Ok(e) => exercise(&e, &q, &w, &f, None),
                Err(err) => {
                    prop_assert_eq!(err.code(), credit_estimator::ErrorCode::InvalidTables);
                    invariants::error(&err).map_err(TestCaseError::fail)
                }
            }
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    });
}
