//! Turning the generated [`World`] into Arrow record batches of bilat-model's `flows`, `series` and
//! `products` schemas.
//!
//! Flows come as one batch per year, rows sorted by (exporter, importer, product, period_month with
//! annual rows first, reported_by with the exporter's report first) — the warehouse's sort order, so
//! pair queries prune well. Every value is a whole number of US dollars.

use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow::buffer::{Buffer, OffsetBuffer, ScalarBuffer};
use bilat_model::{ReportedBy, TradeFlow, flow_schema, product_schema, series_schema};

use crate::headings::HEADINGS;
use crate::seed;
use crate::world::{FIRST_MONTHLY, World, YEARS};
use crate::{SOURCE, VINTAGE};

/// Column buffers of one `flows` batch.
#[derive(Default)]
struct FlowColumns<'a> {
    month: Vec<Option<i32>>,
    exporter: Vec<i32>,
    importer: Vec<i32>,
    reported_by: Vec<&'static str>,
    trade_flow: Vec<&'static str>,
    product: Vec<&'a str>,
    value: Vec<f64>,
    fob: Vec<Option<f64>>,
    cif: Vec<Option<f64>>,
}

impl<'a> FlowColumns<'a> {
    /// Appends one report; `by` says whose (the exporter's FOB or the importer's CIF).
    fn push(
        &mut self,
        month: Option<i32>,
        ends: (i32, i32),
        by: ReportedBy,
        product: &'a str,
        v: u64,
    ) {
        let v = v as f64;
        self.month.push(month);
        self.exporter.push(ends.0);
        self.importer.push(ends.1);
        self.reported_by.push(by.as_str());
        self.product.push(product);
        self.value.push(v);
        match by {
            ReportedBy::Importer => {
                self.trade_flow.push(TradeFlow::M.as_str());
                self.fob.push(None);
                self.cif.push(Some(v));
            }
            _ => {
                self.trade_flow.push(TradeFlow::X.as_str());
                self.fob.push(Some(v));
                self.cif.push(None);
            }
        }
    }

    fn finish(self, year: i32) -> RecordBatch {
        let n = self.value.len();
        let text = |s: &str| Arc::new(repeated(s, n)) as ArrayRef;
        let columns: Vec<ArrayRef> = vec![
            text(SOURCE),
            text(VINTAGE),
            Arc::new(Int32Array::from(vec![year; n])),
            Arc::new(Int32Array::from(self.month)),
            Arc::new(Int32Array::from(self.exporter)),
            Arc::new(Int32Array::from(self.importer)),
            Arc::new(strings(&self.reported_by)),
            Arc::new(strings(&self.trade_flow)),
            text("HS17"),
            Arc::new(strings(&self.product)),
            Arc::new(Int32Array::from(vec![6; n])),
            Arc::new(Float64Array::from(self.value)),
            Arc::new(Float64Array::from(self.fob)),
            Arc::new(Float64Array::from(self.cif)),
            Arc::new(Float64Array::new_null(n)),
            Arc::new(StringArray::new_null(n)),
            Arc::new(Float64Array::new_null(n)),
        ];
        RecordBatch::try_new(flow_schema(), columns).expect("columns match the flows schema")
    }
}

/// A string array from string slices, built from raw offsets and bytes: arrow's generic
/// constructors, instantiated in this crate, are slow in unoptimised (debug) builds.
fn strings(items: &[&str]) -> StringArray {
    let mut offsets: Vec<i32> = Vec::with_capacity(items.len() + 1);
    let mut bytes: Vec<u8> = Vec::with_capacity(items.len() * 6);
    offsets.push(0);
    for s in items {
        bytes.extend_from_slice(s.as_bytes());
        offsets.push(i32::try_from(bytes.len()).expect("a batch holds under 2 GiB of text"));
    }
    StringArray::new(
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Buffer::from_vec(bytes),
        None,
    )
}

/// A string array of `n` copies of `s`.
fn repeated(s: &str, n: usize) -> StringArray {
    let len = i32::try_from(s.len()).expect("short text");
    let offsets: Vec<i32> = (0..=n as i32).map(|i| i * len).collect();
    let bytes = s.as_bytes().repeat(n);
    StringArray::new(
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Buffer::from_vec(bytes),
        None,
    )
}

/// One `flows` batch per year of the world, built on one thread per year (the result does not
/// depend on scheduling: each year's batch is built from the world alone).
pub(crate) fn flows(world: &World) -> Vec<RecordBatch> {
    std::thread::scope(|scope| {
        let years: Vec<_> = (0..YEARS.len())
            .map(|t| scope.spawn(move || flows_of_year(world, t)))
            .collect();
        years
            .into_iter()
            .map(|y| y.join().expect("building a year's batch does not panic"))
            .collect()
    })
}

