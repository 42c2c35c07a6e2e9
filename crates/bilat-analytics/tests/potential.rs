//! Export potential (issue 5): the gravity benchmark against pyfixest, and the product
//! potential's matrix identity on the demo world.

mod common;

use arrow::array::Array;

use bilat_analytics::{
    Ease, GravityColumns, GravityFile, GravitySpec, PotentialRequest, gravity_potential_from_file,
    markets_for_product, product_potential_report,
};
use common::{data_dir, demo_matrix, rel, scalar, with_demo};

fn place(s: &str) -> bilat_model::Place {
    bilat_model::resolve_place(s).unwrap()
}

/// Coefficients of the BLR–KAZ benchmark equal pyfixest's on the same model (HMR 2006 matrix,
/// `trade ~ log(dist) + contig + lang + rta + comcur | exporter + importer`, HC1), and so do
/// the predicted flows. Reference: `tests/fixtures/potential_reference.json`, printed by
/// `scripts/potential_reference.py` (pyfixest 0.60.0, tolerances 1e-12).
#[test]
fn gravity_blr_kaz_2006_matches_pyfixest() {
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/potential_reference.json")).unwrap();
    let path = data_dir().join("gravity/headmayer_2006/gravity_zeros.csv");
    let g = gravity_potential_from_file(
        &GravityFile {
            path: &path,
            usd_per_unit: 1e6,
            columns: GravityColumns::default(),
        },
        &place("BLR"),
        &place("KAZ"),
        2006,
        GravitySpec::FixedEffects,
        None,
    )
    .unwrap();
    assert!(g.fit.converged);
    assert_eq!(g.fit.nobs as u64, reference["nobs"].as_u64().unwrap());
    let names = [
        ("np.log(distw)", "log(dist)"),
        ("contig", "contig"),
        ("comlang_off", "lang"),
        ("rta", "rta"),
        ("comcur", "comcur"),
    ];
    let coefs = reference["coefficients"].as_array().unwrap();
    assert_eq!(g.fit.coefficients.len(), coefs.len());
    for (c, (py, ours)) in coefs.iter().zip(names) {
        assert_eq!(c["name"], py);
        let mine = g.fit.coefficients.iter().find(|x| x.name == ours).unwrap();
        let (e, se) = (
            c["estimate"].as_f64().unwrap(),
            c["std_error"].as_f64().unwrap(),
        );
        assert!(
            rel(mine.estimate, e) < 1e-6,
            "{ours}: {} vs pyfixest {e}",
            mine.estimate
        );
        assert!(
            rel(mine.std_error, se) < 1e-4,
            "{ours} se: {} vs pyfixest {se}",
            mine.std_error
        );
    }
    assert!(rel(g.fit.deviance, reference["deviance"].as_f64().unwrap()) < 1e-6);
    for (d, key) in g.directions.iter().zip(["BLR->KAZ", "KAZ->BLR"]) {
        let r = &reference["pairs"][key];
        assert_eq!(format!("{}->{}", d.exporter, d.importer), key);
        assert!(rel(d.actual_usd, r["actual"].as_f64().unwrap() * 1e6) < 1e-12);
        let p = r["predicted"].as_f64().unwrap() * 1e6;
        assert!(
            rel(d.predicted_usd, p) < 1e-6,
            "{key}: predicted {} vs pyfixest {p}",
            d.predicted_usd
        );
        assert_eq!(d.untapped_usd, (d.predicted_usd - d.actual_usd).max(0.0));
        assert!(rel(d.ratio.unwrap(), d.actual_usd / d.predicted_usd) < 1e-15);
    }
}

#[test]
fn gravity_file_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.csv");
    std::fs::write(&p, "iso_o,iso_d,flow,distw\nBLR,KAZ,1,100\nKAZ,BLR,x,100\n").unwrap();
    let err = gravity_potential_from_file(
        &GravityFile {
            path: &p,
            usd_per_unit: 1.0,
            columns: GravityColumns::default(),
        },
        &place("BLR"),
        &place("KAZ"),
        2006,
        GravitySpec::FixedEffects,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.ends_with("g.csv:3:3: \"x\" in column flow is not a number"),
        "{err}"
    );
    std::fs::write(&p, "a,b,c\n1,2,3\n").unwrap();
    let err = gravity_potential_from_file(
        &GravityFile {
            path: &p,
            usd_per_unit: 1.0,
            columns: GravityColumns::default(),
        },
        &place("BLR"),
        &place("KAZ"),
        2006,
        GravitySpec::FixedEffects,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("no exporter column"), "{err}");
}

