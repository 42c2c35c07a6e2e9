//! Fuzz target: Open Trade Statistics CSV tables `yrpc`, `yrp`, `yrc`, `yr` (header fixed, rows
//! from the fuzzer), and raw input whose header the fuzzer writes (the `observation` answer,
//! missing columns, BOM).
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values, at most two
//! flows per row, no more rejects than rows).
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first, with_header};
use libfuzzer_sys::fuzz_target;

const TABLES: [(&str, &str); 4] = [
    (
        "yrpc_y-2002_r-chl_p-arg_c-all.csv",
        "year,reporter_iso,partner_iso,section_code,commodity_code,trade_value_usd_imp,trade_value_usd_exp",
    ),
    (
        "yrp_y-2002_r-chl_p-all.csv",
        "year,reporter_iso,partner_iso,trade_value_usd_imp,trade_value_usd_exp",
    ),
    (
        "yrc_y-2002_r-chl_c-all.csv",
        "year,reporter_iso,section_code,commodity_code,trade_value_usd_imp,trade_value_usd_exp",
    ),
    (
        "yr_y-2002_r-chl.csv",
        "year,reporter_iso,trade_value_usd_imp,trade_value_usd_exp",
    ),
];

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    let i = usize::from(sel) % (TABLES.len() + 1);
    if i < TABLES.len() {
        let (name, header) = TABLES[i];
        let bytes = with_header(header, body);
        read_and_check(SourceKind::Ots, name, &bytes, Accounting::UpToTwoFlows);
    } else {
        read_and_check(
            SourceKind::Ots,
            "yrpc_y-2002.csv",
            body,
            Accounting::UpToTwoFlows,
        );
    }
});
