//! Reads `pricing/*.json`, validates the tables with the crate's own code
//! (`src/tables/book.rs`), and writes them to `OUT_DIR/default_tables.rs` twice:
//! the validated `PriceBook` baked into a Rust constant whose every text and
//! row borrows static data (the built-in estimator, native and in the
//! WebAssembly, takes it by value, with no clone, no reading and no validation
//! at run time), and as JSON text, which `defaultTables()` hands to
//! JavaScript's `JSON.parse`. A malformed table fails the build with a message
//! naming the file and the row.
//!
//! It also writes `OUT_DIR/widget.css`: the widget's stylesheet
//! (`src/widget/widget.css`, embedded in the wasm) without its comments and
//! with its whitespace collapsed.

// The core modules are shared with the crate; the build uses part of them.
#![allow(dead_code)]

extern crate alloc;

#[path = "src/calendar.rs"]
mod calendar;
#[path = "src/error.rs"]
mod error;
#[path = "src/money.rs"]
mod money;
#[path = "src/prelude.rs"]
mod prelude;
#[path = "src/tables/mod.rs"]
mod tables;

use std::path::Path;
use std::{env, fs, process};

use serde::de::DeserializeOwned;
use tables::book::PriceBook;
use tables::schema::Tables;

/// Each field of [`Tables`] and the file it is read from.
const FILES: [(&str, &str); 7] = [
    ("edition", "edition.json"),
    ("catalog", "catalog.json"),
    ("images", "images.json"),
    ("videoWeb", "video-web.json"),
    ("videoIos", "video-ios.json"),
    ("addons", "addons.json"),
    ("plans", "plans.json"),
];

fn fail(message: String) -> ! {
    println!("cargo::error=pricing tables: {message}");
    process::exit(1);
}

fn read<T: DeserializeOwned>(dir: &Path, file: &str) -> T {
    let path = dir.join(file);
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(format!("pricing/{file}: cannot read: {e}")));
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| fail(format!("pricing/{file}, row {}: {}", e.path(), e.inner())))
}

/// `videoWeb.clips[3] (…): …` becomes `pricing/video-web.json, row clips[3] (…): …`.
fn locate(message: &str) -> String {
    for (field, file) in FILES {
        if let Some(rest) = message.strip_prefix(field) {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return format!("pricing/{file}, row {rest}");
        }
    }
    message.to_owned()
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&manifest).join("pricing");
    println!("cargo::rerun-if-changed=pricing");
    for shared in [
        "src/calendar.rs",
        "src/error.rs",
        "src/money.rs",
        "src/prelude.rs",
        "src/tables",
    ] {
        println!("cargo::rerun-if-changed={shared}");
    }

    let tables = Tables {
        edition: read(&dir, FILES[0].1),
        catalog: read(&dir, FILES[1].1),
        images: read(&dir, FILES[2].1),
        video_web: read(&dir, FILES[3].1),
        video_ios: read(&dir, FILES[4].1),
        addons: read(&dir, FILES[5].1),
        plans: read(&dir, FILES[6].1),
    };
    let book = PriceBook::try_from_tables(tables).unwrap_or_else(|e| fail(locate(e.message())));

    let env = databake::CrateEnv::default();
    let baked = databake::Bake::bake(&book, &env);
    let json = serde_json::to_string(book.tables())
        .unwrap_or_else(|e| fail(format!("cannot write the tables as JSON: {e}")));
    let code = format!(
        "/// The tables of `pricing/`, validated by `build.rs`, with the figures\n\
         /// validation derives from them (dollars parsed, rates per step).\n\
         pub(crate) const BUILT_IN_BOOK: crate::tables::book::PriceBook = {baked};\n\
         /// The same, at one address, for `default_tables()`.\n\
         pub(crate) static DEFAULT_BOOK: crate::tables::book::PriceBook = BUILT_IN_BOOK;\n\
         /// The same tables as JSON, in the schema `new Estimator({{ tables }})` takes.\n\
         pub const DEFAULT_TABLES_JSON: &str = {json:?};\n"
    );
    let out = env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set".into()));
    fs::write(Path::new(&out).join("default_tables.rs"), code)
        .unwrap_or_else(|e| fail(format!("cannot write default_tables.rs: {e}")));

    println!("cargo::rerun-if-changed=src/widget/widget.css");
    let css = fs::read_to_string(Path::new(&manifest).join("src/widget/widget.css"))
        .unwrap_or_else(|e| fail(format!("cannot read src/widget/widget.css: {e}")));
    fs::write(Path::new(&out).join("widget.css"), compact_css(&css))
        .unwrap_or_else(|e| fail(format!("cannot write widget.css: {e}")));
}

/// `css` without `/* comments */`, each run of whitespace made one space, and
/// none next to `{`, `}` or `;`. The rules are the same (an e2e test compares
/// the two sheets rule by rule in Chromium); the stylesheet has no strings
/// in which whitespace or `/*` would matter.
fn compact_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        rest = after.find("*/").map_or("", |end| &after[end + 2..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';');
        if space && !tight(c) && !out.ends_with(tight) && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out.replace(";}", "}")
}