/// Σ over every market of the potential of a product (ease = 1) equals Belarus's world exports
/// of it, taken here by a separate SQL sum (issue 5 acceptance).
#[test]
fn demo_markets_sum_to_world_exports() {
    with_demo(async |engine| {
        let m = demo_matrix(2018);
        let top = engine
            .sql(&format!(
                "SELECT product, sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"
            ))
            .await
            .unwrap();
        let codes = top[0].column_by_name("product").unwrap();
        let codes = arrow::compute::cast(codes, &arrow::datatypes::DataType::Utf8).unwrap();
        let codes = codes
            .as_any()
            .downcast_ref::<arrow::array::StringArray>()
            .unwrap();
        assert_eq!(codes.len(), 3);
        for code in codes.iter().flatten() {
            let exports = scalar(engine, &format!(
                "SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112 AND product = '{code}'"
            )).await;
            let markets = markets_for_product(engine, &place("BLR"), code, 2018, Ease::One, None)
                .await
                .unwrap();
            assert!(markets.len() > 10, "{code}: {} markets", markets.len());
            let sum: f64 = markets.iter().map(|x| x.potential.potential_usd).sum();
            assert!(
                rel(sum, exports) < 1e-9,
                "{code}: Σ potential {sum} vs exports {exports}"
            );
        }
    });
}

