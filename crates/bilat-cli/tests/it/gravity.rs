//! `bilat gravity` end to end on the WTO/UNCTAD Advanced Guide data (issue 3): the CLI reads the
//! CSV through the warehouse engine, filters with `--where`, and must reproduce pyfixest.
//!
//! Expected values: pyfixest 0.60.0 `fepois`, default `ssc()`, CRV1 by pair_id — the same
//! reference as `crates/bilat-gravity/tests/acceptance.rs` (see its
//! `scripts/pyfixest_reference.py`).

use crate::common::{bilat, data_dir, empty_warehouse, num};

const YEARS: &str = "year IN (1986, 1990, 1994, 1998, 2002, 2006)";

fn gravity_json(args: &[&str]) -> serde_json::Value {
    let wh = empty_warehouse();
    let data = data_dir().join("gravity/agtpa/agtpa_applications.csv");
    let mut a = vec!["gravity", "--data", data.to_str().unwrap()];
    a.extend(args);
    a.extend(["--format", "json"]);
    let out = bilat(wh.path(), &a);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn coef<'a>(fit: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    fit["coefficients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[track_caller]
fn rel(a: f64, b: f64, tol: f64) {
    assert!(((a - b) / b).abs() <= tol, "{a} vs {b}");
}

#[test]
fn rta_three_way_matches_pyfixest() {
    let fit = gravity_json(&[
        "--formula",
        "trade ~ rta | pair_id + exporter^year + importer^year",
        "--where",
        YEARS,
        "--vcov",
        "cluster:pair_id",
    ]);
    let rta = coef(&fit, "rta");
    rel(num(rta, "estimate"), 0.557185335590332, 1e-6);
    rel(num(rta, "std_error"), 0.1037527387264414, 1e-4);
    assert_eq!(fit["converged"], true);
    assert_eq!(fit["dropped"]["separated"], 84);
    // Recovered fixed effects: one entry per fixed effect, one value per level.
    let fes = fit["fixed_effect_values"].as_array().unwrap();
    let sizes = fit["fixed_effects"].as_array().unwrap();
    assert_eq!(fes.len(), 3);
    for (fe, size) in fes.iter().zip(sizes) {
        assert_eq!(fe["name"], size["name"]);
        assert_eq!(
            fe["values"].as_array().unwrap().len() as u64,
            size["levels"].as_u64().unwrap()
        );
    }
}

#[test]
fn predict_writes_fitted_values() {
    let wh = empty_warehouse();
    let out_file = wh.path().join("fitted.parquet");
    let data = data_dir().join("gravity/agtpa/agtpa_applications.csv");
    let out = bilat(
        wh.path(),
        &[
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--formula",
            "trade ~ log(dist) + cntg + lang + clny | exporter^year + importer^year",
            "--where",
            &format!("{YEARS} AND exporter <> importer"),
            "--predict",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // With exporter-year fixed effects, PPML fitted values sum to the observed exports of each
    // exporter-year (Fally 2015), so the grand totals agree.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let batches = rt
        .block_on(bilat_warehouse::query_file(
            &out_file,
            Some("fitted IS NOT NULL"),
        ))
        .expect("fitted file reads back");
    let col = |name: &str| -> Vec<f64> {
        batches
            .iter()
            .flat_map(|b| {
                let c = arrow::compute::cast(
                    b.column_by_name(name).unwrap(),
                    &arrow::datatypes::DataType::Float64,
                )
                .unwrap();
                let a = c
                    .as_any()
                    .downcast_ref::<arrow::array::Float64Array>()
                    .unwrap()
                    .clone();
                a.values().to_vec()
            })
            .collect()
    };
    let (trade, fitted) = (col("trade"), col("fitted"));
    // 28,566 international rows; 414 lie in exporter- or importer-years with only zero flows and
    // are separated (their fixed effects are not estimated, so they get no prediction). pyfixest
    // reports the same N = 28,152.
    assert_eq!(trade.len(), 28_152);
    rel(fitted.iter().sum::<f64>(), trade.iter().sum::<f64>(), 1e-6);
}

#[test]
fn malformed_formula_is_a_user_error() {
    let wh = empty_warehouse();
    let data = data_dir().join("gravity/agtpa/agtpa_applications.csv");
    let out = bilat(
        wh.path(),
        &[
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--formula",
            "trade ~ rta |",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn empty_sample_after_filter_is_a_user_error() {
    let wh = empty_warehouse();
    let data = data_dir().join("gravity/agtpa/agtpa_applications.csv");
    let out = bilat(
        wh.path(),
        &[
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--formula",
            "trade ~ rta | pair_id",
            "--where",
            "year = 1800",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rows"));
}

#[test]
fn gravity_runs_on_warehouse_tables() {
    // PPML on the demo world's 2018 matrix (exporters' reports), exporter and importer effects.
    let out = bilat(
        crate::common::demo_warehouse(),
        &[
            "gravity",
            "--sql",
            "SELECT CAST(exporter AS VARCHAR) AS exp, CAST(importer AS VARCHAR) AS imp, \
             CAST(exporter = 112 AND importer = 398 AS DOUBLE) AS blr_kaz, sum(value_usd) AS trade \
             FROM flows WHERE period_year = 2018 AND period_month IS NULL AND reported_by = 'exporter' GROUP BY 1, 2, 3",
            "--formula",
            "trade ~ blr_kaz | exp + imp",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fit["converged"], true);
    assert!(fit["nobs"].as_u64().unwrap() > 1000);
}
