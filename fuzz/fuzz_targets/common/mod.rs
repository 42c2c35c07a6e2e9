//! Helpers shared by the reader targets: one read in both modes and the invariants every
//! [`Import`] keeps, so each target states its property in a line.
//!
//! - **Modes agree.** Strict succeeds exactly when lenient succeeds with no rejects, and then
//!   both hold the same rows and the same Σ value, bit for bit.
//! - **Values are clean.** Every `value_usd` (and FOB/CIF, quantity, weight, series value) is
//!   finite; flow values are ≥ 0.
//! - **Nothing disappears** ([`Accounting`]): every data row is a kept row, a reject or a
//!   counted skip.
#![allow(dead_code)]

use arrow::array::{Array, AsArray};
use arrow::datatypes::Float64Type;
use arrow::record_batch::RecordBatch;
use bilat_ingest::{Import, Mode, ReadOptions, SourceKind, read_bytes};

/// How a reader's rows add up (see the module doc).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Accounting {
    /// One flow per good row (BACI, Comtrade): flows + rejects + skipped = rows read.
    OneFlowPerRow,
    /// As [`Accounting::OneFlowPerRow`], but dictionaries may hold rows without flows: ≤.
    AtMostOneFlowPerRow,
    /// One series row per good row: series + rejects = rows read.
    OneSeriesPerRow,
    /// Up to two flows per row (OTS): flows ≤ 2 · rows read, rejects ≤ rows read.
    UpToTwoFlows,
    /// Dictionaries or several files may be involved: no row identity is checked.
    None,
}

/// Reads `bytes` as `name` strictly and leniently and checks every invariant of the module doc.
/// Returns the lenient import when it succeeded.
pub fn read_and_check(
    kind: SourceKind,
    name: &str,
    bytes: &[u8],
    accounting: Accounting,
) -> Option<Import> {
    let read = |mode| {
        read_bytes(
            kind,
            name,
            bytes,
            &ReadOptions {
                mode,
                progress: None,
            },
        )
    };
    let strict = read(Mode::Strict);
    let lenient = read(Mode::Lenient);
    let clean = matches!(&lenient, Ok(l) if l.rejects.is_empty());
    assert_eq!(
        strict.is_ok(),
        clean,
        "strict {:?} vs lenient {:?}",
        strict.as_ref().err(),
        lenient.as_ref().map(|l| l.rejects.first().cloned())
    );
    let lenient = lenient.ok()?;
    let (rows, sum) = check_values(&lenient);
    if let Ok(s) = &strict {
        let (s_rows, s_sum) = check_values(s);
        assert!(s.rejects.is_empty());
        assert_eq!(
            (s_rows, s.rows_read, s.skipped),
            (rows, lenient.rows_read, lenient.skipped)
        );
        assert_eq!(s_sum.to_bits(), sum.to_bits());
    }
    let rejects = lenient.rejects.len() as u64;
    match accounting {
        Accounting::OneFlowPerRow => assert_eq!(
            lenient.flow_rows() as u64 + rejects + lenient.skipped,
            lenient.rows_read,
            "flows {} + rejects {} + skipped {} != rows read",
            lenient.flow_rows(),
            rejects,
            lenient.skipped
        ),
        Accounting::AtMostOneFlowPerRow => {
            assert!(lenient.flow_rows() as u64 + rejects + lenient.skipped <= lenient.rows_read)
        }
        Accounting::OneSeriesPerRow => {
            assert_eq!(lenient.series_rows() as u64 + rejects, lenient.rows_read)
        }
        Accounting::UpToTwoFlows => {
            assert!(lenient.flow_rows() as u64 <= 2 * lenient.rows_read);
            assert!(rejects <= lenient.rows_read);
        }
        Accounting::None => {}
    }
    for r in &lenient.rejects {
        assert!(r.line >= 1, "reject without a line: {r:?}");
    }
    Some(lenient)
}

/// Checks the value columns; returns (flow + series rows, Σ value_usd + Σ series value).
pub fn check_values(import: &Import) -> (usize, f64) {
    let mut sum = 0.0;
    let mut rows = 0;
    for b in &import.flows {
        assert_eq!(b.schema(), bilat_model::flow_schema());
        rows += b.num_rows();
        let v = column(b, "value_usd");
        assert_eq!(v.null_count(), 0, "value_usd is never null");
        for x in v.values() {
            assert!(x.is_finite() && *x >= 0.0, "value_usd {x}");
            sum += x;
        }
        for c in [
            "value_fob_usd",
            "value_cif_usd",
            "quantity",
            "net_weight_kg",
        ] {
            let a = column(b, c);
            for i in 0..a.len() {
                if a.is_valid(i) {
                    assert!(a.value(i).is_finite(), "{c} {}", a.value(i));
                }
            }
        }
    }
    for b in &import.series {
        assert_eq!(b.schema(), bilat_model::series_schema());
        rows += b.num_rows();
        for x in column(b, "value").values() {
            assert!(x.is_finite(), "series value {x}");
            sum += x;
        }
    }
    for b in &import.products {
        assert_eq!(b.schema(), bilat_model::product_schema());
    }
    (rows, sum)
}

fn column<'a>(b: &'a RecordBatch, name: &str) -> &'a arrow::array::Float64Array {
    b.column_by_name(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .as_primitive::<Float64Type>()
}

/// Splits fuzz input into a selector byte and the rest.
pub fn split_first(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, &[]),
    }
}

/// `header` followed by `body`.
pub fn with_header(header: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(header.len() + 1 + body.len());
    out.extend_from_slice(header.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(body);
    out
}
