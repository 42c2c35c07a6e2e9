//! Fuzz target: tidy series CSV `period,country,partner,indicator,value,unit,source`, with the
//! header fixed (rows from the fuzzer) or written by the fuzzer (any column order, extra columns,
//! BOM, JSON).
//!
//! Properties: the invariants of `common` (modes agree, finite values, series + rejects = rows
//! read); no flows.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first, with_header};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    let bytes = if sel & 1 == 0 {
        with_header("period,country,partner,indicator,value,unit,source", body)
    } else {
        body.to_vec()
    };
    let accounting = if bytes.starts_with(b"PK\x03\x04") {
        Accounting::None
    } else {
        Accounting::OneSeriesPerRow
    };
    if let Some(import) = read_and_check(SourceKind::Series, "series.csv", &bytes, accounting) {
        assert_eq!(import.flow_rows(), 0);
    }
});
