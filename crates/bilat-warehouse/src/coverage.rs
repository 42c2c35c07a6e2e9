//! Product coverage: which HS chapters and codes an import's flows hold, recorded in the catalog
//! at import so every reader can say when a total is a total of some products only.
//!
//! An extract (the Comtrade EU file of 39 wood, paper and furniture codes, the BACI seafood
//! subset) sums to a figure that reads like the pair's whole trade. The catalog keeps, per year,
//! reporting side (`reported_by`) and `trade_flow`, the chapters present, the number of distinct
//! codes (and the codes themselves when few) and whether a `TOTAL` row exists. A flow is
//! **partial** when it has no `TOTAL` row and its rows span fewer than 50 of the 96 HS
//! chapters ([`PARTIAL_BELOW`]).
//!
//! Why per reporting side and not per reporting country: a small country's own complete export
//! report may well touch few chapters, while the union over every reporter of an import shows
//! whether the *file* was cut by product (a full BACI or Comtrade year spans all chapters); it
//! also keeps the catalog small (a few records per year, not one per reporter). A file of one
//! small pair's complete trade with fewer than 50 chapters is therefore called partial: the
//! conservative error (a caveat too many, never a total taken for complete).

use std::collections::{BTreeSet, HashSet};

use arrow::array::{AsArray, RecordBatch};
use arrow::datatypes::Int32Type;
use bilat_model::col;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A flow spanning fewer chapters than this (of the 96 HS chapters; 77 is reserved) and without
/// a `TOTAL` row is partial. About half: a product extract spans a few chapters (EU wood: 4,
/// BACI seafood: 2), a complete file of a single pair 76–87 (OTS Chile–Argentina 2002, 2004), a
/// year of all reporters all of them. The indicators' world matrix draws the same line.
pub const PARTIAL_BELOW: usize = 50;

/// The codes themselves are kept when at most this many (named in messages: "HS 030616, …").
const LISTED_CODES: usize = 12;

/// The products of one import's flows in one year, for one reporting side and trade flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FlowCoverage {
    /// Year of the rows.
    pub year: i32,
    /// Whose reports: `exporter`, `importer` or `reconciled`.
    pub reported_by: String,
    /// `X`, `M`, or the re-export flows.
    pub trade_flow: String,
    /// HS chapters with at least one row, two digits each, ascending, comma-separated.
    pub chapters: String,
    /// Distinct product codes (any level, `TOTAL` included).
    pub codes: u64,
    /// The codes, when at most 12.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_list: Vec<String>,
    /// A `TOTAL` (all goods) row is present.
    pub total: bool,
}

/// What a reader needs to know of one flow's loaded products (one or more [`FlowCoverage`]
/// records merged: the years of a comparison, the trade flows of a reporting side).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    /// Chapters present, ascending.
    pub chapters: BTreeSet<u8>,
    /// Distinct codes (the largest of the merged records).
    pub codes: u64,
    /// The codes when every merged record listed them.
    pub code_list: BTreeSet<String>,
    /// Some record has a `TOTAL` row.
    pub total: bool,
    /// Every merged record listed its codes.
    listed: bool,
}

impl Scope {
    /// True when the flow is known to hold only part of the product space (module doc).
    pub fn is_partial(&self) -> bool {
        !self.total && self.chapters.len() < PARTIAL_BELOW
    }

    /// The chapters as codes, e.g. `["44", "47"]`.
    pub fn chapter_codes(&self) -> Vec<String> {
        self.chapters.iter().map(|c| format!("{c:02}")).collect()
    }

    /// The product codes when few were loaded (every merged record listed them), else empty.
    pub fn listed_codes(&self) -> Vec<String> {
        if self.listed {
            self.code_list.iter().cloned().collect()
        } else {
            Vec::new()
        }
    }

    /// Adds one record.
    pub(crate) fn merge(&mut self, c: &FlowCoverage) {
        let first = self.codes == 0 && self.chapters.is_empty() && !self.total;
        self.chapters.extend(
            c.chapters
                .split(',')
                .filter_map(|s| s.trim().parse::<u8>().ok()),
        );
        self.codes = self.codes.max(c.codes);
        self.total |= c.total;
        let listed = !c.code_list.is_empty() || c.codes == 0;
        self.listed = if first { listed } else { self.listed && listed };
        self.code_list.extend(c.code_list.iter().cloned());
    }
}

