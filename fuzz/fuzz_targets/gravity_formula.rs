//! Fuzz target: the fixest formula parser of bilat-gravity and `Vcov: FromStr`.
//!
//! Properties: a parsed formula displays in canonical form, and that text parses back to the
//! same formula (and displays the same); every variable is a non-empty name; a parse error
//! points inside the text (0-based character position ≤ its length) and renders; a parsed
//! `Vcov` parses back from its label.
#![no_main]

use bilat_gravity::{Error, Formula, Vcov};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let src = text.as_ref();
    match Formula::parse(src) {
        Ok(f) => {
            let shown = f.to_string();
            let again = Formula::parse(&shown)
                .unwrap_or_else(|e| panic!("{src:?} displays as {shown:?}, which fails: {e}"));
            assert_eq!(again, f, "{src:?} -> {shown:?}");
            assert_eq!(again.to_string(), shown);
            assert!(f.variables().iter().all(|v| !v.is_empty()));
        }
        Err(e) => {
            match &e {
                Error::Formula { position, .. } => {
                    assert!(*position <= src.chars().count(), "{e:?}");
                }
                other => panic!("parse failed with {other:?}"),
            }
            let _ = e.to_string();
        }
    }
    if let Ok(v) = src.parse::<Vcov>() {
        assert_eq!(v.label().parse::<Vcov>().ok(), Some(v.clone()), "{src:?}");
    }
});
