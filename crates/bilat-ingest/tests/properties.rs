//! Property tests: the BACI line parser and number parsing round-trip what a writer formats.
//!
//! - Numbers: any finite f64 formatted by Rust (`{}` shortest round-trip, `{:e}`, fixed with 0–9
//!   decimals) parses back to exactly the f64 `str::parse` gives for that text — bit-exact, no
//!   tolerance, since both are correctly rounded.
//! - BACI lines: random rows formatted as BACI writes them (optionally quoted, CRLF, `NA` or empty
//!   quantity) parse back to the same year, codes, product and values.
//! - Whole files: random BACI files read through `read_bytes` keep every row and the exact Σ v·1000,
//!   whatever the chunking.

mod common;

use bilat_ingest::{Mode, SourceKind, parse_baci_line, parse_decimal};
use proptest::prelude::*;

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (0u64..10_000_000_000u64, 0u32..6).prop_map(|(m, d)| m as f64 / 10f64.powi(d as i32)),
    ]
}

proptest! {
    #[test]
    fn number_round_trips(v in finite(), decimals in 0usize..10) {
        for text in [format!("{v}"), format!("{v:e}"), format!("{v:.decimals$}"), format!("{v:E}")] {
            let want: f64 = text.parse().unwrap();
            let got = parse_decimal(text.as_bytes()).unwrap();
            prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", text);
        }
    }

    #[test]
    fn number_never_panics_and_rejects_non_finite(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        if let Ok(v) = parse_decimal(&bytes) {
            prop_assert!(v.is_finite());
            // Whatever parses is plain ASCII decimal text that std agrees with.
            let text = std::str::from_utf8(&bytes).unwrap().trim_matches([' ', '\t']);
            let text = text.strip_prefix('+').unwrap_or(text);
            prop_assert_eq!(v.to_bits(), text.parse::<f64>().unwrap().to_bits());
        }
    }

    #[test]
    fn decimal_digits_strings(int in "[0-9]{1,25}", frac in "[0-9]{0,25}", exp in -30i32..30) {
        let text = format!("{int}.{frac}e{exp}");
        let want: f64 = text.parse().unwrap();
        prop_assert_eq!(parse_decimal(text.as_bytes()).unwrap().to_bits(), want.to_bits());
    }
}

#[derive(Debug, Clone)]
struct Row {
    year: u16,
    i: u16,
    j: u16,
    k: String,
    v: f64,
    q: Option<f64>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        1900u16..=2100,
        0u16..=999,
        0u16..=999,
        "[0-9]{6}",
        (0u64..100_000_000_000u64, 0u32..4).prop_map(|(m, d)| m as f64 / 10f64.powi(d as i32)),
        proptest::option::of(
            (0u64..1_000_000_000u64, 0u32..4).prop_map(|(m, d)| m as f64 / 10f64.powi(d as i32)),
        ),
    )
        .prop_map(|(year, i, j, k, v, q)| Row {
            year,
            i,
            j,
            k,
            v,
            q,
        })
}

fn format_row(r: &Row, quote: bool, na: bool, crlf: bool) -> String {
    let q = match r.q {
        Some(q) => format!("{q}"),
        None if na => "NA".to_string(),
        None => String::new(),
    };
    let k = if quote {
        format!("\"{}\"", r.k)
    } else {
        r.k.clone()
    };
    format!(
        "{},{},{},{},{},{}{}",
        r.year,
        r.i,
        r.j,
        k,
        r.v,
        q,
        if crlf { "\r" } else { "" }
    )
}

proptest! {
    #[test]
    fn baci_line_round_trips(r in row(), quote: bool, na: bool, crlf: bool) {
        let line = format_row(&r, quote, na, crlf);
        let p = parse_baci_line(line.as_bytes()).unwrap();
        prop_assert_eq!(p.year, r.year);
        prop_assert_eq!((p.exporter, p.importer), (r.i, r.j));
        prop_assert_eq!(std::str::from_utf8(&p.product).unwrap(), r.k.as_str());
        prop_assert_eq!(p.value_thousands_usd.to_bits(), r.v.to_bits());
        prop_assert_eq!(p.quantity_tonnes.map(f64::to_bits), r.q.map(f64::to_bits));
    }

    #[test]
    fn baci_line_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        if let Err(e) = parse_baci_line(&bytes) {
            prop_assert!(e.column <= 6);
        }
    }

    #[test]
    fn baci_file_keeps_every_row(rows in proptest::collection::vec(row(), 1..300)) {
        // Distinct keys, countries from the model's table (ARG, BLR, CHL, KAZ).
        let codes = [32u16, 112, 152, 398];
        let mut seen = std::collections::HashSet::new();
        let mut text = String::from("t,i,j,k,v,q\n");
        let mut want = 0.0f64;
        let mut n = 0;
        for (x, mut r) in rows.into_iter().enumerate() {
            r.i = codes[x % 4];
            r.j = codes[(x / 4) % 4];
            if !seen.insert((r.year, r.i, r.j, r.k.clone())) {
                continue;
            }
            text.push_str(&format_row(&r, false, true, false));
            text.push('\n');
            want += r.v * 1000.0;
            n += 1;
        }
        // No HS revision in the name, so rows of every year 1900..=2100 are valid.
        let imp = common::read(SourceKind::Baci, "BACI_Y2000_V202401.csv", text.as_bytes(), Mode::Strict).unwrap();
        prop_assert_eq!(imp.flow_rows(), n);
        let got = common::sum_f64(&imp, "value_usd");
        prop_assert!((got - want).abs() <= 1e-9 * want.max(1.0), "{} vs {}", got, want);
    }
}

proptest! {
    /// The reader's fast path (plain lines) and `parse_baci_line` (every line) agree bit for bit,
    /// including numbers with many digits, which the fast path hands over.
    #[test]
    fn fast_and_general_parsers_agree(
        r in row(),
        v in "[0-9]{1,20}(\\.[0-9]{0,20})?",
        q in "(|NA|[0-9]{1,20}(\\.[0-9]{0,20})?)",
        crlf: bool,
    ) {
        let codes = [32u16, 112, 152, 398];
        let line = format!("{},{},{},{},{v},{q}", r.year, codes[r.i as usize % 4], codes[r.j as usize % 4], r.k);
        let want = parse_baci_line(line.as_bytes()).unwrap();
        let file = format!("t,i,j,k,v,q\n{line}{}\n", if crlf { "\r" } else { "" });
        let imp = common::read(SourceKind::Baci, "b.csv", file.as_bytes(), Mode::Strict).unwrap();
        let got_v = common::sum_f64(&imp, "value_usd");
        prop_assert_eq!(got_v.to_bits(), (want.value_thousands_usd * 1000.0).to_bits());
        let q_col = common::column_f64(&imp, "quantity");
        prop_assert_eq!(q_col[0].map(f64::to_bits), want.quantity_tonnes.map(f64::to_bits));
    }
}
