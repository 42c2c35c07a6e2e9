//! Fuzz target: Open Trade Statistics JSON answers (an array of objects), read as a table and,
//! under the name `ots_commodities.json`, as the commodity dictionary.
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values, at most two
//! flows per record); a dictionary yields products and no flows.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    let name = if sel & 1 == 0 {
        "yrpc_y-2002_r-chl_p-arg_c-all.json"
    } else {
        "ots_commodities.json"
    };
    if let Some(import) = read_and_check(SourceKind::Ots, name, body, Accounting::UpToTwoFlows)
        && sel & 1 == 1
    {
        assert_eq!(import.flow_rows(), 0, "a dictionary holds no flows");
    }
});
