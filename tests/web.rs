//! Smoke tests of the JavaScript boundary, run by wasm-bindgen-test in Node
//! (`wasm-pack test --node`) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`).
//!
//! They call the exported functions with plain JS objects, as a page does,
//! and read results back into the core's typed structs before asserting.
//! The real coverage of the rules is native (the other files in tests/).
#![cfg(target_arch = "wasm32")]

use credit_estimator::catalog::Catalog;
use credit_estimator::check::{CheckResult, Pool, StoryboardCheck, Verdict};
use credit_estimator::plan_fit::PlanFit;
use credit_estimator::wasm;
use credit_estimator::{LineItem, Quote};
use js_sys::{JSON, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JS value from JSON text, as a page would build it.
fn js<T: JsCast>(json: &str) -> T {
    JSON::parse(json)
        .expect("test JSON is valid")
        .unchecked_into()
}

fn typed<T: DeserializeOwned>(value: impl Into<JsValue>) -> T {
    serde_wasm_bindgen::from_value(value.into()).expect("the result has the documented shape")
}

/// The `code` and message of a thrown error; fails if it is not a real `Error`.
fn thrown(error: JsValue) -> (String, String) {
    let error: js_sys::Error = error.dyn_into().expect("a real Error is thrown");
    let code = Reflect::get(&error, &"code".into())
        .unwrap()
        .as_string()
        .expect("the error has a string code");
    (code, error.message().into())
}

const WORKED_EXAMPLE: &str = r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}"#;