/// The coverage records of one year's flows (any number of chunks of `flow_schema`).
pub(crate) fn of_year(year: i32, chunks: &[RecordBatch]) -> Result<Vec<FlowCoverage>> {
    #[derive(Default)]
    struct Acc<'a> {
        chapters: u128,
        codes: HashSet<&'a str>,
        total: bool,
    }
    // Few keys (reporting side × flow), so a vector searched from the last hit.
    let mut by_key: Vec<((&str, &str), Acc<'_>)> = Vec::new();
    let mut last = 0usize;
    for flows in chunks {
        let text = |name: &str| {
            flows
                .column_by_name(name)
                .and_then(|c| c.as_string_opt::<i32>())
                .ok_or_else(|| Error::Internal(format!("flows.{name} is not Utf8")))
        };
        let (reported_by, trade_flow, product) = (
            text(col::REPORTED_BY)?,
            text(col::TRADE_FLOW)?,
            text(col::PRODUCT)?,
        );
        let level = flows
            .column_by_name(col::PRODUCT_LEVEL)
            .and_then(|c| c.as_primitive_opt::<Int32Type>())
            .ok_or_else(|| Error::Internal("flows.product_level is not Int32".into()))?;
        for i in 0..flows.num_rows() {
            let key = (reported_by.value(i), trade_flow.value(i));
            if by_key.get(last).is_none_or(|(k, _)| *k != key) {
                last = match by_key.iter().position(|(k, _)| *k == key) {
                    Some(j) => j,
                    None => {
                        by_key.push((key, Acc::default()));
                        by_key.len() - 1
                    }
                };
            }
            let acc = &mut by_key[last].1;
            let code = product.value(i);
            if level.value(i) == 0 {
                acc.total = true;
            } else if let Some(ch) = bilat_model::hs::chapter_of(code) {
                acc.chapters |= 1u128 << ch;
            }
            acc.codes.insert(code);
        }
    }
    by_key.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(by_key
        .into_iter()
        .map(|((reported_by, trade_flow), acc)| {
            let chapters: Vec<String> = (1..=99u8)
                .filter(|c| acc.chapters & (1u128 << c) != 0)
                .map(|c| format!("{c:02}"))
                .collect();
            let mut code_list: Vec<String> = if acc.codes.len() <= LISTED_CODES {
                acc.codes.iter().map(|s| s.to_string()).collect()
            } else {
                Vec::new()
            };
            code_list.sort();
            FlowCoverage {
                year,
                reported_by: reported_by.to_string(),
                trade_flow: trade_flow.to_string(),
                chapters: chapters.join(","),
                codes: acc.codes.len() as u64,
                code_list,
                total: acc.total,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{ArrayRef, Float64Array, Int32Array, StringArray};

    use super::*;

    /// Flow rows `(reported_by, trade_flow, product)` of one year.
    fn flows(rows: &[(&str, &str, &str)]) -> RecordBatch {
        let n = rows.len();
        let text = |column: usize| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| [r.0, r.1, r.2][column]),
            ))
        };
        let int = |v: i32| -> ArrayRef { Arc::new(Int32Array::from(vec![v; n])) };
        let const_text = |v: &str| -> ArrayRef { Arc::new(StringArray::from(vec![v; n])) };
        let null_f = || -> ArrayRef { Arc::new(Float64Array::from(vec![None::<f64>; n])) };
        let level = Int32Array::from_iter_values(
            rows.iter()
                .map(|r| if r.2 == "TOTAL" { 0 } else { r.2.len() as i32 }),
        );
        let columns: Vec<ArrayRef> = vec![
            const_text("s"),
            const_text("v"),
            int(2022),
            Arc::new(Int32Array::from(vec![None::<i32>; n])),
            int(4),
            int(8),
            text(0),
            text(1),
            const_text("HS17"),
            text(2),
            Arc::new(level),
            Arc::new(Float64Array::from(vec![1.0; n])),
            null_f(),
            null_f(),
            null_f(),
            Arc::new(StringArray::from(vec![None::<&str>; n])),
            null_f(),
        ];
        RecordBatch::try_new(bilat_model::flow_schema(), columns).unwrap()
    }

    #[test]
    fn chapters_codes_and_totals_per_reporting_side_and_flow() {
        let a = flows(&[
            ("importer", "M", "4401"),
            ("importer", "M", "44"),
            ("importer", "M", "940360"),
            ("exporter", "X", "TOTAL"),
        ]);
        let b = flows(&[("importer", "M", "4401"), ("importer", "M", "4802")]);
        let cov = of_year(2022, &[a, b]).unwrap();
        assert_eq!(cov.len(), 2);
        let (x, m) = (&cov[0], &cov[1]);
        assert_eq!(
            (x.reported_by.as_str(), x.trade_flow.as_str()),
            ("exporter", "X")
        );
        assert!(x.total && x.chapters.is_empty() && x.codes == 1);
        assert_eq!(m.chapters, "44,48,94");
        assert_eq!(m.codes, 4, "4401 counted once across chunks");
        assert_eq!(m.code_list, ["44", "4401", "4802", "940360"]);
        assert!(!m.total);

        let mut scope = Scope::default();
        scope.merge(m);
        assert!(scope.is_partial());
        assert_eq!(scope.chapter_codes(), ["44", "48", "94"]);
        let mut with_total = scope.clone();
        with_total.merge(x);
        assert!(!with_total.is_partial(), "a TOTAL row is all goods");
    }

    #[test]
    fn many_chapters_are_complete_and_many_codes_are_counted_not_listed() {
        let codes: Vec<String> = (1..=60).map(|c| format!("{c:02}01")).collect();
        let rows: Vec<(&str, &str, &str)> = codes
            .iter()
            .map(|c| ("reconciled", "X", c.as_str()))
            .collect();
        let cov = of_year(2022, &[flows(&rows)]).unwrap();
        assert_eq!(cov[0].codes, 60);
        assert!(cov[0].code_list.is_empty());
        let mut scope = Scope::default();
        scope.merge(&cov[0]);
        assert!(!scope.is_partial() && scope.listed_codes().is_empty());
    }

    #[test]
    fn a_catalog_entry_from_before_coverage_still_reads() {
        let old = r#"{"id":"x","source":"s","vintage":"v","imported_at":"t","inputs":[],
            "files":[],"flow_rows":0,"series_rows":0,"product_rows":0,"rejected_rows":0,
            "years":[2022]}"#;
        let e: crate::ImportEntry = serde_json::from_str(old).unwrap();
        assert!(e.coverage.is_empty());
    }
}
