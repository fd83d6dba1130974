//! Every figure of "Credit Pricing, Usage & Top-Ups", reproduced through
//! `quote()`. Expected values are copied from the article text
//! (pricing/articles/dream-machine-credit-pricing.txt), not from the code.

mod common;
use common::{assert_credits, quote};

#[test]
fn photon_is_4_credits_per_image_in_batches_of_4() {
    // "4 credits per image", "Images are generated in batches of 4 → 16 credits per batch"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":4}"#,
        16,
    );
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":1}"#,
        16,
    );
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":6}"#,
        32,
    );
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":8}"#,
        32,
    );
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":9}"#,
        48,
    );
    // Same on iOS.
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"photon","images":6}"#,
        32,
    );
}

#[test]
fn web_video_table() {
    let rows = [
        ("ray-1.6", "720p", 5, 80),
        ("ray-2", "720p", 5, 160),
        ("ray-2", "720p", 10, 320),
        ("ray-2", "1080p", 5, 170),
        ("ray-2", "1080p", 10, 340),
        ("ray-2-flash", "720p", 5, 55),
        ("ray-2-flash", "720p", 10, 110),
        ("ray-2-flash", "1080p", 5, 65),
        ("ray-2-flash", "1080p", 10, 130),
    ];
    for (model, res, seconds, credits) in rows {
        assert_credits(
            &format!(
                r#"{{"platform":"dream-machine-web","model":"{model}","resolution":"{res}","durationSeconds":{seconds}}}"#
            ),
            credits,
        );
    }
}

#[test]
fn ios_video_is_per_second() {
    // "Ray1.6: 16 credits per second", "Ray2 540p: 16", "Ray2 720p: 32"
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"ray-1.6","resolution":"720p","durationSeconds":5}"#,
        80,
    );
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"540p","durationSeconds":5}"#,
        80,
    );
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"720p","durationSeconds":5}"#,
        160,
    );
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"720p","durationSeconds":10}"#,
        320,
    );
    assert_credits(
        r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"540p","durationSeconds":20}"#,
        320,
    );
}

#[test]
fn modify_is_about_400_per_5_seconds_and_approximate() {
    // "5-second video: approximately 400 credits", "10-second video: approximately 800 credits"
    let five = quote(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify"}]}"#,
    );
    assert_eq!(five.lines[1].credits, 400);
    assert!(five.approximate);
    let ten = quote(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":10,"addons":[{"kind":"modify"}]}"#,
    );
    assert_eq!(ten.lines[1].credits, 800);
    assert_eq!(ten.credits, 320 + 800);
    assert!(ten.approximate);
    assert!(
        ten.notes.iter().any(|n| n.contains("approximate")),
        "{:?}",
        ten.notes
    );
    let plain = quote(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":10}"#,
    );
    assert!(!plain.approximate);
}

#[test]
fn reframe_rates() {
    // "Image: 4 credits"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"photon","images":1,"addons":[{"kind":"reframe"}]}"#,
        16 + 4,
    );
    // "Ray2 Flash: 11 credits per second"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"reframe"}]}"#,
        55 + 55,
    );
    // "Ray2 (Standard): 32 credits per second"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"1080p","durationSeconds":10,"addons":[{"kind":"reframe"}]}"#,
        340 + 320,
    );
}

#[test]
fn a_9_second_extend_is_billed_as_10_seconds() {
    // "Credit use rounds up—e.g., a 9-second Extend clip is billed as 10 seconds"
    // Ray2 Flash 720p: 55 credits per 5 s, so 11 credits a second.
    let q = quote(
        r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":9}]}"#,
    );
    assert_eq!(q.credits, 55 + 110);
    assert_eq!(q.lines[1].billed_seconds, Some(10));
    assert!(
        q.notes
            .iter()
            .any(|n| n.contains("billed as 10 s") && n.contains("rounds up")),
        "{:?}",
        q.notes
    );
}

#[test]
fn upscale_rates() {
    // "720p → 1080p (5s): 10 credits"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"1080p"}]}"#,
        160 + 10,
    );
    // "720p → 2160p (5s): 20 credits"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}"#,
        160 + 20,
    );
    // "1080p → 2160p (5s): 10 credits"
    assert_credits(
        r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"1080p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}"#,
        170 + 10,
    );
}

#[test]
fn the_worked_example_is_75() {
    // "A 5-second Ray2 Flash 720p video costs 55 credits. Upscaling that to 4K adds 20 credits, totaling 75."
    let q = quote(
        r#"{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}"#,
    );
    assert_eq!(q.credits, 75);
    assert_eq!(q.lines.len(), 2);
    assert_eq!(q.lines[0].credits, 55);
    assert_eq!(q.lines[1].credits, 20);
    // "$4 for 1,200 credits": 75 × 4 / 1200 = 0.25
    assert_eq!(q.usd_at_top_up_rate, "0.2500");
}

#[test]
fn dollars_at_the_top_up_rate_are_exact_to_4_places() {
    // $4 / 1,200 credits. 16 credits = 0.05333… -> 0.0533; 320 = 1.0666… -> 1.0667.
    assert_eq!(
        quote(r#"{"platform":"dream-machine-web","model":"photon","images":4}"#).usd_at_top_up_rate,
        "0.0533"
    );
    assert_eq!(quote(r#"{"platform":"dream-machine-web","model":"ray-2","resolution":"720p","durationSeconds":10}"#).usd_at_top_up_rate, "1.0667");
    // 1,200 credits (Ray2 540p on iOS, 75 s × 16/s) cost exactly the $4 of a top-up pack.
    assert_eq!(quote(r#"{"platform":"dream-machine-ios","model":"ray-2","resolution":"540p","durationSeconds":75}"#).usd_at_top_up_rate, "4.0000");
}
