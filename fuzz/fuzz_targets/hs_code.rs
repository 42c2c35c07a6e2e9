//! Fuzz target: HS code parsing — `bilat_model::hs::{level_of, chapter_of, section_of,
//! chapter_name}` and the BACI reader's product-code rule (through `parse_baci_line`, since the
//! rule is private to the reader).
//!
//! Properties: `level_of` is `Some(n)` exactly for 2, 4 or 6 ASCII digits; a chapter is 1..=97
//! and lies in the section `section_of` returns, which has a name in both languages; the BACI
//! rule accepts 6 digits as they are and 5 digits with one leading zero added, nothing else.
#![no_main]

use bilat_ingest::parse_baci_line;
use bilat_model::Lang;
use bilat_model::hs::{chapter_name, chapter_of, level_of, section_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let code = text.as_ref();
    let digits = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
    match level_of(code) {
        Some(l) => assert!(digits && usize::from(l) == code.len() && matches!(l, 2 | 4 | 6)),
        None => assert!(!digits || !matches!(code.len(), 2 | 4 | 6)),
    }
    match chapter_of(code) {
        Some(ch) => {
            assert!((1..=97).contains(&ch));
            assert_eq!(code[..2].parse::<u8>().ok(), Some(ch));
            let s = section_of(code).expect("every chapter is in a section");
            assert!((s.first_chapter..=s.last_chapter).contains(&ch));
            assert!(!s.name(Lang::En).is_empty() && !s.name(Lang::Ru).is_empty());
            assert!(
                chapter_name(code, Lang::En).is_some() && chapter_name(code, Lang::Ru).is_some()
            );
        }
        None => {
            assert!(section_of(code).is_none());
            assert!(chapter_name(code, Lang::En).is_none());
        }
    }
    // The BACI reader's product rule, on the raw bytes (the `k` field of a valid line).
    if data.contains(&b',') || data.contains(&b'"') || data.contains(&b'\n') {
        return;
    }
    let mut line = b"2018,4,124,".to_vec();
    line.extend_from_slice(data);
    line.extend_from_slice(b",1.5,");
    let trimmed = trim(data);
    let ok = trimmed.iter().all(u8::is_ascii_digit) && matches!(trimmed.len(), 5 | 6);
    match parse_baci_line(&line) {
        Ok(r) => {
            assert!(ok, "{code:?} accepted");
            let want: Vec<u8> = if trimmed.len() == 5 {
                [b"0".as_slice(), trimmed].concat()
            } else {
                trimmed.to_vec()
            };
            assert_eq!(r.product.as_slice(), want.as_slice());
        }
        Err(e) => {
            assert!(!ok, "{code:?} refused: {e}");
            assert_eq!(e.column, 4, "{e}");
        }
    }
});

/// ASCII spaces and tabs trimmed, as the reader trims fields.
fn trim(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| *b != b' ' && *b != b'\t')
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| *b != b' ' && *b != b'\t')
        .map_or(start, |p| p + 1);
    &s[start..end]
}
