//! The tables: what build.rs baked in is exactly `pricing/*.json`, and
//! validation of tables given at run time names the faulty row.

use credit_estimator::catalog::CatalogModel;
use credit_estimator::{ErrorCode, Estimator, QuoteRequest, Tables, default_tables};
use serde_json::{Value, json};

/// The tables as JSON, read from `pricing/` the way a page would send them.
fn pricing_json() -> Value {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/pricing");
    let read = |file: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{file}")).unwrap()).unwrap()
    };
    json!({
        "edition": read("edition.json"),
        "catalog": read("catalog.json"),
        "images": read("images.json"),
        "videoWeb": read("video-web.json"),
        "videoIos": read("video-ios.json"),
        "addons": read("addons.json"),
        "plans": read("plans.json"),
    })
}

/// Builds an estimator from JSON tables; the error's code and message on failure.
fn load(tables: Value) -> Result<Estimator, (ErrorCode, String)> {
    let tables: Tables =
        serde_json::from_value(tables).map_err(|e| (ErrorCode::InvalidTables, e.to_string()))?;
    Estimator::try_with_tables(tables).map_err(|e| (e.code(), e.message().to_owned()))
}

#[track_caller]
fn assert_fault(tables: Value, words: &[&str]) {
    let (code, message) = load(tables).expect_err("the tables should be rejected");
    assert_eq!(code, ErrorCode::InvalidTables, "{message}");
    for w in words {
        assert!(message.contains(w), "{message:?} should mention {w:?}");
    }
}

/// Model `model` as `e.catalog()` lists it on `platform`.
#[track_caller]
fn catalog_model(e: &Estimator, platform: &str, model: &str) -> CatalogModel {
    e.catalog()
        .platforms
        .into_iter()
        .find(|p| p.id == platform)
        .and_then(|p| p.models.into_iter().find(|m| m.id == model))
        .unwrap_or_else(|| panic!("no {model} on {platform} in the catalog"))
}

/// Deletes `key` from the table row `row`, which must hold it.
#[track_caller]
fn remove_key(row: &mut Value, key: &str) {
    let row = row.as_object_mut().expect("a table row is an object");
    assert!(
        row.remove(key).is_some(),
        "the row has no {key:?} to delete"
    );
}

#[test]
fn the_baked_tables_are_the_pricing_files() {
    let from_files: Tables = serde_json::from_value(pricing_json()).unwrap();
    assert_eq!(&from_files, default_tables());
    assert!(load(pricing_json()).is_ok());
}

/// The built-in estimator takes the book `build.rs` validated and baked; it
/// must be what validating the files at run time gives: the same tables and
/// the same derived figures (plan dollars parsed, rates per billing step).
#[test]
fn the_baked_price_book_is_the_validated_pricing_files() {
    let validated = load(pricing_json()).expect("the pricing files are valid");
    assert_eq!(Estimator::built_in().book(), validated.book());
    assert_eq!(Estimator::default(), validated);
    // `Decimal` equality ignores the scale (9.99 = 9.990); its `Debug` does
    // not: the baked dollars have the places the tables give.
    assert_eq!(
        format!("{:?}", Estimator::built_in().book()),
        format!("{:?}", validated.book())
    );
}

#[test]
fn a_second_edition_is_priced_by_its_own_figures() {
    let mut t = pricing_json();
    t["edition"]["name"] = json!("Test edition");
    t["edition"]["effective"] = json!("2027-01-01");
    t["videoWeb"]["clips"][5]["credits"] = json!(60); // Ray2 Flash 720p 5 s
    let e = load(t).unwrap();
    let r: QuoteRequest = serde_json::from_value(json!({
        "platform": "dream-machine-web", "model": "ray-2-flash", "resolution": "720p", "durationSeconds": 5,
        "addons": [{ "kind": "upscale", "to": "2160p" }, { "kind": "extend", "seconds": 5 }]
    }))
    .unwrap();
    let q = e.quote(&r).unwrap();
    // 60 for the clip, 60 for 5 s of extend at the clip's own rate, 2 × 20 to upscale the 10 s clip.
    assert_eq!(q.credits, 60 + 60 + 40);
    assert_eq!(q.edition.effective, "2027-01-01");
}

