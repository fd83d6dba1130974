//! Properties that must hold for every request, not just the article's rows:
//! lines sum to the total, cost never falls as a generation grows, the
//! recommended plan is the cheapest eligible one by brute force, and draws
//! never take more than a pool holds.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/invariants.rs"]
mod invariants;
#[path = "common/strategies.rs"]
mod strategies;
use common::estimator;
use credit_estimator::check::{CheckRequest, KnownCost, Pool, TopUpLot, Verdict, Wallet};
use credit_estimator::plan_fit::{Needs, PlanFitRequest, UsageLine};
use credit_estimator::{AddonRequest, QuoteRequest};
use proptest::prelude::*;
use strategies::request_strategy;

/// `credits × $4 / 1,200` to 4 places, half away from zero, by integer arithmetic.
fn expected_usd(credits: u64) -> String {
    // In ten-thousandths of a dollar: credits × 40,000 / 1,200 = credits × 100 / 3.
    let n = u128::from(credits) * 100;
    let (q, r) = (n / 3, n % 3);
    let units = if r * 2 >= 3 { q + 1 } else { q };
    format!("{}.{:04}", units / 10_000, units % 10_000)
}

/// `"13333.3333"` as a sentence writes it: `"13,333.3333"`.
fn with_commas(usd: &str) -> String {
    let (whole, places) = usd.split_once('.').expect("4 places");
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    format!("{out}.{places}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn lines_sum_to_the_total_and_dollars_follow(request in request_strategy()) {
        if let Ok(q) = estimator().quote(&request) {
            prop_assert_eq!(q.lines.iter().map(|l| l.credits).sum::<u64>(), q.credits);
            prop_assert!(q.credits > 0);
            prop_assert!(q.lines.iter().all(|l| l.credits > 0));
            prop_assert_eq!(&q.usd_at_top_up_rate, &expected_usd(q.credits));
            // The dollars note is last, and the only note the widget leaves out.
            let about = if q.approximate { "about " } else { "" };
            let dollars = format!("{about}${} at the top-up rate of $4.00 per 1,200 credits", with_commas(&q.usd_at_top_up_rate));
            prop_assert_eq!(q.notes.last(), Some(&dollars));
            prop_assert_eq!(q.notes_besides_dollars(), &q.notes[..q.notes.len() - 1]);
            prop_assert!(!q.notes_besides_dollars().iter().any(|n| n.contains("top-up rate")));
            prop_assert_eq!(q.approximate, request.addons.iter().flatten().any(|a| a.kind.as_deref() == Some("modify")));
            for line in &q.lines {
                if let Some(b) = line.billed_seconds { prop_assert_eq!(b % 5, 0); }
            }
        }
    }

    #[test]
    fn per_second_cost_never_falls_as_the_clip_grows(a in 0.01f64..500.0, b in 0.01f64..500.0, extend in proptest::option::of(0.1f64..60.0)) {
        let (short, long) = if a <= b { (a, b) } else { (b, a) };
        let cost = |seconds: f64| {
            let mut addons = vec![AddonRequest::upscale("2160p"), AddonRequest::reframe(), AddonRequest::modify()];
            if let Some(e) = extend { addons.push(AddonRequest::extend(e)); }
            estimator().quote(&QuoteRequest {
                platform: Some("dream-machine-ios".into()), model: Some("ray-2".into()), resolution: Some("720p".into()),
                duration_seconds: Some(seconds), addons: Some(addons), ..QuoteRequest::default()
            }).unwrap().credits
        };
        prop_assert!(cost(short) <= cost(long));
        // And it is the rate times the seconds rounded up to 5: 32/s for the clip.
        let billed = (short / 5.0).ceil() as u64 * 5;
        let bare = estimator().quote(&QuoteRequest {
            platform: Some("dream-machine-ios".into()), model: Some("ray-2".into()), resolution: Some("720p".into()),
            duration_seconds: Some(short), ..QuoteRequest::default()
        }).unwrap();
        prop_assert_eq!(bare.credits, billed * 32);
    }

    #[test]
    fn a_length_is_read_as_written_and_float_noise_is_dropped(n in 1u64..200_000, places in 1usize..=8, a in 1u64..10, b in 1u64..10) {
        // iOS Ray2 540p bills 5 s steps; `billed(x)` is the seconds billed for x.
        let billed = |seconds: f64| estimator().quote(&QuoteRequest {
            platform: Some("dream-machine-ios".into()), model: Some("ray-2".into()), resolution: Some("540p".into()),
            duration_seconds: Some(seconds), ..QuoteRequest::default()
        }).unwrap().lines[0].billed_seconds;
        // A length of at most 15 significant digits just past a step
        // (5n + 10^-places, n below 200,000) is read as written: the next step.
        let written = format!("{}.{}1", 5 * n, "0".repeat(places - 1));
        prop_assert_eq!(billed(written.parse().unwrap()), Some(5 * n + 5), "{}", written);
        // A step reached by floating-point sums of tenths (5n - 0.3 + 0.1 +
        // 0.2 lands a hair off 5n about a third of the time) is that step.
        let (x, y) = (a as f64 / 10.0, b as f64 / 10.0);
        let sum = (5 * n) as f64 - (a + b) as f64 / 10.0 + x + y;
        prop_assert_eq!(billed(sum), Some(5 * n), "{} - {} + {} + {} = {:?}", 5 * n, (a + b) as f64 / 10.0, x, y, sum);
    }

    #[test]
    fn image_cost_never_falls_as_the_count_grows(a in 1u32..100_000, b in 1u32..100_000) {
        let cost = |n: u32| estimator().quote(&QuoteRequest {
            platform: Some("dream-machine-web".into()), model: Some("photon".into()), images: Some(f64::from(n)), ..QuoteRequest::default()
        }).unwrap().credits;
        let (small, large) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(cost(small) <= cost(large));
        prop_assert_eq!(cost(small), u64::from(small).div_ceil(4) * 16);
    }

    #[test]
    fn the_recommended_plan_is_the_cheapest_eligible_one(
        lines in proptest::collection::vec((request_strategy(), 0u32..200), 0..5),
        annual in any::<bool>(), commercial in any::<bool>(), no_watermark in any::<bool>(),
    ) {
        let usage: Vec<UsageLine> = lines.into_iter()
            .filter(|(r, _)| r.platform.as_deref() == Some("dream-machine-web") && estimator().quote(r).is_ok())
            .map(|(r, n)| UsageLine { request: Some(r), per_month: Some(f64::from(n)) })
            .collect();
        let request = PlanFitRequest {
            platform: Some("dream-machine-web".into()),
            usage: Some(usage.clone()),
            billing: Some(if annual { "annual" } else { "monthly" }.into()),
            needs: Some(Needs { commercial_use: Some(commercial), no_watermark: Some(no_watermark) }),
        };
        let fit = estimator().plan_fit(&request).unwrap();
        let need: u64 = usage.iter().map(|u| estimator().quote(u.request.as_ref().unwrap()).unwrap().credits * u.per_month.unwrap() as u64).sum();
        prop_assert_eq!(fit.monthly_credits, need);
        // Brute force over every plan (tests/common/invariants.rs): totals are
        // price plus packs, packs just cover the need, and the recommendation is
        // the cheapest eligible plan, then more credits, then relaxed mode.
        invariants::plan_fit(estimator().book(), &fit).map_err(TestCaseError::fail)?;
        for p in &fit.plans {
            if commercial && p.id == "lite" { prop_assert!(!p.eligible); }
        }
    }

    #[test]
    fn draws_never_exceed_a_pool_and_sum_to_the_cost(
        plan in prop_oneof![Just("free"), Just("lite"), Just("plus"), Just("unlimited"), Just("enterprise")],
        subscription in prop_oneof![Just("active"), Just("paused"), Just("cancelled")],
        monthly in 0u32..5000, gifted in 0u32..2000,
        lots in proptest::collection::vec((0u32..3000, 0u32..800), 0..6),
        cost in 1u32..12_000,
    ) {
        // Today is 2026-11-21; lot ages in days run back over two years.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let top_ups: Vec<TopUpLot> = lots.iter().map(|(credits, age)| TopUpLot {
            credits: Some(f64::from(*credits)),
            purchased: Some((today - chrono::Days::new(u64::from(*age))).format("%Y-%m-%d").to_string()),
        }).collect();
        let wallet = Wallet {
            platform: Some("dream-machine".into()), plan: Some(plan.into()), subscription: Some(subscription.into()),
            today: Some("2026-11-21".into()), monthly: Some(f64::from(monthly)), gifted: Some(f64::from(gifted)),
            top_ups: Some(top_ups), spending_limit: None,
        };
        let r = estimator().check(&wallet, &CheckRequest::Credits(KnownCost { credits: Some(f64::from(cost)), platform: None })).unwrap();
        let counted = subscription == "active" && plan != "free";
        // A lot counts while today is before its first anniversary (clamped): under 365 days here, except leap spans.
        let usable: Vec<u64> = lots.iter().filter(|(_, age)| {
            let bought = today - chrono::Days::new(u64::from(*age));
            today < bought.checked_add_months(chrono::Months::new(12)).unwrap()
        }).map(|(c, _)| u64::from(*c)).collect();
        let available = u64::from(monthly) + u64::from(gifted) + if counted { usable.iter().sum() } else { 0 };
        let drawn: u64 = r.draws.iter().map(|d| d.credits).sum();
        prop_assert!(r.draws.iter().all(|d| d.credits > 0));
        match r.verdict {
            Verdict::Ok => {
                prop_assert!(available >= u64::from(cost));
                prop_assert_eq!(drawn, u64::from(cost));
                prop_assert_eq!(r.shortfall, 0);
            }
            Verdict::Relaxed => {
                prop_assert!(available < u64::from(cost) && counted && (plan == "unlimited" || plan == "enterprise"));
                prop_assert_eq!(drawn, 0);
                prop_assert_eq!(r.shortfall, 0);
            }
            Verdict::Insufficient => {
                prop_assert_eq!(drawn, 0);
                prop_assert_eq!(r.shortfall, u64::from(cost) - available);
                prop_assert_eq!(r.top_up_packs, Some(r.shortfall.div_ceil(1200)));
            }
            Verdict::Paused => prop_assert!(false, "Dream Machine never pauses"),
        }
        let monthly_drawn: u64 = r.draws.iter().filter(|d| d.pool == Pool::Monthly).map(|d| d.credits).sum();
        let gifted_drawn: u64 = r.draws.iter().filter(|d| d.pool == Pool::Gifted).map(|d| d.credits).sum();
        prop_assert!(monthly_drawn <= u64::from(monthly));
        prop_assert!(gifted_drawn <= u64::from(gifted));
        // Pools in order: monthly before gifted before top-ups, top-ups oldest first.
        let order: Vec<(u8, Option<String>)> = r.draws.iter().map(|d| (match d.pool { Pool::Monthly => 0, Pool::Gifted => 1, _ => 2 }, d.purchased.clone())).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted);
        if !counted {
            let hidden: u64 = usable.iter().sum();
            prop_assert_eq!(r.hidden_top_up_credits, (hidden > 0).then_some(hidden));
        }
    }
}
