//! Values the fuzzers draw from: real ids mixed in with whatever else they
//! make up, and the numbers JavaScript can hand over. Shared by tests/fuzz.rs
//! and the cargo-fuzz target in fuzz/.
#![allow(dead_code)]

pub const PLATFORMS: &[&str] = &["dream-machine-web", "dream-machine-ios", "luma-agents"];
pub const MODELS: &[&str] = &[
    "photon",
    "ray-1.6",
    "ray-2",
    "ray-2-flash",
    "ray-3.14",
    "veo-3",
    "kling-2.6",
];
pub const RESOLUTIONS: &[&str] = &["540p", "720p", "1080p", "2160p"];
pub const KINDS: &[&str] = &["upscale", "extend", "reframe", "modify", "zoom"];
pub const PRODUCTS: &[&str] = &["dream-machine", "luma-agents"];
pub const PLANS: &[&str] = &[
    "free",
    "lite",
    "plus",
    "unlimited",
    "enterprise",
    "pro",
    "ultra",
];
pub const SUBSCRIPTIONS: &[&str] = &["active", "paused", "cancelled"];

/// Numbers at the edges: NaN, infinities, signs, the limits of exact whole
/// numbers and of decimals, and a sum that is not what it looks like.
pub const EDGE_NUMBERS: &[f64] = &[
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    -0.0,
    -1.0,
    1e308,
    -1e308,
    9_007_199_254_740_992.0,
    9_007_199_254_740_991.0,
    f64::MIN_POSITIVE,
    5e-324,
    3e-286,
    4_294_967_296.0,
    1e15,
    0.1 + 0.2,
    // Around Decimal's smallest step (1e-28): the first has a decimal value, a
    // fifth of which has none; the last has none at all.
    1e-28,
    1.392_151_560_616_551_7e-28,
    4e-29,
];
