//! The `<credit-estimator>` element's UI, built and updated from Rust through
//! web-sys inside the element's shadow root (wasm32 only).
