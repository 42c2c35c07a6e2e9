//! Shared helpers of the integration tests: locating `$BILAT_DATA` and reading CSV files
//! into a [`Frame`].

#![allow(dead_code)]

use std::path::PathBuf;

use bilat_gravity::Frame;

/// `$BILAT_DATA`, else `<workspace root>/../shared/data` (the crate lives in `crates/<name>`).
pub fn data_dir() -> PathBuf {
    match std::env::var_os("BILAT_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// Reads a CSV into a frame, keeping rows for which `keep(header, record)` holds.
pub fn read_csv(
    path: &std::path::Path,
    keep: impl Fn(&csv::StringRecord, &csv::StringRecord) -> bool,
) -> Frame {
    let mut rdr =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = rdr.headers().expect("header").clone();
    let names: Vec<String> = header.iter().map(str::to_owned).collect();
    let mut cols: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    for rec in rdr.records() {
        let rec = rec.expect("record");
        if keep(&header, &rec) {
            for (c, v) in cols.iter_mut().zip(rec.iter()) {
                c.push(v.to_owned());
            }
        }
    }
    Frame::from_text_columns(&names, cols).expect("frame")
}

/// Field of a record by header name.
pub fn field<'a>(header: &csv::StringRecord, rec: &'a csv::StringRecord, name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &rec[i]
}

/// Relative difference |a − b| / |b|.
pub fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}