/// The `flows` batch of year `YEARS[t]`.
fn flows_of_year(world: &World, t: usize) -> RecordBatch {
    let mut c = FlowColumns::default();
    for (p, pair) in world.pairs.iter().enumerate() {
        let ends = (
            world.nations[pair.exporter].code,
            world.nations[pair.importer].code,
        );
        let monthly = world.monthly.get(&p).filter(|_| t >= FIRST_MONTHLY);
        for (l, line) in pair.lines.iter().enumerate() {
            let code = world.products[line.product].code.as_str();
            c.push(None, ends, ReportedBy::Exporter, code, line.fob[t]);
            c.push(None, ends, ReportedBy::Importer, code, line.cif[t]);
            if let Some(m) = monthly {
                let x = &m.by_exporter[t - FIRST_MONTHLY][l];
                let i = &m.by_importer[t - FIRST_MONTHLY][l];
                for month in 0..12 {
                    let label = Some(month as i32 + 1);
                    if x[month] > 0 {
                        c.push(label, ends, ReportedBy::Exporter, code, x[month]);
                    }
                    if i[month] > 0 {
                        c.push(label, ends, ReportedBy::Importer, code, i[month]);
                    }
                }
            }
        }
    }
    c.finish(YEARS[t])
}

/// The `series` batch: the seed item's services, investment and counts, plus plausible services
/// trade for the other featured pairs.
pub(crate) fn series(world: &World) -> RecordBatch {
    let code = |a3: &str| world.nation(a3).map(|i| world.nations[i].code);
    let mut rows: Vec<(i32, i32, String, i32, f64, &str)> = Vec::new();
    let mut add = |year: i32, country: &str, partner: &str, indicator: &str, value: f64, unit| {
        if let (Some(c), Some(p)) = (code(country), code(partner)) {
            rows.push((c, p, indicator.to_string(), year, value, unit));
        }
    };
    for &(year, country, partner, indicator, value, unit) in seed::SEED_SERIES {
        add(year, country, partner, indicator, value, unit);
    }
    for &(year, value) in seed::SERVICES_OTHER_YEARS {
        add(
            year,
            seed::BELARUS,
            seed::KAZAKHSTAN,
            "services_trade",
            value,
            "usd",
        );
    }
    for &(year, value) in seed::FDI_OTHER_YEARS {
        add(
            year,
            seed::BELARUS,
            seed::KAZAKHSTAN,
            "fdi_inflow",
            value,
            "usd",
        );
    }
    // Services trade of the other featured pairs: 15% of their goods turnover in the first
    // country's reports, rounded to USD 0.1 million (a typical services-to-goods ratio).
    for (a, b) in [("BLR", "RUS"), ("DEU", "FRA")] {
        let (Some(i), Some(j)) = (world.nation(a), world.nation(b)) else {
            continue;
        };
        for (t, &year) in YEARS.iter().enumerate() {
            let goods: u64 = [(i, j), (j, i)]
                .iter()
                .filter_map(|&(e, m)| world.pair(e, m))
                .map(|p| {
                    let pair = &world.pairs[p];
                    let own = |l: &crate::world::Line| {
                        if pair.exporter == i {
                            l.fob[t]
                        } else {
                            l.cif[t]
                        }
                    };
                    pair.lines.iter().map(own).sum::<u64>()
                })
                .sum();
            add(
                year,
                a,
                b,
                "services_trade",
                (goods as f64 * 0.15 / 1e5).round() * 1e5,
                "usd",
            );
        }
    }
    rows.sort_by(|x, y| (x.0, x.1, &x.2, x.3).cmp(&(y.0, y.1, &y.2, y.3)));

    let n = rows.len();
    let text = |s: &str| Arc::new(repeated(s, n)) as ArrayRef;
    let columns: Vec<ArrayRef> = vec![
        text(SOURCE),
        text(VINTAGE),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.3))),
        Arc::new(Int32Array::new_null(n)),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.0))),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.1))),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.2.as_str()),
        )),
        Arc::new(Float64Array::from_iter_values(rows.iter().map(|r| r.4))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.5))),
    ];
    RecordBatch::try_new(series_schema(), columns).expect("columns match the series schema")
}

/// The `products` batch: every heading (level 4) and subheading (level 6) of the catalogue, in
/// English and Russian, sorted by code, level and language.
pub(crate) fn products(world: &World) -> RecordBatch {
    let mut rows: Vec<(&str, i32, &str, &str)> = Vec::new();
    let mut next = 0;
    for (h, &(heading, _, _, en, ru)) in HEADINGS.iter().enumerate() {
        rows.push((heading, 4, "en", en));
        rows.push((heading, 4, "ru", ru));
        while next < world.products.len() && world.products[next].heading == h {
            let p = &world.products[next];
            rows.push((p.code.as_str(), 6, "en", p.name_en.as_str()));
            rows.push((p.code.as_str(), 6, "ru", p.name_ru.as_str()));
            next += 1;
        }
    }
    let n = rows.len();
    let text = |s: &str| Arc::new(repeated(s, n)) as ArrayRef;
    let columns: Vec<ArrayRef> = vec![
        text(SOURCE),
        text("HS17"),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.0))),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.1))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.2))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.3))),
    ];
    RecordBatch::try_new(product_schema(), columns).expect("columns match the products schema")
}
