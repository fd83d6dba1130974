//! The `<credit-estimator>` widget's logic, in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome -- --test widget`):
//! the pure selection model (attributes, defaults, invalidation, requests,
//! URL hash) and the widget mounted on a detached element.
//! The end-to-end behaviour on a real page is in tests/e2e/.
#![cfg(target_arch = "wasm32")]

use credit_estimator::widget::Widget;
use credit_estimator::widget::fmt::{self, Fmt};
use credit_estimator::widget::model::{
    self, Field, Selection, complete, from_hash, normalize, parse_addons, recall, request, to_hash,
};
use credit_estimator::{AddonRequest, Catalog, Estimator, Quote, QuoteRequest};
use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn catalog() -> Catalog {
    Estimator::built_in().catalog()
}

fn selection(pairs: &[(&str, &str)]) -> Selection {
    let mut sel = Selection::default();
    for (name, value) in pairs {
        sel.apply(name, Some(value)).expect("valid attribute");
    }
    sel
}

fn price(sel: &Selection) -> u64 {
    let cat = catalog();
    let req = request(&cat, &complete(&cat, sel)).expect("a request");
    Estimator::built_in().quote(&req).expect("priced").credits
}

#[wasm_bindgen_test]
fn addons_attribute_parses_every_kind_in_any_order() {
    let parsed = parse_addons("  upscale:2160p extend:9,reframe   modify ").unwrap();
    assert_eq!(
        parsed,
        [
            Some("9".to_owned()),
            Some("2160p".to_owned()),
            Some("on".to_owned()),
            Some("on".to_owned()),
        ]
    );
    assert_eq!(parse_addons("").unwrap(), [None, None, None, None]);
}

#[wasm_bindgen_test]
fn bad_addons_say_what_is_allowed() {
    for (text, words) in [
        ("sparkle", "not an add-on"),
        ("upscale", "target resolution"),
        ("extend", "seconds"),
        ("reframe:yes", "takes no value"),
        ("modify modify", "twice"),
        // A space after the colon parts the kind from its value.
        (
            "extend: 9",
            "write “extend:9”, with no space after the colon",
        ),
        ("upscale: 2160p reframe", "write “upscale:2160p”"),
        ("reframe: modify", "takes no value"),
    ] {
        let message = parse_addons(text).unwrap_err();
        assert!(message.contains(words), "{text}: {message}");
    }
}

#[wasm_bindgen_test]
fn defaults_fill_what_was_not_chosen() {
    let cat = catalog();
    let done = complete(&cat, &Selection::default());
    assert_eq!(done.get(Field::Platform), Some("dream-machine-web"));
    assert_eq!(done.get(Field::Model), Some("photon"));
    assert_eq!(done.get(Field::Images), Some("4"));

    let done = complete(
        &cat,
        &selection(&[("model", "ray-2"), ("duration", "10 s")]),
    );
    assert_eq!(done.get(Field::Duration), Some("10"));
    let done = complete(&cat, &selection(&[("model", "ray-2")]));
    assert_eq!(done.get(Field::Resolution), Some("720p"));
    assert_eq!(done.get(Field::Duration), Some("5"));

    let done = complete(
        &cat,
        &selection(&[("platform", "dream-machine-ios"), ("model", "ray-1.6")]),
    );
    assert_eq!(done.get(Field::Resolution), Some("720p"));
    assert_eq!(done.get(Field::Duration), Some("5"));
}

