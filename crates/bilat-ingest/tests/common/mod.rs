//! Helpers shared by the integration tests: one `read` entry point, fixture paths, the data
//! folder, and column sums over the batches of an [`Import`].
#![allow(dead_code)]

use std::path::PathBuf;

use arrow::array::{Array, AsArray};
use arrow::datatypes::{Float64Type, Int32Type};
use arrow::record_batch::RecordBatch;
use bilat_ingest::{Import, Mode, ReadOptions, Result, SourceKind};

/// Path of a file in `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The shared data folder: `$BILAT_DATA`, else `<workspace>/../shared/data`.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("BILAT_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// Every test goes through here, so an API change is a one-line fix.
pub fn read(kind: SourceKind, name: &str, bytes: &[u8], mode: Mode) -> Result<Import> {
    let opts = ReadOptions {
        mode,
        ..ReadOptions::default()
    };
    let import = bilat_ingest::read_bytes(kind, name, bytes, &opts)?;
    check_schemas(&import);
    Ok(import)
}

/// Reads a BACI fixture file from disk through `read_baci`.
pub fn baci_fixture(name: &str, mode: Mode) -> Result<Import> {
    let opts = ReadOptions {
        mode,
        ..ReadOptions::default()
    };
    let import = bilat_ingest::read_baci(&fixture(name), &opts)?;
    check_schemas(&import);
    Ok(import)
}

/// Every batch has its canonical schema; strict imports have no rejects.
pub fn check_schemas(import: &Import) {
    for b in &import.flows {
        assert_eq!(b.schema(), bilat_model::flow_schema());
    }
    for b in &import.series {
        assert_eq!(b.schema(), bilat_model::series_schema());
    }
    for b in &import.products {
        assert_eq!(b.schema(), bilat_model::product_schema());
    }
}

fn batches<'a>(import: &'a Import, column: &str) -> &'a [RecordBatch] {
    if import
        .flows
        .first()
        .is_some_and(|b| b.schema().index_of(column).is_ok())
    {
        &import.flows
    } else {
        &import.series
    }
}

/// Sum of a Float64 column over all flow batches (nulls skipped).
pub fn sum_f64(import: &Import, column: &str) -> f64 {
    import
        .flows
        .iter()
        .map(|b| {
            b.column_by_name(column)
                .unwrap()
                .as_primitive::<Float64Type>()
                .iter()
                .flatten()
                .sum::<f64>()
        })
        .sum()
}

/// Sum of an Int32 column over all flow batches, as i64.
pub fn sum_i32(import: &Import, column: &str) -> i64 {
    import
        .flows
        .iter()
        .map(|b| {
            b.column_by_name(column)
                .unwrap()
                .as_primitive::<Int32Type>()
                .iter()
                .flatten()
                .map(i64::from)
                .sum::<i64>()
        })
        .sum()
}

/// An Int32 column of the flows, in order.
pub fn column_i32(import: &Import, column: &str) -> Vec<Option<i32>> {
    import
        .flows
        .iter()
        .flat_map(|b| {
            b.column_by_name(column)
                .unwrap()
                .as_primitive::<Int32Type>()
                .iter()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// An Int32 column of the series (nulls as 0), in order.
pub fn series_i32(import: &Import, column: &str) -> Vec<i32> {
    batches(import, column)
        .iter()
        .flat_map(|b| {
            let a = b
                .column_by_name(column)
                .unwrap()
                .as_primitive::<Int32Type>();
            (0..a.len())
                .map(|i| if a.is_null(i) { 0 } else { a.value(i) })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A Utf8 column of the flows, in order.
pub fn column_str(import: &Import, column: &str) -> Vec<Option<String>> {
    import
        .flows
        .iter()
        .flat_map(|b| {
            b.column_by_name(column)
                .unwrap()
                .as_string::<i32>()
                .iter()
                .map(|s| s.map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A Float64 column of the flows, in order.
pub fn column_f64(import: &Import, column: &str) -> Vec<Option<f64>> {
    import
        .flows
        .iter()
        .flat_map(|b| {
            b.column_by_name(column)
                .unwrap()
                .as_primitive::<Float64Type>()
                .iter()
                .collect::<Vec<_>>()
        })
        .collect()
}
