//! Module-wide values (caches) for the `no_std` wasm, which has no
//! `thread_local!`: what that macro gives with std, for the one thread a
//! wasm module built without the `atomics` feature runs on.

/// A value in a `static`, reached through [`Local::with`] as a
/// `thread_local!` value is.
pub(crate) struct Local<T>(T);

// SAFETY: built without the `atomics` target feature (as this crate is), a
// wasm module has one thread, so a `Local` is never shared between threads.
// With `atomics` this impl is absent and a `static Local` does not compile.
#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    pub(crate) const fn new(value: T) -> Local<T> {
        Local(value)
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}
