//! Prior weights and an offset (`FitOptions::weights`, `FitOptions::offset`) reproduce
//! pyfixest's `weights=` and `offset=` on the AGTPA gravity sample (years 1986, 1990, …, 2006,
//! international pairs): coefficients to 1e-6 relative, standard errors to 1e-4.
//!
//! The expected numbers are pyfixest 0.60.0's (`scripts/pyfixest_reference.py DATA
//! ppml_gravity_weighted ppml_gravity_offset ols_gravity_weighted`, tight tolerances), with
//! the same derived columns: `w = 1 + pair_id mod 5`, `ln_dist = log(dist)`. Copied from its
//! JSON output, not from bilat.

mod common;

use std::sync::OnceLock;

use bilat_gravity::{Column, FitOptions, Formula, Frame, Vcov, fit};
use common::{data_dir, field, read_csv, rel};

const YEARS: [&str; 6] = ["1986", "1990", "1994", "1998", "2002", "2006"];

/// Adds `w` and `ln_dist` to a frame.
fn with_derived(mut frame: Frame) -> Frame {
    let numeric = |f: &Frame, name: &str| match f.column(name) {
        Some(Column::Numeric(v)) => v.clone(),
        other => panic!("{name}: {other:?}"),
    };
    let pair = numeric(&frame, "pair_id");
    let dist = numeric(&frame, "dist");
    frame
        .push(
            "w",
            Column::Numeric(pair.iter().map(|p| 1.0 + p % 5.0).collect()),
        )
        .unwrap();
    frame
        .push(
            "ln_dist",
            Column::Numeric(dist.iter().map(|d| d.ln()).collect()),
        )
        .unwrap();
    frame
}

/// (international pairs, international pairs with trade > 0).
fn frames() -> &'static (Frame, Frame) {
    static FRAMES: OnceLock<(Frame, Frame)> = OnceLock::new();
    FRAMES.get_or_init(|| {
        let path = data_dir().join("gravity/agtpa/agtpa_applications.csv");
        let intl = |h: &csv::StringRecord, r: &csv::StringRecord| {
            YEARS.contains(&field(h, r, "year"))
                && field(h, r, "exporter") != field(h, r, "importer")
        };
        let international = read_csv(&path, intl);
        let positive = read_csv(&path, |h, r| {
            intl(h, r) && field(h, r, "trade").parse::<f64>().is_ok_and(|t| t > 0.0)
        });
        (with_derived(international), with_derived(positive))
    })
}