#[wasm_bindgen_test]
fn a_selection_becomes_the_quote_request() {
    let cat = catalog();
    let sel = complete(
        &cat,
        &selection(&[
            ("platform", "dream-machine-web"),
            ("model", "ray-2-flash"),
            ("resolution", "720p"),
            ("duration", "5 s"),
            ("addons", "modify upscale:2160p extend:9 reframe"),
        ]),
    );
    let req = request(&cat, &sel).unwrap();
    assert_eq!(
        req,
        QuoteRequest {
            platform: Some("dream-machine-web".into()),
            model: Some("ray-2-flash".into()),
            resolution: Some("720p".into()),
            duration_seconds: Some(5.0),
            images: None,
            addons: Some(vec![
                AddonRequest::extend(9.0),
                AddonRequest::upscale("2160p"),
                AddonRequest::reframe(),
                AddonRequest::modify(),
            ]),
        }
    );
    // Images: resolution and duration do not apply and are left out.
    let sel = complete(
        &cat,
        &selection(&[("model", "photon"), ("images", "6"), ("resolution", "720p")]),
    );
    let req = request(&cat, &sel).unwrap();
    assert_eq!((req.images, req.resolution), (Some(6.0), None));
    // Luma Agents: the model only, so the core says its costs are not published.
    let sel = complete(&cat, &selection(&[("platform", "luma-agents")]));
    let req = request(&cat, &sel).unwrap();
    assert_eq!(req.model.as_deref(), Some("ray-3.14"));
    assert_eq!((req.resolution, req.duration_seconds), (None, None));
}

#[wasm_bindgen_test]
fn text_that_is_not_a_number_is_named() {
    let cat = catalog();
    let sel = complete(
        &cat,
        &selection(&[
            ("platform", "dream-machine-ios"),
            ("model", "ray-2"),
            ("duration", "ten"),
        ]),
    );
    let message = request(&cat, &sel).unwrap_err();
    assert!(
        message.contains("Duration") && message.contains("ten"),
        "{message}"
    );
    assert_eq!(model::number("10.5", "x"), Ok(10.5));
    assert_eq!(model::number(" 9s ", "x"), Ok(9.0));
    assert_eq!(model::number("9.5 s", "x"), Ok(9.5));
    // Only the unit `s` comes off: other words are quoted as written.
    for typed in ["10 seconds", "10secs", "10ss"] {
        let sel = complete(
            &cat,
            &selection(&[
                ("platform", "dream-machine-ios"),
                ("model", "ray-2"),
                ("duration", typed),
            ]),
        );
        assert_eq!(
            request(&cat, &sel).unwrap_err(),
            format!("Duration: “{typed}” is not a number")
        );
    }
    assert!(model::number("", "Images").unwrap_err().contains("Images"));
}

#[wasm_bindgen_test]
fn the_article_rows_price_through_selections() {
    for (pairs, credits) in [
        (
            &[("model", "ray-2-flash"), ("addons", "upscale:2160p")][..],
            75,
        ),
        (&[("model", "ray-1.6")][..], 80),
        (&[("model", "ray-2"), ("duration", "10")][..], 320),
        (&[("model", "ray-2"), ("resolution", "1080p")][..], 170),
        (&[("model", "photon"), ("images", "6")][..], 32),
        (
            &[
                ("platform", "dream-machine-ios"),
                ("model", "ray-2"),
                ("resolution", "720p"),
                ("duration", "9"),
            ][..],
            320,
        ),
    ] {
        assert_eq!(price(&selection(pairs)), credits, "{pairs:?}");
    }
}

#[wasm_bindgen_test]
fn a_change_resets_later_choices_that_no_longer_exist() {
    let cat = catalog();
    let mut sel = complete(
        &cat,
        &selection(&[
            ("model", "ray-2"),
            ("resolution", "1080p"),
            ("duration", "10"),
            ("addons", "reframe upscale:2160p"),
        ]),
    );
    sel.set(Field::Model, Some("ray-1.6"));
    normalize(&cat, &mut sel, Field::Model, &Selection::default());
    let done = complete(&cat, &sel);
    // Ray1.6 on the web: 720p and 5 s only, no reframe; upscale to 2160p exists.
    assert_eq!(done.get(Field::Resolution), Some("720p"));
    assert_eq!(done.get(Field::Duration), Some("5"));
    assert!(!done.on(Field::Reframe));
    assert_eq!(done.get(Field::Upscale), Some("2160p"));
    assert_eq!(price(&done), 100);
}

