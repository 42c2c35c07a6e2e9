//! Profiles on real data equal an independent computation from the source rows (issue 2, "Tests").
//!
//! Each test imports a real file through the CLI, asks for a profile, and compares it with sums
//! taken directly from the CSV with the `csv` crate — not through the engine.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::common::{close, csv_rows as rows, data_dir, empty_warehouse, json, num, ok};

/// Sum over codes none of whose 2/4-digit prefixes is also present (no double counting).
fn non_overlapping_sum(codes: &BTreeMap<String, f64>) -> f64 {
    let present: HashSet<&String> = codes.keys().collect();
    codes
        .iter()
        .filter(|(c, _)| {
            ![2, 4]
                .iter()
                .any(|&l| l < c.len() && present.contains(&c[..l].to_string()))
        })
        .map(|(_, v)| v)
        .sum()
}

#[test]
fn ots_chile_argentina_2002_and_2004() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    for y in ["2002", "2004"] {
        ok(
            wh.path(),
            &[
                "import",
                "ots",
                d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv"))
                    .to_str()
                    .unwrap(),
            ],
        );
    }
    for y in ["2002", "2004"] {
        let src = rows(&d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv")));
        let sum = |col: &str| {
            src.iter()
                .filter_map(|r| r[col].parse::<f64>().ok())
                .sum::<f64>()
        };
        let p = json(
            wh.path(),
            &["profile", "Chile", "Argentina", "--year", y, "--level", "4"],
        );
        close(
            num(&p, "exports.value_usd"),
            sum("trade_value_usd_exp"),
            1e-12,
        );
        close(
            num(&p, "imports.value_usd"),
            sum("trade_value_usd_imp"),
            1e-12,
        );
        // Top HS4 import, computed by hand.
        let mut by4: BTreeMap<String, f64> = BTreeMap::new();
        for r in &src {
            if let Ok(v) = r["trade_value_usd_imp"].parse::<f64>() {
                *by4.entry(r["commodity_code"][..4].to_string()).or_default() += v;
            }
        }
        let (code, value) = by4.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap();
        assert_eq!(p["top_imports"][0]["code"].as_str().unwrap(), code);
        close(num(&p["top_imports"][0], "value_usd"), *value, 1e-12);
    }
}

#[test]
fn baci_seafood_zip_largest_pair() {
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
    let countries: HashMap<String, String> = rows(&d.join("country_codes_V202201.csv"))
        .into_iter()
        .map(|r| (r["country_code"].clone(), r["iso_3digit_alpha"].clone()))
        .collect();
    let mut pair: HashMap<(String, String), f64> = HashMap::new();
    for r in rows(&d.join("BACI_HS12_Y2018_V202201_seafood_subset.csv")) {
        *pair.entry((r["i"].clone(), r["j"].clone())).or_default() +=
            r["v"].parse::<f64>().unwrap() * 1000.0;
    }
    let ((i, j), x) = pair
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(k, v)| (k.clone(), *v))
        .unwrap();
    let m = pair.get(&(j.clone(), i.clone())).copied().unwrap_or(0.0);
    let p = json(
        wh.path(),
        &[
            "profile",
            &countries[&i],
            &countries[&j],
            "--year",
            "2018",
            "--level",
            "6",
        ],
    );
    assert_eq!(p["provenance"]["view"], "reconciled");
    assert_eq!(p["provenance"]["source"], "baci");
    close(num(&p, "exports.value_usd"), x, 1e-9);
    close(num(&p, "imports.value_usd"), m, 1e-9);
}

#[test]
fn comtrade_thailand_shrimp_to_usa() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/plus_tha_shrimp_2007_2011.csv");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    let src = rows(&f);
    let sum = |flow: &str, year: &str| -> f64 {
        src.iter()
            .filter(|r| {
                r["flow_code"] == flow && r["ref_year"] == year && r["partner_iso"] == "USA"
            })
            .map(|r| r["primary_value"].parse::<f64>().unwrap())
            .sum()
    };
    let p = json(wh.path(), &["profile", "THA", "USA", "--year", "2010"]);
    assert_eq!(p["provenance"]["view"], "reporter");
    close(num(&p, "exports.value_usd"), sum("X", "2010"), 1e-12);
    close(
        num(&p, "exports.previous_value_usd"),
        sum("X", "2009"),
        1e-12,
    );
    // Thailand reports to many partners, so the USA has a rank among its markets.
    assert_eq!(p["partner_position"]["export_rank"], 1);
}

#[test]
fn comtrade_eu_imports_from_belarus_never_double_count_levels() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/data_eu_imports_compact.csv");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    let src = rows(&f);
    for year in ["2018", "2022"] {
        let mut codes: BTreeMap<String, f64> = BTreeMap::new();
        for r in src
            .iter()
            .filter(|r| r["ref_year"] == year && r["partner_iso"] == "BLR")
        {
            *codes.entry(r["cmd_code"].clone()).or_default() +=
                r["primary_value"].parse::<f64>().unwrap();
        }
        let p = json(wh.path(), &["profile", "EU27", "Belarus", "--year", year]);
        close(
            num(&p, "imports.value_usd"),
            non_overlapping_sum(&codes),
            1e-12,
        );
    }
}

#[test]
fn comtrade_api_json_china_with_germany() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/api_response_chn_imports_2010.json");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    let value = |flow: &str, partner: &str| -> f64 {
        doc["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["flowCode"] == flow && r["partnerISO"] == partner && r["cmdCode"] == "TOTAL"
            })
            .map(|r| r["primaryValue"].as_f64().unwrap())
            .sum()
    };
    let p = json(
        wh.path(),
        &["profile", "China", "Germany", "--year", "2010"],
    );
    close(num(&p, "exports.value_usd"), value("X", "DEU"), 1e-12);
    close(num(&p, "imports.value_usd"), value("M", "DEU"), 1e-12);
}

#[test]
fn comtrade_bulk_layout_argentina_exports_and_world_total() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/bulk_arg_exports_2000_h0_sample.csv");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    let src = rows(&f);
    // Partner 12 is Algeria; partner 0 is Argentina's reported world total.
    let to = |partner: &str| -> f64 {
        src.iter()
            .filter(|r| r["partner_code"] == partner)
            .map(|r| r["primary_value"].parse::<f64>().unwrap())
            .sum()
    };
    let p = json(wh.path(), &["profile", "ARG", "DZA", "--year", "2000"]);
    close(num(&p, "exports.value_usd"), to("12"), 1e-12);
    let pos = &p["partner_position"];
    assert_eq!(pos["world_basis"], "reported world total");
    close(num(pos, "exports_world_usd"), to("0"), 1e-12);
    close(
        num(pos, "export_share_pct"),
        to("12") / to("0") * 100.0,
        1e-9,
    );
}
