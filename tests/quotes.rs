//! Every sentence the estimator quotes from Luma's articles is in them word
//! for word: the `quote`, `status` and `lumaAgentsCosts` texts of `pricing/`
//! and each quotation (“…”) of four words or more in a message of `src/`.
//! A `…` in a quotation marks a cut: each part must be in the articles.
//! Quotation marks and spacing are compared loosely (the articles mix
//! straight and curly quotes and wrap lines), words and punctuation exactly:
//! a sentence cut short with a full stop is not the article's.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Curly and straight quotes as one mark, runs of spaces as one space.
fn loose(text: &str) -> String {
    let marks: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '‘' | '’' | '"' => '\'',
            c => c,
        })
        .collect();
    marks.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The two articles (`*.txt`), not `plan-prices.md`, which is a note of
/// figures read from a page, with paraphrases of its own in quotation marks.
fn articles() -> String {
    let dir = root().join("pricing/articles");
    let mut text = String::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            text.push_str(&fs::read_to_string(path).unwrap());
            text.push('\n');
        }
    }
    assert!(text.contains("Credit Pricing, Usage & Top-Ups"));
    assert!(text.contains("Luma Agents is Luma AI"));
    loose(&text)
}

/// The parts of `quoted` (split at `…`) that are not in the articles.
fn missing(articles: &str, quoted: &str) -> Vec<String> {
    loose(quoted)
        .split('…')
        .map(str::trim)
        .filter(|part| !part.is_empty() && !articles.contains(part))
        .map(str::to_owned)
        .collect()
}

/// The quoted texts of a pricing table, with their paths.
fn table_quotes(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let at = format!("{path}.{key}");
                match (key.as_str(), v) {
                    ("quote" | "status" | "lumaAgentsCosts", Value::String(s)) => {
                        out.push((at, s.clone()))
                    }
                    _ => table_quotes(v, &at, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                table_quotes(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The quotations (“…”) of four words or more in `source`, but not those
/// that are filled in (`“{why}”`).
fn source_quotes(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('“') {
        let after = &rest[start + '“'.len_utf8()..];
        let Some(end) = after.find('”') else { break };
        let quoted = &after[..end];
        if !quoted.contains(['{', '}']) && quoted.split_whitespace().count() >= 4 {
            out.push(quoted.to_owned());
        }
        rest = &after[end..];
    }
    out
}

#[test]
fn the_tables_quote_the_articles_word_for_word() {
    let articles = articles();
    let mut quotes = Vec::new();
    for entry in fs::read_dir(root().join("pricing")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            table_quotes(&value, &name, &mut quotes);
        }
    }
    // The add-ons' two notes, both products' statuses, the Luma Agents costs.
    assert!(quotes.len() >= 5, "{quotes:?}");
    for (path, quoted) in &quotes {
        let gone = missing(&articles, quoted);
        assert!(gone.is_empty(), "{path}: not in the articles: {gone:?}");
    }
}

#[test]
fn the_messages_quote_the_articles_word_for_word() {
    let articles = articles();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut count = 0;
    for file in files {
        for quoted in source_quotes(&fs::read_to_string(&file).unwrap()) {
            count += 1;
            let gone = missing(&articles, &quoted);
            assert!(
                gone.is_empty(),
                "{}: not in the articles: {gone:?}",
                file.display()
            );
        }
    }
    // (Most quote a table's text through a placeholder; one is written out.)
    assert!(count >= 1, "no quotation found in src/");
}

#[test]
fn a_sentence_cut_short_is_not_the_articles() {
    let articles = articles();
    // The article goes on: "…remaining credits, cancel their subscription, …".
    assert_eq!(
        missing(
            &articles,
            "Existing subscribers can still log in to use remaining credits."
        ),
        ["Existing subscribers can still log in to use remaining credits."]
    );
    assert!(
        missing(
            &articles,
            "Existing subscribers can still log in to use remaining credits…"
        )
        .is_empty()
    );
    // Wrapped lines and curly quotes compare as the article's.
    assert!(
        missing(
            &articles,
            "Every time you hit 'Generate,' you\n get 4 images"
        )
        .is_empty()
    );
}
