//! Helpers shared by the native integration tests: requests are written as
//! JSON, exactly as a page would pass them to JavaScript.
#![allow(dead_code)]

use credit_estimator::{
    CheckRequest, CheckResult, ErrorCode, Estimator, KnownCost, PlanFit, PlanFitRequest, Quote,
    QuoteRequest, Wallet,
};

pub fn estimator() -> Estimator {
    Estimator::built_in()
}

pub fn request(json: &str) -> QuoteRequest {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("test request {json} does not parse: {e}"))
}

/// Quotes a request written as JSON.
#[track_caller]
pub fn quote(json: &str) -> Quote {
    estimator()
        .quote(&request(json))
        .unwrap_or_else(|e| panic!("{json} should price, got {e}"))
}

/// Asserts the total credits of a request.
#[track_caller]
pub fn assert_credits(json: &str, expected: u64) {
    let q = quote(json);
    assert_eq!(q.credits, expected, "{json}: {q:#?}");
    let sum: u64 = q.lines.iter().map(|l| l.credits).sum();
    assert_eq!(sum, q.credits, "lines must sum to the total for {json}");
}

/// Asserts that a request fails with `code`, and that the message mentions each of `words`.
#[track_caller]
pub fn assert_error(json: &str, code: ErrorCode, words: &[&str]) {
    let err = match serde_json::from_str::<QuoteRequest>(json) {
        Ok(r) => estimator().quote(&r).expect_err(json),
        Err(e) => panic!("test request {json} does not parse: {e}"),
    };
    assert_eq!(err.code(), code, "{json}: {err}");
    for w in words {
        assert!(
            err.message().contains(w),
            "{json}: message {:?} should mention {w:?}",
            err.message()
        );
    }
}

pub fn plan_fit(json: &str) -> Result<PlanFit, credit_estimator::Error> {
    let r: PlanFitRequest = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    estimator().plan_fit(&r)
}

pub fn wallet(json: &str) -> Wallet {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("test wallet {json} does not parse: {e}"))
}

/// `check()` with a request written as JSON: `{ "credits": n }` or a quote request.
pub fn check(
    wallet_json: &str,
    request_json: &str,
) -> Result<CheckResult, credit_estimator::Error> {
    let value: serde_json::Value = serde_json::from_str(request_json).unwrap();
    let request = if value.get("credits").is_some() {
        CheckRequest::Credits(serde_json::from_value::<KnownCost>(value).unwrap())
    } else {
        CheckRequest::Generation(serde_json::from_value(value).unwrap())
    };
    estimator().check(&wallet(wallet_json), &request)
}