#[test]
fn missing_negative_and_zero_prices_are_faults() {
    let mut t = pricing_json();
    remove_key(&mut t["videoWeb"]["clips"][3], "credits");
    assert_fault(t, &["credits"]);
    let mut t = pricing_json();
    t["videoIos"]["rates"][0]["creditsPerSecond"] = json!(-16);
    assert_fault(t, &[]);
    let mut t = pricing_json();
    t["videoWeb"]["clips"][3]["credits"] = json!(0);
    assert_fault(t, &["videoWeb.clips[3] (ray-2 1080p 5 s)", "more than 0"]);
    let mut t = pricing_json();
    t["plans"]["topUp"]["priceUsd"] = json!("-4");
    assert_fault(t, &["plans.topUp", "negative"]);
    let mut t = pricing_json();
    t["plans"]["dreamMachineWeb"]["plans"][1]["monthlyUsd"] = json!("9,99");
    assert_fault(
        t,
        &["plans.dreamMachineWeb.plans[1] (lite)", "decimal string"],
    );
}

#[test]
fn an_unpublished_figure_is_null_never_left_out() {
    // Plus with its price deleted is a fault, not a plan whose price is unpublished.
    let mut t = pricing_json();
    remove_key(&mut t["plans"]["dreamMachineWeb"]["plans"][2], "monthlyUsd");
    assert_fault(t, &["monthlyUsd"]);
    let mut t = pricing_json();
    remove_key(&mut t["plans"]["lumaAgents"]["plans"][0], "credits");
    assert_fault(t, &["credits"]);
    // Written as null, the same figure is unpublished, and says so.
    let mut t = pricing_json();
    t["plans"]["dreamMachineWeb"]["plans"][2]["monthlyUsd"] = Value::Null;
    assert!(load(t).is_ok());
}

#[test]
fn dollar_figures_are_dollars_and_cents() {
    for bad in ["4.001", "29.995", "+4", "4.", ".5", " 4", "4e0"] {
        let mut t = pricing_json();
        t["plans"]["topUp"]["priceUsd"] = json!(bad);
        assert_fault(t, &["plans.topUp", "priceUsd", bad]);
    }
    for good in ["4", "4.5", "4.50", "0.99"] {
        let mut t = pricing_json();
        t["plans"]["topUp"]["priceUsd"] = json!(good);
        assert!(load(t).is_ok(), "{good} is a price");
    }
}

#[test]
fn prices_above_a_million_dollars_are_faults() {
    let mut t = pricing_json();
    t["plans"]["topUp"]["priceUsd"] = json!("100000000000000000000");
    assert_fault(t, &["plans.topUp", "priceUsd must be at most 1,000,000"]);
    let mut t = pricing_json();
    t["plans"]["dreamMachineWeb"]["plans"][1]["annualTotalUsd"] = json!("1000000.01");
    assert_fault(
        t,
        &["plans.dreamMachineWeb.plans[1] (lite)", "at most 1,000,000"],
    );

    // At the cap, a quote of nearly 2^53 credits still prices exactly:
    // $1,000,000 a credit.
    let mut t = pricing_json();
    t["plans"]["topUp"]["priceUsd"] = json!("1000000");
    t["plans"]["topUp"]["credits"] = json!(1);
    let e = load(t).unwrap();
    let r: QuoteRequest = serde_json::from_value(json!({
        "platform": "dream-machine-web", "model": "photon", "images": 2_000_000_000_000_000u64
    }))
    .unwrap();
    let q = e.quote(&r).unwrap();
    assert!(q.credits > 4_000_000_000_000_000, "{}", q.credits);
    assert_eq!(q.usd_at_top_up_rate, format!("{}000000.0000", q.credits));
}