#[wasm_bindgen_test]
fn the_cores_sentences_take_the_locales_figures() {
    let (de, _) = Fmt::new(Some("de-DE"));
    let cases = [
        // Counts grouped by commas, dollars, a date.
        (
            "$0.5333 at the top-up rate of $4.00 per 1,200 credits",
            "0,5333\u{a0}$ at the top-up rate of 4,00\u{a0}$ per 1.200 credits",
        ),
        (
            "a top-up of 1,200 credits bought 2025-11-21 expired on 2026-11-21",
            "a top-up of 1.200 credits bought 21.11.2025 expired on 21.11.2026",
        ),
        (
            "10.5 s billed as 15 s: credit use rounds up in 5-second steps",
            "10,5 s billed as 15 s: credit use rounds up in 5-second steps",
        ),
        // Figures inside names, and four digits with no comma, stay.
        (
            "Ray1.6 720p · 1 × 5 s at 20 credits (4K), 2026",
            "Ray1.6 720p · 1 × 5 s at 20 credits (4K), 2026",
        ),
        ("12,345,678 credits", "12.345.678 credits"),
        ("plan total $1053.99", "plan total 1.053,99\u{a0}$"),
    ];
    for (text, expected) in cases {
        assert_eq!(de.localize(text), expected, "{text}");
    }
    // In English the sentences read as the core wrote them, dates aside.
    let (en, _) = Fmt::new(Some("en-US"));
    let text = "$0.5333 at the top-up rate of $4.00 per 1,200 credits";
    assert_eq!(en.localize(text), text);
    assert_eq!(en.localize("bought 2025-11-21"), "bought Nov 21, 2025");
}

#[wasm_bindgen_test]
fn american_english_is_written_as_intl_writes_it() {
    // The widget writes en / en-US figures itself (no `Intl` on the way to the
    // first estimate); each must read exactly as the browser's `Intl` has it.
    let (ours, _) = Fmt::new(Some("en-US"));
    let (intl, _) = Fmt::by_intl(Some("en-US"));
    for n in [
        0,
        7,
        999,
        1_000,
        1_200,
        21_200,
        1_234_567,
        9_007_199_254_740_991,
    ] {
        assert_eq!(ours.int(n), intl.int(n), "{n}");
    }
    for usd in [
        "0",
        "4",
        "4.00",
        "0.25",
        "0.2500",
        "0.5333",
        "3.5333",
        "1053.99",
        "1234.5",
        "10000.0000",
        "0.00005",
        "0.00004",
        "0.00015",
        "2.71828",
        "0.99995",
        "999999.99995",
        "-4.00",
        "-0.5333",
        "123456789012.3456",
        "0.003",
        "0.0480",
        "0.05",
        "0.04995",
    ] {
        assert_eq!(ours.usd(usd), intl.usd(usd), "{usd}");
    }
    // Two places when the cents are exact, else four, so that amounts side
    // by side read alike.
    for (decimal, shown) in [
        ("0.003", "$0.0030"),
        ("0.0031", "$0.0031"),
        ("0.152", "$0.1520"),
        ("0.04995", "$0.05"),
        ("29.99", "$29.99"),
        ("4", "$4.00"),
        ("0.5333", "$0.5333"),
        ("1053.1", "$1,053.10"),
        // A dollar or more: cents (a fraction of a cent tells nobody
        // anything there).
        ("3.5333", "$3.53"),
        ("106666.6667", "$106,666.67"),
    ] {
        assert_eq!(ours.usd(decimal), shown, "{decimal}");
        assert_eq!(intl.usd(decimal), shown, "{decimal}");
    }
    // Amounts side by side take the places the one needing most needs: the
    // worked example's $0.25 beside a plan's $0.2341 is $0.2500.
    for (decimal, places, shown) in [
        ("0.25", 4, "$0.2500"),
        ("0.04995", 4, "$0.0500"),
        ("0.2341", 4, "$0.2341"),
        ("0.25", 2, "$0.25"),
    ] {
        assert_eq!(ours.usd_in(decimal, places), shown, "{decimal}");
        assert_eq!(intl.usd_in(decimal, places), shown, "{decimal}");
    }
    assert_eq!(fmt::usd_places("0.2341"), 4);
    assert_eq!(fmt::usd_places("0.25"), 2);
    assert_eq!(fmt::usd_places("13333.3333"), 2);
    let mut dates = vec![
        "2026-05-22",
        "2024-02-29",
        "9999-12-31",
        "0999-07-04",
        "0001-01-01",
        "0000-03-01",
    ];
    let firsts: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}-01")).collect();
    dates.extend(firsts.iter().map(String::as_str));
    for ymd in dates {
        assert_eq!(ours.date(ymd), intl.date(ymd), "{ymd}");
    }
    for sentence in [
        "$0.5333 at the top-up rate of $4.00 per 1,200 credits",
        "10.5 s billed as 15 s; 0.250 and 1,234.500 stay decimals",
        "a top-up of 1,200 credits bought 2025-11-21 expired on 2026-11-21",
        "plan total $1053.99 for 12,345,678 credits, Ray1.6 720p (4K), 2026",
    ] {
        assert_eq!(
            ours.localize(sentence),
            intl.localize(sentence),
            "{sentence}"
        );
    }
    // Any case and spacing of the two tags is American English; en-GB is not.
    let (upper, _) = Fmt::new(Some(" EN-us "));
    assert_eq!(upper.date("2026-05-22"), "May 22, 2026");
    let (british, _) = Fmt::new(Some("en-GB"));
    assert_eq!(british.date("2026-05-22"), "22 May 2026");
}

