//! Prices requests from the command line, for trying the core without a browser:
//!
//! ```sh
//! cargo run --example quote -- '{"platform":"dream-machine-web","model":"ray-2-flash","resolution":"720p","durationSeconds":5,"addons":[{"kind":"upscale","to":"2160p"}]}'
//! ```

use credit_estimator::{Estimator, QuoteRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let estimator = Estimator::built_in();
    for arg in std::env::args().skip(1) {
        let request: QuoteRequest = serde_json::from_str(&arg)?;
        match estimator.quote(&request) {
            Ok(quote) => println!("{}", serde_json::to_string_pretty(&quote)?),
            Err(error) => println!("{}: {}", error.code().as_str(), error.message()),
        }
    }
    Ok(())
}
