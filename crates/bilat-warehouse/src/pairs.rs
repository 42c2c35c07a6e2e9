//! The `pairs` table: one year's flows summed over products, written next to the flows at import.
//!
//! A country's share in and rank among its partners' trade (DESIGN §3, "share of B in A's
//! exports") needs A's flows with *every* partner. Over `flows` that is a scan of the whole year
//! (the files are sorted by exporter, so the importer side of the question cannot be pruned);
//! over `pairs` it is a few thousand rows. The sum keeps `product_level` (and month, reporter and
//! flow) apart, so readers apply the same never-sum-across-levels rule as on `flows`.
//!
//! One linear pass: the input is clustered by (exporter, importer), so each pair is one run of
//! rows, and within a run the few distinct (month, level, reported_by, trade_flow) keys are
//! accumulated in a small vector.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use arrow::datatypes::{Float64Type, Int32Type};
use bilat_model::col;

use crate::{Error, Result};

/// (index of source/vintage, month or -1, level, index of reported_by, index of trade_flow).
type SubKey = (u32, i32, i32, u32, u32);

/// Sums one year's flows (clustered: each pair's rows one contiguous run, possibly across
/// chunks) into `pairs` rows of `bilat_model::pair_schema()`.
pub(crate) fn pair_totals(chunks: &[RecordBatch]) -> Result<RecordBatch> {
    let mut names_sv: Vec<(String, String)> = Vec::new();
    let mut names_rb: Vec<String> = Vec::new();
    let mut names_tf: Vec<String> = Vec::new();
    let intern = |names: &mut Vec<String>, s: &str| -> u32 {
        match names.iter().position(|n| n == s) {
            Some(i) => i as u32,
            None => {
                names.push(s.to_string());
                (names.len() - 1) as u32
            }
        }
    };

    let mut out = Output::default();
    let mut run: Vec<(SubKey, f64, i64)> = Vec::new();
    let mut last_hit = 0usize;
    let mut current: Option<(i32, i32, i32)> = None;
    for flows in chunks {
        let int = |name: &str| {
            flows
                .column_by_name(name)
                .and_then(|c| c.as_primitive_opt::<Int32Type>())
                .ok_or_else(|| Error::Internal(format!("flows.{name} is not Int32")))
        };
        let text = |name: &str| {
            flows
                .column_by_name(name)
                .and_then(|c| c.as_string_opt::<i32>())
                .ok_or_else(|| Error::Internal(format!("flows.{name} is not Utf8")))
        };
        let (year, month, exporter, importer, level) = (
            int(col::PERIOD_YEAR)?,
            int(col::PERIOD_MONTH)?,
            int(col::EXPORTER)?,
            int(col::IMPORTER)?,
            int(col::PRODUCT_LEVEL)?,
        );
        let (reported_by, trade_flow) = (text(col::REPORTED_BY)?, text(col::TRADE_FLOW)?);
        let (source, vintage) = (text(col::SOURCE)?, text(col::VINTAGE)?);
        let value = flows
            .column_by_name(col::VALUE_USD)
            .and_then(|c| c.as_primitive_opt::<Float64Type>())
            .ok_or_else(|| Error::Internal("flows.value_usd is not Float64".into()))?;
        // Interned indices of the last strings seen (string columns are mostly constant).
        let (mut last_rb, mut last_rb_idx) = (None::<&str>, 0u32);
        let (mut last_tf, mut last_tf_idx) = (None::<&str>, 0u32);
        let (mut last_sv, mut last_sv_idx) = (None::<(&str, &str)>, 0u32);
        for i in 0..flows.num_rows() {
            let pair = (year.value(i), exporter.value(i), importer.value(i));
            if current != Some(pair) {
                if let Some(p) = current {
                    out.flush(p, &mut run, &names_sv, &names_rb, &names_tf);
                }
                current = Some(pair);
                last_hit = 0;
            }
            let rb = reported_by.value(i);
            if last_rb != Some(rb) {
                last_rb_idx = intern(&mut names_rb, rb);
                last_rb = Some(rb);
            }
            let tf = trade_flow.value(i);
            if last_tf != Some(tf) {
                last_tf_idx = intern(&mut names_tf, tf);
                last_tf = Some(tf);
            }
            let sv = (source.value(i), vintage.value(i));
            if last_sv != Some(sv) {
                last_sv_idx = match names_sv.iter().position(|n| n.0 == sv.0 && n.1 == sv.1) {
                    Some(k) => k as u32,
                    None => {
                        names_sv.push((sv.0.to_string(), sv.1.to_string()));
                        (names_sv.len() - 1) as u32
                    }
                };
                last_sv = Some(sv);
            }
            let m = if month.is_valid(i) {
                month.value(i)
            } else {
                -1
            };
            let key = (last_sv_idx, m, level.value(i), last_rb_idx, last_tf_idx);
            let v = value.value(i);
            // Consecutive rows nearly always share the key: try the last one first.
            let slot = match run.get(last_hit) {
                Some(r) if r.0 == key => Some(last_hit),
                _ => run.iter().position(|r| r.0 == key),
            };
            match slot {
                Some(s) => {
                    run[s].1 += v;
                    run[s].2 += 1;
                    last_hit = s;
                }
                None => {
                    run.push((key, v, 1));
                    last_hit = run.len() - 1;
                }
            }
        }
    }
    if let Some(p) = current {
        out.flush(p, &mut run, &names_sv, &names_rb, &names_tf);
    }
    out.into_batch()
}

