//! Arrow record batches ⇄ the gravity estimator's columns.
//!
//! `bilat-gravity` stands alone (columns in, fit out) and knows nothing of Arrow; every front end
//! that fits a model on a table — `bilat gravity` on a file or a warehouse query, the Python
//! package on a pandas/polars/pyarrow frame — converts the same way here: numeric and boolean
//! columns become numbers (nulls become NaN, which the estimator drops as missing), any other
//! column becomes categorical text (nulls become the empty level).

use std::sync::Arc;

use arrow::array::{Array, AsArray, Float64Array, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Float64Type, Schema};
use bilat_gravity::Frame;

use crate::Result;

/// The batches (all of one schema) as a gravity [`Frame`]; an empty slice is an empty frame.
pub fn frame_from_batches(batches: &[RecordBatch]) -> Result<Frame> {
    let Some(first) = batches.first() else {
        return Ok(Frame::new());
    };
    let schema = first.schema();
    let mut frame = Frame::new();
    for (i, field) in schema.fields().iter().enumerate() {
        if field.data_type().is_numeric() || field.data_type() == &DataType::Boolean {
            let mut v = Vec::new();
            for b in batches {
                let c = cast(b.column(i), &DataType::Float64).map_err(arrow_err)?;
                let a = c.as_primitive::<Float64Type>();
                v.extend((0..a.len()).map(|r| if a.is_valid(r) { a.value(r) } else { f64::NAN }));
            }
            frame = frame.with_f64(field.name().clone(), v)?;
        } else {
            let mut v = Vec::new();
            for b in batches {
                let c = cast(b.column(i), &DataType::Utf8).map_err(arrow_err)?;
                let a = c.as_string::<i32>();
                v.extend((0..a.len()).map(|r| {
                    if a.is_valid(r) {
                        a.value(r).to_string()
                    } else {
                        String::new()
                    }
                }));
            }
            frame = frame.with_strings(field.name().clone(), v)?;
        }
    }
    Ok(frame)
}

/// The batches with a `fitted` column appended (NaN, i.e. not estimable, becomes null), for
/// `--predict OUT.parquet` and the Python `predict()`. `fitted` has one value per row, in order.
pub fn batches_with_fitted(batches: &[RecordBatch], fitted: &[f64]) -> Result<Vec<RecordBatch>> {
    let mut offset = 0;
    let mut out = Vec::with_capacity(batches.len());
    for b in batches {
        let n = b.num_rows();
        let Some(part) = fitted.get(offset..offset + n) else {
            return Err(crate::Error::Warehouse(bilat_warehouse::Error::Internal(
                format!("{} fitted values for {} rows", fitted.len(), offset + n),
            )));
        };
        let col = Float64Array::from_iter(part.iter().map(|v| v.is_finite().then_some(*v)));
        offset += n;
        let mut fields: Vec<Field> = b
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields.push(Field::new("fitted", DataType::Float64, true));
        let mut cols = b.columns().to_vec();
        cols.push(Arc::new(col));
        out.push(RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(arrow_err)?);
    }
    Ok(out)
}

fn arrow_err(e: arrow::error::ArrowError) -> crate::Error {
    crate::Error::Warehouse(e.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int32Array, StringArray};

    fn batch() -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("exporter", DataType::Utf8, true),
            Field::new("trade", DataType::Int32, true),
        ]));
        RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(vec![Some("BLR"), None])),
                Arc::new(Int32Array::from(vec![Some(5), None])),
            ],
        )
        .unwrap()
    }

    #[test]
    fn numbers_stay_numbers_text_becomes_categorical_nulls_are_missing() {
        let f = frame_from_batches(&[batch(), batch()]).unwrap();
        assert_eq!(f.nrows(), 4);
        let with = batches_with_fitted(&[batch()], &[1.5, f64::NAN]).unwrap();
        let fitted = with[0].column_by_name("fitted").unwrap();
        assert_eq!(fitted.null_count(), 1);
        assert!(batches_with_fitted(&[batch()], &[1.0]).is_err());
    }
}
