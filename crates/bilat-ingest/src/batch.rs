//! Building Arrow batches of the canonical schemas row by row (Comtrade, OTS, series, product
//! dictionaries) and the constant columns every batch shares.
//!
//! BACI builds its arrays column-wise in [`crate::baci`] for speed; the small readers use the
//! builders here, which cost one push per field.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Float64Builder, Int32Array, Int32Builder, StringArray, StringBuilder,
};
use arrow::buffer::{Buffer, OffsetBuffer};
use arrow::record_batch::RecordBatch;
use bilat_model::{ReportedBy, TradeFlow};

use crate::Result;

/// Rows per batch of the row-wise builders.
pub(crate) const BATCH_ROWS: usize = 64 * 1024;

/// A `Utf8` array of `n` copies of `value`, built with two allocations.
pub(crate) fn const_str(value: &str, n: usize) -> ArrayRef {
    let offsets = OffsetBuffer::<i32>::from_lengths(std::iter::repeat_n(value.len(), n));
    let values = Buffer::from(value.repeat(n).into_bytes());
    Arc::new(StringArray::new(offsets, values, None))
}

/// One row of the `flows` table (DESIGN §2), before `source` and `vintage` are known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FlowRow<'a> {
    pub year: i32,
    pub month: Option<i32>,
    pub exporter: i32,
    pub importer: i32,
    pub reported_by: ReportedBy,
    pub trade_flow: TradeFlow,
    pub hs_revision: &'a str,
    pub product: &'a str,
    pub level: i32,
    pub value_usd: f64,
    pub value_fob_usd: Option<f64>,
    pub value_cif_usd: Option<f64>,
    pub quantity: Option<f64>,
    pub quantity_unit: Option<&'a str>,
    pub net_weight_kg: Option<f64>,
}

/// Row-wise builder of `flows` batches.
#[derive(Default)]
pub(crate) struct FlowBuilder {
    rows: usize,
    year: Int32Builder,
    month: Int32Builder,
    exporter: Int32Builder,
    importer: Int32Builder,
    reported_by: StringBuilder,
    trade_flow: StringBuilder,
    hs_revision: StringBuilder,
    product: StringBuilder,
    level: Int32Builder,
    value: Float64Builder,
    fob: Float64Builder,
    cif: Float64Builder,
    quantity: Float64Builder,
    unit: StringBuilder,
    net_weight: Float64Builder,
    /// Finished column sets (all but source and vintage), waiting for [`FlowBuilder::finish`].
    done: Vec<(usize, Vec<ArrayRef>)>,
}

impl FlowBuilder {
    pub(crate) fn push(&mut self, r: &FlowRow<'_>) {
        self.year.append_value(r.year);
        self.month.append_option(r.month);
        self.exporter.append_value(r.exporter);
        self.importer.append_value(r.importer);
        self.reported_by.append_value(r.reported_by.as_str());
        self.trade_flow.append_value(r.trade_flow.as_str());
        self.hs_revision.append_value(r.hs_revision);
        self.product.append_value(r.product);
        self.level.append_value(r.level);
        self.value.append_value(r.value_usd);
        self.fob.append_option(r.value_fob_usd);
        self.cif.append_option(r.value_cif_usd);
        self.quantity.append_option(r.quantity);
        self.unit.append_option(r.quantity_unit);
        self.net_weight.append_option(r.net_weight_kg);
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.rows == 0 {
            return;
        }
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.year.finish()),
            Arc::new(self.month.finish()),
            Arc::new(self.exporter.finish()),
            Arc::new(self.importer.finish()),
            Arc::new(self.reported_by.finish()),
            Arc::new(self.trade_flow.finish()),
            Arc::new(self.hs_revision.finish()),
            Arc::new(self.product.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.fob.finish()),
            Arc::new(self.cif.finish()),
            Arc::new(self.quantity.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.net_weight.finish()),
        ];
        self.done.push((self.rows, cols));
        self.rows = 0;
    }

    /// The batches, with `source` and `vintage` filled in.
    pub(crate) fn finish(mut self, source: &str, vintage: &str) -> Result<Vec<RecordBatch>> {
        self.cut();
        let schema = bilat_model::flow_schema();
        self.done
            .into_iter()
            .map(|(n, rest)| {
                let mut cols = vec![const_str(source, n), const_str(vintage, n)];
                cols.extend(rest);
                Ok(RecordBatch::try_new(schema.clone(), cols)?)
            })
            .collect()
    }
}