#[wasm_bindgen_test]
fn a_choice_comes_back_once_it_exists_again() {
    let cat = catalog();
    let chosen = selection(&[
        ("model", "ray-2"),
        ("resolution", "1080p"),
        ("duration", "10"),
    ]);
    let mut sel = complete(&cat, &chosen);
    // Through Luma Agents (no Ray2 there) and back to the web.
    for platform in ["luma-agents", "dream-machine-web"] {
        sel.set(Field::Platform, Some(platform));
        normalize(&cat, &mut sel, Field::Platform, &Selection::default());
        recall(&cat, &mut sel, Field::Platform, &chosen);
        sel = complete(&cat, &sel);
    }
    assert_eq!(sel.get(Field::Model), Some("ray-2"));
    assert_eq!(sel.get(Field::Resolution), Some("1080p"));
    assert_eq!(sel.get(Field::Duration), Some("10"));
    assert_eq!(price(&sel), 340);
    // Without the memory, the platform's defaults.
    let mut sel = complete(&cat, &chosen);
    for platform in ["luma-agents", "dream-machine-web"] {
        sel.set(Field::Platform, Some(platform));
        normalize(&cat, &mut sel, Field::Platform, &Selection::default());
        sel = complete(&cat, &sel);
    }
    assert_ne!(sel.get(Field::Model), Some("ray-2"));
    // A choice that does not exist on the new platform stays out: Ray2 1080p
    // is not sold on iOS.
    let mut sel = complete(&cat, &chosen);
    sel.set(Field::Platform, Some("dream-machine-ios"));
    normalize(&cat, &mut sel, Field::Platform, &Selection::default());
    recall(&cat, &mut sel, Field::Platform, &chosen);
    let sel = complete(&cat, &sel);
    assert_eq!(sel.get(Field::Model), Some("ray-2"));
    assert_ne!(sel.get(Field::Resolution), Some("1080p"));
    // Nor does a model that has the chosen value's field, but not the value:
    // Ray1.6 sells only 720p 5 s clips and no reframe, and the controls then
    // show 720p and 5 s (as `shown`, which a choice starts from). The add-ons
    // come back with the rest: through Photon (images take no upscale, extend
    // or modify) or Ray1.6, and back to Ray2.
    let chosen = selection(&[
        ("model", "ray-2"),
        ("resolution", "1080p"),
        ("duration", "10"),
        ("addons", "upscale:2160p extend:5 reframe modify"),
    ]);
    for (passed, off) in [("photon", Field::Upscale), ("ray-1.6", Field::Reframe)] {
        let mut sel = complete(&cat, &chosen);
        for model in [passed, "ray-2"] {
            sel.set(Field::Model, Some(model));
            normalize(&cat, &mut sel, Field::Model, &Selection::default());
            recall(&cat, &mut sel, Field::Model, &chosen);
            sel = complete(&cat, &sel);
            if model == passed {
                assert_eq!(sel.get(off), None, "{passed}");
            }
        }
        // (Photon's image count stays behind, unused by video.)
        let expected = complete(&cat, &chosen);
        for field in Field::ALL.into_iter().filter(|f| *f != Field::Images) {
            assert_eq!(sel.get(field), expected.get(field), "through {passed}");
        }
        // Ray2 1080p 15 s (10 + 5) at 340 per 10 s: 340 + 170 (extend),
        // upscale 1080p → 2160p 3 × 10, reframe 15 × 32, modify about 3 × 400.
        assert_eq!(price(&sel), 340 + 170 + 30 + 480 + 1200, "through {passed}");
    }
}

