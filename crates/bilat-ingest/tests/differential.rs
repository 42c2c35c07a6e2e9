//! Differential checks of the CSV readers (issue 11): random valid files of every source, written
//! with random quoting, CRLF or LF, a BOM or none, numbers in plain, exponent, fixed, signed and
//! space-padded forms (quoted or not), read by the reader and, independently, by the plain `csv`
//! crate with `str::parse::<f64>` on the same text.
//!
//! The two must agree on the row count and on the total value in base units (BACI's `v` is
//! thousands of USD, so ×1000; OTS gives two flows per row and skips zeros; series values are
//! signed). Both sums add the same `f64`s in file order, and both parsers round correctly, so the
//! totals are compared bit for bit: there is no tolerance to justify.

mod common;

use arrow::array::AsArray;
use arrow::datatypes::Float64Type;
use bilat_ingest::{Import, Mode, SourceKind};
use proptest::prelude::*;

/// How a file is written: the choices every generated file makes.
#[derive(Debug, Clone)]
struct Style {
    bom: bool,
    crlf: bool,
    final_newline: bool,
    /// Bit `(row * 7 + column) % 64` set → that field is quoted.
    quotes: u64,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<u64>()).prop_map(
        |(bom, crlf, final_newline, quotes)| Style {
            bom,
            crlf,
            final_newline,
            quotes,
        },
    )
}

/// A non-negative value with up to 4 decimals, and how to print it.
fn value() -> impl Strategy<Value = (f64, u8)> {
    (
        (0u64..50_000_000_000u64, 0u32..5).prop_map(|(m, d)| m as f64 / 10f64.powi(d as i32)),
        any::<u8>(),
    )
}

/// The value's text in one of the forms a source may use.
fn number_text(v: f64, form: u8) -> String {
    match form % 7 {
        0 => format!("{v}"),
        1 => format!("{v:e}"),
        2 => format!("{v:E}"),
        3 => format!("{v:.3}"),
        4 => format!("+{v}"),
        5 => format!(" {v} "),
        _ => format!("{:.1e}", v),
    }
}

/// Writes a CSV file: header and rows, quoting the fields `style.quotes` picks (and any field
/// that needs it), with the chosen line ending, BOM and final newline.
fn write_csv(header: &[&str], rows: &[Vec<String>], style: &Style) -> Vec<u8> {
    let eol = if style.crlf { "\r\n" } else { "\n" };
    let field = |r: usize, c: usize, f: &str| {
        let bit = (r * 7 + c) % 64;
        if style.quotes >> bit & 1 == 1 || f.contains([',', '"']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut out = String::new();
    if style.bom {
        out.push('\u{feff}');
    }
    let lines: Vec<String> = std::iter::once(header.join(","))
        .chain(rows.iter().enumerate().map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, f)| field(r + 1, c, f))
                .collect::<Vec<_>>()
                .join(",")
        }))
        .collect();
    out.push_str(&lines.join(eol));
    if style.final_newline {
        out.push_str(eol);
    }
    out.into_bytes()
}

/// The independent reading: the `csv` crate, fields trimmed, `str::parse::<f64>` on the named
/// column(s); returns (records, Σ of `keep(value) * scale` over the kept values).
fn csv_sum(bytes: &[u8], columns: &[&str], scale: f64, keep: impl Fn(f64) -> bool) -> (usize, f64) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = rdr.headers().unwrap().clone();
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == *c).unwrap())
        .collect();
    let (mut n, mut sum) = (0, 0.0);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        n += 1;
        for &i in &idx {
            let t = rec[i].trim();
            let t = t.strip_prefix('+').unwrap_or(t);
            if let Ok(v) = t.parse::<f64>()
                && keep(v)
            {
                sum += v * scale;
            }
        }
    }
    (n, sum)
}

/// Σ of a Float64 column over flows (or series when `series`), in batch order.
fn reader_sum(import: &Import, column: &str, series: bool) -> f64 {
    let batches = if series {
        &import.series
    } else {
        &import.flows
    };
    let mut sum = 0.0;
    for b in batches {
        for v in b
            .column_by_name(column)
            .unwrap()
            .as_primitive::<Float64Type>()
            .iter()
            .flatten()
        {
            sum += v;
        }
    }
    sum
}

