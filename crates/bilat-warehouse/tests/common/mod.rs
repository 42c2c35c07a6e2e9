//! Small imports built in memory for the warehouse's integration tests.

#![allow(dead_code)]

use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use bilat_warehouse::{InputRecord, NewImport, Warehouse};

/// `n` flow rows of 1 000 USD each, Belarus → Kazakhstan in `year`, one product per row.
pub fn flows(year: i32, n: usize) -> RecordBatch {
    let s = |v: &str| -> ArrayRef { Arc::new(StringArray::from(vec![v; n])) };
    let int = |v: i32| -> ArrayRef { Arc::new(Int32Array::from(vec![v; n])) };
    let null_f = || -> ArrayRef { Arc::new(Float64Array::from(vec![None::<f64>; n])) };
    let products: Vec<String> = (0..n).map(|k| format!("{:06}", 10_110 + k)).collect();
    let columns: Vec<ArrayRef> = vec![
        s("test"),
        s("v1"),
        int(year),
        Arc::new(Int32Array::from(vec![None::<i32>; n])),
        int(112),
        int(398),
        s("reconciled"),
        s("X"),
        s("HS17"),
        Arc::new(StringArray::from(products)),
        int(6),
        Arc::new(Float64Array::from(vec![1000.0; n])),
        null_f(),
        null_f(),
        null_f(),
        Arc::new(StringArray::from(vec![None::<&str>; n])),
        null_f(),
    ];
    RecordBatch::try_new(bilat_model::flow_schema(), columns).unwrap()
}

/// One `series` row.
pub fn series(year: i32) -> RecordBatch {
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec!["test"])),
        Arc::new(StringArray::from(vec!["v1"])),
        Arc::new(Int32Array::from(vec![year])),
        Arc::new(Int32Array::from(vec![None::<i32>])),
        Arc::new(Int32Array::from(vec![112])),
        Arc::new(Int32Array::from(vec![0])),
        Arc::new(StringArray::from(vec!["gdp"])),
        Arc::new(Float64Array::from(vec![7.5e10])),
        Arc::new(StringArray::from(vec!["USD"])),
    ];
    RecordBatch::try_new(bilat_model::series_schema(), columns).unwrap()
}

/// One `products` row.
pub fn products() -> RecordBatch {
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec!["test"])),
        Arc::new(StringArray::from(vec!["HS17"])),
        Arc::new(StringArray::from(vec!["010110"])),
        Arc::new(Int32Array::from(vec![6])),
        Arc::new(StringArray::from(vec!["en"])),
        Arc::new(StringArray::from(vec!["Pure-bred horses"])),
    ];
    RecordBatch::try_new(bilat_model::product_schema(), columns).unwrap()
}

/// An import of `n` flow rows in `year` with a pseudo-input `tag` (distinct tags, distinct imports).
pub fn import(tag: &str, year: i32, n: usize) -> NewImport {
    NewImport {
        source: "test".into(),
        vintage: "v1".into(),
        inputs: vec![InputRecord {
            path: format!("{tag}.csv"),
            sha256: format!("sha-{tag}"),
            bytes: n as u64,
        }],
        flows: vec![flows(year, n)],
        ..NewImport::default()
    }
}

/// An import that writes every table: flows (hence pairs), series and products.
pub fn full_import(tag: &str, year: i32, n: usize) -> NewImport {
    NewImport {
        series: vec![series(year)],
        products: vec![products()],
        ..import(tag, year, n)
    }
}

/// `SELECT count(*) FROM table` over a freshly opened warehouse.
pub fn count(root: &std::path::Path, table: &str) -> i64 {
    let wh = Warehouse::open(root).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let batches = rt
        .block_on(wh.sql(&format!("SELECT count(*) AS n FROM {table}")))
        .unwrap();
    batches[0]
        .column(0)
        .as_any()
        .downcast_ref::<arrow::array::Int64Array>()
        .unwrap()
        .value(0)
}
