//! The quoting rules of issue 2 one by one, and every error code `quote()`
//! can give, with the message telling what is allowed.

mod common;
use common::{assert_credits, assert_error, estimator, quote};
use credit_estimator::{ErrorCode, LineItem, Quote, QuoteLine};

const WEB: &str = r#""platform":"dream-machine-web""#;
const IOS: &str = r#""platform":"dream-machine-ios""#;

fn web(rest: &str) -> String {
    format!("{{{WEB},{rest}}}")
}

fn ios(rest: &str) -> String {
    format!("{{{IOS},{rest}}}")
}

/// The quote's line for `item`; the quote must have one.
#[track_caller]
fn line(q: &Quote, item: LineItem) -> &QuoteLine {
    q.lines
        .iter()
        .find(|l| l.item == item)
        .unwrap_or_else(|| panic!("no {item:?} line in {q:?}"))
}

#[test]
fn per_second_charges_round_up_to_5_second_steps() {
    // 3 s -> 5 s, 9 s -> 10 s, 10.5 s -> 15 s, at Ray2 540p's 16 credits a second.
    for (seconds, billed) in [
        ("3", 5),
        ("5", 5),
        ("9", 10),
        ("10", 10),
        ("10.5", 15),
        ("0.1", 5),
        ("5.000001", 10),
        // Far below a step: still one started step, never a free clip.
        ("1e-28", 5),
        ("1.3921515606165517e-28", 5),
        ("4.9999999999999999", 5),
    ] {
        let q = quote(&ios(&format!(
            r#""model":"ray-2","resolution":"540p","durationSeconds":{seconds}"#
        )));
        assert_eq!(q.lines[0].billed_seconds, Some(billed), "{seconds} s");
        assert_eq!(q.credits, billed * 16, "{seconds} s");
        let noted = q
            .notes
            .iter()
            .any(|n| n.contains(&format!("billed as {billed} s")) && n.contains("rounds up"));
        assert_eq!(
            noted,
            seconds.parse::<f64>().unwrap() != billed as f64,
            "{seconds} s: {:?}",
            q.notes
        );
    }
}

#[test]
fn dollars_of_a_thousand_or_more_are_grouped_in_the_note_only() {
    // Ray2 720p 5 s (160) + extend 10,000 s (2,000 × 160) = 320,160 credits,
    // × $4 / 1,200 = $1,067.20.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":10000}]"#,
    ));
    assert_eq!(q.credits, 320_160);
    assert_eq!(q.usd_at_top_up_rate, "1067.2000");
    assert_eq!(
        q.notes.last().map(String::as_str),
        Some("$1,067.2000 at the top-up rate of $4.00 per 1,200 credits")
    );
}

#[test]
fn lengths_of_a_thousand_seconds_or_more_are_grouped_as_counts_are() {
    // Grouped, a widget writes them in its locale (1.003 s in German); a run
    // of four digits with no comma it must leave alone, as it may be a year.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"1080p","durationSeconds":10,"addons":[{"kind":"extend","seconds":1003.5},{"kind":"reframe"}]"#,
    ));
    assert_eq!(
        line(&q, LineItem::Extend).label,
        "Extend · 1,003.5 s billed as 1,005 s at the clip's own rate (170 credits per 5 s)"
    );
    assert_eq!(
        line(&q, LineItem::Reframe).label,
        "Reframe · 1,015 s × 32 credits/s"
    );
    assert!(
        q.notes
            .iter()
            .any(|n| n.starts_with("1,003.5 s extend billed as 1,005 s: ")),
        "{:?}",
        q.notes
    );
    assert!(
        q.notes
            .iter()
            .any(|n| n.starts_with("reframe bills the 1,013.5 s clip after extend as 1,015 s: ")),
        "{:?}",
        q.notes
    );
}

