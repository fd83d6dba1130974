//! `planFit()`: plan figures from pricing/articles/plan-prices.md, top-ups
//! at $4 per 1,200 credits. Expected totals are worked out by hand below.

mod common;
use common::plan_fit;
use credit_estimator::ErrorCode;
use credit_estimator::plan_fit::PlanOption;

fn usage(request: &str, per_month: u64) -> String {
    format!(r#"{{"request":{request},"perMonth":{per_month}}}"#)
}

const RAY2_720_10S: &str =
    r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":10}"#;
const RAY2_720_5S: &str =
    r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5}"#;
const RAY2_1080_10S: &str =
    r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"1080p","durationSeconds":10}"#;
const PHOTON_4: &str = r#"{"platform":"dream-machine-web","model":"photon","images":4}"#;

fn fit(lines: &[String], extra: &str) -> credit_estimator::PlanFit {
    let json = format!(
        r#"{{"platform":"dream-machine-web","usage":[{}]{extra}}}"#,
        lines.join(",")
    );
    plan_fit(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn plan<'a>(fit: &'a credit_estimator::PlanFit, id: &str) -> &'a PlanOption {
    fit.plans
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no plan {id}"))
}

#[test]
fn fifty_ray2_clips_a_month_fit_plus_with_top_ups() {
    // 50 × 320 = 16,000 credits.
    let f = fit(&[usage(RAY2_720_10S, 50)], "");
    assert_eq!(f.monthly_credits, 16_000);
    // Lite: 3,200 included, 12,800 more = ceil(12,800 / 1,200) = 11 packs = $44; 9.99 + 44 = 53.99.
    let lite = plan(&f, "lite");
    assert_eq!(
        (
            lite.top_up_packs,
            lite.top_up_usd.as_deref(),
            lite.total_usd.as_deref()
        ),
        (Some(11), Some("44.00"), Some("53.99"))
    );
    assert_eq!(lite.fits_without_top_ups, Some(false));
    // Plus: 10,000 included, 6,000 more = 5 packs = $20; 29.99 + 20 = 49.99.
    let plus = plan(&f, "plus");
    assert_eq!(
        (plus.top_up_packs, plus.total_usd.as_deref()),
        (Some(5), Some("49.99"))
    );
    // Unlimited: 94.99, the 6,000 beyond its 10,000 fast credits run relaxed.
    let unlimited = plan(&f, "unlimited");
    assert_eq!(
        (
            unlimited.top_up_packs,
            unlimited.total_usd.as_deref(),
            unlimited.relaxed
        ),
        (Some(0), Some("94.99"), true)
    );
    assert_eq!(f.recommended.as_deref(), Some("plus"));
}

#[test]
fn small_image_work_fits_lite_unless_commercial_use_or_no_watermark_is_needed() {
    // 10 × 16 = 160 credits: every plan covers it; Lite is cheapest at 9.99.
    let f = fit(&[usage(PHOTON_4, 10)], "");
    assert_eq!(f.monthly_credits, 160);
    assert_eq!(f.recommended.as_deref(), Some("lite"));
    assert_eq!(plan(&f, "lite").fits_without_top_ups, Some(true));
    assert!(!plan(&f, "lite").relaxed);
    for needs in [
        r#","needs":{"commercialUse":true}"#,
        r#","needs":{"noWatermark":true}"#,
    ] {
        let f = fit(&[usage(PHOTON_4, 10)], needs);
        assert_eq!(f.recommended.as_deref(), Some("plus"), "{needs}");
        let lite = plan(&f, "lite");
        assert!(!lite.eligible);
        assert!(
            lite.reasons
                .iter()
                .any(|r| r.contains("non-commercial") || r.contains("watermark")),
            "{:?}",
            lite.reasons
        );
    }
}

#[test]
fn heavy_use_goes_unlimited_and_relaxed() {
    // 100 × 340 = 34,000. Lite: 30,800 more = 26 packs ($104) = 113.99.
    // Plus: 24,000 more = 20 packs ($80) = 109.99. Unlimited: 94.99.
    let f = fit(&[usage(RAY2_1080_10S, 100)], "");
    assert_eq!(f.monthly_credits, 34_000);
    assert_eq!(plan(&f, "lite").total_usd.as_deref(), Some("113.99"));
    assert_eq!(plan(&f, "plus").total_usd.as_deref(), Some("109.99"));
    assert_eq!(f.recommended.as_deref(), Some("unlimited"));
    assert!(plan(&f, "unlimited").relaxed);
    assert!(plan(&f, "unlimited").reasons[0].contains("relaxed"));
}