/// One row of the `series` table.
pub(crate) struct SeriesRow<'a> {
    pub source: &'a str,
    pub year: i32,
    pub month: Option<i32>,
    pub country: i32,
    pub partner: i32,
    pub indicator: &'a str,
    pub value: f64,
    pub unit: &'a str,
}

/// Row-wise builder of `series` batches.
#[derive(Default)]
pub(crate) struct SeriesBuilder {
    rows: usize,
    source: StringBuilder,
    year: Int32Builder,
    month: Int32Builder,
    country: Int32Builder,
    partner: Int32Builder,
    indicator: StringBuilder,
    value: Float64Builder,
    unit: StringBuilder,
}

impl SeriesBuilder {
    pub(crate) fn push(&mut self, r: &SeriesRow<'_>) {
        self.source.append_value(r.source);
        self.year.append_value(r.year);
        self.month.append_option(r.month);
        self.country.append_value(r.country);
        self.partner.append_value(r.partner);
        self.indicator.append_value(r.indicator);
        self.value.append_value(r.value);
        self.unit.append_value(r.unit);
        self.rows += 1;
    }

    pub(crate) fn finish(mut self, vintage: &str) -> Result<Vec<RecordBatch>> {
        if self.rows == 0 {
            return Ok(Vec::new());
        }
        let n = self.rows;
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.source.finish()),
            const_str(vintage, n),
            Arc::new(self.year.finish()),
            Arc::new(self.month.finish()),
            Arc::new(self.country.finish()),
            Arc::new(self.partner.finish()),
            Arc::new(self.indicator.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.unit.finish()),
        ];
        Ok(vec![RecordBatch::try_new(
            bilat_model::series_schema(),
            cols,
        )?])
    }
}

/// Product names of one source: first name wins per (revision, code).
#[derive(Default)]
pub(crate) struct ProductNames {
    seen: HashMap<(String, String), usize>,
    rows: Vec<(String, String, i32, String)>,
}

impl ProductNames {
    /// Adds a name unless the (revision, code) pair has one already; empty names are ignored.
    pub(crate) fn add(&mut self, revision: &str, code: &str, level: i32, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let key = (revision.to_string(), code.to_string());
        if self.seen.contains_key(&key) {
            return;
        }
        self.seen.insert(key, self.rows.len());
        self.rows.push((
            revision.to_string(),
            code.to_string(),
            level,
            name.to_string(),
        ));
    }

    pub(crate) fn finish(self, source: &str) -> Result<Vec<RecordBatch>> {
        if self.rows.is_empty() {
            return Ok(Vec::new());
        }
        let n = self.rows.len();
        let mut rev = StringBuilder::new();
        let mut code = StringBuilder::new();
        let mut level = Vec::with_capacity(n);
        let mut name = StringBuilder::new();
        for (r, c, l, nm) in &self.rows {
            rev.append_value(r);
            code.append_value(c);
            level.push(*l);
            name.append_value(nm);
        }
        let cols: Vec<ArrayRef> = vec![
            const_str(source, n),
            Arc::new(rev.finish()),
            Arc::new(code.finish()),
            Arc::new(Int32Array::from(level)),
            const_str("en", n),
            Arc::new(name.finish()),
        ];
        Ok(vec![RecordBatch::try_new(
            bilat_model::product_schema(),
            cols,
        )?])
    }
}