#[test]
fn web_video_only_sells_the_table_lengths() {
    assert_error(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":7"#),
        ErrorCode::UnsupportedDuration,
        &["5 s or 10 s"],
    );
    assert_error(
        &web(r#""model":"ray-1.6","resolution":"720p","durationSeconds":10"#),
        ErrorCode::UnsupportedDuration,
        &["only as 5 s"],
    );
    assert_error(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":5.5"#),
        ErrorCode::UnsupportedDuration,
        &["5.5"],
    );
    assert_credits(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":5.0"#),
        160,
    );
}

#[test]
fn resolutions_must_exist_for_the_model() {
    assert_error(
        &web(r#""model":"ray-2","resolution":"540p","durationSeconds":5"#),
        ErrorCode::UnsupportedResolution,
        &["720p or 1080p"],
    );
    assert_error(
        &web(r#""model":"ray-1.6","resolution":"1080p","durationSeconds":5"#),
        ErrorCode::UnsupportedResolution,
        &["720p"],
    );
    assert_error(
        &ios(r#""model":"ray-2","resolution":"1080p","durationSeconds":5"#),
        ErrorCode::UnsupportedResolution,
        &["540p or 720p"],
    );
    // One that exists nowhere (a link edited by hand, "4k"): a video model
    // names its own, an image model says to leave it out.
    assert_error(
        &web(r#""model":"ray-2","resolution":"4k","durationSeconds":5"#),
        ErrorCode::UnsupportedResolution,
        &["Ray2 on Dream Machine (web) has no \"4k\" price: use 720p or 1080p"],
    );
    assert_error(
        &ios(r#""model":"ray-1.6","resolution":"4k","durationSeconds":5"#),
        ErrorCode::UnsupportedResolution,
        &["has no \"4k\" price: use 720p"],
    );
    assert_error(
        &web(r#""model":"photon","images":4,"resolution":"4k""#),
        ErrorCode::UnsupportedResolution,
        &["without a resolution; leave out resolution (got \"4k\")"],
    );
    // A model whose output is not published is told all there are.
    assert_error(
        r#"{"platform":"luma-agents","model":"veo-3","resolution":"4k"}"#,
        ErrorCode::UnsupportedResolution,
        &["resolution \"4k\" is not one of 540p, 720p, 1080p or 2160p"],
    );
    assert_error(
        &web(r#""model":"photon","images":4,"resolution":"720p""#),
        ErrorCode::UnsupportedResolution,
        &["without a resolution"],
    );
}

#[test]
fn ray2_flash_has_no_ios_rate() {
    assert_error(
        &ios(r#""model":"ray-2-flash","resolution":"720p","durationSeconds":5"#),
        ErrorCode::Unpriced,
        // "Video Generation – iOS: Ray1.6: 16 credits per second; Ray2 540p …"
        &[
            "Ray2 Flash video on Dream Machine (iOS): the article publishes no rate; it prices Ray1.6 and Ray2 video there",
        ],
    );
}

#[test]
fn luma_agents_models_exist_but_are_unpriced() {
    for model in ["ray-3.14", "veo-3", "veo-3.1", "kling-3.0", "kling-2.6"] {
        assert_error(
            &format!(
                r#"{{"platform":"luma-agents","model":"{model}","resolution":"1080p","durationSeconds":5}}"#
            ),
            ErrorCode::Unpriced,
            &["not published", "model used, the resolution"],
        );
    }
}

#[test]
fn extend_bills_the_clips_own_rate_and_lengthens_the_clip() {
    // Web Ray2 720p: 160 per 5 s -> 32/s. 5 s + extend 9 s (billed 10 s) = 160 + 320.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":9}]"#,
    ));
    assert_eq!(q.credits, 480);
    // The article publishes no extend rate (rule 7) and rounds by one
    // example (rule 1): the notes say both are readings, and quote the
    // sentence they rest on once.
    const ROUNDS: &str =
        "“Credit use rounds up—e.g., a 9-second Extend clip is billed as 10 seconds”";
    assert_eq!(
        q.notes,
        [
            format!(
                "9 s extend billed as 10 s: credit use rounds up in 5-second steps, as read from {ROUNDS}"
            ),
            "extend has no published rate of its own, so it is billed at the clip's own rate"
                .to_owned(),
            q.notes[2].clone(),
        ]
    );
    assert!(q.notes[2].contains("at the top-up rate"), "{:?}", q.notes);
    // A whole 10 s extend is not rounded: the extend note quotes the sentence.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":10}]"#,
    ));
    assert_eq!(
        q.notes_besides_dollars(),
        [format!(
            "extend has no published rate of its own, so it is billed at the clip's own rate; the article says only {ROUNDS}"
        )]
    );
    let plain = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5"#,
    ));
    assert!(
        !plain.notes.iter().any(|n| n.contains("extend")),
        "{:?}",
        plain.notes
    );
    // The 14 s clip then upscales in 3 started steps: 3 × 10.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":9},{"kind":"upscale","to":"1080p"}]"#,
    ));
    assert_eq!(q.credits, 160 + 320 + 30);
    let upscale = line(&q, LineItem::Upscale);
    assert_eq!(upscale.billed_seconds, Some(15));
    // Rates are published "(5s)" only: billing a longer clip per 5 s is a
    // reading, and the quote says so; a 5 s clip needs no such note.
    let per_step = "upscale rates are published for 5 s clips only; a longer clip is priced here per started 5 s at that rate, a reading of the rates' “(5s)”";
    assert!(q.notes.iter().any(|n| n == per_step), "{:?}", q.notes);
    let five = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"1080p"}]"#,
    ));
    assert!(
        !five.notes.iter().any(|n| n == per_step),
        "{:?}",
        five.notes
    );
    // iOS: its per-second rate. Ray2 720p 7 s (10 s billed) + extend 3 s (5 s billed) = 320 + 160.
    assert_credits(
        &ios(
            r#""model":"ray-2","resolution":"720p","durationSeconds":7,"addons":[{"kind":"extend","seconds":3}]"#,
        ),
        480,
    );
    // Ray1.6 web: 80 per 5 s.
    assert_credits(
        &web(
            r#""model":"ray-1.6","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":5}]"#,
        ),
        160,
    );
}

