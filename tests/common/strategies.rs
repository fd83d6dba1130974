//! proptest strategies shared by tests/properties.rs and tests/fuzz.rs:
//! requests that name combinations which exist, drawn from the catalog.
#![allow(dead_code)]

use credit_estimator::{AddonRequest, QuoteRequest};
use proptest::prelude::*;

use crate::common::estimator;

/// A video request that exists, from the catalog: (platform, model, resolution, lengths).
pub fn video_choices() -> Vec<(String, String, String, Option<Vec<u32>>)> {
    let catalog = estimator().catalog();
    let mut out = Vec::new();
    for platform in &catalog.platforms {
        for model in platform
            .models
            .iter()
            .filter(|m| m.priced && m.output.as_deref() == Some("video"))
        {
            for res in &model.resolutions {
                let lengths =
                    (!res.clips.is_empty()).then(|| res.clips.iter().map(|c| c.seconds).collect());
                out.push((
                    platform.id.clone(),
                    model.id.clone(),
                    res.id.clone(),
                    lengths,
                ));
            }
        }
    }
    out
}

pub fn addons_strategy() -> impl Strategy<Value = Vec<AddonRequest>> {
    (
        proptest::option::of(0.1f64..120.0),
        proptest::option::of(prop_oneof![Just("1080p"), Just("2160p")]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(extend, upscale, reframe, modify)| {
            let mut v = Vec::new();
            if let Some(s) = extend {
                v.push(AddonRequest::extend(s));
            }
            if let Some(to) = upscale {
                v.push(AddonRequest::upscale(to));
            }
            if reframe {
                v.push(AddonRequest::reframe());
            }
            if modify {
                v.push(AddonRequest::modify());
            }
            v
        })
}

/// Requests that name existing combinations (some add-ons may still not apply).
pub fn request_strategy() -> impl Strategy<Value = QuoteRequest> {
    let choices = video_choices();
    let video = (
        0..choices.len(),
        0.1f64..600.0,
        0usize..4,
        addons_strategy(),
    )
        .prop_map(move |(i, seconds, pick, addons)| {
            let (platform, model, resolution, lengths) = choices[i].clone();
            let duration = match lengths {
                Some(l) => f64::from(l[pick % l.len()]),
                None => seconds,
            };
            QuoteRequest {
                platform: Some(platform),
                model: Some(model),
                resolution: Some(resolution),
                duration_seconds: Some(duration),
                images: None,
                addons: Some(addons),
            }
        });
    let images = (
        prop_oneof![Just("dream-machine-web"), Just("dream-machine-ios")],
        1u32..10_000,
        any::<bool>(),
    )
        .prop_map(|(platform, n, reframe)| QuoteRequest {
            platform: Some(platform.into()),
            model: Some("photon".into()),
            images: Some(f64::from(n)),
            addons: Some(if reframe {
                vec![AddonRequest::reframe()]
            } else {
                vec![]
            }),
            ..QuoteRequest::default()
        });
    prop_oneof![3 => video, 1 => images]
}
