//! Every sample file under `$BILAT_DATA` (default `<workspace>/../shared/data`), read by the crate
//! and checked against an independent computation in the test: the file parsed with the `csv`
//! crate or `serde_json` and summed directly.
//!
//! Sums use a relative tolerance of 1e-9: both sides add the same f64 values, only in another
//! order (per batch), which moves a sum by at most about n·ε ≈ 4·10^-11 relative for the
//! n ≤ 2·10^5 rows here; one dropped or doubled row moves these sums by far more.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray};
use arrow::datatypes::Int32Type;
use bilat_ingest::{Import, Mode, ReadOptions};
use common::{check_schemas, column_i32, column_str, data_dir, sum_f64, sum_i32};

fn path(rel: &str) -> PathBuf {
    data_dir().join(rel)
}

fn strict() -> ReadOptions<'static> {
    ReadOptions::default()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn assert_close(what: &str, got: f64, want: f64) {
    assert!(close(got, want), "{what}: got {got}, want {want}");
}

/// Rows of a CSV as header-keyed maps (the independent parser).
fn csv_rows(p: &Path) -> Vec<HashMap<String, String>> {
    let bytes = std::fs::read(p).unwrap();
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    let mut rdr = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(|s| s.trim().to_string()))
                .collect()
        })
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap()
}

fn finish(import: Import) -> Import {
    check_schemas(&import);
    assert!(import.rejects.is_empty());
    import
}

// ---------------------------------------------------------------- BACI

/// Independent BACI figures: rows, Σ v·1000, Σ q (non-NA), rows per exporter code.
fn baci_expected(rows: &[HashMap<String, String>]) -> (usize, f64, f64, HashMap<String, usize>) {
    let mut v = 0.0;
    let mut q = 0.0;
    let mut by_exporter = HashMap::new();
    for r in rows {
        v += num(&r["v"]) * 1000.0;
        if !r["q"].is_empty() && r["q"] != "NA" {
            q += num(&r["q"]);
        }
        *by_exporter.entry(r["i"].clone()).or_insert(0) += 1;
    }
    (rows.len(), v, q, by_exporter)
}