/// BLR → KAZ product potential on the demo: every factor equals an independent SQL computation,
/// totals add up, untapped = max(potential − actual, 0) with actual averaged over 2016–2018.
#[test]
fn demo_blr_kaz_product_potential() {
    with_demo(async |engine| {
        let mut req = PotentialRequest::new(place("BLR"), place("KAZ"), 2018);
        req.top = 1000;
        let r = product_potential_report(engine, &req).await.unwrap();
        assert_eq!(r.provenance.label.as_deref(), Some("demo data (generated)"));
        assert_eq!(r.directions.len(), 2);
        let d = &r.directions[0];
        assert_eq!((d.exporter.as_str(), d.importer.as_str()), ("BLR", "KAZ"));
        assert_eq!(d.actual_years, vec![2016, 2017, 2018]);
        let m = demo_matrix(2018);
        let x_ij = scalar(engine, &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer = 398")).await;
        let x_i = scalar(engine, &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112")).await;
        let m_j = scalar(engine, &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND importer = 398 AND exporter <> 398")).await;
        let m_w = scalar(
            engine,
            &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m}"),
        )
        .await;
        let tii = (x_ij / x_i) / (m_j / m_w);
        assert!(rel(d.ease, tii) < 1e-12, "ease {} vs TII {tii}", d.ease);
        assert!(
            d.products.len() == d.product_count,
            "all products listed with top 1000"
        );
        let sum: f64 = d.products.iter().map(|p| p.untapped_usd).sum();
        assert!(rel(d.untapped_usd, sum) < 1e-12);
        for p in d.products.iter().take(5) {
            let k = &p.code;
            let s = scalar(engine, &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND exporter = 112 AND importer <> 112 AND product = '{k}'")).await;
            let mjk = scalar(engine, &format!("SELECT coalesce(sum(value_usd), 0) AS v FROM flows WHERE {m} AND importer = 398 AND exporter <> 398 AND product = '{k}'")).await;
            let mwk = scalar(
                engine,
                &format!("SELECT sum(value_usd) AS v FROM flows WHERE {m} AND product = '{k}'"),
            )
            .await;
            let mik = scalar(engine, &format!("SELECT coalesce(sum(value_usd), 0) AS v FROM flows WHERE {m} AND importer = 112 AND exporter <> 112 AND product = '{k}'")).await;
            let mut actual = 0.0;
            for y in 2016..=2018 {
                actual += scalar(engine, &format!("SELECT coalesce(sum(value_usd), 0) AS v FROM flows WHERE {} AND exporter = 112 AND importer = 398 AND product = '{k}'", demo_matrix(y))).await;
            }
            actual /= 3.0;
            assert!(rel(p.supply_usd, s) < 1e-12);
            assert!(rel(p.demand_share, mjk / (mwk - mik)) < 1e-12);
            assert!(rel(p.potential_usd, s * mjk / (mwk - mik) * tii) < 1e-9);
            assert!(
                (p.actual_usd - actual).abs() <= 1e-9 * actual.max(1.0),
                "{k}: {} vs {actual}",
                p.actual_usd
            );
            assert_eq!(p.untapped_usd, (p.potential_usd - p.actual_usd).max(0.0));
        }
        assert!(
            d.products
                .windows(2)
                .all(|w| w[0].untapped_usd >= w[1].untapped_usd)
        );
    });
}

/// The brief's entry point: totals and the five largest untapped HS4 products on the demo;
/// `None` (not an error) when the warehouse cannot support it.
#[test]
fn potential_summary_for_the_brief() {
    with_demo(async |engine| {
        let s = bilat_analytics::potential_summary(engine, &place("BLR"), &place("KAZ"), 2018)
            .await
            .unwrap()
            .expect("the demo has a world matrix");
        assert_eq!(s.level, 4);
        assert_eq!(s.directions.len(), 2);
        for d in &s.directions {
            assert_eq!(d.products.len(), 5);
            assert!(d.untapped_usd >= d.products.iter().map(|p| p.untapped_usd).sum::<f64>());
        }
    });
    let empty = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let wh = bilat_warehouse::Warehouse::open(empty.path()).unwrap();
        let engine = wh.engine().await.unwrap();
        let s = bilat_analytics::potential_summary(&engine, &place("BLR"), &place("KAZ"), 2018)
            .await
            .unwrap();
        assert!(s.is_none());
    });
}

/// `--spec gdp`: log GDPs and an intercept instead of the fixed effects, against pyfixest
/// (the `gdp` entry of the same reference file).
#[test]
fn gravity_gdp_spec_matches_pyfixest() {
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/potential_reference.json")).unwrap();
    let reference = &reference["gdp"];
    let path = data_dir().join("gravity/headmayer_2006/gravity_zeros.csv");
    let g = gravity_potential_from_file(
        &GravityFile {
            path: &path,
            usd_per_unit: 1e6,
            columns: GravityColumns::default(),
        },
        &place("BLR"),
        &place("KAZ"),
        2006,
        GravitySpec::Gdp,
        None,
    )
    .unwrap();
    assert!(g.fit.converged);
    assert_eq!(g.fit.nobs as u64, reference["nobs"].as_u64().unwrap());
    let ours = [
        "(Intercept)",
        "log(gdp_o)",
        "log(gdp_d)",
        "log(dist)",
        "contig",
        "lang",
        "rta",
        "comcur",
    ];
    let coefs = reference["coefficients"].as_array().unwrap();
    assert_eq!(g.fit.coefficients.len(), coefs.len());
    for (c, name) in coefs.iter().zip(ours) {
        let mine = g.fit.coefficients.iter().find(|x| x.name == name).unwrap();
        let e = c["estimate"].as_f64().unwrap();
        assert!(
            rel(mine.estimate, e) < 1e-6,
            "{name}: {} vs pyfixest {e}",
            mine.estimate
        );
        let se = c["std_error"].as_f64().unwrap();
        assert!(
            rel(mine.std_error, se) < 1e-4,
            "{name} se: {} vs {se}",
            mine.std_error
        );
    }
    for (d, key) in g.directions.iter().zip(["BLR->KAZ", "KAZ->BLR"]) {
        let p = reference["pairs"][key]["predicted"].as_f64().unwrap() * 1e6;
        assert!(
            rel(d.predicted_usd, p) < 1e-6,
            "{key}: {} vs {p}",
            d.predicted_usd
        );
    }
}

/// The request type every front end builds runs the same analysis as the direct call: the same
/// benchmark from the file (no warehouse), and a located "needs data" error without either.
#[test]
fn gravity_potential_request_runs_the_file_benchmark() {
    use bilat_analytics::{GravityDataFile, GravityPotentialRequest, ValueUnit};
    let path = data_dir().join("gravity/headmayer_2006/gravity_zeros.csv");
    let direct = gravity_potential_from_file(
        &GravityFile {
            path: &path,
            usd_per_unit: 1e6,
            columns: GravityColumns::default(),
        },
        &place("BLR"),
        &place("KAZ"),
        2006,
        GravitySpec::FixedEffects,
        None,
    )
    .unwrap();
    let mut req = GravityPotentialRequest::new(place("BLR"), place("KAZ"), 2006);
    req.data = Some(GravityDataFile {
        path: path.clone(),
        unit: "millions".parse::<ValueUnit>().unwrap(),
        columns: GravityColumns::default(),
        spec: "fe".parse::<GravitySpec>().unwrap(),
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let via_request = rt.block_on(req.run(None)).unwrap();
    assert_eq!(via_request, direct);

    req.data = None;
    let err = rt.block_on(req.run(None)).unwrap_err();
    assert!(
        matches!(err, bilat_analytics::Error::NoData { .. }),
        "{err}"
    );
    assert_eq!(err.fault(), bilat_model::Fault::Data);
}

/// The spellings of the gravity options parse as the CLI's flags do, and others are refused
/// with the accepted list.
#[test]
fn gravity_option_spellings() {
    use bilat_analytics::ValueUnit;
    assert_eq!("USD".parse::<ValueUnit>().unwrap().usd_per_unit(), 1.0);
    assert_eq!(
        "thousands".parse::<ValueUnit>().unwrap().usd_per_unit(),
        1e3
    );
    assert!(
        "bn".parse::<ValueUnit>()
            .unwrap_err()
            .contains("usd, thousands or millions")
    );
    assert_eq!("gdp".parse::<GravitySpec>().unwrap(), GravitySpec::Gdp);
    assert!(
        "ols"
            .parse::<GravitySpec>()
            .unwrap_err()
            .contains("fe or gdp")
    );
}
