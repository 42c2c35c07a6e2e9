//! Regression tests for what the fuzz targets found (issue 11), one per bug, named after the
//! target and the fault; the crashing inputs are kept as seeds in `fuzz/seeds/<target>/`.

mod common;

use bilat_ingest::{Mode, SourceKind};

/// `ots_csv`: an OTS "no data" answer (`observation` column) with a row that is not UTF-8.
/// Strict mode failed on it, lenient mode dropped it without a reject.
#[test]
fn fuzz_ots_csv_observation_keeps_rejects() {
    let bytes = b"observation\nNo data avail]able for these fil\x94ering parameters\n";
    let strict = common::read(SourceKind::Ots, "yrpc_y-2002.csv", bytes, Mode::Strict);
    assert!(strict.is_err());
    let lenient = common::read(SourceKind::Ots, "yrpc_y-2002.csv", bytes, Mode::Lenient).unwrap();
    assert_eq!(lenient.rows_read, 1);
    assert_eq!(lenient.rejects.len(), 1, "{:?}", lenient.rejects);
    assert_eq!(lenient.rejects[0].line, 2);
    assert_eq!(lenient.flow_rows(), 0);
}

/// `baci_csv`: a line ending in two CRs before the LF. The chunk reader stripped one CR and
/// the line parser another, so it imported a row the line parser alone refuses; now both read
/// the second CR as a stray byte of the last field (a reject naming it, lenient; an error,
/// strict). The crashing input is kept as the seed `two-crs-one-reading`.
#[test]
fn fuzz_baci_csv_two_crs_are_one_reading() {
    let bytes = b"t,i,j,k,v,q\n2018,8,208,030617,193.93,18.583\r\r\n";
    let name = "BACI_HS12_Y2018_V202201.csv";
    assert!(common::read(SourceKind::Baci, name, bytes, Mode::Strict).is_err());
    let lenient = common::read(SourceKind::Baci, name, bytes, Mode::Lenient).unwrap();
    assert_eq!(lenient.rows_read, 1);
    assert_eq!(lenient.flow_rows(), 0);
    assert_eq!(lenient.rejects.len(), 1, "{:?}", lenient.rejects);
    assert!(bilat_ingest::parse_baci_line(b"2018,8,208,030617,193.93,18.583\r\r").is_err());
}