#[test]
fn unknown_fields_are_faults() {
    let mut t = pricing_json();
    t["videoWeb"]["clips"][0]["price"] = json!(80);
    assert_fault(t, &["price"]);
    let mut t = pricing_json();
    t["surprise"] = json!({});
    assert_fault(t, &["surprise"]);
}

#[test]
fn duplicate_rows_are_faults() {
    let mut t = pricing_json();
    let row = t["videoWeb"]["clips"][1].clone();
    t["videoWeb"]["clips"].as_array_mut().unwrap().push(row);
    assert_fault(
        t,
        &[
            "videoWeb.clips[9] (ray-2 720p 5 s)",
            "duplicate",
            "clips[1]",
        ],
    );
    let mut t = pricing_json();
    t["addons"]["upscale"]["rates"][2]["from"] = json!("720p");
    t["addons"]["upscale"]["rates"][2]["to"] = json!("1080p");
    assert_fault(t, &["duplicate"]);
    // A resolution with a new id but another's height: the height is named.
    let mut t = pricing_json();
    t["catalog"]["resolutions"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "540p-hdr", "lines": 540 }));
    assert_fault(
        t,
        &[
            "catalog.resolutions[4] (540p-hdr): lines 540 is already catalog.resolutions[0] (540p)'s: each resolution needs its own height in lines, which orders upscales",
        ],
    );
}

