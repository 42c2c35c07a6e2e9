//! The property of both claim targets, for one language.
//!
//! - Every claim and diagnostic span lies inside the text (character offsets, start < end) and a
//!   claim's `text` is exactly those characters.
//! - Values, printed numbers and scales are finite; a claim's value is its printed number
//!   times its scale for amounts (no hidden rescaling).
//! - A dollar equivalent link is mutual, between two amounts of one sentence, one of them in
//!   dollars and the other not; a product names HS codes of digits only.
//! - `parse_numeral` gives finite non-negative numbers.
//! - The check (internal consistency, verification against no data) and every renderer finish.

use bilat_claims::{
    ClaimKind, Fact, FactQuery, Facts, FactsError, Format, TextLang, check, extract, parse_numeral,
    render,
};

/// A fact source with no data: every claim ends up unverifiable or inconsistent.
struct NoFacts;

impl Facts for NoFacts {
    fn lookup(&self, _q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        Ok(None)
    }
}

/// Checks every property of the module doc on `text` read as `lang`.
pub fn check_text(text: &str, lang: TextLang) {
    if let Some(n) = parse_numeral(text, lang) {
        assert!(n.value.is_finite() && n.value >= 0.0, "{n:?}");
    }
    let chars: Vec<char> = text.chars().collect();
    let (claims, diags) = extract(text, Some(lang));
    for c in &claims {
        assert!(
            c.start < c.end && c.end <= chars.len(),
            "span {}..{}",
            c.start,
            c.end
        );
        let span: String = chars[c.start..c.end].iter().collect();
        assert_eq!(span, c.text);
        for v in [c.value, c.printed].into_iter().flatten() {
            assert!(v.is_finite(), "{c:?}");
        }
        assert!(c.scale.is_finite() && c.scale > 0.0);
        if c.kind == ClaimKind::Amount
            && let (Some(v), Some(p)) = (c.value, c.printed)
        {
            assert_eq!(v, p * c.scale, "{c:?}");
        }
    }
    for (i, c) in claims.iter().enumerate() {
        if let Some(j) = c.equivalent {
            let d = &claims[j];
            assert!(j != i && d.equivalent == Some(i), "{c:?} / {d:?}");
            assert!(c.sentence == d.sentence && c.kind == d.kind);
            assert!(c.unit.starts_with("USD") != d.unit.starts_with("USD"), "{c:?} / {d:?}");
        }
        if let Some(p) = &c.product {
            assert!(c.kind == ClaimKind::Quantity && !p.codes.is_empty());
            assert!(p.codes.iter().all(|k| k.bytes().all(|b| b.is_ascii_digit())));
        }
    }
    for d in &diags {
        assert!(d.start < d.end && d.end <= chars.len());
    }
    if let Ok(report) = check(text, Some(lang), &NoFacts) {
        for f in [Format::Text, Format::Md, Format::Json, Format::Html] {
            let _ = render(text, &report, f);
        }
    }
}
