//! Credit estimator for Luma's AI video and image generations.
//!
//! The pricing core (this crate without `wasm`/`widget`) is plain Rust: it
//! reads the tables of `pricing/` (baked in by `build.rs`) and answers
//! [`Estimator::quote`], [`Estimator::catalog`], [`Estimator::plan_fit`] and
//! [`Estimator::check`]. The `wasm` module is the thin JavaScript boundary and
//! `widget` the `<credit-estimator>` element; both exist only on wasm32.

extern crate alloc;

pub mod calendar;
pub mod catalog;
pub mod check;
pub mod error;
pub mod estimator;
pub mod money;
pub mod plan_fit;
pub mod quote;
pub mod tables;

/// Talc instead of the default dlmalloc: measured 7 KB smaller in this
/// module (BENCHMARKS.md, "Size").
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
pub mod widget;

mod default_tables {
    include!(concat!(env!("OUT_DIR"), "/default_tables.rs"));
}

pub use catalog::Catalog;
pub use check::{CheckRequest, CheckResult, KnownCost, TopUpLot, Wallet};
pub use error::{Error, ErrorCode, Result};
pub use estimator::Estimator;
pub use plan_fit::{Needs, PlanFit, PlanFitRequest, UsageLine};
pub use quote::{AddonRequest, LineItem, Quote, QuoteLine, QuoteRequest};
pub use tables::book::PriceBook;
pub use tables::schema::Tables;

pub use default_tables::DEFAULT_TABLES_JSON;

/// The tables of `pricing/` as baked in at build time.
pub fn default_tables() -> &'static Tables {
    &default_tables::DEFAULT_TABLES
}
