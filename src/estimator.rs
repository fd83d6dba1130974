//! [`Estimator`]: one edition of the tables and the four questions asked of it.

use crate::catalog::{self, Catalog};
use crate::check::{self, CheckRequest, CheckResult, StoryboardCheck, Wallet};
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

/// The built-in edition: [`Estimator::built_in`].
impl Default for Estimator {
    fn default() -> Self {
        Estimator::built_in()
    }
}

impl Estimator {
    /// The tables of `pricing/`, as validated and baked in at build time.
    ///
    /// `build.rs` ran [`PriceBook::try_from_tables`] on them, so nothing is
    /// checked here and nothing can fail. The book is taken by value from the
    /// baked constant, whose texts and rows all borrow static data: no clone
    /// code is linked, and the wasm neither reads nor validates anything at
    /// start (BENCHMARKS.md, "What moved the numbers").
    pub const fn built_in() -> Estimator {
        Estimator {
            book: crate::default_tables::BUILT_IN_BOOK,
        }
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

    /// Whether a wallet pays for generations made one after another.
    pub fn check_many(
        &self,
        wallet: &Wallet,
        requests: &[CheckRequest],
    ) -> Result<StoryboardCheck> {
        check::check_many(&self.book, wallet, requests)
    }
}
