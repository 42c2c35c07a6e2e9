//! Fuzz target: claim extraction from Russian text (Cyrillic, decimal commas, group spaces), then the internal checks, verification
//! against a fact source with no data, and every renderer.
//!
//! Properties: see `claims_common` — spans inside the text and equal to the claim's text,
//! values finite, printed precision consistent, renderers total.
#![no_main]

#[path = "claims_common/mod.rs"]
mod claims_common;

use bilat_claims::TextLang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    claims_common::check_text(&String::from_utf8_lossy(data), TextLang::Ru);
});