#[test]
fn plans_of_a_product_without_top_ups_are_not_topped_up() {
    // An edition that publishes Luma Agents' allocations (5,000, 20,000 and
    // 80,000 a month) and prices one image model there at 10 credits. Luma
    // Agents sells no top-ups: credits beyond a plan's come from the opt-in
    // spending limit, whose price is not published.
    let mut t = pricing_json();
    for (plan, credits) in t["plans"]["lumaAgents"]["plans"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip([5_000, 20_000, 80_000])
    {
        plan["credits"] = json!(credits);
        plan["creditsNote"] = json!(null);
    }
    t["catalog"]["models"].as_array_mut().unwrap().push(
        json!({ "id": "agent-image", "name": "Agent Image", "product": "luma-agents", "output": "image" }),
    );
    t["images"]["rates"].as_array_mut().unwrap().push(json!({
        "model": "agent-image", "platforms": ["luma-agents"], "creditsPerImage": 10, "imagesPerBatch": 1
    }));
    let e = load(t).unwrap();
    let fit = e
        .plan_fit(
            &serde_json::from_value(json!({
                "platform": "luma-agents",
                "usage": [{ "request": { "platform": "luma-agents", "model": "agent-image", "images": 1 }, "perMonth": 600 }]
            }))
            .unwrap(),
        )
        .unwrap();
    assert_eq!(fit.monthly_credits, 6_000);
    let plus = &fit.plans[0];
    assert_eq!(
        (plus.eligible, plus.top_up_packs, plus.total_usd.as_deref()),
        (false, None, None)
    );
    assert_eq!(
        plus.reasons,
        [
            "5,000 credits cover 5,000 of 6,000; the other 1,000 would come from the opt-in spending limit, whose price is not published"
        ]
    );
    let pro = &fit.plans[1];
    assert_eq!(
        (pro.eligible, pro.top_up_packs, pro.total_usd.as_deref()),
        (true, Some(0), Some("90.00"))
    );
    assert_eq!(fit.recommended.as_deref(), Some("pro"));
    assert!(
        !fit.notices.iter().any(|n| n.contains("Top-up")),
        "{:?}",
        fit.notices
    );
}

#[test]
fn a_product_lists_at_least_one_plan() {
    let mut t = pricing_json();
    t["plans"]["dreamMachineWeb"]["plans"] = json!([]);
    assert_fault(
        t,
        &["plans.dreamMachineWeb.plans: must list at least one plan"],
    );
}

#[test]
fn a_large_edition_is_checked_and_its_first_duplicate_named() {
    // 20,000 more Ray2 720p clips (5 s steps at 160 each), then one that
    // repeats the 1,234th of them: the fault names both rows.
    let mut t = pricing_json();
    let clips = t["videoWeb"]["clips"].as_array_mut().unwrap();
    let before = clips.len();
    for k in 0..20_000u64 {
        let seconds = 15 + 5 * k;
        clips.push(json!({ "model": "ray-2", "resolution": "720p", "seconds": seconds, "credits": 32 * seconds }));
    }
    let e = load(t.clone()).unwrap();
    let r: QuoteRequest = serde_json::from_value(json!({
        "platform": "dream-machine-web", "model": "ray-2", "resolution": "720p", "durationSeconds": 100_010
    }))
    .unwrap();
    let q = e.quote(&r).unwrap();
    assert_eq!(q.credits, 3_200_320);
    // Grouped as every count is, so a widget writes it in its locale.
    assert_eq!(q.lines[0].label, "Ray2 720p · 100,010 s clip");
    let repeated = t["videoWeb"]["clips"][before + 1_234].clone();
    t["videoWeb"]["clips"]
        .as_array_mut()
        .unwrap()
        .push(repeated);
    let at = before + 20_000;
    assert_fault(
        t,
        &[&format!(
            "videoWeb.clips[{at}] (ray-2 720p 6185 s): duplicate row: videoWeb.clips[{}] already gives this",
            before + 1_234
        )],
    );
}

#[test]
fn an_image_model_made_one_at_a_time_is_said_in_the_singular() {
    let mut t = pricing_json();
    t["catalog"]["models"].as_array_mut().unwrap().push(
        json!({ "id": "image-v2", "name": "Image V2", "product": "dream-machine", "output": "image" }),
    );
    t["images"]["rates"].as_array_mut().unwrap().push(json!({
        "model": "image-v2", "platforms": ["dream-machine-web"], "creditsPerImage": 1, "imagesPerBatch": 1
    }));
    let e = load(t).unwrap();
    let r: QuoteRequest = serde_json::from_value(
        json!({ "platform": "dream-machine-web", "model": "image-v2", "images": 6 }),
    )
    .unwrap();
    let q = e.quote(&r).unwrap();
    assert_eq!(q.credits, 6);
    assert_eq!(
        q.notes[0],
        "6 images = 6 batches of 1: every Generate makes 1 image at 1 credit each"
    );
}

#[test]
fn a_model_without_costs_is_said_to_be_unpublished_in_its_own_products_words() {
    // A Dream Machine model an edition lists before its rows: not the
    // sentence about Luma Agents' costs, which is about Luma Agents only.
    let mut t = pricing_json();
    t["catalog"]["models"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "ray-3", "name": "Ray3", "product": "dream-machine", "output": null }));
    let e = load(t).unwrap();
    let request = |model: &str, platform: &str| -> QuoteRequest {
        serde_json::from_value(json!({ "platform": platform, "model": model })).unwrap()
    };
    let err = e.quote(&request("ray-3", "dream-machine-web")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unpriced);
    assert_eq!(
        err.message(),
        "Ray3 on Dream Machine (web): the article publishes no rate"
    );
    let note = |id: &str, platform: &str| catalog_model(&e, platform, id).note;
    assert_eq!(
        note("ray-3", "dream-machine-web").as_deref(),
        Some("costs not published")
    );
    // Luma Agents' models keep the article's sentence.
    let err = e.quote(&request("veo-3", "luma-agents")).unwrap_err();
    assert!(
        err.message().starts_with("Veo 3 on Luma Agents: costs are not published. The article says: “Generation costs are variable, not fixed."),
        "{}",
        err.message()
    );
    assert!(
        note("veo-3", "luma-agents")
            .unwrap()
            .starts_with("costs not published: “Generation costs are variable")
    );
}

#[test]
fn an_image_model_without_a_rate_here_says_why_in_the_catalog() {
    // An edition that sells Photon on the web only: iOS lists it unpriced,
    // with the reason quote() gives, as a video model without rates does.
    let mut t = pricing_json();
    t["images"]["rates"][0]["platforms"] = json!(["dream-machine-web"]);
    let e = load(t).unwrap();
    let photon = catalog_model(&e, "dream-machine-ios", "photon");
    assert!(!photon.priced);
    assert_eq!(
        photon.note.as_deref(),
        Some("the article publishes no Dream Machine (iOS) rate for Photon")
    );
}

