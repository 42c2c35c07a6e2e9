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