/// Countries every reader knows: BACI/ISO numeric codes and their alpha-3.
const CODES: [(u16, &str); 8] = [
    (4, "AFG"),
    (32, "ARG"),
    (112, "BLR"),
    (152, "CHL"),
    (156, "CHN"),
    (398, "KAZ"),
    (643, "RUS"),
    (842, "USA"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn baci_sum_matches_csv_crate(
        values in proptest::collection::vec((value(), proptest::option::of(value())), 1..120),
        style in style(),
    ) {
        let rows: Vec<Vec<String>> = values
            .iter()
            .enumerate()
            .map(|(n, ((v, vf), q))| {
                vec![
                    "2018".into(),
                    CODES[n % 8].0.to_string(),
                    CODES[(n / 8) % 8].0.to_string(),
                    format!("{:06}", 100_000 + n),
                    number_text(*v, *vf),
                    q.map_or("NA".into(), |(q, qf)| number_text(q, qf)),
                ]
            })
            .collect();
        let bytes = write_csv(&["t", "i", "j", "k", "v", "q"], &rows, &style);
        let import = common::read(SourceKind::Baci, "BACI_HS12_Y2018_V202201.csv", &bytes, Mode::Strict).unwrap();
        let (n, want) = csv_sum(&bytes, &["v"], 1000.0, |_| true);
        prop_assert_eq!((import.flow_rows(), import.rows_read as usize), (n, n));
        let got = reader_sum(&import, "value_usd", false);
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{} vs {}", got, want);
    }

    #[test]
    fn comtrade_sum_matches_csv_crate(
        values in proptest::collection::vec(value(), 1..120),
        style in style(),
        camel: bool,
        rotate in 0usize..8,
    ) {
        let snake = ["freq_code", "ref_year", "reporter_iso", "partner_iso", "flow_code",
                     "classification_code", "cmd_code", "primary_value"];
        let camel_names = ["freqCode", "refYear", "reporterISO", "partnerISO", "flowCode",
                           "classificationCode", "cmdCode", "primaryValue"];
        let names = if camel { camel_names } else { snake };
        let rows: Vec<Vec<String>> = values
            .iter()
            .enumerate()
            .map(|(n, (v, vf))| {
                let mut r = vec![
                    "A".to_string(),
                    "2019".into(),
                    CODES[n % 8].1.into(),
                    CODES[(n / 8) % 8].1.into(),
                    if n % 2 == 0 { "X" } else { "M" }.into(),
                    "H5".into(),
                    format!("{:06}", 100_000 + n),
                    number_text(*v, *vf),
                ];
                r.rotate_left(rotate);
                r
            })
            .collect();
        let mut header = names.to_vec();
        header.rotate_left(rotate);
        let bytes = write_csv(&header, &rows, &style);
        let import = common::read(SourceKind::Comtrade, "plus.csv", &bytes, Mode::Strict).unwrap();
        let (n, want) = csv_sum(&bytes, &[names[7]], 1.0, |_| true);
        prop_assert_eq!((import.flow_rows(), import.rows_read as usize), (n, n));
        let got = reader_sum(&import, "value_usd", false);
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{} vs {}", got, want);
    }

    #[test]
    fn ots_sum_matches_csv_crate(
        values in proptest::collection::vec((value(), value(), 0u8..4), 1..120),
        style in style(),
    ) {
        // Some values zero or NA: OTS gives no flow for them (counted as skipped).
        let text = |(v, f): (f64, u8), z: bool, na: bool| {
            if na { "NA".to_string() } else if z { "0".to_string() } else { number_text(v, f) }
        };
        let rows: Vec<Vec<String>> = values
            .iter()
            .enumerate()
            .map(|(n, (exp, imp, zero))| {
                vec![
                    "2002".into(),
                    CODES[n % 8].1.to_lowercase(),
                    CODES[(n / 8) % 8].1.to_lowercase(),
                    format!("{:06}", 100_000 + n),
                    text(*imp, *zero == 1, false),
                    text(*exp, *zero == 2, *zero == 3),
                ]
            })
            .collect();
        let header = ["year", "reporter_iso", "partner_iso", "commodity_code",
                      "trade_value_usd_imp", "trade_value_usd_exp"];
        let bytes = write_csv(&header, &rows, &style);
        let import = common::read(SourceKind::Ots, "yrpc_y-2002.csv", &bytes, Mode::Strict).unwrap();
        // The reader pushes the exporter's flow first, then the importer's, row by row.
        let (n, want) = csv_sum(&bytes, &["trade_value_usd_exp", "trade_value_usd_imp"], 1.0, |v| v > 0.0);
        let (_, flows) = csv_count(&bytes, &["trade_value_usd_exp", "trade_value_usd_imp"]);
        prop_assert_eq!(import.rows_read as usize, n);
        prop_assert_eq!(import.flow_rows(), flows);
        prop_assert_eq!(import.skipped as usize, 2 * n - flows);
        let got = reader_sum(&import, "value_usd", false);
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{} vs {}", got, want);
    }

    #[test]
    fn series_sum_matches_csv_crate(
        values in proptest::collection::vec((value(), any::<bool>()), 1..120),
        style in style(),
    ) {
        let rows: Vec<Vec<String>> = values
            .iter()
            .enumerate()
            .map(|(n, ((v, f), neg))| {
                let t = number_text(*v, *f);
                vec![
                    format!("{}", 1950 + n % 60),
                    CODES[n % 8].1.into(),
                    if n % 3 == 0 { "World".into() } else { CODES[(n + 1) % 8].1.to_string() },
                    format!("indicator_{n}"),
                    if *neg { format!("-{}", t.trim().trim_start_matches('+')) } else { t },
                    "usd".into(),
                    "a source, with a comma".into(),
                ]
            })
            .collect();
        let header = ["period", "country", "partner", "indicator", "value", "unit", "source"];
        let bytes = write_csv(&header, &rows, &style);
        let import = common::read(SourceKind::Series, "series.csv", &bytes, Mode::Strict).unwrap();
        let (n, want) = csv_sum(&bytes, &["value"], 1.0, |_| true);
        prop_assert_eq!((import.series_rows(), import.rows_read as usize), (n, n));
        let got = reader_sum(&import, "value", true);
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{} vs {}", got, want);
    }
}

/// (records, values > 0) of the named columns, by the `csv` crate.
fn csv_count(bytes: &[u8], columns: &[&str]) -> (usize, usize) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = rdr.headers().unwrap().clone();
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == *c).unwrap())
        .collect();
    let (mut n, mut positive) = (0, 0);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        n += 1;
        positive += idx
            .iter()
            .filter(|&&i| {
                rec[i]
                    .trim()
                    .trim_start_matches('+')
                    .parse::<f64>()
                    .is_ok_and(|v| v > 0.0)
            })
            .count();
    }
    (n, positive)
}