#[test]
fn baci_release_zip() {
    let csv = csv_rows(&path("baci/BACI_HS12_Y2018_V202201_seafood_subset.csv"));
    let (n, v, q, by_exporter) = baci_expected(&csv);
    let imp = finish(
        bilat_ingest::read_baci(
            &path("baci/BACI_HS12_V202201_seafood_subset.zip"),
            &strict(),
        )
        .unwrap(),
    );
    assert_eq!(imp.source, "baci");
    assert_eq!(imp.vintage, "V202201");
    assert_eq!(imp.files.len(), 1);
    assert_eq!(imp.flow_rows(), n);
    assert_eq!(imp.rows_read as usize, n);
    assert_close("value_usd", sum_f64(&imp, "value_usd"), v);
    assert_close("quantity", sum_f64(&imp, "quantity"), q);
    assert!(
        column_str(&imp, "hs_revision")
            .iter()
            .all(|r| r.as_deref() == Some("HS12"))
    );
    // France is BACI 251 and ISO 250, India 699 / 356, USA 842 / 840 (via the zip's alpha-3).
    let exporters = column_i32(&imp, "exporter");
    for (baci, iso) in [("251", 250), ("699", 356), ("842", 840), ("32", 32)] {
        let got = exporters.iter().filter(|e| **e == Some(iso)).count();
        assert_eq!(
            got,
            by_exporter.get(baci).copied().unwrap_or(0),
            "exporter {baci} → {iso}"
        );
    }
    // Products: every row of the zip's product_codes file, with its name.
    let file = std::fs::File::open(path("baci/BACI_HS12_V202201_seafood_subset.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut member = zip.by_name("product_codes_HS12_V202201.csv").unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut member, &mut text).unwrap();
    let dict_rows = csv::Reader::from_reader(text.as_bytes()).records().count();
    assert_eq!(imp.product_rows(), dict_rows);
    let names = imp.products[0]
        .column_by_name("name")
        .unwrap()
        .as_string::<i32>();
    let codes = imp.products[0]
        .column_by_name("code")
        .unwrap()
        .as_string::<i32>();
    let i = (0..codes.len())
        .find(|i| codes.value(*i) == "030617")
        .unwrap();
    assert!(
        names.value(i).to_lowercase().contains("shrimps"),
        "{}",
        names.value(i)
    );
}

#[test]
fn baci_year_csv_alone_matches_zip() {
    let csv = csv_rows(&path("baci/BACI_HS12_Y2018_V202201_seafood_subset.csv"));
    let (n, v, _, _) = baci_expected(&csv);
    let imp = finish(
        bilat_ingest::read_baci(
            &path("baci/BACI_HS12_Y2018_V202201_seafood_subset.csv"),
            &strict(),
        )
        .unwrap(),
    );
    assert_eq!(imp.vintage, "V202201");
    assert_eq!(imp.flow_rows(), n);
    assert_close("value_usd", sum_f64(&imp, "value_usd"), v);
    let zip = bilat_ingest::read_baci(
        &path("baci/BACI_HS12_V202201_seafood_subset.zip"),
        &strict(),
    )
    .unwrap();
    // Without the dictionary, codes go through baci_to_iso and the model table: same countries.
    assert_eq!(sum_i32(&imp, "exporter"), sum_i32(&zip, "exporter"));
    assert_eq!(sum_i32(&imp, "importer"), sum_i32(&zip, "importer"));
}

#[test]
fn baci_progress_reaches_total() {
    let last = std::sync::Mutex::new((0u64, 0u64));
    let cb = |d: u64, t: u64| {
        let mut l = last.lock().unwrap();
        *l = (*l).max((d, t));
    };
    let opts = ReadOptions {
        mode: Mode::Strict,
        progress: Some(&cb),
    };
    bilat_ingest::read_baci(
        &path("baci/BACI_HS12_Y2018_V202201_seafood_subset.csv"),
        &opts,
    )
    .unwrap();
    let (d, t) = *last.lock().unwrap();
    let size = std::fs::metadata(path("baci/BACI_HS12_Y2018_V202201_seafood_subset.csv"))
        .unwrap()
        .len();
    assert_eq!((d, t), (size, size));
}

// ---------------------------------------------------------------- Comtrade

/// Independent Comtrade figures over total rows (partner2/mot/customs/mos totals): count, Σ primary.
fn comtrade_expected(rows: &[HashMap<String, String>]) -> (usize, f64) {
    let total =
        |r: &HashMap<String, String>, k: &str, t: &str| r.get(k).is_none_or(|v| v == t || v == "0");
    let kept: Vec<_> = rows
        .iter()
        .filter(|r| {
            total(r, "partner2code", "0")
                && total(r, "mot_code", "0")
                && total(r, "customs_code", "C00")
        })
        .filter(|r| total(r, "mos_code", "0"))
        .filter(|r| {
            r.get("flow_code")
                .is_none_or(|f| ["X", "M", "RX", "RM"].contains(&f.as_str()))
        })
        .collect();
    (
        kept.len(),
        kept.iter().map(|r| num(&r["primary_value"])).sum(),
    )
}

fn check_comtrade_csv(rel: &str) -> Import {
    let rows = csv_rows(&path(rel));
    let (n, v) = comtrade_expected(&rows);
    let imp = finish(bilat_ingest::read_comtrade(&path(rel), &strict()).unwrap());
    assert_eq!(imp.rows_read as usize, rows.len(), "{rel}");
    assert_eq!(imp.flow_rows(), n, "{rel}");
    assert_eq!(imp.flow_rows() as u64 + imp.skipped, imp.rows_read, "{rel}");
    assert_close(rel, sum_f64(&imp, "value_usd"), v);
    imp
}

#[test]
fn comtrade_plus_tha_shrimp() {
    let imp = check_comtrade_csv("comtrade/plus_tha_shrimp_2007_2011.csv");
    let rows = csv_rows(&path("comtrade/plus_tha_shrimp_2007_2011.csv"));
    // Thailand (764) is the exporter on its X rows, and on M/RM rows where it is also the
    // partner (re-imports of its own goods).
    let x = rows
        .iter()
        .filter(|r| r["flow_code"] == "X" || r["partner_iso"] == "THA")
        .count();
    let exporters = column_i32(&imp, "exporter");
    assert_eq!(exporters.iter().filter(|e| **e == Some(764)).count(), x);
    let net: f64 = rows
        .iter()
        .filter(|r| !r["net_wgt"].is_empty())
        .map(|r| num(&r["net_wgt"]))
        .sum();
    assert_close("net_weight_kg", sum_f64(&imp, "net_weight_kg"), net);
    assert!(
        column_str(&imp, "hs_revision")
            .iter()
            .all(|r| r.as_deref() == Some("HS07"))
    );
    assert!(imp.product_rows() > 0);
}

#[test]
fn comtrade_plus_eu_world_mixed_levels() {
    let imp = check_comtrade_csv("comtrade/plus_eu_imports_world_2018_2022.csv");
    let rows = csv_rows(&path("comtrade/plus_eu_imports_world_2018_2022.csv"));
    let mut want: HashMap<i32, usize> = HashMap::new();
    for r in &rows {
        *want.entry(r["cmd_code"].len() as i32).or_default() += 1;
    }
    let mut got: HashMap<i32, usize> = HashMap::new();
    for l in column_i32(&imp, "product_level") {
        *got.entry(l.unwrap()).or_default() += 1;
    }
    assert_eq!(got, want);
    // All imports from the World: exporter 0.
    assert_eq!(sum_i32(&imp, "exporter"), 0);
    let cif: f64 = rows
        .iter()
        .filter(|r| !r["cifvalue"].is_empty())
        .map(|r| num(&r["cifvalue"]))
        .sum();
    assert_close("value_cif_usd", sum_f64(&imp, "value_cif_usd"), cif);
}

#[test]
fn comtrade_plus_totals() {
    for rel in [
        "comtrade/plus_chn_exports_2012_total.csv",
        "comtrade/plus_usa_imports_2018_total.csv",
    ] {
        let imp = check_comtrade_csv(rel);
        assert!(
            column_str(&imp, "product")
                .iter()
                .all(|p| p.as_deref() == Some("TOTAL"))
        );
        assert!(
            column_i32(&imp, "product_level")
                .iter()
                .all(|l| *l == Some(0))
        );
    }
}

#[test]
fn comtrade_bulk_layout() {
    let imp = check_comtrade_csv("comtrade/bulk_arg_exports_2000_h0_sample.csv");
    // Argentina (32) exports to 100 partners; World (0) included as 0.
    assert!(column_i32(&imp, "exporter").iter().all(|e| *e == Some(32)));
    assert!(
        column_str(&imp, "hs_revision")
            .iter()
            .all(|r| r.as_deref() == Some("HS92"))
    );
}

#[test]
fn comtrade_compact_eu_imports() {
    let rows = csv_rows(&path("comtrade/data_eu_imports_compact.csv"));
    let imp = finish(
        bilat_ingest::read_comtrade(&path("comtrade/data_eu_imports_compact.csv"), &strict())
            .unwrap(),
    );
    assert_eq!(imp.flow_rows(), rows.len());
    let v: f64 = rows.iter().map(|r| num(&r["primary_value"])).sum();
    assert_close("value_usd", sum_f64(&imp, "value_usd"), v);
    let blr = rows.iter().filter(|r| r["partner_iso"] == "BLR").count();
    assert_eq!(
        column_i32(&imp, "exporter")
            .iter()
            .filter(|e| **e == Some(112))
            .count(),
        blr
    );
    assert!(
        column_str(&imp, "trade_flow")
            .iter()
            .all(|f| f.as_deref() == Some("M"))
    );
    let mut levels: Vec<i32> = column_i32(&imp, "product_level")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    assert_eq!(levels, [2, 4, 6]);
}

#[test]
fn comtrade_cmd_code_dictionary() {
    let rows = csv_rows(&path("comtrade/data_eu_imports_cmd_codes.csv"));
    let imp = finish(
        bilat_ingest::read_comtrade(&path("comtrade/data_eu_imports_cmd_codes.csv"), &strict())
            .unwrap(),
    );
    assert_eq!(imp.flow_rows(), 0);
    let distinct: std::collections::HashSet<_> =
        rows.iter().map(|r| r["cmd_code"].clone()).collect();
    assert_eq!(imp.product_rows(), distinct.len());
}

#[test]
fn comtrade_api_json() {
    let p = path("comtrade/api_response_chn_imports_2010.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    let data = json["data"].as_array().unwrap();
    let v: f64 = data
        .iter()
        .map(|r| r["primaryValue"].as_f64().unwrap())
        .sum();
    let imp = finish(bilat_ingest::read_comtrade(&p, &strict()).unwrap());
    assert_eq!(imp.flow_rows(), data.len());
    assert_close("value_usd", sum_f64(&imp, "value_usd"), v);
    // China (156) reports: the importer on M rows, the exporter on X rows.
    let flows = column_str(&imp, "trade_flow");
    let by = column_str(&imp, "reported_by");
    let (e, i) = (column_i32(&imp, "exporter"), column_i32(&imp, "importer"));
    for (k, r) in data.iter().enumerate() {
        assert_eq!(flows[k].as_deref(), r["flowCode"].as_str());
        let (reporter_side, partner_side, who) = if r["flowCode"] == "M" {
            (i[k], e[k], "importer")
        } else {
            (e[k], i[k], "exporter")
        };
        assert_eq!(reporter_side, Some(156));
        assert_eq!(partner_side, r["partnerCode"].as_i64().map(|c| c as i32));
        assert_eq!(by[k].as_deref(), Some(who));
    }
}

// ---------------------------------------------------------------- OTS

/// Independent OTS figures: Σ and count of positive exp and imp values.
fn ots_expected(rows: &[HashMap<String, String>]) -> (usize, f64, f64) {
    let pos = |s: &str| {
        if s.is_empty() || s == "NA" {
            0.0
        } else {
            num(s)
        }
    };
    let mut n = 0;
    let (mut x, mut m) = (0.0, 0.0);
    for r in rows {
        let (e, i) = (
            pos(&r["trade_value_usd_exp"]),
            pos(&r["trade_value_usd_imp"]),
        );
        n += usize::from(e > 0.0) + usize::from(i > 0.0);
        x += e;
        m += i;
    }
    (n, x, m)
}

fn sum_where(imp: &Import, flow: &str) -> f64 {
    imp.flows
        .iter()
        .map(|b| {
            let f = b.column_by_name("trade_flow").unwrap().as_string::<i32>();
            let v = b
                .column_by_name("value_usd")
                .unwrap()
                .as_primitive::<arrow::datatypes::Float64Type>();
            (0..b.num_rows())
                .filter(|i| f.value(*i) == flow)
                .map(|i| v.value(i))
                .sum::<f64>()
        })
        .sum()
}

#[test]
fn ots_tables() {
    for rel in [
        "ots/yrpc_y-2002_r-chl_p-arg_c-all.csv",
        "ots/yrpc_y-2004_r-chl_p-arg_c-all.csv",
        "ots/yrpc_y-2002_r-chl_p-arg_c-03.csv",
        "ots/yrpc_y-2002_r-chl_p-arg_c-110100.csv",
        "ots/yrp_y-2002_r-chl_p-all.csv",
        "ots/yrp_y-2002_r-all_p-chl.csv",
        "ots/yrp_y-2002_r-chl_p-arg.csv",
        "ots/yrp_y-2002_r-mex_p-can.csv",
        "ots/yrp_y-2002_r-mex_p-usa.csv",
        "ots/yrc_y-2002_r-chl_c-all.csv",
        "ots/yr_y-2002_r-all.csv",
    ] {
        let rows = csv_rows(&path(rel));
        let (n, x, m) = ots_expected(&rows);
        let imp = finish(bilat_ingest::read_ots(&path(rel), &strict()).unwrap());
        assert_eq!(imp.flow_rows(), n, "{rel}");
        assert_close(rel, sum_where(&imp, "X"), x);
        assert_close(rel, sum_where(&imp, "M"), m);
        assert_eq!(imp.rows_read as usize, rows.len(), "{rel}");
        assert!(
            column_str(&imp, "hs_revision")
                .iter()
                .all(|r| r.as_deref() == Some("HS12"))
        );
    }
}

#[test]
fn ots_chile_argentina_direction() {
    let rel = "ots/yrp_y-2002_r-chl_p-arg.csv";
    let rows = csv_rows(&path(rel));
    let imp = finish(bilat_ingest::read_ots(&path(rel), &strict()).unwrap());
    // exp = Chile's exports to Argentina: exporter 152 → importer 32, reported by the exporter.
    for b in &imp.flows {
        let e = b
            .column_by_name("exporter")
            .unwrap()
            .as_primitive::<Int32Type>();
        let f = b.column_by_name("trade_flow").unwrap().as_string::<i32>();
        let v = b
            .column_by_name("value_usd")
            .unwrap()
            .as_primitive::<arrow::datatypes::Float64Type>();
        for i in 0..b.num_rows() {
            match f.value(i) {
                "X" => assert_eq!(
                    (e.value(i), v.value(i)),
                    (152, num(&rows[0]["trade_value_usd_exp"]))
                ),
                _ => assert_eq!(
                    (e.value(i), v.value(i)),
                    (32, num(&rows[0]["trade_value_usd_imp"]))
                ),
            }
        }
    }
}

#[test]
fn ots_no_data_answer_is_empty() {
    let imp =
        finish(bilat_ingest::read_ots(&path("ots/yrp_y-2002_r-chl_p-myt.csv"), &strict()).unwrap());
    assert_eq!((imp.flow_rows(), imp.rows_read, imp.skipped), (0, 1, 1));
}

#[test]
fn ots_folder_with_commodity_names() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "ots/yrpc_y-2002_r-chl_p-arg_c-all.csv",
        "ots/ots_commodities.json",
    ] {
        std::fs::copy(path(f), dir.path().join(Path::new(f).file_name().unwrap())).unwrap();
    }
    let imp = finish(bilat_ingest::read_ots(dir.path(), &strict()).unwrap());
    assert_eq!(imp.files.len(), 2);
    let dict: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path("ots/ots_commodities.json")).unwrap()).unwrap();
    let hs = dict
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            let code = c["commodity_code"].as_str().unwrap();
            matches!(code.len(), 2 | 4 | 6) && code.bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    assert_eq!(imp.product_rows(), hs);
    let rows = csv_rows(&path("ots/yrpc_y-2002_r-chl_p-arg_c-all.csv"));
    assert_eq!(imp.flow_rows(), ots_expected(&rows).0);
    // Every row of both files is read and accounted for: stored, or skipped by rule (the
    // dictionary's pseudo-codes, the flow file's non-totals), none silently dropped.
    let entries = dict.as_array().unwrap().len();
    assert_eq!(imp.rows_read as usize, rows.len() + entries);
    assert!(imp.skipped as usize >= entries - hs, "{}", imp.skipped);
}

#[test]
fn fingerprint_of_samples() {
    for rel in [
        "baci/BACI_HS12_V202201_seafood_subset.zip",
        "comtrade/plus_usa_imports_2018_total.csv",
    ] {
        let fp = bilat_ingest::fingerprint(&path(rel)).unwrap();
        assert_eq!(fp.len(), 1);
        assert_eq!(fp[0].bytes, std::fs::metadata(path(rel)).unwrap().len());
        assert_eq!(fp, bilat_ingest::fingerprint(&path(rel)).unwrap());
    }
}

/// A dictionary given alone is read (and counted) like one inside a folder.
#[test]
fn ots_commodity_dictionary_alone_counts_its_rows() {
    let rel = "ots/ots_commodities_short.json";
    let imp = finish(bilat_ingest::read_ots(&path(rel), &strict()).unwrap());
    let dict: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path(rel)).unwrap()).unwrap();
    let entries = dict.as_array().unwrap().len();
    assert_eq!(imp.product_rows(), entries);
    assert_eq!(imp.rows_read as usize, entries);
}
