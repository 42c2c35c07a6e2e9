//! `bilat indicators` and `bilat potential` end to end (issue 5): on the demo world, on OTS
//! Chile–Argentina (real data without world totals by product), and on the Head–Mayer–Ries 2006
//! gravity matrix against pyfixest.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{
    bilat, close, csv_rows, data_dir, demo_warehouse, empty_warehouse, json, num, ok,
};

/// A number from `bilat sql … --format csv` (one row, one column).
fn sql_value(wh: &Path, q: &str) -> f64 {
    let out = ok(wh, &["sql", q, "--format", "csv"]);
    out.lines().nth(1).unwrap().trim().parse().unwrap()
}

const DEMO_MATRIX: &str = "source = 'demo' AND period_year = 2018 AND period_month IS NULL \
    AND reported_by = 'exporter' AND trade_flow = 'X' AND exporter <> 0 AND importer <> 0";

#[test]
fn indicators_on_the_demo() {
    let wh = demo_warehouse();
    let p = json(wh, &["indicators", "BLR", "KAZ", "--year", "2018"]);
    assert_eq!(p["provenance"]["label"], "demo data (generated)");
    assert_eq!(p["provenance"]["source"], "demo");
    assert_eq!(p["level"], 4);
    let s = |w: &str| {
        sql_value(
            wh,
            &format!("SELECT sum(value_usd) AS v FROM flows WHERE {DEMO_MATRIX} AND {w}"),
        )
    };
    let x_ab = s("exporter = 112 AND importer = 398");
    let x_a = s("exporter = 112 AND importer <> 112");
    let m_b = s("importer = 398 AND exporter <> 398");
    let m_w = s("true");
    close(
        num(&p, "intensity_reporter_to_partner.available"),
        (x_ab / x_a) / (m_b / m_w),
        1e-12,
    );
    for key in [
        "rca_reporter",
        "rca_partner",
        "complementarity_reporter_to_partner",
        "complementarity_partner_to_reporter",
        "grubel_lloyd",
        "hhi_reporter",
        "products_exported_partner",
    ] {
        assert!(
            p[key]["available"].is_number() || p[key]["available"].is_object(),
            "{key}: {}",
            p[key]
        );
    }
    // Markdown carries the formulas and the demo label; CSV one row per figure.
    let md = ok(
        wh,
        &[
            "indicators",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--format",
            "md",
        ],
    );
    assert!(md.contains("RCA_ik = (x_ik / X_i) / (x_wk / X_w)"));
    assert!(md.contains("> demo data (generated)"));
    let csv = ok(
        wh,
        &[
            "indicators",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--format",
            "csv",
        ],
    );
    assert!(csv.starts_with(
        "indicator,country,partner,code,name,value,not_available,source,vintage,label\n"
    ));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("trade_intensity,BLR,KAZ,,,"))
    );
}

#[test]
fn product_potential_on_the_demo() {
    let wh = demo_warehouse();
    let p = json(
        wh,
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--method",
            "products",
            "--top",
            "100000",
        ],
    );
    assert_eq!(p["provenance"]["label"], "demo data (generated)");
    let d = &p["directions"][0];
    assert_eq!(
        (d["exporter"].as_str(), d["importer"].as_str()),
        (Some("BLR"), Some("KAZ"))
    );
    let products = d["products"].as_array().unwrap();
    assert_eq!(products.len() as u64, d["product_count"].as_u64().unwrap());
    let sum = |f: &str| products.iter().map(|x| x[f].as_f64().unwrap()).sum::<f64>();
    close(sum("untapped_usd"), num(d, "untapped_usd"), 1e-12);
    close(sum("potential_usd"), num(d, "potential_usd"), 1e-12);
    for x in products {
        let (pot, act, unt) = (
            num(x, "potential_usd"),
            num(x, "actual_usd"),
            num(x, "untapped_usd"),
        );
        // serde_json's default float parsing may be one ulp off: compare at 1e-12.
        close(unt, (pot - act).max(0.0), 1e-12);
        close(
            pot,
            num(x, "supply_usd") * num(x, "demand_share") * num(x, "ease"),
            1e-12,
        );
    }
    let text = ok(
        wh,
        &["potential", "BLR", "KAZ", "--year", "2018", "--top", "5"],
    );
    assert!(text.contains("demo data (generated)"));
    assert!(text.contains("BLR → KAZ: largest untapped (5 of"));
    let md = ok(
        wh,
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--format",
            "md",
        ],
    );
    assert!(md.contains("demand_ijk = m_jk / (M_wk − m_ik)"));
}

