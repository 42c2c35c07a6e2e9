//! Python data into the estimator's [`Frame`], reading only the columns a model uses.
//!
//! Any object with `__arrow_c_stream__` (the Arrow PyCapsule interface: pyarrow Tables,
//! polars and pandas ≥ 2.2 DataFrames, DuckDB relations) crosses without a copy; its columns
//! are then read into the frame's own vectors: numbers and booleans as `f64` (null → NaN),
//! anything else (strings, dictionaries, dates) as categories (null → missing). A plain
//! mapping of column name → sequence works too, without pyarrow.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch};
use arrow::compute::{cast, concat};
use arrow::datatypes::{DataType, Float64Type, SchemaRef};
use bilat_gravity::{Column, Frame};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyMapping};
use pyo3_arrow::PyRecordBatchReader;

/// The columns `wanted` (case-insensitive; absent ones are left for the estimator to name)
/// of `data` as a frame.
pub(crate) fn frame(py: Python<'_>, data: &Bound<'_, PyAny>, wanted: &[String]) -> PyResult<Frame> {
    if data.hasattr("__arrow_c_stream__")? {
        let capsule = data.call_method0("__arrow_c_stream__")?;
        let capsule = capsule.cast::<PyCapsule>()?;
        let reader = PyRecordBatchReader::from_arrow_pycapsule(capsule)?.into_reader()?;
        let schema = reader.schema();
        let wanted = wanted.to_vec();
        return py.detach(move || {
            let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().map_err(|e| {
                PyValueError::new_err(format!("reading the data's Arrow stream: {e}"))
            })?;
            from_batches(&schema, &batches, &wanted)
        });
    }
    if let Ok(mapping) = data.cast::<PyMapping>() {
        return from_mapping(mapping, wanted);
    }
    Err(PyTypeError::new_err(format!(
        "data must be a data frame (pandas, polars, pyarrow: anything with __arrow_c_stream__) or a mapping of column name to values, not {}",
        data.get_type().name()?
    )))
}

/// The wanted columns of Arrow batches.
fn from_batches(schema: &SchemaRef, batches: &[RecordBatch], wanted: &[String]) -> PyResult<Frame> {
    let mut frame = Frame::new();
    for name in unique(wanted) {
        let Some((index, field)) = schema
            .fields()
            .iter()
            .enumerate()
            .find(|(_, f)| f.name().eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let parts: Vec<&dyn Array> = batches.iter().map(|b| b.column(index).as_ref()).collect();
        let whole: ArrayRef = if parts.is_empty() {
            arrow::array::new_empty_array(field.data_type())
        } else {
            concat(&parts).map_err(arrow_error)?
        };
        frame
            .push(field.name().clone(), column_of(&whole, field.name())?)
            .map_err(crate::errors::gravity)?;
    }
    if frame.names().is_empty() && !batches.is_empty() {
        // No wanted column at all: give the estimator a row count to report against.
        let n = batches.iter().map(RecordBatch::num_rows).sum::<usize>();
        frame
            .push("__rows__", Column::Numeric(vec![f64::NAN; n]))
            .map_err(crate::errors::gravity)?;
    }
    Ok(frame)
}

/// One Arrow array as a numeric or categorical column.
fn column_of(array: &ArrayRef, name: &str) -> PyResult<Column> {
    let numeric = array.data_type().is_numeric()
        || matches!(array.data_type(), DataType::Boolean | DataType::Null);
    if numeric {
        let as_f64 = cast(array, &DataType::Float64).map_err(arrow_error)?;
        let values = as_f64.as_primitive::<Float64Type>();
        let out: Vec<f64> = if values.null_count() == 0 {
            values.values().to_vec()
        } else {
            values.iter().map(|v| v.unwrap_or(f64::NAN)).collect()
        };
        return Ok(Column::Numeric(out));
    }
    let as_text = cast(array, &DataType::Utf8).map_err(|e| {
        PyTypeError::new_err(format!(
            "column {name:?} of type {} is neither numbers nor labels: {e}",
            array.data_type()
        ))
    })?;
    let text = as_text.as_string::<i32>();
    let labels: Vec<&str> = text.iter().map(|v| v.unwrap_or("")).collect();
    Ok(Column::from_labels(&labels))
}

/// The wanted columns of a mapping name → sequence (numbers, or labels).
fn from_mapping(mapping: &Bound<'_, PyMapping>, wanted: &[String]) -> PyResult<Frame> {
    let keys: Vec<String> = mapping.keys()?.extract()?;
    let mut frame = Frame::new();
    for name in unique(wanted) {
        let Some(key) = keys.iter().find(|k| k.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let values = mapping.get_item(key)?;
        let column = if let Ok(numbers) = values.extract::<Vec<Option<f64>>>() {
            Column::Numeric(numbers.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
        } else {
            let labels: Vec<Option<String>> = values
                .try_iter()?
                .map(|v| {
                    let v = v?;
                    if v.is_none() {
                        Ok(None)
                    } else {
                        Ok(Some(v.str()?.to_string()))
                    }
                })
                .collect::<PyResult<_>>()?;
            let labels: Vec<&str> = labels.iter().map(|l| l.as_deref().unwrap_or("")).collect();
            Column::from_labels(&labels)
        };
        frame
            .push(key.clone(), column)
            .map_err(crate::errors::gravity)?;
    }
    Ok(frame)
}

/// Names once each (case-insensitively), in order.
fn unique(names: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
            out.push(n);
        }
    }
    out
}

fn arrow_error(e: arrow::error::ArrowError) -> PyErr {
    PyValueError::new_err(format!("reading the data: {e}"))
}

/// Arrow batches out: a `pyarrow.Table` when pyarrow is installed, else an object with
/// `__arrow_c_stream__` that polars, DuckDB or pyarrow take as it is.
pub(crate) fn table_out(
    py: Python<'_>,
    batches: Vec<RecordBatch>,
    schema: SchemaRef,
) -> PyResult<Py<PyAny>> {
    let table = pyo3_arrow::PyTable::try_new(batches, Arc::clone(&schema))?;
    if py.import("pyarrow").is_ok() {
        Ok(table.into_pyarrow(py)?.unbind())
    } else {
        Ok(Bound::new(py, table)?.into_any().unbind())
    }
}