#[test]
fn a_tie_goes_to_more_included_credits() {
    // 63 × 160 = 10,080. Lite: 6,880 more = 6 packs = 9.99 + 24 = 33.99.
    // Plus: 80 more = 1 pack = 29.99 + 4 = 33.99. Tie: Plus has more credits.
    let f = fit(&[usage(RAY2_720_5S, 63)], "");
    assert_eq!(f.monthly_credits, 10_080);
    assert_eq!(plan(&f, "lite").total_usd.as_deref(), Some("33.99"));
    assert_eq!(plan(&f, "plus").total_usd.as_deref(), Some("33.99"));
    assert_eq!(f.recommended.as_deref(), Some("plus"));
    // One pack covers; six cover.
    assert_eq!(
        plan(&f, "plus").reasons,
        [
            "10,000 credits cover 10,000 of 10,080; 1 top-up pack of 1,200 ($4.00) covers the other 80"
        ]
    );
    assert_eq!(
        plan(&f, "lite").reasons,
        [
            "3,200 credits cover 3,200 of 10,080; 6 top-up packs of 1,200 ($24.00) cover the other 6,880"
        ]
    );
}

#[test]
fn dollars_in_reasons_are_grouped_like_credits() {
    // 12,500 Ray2 720p 10 s clips at 320 = 4,000,000 credits. Lite: 3,996,800
    // more = 3,331 packs (3,330 × 1,200 = 3,996,000 falls 800 short), 3,331 × $4
    // = $13,324, + $9.99 = $13,333.99.
    let f = fit(&[usage(RAY2_720_10S, 12_500)], "");
    assert_eq!(f.monthly_credits, 4_000_000);
    let lite = plan(&f, "lite");
    assert_eq!(lite.total_usd.as_deref(), Some("13333.99"));
    assert_eq!(
        lite.reasons,
        [
            "3,200 credits cover 3,200 of 4,000,000; 3,331 top-up packs of 1,200 ($13,324.00) cover the other 3,996,800"
        ]
    );
}

#[test]
fn one_credit_beyond_unlimited_s_fast_credits_runs_relaxed() {
    // 7 × 55 + 601 × 16 = 385 + 9,616 = 10,001: one credit past the 10,000.
    const FLASH_720_5S: &str = r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5}"#;
    let f = fit(&[usage(FLASH_720_5S, 7), usage(PHOTON_4, 601)], "");
    assert_eq!(f.monthly_credits, 10_001);
    assert_eq!(
        plan(&f, "unlimited").reasons,
        [
            "10,000 fast credits cover 10,000 of 10,001; the other 1 runs in relaxed mode (a slower queue), at no extra cost"
        ]
    );
}

#[test]
fn annual_billing_uses_the_annual_monthly_price() {
    // Annual: Lite 7.99, Plus 23.99, Unlimited 75.99 a month.
    let f = fit(&[usage(PHOTON_4, 10)], r#","billing":"annual""#);
    assert_eq!(plan(&f, "lite").price_usd.as_deref(), Some("7.99"));
    assert_eq!(plan(&f, "plus").price_usd.as_deref(), Some("23.99"));
    assert_eq!(plan(&f, "unlimited").price_usd.as_deref(), Some("75.99"));
    assert!(
        plan(&f, "lite")
            .reasons
            .iter()
            .any(|r| r.contains("$95.90 a year"))
    );
    // Free is billed neither way ($0 a month, "-" annually in plan-prices.md):
    // $0, and still not
    // priced for its "limited" credits, not for a missing annual price.
    let free = plan(&f, "free");
    assert_eq!(free.price_usd.as_deref(), Some("0.00"));
    assert_eq!(free.total_usd, None);
    assert!(
        free.reasons.iter().any(|r| r.contains("“limited”")),
        "{:?}",
        free.reasons
    );
    assert!(!free.reasons.iter().any(|r| r.contains("annual")));
    // 25,000 annual: Plus 15,000 more = 13 packs ($52) + 23.99 = 75.99 = Unlimited's 75.99.
    // Equal totals and equal credits: the plan with relaxed mode gives more for the money.
    let f = fit(
        &[usage(
            r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"1080p","durationSeconds":5}"#,
            384,
        )],
        r#","billing":"annual""#,
    );
    assert_eq!(f.monthly_credits, 24_960);
    assert_eq!(plan(&f, "plus").total_usd.as_deref(), Some("75.99"));
    assert_eq!(f.recommended.as_deref(), Some("unlimited"));
}

