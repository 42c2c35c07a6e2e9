//! Fuzz target: arbitrary bytes through every reader's row parser, strict and lenient, and
//! through the BACI line parser and the number parser. The property is "no panic": every input
//! is either read or answered with an error.
#![no_main]

use bilat_ingest::{Mode, ReadOptions, SourceKind, parse_baci_line, parse_decimal, read_bytes};
use libfuzzer_sys::fuzz_target;

/// Headers that get the fuzzer past header detection into the row parsers.
const HEADERS: [(SourceKind, &str, &[u8]); 6] = [
    (SourceKind::Baci, "BACI_HS12_Y2018_V202201.csv", b"t,i,j,k,v,q\n"),
    (SourceKind::Comtrade, "c.csv", b"freq_code,ref_year,ref_month,period,reporter_code,reporter_iso,flow_code,partner_code,partner_iso,partner2code,classification_code,cmd_code,cmd_desc,mot_code,qty_unit_abbr,qty,net_wgt,cifvalue,fobvalue,primary_value\n"),
    (SourceKind::Comtrade, "eu_imports_compact.csv", b"ref_year,reporter_iso,partner_iso,cmd_code,primary_value\n"),
    (SourceKind::Ots, "yrpc.csv", b"year,reporter_iso,partner_iso,section_code,commodity_code,trade_value_usd_imp,trade_value_usd_exp\n"),
    (SourceKind::Series, "s.csv", b"period,country,partner,indicator,value,unit,source\n"),
    (SourceKind::Comtrade, "api.json", b""),
];

fuzz_target!(|data: &[u8]| {
    let _ = parse_decimal(data);
    for line in data.split(|b| *b == b'\n') {
        let _ = parse_baci_line(line);
    }
    for mode in [Mode::Strict, Mode::Lenient] {
        let opts = ReadOptions { mode, progress: None };
        for (kind, name, header) in HEADERS {
            let mut bytes = header.to_vec();
            bytes.extend_from_slice(data);
            let _ = read_bytes(kind, name, &bytes, &opts);
        }
        // Raw bytes, header included, for header and format detection (zip, JSON, BOM).
        for kind in [SourceKind::Baci, SourceKind::Comtrade, SourceKind::Ots, SourceKind::Series] {
            let _ = read_bytes(kind, "input.csv", data, &opts);
        }
    }
});
