//! Fuzz target: arbitrary text through claim extraction, the internal checks, verification
//! (against a fact source that holds nothing) and every renderer. The property is "no panic":
//! spans stay on character boundaries and inside the input whatever the bytes are.
#![no_main]

use bilat_claims::{
    Fact, FactQuery, Facts, FactsError, Format, TextLang, check, extract, parse_numeral, render,
};
use libfuzzer_sys::fuzz_target;

/// A fact source with no data: every claim ends up unverifiable or inconsistent.
struct NoFacts;

impl Facts for NoFacts {
    fn lookup(&self, _q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        Ok(None)
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_numeral(&text, TextLang::En);
    let _ = parse_numeral(&text, TextLang::Ru);
    let n = text.chars().count();
    for lang in [None, Some(TextLang::En), Some(TextLang::Ru)] {
        let (claims, diags) = extract(&text, lang);
        for c in &claims {
            assert!(c.start <= c.end && c.end <= n);
        }
        for d in &diags {
            assert!(d.start <= d.end && d.end <= n);
        }
    }
    if let Ok(report) = check(&text, None, &NoFacts) {
        for f in [Format::Text, Format::Md, Format::Json, Format::Html] {
            let _ = render(&text, &report, f);
        }
    }
});
