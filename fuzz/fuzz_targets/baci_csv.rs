//! Fuzz target: BACI year files `t,i,j,k,v,q` through `read_bytes` (strict and lenient) and
//! every line through `parse_baci_line`.
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values, flows +
//! rejects = rows read); a parsed line is in range (year 1900..=2100, codes ≤ 999, six digits,
//! finite values ≥ 0); and the reader's fast path agrees with `parse_baci_line` on each of the
//! first lines read alone — the same value bit for bit, or a reject in the same column.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::{Mode, ReadOptions, SourceKind, parse_baci_line, read_bytes};
use common::{Accounting, read_and_check, split_first, with_header};
use libfuzzer_sys::fuzz_target;

const NAME: &str = "BACI_HS12_Y2018_V202201.csv";

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    // Even selector: the fuzzer writes the rows; odd: it writes the header too (BOM, detection).
    let bytes = if sel & 1 == 0 {
        with_header("t,i,j,k,v,q", body)
    } else {
        body.to_vec()
    };
    let accounting = if bytes.starts_with(b"PK\x03\x04") {
        Accounting::None // zip magic: expanded as an archive
    } else {
        Accounting::OneFlowPerRow
    };
    read_and_check(SourceKind::Baci, NAME, &bytes, accounting);
    for (n, line) in body.split(|b| *b == b'\n').enumerate() {
        let parsed = parse_baci_line(line);
        if let Ok(r) = &parsed {
            assert!((1900..=2100).contains(&r.year));
            assert!(r.exporter <= 999 && r.importer <= 999);
            assert!(r.product.iter().all(u8::is_ascii_digit));
            assert!(r.value_thousands_usd.is_finite() && r.value_thousands_usd >= 0.0);
            assert!(r.quantity_tonnes.is_none_or(|q| q.is_finite() && q >= 0.0));
        }
        if n < 4 {
            fast_path_agrees(line, &parsed);
        }
    }
});

/// One line read alone by the chunk parser (fast path first) gives what `parse_baci_line` gives.
fn fast_path_agrees(line: &[u8], parsed: &Result<bilat_ingest::BaciRow, bilat_ingest::FieldError>) {
    let trimmed = line.strip_suffix(b"\r").unwrap_or(line);
    if trimmed.iter().all(|b| *b == b' ' || *b == b'\t') || line.starts_with(b"PK") {
        return;
    }
    let bytes = with_header("t,i,j,k,v,q", line);
    let opts = ReadOptions {
        mode: Mode::Lenient,
        progress: None,
    };
    // A NUL byte makes the whole file "not text" (binary, or UTF-16 without a BOM): refused as
    // a file before any line is parsed, whatever the line parser alone would say.
    if line.contains(&0) {
        let err = read_bytes(SourceKind::Baci, NAME, &bytes, &opts).expect_err("NUL refused");
        assert!(matches!(err, bilat_ingest::Error::NotText { .. }), "{err}");
        return;
    }
    let import = read_bytes(SourceKind::Baci, NAME, &bytes, &opts).expect("a header and one line");
    assert_eq!(import.rows_read, 1);
    match parsed {
        Ok(r) => {
            if import.flow_rows() == 1 {
                let (_, sum) = common::check_values(&import);
                assert_eq!(sum.to_bits(), (r.value_thousands_usd * 1000.0).to_bits());
            } else {
                // A known country, or a row dated before the file's revision came into force
                // (NAME is an HS12 file): rejected with its reason.
                let reason = &import.rejects[0].reason;
                let misdated = r.year < 2012 && reason.contains("came into force");
                assert!(reason.contains("unknown country") || misdated, "{reason}");
            }
        }
        Err(fe) => {
            assert_eq!(import.flow_rows(), 0);
            let rej = &import.rejects[0];
            if !rej.reason.contains("UTF-8") {
                assert_eq!(rej.column, fe.column, "{rej:?} vs {fe:?}");
            }
        }
    }
}
