//! Fuzz target: Comtrade API JSON (`{"data": [ {camelCase fields…}, … ]}`), as the fuzzer
//! writes it, or its records wrapped into the envelope.
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values, flows +
//! rejects + skipped ≤ records read).
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    let bytes = if sel & 1 == 0 {
        body.to_vec()
    } else {
        let mut b = br#"{"count": 1, "data": ["#.to_vec();
        b.extend_from_slice(body);
        b.extend_from_slice(b"]}");
        b
    };
    // A `cmdCode,cmdDesc` record set is a dictionary (rows without flows): at most one flow.
    read_and_check(
        SourceKind::Comtrade,
        "api_response.json",
        &bytes,
        Accounting::AtMostOneFlowPerRow,
    );
});