#[wasm_bindgen_test]
fn quote_prices_the_worked_example() {
    let quote: Quote = typed(wasm::quote(js(WORKED_EXAMPLE)).unwrap());
    assert_eq!(quote.credits, 75);
    assert_eq!(quote.usd_at_top_up_rate, "0.2500");
    assert_eq!(
        quote.lines.iter().map(|l| l.item).collect::<Vec<_>>(),
        [LineItem::Video, LineItem::Upscale]
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_with_a_code_and_the_module_keeps_working() {
    for (input, code) in [
        ("null", "invalid_request"),
        ("42", "invalid_request"),
        (
            r#"{"platform":"dream-machine-web","model":"photon","images":2.5}"#,
            "invalid_request",
        ),
        (
            r#"{"platform":"dream-machine-web","model":"photon","images":4,"colour":"red"}"#,
            "invalid_request",
        ),
        (
            r#"{"platform":"mars","model":"photon","images":4}"#,
            "unknown_platform",
        ),
        (
            r#"{"platform":"dream-machine-web","model":"Ray-2"}"#,
            "unknown_model",
        ),
        (
            r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"540p","durationSeconds":5}"#,
            "unsupported_resolution",
        ),
        (
            r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":7}"#,
            "unsupported_duration",
        ),
        (
            r#"{"platform":"dream-machine-web","model":"photon","images":4,"addons":[{"kind":"modify"}]}"#,
            "invalid_addon",
        ),
        (r#"{"platform":"luma-agents","model":"veo-3"}"#, "unpriced"),
    ] {
        let error = wasm::quote(js(input)).err().expect(input);
        let (got, message) = thrown(error);
        assert_eq!(got, code, "{input}: {message}");
        assert!(!message.is_empty());
    }
    let quote: Quote = typed(wasm::quote(js(WORKED_EXAMPLE)).unwrap());
    assert_eq!(quote.credits, 75);
}

#[wasm_bindgen_test]
fn catalog_lists_what_can_be_priced() {
    let catalog: Catalog = typed(wasm::catalog().unwrap());
    let web = catalog
        .platforms
        .iter()
        .find(|p| p.id == "dream-machine-web")
        .unwrap();
    let ray16 = web.models.iter().find(|m| m.id == "ray-1.6").unwrap();
    assert_eq!(ray16.resolutions.len(), 1);
    assert_eq!(ray16.resolutions[0].id, "720p");
    assert_eq!(
        ray16.resolutions[0]
            .clips
            .iter()
            .map(|c| c.seconds)
            .collect::<Vec<_>>(),
        [5]
    );
    let agents = catalog
        .platforms
        .iter()
        .find(|p| p.id == "luma-agents")
        .unwrap();
    assert!(agents.models.iter().all(|m| !m.priced && m.note.is_some()));
}

#[wasm_bindgen_test]
fn plan_fit_recommends_a_plan() {
    let fit: PlanFit = typed(
        wasm::plan_fit(js(r#"{"platform":"dream-machine-web","usage":[{"request":{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":10},"perMonth":50}]}"#))
            .unwrap(),
    );
    assert_eq!(fit.monthly_credits, 16_000);
    assert_eq!(fit.recommended.as_deref(), Some("plus"));
}

#[wasm_bindgen_test]
fn check_draws_from_pools_in_order() {
    let result: CheckResult = typed(
        wasm::check(
            js(r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-11-21","monthly":50,"gifted":10,"topUps":[{"credits":1200,"purchased":"2026-01-05"}]}"#),
            js(r#"{"credits":75}"#),
        )
        .unwrap(),
    );
    assert_eq!(result.verdict, Verdict::Ok);
    assert_eq!(
        result
            .draws
            .iter()
            .map(|d| (d.pool, d.credits))
            .collect::<Vec<_>>(),
        [(Pool::Monthly, 50), (Pool::Gifted, 10), (Pool::TopUp, 15)]
    );
    let mismatch = wasm::check(
        js(r#"{"platform":"luma-agents","plan":"plus","subscription":"active","today":"2026-11-21","monthly":50}"#),
        js(WORKED_EXAMPLE),
    )
    .err()
    .expect("a Dream Machine request against a Luma Agents wallet");
    assert_eq!(thrown(mismatch).0, "platform_mismatch");
}

#[wasm_bindgen_test]
fn check_many_draws_each_shot_from_what_the_ones_before_left() {
    let board: StoryboardCheck = typed(
        wasm::check_many(
            js(r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-11-21","monthly":50,"gifted":10}"#),
            js(r#"[{"credits":55},{"credits":10},{"credits":1}]"#),
        )
        .unwrap(),
    );
    let verdicts: Vec<Verdict> = board.results.iter().map(|r| r.verdict).collect();
    assert_eq!(verdicts, [Verdict::Ok, Verdict::Insufficient, Verdict::Ok]);
    assert_eq!((board.first_short, board.drawn), (Some(1), 56));
    assert_eq!(
        (board.wallet_after.monthly, board.wallet_after.gifted),
        (Some(0.0), Some(4.0))
    );
    let (code, message) = thrown(
        wasm::check_many(
            js(r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-11-21","monthly":50}"#),
            js(r#"[{"credits":5},{"platform":"mars"}]"#),
        )
        .err()
        .expect("an unknown platform in the second shot"),
    );
    assert_eq!(code, "unknown_platform");
    assert!(message.starts_with("requests[1]: "), "{message}");
}

#[wasm_bindgen_test]
fn an_estimator_follows_its_own_tables() {
    let tables: JsValue = wasm::default_tables().unwrap().into();
    let clips = Reflect::get(
        &Reflect::get(&tables, &"videoWeb".into()).unwrap(),
        &"clips".into(),
    )
    .unwrap();
    let flash_5s = Reflect::get(&clips, &5.into()).unwrap();
    assert_eq!(
        Reflect::get(&flash_5s, &"model".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "ray-2-flash"
    );
    Reflect::set(&flash_5s, &"credits".into(), &60.into()).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"tables".into(), &tables).unwrap();
    let estimator = wasm::JsEstimator::new(Some(options.unchecked_into())).unwrap();
    let quote: Quote = typed(estimator.quote(js(WORKED_EXAMPLE)).unwrap());
    assert_eq!(quote.credits, 60 + 20);

    Reflect::set(&flash_5s, &"credits".into(), &(-5).into()).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"tables".into(), &tables).unwrap();
    let (code, message) = thrown(
        wasm::JsEstimator::new(Some(options.unchecked_into()))
            .err()
            .expect("negative price"),
    );
    assert_eq!(code, "invalid_tables");
    assert!(message.contains("videoWeb.clips[5].credits"), "{message}");
}
