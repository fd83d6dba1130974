//! Credit estimator for Luma's AI video and image generations.
//!
//! The pricing core (this crate without `wasm`/`widget`) is plain Rust: it
//! reads the tables of `pricing/` (baked in by `build.rs`) and answers
//! [`Estimator::quote`], [`Estimator::catalog`], [`Estimator::plan_fit`] and
//! [`Estimator::check`]. The `wasm` module is the thin JavaScript boundary and
//! `widget` the `<credit-estimator>` element; both exist only on wasm32.
//!
//! On wasm32 the crate is `no_std` (unless the `std` feature is on, as it is
//! for tests), which leaves std's panic runtime out of the module: it formats
//! each panic's message and location for a panic hook. No panic is expected
//! (inputs are read, never unwrapped), so the module's panic handler just
//! traps (BENCHMARKS.md, "What moved the numbers").

#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

mod prelude;

/// A panic in the `no_std` module is a trap: the JS caller sees a
/// `WebAssembly.RuntimeError`, which the garbage tests prove input never
/// reaches.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

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
pub use check::{CheckRequest, CheckResult, KnownCost, StoryboardCheck, TopUpLot, Wallet};
pub use error::{Error, ErrorCode, Result};
pub use estimator::Estimator;
pub use plan_fit::{Needs, PlanFit, PlanFitRequest, UsageLine};
pub use quote::{AddonRequest, LineItem, Quote, QuoteLine, QuoteRequest};
pub use tables::book::PriceBook;
pub use tables::schema::Tables;

pub use default_tables::DEFAULT_TABLES_JSON;

/// The tables of `pricing/` as baked in at build time.
pub fn default_tables() -> &'static Tables {
    default_tables::DEFAULT_BOOK.tables()
}
