//! Small helpers to phrase SQL safely and read results back as plain Rust values. The readers
//! (`f64s`, `i64s`, `strings`) are the workspace's one way from Arrow batches to values; they
//! are public (as `column_f64s`, `column_i64s`, `column_strings`) for bilat-claims' warehouse
//! facts.

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Float64Type, Int64Type};

use crate::{Error, Result};

/// A SQL string literal with quotes doubled.
pub(crate) fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A SQL list of integer codes, e.g. `(112, 398)`.
pub(crate) fn codes(c: &[u16]) -> String {
    let inner: Vec<String> = c.iter().map(u16::to_string).collect();
    format!("({})", inner.join(", "))
}

/// Column `name` of every batch, cast to f64 (nulls as `None`).
pub fn f64s(batches: &[RecordBatch], name: &str) -> Result<Vec<Option<f64>>> {
    let mut out = Vec::new();
    for b in batches {
        let c = column(b, name)?;
        let c = cast(&c, &DataType::Float64).map_err(|e| Error::Warehouse(e.into()))?;
        let a = c.as_primitive::<Float64Type>();
        out.extend((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i))));
    }
    Ok(out)
}

/// Column `name` of every batch, cast to i64 (nulls as `None`).
pub fn i64s(batches: &[RecordBatch], name: &str) -> Result<Vec<Option<i64>>> {
    let mut out = Vec::new();
    for b in batches {
        let c = column(b, name)?;
        let c = cast(&c, &DataType::Int64).map_err(|e| Error::Warehouse(e.into()))?;
        let a = c.as_primitive::<Int64Type>();
        out.extend((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i))));
    }
    Ok(out)
}

/// Column `name` of every batch as strings (nulls as empty).
pub fn strings(batches: &[RecordBatch], name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for b in batches {
        let c = column(b, name)?;
        let c = cast(&c, &DataType::Utf8).map_err(|e| Error::Warehouse(e.into()))?;
        let a = c.as_string::<i32>();
        out.extend((0..a.len()).map(|i| {
            if a.is_valid(i) {
                a.value(i).to_string()
            } else {
                String::new()
            }
        }));
    }
    Ok(out)
}

/// Calls `f` with the index of each row (across batches, as in [`i64s`]) and its columns
/// `names` as borrowed strings (nulls as empty), allocating nothing per row: for a large
/// memoised result (a whole product dictionary) of which a request needs a few rows, where
/// [`strings`] would copy every value each time.
pub(crate) fn visit_strings<const N: usize>(
    batches: &[RecordBatch],
    names: [&str; N],
    mut f: impl FnMut(usize, [&str; N]),
) -> Result<()> {
    let mut row = 0;
    for b in batches {
        let mut cols = Vec::with_capacity(N);
        for name in names {
            let c = column(b, name)?;
            cols.push(cast(&c, &DataType::Utf8).map_err(|e| Error::Warehouse(e.into()))?);
        }
        let arrays: Vec<_> = cols.iter().map(|c| c.as_string::<i32>()).collect();
        for i in 0..b.num_rows() {
            f(
                row,
                std::array::from_fn(|k| {
                    let a = arrays[k];
                    if a.is_valid(i) { a.value(i) } else { "" }
                }),
            );
            row += 1;
        }
    }
    Ok(())
}

fn column(b: &RecordBatch, name: &str) -> Result<arrow::array::ArrayRef> {
    b.column_by_name(name).cloned().ok_or_else(|| {
        Error::Warehouse(bilat_warehouse::Error::Internal(format!(
            "result has no column {name}"
        )))
    })
}