#[test]
fn lengths_are_read_to_15_significant_digits() {
    // A JavaScript number holds every decimal of up to 15 digits exactly
    // (what a person writes is read as written); past that is the binary
    // number's noise, dropped. 10.00000000000001 (16 digits) is the web's
    // 10 s clip; 5.00000000000001 (15 digits) is a length just past 5 s.
    assert_credits(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":10.00000000000001"#),
        320,
    );
    assert_error(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":5.00000000000001"#),
        ErrorCode::UnsupportedDuration,
        &["5 s or 10 s"],
    );
    assert_credits(
        &ios(r#""model":"ray-2","resolution":"720p","durationSeconds":5.00000000000001"#),
        320,
    );
    // 0.1 + 0.2 (0.30000000000000004 in JavaScript) and an extend of 4.7 s
    // make a 5 s clip, which modify bills as one step: iOS Ray2 720p at 32/s,
    // 5 s billed for the clip and 5 s for the extend, then 400 for modify.
    assert_credits(
        &ios(
            r#""model":"ray-2","resolution":"720p","durationSeconds":0.30000000000000004,"addons":[{"kind":"extend","seconds":4.7},{"kind":"modify"}]"#,
        ),
        160 + 160 + 400,
    );
}

#[test]
fn a_clip_and_its_extend_add_up_exactly() {
    // 10 s + 1e-28 s needs 30 digits, more than a Decimal holds: the sum must
    // not round back to 10 s. Web Ray2 720p: 320 for 10 s, the extend one 5 s
    // step at 32/s, and the 10.0…01 s clip upscales in 3 started steps of 10.
    let q = quote(&web(
        r#""model":"ray-2","resolution":"720p","durationSeconds":10,"addons":[{"kind":"extend","seconds":1e-28},{"kind":"upscale","to":"1080p"}]"#,
    ));
    assert_eq!(q.credits, 320 + 160 + 30);
    let upscale = line(&q, LineItem::Upscale);
    assert_eq!(upscale.billed_seconds, Some(15));
    let exact = "10.0000000000000000000000000001 s";
    assert!(q.notes.iter().any(|n| n.contains(exact)), "{:?}", q.notes);
    // Fractions that carry into a whole second: 2.75 + 2.25 is exactly 5 s,
    // one step, with nothing to round.
    let q = quote(&ios(
        r#""model":"ray-2","resolution":"720p","durationSeconds":2.75,"addons":[{"kind":"extend","seconds":2.25},{"kind":"upscale","to":"1080p"}]"#,
    ));
    let upscale = line(&q, LineItem::Upscale);
    assert_eq!(
        (upscale.billed_seconds, upscale.credits),
        (Some(5), 10),
        "{q:?}"
    );
}

#[test]
fn add_ons_act_on_the_whole_clip_after_extend() {
    // Ray2 Flash 1080p 10 s + extend 5 + upscale 2160p (3 × 10) + reframe (15 s × 11) + modify (3 × 400)
    let q = quote(&web(
        r#""model":"ray-2-flash","resolution":"1080p","durationSeconds":10,"addons":[{"kind":"modify"},{"kind":"reframe"},{"kind":"upscale","to":"2160p"},{"kind":"extend","seconds":5}]"#,
    ));
    let items: Vec<(LineItem, u64)> = q.lines.iter().map(|l| (l.item, l.credits)).collect();
    assert_eq!(
        items,
        [
            (LineItem::Video, 130),
            (LineItem::Extend, 65),
            (LineItem::Upscale, 30),
            (LineItem::Reframe, 165),
            (LineItem::Modify, 1200)
        ]
    );
    assert!(q.approximate);
    // 1,590 credits × $4 / 1,200, as approximate as the credits.
    assert_eq!(
        q.notes.last().map(String::as_str),
        Some("about $5.3000 at the top-up rate of $4.00 per 1,200 credits")
    );
}

#[test]
fn the_whole_clip_note_names_the_add_ons_asked_for() {
    // iOS Ray2 720p 7 s: the clip bills 10 s, and so does what acts on it.
    let note = |addons: &str| {
        let q = quote(&ios(&format!(
            r#""model":"ray-2","resolution":"720p","durationSeconds":7,"addons":[{addons}]"#
        )));
        let notes = q
            .notes
            .iter()
            .filter(|n| n.contains("the 7 s clip as 10 s"));
        notes.cloned().collect::<Vec<_>>()
    };
    let rounds = "credit use rounds up in 5-second steps";
    // The clip's own note, first, quotes the article's example; the
    // whole-clip note does not again.
    let q = quote(&ios(
        r#""model":"ray-2","resolution":"720p","durationSeconds":7,"addons":[{"kind":"upscale","to":"1080p"}]"#,
    ));
    assert_eq!(
        q.notes[0],
        format!(
            "7 s clip billed as 10 s: {rounds}, as read from “Credit use rounds up—e.g., a 9-second Extend clip is billed as 10 seconds”"
        )
    );
    assert_eq!(
        note(r#"{"kind":"upscale","to":"1080p"}"#),
        [format!("upscale bills the 7 s clip as 10 s: {rounds}")]
    );
    assert_eq!(
        note(r#"{"kind":"modify"},{"kind":"reframe"}"#),
        [format!(
            "reframe and modify bill the 7 s clip as 10 s: {rounds}"
        )]
    );
    assert_eq!(
        note(r#"{"kind":"reframe"},{"kind":"upscale","to":"1080p"},{"kind":"modify"}"#),
        [format!(
            "upscale, reframe and modify bill the 7 s clip as 10 s: {rounds}"
        )]
    );
}

#[test]
fn a_length_says_billed_as_only_when_it_rounds() {
    let label = |seconds: &str| {
        let q = quote(&ios(&format!(
            r#""model":"ray-2","resolution":"720p","durationSeconds":{seconds}"#
        )));
        line(&q, LineItem::Video).label.clone()
    };
    assert_eq!(label("5"), "Ray2 720p · 5 s × 32 credits/s");
    assert_eq!(label("7"), "Ray2 720p · 7 s billed as 10 s × 32 credits/s");
    // An extend likewise, at Ray2 Flash 720p's 55 credits per 5 s.
    let extend = |seconds: &str| {
        let q = quote(&web(&format!(
            r#""model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{{"kind":"extend","seconds":{seconds}}}]"#
        )));
        line(&q, LineItem::Extend).label.clone()
    };
    assert_eq!(
        extend("10"),
        "Extend · 10 s at the clip's own rate (55 credits per 5 s)"
    );
    assert_eq!(
        extend("9"),
        "Extend · 9 s billed as 10 s at the clip's own rate (55 credits per 5 s)"
    );
}

#[test]
fn images_take_only_reframe() {
    for kind in [
        r#"{"kind":"upscale","to":"1080p"}"#,
        r#"{"kind":"extend","seconds":5}"#,
        r#"{"kind":"modify"}"#,
    ] {
        assert_error(
            &web(&format!(r#""model":"photon","images":4,"addons":[{kind}]"#)),
            ErrorCode::InvalidAddon,
            &["images take only reframe"],
        );
    }
    // Every add-on that does not apply is named at once, in add-on order.
    assert_error(
        &web(
            r#""model":"photon","images":4,"addons":[{"kind":"modify"},{"kind":"reframe"},{"kind":"upscale","to":"1080p"}]"#,
        ),
        ErrorCode::InvalidAddon,
        &["upscale and modify apply to video, not to Photon images; images take only reframe"],
    );
    assert_error(
        &web(r#""model":"photon","images":4,"addons":[{"kind":"extend","seconds":5}]"#),
        ErrorCode::InvalidAddon,
        &["extend applies to video, not to Photon images"],
    );
    // Reframe bills each image asked for: 6 × 4 on top of 2 batches.
    assert_credits(
        &web(r#""model":"photon","images":6,"addons":[{"kind":"reframe"}]"#),
        32 + 24,
    );
}

#[test]
fn upscale_must_go_up_and_have_a_rate() {
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"1080p","durationSeconds":5,"addons":[{"kind":"upscale","to":"1080p"}]"#,
        ),
        ErrorCode::InvalidAddon,
        &["higher resolution than 1080p"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"1080p","durationSeconds":5,"addons":[{"kind":"upscale","to":"720p"}]"#,
        ),
        ErrorCode::InvalidAddon,
        &["not an upscale"],
    );
    assert_error(
        &ios(
            r#""model":"ray-2","resolution":"540p","durationSeconds":5,"addons":[{"kind":"upscale","to":"1080p"}]"#,
        ),
        ErrorCode::Unpriced,
        // No upscale from 540p is published at all: the target is not named.
        &[
            "upscale from 540p: the article publishes no rate",
            "720p → 1080p",
        ],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"4k"}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["\"4k\"", "2160p"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale"}]"#,
        ),
        ErrorCode::InvalidRequest,
        // The article's targets only: "720p → 1080p", "720p → 2160p", "1080p → 2160p".
        &["to is missing", "1080p or 2160p"],
    );
}

#[test]
fn reframe_has_no_published_rate_for_ray_1_6() {
    assert_error(
        &web(
            r#""model":"ray-1.6","resolution":"720p","durationSeconds":5,"addons":[{"kind":"reframe"}]"#,
        ),
        ErrorCode::Unpriced,
        &["Ray2 Flash or Ray2"],
    );
}

#[test]
fn each_add_on_kind_at_most_once_and_only_known_kinds() {
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify"},{"kind":"modify"}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["twice"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"slowmo"}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["extend, upscale, reframe or modify"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"reframe","to":"1080p"}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["takes no `to`"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"modify","seconds":5}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["takes no `seconds`"],
    );
    assert_error(
        &web(
            r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":0}]"#,
        ),
        ErrorCode::InvalidRequest,
        &["above 0"],
    );
}

#[test]
fn platform_and_model_ids_are_exact() {
    assert_error(
        r#"{"platform":"web","model":"photon","images":4}"#,
        ErrorCode::UnknownPlatform,
        &["dream-machine-web, dream-machine-ios or luma-agents"],
    );
    assert_error(
        r#"{"platform":"Dream-Machine-Web","model":"photon","images":4}"#,
        ErrorCode::UnknownPlatform,
        &[],
    );
    assert_error(
        &web(r#""model":"Photon","images":4"#),
        ErrorCode::UnknownModel,
        &["lower case", "photon, ray-1.6, ray-2 or ray-2-flash"],
    );
    assert_error(
        &web(r#""model":"veo-3""#),
        ErrorCode::UnknownModel,
        &["Luma Agents model"],
    );
    assert_error(
        r#"{"platform":"luma-agents","model":"ray-2"}"#,
        ErrorCode::UnknownModel,
        &["ray-3.14"],
    );
}

#[test]
fn malformed_numbers_are_invalid_requests() {
    for (json, words) in [
        // What is allowed: a count below 1 or a fraction is told the lower
        // bound, a count above 2^53 - 1 the upper one.
        (
            web(r#""model":"photon","images":0"#),
            "images must be a whole number, 1 or more, got 0",
        ),
        (
            web(r#""model":"photon","images":-4"#),
            "images must be a whole number, 1 or more, got -4",
        ),
        (
            web(r#""model":"photon","images":2.5"#),
            "images must be a whole number, 1 or more, got 2.5",
        ),
        (
            web(r#""model":"photon","images":1e300"#),
            "images must be at most 9,007,199,254,740,991, the largest whole number JavaScript holds exactly",
        ),
        (
            web(r#""model":"photon","images":9007199254740992"#),
            "images must be at most 9,007,199,254,740,991, the largest whole number JavaScript holds exactly, got 9007199254740992",
        ),
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":0"#),
            "above 0",
        ),
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":-5"#),
            "above 0",
        ),
        // Below 1e-28 s a length has no decimal value (pricing/README.md rule
        // 7), also where a `Decimal` would round it up to 1e-28.
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":9.5e-29"#),
            "above 0",
        ),
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":9.999999999999999e-29"#),
            "above 0",
        ),
        (
            web(
                r#""model":"ray-2","resolution":"720p","durationSeconds":5,"addons":[{"kind":"extend","seconds":9.5e-29}]"#,
            ),
            "above 0",
        ),
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":1e308"#),
            "durationSeconds is too large",
        ),
        (
            ios(r#""model":"ray-2","resolution":"720p","durationSeconds":281474976710656"#),
            "exceed",
        ),
    ] {
        assert_error(&json, ErrorCode::InvalidRequest, &[words]);
    }
    // NaN and infinities cannot be written in JSON; build them directly.
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut r = common::request(&ios(r#""model":"ray-2","resolution":"720p""#));
        r.duration_seconds = Some(bad);
        assert_eq!(
            estimator().quote(&r).unwrap_err().code(),
            ErrorCode::InvalidRequest,
            "{bad}"
        );
        let mut r = common::request(&web(r#""model":"photon""#));
        r.images = Some(bad);
        assert_eq!(
            estimator().quote(&r).unwrap_err().code(),
            ErrorCode::InvalidRequest,
            "{bad}"
        );
    }
}

#[test]
fn missing_fields_say_what_to_give() {
    assert_error("{}", ErrorCode::InvalidRequest, &["platform is missing"]);
    assert_error(
        &web(r#""images":4"#),
        ErrorCode::InvalidRequest,
        &["model is missing", "photon"],
    );
    assert_error(
        &web(r#""model":"photon""#),
        ErrorCode::InvalidRequest,
        &["images is missing"],
    );
    assert_error(
        &web(r#""model":"ray-2","durationSeconds":5"#),
        ErrorCode::InvalidRequest,
        &["resolution is missing", "720p or 1080p"],
    );
    assert_error(
        &web(r#""model":"ray-2","resolution":"720p""#),
        ErrorCode::InvalidRequest,
        &["durationSeconds is missing"],
    );
    assert_error(
        &web(r#""model":"ray-2","resolution":"720p","durationSeconds":5,"images":4"#),
        ErrorCode::InvalidRequest,
        &["images does not apply"],
    );
    assert_error(
        &web(r#""model":"photon","images":4,"durationSeconds":5"#),
        ErrorCode::InvalidRequest,
        &["durationSeconds does not apply"],
    );
}

#[test]
fn notes_explain_batches() {
    let q = quote(&web(r#""model":"photon","images":6"#));
    assert!(
        q.notes
            .iter()
            .any(|n| n.starts_with("6 images = 2 batches of 4")),
        "{:?}",
        q.notes
    );
    assert!(
        q.notes.iter().any(|n| n.contains("8 images")),
        "{:?}",
        q.notes
    );
    let q = quote(&web(r#""model":"photon","images":8"#));
    assert!(
        !q.notes.iter().any(|n| n.contains("more than asked")),
        "{:?}",
        q.notes
    );
}

#[test]
fn every_quote_reports_its_edition() {
    let q = quote(&web(r#""model":"photon","images":4"#));
    assert_eq!(q.edition.effective, "2026-05-22");
}