#[test]
fn the_catalog_lists_resolutions_clips_and_upscale_targets_lowest_first_whatever_the_table_order() {
    let mut t = pricing_json();
    for (table, list) in [
        ("catalog", "resolutions"),
        ("videoWeb", "clips"),
        ("addons", "upscale"),
    ] {
        let rows = &mut t[table][list];
        let rows = if table == "addons" {
            &mut rows["rates"]
        } else {
            rows
        };
        rows.as_array_mut().unwrap().reverse();
    }
    let e = load(t).unwrap();
    let ray2 = catalog_model(&e, "dream-machine-web", "ray-2");
    let ids: Vec<&str> = ray2.resolutions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["720p", "1080p"]);
    let clips: Vec<u32> = ray2.resolutions[0]
        .clips
        .iter()
        .map(|c| c.seconds)
        .collect();
    assert_eq!(clips, [5, 10]);
    let upscale = ray2.resolutions[0]
        .addons
        .iter()
        .find(|a| a.kind == "upscale")
        .unwrap();
    assert_eq!(upscale.to, ["1080p", "2160p"]);
}

#[test]
fn rows_must_name_things_that_exist() {
    let mut t = pricing_json();
    t["addons"]["reframe"]["videos"][0]["model"] = json!("ray-9");
    assert_fault(
        t,
        &["addons.reframe.videos[0] (ray-9)", "not in catalog.models"],
    );
    let mut t = pricing_json();
    t["videoIos"]["rates"][0]["resolution"] = json!("8k");
    assert_fault(t, &["videoIos.rates[0]", "8k"]);
    let mut t = pricing_json();
    t["videoWeb"]["clips"][0]["model"] = json!("veo-3");
    assert_fault(t, &["veo-3"]);
    let mut t = pricing_json();
    t["images"]["rates"][0]["platforms"] = json!(["luma-agents"]);
    assert_fault(t, &["images.rates[0]", "luma-agents"]);
}

#[test]
fn derived_rates_must_be_consistent() {
    // Modify: 5 s ≈ 400 and 10 s ≈ 800 share one rate per 5 s; 10 s ≈ 900 does not.
    let mut t = pricing_json();
    t["addons"]["modify"]["clips"][1]["credits"] = json!(900);
    assert_fault(t, &["addons.modify.clips[1]", "differs"]);
    // Upscale rates must go up.
    let mut t = pricing_json();
    t["addons"]["upscale"]["rates"][0]["to"] = json!("540p");
    assert_fault(t, &["higher resolution"]);
    // The billing step must be positive, and clip lengths whole steps.
    let mut t = pricing_json();
    t["addons"]["billing"]["stepSeconds"] = json!(0);
    assert_fault(t, &["stepSeconds"]);
    let mut t = pricing_json();
    t["addons"]["upscale"]["rates"][0]["clipSeconds"] = json!(7);
    assert_fault(t, &["multiple"]);
}

#[test]
fn the_edition_must_be_dated() {
    let mut t = pricing_json();
    t["edition"]["effective"] = json!("May 2026");
    assert_fault(t, &["edition.effective", "YYYY-MM-DD"]);
}

/// `defaultTables()` in the wasm hands `DEFAULT_TABLES_JSON` to `JSON.parse`
/// (src/wasm.rs), while every built-in estimator prices from the baked
/// constant: a page that copies `defaultTables()` into `new Estimator({ tables })`
/// must get the same tables.
#[test]
fn the_json_text_holds_the_same_tables_as_the_baked_statics() {
    let from_json: Tables = serde_json::from_str(credit_estimator::DEFAULT_TABLES_JSON)
        .expect("DEFAULT_TABLES_JSON is the tables' JSON");
    assert_eq!(&from_json, default_tables());
}