type Expected = Vec<(&'static str, f64, f64)>;

fn check(
    frame: &Frame,
    formula: &str,
    base: FitOptions,
    nobs: usize,
    cases: Vec<(Vcov, Expected)>,
) -> f64 {
    let mut deviance = f64::NAN;
    for (vcov, expect) in cases {
        let options = base.clone().with_vcov(vcov.clone());
        let f = fit(&Formula::parse(formula).unwrap(), frame, &options).unwrap();
        assert!(f.converged, "{}", f.to_text());
        assert_eq!(f.nobs, nobs);
        assert_eq!(f.coefficients.len(), expect.len());
        for (c, (name, est, se)) in f.coefficients.iter().zip(&expect) {
            assert_eq!(c.name, *name);
            assert!(
                rel(c.estimate, *est) < 1e-6,
                "{vcov:?} {name}: estimate {} vs pyfixest {est}",
                c.estimate
            );
            assert!(
                rel(c.std_error, *se) < 1e-4,
                "{vcov:?} {name}: se {} vs pyfixest {se}",
                c.std_error
            );
        }
        deviance = f.deviance;
    }
    deviance
}

#[test]
fn weighted_ppml_gravity() {
    let deviance = check(
        &frames().0,
        "trade ~ log(dist) + cntg + lang + clny | exporter^year + importer^year",
        FitOptions::poisson().with_weights("w"),
        28152,
        vec![
            (
                Vcov::Cluster(vec!["pair_id".into()]),
                vec![
                    ("log(dist)", -0.8218231443044098, 0.0335419717311386),
                    ("cntg", 0.46012846263287416, 0.08730213372800795),
                    ("lang", 0.2529539691786234, 0.08140433898803302),
                    ("clny", -0.3350333773138511, 0.12805647503431689),
                ],
            ),
            (
                Vcov::Iid,
                vec![
                    ("log(dist)", -0.8218231443044098, 0.00021562175133993066),
                    ("cntg", 0.46012846263287416, 0.000505079927327984),
                    ("lang", 0.2529539691786234, 0.0005105900153133718),
                    ("clny", -0.3350333773138511, 0.000620631045081229),
                ],
            ),
            (
                Vcov::Hetero,
                vec![
                    ("log(dist)", -0.8218231443044098, 0.014703202825344716),
                    ("cntg", 0.46012846263287416, 0.03591837226972875),
                    ("lang", 0.2529539691786234, 0.03372196055528673),
                    ("clny", -0.3350333773138511, 0.052752548766533874),
                ],
            ),
        ],
    );
    assert!(
        rel(deviance, 12632139.514461795) < 1e-8,
        "deviance {deviance}"
    );
}

#[test]
fn ppml_gravity_with_log_distance_as_offset() {
    let deviance = check(
        &frames().0,
        "trade ~ cntg + lang + clny | exporter^year + importer^year",
        FitOptions::poisson().with_offset("ln_dist"),
        28152,
        vec![
            (
                Vcov::Cluster(vec!["pair_id".into()]),
                vec![
                    ("cntg", 3.483838031921431, 0.2106936884947828),
                    ("lang", 0.5224554364763965, 0.18507666755773475),
                    ("clny", -0.5434392289855418, 0.4157677278198445),
                ],
            ),
            (
                Vcov::Hetero,
                vec![
                    ("cntg", 3.483838031921431, 0.07205314389034882),
                    ("lang", 0.5224554364763965, 0.06704288211232608),
                    ("clny", -0.5434392289855418, 0.138961249557001),
                ],
            ),
        ],
    );
    assert!(
        rel(deviance, 27559538.732889723) < 1e-8,
        "deviance {deviance}"
    );
}

#[test]
fn weighted_ols_log_gravity() {
    let deviance = check(
        &frames().1,
        "log(trade) ~ log(dist) + cntg + lang + clny | exporter^year + importer^year",
        FitOptions::gaussian().with_weights("w"),
        25689,
        vec![
            (
                Vcov::Cluster(vec!["pair_id".into()]),
                vec![
                    ("log(dist)", -1.2107965344411766, 0.04467428075732831),
                    ("cntg", 0.16155558290509256, 0.21694184432216057),
                    ("lang", 0.6702586294420014, 0.08955955212031139),
                    ("clny", 0.673114522578334, 0.18643793722928775),
                ],
            ),
            (
                Vcov::Iid,
                vec![
                    ("log(dist)", -1.2107965344411766, 0.015343221074203925),
                    ("cntg", 0.16155558290509256, 0.06286088354526283),
                    ("lang", 0.6702586294420014, 0.03342909861453289),
                    ("clny", 0.673114522578334, 0.0631740539655123),
                ],
            ),
            (
                Vcov::Hetero,
                vec![
                    ("log(dist)", -1.2107965344411766, 0.01769636278415211),
                    ("cntg", 0.16155558290509256, 0.07319215021935017),
                    ("lang", 0.6702586294420014, 0.03950694066268663),
                    ("clny", 0.673114522578334, 0.0650795888397814),
                ],
            ),
        ],
    );
    assert!(deviance.is_finite());
}

#[test]
fn weights_of_one_change_nothing_and_zero_weights_drop_rows() {
    let (intl, _) = frames();
    let formula =
        Formula::parse("trade ~ log(dist) + cntg | exporter^year + importer^year").unwrap();
    let plain = fit(&formula, intl, &FitOptions::poisson()).unwrap();
    let mut ones = intl.clone();
    ones.push("one", Column::Numeric(vec![1.0; intl.nrows()]))
        .unwrap();
    let weighted = fit(&formula, &ones, &FitOptions::poisson().with_weights("one")).unwrap();
    for (a, b) in plain.coefficients.iter().zip(&weighted.coefficients) {
        assert!(rel(b.estimate, a.estimate) < 1e-10 && rel(b.std_error, a.std_error) < 1e-10);
    }
    // Zero weight on the first 100 rows: the fit equals the fit without those rows.
    let mut zero = ones.clone();
    let w: Vec<f64> = (0..intl.nrows())
        .map(|i| if i < 100 { 0.0 } else { 1.0 })
        .collect();
    zero.push("z", Column::Numeric(w)).unwrap();
    let f = fit(&formula, &zero, &FitOptions::poisson().with_weights("z")).unwrap();
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("100 observations with zero weight")),
        "{:?}",
        f.warnings
    );
    assert!(f.rows.iter().all(|&r| r >= 100));
    // Negative weights are refused, naming the column and the first row.
    let mut neg = ones;
    let w: Vec<f64> = (0..intl.nrows())
        .map(|i| if i == 7 { -1.0 } else { 1.0 })
        .collect();
    neg.push("bad", Column::Numeric(w)).unwrap();
    let e = fit(&formula, &neg, &FitOptions::poisson().with_weights("bad")).unwrap_err();
    assert!(
        e.to_string()
            .contains("weights `bad` have 1 negative values (first at row 7)"),
        "{e}"
    );
}

#[test]
fn prediction_adds_the_offset_of_the_new_data() {
    let (intl, _) = frames();
    let formula =
        Formula::parse("trade ~ cntg + lang + clny | exporter^year + importer^year").unwrap();
    let f = fit(
        &formula,
        intl,
        &FitOptions::poisson().with_offset("ln_dist"),
    )
    .unwrap();
    let predicted = f.predict_or_nan(intl).unwrap();
    for (k, &row) in f.rows.iter().enumerate().step_by(997) {
        assert!(rel(predicted[row], f.fitted[k]) < 1e-8, "row {row}");
    }
    // A frame without the offset column cannot be predicted.
    let mut bare = Frame::new();
    for name in ["exporter", "importer", "year", "cntg", "lang", "clny"] {
        bare.push(name, intl.column(name).unwrap().clone()).unwrap();
    }
    assert!(f.predict(&bare).is_err());
}