#[test]
fn free_and_enterprise_are_listed_but_never_recommended() {
    for per_month in [0, 1, 1000] {
        let f = fit(&[usage(PHOTON_4, per_month)], "");
        for id in ["free", "enterprise"] {
            let p = plan(&f, id);
            assert!(!p.eligible, "{id}");
            assert_eq!(p.total_usd, None, "{id}");
            assert!(
                p.reasons.iter().any(|r| r.contains("cannot be priced")),
                "{id}: {:?}",
                p.reasons
            );
        }
        assert_ne!(f.recommended.as_deref(), Some("free"));
    }
    let f = fit(&[usage(RAY2_720_5S, 1)], "");
    assert!(
        plan(&f, "free")
            .reasons
            .iter()
            .any(|r| r.contains("images only"))
    );
    assert_eq!(plan(&f, "enterprise").price_usd, None);
    assert_eq!(plan(&f, "free").price_usd.as_deref(), Some("0.00"));
}

#[test]
fn several_usage_lines_add_up() {
    // 20 × 320 + 30 × 16 = 6,400 + 480 = 6,880.
    let f = fit(
        &[
            usage(RAY2_720_10S, 20),
            usage(PHOTON_4, 30),
            usage(RAY2_720_5S, 0),
        ],
        "",
    );
    assert_eq!(f.monthly_credits, 6_880);
}

#[test]
fn notices_warn_the_buyer() {
    let f = fit(&[usage(PHOTON_4, 1)], "");
    let all = f.notices.join("\n");
    assert!(all.contains("closed to new purchases"), "{all}");
    assert!(all.contains("do not roll over"), "{all}");
    assert!(all.contains("never transfer"), "{all}");
    assert!(!all.contains("approximate"), "{all}");
}

#[test]
fn a_month_with_modify_is_marked_approximate() {
    // "Modify Video 5-second video: approximately 400 credits": 20 × (160 + 400).
    let modify = r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify"}]}"#;
    let f = fit(&[usage(modify, 20)], "");
    assert_eq!(f.monthly_credits, 11_200);
    let all = f.notices.join("\n");
    assert!(
        all.contains("Modify costs are approximate") && all.contains("Final cost varies"),
        "{all}"
    );
    // None of them this month: nothing approximate is counted.
    let f = fit(&[usage(modify, 0), usage(PHOTON_4, 1)], "");
    assert!(!f.notices.join("\n").contains("approximate"));
}

#[test]
fn errors() {
    let err = |json: &str| plan_fit(json).expect_err(json);
    assert_eq!(
        err(r#"{"platform":"dream-machine-ios","usage":[]}"#).code(),
        ErrorCode::Unpriced
    );
    assert_eq!(
        err(r#"{"platform":"luma-agents","usage":[]}"#).code(),
        ErrorCode::Unpriced
    );
    assert_eq!(
        err(r#"{"platform":"moon","usage":[]}"#).code(),
        ErrorCode::UnknownPlatform
    );
    assert_eq!(
        err(r#"{"platform":"dream-machine-web"}"#).code(),
        ErrorCode::InvalidRequest
    );
    assert_eq!(
        err(r#"{"platform":"dream-machine-web","usage":[],"billing":"weekly"}"#).code(),
        ErrorCode::InvalidRequest
    );
    let line = |request: &str, per: &str| {
        format!(
            r#"{{"platform":"dream-machine-web","usage":[{{"request":{request},"perMonth":{per}}}]}}"#
        )
    };
    for (per, message) in [
        (
            "-1",
            "usage[0].perMonth must be a whole number, 0 or more, got -1",
        ),
        (
            "1.5",
            "usage[0].perMonth must be a whole number, 0 or more, got 1.5",
        ),
        (
            "1e300",
            "usage[0].perMonth must be at most 9,007,199,254,740,991, the largest whole number JavaScript holds exactly, got a number too large to bill",
        ),
    ] {
        let e = err(&line(PHOTON_4, per));
        assert_eq!(e.code(), ErrorCode::InvalidRequest, "{per}");
        assert_eq!(e.message(), message);
    }
    let e = err(&line(r#"{"platform":"luma-agents","model":"veo-3"}"#, "1"));
    assert_eq!(e.code(), ErrorCode::PlatformMismatch);
    // iOS plans are separate purchases: web plans are fitted to web work.
    let e = err(&line(
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"720p","durationSeconds":5}"#,
        "1",
    ));
    assert_eq!(e.code(), ErrorCode::PlatformMismatch);
    assert!(
        e.message().contains("plans are sold for one platform each"),
        "{}",
        e.message()
    );
    let e = err(&line(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":7}"#,
        "1",
    ));
    assert_eq!(e.code(), ErrorCode::UnsupportedDuration);
    assert!(
        e.message().starts_with("usage[0].request: "),
        "{}",
        e.message()
    );
    // The month's total cannot pass what JavaScript holds exactly.
    let e = err(&line(RAY2_1080_10S, "9007199254740991"));
    assert_eq!(e.code(), ErrorCode::InvalidRequest);
}