/// Column builders of the `pairs` batch.
#[derive(Default)]
struct Output {
    source: Vec<String>,
    vintage: Vec<String>,
    year: Vec<i32>,
    month: Vec<Option<i32>>,
    exporter: Vec<i32>,
    importer: Vec<i32>,
    reported_by: Vec<String>,
    trade_flow: Vec<String>,
    level: Vec<i32>,
    value: Vec<f64>,
    rows: Vec<i64>,
}

impl Output {
    fn flush(
        &mut self,
        (year, exporter, importer): (i32, i32, i32),
        run: &mut Vec<(SubKey, f64, i64)>,
        names_sv: &[(String, String)],
        names_rb: &[String],
        names_tf: &[String],
    ) {
        run.sort_by(|a, b| {
            let k = |x: &SubKey| {
                (
                    &names_sv[x.0 as usize],
                    x.1,
                    x.2,
                    &names_rb[x.3 as usize],
                    &names_tf[x.4 as usize],
                )
            };
            k(&a.0).cmp(&k(&b.0))
        });
        for ((sv, m, lvl, rb, tf), v, n) in run.drain(..) {
            self.source.push(names_sv[sv as usize].0.clone());
            self.vintage.push(names_sv[sv as usize].1.clone());
            self.year.push(year);
            self.month.push((m >= 0).then_some(m));
            self.exporter.push(exporter);
            self.importer.push(importer);
            self.reported_by.push(names_rb[rb as usize].clone());
            self.trade_flow.push(names_tf[tf as usize].clone());
            self.level.push(lvl);
            self.value.push(v);
            self.rows.push(n);
        }
    }

