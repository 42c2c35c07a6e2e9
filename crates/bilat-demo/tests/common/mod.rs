//! Shared helpers of the demo tests: one generated world per test binary, flattened into plain rows
//! so each test states its query as a filter and a sum.

#![allow(dead_code)]

use std::sync::OnceLock;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{Float64Type, Int32Type};
use bilat_demo::DemoWorld;
use bilat_model::col;

/// One `flows` row, with the product code kept as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub year: i32,
    pub month: Option<i32>,
    pub exporter: i32,
    pub importer: i32,
    /// `exporter` or `importer`.
    pub reported_by: &'static str,
    pub trade_flow: &'static str,
    pub product: String,
    pub level: i32,
    pub value: f64,
}

/// The demo world, generated once per test binary.
pub fn world() -> &'static DemoWorld {
    static WORLD: OnceLock<DemoWorld> = OnceLock::new();
    WORLD.get_or_init(bilat_demo::generate)
}

/// All `flows` rows of the demo world.
pub fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| world().flows.iter().flat_map(flatten).collect())
}

fn flatten(b: &RecordBatch) -> Vec<Row> {
    let int = |name: &str| {
        b.column_by_name(name)
            .unwrap()
            .as_primitive::<Int32Type>()
            .clone()
    };
    let text = |name: &str| b.column_by_name(name).unwrap().as_string::<i32>().clone();
    let (year, month, exporter, importer, level) = (
        int(col::PERIOD_YEAR),
        int(col::PERIOD_MONTH),
        int(col::EXPORTER),
        int(col::IMPORTER),
        int(col::PRODUCT_LEVEL),
    );
    let (by, flow, product) = (
        text(col::REPORTED_BY),
        text(col::TRADE_FLOW),
        text(col::PRODUCT),
    );
    let value = b
        .column_by_name(col::VALUE_USD)
        .unwrap()
        .as_primitive::<Float64Type>()
        .clone();
    (0..b.num_rows())
        .map(|i| Row {
            year: year.value(i),
            month: month.is_valid(i).then(|| month.value(i)),
            exporter: exporter.value(i),
            importer: importer.value(i),
            reported_by: if by.value(i) == "exporter" {
                "exporter"
            } else {
                "importer"
            },
            trade_flow: if flow.value(i) == "X" { "X" } else { "M" },
            product: product.value(i).to_string(),
            level: level.value(i),
            value: value.value(i),
        })
        .collect()
}

/// ISO numeric code of an alpha-3 code.
pub fn code(alpha3: &str) -> i32 {
    i32::from(bilat_model::country_by_alpha3(alpha3).unwrap().code)
}

/// A flow as one country reports it: `reporter`'s exports to (`Exports`) or imports from
/// (`Imports`) `partner`.
#[derive(Debug, Clone, Copy)]
pub enum Flow {
    Exports,
    Imports,
}

/// Whether a row is `reporter`'s own report of `flow` with `partner`.
pub fn reports(r: &Row, reporter: i32, partner: i32, flow: Flow) -> bool {
    match flow {
        Flow::Exports => {
            r.exporter == reporter && r.importer == partner && r.reported_by == "exporter"
        }
        Flow::Imports => {
            r.importer == reporter && r.exporter == partner && r.reported_by == "importer"
        }
    }
}

/// Annual value of `reporter`'s report of `flow` with `partner` in `year`, USD.
pub fn annual(reporter: &str, partner: &str, flow: Flow, year: i32) -> f64 {
    let (a, b) = (code(reporter), code(partner));
    rows()
        .iter()
        .filter(|r| r.year == year && r.month.is_none() && reports(r, a, b, flow))
        .map(|r| r.value)
        .sum()
}

/// Value of `reporter`'s monthly reports of `flow` with `partner` over `months` of `year`, USD.
pub fn months(
    reporter: &str,
    partner: &str,
    flow: Flow,
    year: i32,
    months: std::ops::RangeInclusive<i32>,
) -> f64 {
    let (a, b) = (code(reporter), code(partner));
    rows()
        .iter()
        .filter(|r| {
            r.year == year && r.month.is_some_and(|m| months.contains(&m)) && reports(r, a, b, flow)
        })
        .map(|r| r.value)
        .sum()
}

/// Growth in per cent as printed at one decimal, e.g. "32.3".
pub fn growth(now: f64, before: f64) -> String {
    format!("{:.1}", (now / before - 1.0) * 100.0)
}

/// Products of a flow in `year` aggregated to `level` digits, largest first.
pub fn top_products(
    reporter: &str,
    partner: &str,
    flow: Flow,
    year: i32,
    level: usize,
) -> Vec<(String, f64)> {
    let (a, b) = (code(reporter), code(partner));
    let mut sums: std::collections::BTreeMap<String, f64> = Default::default();
    for r in rows()
        .iter()
        .filter(|r| r.year == year && r.month.is_none() && reports(r, a, b, flow))
    {
        *sums.entry(r.product[..level].to_string()).or_default() += r.value;
    }
    let mut out: Vec<(String, f64)> = sums.into_iter().collect();
    out.sort_by(|x, y| y.1.total_cmp(&x.1));
    out
}