#[test]
fn gravity_potential_on_the_demo_warehouse() {
    let wh = demo_warehouse();
    let g = json(
        wh,
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--method",
            "gravity",
        ],
    );
    assert_eq!(g["provenance"]["label"], "demo data (generated)");
    assert_eq!(g["fit"]["formula"], "trade ~ 1 | exporter + importer");
    assert_eq!(g["fit"]["converged"], true);
    let x_ab = sql_value(
        wh,
        &format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {DEMO_MATRIX} AND exporter = 112 AND importer = 398"
        ),
    );
    let d = &g["directions"][0];
    close(num(d, "actual_usd"), x_ab, 1e-12);
    close(
        num(d, "ratio"),
        num(d, "actual_usd") / num(d, "predicted_usd"),
        1e-12,
    );
    assert_eq!(
        num(d, "untapped_usd"),
        (num(d, "predicted_usd") - num(d, "actual_usd")).max(0.0)
    );
    assert!(
        g["spec_notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("frictionless"))
    );
}

/// The BLR–KAZ benchmark on the 2006 matrix equals pyfixest's (the reference printed by
/// crates/bilat-analytics/scripts/potential_reference.py).
#[test]
fn gravity_potential_headmayer_blr_kaz_2006() {
    let reference: serde_json::Value = serde_json::from_str(include_str!(
        "../../../bilat-analytics/tests/fixtures/potential_reference.json"
    ))
    .unwrap();
    let wh = empty_warehouse();
    let data = data_dir().join("gravity/headmayer_2006/gravity_zeros.csv");
    let g = json(
        wh.path(),
        &[
            "potential",
            "Belarus",
            "Kazakhstan",
            "--year",
            "2006",
            "--method",
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--value-unit",
            "millions",
        ],
    );
    for (c, ours) in reference["coefficients"].as_array().unwrap().iter().zip([
        "log(dist)",
        "contig",
        "lang",
        "rta",
        "comcur",
    ]) {
        let mine = g["fit"]["coefficients"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == ours)
            .unwrap();
        close(num(mine, "estimate"), num(c, "estimate"), 1e-6);
    }
    for (d, key) in g["directions"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["BLR->KAZ", "KAZ->BLR"])
    {
        close(
            num(d, "actual_usd"),
            num(&reference["pairs"][key], "actual") * 1e6,
            1e-12,
        );
        close(
            num(d, "predicted_usd"),
            num(&reference["pairs"][key], "predicted") * 1e6,
            1e-6,
        );
    }
    // Named columns and a wrong name.
    let out = bilat(
        wh.path(),
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2006",
            "--method",
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--flow-col",
            "trade_value",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no column \"trade_value\" (given as the flow column)")
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("hint: name the flow column with --flow-col")
    );
    let out = bilat(
        wh.path(),
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2006",
            "--data",
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// OTS Chile–Argentina 2002: pair flows by product and countries' world totals, but no world
/// totals by product — RCA and the product potential say so; intensity and Grubel–Lloyd equal
/// an independent computation from the CSV files.
#[test]
fn indicators_on_ots_chile_argentina() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    for f in [
        "yrpc_y-2002_r-chl_p-arg_c-all.csv",
        "yrc_y-2002_r-chl_c-all.csv",
        "yr_y-2002_r-all.csv",
    ] {
        ok(wh.path(), &["import", "ots", d.join(f).to_str().unwrap()]);
    }
    let p = json(
        wh.path(),
        &["indicators", "CHL", "ARG", "--year", "2002", "--level", "4"],
    );
    assert_eq!(p["provenance"]["source"], "ots");
    assert!(p["provenance"]["label"].is_null());
    assert!(
        p["rca_reporter"]["not_available"]["needs"]
            .as_str()
            .unwrap()
            .contains("world exports by product")
    );
    assert!(
        p["hhi_partner"]["not_available"]["needs"]
            .as_str()
            .unwrap()
            .contains("ARG's exports to the world by product")
    );
    assert!(
        p["complementarity_reporter_to_partner"]["not_available"]["needs"]
            .as_str()
            .unwrap()
            .contains("ARG's imports from the world by product")
    );
    // Independent: sums over the CSV files.
    let pair = csv_rows(&d.join("yrpc_y-2002_r-chl_p-arg_c-all.csv"));
    let yr = csv_rows(&d.join("yr_y-2002_r-all.csv"));
    let f = |r: &BTreeMap<String, String>, c: &str| r[c].parse::<f64>().unwrap_or(0.0);
    let x_ab: f64 = pair.iter().map(|r| f(r, "trade_value_usd_exp")).sum();
    let x_a = yr
        .iter()
        .find(|r| r["reporter_iso"] == "chl")
        .map(|r| f(r, "trade_value_usd_exp"))
        .unwrap();
    let m_b = yr
        .iter()
        .find(|r| r["reporter_iso"] == "arg")
        .map(|r| f(r, "trade_value_usd_imp"))
        .unwrap();
    let m_w: f64 = yr.iter().map(|r| f(r, "trade_value_usd_imp")).sum();
    close(
        num(&p, "intensity_reporter_to_partner.available"),
        (x_ab / x_a) / (m_b / m_w),
        1e-12,
    );
    let mut by4: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for r in &pair {
        let e = by4.entry(r["commodity_code"][..4].to_string()).or_default();
        e.0 += f(r, "trade_value_usd_exp");
        e.1 += f(r, "trade_value_usd_imp");
    }
    let (num_gl, den): (f64, f64) = by4
        .values()
        .filter(|(x, m)| x + m > 0.0)
        .map(|(x, m)| ((x + m) * (1.0 - (x - m).abs() / (x + m)), x + m))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    close(
        num(&p, "grubel_lloyd.available.aggregate"),
        num_gl / den,
        1e-12,
    );
    let hhi_chl = num(&p, "hhi_reporter.available");
    assert!(hhi_chl > 0.0 && hhi_chl < 1.0);
    // Product potential needs what OTS lacks: a clear data error, exit 2.
    let out = bilat(wh.path(), &["potential", "CHL", "ARG", "--year", "2002"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("product potential is not available: it needs world imports by product"),
        "{err}"
    );
    let text = ok(wh.path(), &["indicators", "CHL", "ARG", "--year", "2002"]);
    assert!(text.contains("not available: needs world exports by product"));
}

/// `--data` with the economiccomplexity country × product file: the CLI shows RCA from it.
#[test]
fn indicators_from_the_complexity_file() {
    let wh = empty_warehouse();
    let data = data_dir().join("complexity/world_trade_avg_1998_to_2000.csv");
    let p = json(
        wh.path(),
        &["indicators", "BLR", "KAZ", "--data", data.to_str().unwrap()],
    );
    let top = &p["rca_reporter"]["available"]["products"][0];
    close(
        num(top, "rca"),
        (num(top, "exports_usd") / {
            let all = p["rca_reporter"]["available"]["products"]
                .as_array()
                .unwrap();
            all.iter().map(|x| num(x, "exports_usd")).sum::<f64>()
        }) / (num(top, "world_exports_usd") / {
            // X_w: the file's grand total.
            let text = std::fs::read_to_string(&data).unwrap();
            text.lines()
                .skip(1)
                .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
                .sum::<f64>()
        }),
        1e-9,
    );
    assert!(p["intensity_reporter_to_partner"]["not_available"].is_object());
    let bad = bilat(
        wh.path(),
        &["indicators", "BLR", "KAZ", "--data", "/nonexistent.csv"],
    );
    assert_eq!(bad.status.code(), Some(2));
}

/// A BACI extract of six shrimp codes is a full matrix of countries but not of products: the
/// indicators that need world totals say so (no RCA of "shrimp among all goods"), the product
/// potential refuses, and Grubel–Lloyd of India–USA equals the CSV's own sums.
#[test]
fn indicators_on_a_baci_product_extract() {
    let wh = empty_warehouse();
    let d = data_dir().join("baci");
    ok(
        wh.path(),
        &[
            "import",
            "baci",
            d.join("BACI_HS12_V202201_seafood_subset.zip")
                .to_str()
                .unwrap(),
        ],
    );
    let p = json(
        wh.path(),
        &["indicators", "IND", "USA", "--year", "2018", "--level", "6"],
    );
    assert_eq!(p["provenance"]["source"], "baci");
    let basis = p["provenance"]["world"]["basis"].as_str().unwrap();
    assert!(basis.starts_with("no complete world matrix"), "{basis}");
    assert!(p["rca_reporter"]["not_available"].is_object());
    assert!(p["intensity_reporter_to_partner"]["not_available"].is_object());
    let rows = csv_rows(&d.join("BACI_HS12_Y2018_V202201_seafood_subset.csv"));
    let mut by: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for r in &rows {
        let v = r["v"].trim().parse::<f64>().unwrap() * 1000.0;
        match (r["i"].trim(), r["j"].trim()) {
            ("699", "842") => by.entry(r["k"].clone()).or_default().0 += v,
            ("842", "699") => by.entry(r["k"].clone()).or_default().1 += v,
            _ => {}
        }
    }
    let (n, den) = by
        .values()
        .map(|(x, m)| (x + m - (x - m).abs(), x + m))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    close(num(&p, "grubel_lloyd.available.aggregate"), n / den, 1e-12);
    let out = bilat(wh.path(), &["potential", "IND", "USA", "--year", "2018"]);
    assert_eq!(out.status.code(), Some(2));
}