#[wasm_bindgen_test]
fn choices_an_attribute_makes_are_kept_and_judged_by_the_core() {
    let cat = catalog();
    let attrs = selection(&[("model", "ray-2"), ("resolution", "1080p")]);
    let mut sel = attrs.clone();
    sel.set(Field::Model, Some("ray-1.6"));
    normalize(&cat, &mut sel, Field::Model, &attrs);
    assert_eq!(sel.get(Field::Resolution), Some("1080p"));
    let req = request(&cat, &complete(&cat, &sel)).unwrap();
    let error = Estimator::built_in().quote(&req).unwrap_err();
    assert_eq!(error.code().as_str(), "unsupported_resolution");
}

#[wasm_bindgen_test]
fn the_url_hash_round_trips() {
    let cat = catalog();
    let sel = complete(
        &cat,
        &selection(&[
            ("model", "ray-2-flash"),
            ("addons", "upscale:2160p extend:9"),
        ]),
    );
    let hash = to_hash(&cat, &sel);
    assert!(hash.contains("model=ray-2-flash"), "{hash}");
    let mut back = Selection::default();
    for (k, v) in from_hash(&format!("#{hash}")).expect("a selection hash") {
        back.apply(&k, Some(&v)).unwrap();
    }
    assert_eq!(complete(&cat, &back), sel);
    assert!(from_hash("#pricing").is_none());
    // A page's own `key=value` anchor is not a link.
    assert!(from_hash("#section=2").is_none());
    // A link written by hand names some keys; the rest are defaults.
    assert_eq!(
        from_hash("#model=ray-2&duration=10"),
        Some(vec![
            ("model".to_owned(), "ray-2".to_owned()),
            ("duration".to_owned(), "10".to_owned())
        ])
    );
    assert!(from_hash("#per-month=20").is_some());
}

// The widget mounted on a detached element.

fn host(attrs: &[(&str, &str)]) -> web_sys::HtmlElement {
    let doc: web_sys::Document = Reflect::get(&js_sys::global(), &"document".into())
        .unwrap()
        .unchecked_into();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    el
}

/// The text of the first element in the shadow root matching `selector`.
fn text(host: &web_sys::HtmlElement, selector: &str) -> String {
    let root = Reflect::get(host, &"shadowRoot".into()).unwrap();
    let query: Function = Reflect::get(&root, &"querySelector".into())
        .unwrap()
        .unchecked_into();
    let el = query.call1(&root, &selector.into()).unwrap();
    assert!(!el.is_null(), "no {selector}");
    el.unchecked_into::<web_sys::Node>()
        .text_content()
        .unwrap_or_default()
}

fn quote_of(widget: &Widget) -> Option<Quote> {
    let value: wasm_bindgen::JsValue = widget.quote().into();
    (!value.is_null()).then(|| serde_wasm_bindgen::from_value(value).expect("a quote"))
}

