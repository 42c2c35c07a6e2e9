//! Indicators (issue 5): RCA on the `economiccomplexity` country × product file against an
//! independent computation, and the pair indicators on the demo against SQL sums.

mod common;

use std::collections::BTreeMap;

use bilat_analytics::{CountryProductTable, pair_indicators, rca_matrix};
use common::{data_dir, demo_matrix, rel, scalar, with_demo};

fn place(s: &str) -> bilat_model::Place {
    bilat_model::resolve_place(s).unwrap()
}

/// RCA of every country × product of `world_trade_avg_1998_to_2000.csv` equals the Balassa
/// formula computed here from the raw lines (plain string splitting, f64 sums).
#[test]
fn rca_on_complexity_file_equals_independent_computation() {
    let path = data_dir().join("complexity/world_trade_avg_1998_to_2000.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut x: BTreeMap<(String, String), f64> = BTreeMap::new();
    let (mut xi, mut xk, mut xw): (BTreeMap<String, f64>, BTreeMap<String, f64>, f64) =
        (BTreeMap::new(), BTreeMap::new(), 0.0);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let v: f64 = f[2].parse().unwrap();
        *x.entry((f[0].to_string(), f[1].to_string())).or_default() += v;
        *xi.entry(f[0].to_string()).or_default() += v;
        *xk.entry(f[1].to_string()).or_default() += v;
        xw += v;
    }
    let table = CountryProductTable::read_csv(&path).unwrap();
    let rca = rca_matrix(&table.exports);
    let mut checked = 0;
    for ((c, k), v) in &x {
        let expect = (v / xi[c]) / (xk[k] / xw);
        let got = rca[c][k];
        assert!(rel(got, expect) < 1e-9, "{c} {k}: {got} vs {expect}");
        checked += 1;
    }
    assert_eq!(checked, text.lines().count() - 1);
    assert_eq!(rca.values().map(BTreeMap::len).sum::<usize>(), checked);

    // The pair view of the same file: RCA and diversification, bilateral ones not available.
    let p = table
        .pair_indicators(&path, &place("BLR"), &place("KAZ"))
        .unwrap();
    let r = p.rca_reporter.value().unwrap();
    assert_eq!(
        r.products.len(),
        x.keys().filter(|(c, _)| c == "blr").count()
    );
    assert!(rel(r.products[0].rca, rca["blr"][&r.products[0].code]) < 1e-15);
    assert!(p.intensity_reporter_to_partner.value().is_none());
    assert_eq!(*p.products_exported_partner.value().unwrap(), 713);
}

/// Every indicator of BLR–KAZ 2018 on the demo equals its formula over SQL sums.
#[test]
fn demo_blr_kaz_indicators() {
    with_demo(async |engine| {
        let p = pair_indicators(
            engine,
            &place("BLR"),
            &place("KAZ"),
            2018,
            bilat_model::HsLevel::Hs4,
            None,
        )
        .await
        .unwrap();
        assert_eq!(p.provenance.label.as_deref(), Some("demo data (generated)"));
        assert!(
            p.provenance
                .world
                .basis
                .starts_with("world matrix (exporter reports")
        );
        let m = demo_matrix(2018);
        let q = |s: String| async move { scalar(engine, &s).await };
        let x_ab = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer = 398"
        ))
        .await;
        let x_ba = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 398 AND importer = 112"
        ))
        .await;
        let x_a = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112"
        ))
        .await;
        let x_b = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 398 AND importer <> 398"
        ))
        .await;
        let m_a = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND importer = 112 AND exporter <> 112"
        ))
        .await;
        let m_b = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND importer = 398 AND exporter <> 398"
        ))
        .await;
        let w = q(format!("SELECT sum(value_usd) AS v FROM flows WHERE {m}")).await;
        let tii_ab = *p.intensity_reporter_to_partner.value().unwrap();
        let tii_ba = *p.intensity_partner_to_reporter.value().unwrap();
        assert!(rel(tii_ab, (x_ab / x_a) / (m_b / w)) < 1e-12);
        assert!(rel(tii_ba, (x_ba / x_b) / (m_a / w)) < 1e-12);
        // RCA of Belarus's strongest heading.
        let r = p.rca_reporter.value().unwrap();
        let k = &r.products[0].code;
        let x_ak = q(format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112 AND substr(product, 1, 4) = '{k}'")).await;
        let x_wk = q(format!(
            "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND substr(product, 1, 4) = '{k}'"
        ))
        .await;
        assert!(rel(r.products[0].rca, (x_ak / x_a) / (x_wk / w)) < 1e-12);
        assert!(r.products_with_advantage > 0);
        let tc = *p.complementarity_reporter_to_partner.value().unwrap();
        assert!((0.0..=100.0).contains(&tc));
        let gl = p.grubel_lloyd.value().unwrap();
        let (ex, im): (f64, f64) = gl
            .products
            .iter()
            .map(|g| (g.exports_usd, g.imports_usd))
            .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        assert!(rel(ex, x_ab) < 1e-12 && rel(im, x_ba) < 1e-12);
        let agg: f64 = gl
            .products
            .iter()
            .map(|g| (g.exports_usd + g.imports_usd) * g.gl)
            .sum::<f64>()
            / (x_ab + x_ba);
        assert!(rel(gl.aggregate, agg) < 1e-12);
        let n = q(format!("SELECT count(DISTINCT substr(product, 1, 4)) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112 AND value_usd > 0")).await;
        assert_eq!(*p.products_exported_reporter.value().unwrap() as f64, n);
        let h = *p.hhi_reporter.value().unwrap();
        assert!(h > 0.0 && h < 1.0);
    });
}

#[test]
fn country_product_file_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.csv");
    std::fs::write(&p, "country,product,value\nblr,0011,5\nkaz,0012,five\n").unwrap();
    let e = CountryProductTable::read_csv(&p).unwrap_err().to_string();
    assert!(
        e.ends_with("x.csv:3:3: value \"five\" is not a number"),
        "{e}"
    );
    std::fs::write(&p, "country,product,value\nblr,0011,-5\n").unwrap();
    let e = CountryProductTable::read_csv(&p).unwrap_err().to_string();
    assert!(
        e.ends_with("x.csv:2:3: value \"-5\" must be a non-negative number"),
        "{e}"
    );
    std::fs::write(&p, "who,what\n").unwrap();
    let e = CountryProductTable::read_csv(&p).unwrap_err().to_string();
    assert!(e.contains("x.csv:1:1: no country column"), "{e}");
}

proptest::proptest! {
    /// Any table written as CSV reads back with the same sums per country and product, and
    /// product codes keep their leading zeros.
    #[test]
    fn country_product_file_round_trip(
        rows in proptest::collection::vec(("[a-z]{3}", "[0-9]{4}", 0u32..1_000_000), 1..40)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let mut text = String::from("country,product,value\n");
        let mut expect: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        for (c, k, v) in &rows {
            text.push_str(&format!("{c},{k},{v}\n"));
            *expect.entry(c.clone()).or_default().entry(k.clone()).or_default() += f64::from(*v);
        }
        std::fs::write(&p, text).unwrap();
        let t = CountryProductTable::read_csv(&p).unwrap();
        proptest::prop_assert_eq!(t.exports, expect);
    }
}