    fn into_batch(self) -> Result<RecordBatch> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(self.source)),
            Arc::new(StringArray::from(self.vintage)),
            Arc::new(Int32Array::from(self.year)),
            Arc::new(Int32Array::from(self.month)),
            Arc::new(Int32Array::from(self.exporter)),
            Arc::new(Int32Array::from(self.importer)),
            Arc::new(StringArray::from(self.reported_by)),
            Arc::new(StringArray::from(self.trade_flow)),
            Arc::new(Int32Array::from(self.level)),
            Arc::new(Float64Array::from(self.value)),
            Arc::new(Int64Array::from(self.rows)),
        ];
        Ok(RecordBatch::try_new(bilat_model::pair_schema(), columns)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (year, month, exporter, importer, reported_by, trade_flow, product, level, value).
    type Row<'a> = (
        i32,
        Option<i32>,
        i32,
        i32,
        &'a str,
        &'a str,
        &'a str,
        i32,
        f64,
    );

    fn flows(rows: &[Row<'_>]) -> RecordBatch {
        let n = rows.len();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec!["s"; n])),
            Arc::new(StringArray::from(vec!["v"; n])),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.0))),
            Arc::new(Int32Array::from_iter(rows.iter().map(|r| r.1))),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.2))),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.3))),
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.4))),
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.5))),
            Arc::new(StringArray::from(vec!["HS17"; n])),
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.6))),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.7))),
            Arc::new(Float64Array::from_iter_values(rows.iter().map(|r| r.8))),
            Arc::new(Float64Array::from(vec![None::<f64>; n])),
            Arc::new(Float64Array::from(vec![None::<f64>; n])),
            Arc::new(Float64Array::from(vec![None::<f64>; n])),
            Arc::new(StringArray::from(vec![None::<&str>; n])),
            Arc::new(Float64Array::from(vec![None::<f64>; n])),
        ];
        RecordBatch::try_new(bilat_model::flow_schema(), columns).unwrap()
    }

    #[test]
    fn sums_each_pair_and_keeps_levels_months_and_reporters_apart() {
        let b = flows(&[
            (2018, None, 4, 8, "exporter", "X", "0101", 4, 1.0),
            (2018, None, 4, 8, "exporter", "X", "010110", 6, 2.0),
            (2018, None, 4, 8, "exporter", "X", "0102", 4, 3.0),
            (2018, Some(1), 4, 8, "exporter", "X", "0102", 4, 5.0),
            (2018, None, 4, 8, "importer", "M", "0102", 4, 7.0),
            (2018, None, 4, 9, "exporter", "X", "0101", 4, 11.0),
            (2018, None, 5, 8, "exporter", "X", "0101", 4, 13.0),
        ]);
        let p = pair_totals(&[b.slice(0, 3), b.slice(3, 4)]).unwrap();
        let ints = |c: &str| -> Vec<Option<i32>> {
            p.column_by_name(c)
                .unwrap()
                .as_primitive::<Int32Type>()
                .iter()
                .collect()
        };
        let v: Vec<f64> = p
            .column_by_name(col::VALUE_USD)
            .unwrap()
            .as_primitive::<Float64Type>()
            .values()
            .to_vec();
        let n: Vec<i64> = p
            .column_by_name(col::ROWS)
            .unwrap()
            .as_primitive::<arrow::datatypes::Int64Type>()
            .values()
            .to_vec();
        let rb: Vec<&str> = p
            .column_by_name(col::REPORTED_BY)
            .unwrap()
            .as_string::<i32>()
            .iter()
            .map(Option::unwrap)
            .collect();
        assert_eq!(p.schema(), bilat_model::pair_schema());
        // (4→8): annual level 4 (1+3), annual level 6 (2), importer-reported 7, January 5.
        assert_eq!(ints(col::EXPORTER), [4, 4, 4, 4, 4, 5].map(Some).to_vec());
        assert_eq!(ints(col::IMPORTER), [8, 8, 8, 8, 9, 8].map(Some).to_vec());
        assert_eq!(
            ints(col::PERIOD_MONTH),
            vec![None, None, None, Some(1), None, None]
        );
        assert_eq!(
            ints(col::PRODUCT_LEVEL),
            [4, 4, 6, 4, 4, 4].map(Some).to_vec()
        );
        assert_eq!(
            rb,
            [
                "exporter", "importer", "exporter", "exporter", "exporter", "exporter"
            ]
        );
        assert_eq!(v, [4.0, 7.0, 2.0, 5.0, 11.0, 13.0]);
        assert_eq!(n, [2, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn empty_flows_give_empty_pairs() {
        let p = pair_totals(&[]).unwrap();
        assert_eq!(p.num_rows(), 0);
    }
}