/// A zip of `members` (name, bytes), deflated or stored.
fn write_zip(members: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in members {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Rows and Σ v·1000 of every BACI year member of a zip, by the `zip` and `csv` crates alone.
fn zip_members_sum(bytes: &[u8]) -> (usize, Vec<f64>) {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = z.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    let (mut n, mut sums) = (0, Vec::new());
    for name in names.iter().filter(|n| n.contains("_Y")) {
        let mut buf = Vec::new();
        z.by_name(name).unwrap().read_to_end(&mut buf).unwrap();
        let (rows, sum) = csv_sum(&buf, &["v"], 1000.0, |_| true);
        n += rows;
        sums.push(sum);
    }
    (n, sums)
}

/// Σ value_usd per year of an import's flows, years ascending.
fn reader_sums_by_year(import: &Import) -> Vec<f64> {
    use arrow::datatypes::Int32Type;
    let mut by: std::collections::BTreeMap<i32, f64> = Default::default();
    for b in &import.flows {
        let years = b
            .column_by_name("period_year")
            .unwrap()
            .as_primitive::<Int32Type>();
        let values = b
            .column_by_name("value_usd")
            .unwrap()
            .as_primitive::<Float64Type>();
        for i in 0..b.num_rows() {
            *by.entry(years.value(i)).or_default() += values.value(i);
        }
    }
    by.into_values().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The release-zip path: one to three year files in a zip (deflated or stored), read by
    /// the BACI reader and, independently, unpacked by the `zip` crate and summed by `csv`.
    /// Per year the rows are summed in file order on both sides, so the totals agree exactly.
    #[test]
    fn baci_zip_sums_match_zip_and_csv_crates(
        years in proptest::collection::btree_set(2015i32..2022, 1..4),
        values in proptest::collection::vec(value(), 1..80),
        style in style(),
        deflate: bool,
    ) {
        let members: Vec<(String, Vec<u8>)> = years
            .iter()
            .map(|y| {
                let rows: Vec<Vec<String>> = values
                    .iter()
                    .enumerate()
                    .map(|(n, (v, vf))| {
                        vec![
                            y.to_string(),
                            CODES[n % 8].0.to_string(),
                            CODES[(n / 8) % 8].0.to_string(),
                            format!("{:06}", 100_000 + n),
                            number_text(*v, *vf),
                            "NA".into(),
                        ]
                    })
                    .collect();
                (
                    format!("BACI_HS12_Y{y}_V202201.csv"),
                    write_csv(&["t", "i", "j", "k", "v", "q"], &rows, &style),
                )
            })
            .collect();
        let bytes = write_zip(&members, deflate);
        let import = common::read(SourceKind::Baci, "BACI_HS12_V202201.zip", &bytes, Mode::Strict).unwrap();
        let (n, want) = zip_members_sum(&bytes);
        prop_assert_eq!(import.flow_rows(), n);
        let got = reader_sums_by_year(&import);
        prop_assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            // Within a year both sides add the same f64s; the reader may split a year into
            // chunks, so allow the last bits of a reordered sum.
            prop_assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{} vs {}", g, w);
        }
    }

    /// Comtrade's API JSON: random rows with values written as integers, decimals or
    /// exponents, read by the Comtrade reader and, independently, by `serde_json`.
    #[test]
    fn comtrade_json_sum_matches_serde_json(
        values in proptest::collection::vec(value(), 1..80),
        forms in proptest::collection::vec(any::<u8>(), 80),
    ) {
        let rows: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(n, (v, _))| {
                let text = match forms[n % forms.len()] % 4 {
                    0 => format!("{v}"),
                    1 => format!("{v:e}"),
                    2 => format!("{v:E}"),
                    _ => format!("{:.1}", v),
                };
                format!(
                    r#"{{"typeCode":"C","freqCode":"A","refYear":2010,"refMonth":52,"period":"2010","reporterCode":{rc},"reporterISO":"{ri}","flowCode":"{f}","partnerCode":{pc},"partnerISO":"{pi}","classificationCode":"H3","cmdCode":"{cmd}","aggrLevel":6,"primaryValue":{text},"isAggregate":false}}"#,
                    rc = CODES[n % 8].0,
                    ri = CODES[n % 8].1,
                    pc = CODES[(n / 8 + 1) % 8].0,
                    pi = CODES[(n / 8 + 1) % 8].1,
                    f = if n % 2 == 0 { "M" } else { "X" },
                    cmd = 100_000 + n,
                )
            })
            .collect();
        let doc = format!(r#"{{"elapsedTime":"0.1 secs","count":{},"data":[{}],"error":""}}"#, rows.len(), rows.join(","));
        let import = common::read(SourceKind::Comtrade, "api.json", doc.as_bytes(), Mode::Strict).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&doc).unwrap();
        let data = parsed["data"].as_array().unwrap();
        let want: f64 = data.iter().map(|r| r["primaryValue"].as_f64().unwrap()).sum();
        prop_assert_eq!(import.flow_rows(), data.len());
        let got = reader_sum(&import, "value_usd", false);
        prop_assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{} vs {}", got, want);
    }
}
