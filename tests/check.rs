//! `check()`: pools, dates, verdicts and remedies, against the rules of
//! "Credit Pricing, Usage & Top-Ups" and the Luma Agents article.

mod common;
use common::{check, estimator, wallet};
use credit_estimator::ErrorCode;
use credit_estimator::check::{CheckRequest, KnownCost, Pool, Verdict};

fn dm(
    plan: &str,
    subscription: &str,
    today: &str,
    monthly: u64,
    gifted: u64,
    top_ups: &str,
) -> String {
    format!(
        r#"{{"platform":"dream-machine","plan":"{plan}","subscription":"{subscription}","today":"{today}","monthly":{monthly},"gifted":{gifted},"topUps":[{top_ups}]}}"#
    )
}

fn lot(credits: u64, purchased: &str) -> String {
    format!(r#"{{"credits":{credits},"purchased":"{purchased}"}}"#)
}

fn draws(r: &credit_estimator::CheckResult) -> Vec<(Pool, u64, Option<String>)> {
    r.draws
        .iter()
        .map(|d| (d.pool, d.credits, d.purchased.clone()))
        .collect()
}

/// The default tables with Dream Machine open to purchases, as a later
/// edition might have it.
fn open_dream_machine() -> credit_estimator::Estimator {
    let mut tables = credit_estimator::default_tables().clone();
    let products = tables.catalog.products.to_mut();
    for p in products.iter_mut().filter(|p| p.id == "dream-machine") {
        p.open_to_purchases = true;
    }
    credit_estimator::Estimator::try_with_tables(tables).unwrap()
}

/// Asserts that an item of `list` (reasons, remedies) contains `text`.
#[track_caller]
fn mentions(list: &[String], text: &str) {
    assert!(
        list.iter().any(|m| m.contains(text)),
        "no {text:?} in {list:?}"
    );
}

/// Asserts that no item of `list` contains `text`.
#[track_caller]
fn never_mentions(list: &[String], text: &str) {
    assert!(
        !list.iter().any(|m| m.contains(text)),
        "{text:?} in {list:?}"
    );
}

fn generation(json: &str) -> CheckRequest {
    CheckRequest::Generation(serde_json::from_str(json).unwrap())
}

const WORKED_EXAMPLE: &str = r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}"#;

/// The check of the article's worked example (75 credits) against `wallet`.
#[track_caller]
fn worked_example(wallet: &str) -> credit_estimator::CheckResult {
    check(wallet, WORKED_EXAMPLE).unwrap()
}

