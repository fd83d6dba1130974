//! The one error type of the pricing core.
//!
//! Every failure carries a stable [`ErrorCode`] (what kind of failure it is,
//! the string JavaScript sees as `error.code`) and a message that says what was
//! wrong and what is allowed. The JavaScript boundary turns each one into a
//! thrown `Error` with that `code`.

use crate::prelude::*;

use core::fmt;

/// The kinds of failure, each with a stable string code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The request is malformed: wrong types, missing fields, numbers out of range.
    InvalidRequest,
    /// The platform id is not one the tables know.
    UnknownPlatform,
    /// The model id is not one the platform offers.
    UnknownModel,
    /// The model has no price at this resolution on this platform.
    UnsupportedResolution,
    /// The clip length is not one the platform sells.
    UnsupportedDuration,
    /// The add-on does not apply to this generation.
    InvalidAddon,
    /// The combination is well formed but the articles publish no figure for it.
    Unpriced,
    /// The wallet passed to `check` is malformed.
    InvalidWallet,
    /// The request is for one platform and the wallet or plan for another.
    PlatformMismatch,
    /// Pricing tables given at run time are malformed.
    InvalidTables,
}

impl ErrorCode {
    /// Every code (for tests, documentation and `isEstimatorError`).
    pub const ALL: [ErrorCode; 10] = [
        ErrorCode::InvalidRequest,
        ErrorCode::UnknownPlatform,
        ErrorCode::UnknownModel,
        ErrorCode::UnsupportedResolution,
        ErrorCode::UnsupportedDuration,
        ErrorCode::InvalidAddon,
        ErrorCode::Unpriced,
        ErrorCode::InvalidWallet,
        ErrorCode::PlatformMismatch,
        ErrorCode::InvalidTables,
    ];

    /// The stable string JavaScript sees as `error.code`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::UnknownPlatform => "unknown_platform",
            ErrorCode::UnknownModel => "unknown_model",
            ErrorCode::UnsupportedResolution => "unsupported_resolution",
            ErrorCode::UnsupportedDuration => "unsupported_duration",
            ErrorCode::InvalidAddon => "invalid_addon",
            ErrorCode::Unpriced => "unpriced",
            ErrorCode::InvalidWallet => "invalid_wallet",
            ErrorCode::PlatformMismatch => "platform_mismatch",
            ErrorCode::InvalidTables => "invalid_tables",
        }
    }
}

/// A failure of the pricing core: a [`ErrorCode`] and a message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

impl Error {
    /// An error of the given kind with the given message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
        }
    }

    /// Shorthand for [`ErrorCode::InvalidRequest`].
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidRequest, message)
    }

    /// Shorthand for [`ErrorCode::Unpriced`].
    pub fn unpriced(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Unpriced, message)
    }

    /// Shorthand for [`ErrorCode::InvalidWallet`].
    pub fn invalid_wallet(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidWallet, message)
    }

    /// Shorthand for [`ErrorCode::InvalidTables`].
    pub fn invalid_tables(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidTables, message)
    }

    /// An error of kind `code` whose message `args` writes: one call at
    /// each of the many places that word a message, the writing and the
    /// error made here once. (The crate's own messages go through this and
    /// the `…_with` shorthands, which are smaller in the wasm than a
    /// `format!` handed to [`Error::new`]; `new` and its shorthands take a
    /// message already written.)
    #[inline(never)]
    pub(crate) fn with(code: ErrorCode, args: fmt::Arguments<'_>) -> Self {
        Error {
            code,
            message: alloc::fmt::format(args),
        }
    }

    /// [`Error::with`] for [`ErrorCode::InvalidRequest`].
    pub(crate) fn invalid_request_with(args: fmt::Arguments<'_>) -> Self {
        Error::with(ErrorCode::InvalidRequest, args)
    }

    /// [`Error::with`] for [`ErrorCode::InvalidWallet`].
    pub(crate) fn invalid_wallet_with(args: fmt::Arguments<'_>) -> Self {
        Error::with(ErrorCode::InvalidWallet, args)
    }

    /// [`Error::with`] for [`ErrorCode::Unpriced`].
    pub(crate) fn unpriced_with(args: fmt::Arguments<'_>) -> Self {
        Error::with(ErrorCode::Unpriced, args)
    }

    /// What kind of failure this is.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// What was wrong and what is allowed.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with the message prefixed by where it happened,
    /// e.g. `usage[2].request: `.
    pub fn at(mut self, place: &str) -> Self {
        self.message = format!("{place}: {}", self.message);
        self
    }

    /// The same error with the path its message starts with put under
    /// `root`: a table fault `videoWeb.clips[9] (…): …` read from
    /// `options.tables` becomes `options.tables.videoWeb.clips[9] (…): …`,
    /// the root the reader's own faults have. Only that leading path: other
    /// rows the message names (`catalog.models`) are left as written.
    pub fn under(mut self, root: &str) -> Self {
        self.message = format!("{root}.{}", self.message);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl core::error::Error for Error {}

/// Result of every fallible core operation.
pub type Result<T> = core::result::Result<T, Error>;

/// A value from the input for a message: quoted, and cut to 40 characters so
/// that a huge string cannot make a huge message.
pub(crate) fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("\"{head}…\"")
    } else {
        format!("\"{head}\"")
    }
}

/// Joins allowed values for a message: `a, b or c`.
pub(crate) fn one_of<S: AsRef<str>>(items: &[S]) -> String {
    listed(items, "or")
}

/// Joins things that all hold for a message: `a, b and c`.
pub(crate) fn all_of<S: AsRef<str>>(items: &[S]) -> String {
    listed(items, "and")
}

fn listed<S: AsRef<str>>(items: &[S], last_joint: &str) -> String {
    match items {
        [] => "nothing".to_owned(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last_joint} {}", head.join(", "), last.as_ref())
        }
    }
}
