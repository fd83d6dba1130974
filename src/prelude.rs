//! What the std prelude gives, for the `no_std` build of the wasm (see
//! `lib.rs`): every module says `use crate::prelude::*;`.

// Each module uses part of it; so does build.rs, which includes this file.
#![allow(unused_imports)]

pub use alloc::borrow::ToOwned;
pub use alloc::format;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