#[test]
fn pools_are_drawn_monthly_then_gifted_then_oldest_top_up() {
    let w = dm(
        "plus",
        "active",
        "2026-11-21",
        50,
        10,
        &[lot(1200, "2026-01-05"), lot(1200, "2025-12-01")].join(","),
    );
    let r = worked_example(&w);
    assert_eq!(r.verdict, Verdict::Ok);
    assert_eq!(r.cost, 75);
    // 50 monthly + 10 gifted + two unexpired packs of 1,200.
    assert_eq!(r.available, 2460);
    assert_eq!(r.shortfall, 0);
    assert_eq!(
        draws(&r),
        [
            (Pool::Monthly, 50, None),
            (Pool::Gifted, 10, None),
            (Pool::TopUp, 15, Some("2025-12-01".into()))
        ]
    );
    // A draw that spans two top-ups.
    let w = dm(
        "plus",
        "active",
        "2026-11-21",
        0,
        0,
        &[lot(10, "2026-02-01"), lot(100, "2026-03-01")].join(","),
    );
    let r = check(&w, r#"{"credits":50}"#).unwrap();
    assert_eq!(
        draws(&r),
        [
            (Pool::TopUp, 10, Some("2026-02-01".into())),
            (Pool::TopUp, 40, Some("2026-03-01".into()))
        ]
    );
}

/// A draw from a top-up says which of `wallet.topUps` it is (the oldest is
/// drawn first, whatever the order given) and when it stops counting: *"Valid
/// for 12 months from the purchase date"* (rule 25: on its first anniversary).
#[test]
fn a_top_up_draw_names_its_top_up_and_its_expiry() {
    let w = dm(
        "plus",
        "active",
        "2026-11-21",
        0,
        0,
        &[lot(100, "2026-03-01"), lot(10, "2026-02-01")].join(","),
    );
    let r = check(&w, r#"{"credits":50}"#).unwrap();
    let top_ups: Vec<_> = r
        .draws
        .iter()
        .map(|d| (d.top_up_index, d.credits, d.expires.as_deref()))
        .collect();
    assert_eq!(
        top_ups,
        [
            (Some(1), 10, Some("2027-02-01")),
            (Some(0), 40, Some("2027-03-01"))
        ]
    );
    // Its last day must be one a date can write: YYYY-MM-DD, so by 9999.
    let w = dm(
        "plus",
        "active",
        "9999-12-31",
        0,
        0,
        &lot(100, "9999-06-01"),
    );
    let e = check(&w, r#"{"credits":50}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidWallet);
    assert!(
        e.message()
            .contains("topUps[0].purchased 9999-06-01 is too late"),
        "{}",
        e.message()
    );
    // The other pools are no top-up.
    let w = dm("plus", "active", "2026-11-21", 50, 10, "");
    let r = check(&w, r#"{"credits":60}"#).unwrap();
    assert!(
        r.draws
            .iter()
            .all(|d| d.top_up_index.is_none() && d.expires.is_none()),
        "{:?}",
        r.draws
    );
}

#[test]
fn no_zero_credit_draws() {
    let r = check(
        &dm("plus", "active", "2026-11-21", 0, 100, ""),
        r#"{"credits":16}"#,
    )
    .unwrap();
    assert_eq!(draws(&r), [(Pool::Gifted, 16, None)]);
    let r = check(
        &dm(
            "plus",
            "active",
            "2026-11-21",
            100,
            0,
            &lot(0, "2026-11-01"),
        ),
        r#"{"credits":100}"#,
    )
    .unwrap();
    assert_eq!(draws(&r), [(Pool::Monthly, 100, None)]);
}

#[test]
fn a_top_up_counts_through_the_day_before_12_months_after_purchase() {
    // Bought 2025-11-21: usable through 2026-11-20.
    let on = |today: &str| {
        check(
            &dm("plus", "active", today, 0, 0, &lot(1200, "2025-11-21")),
            r#"{"credits":100}"#,
        )
        .unwrap()
    };
    assert_eq!(on("2026-11-20").verdict, Verdict::Ok);
    assert_eq!(on("2026-11-20").available, 1200);
    let expired = on("2026-11-21");
    assert_eq!(expired.verdict, Verdict::Insufficient);
    assert_eq!(expired.available, 0);
    assert!(
        expired
            .reasons
            .iter()
            .any(|r| r.contains("expired on 2026-11-21")),
        "{:?}",
        expired.reasons
    );
    // Bought on a leap day: the anniversary clamps to 2025-02-28.
    let leap = |today: &str| {
        check(
            &dm("plus", "active", today, 0, 0, &lot(1200, "2024-02-29")),
            r#"{"credits":100}"#,
        )
        .unwrap()
    };
    assert_eq!(leap("2025-02-27").verdict, Verdict::Ok);
    assert_eq!(leap("2025-02-28").verdict, Verdict::Insufficient);
    // Month-end purchase: 2025-01-31 stops counting on 2026-01-31.
    let jan = |today: &str| {
        check(
            &dm("plus", "active", today, 0, 0, &lot(1200, "2025-01-31")),
            r#"{"credits":100}"#,
        )
        .unwrap()
    };
    assert_eq!(jan("2026-01-30").verdict, Verdict::Ok);
    assert_eq!(jan("2026-01-31").verdict, Verdict::Insufficient);
}

#[test]
fn top_ups_hide_unless_the_plan_is_active_and_paid() {
    let lots = [
        lot(1200, "2026-06-01"),
        lot(300, "2026-07-01"),
        lot(500, "2025-01-01"),
    ]
    .join(",");
    for (plan, subscription) in [
        ("plus", "paused"),
        ("plus", "cancelled"),
        ("free", "active"),
        ("lite", "paused"),
    ] {
        let r = check(
            &dm(plan, subscription, "2026-11-21", 20, 0, &lots),
            r#"{"credits":75}"#,
        )
        .unwrap();
        assert_eq!(r.verdict, Verdict::Insufficient, "{plan} {subscription}");
        // The expired 2025-01-01 lot is not hidden, it is gone.
        assert_eq!(r.hidden_top_up_credits, Some(1500), "{plan} {subscription}");
        // Hidden top-ups are not available: only the 20 monthly credits.
        assert_eq!(r.available, 20);
        assert_eq!(r.shortfall, 55);
        assert_eq!(r.top_up_packs, Some(1));
        assert!(r.draws.is_empty());
        // Dream Machine sells no plans or renewals now: nothing can make them
        // count again, so that is a reason, not a remedy.
        assert!(
            r.reasons
                .iter()
                .any(|m| m.contains("1,500 top-up credits are hidden")
                    && m.contains("cannot be made to count")),
            "{:?}",
            r.reasons
        );
        never_mentions(&r.remedies, "hidden");
        // Top-ups would not count on this plan even if Dream Machine sold
        // them: what they would have taken is not said.
        mentions(&r.remedies, "the 55 missing cannot be bought; “");
        never_mentions(&r.remedies, "it would take");
        // The 20 monthly credits are counted, and a paused or cancelled
        // subscription says that this is a reading.
        assert!(
            r.reasons
                .iter()
                .any(|m| m.starts_with("20 credits available"))
        );
        assert_eq!(
            r.reasons
                .iter()
                .any(|m| m.contains("counted although the subscription is")),
            subscription != "active",
            "{:?}",
            r.reasons
        );
        // With the product open to purchases, reactivating is a remedy.
        let r = open_dream_machine()
            .check(
                &wallet(&dm(plan, subscription, "2026-11-21", 20, 0, &lots)),
                &CheckRequest::Credits(KnownCost {
                    credits: Some(75.0),
                    platform: None,
                }),
            )
            .unwrap();
        assert_eq!(r.hidden_top_up_credits, Some(1500));
        assert!(
            r.remedies.iter().any(
                |m| m.contains("Your 1,500 hidden top-up credits count again")
                    && m.contains("which would cover this")
            ),
            "{:?}",
            r.remedies
        );
    }
    let r = check(
        &dm("plus", "active", "2026-11-21", 20, 0, &lots),
        r#"{"credits":75}"#,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Ok);
    assert_eq!(r.hidden_top_up_credits, None);
}

#[test]
fn unlimited_and_enterprise_run_relaxed_when_credits_run_out() {
    for plan in ["unlimited", "enterprise"] {
        let r = worked_example(&dm(plan, "active", "2026-11-21", 10, 0, ""));
        assert_eq!(r.verdict, Verdict::Relaxed, "{plan}");
        assert!(r.draws.is_empty());
        assert_eq!(r.shortfall, 0);
        assert_eq!(r.top_up_packs, None);
    }
    // Enough credits: drawn as usual.
    assert_eq!(
        worked_example(&dm("unlimited", "active", "2026-11-21", 100, 0, "")).verdict,
        Verdict::Ok
    );
    // Not active: no relaxed queue.
    let r = worked_example(&dm("unlimited", "paused", "2026-11-21", 10, 0, ""));
    assert_eq!(r.verdict, Verdict::Insufficient);
    // Top-ups are fast credits: spent before relaxed mode starts, and said.
    let with_top_up = |plan| {
        worked_example(&dm(
            plan,
            "active",
            "2026-11-21",
            10,
            0,
            &lot(1200, "2026-01-05"),
        ))
    };
    let r = with_top_up("unlimited");
    assert_eq!(r.verdict, Verdict::Ok);
    assert_eq!(
        draws(&r),
        [
            (Pool::Monthly, 10, None),
            (Pool::TopUp, 65, Some("2026-01-05".to_owned()))
        ]
    );
    mentions(
        &r.reasons,
        "on Unlimited relaxed mode starts once they run out too",
    );
    // Not where no top-up is drawn, nor on a plan without relaxed mode.
    let r = worked_example(&dm("unlimited", "active", "2026-11-21", 100, 0, ""));
    never_mentions(&r.reasons, "relaxed");
    never_mentions(&with_top_up("plus").reasons, "relaxed");
}

#[test]
fn insufficient_says_what_is_missing_and_does_not_offer_to_sell() {
    let r = worked_example(&dm("plus", "active", "2026-11-21", 20, 0, ""));
    assert_eq!(
        (r.verdict, r.shortfall, r.top_up_packs),
        (Verdict::Insufficient, 55, Some(1))
    );
    let remedies = r.remedies.join("\n");
    assert!(
        remedies.contains(
            "the 55 missing cannot be bought (it would take 1 top-up pack of 1,200 credits ($4.00))"
        ),
        "{remedies}"
    );
    assert!(!remedies.contains("Buy "), "{remedies}");
    assert!(remedies.contains("up to 20 credits"), "{remedies}");
    // 1,300 short: 2 packs.
    let r = check(
        &dm("lite", "active", "2026-11-21", 0, 0, ""),
        r#"{"credits":1300}"#,
    )
    .unwrap();
    assert_eq!((r.shortfall, r.top_up_packs), (1300, Some(2)));
    // Nothing available: no "cheaper generation" remedy.
    never_mentions(&r.remedies, "cheaper");
}

fn agents(monthly: u64, gifted: u64, limit: Option<u64>) -> String {
    let limit = limit
        .map(|l| format!(r#","spendingLimit":{l}"#))
        .unwrap_or_default();
    format!(
        r#"{{"platform":"luma-agents","plan":"pro","subscription":"active","today":"2026-11-21","monthly":{monthly},"gifted":{gifted}{limit}}}"#
    )
}

#[test]
fn luma_agents_uses_the_spending_limit_then_pauses() {
    let r = check(&agents(50, 10, Some(100)), r#"{"credits":75}"#).unwrap();
    assert_eq!(r.verdict, Verdict::Ok);
    // The spending limit buys credits; it is not among those available.
    assert_eq!(r.available, 60);
    assert_eq!(
        draws(&r),
        [
            (Pool::Monthly, 50, None),
            (Pool::Gifted, 10, None),
            (Pool::SpendingLimit, 15, None)
        ]
    );
    let r = check(&agents(50, 10, Some(10)), r#"{"credits":75}"#).unwrap();
    assert_eq!((r.verdict, r.shortfall), (Verdict::Paused, 15));
    assert!(r.draws.is_empty());
    assert_eq!(r.top_up_packs, None);
    assert!(
        r.remedies
            .iter()
            .any(|m| m.contains("at least 15 credits") && m.contains("allows 10")),
        "{:?}",
        r.remedies
    );
    mentions(&r.reasons, "no automatic overage");
    // Credits added are spent before the limit, which still pays its 10:
    // 5 more make 65, and the limit the last 10 of the 75.
    mentions(
        &r.remedies,
        "Add at least 5 credits from inside any board, with the “Add credits” button in the top right corner of the workspace (the articles publish no price for them); the spending limit pays the other 10",
    );
    let added = check(&agents(50, 10 + 5, Some(10)), r#"{"credits":75}"#).unwrap();
    assert_eq!(added.verdict, Verdict::Ok);
    // A cheaper generation goes through on the credits and the limit: 50 +
    // 10 available, then the 10 the limit allows, is 70.
    mentions(
        &r.remedies,
        "one of up to 70 credits goes through now (60 available, then 10 from the spending limit)",
    );
    let r = check(&agents(50, 10, None), r#"{"credits":75}"#).unwrap();
    assert_eq!(r.verdict, Verdict::Paused);
    mentions(&r.remedies, "one of up to 60 credits goes through now");
    never_mentions(&r.remedies, "from the spending limit");
    mentions(&r.remedies, "Turn on");
    // "You can add credits directly from inside any board by clicking the
    // "Add credits" button": the other way to buy, with no published price.
    mentions(
        &r.remedies,
        "Add at least 15 credits from inside any board, with the “Add credits” button in the top right corner of the workspace (the articles publish no price for them)",
    );
    // Only a dearer plan is offered, without claiming how many more credits
    // it gives: no Luma Agents allocation is published.
    mentions(
        &r.remedies,
        "Upgrade to Ultra, a plan that costs more (allocations are not published, so how many more credits it gives is not known)",
    );
    never_mentions(&r.remedies, "Plus");
    let r = check(&agents(80, 0, None), r#"{"credits":75}"#).unwrap();
    assert_eq!(draws(&r), [(Pool::Monthly, 75, None)]);
}

#[test]
fn a_luma_agents_spending_limit_pays_only_on_an_active_subscription() {
    // "After cancellation, the account reverts to a free account and billing
    // simply stops": the spending limit buys credits, so it is billing.
    for state in ["paused", "cancelled"] {
        let w = agents(50, 10, Some(100)).replace(r#""active""#, &format!(r#""{state}""#));
        let r = check(&w, r#"{"credits":75}"#).unwrap();
        assert_eq!((r.verdict, r.shortfall), (Verdict::Paused, 15), "{state}");
        assert!(r.draws.is_empty(), "{state}");
        assert!(
            r.reasons.iter().any(|m| m.starts_with(&format!(
                "the spending limit pays nothing while the subscription is {state}"
            ))),
            "{:?}",
            r.reasons
        );
        assert_eq!(
            r.remedies[0],
            format!(
                "Reactivate the subscription: it is {state}, and the spending limit pays only on an active one"
            )
        );
        never_mentions(&r.remedies, "Raise");
        // Buying needs billing (rule 28): no "Add credits" either.
        never_mentions(&r.remedies, "Add credits");
        // What goes through now is the credits alone.
        mentions(&r.remedies, "one of up to 60 credits goes through now");
        never_mentions(&r.remedies, "from the spending limit");
        // The monthly and gifted credits given still pay, and say nothing of
        // the limit; a reason says that they are counted, and why.
        let r = check(&w, r#"{"credits":60}"#).unwrap();
        assert_eq!(r.verdict, Verdict::Ok);
        never_mentions(&r.reasons, "spending limit");
        assert_eq!(
            r.reasons.last().map(String::as_str),
            Some(
                format!("the monthly and gifted credits given are counted although the subscription is {state}: the articles say what a pause or a cancellation does to top-ups and to billing, not to credits already in the balance").as_str()
            )
        );
        // Not on an active subscription.
        let r = check(&agents(50, 10, Some(100)), r#"{"credits":60}"#).unwrap();
        never_mentions(&r.reasons, "although");
        // Reactivated, a limit that is off or too small still pays too
        // little for the 15 missing: the remedy says so too.
        for (limit, then) in [
            (
                None,
                "turn on the opt-in spending limit and allow at least 15 credits",
            ),
            (
                Some(10),
                "raise the spending limit to at least 15 credits (it allows 10 now)",
            ),
        ] {
            let w = agents(50, 10, limit).replace(r#""active""#, &format!(r#""{state}""#));
            let r = check(&w, r#"{"credits":75}"#).unwrap();
            assert_eq!(
                r.remedies[0],
                format!(
                    "Reactivate the subscription, then {then}: it is {state}, and the spending limit pays only on an active one"
                )
            );
        }
    }
}

#[test]
fn one_credit_is_written_in_the_singular() {
    let r = check(&agents(0, 0, None), r#"{"credits":1}"#).unwrap();
    assert_eq!(
        r.reasons,
        [
            "0 credits available, 1 needed: generation pauses; there are no automatic overage charges"
        ]
    );
    assert_eq!(
        r.remedies[0],
        "Turn on the opt-in spending limit and allow at least 1 credit"
    );
    let r = check(&agents(1, 0, Some(1)), r#"{"credits":2}"#).unwrap();
    assert_eq!(
        r.reasons,
        ["1 credit available; the opt-in spending limit pays the other 1 (it allows 1)"]
    );
    let r = check(&agents(1, 0, None), r#"{"credits":1}"#).unwrap();
    assert_eq!(
        r.reasons,
        ["1 credit available covers the 1 this costs; monthly credits go first, then gifted"]
    );
    let r = check(&agents(1, 0, None), r#"{"credits":3}"#).unwrap();
    assert!(
        r.remedies
            .iter()
            .any(|m| m.ends_with("one of up to 1 credit goes through now")),
        "{:?}",
        r.remedies
    );
    let w = dm("plus", "active", "2026-11-21", 1, 0, &lot(1, "2025-01-02"));
    let r = check(&w, r#"{"credits":1}"#).unwrap();
    assert_eq!(
        r.reasons,
        [
            "a top-up of 1 credit bought 2025-01-02 expired on 2026-01-02 (12 months after purchase) and no longer counts",
            "1 credit available covers the 1 this costs; monthly credits go first, then gifted, then top-ups, oldest first"
        ]
    );
    let w = dm("unlimited", "active", "2026-11-21", 1, 0, "");
    let r = check(&w, r#"{"credits":5}"#).unwrap();
    assert!(
        r.reasons[0].starts_with("1 credit available does not cover the 5 this costs"),
        "{:?}",
        r.reasons
    );
}

#[test]
fn luma_agents_generations_are_unpriced_but_known_costs_work() {
    let e = check(
        &agents(100, 0, None),
        r#"{"platform":"luma-agents","model":"veo-3","resolution":"1080p","durationSeconds":5}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unpriced);
    assert_eq!(
        check(
            &agents(100, 0, None),
            r#"{"credits":40,"platform":"luma-agents"}"#
        )
        .unwrap()
        .verdict,
        Verdict::Ok
    );
}

#[test]
fn credits_never_cross_platforms_and_that_is_checked_first() {
    let e = check(&agents(100, 0, None), WORKED_EXAMPLE).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PlatformMismatch);
    assert!(
        e.message().contains("cannot transfer between"),
        "{}",
        e.message()
    );
    // A platform named after its product is not named twice.
    let e = check(
        &dm("plus", "active", "2026-11-21", 100, 0, ""),
        r#"{"credits":10,"platform":"luma-agents"}"#,
    )
    .unwrap_err();
    assert!(
        e.message()
            .starts_with("the request is for Luma Agents but"),
        "{}",
        e.message()
    );
    // Checked before pricing: an invalid Dream Machine request still reports the mismatch.
    let bad = r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":7}"#;
    assert_eq!(
        check(&agents(100, 0, None), bad).unwrap_err().code(),
        ErrorCode::PlatformMismatch
    );
    let e = check(
        &dm("plus", "active", "2026-11-21", 100, 0, ""),
        r#"{"credits":10,"platform":"luma-agents"}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PlatformMismatch);
}

#[test]
fn malformed_wallets_are_invalid_wallet() {
    let base = r#""plan":"plus","subscription":"active","today":"2026-11-21","monthly":10"#;
    for (json, words) in [
        (
            r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-02-30","monthly":10}"#.to_string(),
            "2026-02-30",
        ),
        (
            r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"21/11/2026","monthly":10}"#.to_string(),
            "YYYY-MM-DD",
        ),
        (
            format!(r#"{{"platform":"dream-machine",{base},"gifted":-1}}"#),
            "wallet.gifted",
        ),
        (
            r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-11-21","monthly":-10}"#.to_string(),
            "wallet.monthly",
        ),
        (
            r#"{"platform":"dream-machine","plan":"plus","subscription":"active","today":"2026-11-21","monthly":1.5}"#.to_string(),
            "wallet.monthly must be a whole number of credits, 0 or more, got 1.5",
        ),
        (
            r#"{"platform":"dream-machine","plan":"pro","subscription":"active","today":"2026-11-21","monthly":10}"#.to_string(),
            "lite",
        ),
        (
            r#"{"platform":"dream-machine","plan":"plus","subscription":"on","today":"2026-11-21","monthly":10}"#.to_string(),
            "active, paused or cancelled",
        ),
        (
            format!(r#"{{"platform":"dream-machine-web",{base}}}"#),
            "not a product",
        ),
        (
            format!(
                r#"{{"platform":"dream-machine",{base},"topUps":[{{"credits":10,"purchased":"2026-12-01"}}]}}"#
            ),
            "after wallet.today",
        ),
        (
            format!(
                r#"{{"platform":"dream-machine",{base},"topUps":[{{"credits":10,"purchased":"2025-02-29"}}]}}"#
            ),
            "2025-02-29",
        ),
        (
            format!(r#"{{"platform":"dream-machine",{base},"spendingLimit":10}}"#),
            "spending limit",
        ),
        (
            r#"{"platform":"luma-agents","plan":"pro","subscription":"active","today":"2026-11-21","monthly":1,"topUps":[{"credits":10,"purchased":"2026-01-01"}]}"#.to_string(),
            "no top-up",
        ),
        (
            r#"{"platform":"dream-machine","subscription":"active","today":"2026-11-21","monthly":10}"#.to_string(),
            "plan is missing",
        ),
    ] {
        let e = check(&json, r#"{"credits":5}"#).expect_err(&json);
        assert_eq!(e.code(), ErrorCode::InvalidWallet, "{json}: {e}");
        assert!(
            e.message().contains(words),
            "{json}: {:?} should mention {words:?}",
            e.message()
        );
    }
    // Non-finite counts can only come from JavaScript; build them directly.
    let mut w = wallet(&format!(r#"{{"platform":"dream-machine",{base}}}"#));
    w.monthly = Some(f64::NAN);
    let e = estimator()
        .check(
            &w,
            &CheckRequest::Credits(KnownCost {
                credits: Some(5.0),
                platform: None,
            }),
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidWallet);
}

#[test]
fn credits_past_what_javascript_holds_are_refused_counted_or_hidden() {
    // Rule 15: a total past 2^53 - 1 is refused, not a wrong number, whether
    // the top-ups count (active) or are hidden (paused, cancelled, Free).
    let huge = [
        lot(5_000_000_000_000_000, "2026-06-01"),
        lot(5_000_000_000_000_000, "2026-07-01"),
    ]
    .join(",");
    for (plan, subscription) in [
        ("plus", "active"),
        ("plus", "paused"),
        ("plus", "cancelled"),
        ("free", "active"),
    ] {
        let w = dm(plan, subscription, "2026-11-21", 0, 0, &huge);
        let e = check(&w, r#"{"credits":5}"#).expect_err(&w);
        assert_eq!(e.code(), ErrorCode::InvalidWallet, "{w}: {e}");
        assert!(
            e.message()
                .contains("holds more than 9,007,199,254,740,991 credits"),
            "{w}: {e}"
        );
    }
    // Just below, hidden top-ups are counted exactly.
    let near = [
        lot(4_503_599_627_370_495, "2026-06-01"),
        lot(4_503_599_627_370_496, "2026-07-01"),
    ]
    .join(",");
    let r = check(
        &dm("plus", "paused", "2026-11-21", 0, 0, &near),
        r#"{"credits":5}"#,
    )
    .unwrap();
    assert_eq!(r.hidden_top_up_credits, Some(9_007_199_254_740_991));
}

#[test]
fn known_costs_must_be_whole_positive_numbers() {
    let w = dm("plus", "active", "2026-11-21", 100, 0, "");
    for bad in ["0", "-5", "2.5", "1e300"] {
        assert_eq!(
            check(&w, &format!(r#"{{"credits":{bad}}}"#))
                .unwrap_err()
                .code(),
            ErrorCode::InvalidRequest,
            "{bad}"
        );
    }
}

#[test]
fn no_cheaper_generation_is_offered_below_the_cheapest_one() {
    // The cheapest Dream Machine generation is one Photon batch: "4 credits
    // per image", "batches of 4 → 16 credits per batch".
    let remedies =
        |monthly: u64| worked_example(&dm("plus", "active", "2026-11-21", monthly, 0, "")).remedies;
    assert!(
        !remedies(15).iter().any(|m| m.contains("cheaper")),
        "{:?}",
        remedies(15)
    );
    assert!(
        remedies(16).iter().any(|m| m.contains("up to 16 credits")),
        "{:?}",
        remedies(16)
    );
}

const RAY2_1080P: &str =
    r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"1080p","durationSeconds":5}"#;
const PHOTON: &str = r#"{"platform":"dream-machine-web","model":"photon","images":4}"#;

#[test]
fn the_free_plan_makes_images_only() {
    // plan-prices.md: Free is "images only, 720p, draft resolution".
    let free = dm("free", "active", "2026-11-21", 1000, 0, "");
    let r = check(&free, RAY2_1080P).unwrap();
    assert_eq!(r.cost, 170);
    assert_eq!(r.verdict, Verdict::Insufficient);
    assert!(r.draws.is_empty());
    // No credit of the plan pays for video: the whole cost is missing (and
    // top-ups, had they been sold, would not count on Free either).
    assert_eq!((r.shortfall, r.top_up_packs), (170, Some(1)));
    mentions(&r.reasons, "Free makes images only");
    let remedies = r.remedies.join("\n");
    assert!(remedies.contains("Make images instead"), "{remedies}");
    assert!(remedies.contains("no longer sells plans"), "{remedies}");
    assert!(!remedies.contains("Upgrade"), "{remedies}");
    // Images go through.
    let r = check(&free, PHOTON).unwrap();
    assert_eq!((r.verdict, r.cost), (Verdict::Ok, 16));
    never_mentions(&r.reasons, "images only");
    // A known cost says nothing of what it makes: judged on credits alone,
    // with a reason that it holds only for images.
    let r = check(&free, r#"{"credits":170}"#).unwrap();
    assert_eq!(r.verdict, Verdict::Ok);
    mentions(
        &r.reasons,
        "Free makes images only: a known cost is checked as credits alone, so this holds only if it is for images",
    );
    // On a plan that makes video, no such reason.
    let r = check(
        &dm("lite", "active", "2026-11-21", 1000, 0, ""),
        r#"{"credits":170}"#,
    )
    .unwrap();
    never_mentions(&r.reasons, "images only");
    // Where plans are sold, the remedy is an upgrade to a plan that makes video.
    let r = open_dream_machine()
        .check(&wallet(&free), &generation(RAY2_1080P))
        .unwrap();
    let remedies = r.remedies.join("\n");
    assert!(
        remedies.contains("Upgrade to Lite, Plus, Unlimited or Enterprise to make video"),
        "{remedies}"
    );
}

#[test]
fn an_approximate_cost_says_so() {
    // Modify: "approximately 400 credits … Final cost varies".
    let modify = r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify"}]}"#;
    let r = check(&dm("plus", "active", "2026-11-21", 1000, 0, ""), modify).unwrap();
    // 160 for Ray2 720p 5 s, plus modify's "approximately 400 credits".
    assert_eq!((r.verdict, r.cost, r.approximate), (Verdict::Ok, 560, true));
    assert!(
        r.reasons
            .iter()
            .any(|m| m.contains("the cost is approximate") && m.contains("Final cost varies")),
        "{:?}",
        r.reasons
    );
    let r = worked_example(&dm("plus", "active", "2026-11-21", 1000, 0, ""));
    never_mentions(&r.reasons, "approximate");
    assert!(!r.approximate);
    // A known cost is the app's own figure, exact as given.
    let r = check(
        &dm("plus", "active", "2026-11-21", 1000, 0, ""),
        r#"{"credits":560}"#,
    )
    .unwrap();
    assert!(!r.approximate);
}

#[test]
fn a_request_with_no_platform_says_a_known_cost_will_do() {
    let e = check(&agents(100, 0, None), r#"{"model":"ray-2"}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidRequest);
    assert!(
        e.message()
            .starts_with("platform is missing: use dream-machine-web")
            && e.message()
                .ends_with("or give { credits } when the cost is already known"),
        "{}",
        e.message()
    );
}

#[test]
fn monthly_credits_above_the_plans_allowance_are_pointed_out_and_counted() {
    // "Each subscription includes a monthly credit allowance that resets with
    // your billing cycle" and "Monthly credits do not roll over": Lite's
    // allowance is 3,200 (plan-prices.md), so 5,000 left is worth a second
    // look, but it is not refused.
    let r = worked_example(&dm("lite", "active", "2026-11-21", 5_000, 0, ""));
    assert_eq!(r.verdict, Verdict::Ok);
    assert_eq!(draws(&r), [(Pool::Monthly, 75, None)]);
    assert!(
        r.reasons.iter().any(|m| m.starts_with(
            "the 5,000 monthly credits left are more than Lite's allowance of 3,200 a month"
        )),
        "{:?}",
        r.reasons
    );
    // At the allowance, and on a plan with no published allowance, nothing
    // is said.
    for w in [
        dm("lite", "active", "2026-11-21", 3_200, 0, ""),
        dm("plus", "active", "2026-11-21", 10_000, 0, ""),
        dm("unlimited", "active", "2026-11-21", 10_000, 0, ""),
        dm("enterprise", "active", "2026-11-21", 50_000, 0, ""),
    ] {
        let r = worked_example(&w);
        assert!(
            !r.reasons.iter().any(|m| m.contains("allowance")),
            "{w}: {:?}",
            r.reasons
        );
    }
    // Not for the iOS app, whose plans are not published: Lite there may
    // give anything a month.
    for request in [
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"720p","durationSeconds":5}"#,
        r#"{"credits":160,"platform":"dream-machine-ios"}"#,
    ] {
        let r = check(&dm("lite", "active", "2026-11-21", 5_000, 0, ""), request).unwrap();
        assert_eq!((r.verdict, r.cost), (Verdict::Ok, 160));
        never_mentions(&r.reasons, "allowance");
    }
    // A known cost for no platform in particular is still compared.
    let r = check(
        &dm("lite", "active", "2026-11-21", 5_000, 0, ""),
        r#"{"credits":160}"#,
    )
    .unwrap();
    mentions(&r.reasons, "Lite's allowance of 3,200");
    // Plus and Unlimited include 10,000 a month.
    let r = worked_example(&dm("unlimited", "active", "2026-11-21", 10_001, 0, ""));
    assert!(
        r.reasons
            .iter()
            .any(|m| m.contains("Unlimited's allowance of 10,000"))
    );
}

/// `checkMany()` of `requests` (each a check() request as JSON) against `wallet`.
#[track_caller]
fn storyboard(
    wallet_json: &str,
    requests: &[&str],
) -> Result<credit_estimator::StoryboardCheck, credit_estimator::Error> {
    let requests: Vec<CheckRequest> = requests
        .iter()
        .map(|json| {
            if json.contains(r#""credits""#) {
                CheckRequest::Credits(serde_json::from_str(json).unwrap())
            } else {
                generation(json)
            }
        })
        .collect();
    estimator().check_many(&wallet(wallet_json), &requests)
}

const PHOTON_4: &str = r#"{"platform":"dream-machine-web","model":"photon","images":4}"#;

#[test]
fn a_storyboard_draws_each_generation_from_what_the_ones_before_it_left() {
    // The worked example (75) twice, then 4 Photon images (16), from 50
    // monthly, 10 gifted and a top-up of 100: the first takes 50 + 10 + 15,
    // the second 75 of the top-up's 85 left, and the images find 10.
    let w = dm(
        "plus",
        "active",
        "2026-11-21",
        50,
        10,
        &lot(100, "2026-01-05"),
    );
    let s = storyboard(&w, &[WORKED_EXAMPLE, WORKED_EXAMPLE, PHOTON_4]).unwrap();
    let verdicts: Vec<Verdict> = s.results.iter().map(|r| r.verdict).collect();
    assert_eq!(verdicts, [Verdict::Ok, Verdict::Ok, Verdict::Insufficient]);
    assert_eq!(
        draws(&s.results[0]),
        [
            (Pool::Monthly, 50, None),
            (Pool::Gifted, 10, None),
            (Pool::TopUp, 15, Some("2026-01-05".into()))
        ]
    );
    assert_eq!(
        draws(&s.results[1]),
        [(Pool::TopUp, 75, Some("2026-01-05".into()))]
    );
    assert_eq!((s.results[2].available, s.results[2].shortfall), (10, 6));
    assert_eq!(s.verdict, Verdict::Insufficient);
    assert_eq!(s.first_short, Some(2));
    assert_eq!((s.cost, s.drawn), (75 + 75 + 16, 150));
    assert!(!s.approximate);
    assert_eq!(s.wallet_after.monthly, Some(0.0));
    assert_eq!(s.wallet_after.gifted, Some(0.0));
    let lots = s.wallet_after.top_ups.as_deref().unwrap();
    assert_eq!(lots[0].credits, Some(10.0));
    assert_eq!(lots[0].purchased.as_deref(), Some("2026-01-05"));
    // Each result is what check() says of the wallet the ones before left.
    let mut left = wallet(&w);
    for (request, result) in [WORKED_EXAMPLE, WORKED_EXAMPLE].iter().zip(&s.results) {
        assert_eq!(
            &estimator().check(&left, &generation(request)).unwrap(),
            result
        );
        left = estimator()
            .check_many(&left, &[generation(request)])
            .unwrap()
            .wallet_after;
    }
    assert_eq!(left, s.wallet_after);
}

#[test]
fn a_storyboard_goes_on_past_a_generation_that_cannot_be_made() {
    // Not made, it takes nothing: the cheaper one after it is still paid.
    let w = dm("plus", "active", "2026-11-21", 60, 0, "");
    let s = storyboard(&w, &[WORKED_EXAMPLE, r#"{"credits":55}"#]).unwrap();
    assert_eq!(s.results[0].verdict, Verdict::Insufficient);
    assert_eq!(s.results[1].verdict, Verdict::Ok);
    assert_eq!(
        (s.verdict, s.first_short, s.drawn),
        (Verdict::Insufficient, Some(0), 55)
    );
    assert_eq!(s.wallet_after.monthly, Some(5.0));
    // Unlimited runs short in relaxed mode, which takes nothing either.
    let w = dm("unlimited", "active", "2026-11-21", 100, 0, "");
    let s = storyboard(&w, &[r#"{"credits":160}"#, r#"{"credits":55}"#]).unwrap();
    assert_eq!(s.results[0].verdict, Verdict::Relaxed);
    assert_eq!(s.results[1].verdict, Verdict::Ok);
    assert_eq!(
        (s.verdict, s.first_short, s.drawn),
        (Verdict::Relaxed, None, 55)
    );
    assert_eq!(s.wallet_after.monthly, Some(45.0));
    // Every one made: ok.
    let s = storyboard(&w, &[r#"{"credits":55}"#, r#"{"credits":45}"#]).unwrap();
    assert_eq!(
        (s.verdict, s.first_short, s.drawn),
        (Verdict::Ok, None, 100)
    );
}

#[test]
fn a_luma_agents_storyboard_spends_the_spending_limit_down() {
    let w = r#"{"platform":"luma-agents","plan":"pro","subscription":"active","today":"2026-11-21","monthly":10,"spendingLimit":20}"#;
    let s = storyboard(
        w,
        &[
            r#"{"credits":15}"#,
            r#"{"credits":20}"#,
            r#"{"credits":15}"#,
        ],
    )
    .unwrap();
    let verdicts: Vec<Verdict> = s.results.iter().map(|r| r.verdict).collect();
    assert_eq!(verdicts, [Verdict::Ok, Verdict::Paused, Verdict::Ok]);
    assert_eq!(
        draws(&s.results[0]),
        [(Pool::Monthly, 10, None), (Pool::SpendingLimit, 5, None)]
    );
    assert_eq!(draws(&s.results[2]), [(Pool::SpendingLimit, 15, None)]);
    assert_eq!((s.verdict, s.first_short), (Verdict::Paused, Some(1)));
    assert_eq!(s.wallet_after.monthly, Some(0.0));
    assert_eq!(s.wallet_after.spending_limit, Some(0.0));
    assert_eq!(s.wallet_after.gifted, None);
}

#[test]
fn a_storyboard_names_the_generation_an_error_comes_from() {
    let w = dm("plus", "active", "2026-11-21", 500, 0, "");
    let e = storyboard(
        &w,
        &[
            WORKED_EXAMPLE,
            r#"{"platform":"luma-agents","model":"veo-3","resolution":"1080p","durationSeconds":5}"#,
        ],
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PlatformMismatch);
    assert!(e.message().starts_with("requests[1]: "), "{}", e.message());
    let e = storyboard(
        &w,
        &[r#"{"platform":"dream-machine-ios","model":"ray-2-flash","resolution":"720p","durationSeconds":5}"#],
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unpriced);
    assert!(e.message().starts_with("requests[0]: "), "{}", e.message());
    // A faulty wallet is the wallet's fault, said once, also with no
    // generation to check.
    let bad = dm("plus", "active", "2026-02-30", 500, 0, "");
    for requests in [&[][..], &[WORKED_EXAMPLE][..]] {
        let e = storyboard(&bad, requests).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidWallet);
        assert!(e.message().starts_with("wallet.today"), "{}", e.message());
    }
    // An empty storyboard costs nothing and leaves the wallet as it was.
    let s = storyboard(&w, &[]).unwrap();
    assert_eq!(
        (s.verdict, s.cost, s.drawn, s.first_short),
        (Verdict::Ok, 0, 0, None)
    );
    assert_eq!(s.wallet_after, wallet(&w));
    // Modify makes the storyboard approximate, as it makes the check.
    let s = storyboard(
        &w,
        &[r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify"}]}"#],
    )
    .unwrap();
    assert!(s.approximate && s.results[0].approximate);
}