#[wasm_bindgen_test]
fn mounted_widget_shows_the_total_in_a_status_element() {
    let el = host(&[
        ("platform", "dream-machine-web"),
        ("model", "ray-2-flash"),
        ("resolution", "720p"),
        ("duration", "5"),
        ("addons", "upscale:2160p"),
        ("locale", "en-US"),
    ]);
    let widget = Widget::new(el.clone(), None);
    assert_eq!(quote_of(&widget).map(|q| q.credits), Some(75));
    assert_eq!(text(&el, "[role=status]"), "75 credits");
    assert!(text(&el, ".usd").contains("$0.25"));

    widget.attribute_changed("duration", Some("10".into()));
    assert_eq!(quote_of(&widget).map(|q| q.credits), Some(150));
    assert_eq!(text(&el, "[role=status]"), "150 credits");
}

#[wasm_bindgen_test]
fn bad_attributes_show_a_message_and_null_quote_without_throwing() {
    let el = host(&[("platform", "mars")]);
    let widget = Widget::new(el.clone(), None);
    assert!(quote_of(&widget).is_none());
    assert!(text(&el, ".why").starts_with("Unknown platform \"mars\""));

    widget.attribute_changed("platform", Some("dream-machine-web".into()));
    widget.attribute_changed("addons", Some("sparkle".into()));
    assert!(quote_of(&widget).is_none());
    // Said once: as the reason there is no estimate, not again above it.
    assert!(text(&el, ".why").contains("sparkle"));
    assert!(!text(&el, ".alert").contains("sparkle"));
    // A fault of another attribute is not hidden behind it.
    for (name, value) in [
        ("platform", "dream-machine-web"),
        ("model", "ray-2"),
        ("resolution", "4k"),
    ] {
        el.set_attribute(name, value).unwrap();
        widget.attribute_changed(name, Some(value.into()));
    }
    assert!(
        text(&el, ".why").contains("\"4k\""),
        "{}",
        text(&el, ".why")
    );
    assert!(text(&el, ".alert").contains("sparkle"));
    for name in ["model", "resolution"] {
        el.remove_attribute(name).unwrap();
        widget.attribute_changed(name, None);
    }

    widget.attribute_changed("addons", None);
    assert!(quote_of(&widget).is_some());

    widget.attribute_changed("locale", Some("not a locale!".into()));
    assert!(text(&el, ".alert").contains("locale"));
    assert!(quote_of(&widget).is_some());
}

#[wasm_bindgen_test]
fn luma_agents_models_say_costs_are_not_published() {
    let el = host(&[("platform", "luma-agents"), ("model", "veo-3")]);
    let widget = Widget::new(el.clone(), None);
    assert!(quote_of(&widget).is_none());
    assert!(text(&el, ".why").contains("not published"));
    assert!(text(&el, "select[name=model]").contains("— costs not published"));
}

#[wasm_bindgen_test]
fn a_line_of_arithmetic_wraps_between_its_terms_not_inside_one() {
    let nb = |s: &str| s.replace('_', "\u{a0}");
    for (line, kept) in [
        (
            "Upscale 720p → 2160p · 4 × 5 s at 10 credits",
            "Upscale 720p →_2160p · 4_×_5_s at 10_credits",
        ),
        (
            "Extend · 9 s billed as 10 s at the clip's own rate (55 credits per 5 s)",
            "Extend · 9_s billed as 10_s at the clip's own rate (55_credits per 5_s)",
        ),
        // A figure inside a name is not a number of its own.
        ("Ray2 Flash 720p · 10 s clip", "Ray2 Flash 720p · 10_s clip"),
        (
            "Reframe · 15 s × 32 credits/s",
            "Reframe · 15_s ×_32_credits/s",
        ),
        ("10,5 s billed as 15 s", "10,5_s billed as 15_s"),
    ] {
        assert_eq!(fmt::keep_terms(line), nb(kept), "{line}");
    }
}
