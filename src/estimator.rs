//! [`Estimator`]: one edition of the tables and the four questions asked of it.

use crate::catalog::{self, Catalog};
use crate::check::{self, CheckRequest, CheckResult, Wallet};
use crate::error::Result;
use crate::plan_fit::{self, PlanFit, PlanFitRequest};
use crate::quote::{self, Quote, QuoteRequest};
use crate::tables::book::PriceBook;
use crate::tables::schema::Tables;

/// Prices generations, fits plans and checks wallets against one edition of
/// the pricing tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimator {
    book: PriceBook,
}

impl Estimator {
    /// The tables of `pricing/`, as baked in at build time.
    ///
    /// `build.rs` has already validated them, so this fails only if the
    /// crate itself is broken; it still returns a `Result` rather than panic.
    /// The tables are taken by value from the baked constant, whose texts and
    /// rows all borrow static data: no clone code is linked, and the wasm
    /// reads nothing at start (BENCHMARKS.md, "What moved the numbers").
    pub fn try_default() -> Result<Estimator> {
        Estimator::try_with_tables(crate::default_tables::BUILT_IN)
    }

    /// Tables given at run time (same schema as `pricing/`), validated in
    /// full: a fault is `invalid_tables` with the path of the row.
    pub fn try_with_tables(tables: Tables) -> Result<Estimator> {
        Ok(Estimator {
            book: PriceBook::try_from_tables(tables)?,
        })
    }

    /// The validated tables.
    pub fn book(&self) -> &PriceBook {
        &self.book
    }

    /// The credit cost of one generation.
    pub fn quote(&self, request: &QuoteRequest) -> Result<Quote> {
        quote::quote(&self.book, request)
    }

    /// Everything that can be priced, for menus.
    pub fn catalog(&self) -> Catalog {
        catalog::catalog(&self.book)
    }

    /// Which plan covers a month of usage.
    pub fn plan_fit(&self, request: &PlanFitRequest) -> Result<PlanFit> {
        plan_fit::plan_fit(&self.book, request)
    }

    /// Whether a wallet can pay for a generation now, and from which pools.
    pub fn check(&self, wallet: &Wallet, request: &CheckRequest) -> Result<CheckResult> {
        check::check(&self.book, wallet, request)
    }
}
