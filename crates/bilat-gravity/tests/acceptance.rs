//! Acceptance: the four gravity models of the issue on `gravity/agtpa/agtpa_applications.csv`
//! (years 1986, 1990, …, 2006) must reproduce pyfixest: coefficients to 1e-6 relative, standard
//! errors to 1e-4 relative, with the same small-sample corrections.
//!
//! The expected numbers were produced by `scripts/pyfixest_reference.py` (pyfixest 0.60.0,
//! `fepois` / `feols` with default `ssc()`, `fixef_rm="singleton"`, `separation_check=["fe"]`,
//! and tight tolerances `iwls_tol=1e-12, fixef_tol=1e-12` so that the reference is the exact
//! optimum; at pyfixest's default tolerances the coefficients differ from these by < 1e-10
//! relative, the standard errors by < 5e-8). Copied from its JSON output, not from bilat.

mod common;

use std::sync::OnceLock;

use bilat_gravity::{Fit, FitOptions, Formula, Frame, Vcov, fit};
use common::{data_dir, field, read_csv, rel};

const YEARS: [&str; 6] = ["1986", "1990", "1994", "1998", "2002", "2006"];

fn frames() -> &'static (Frame, Frame, Frame) {
    static FRAMES: OnceLock<(Frame, Frame, Frame)> = OnceLock::new();
    FRAMES.get_or_init(|| {
        let path = data_dir().join("gravity/agtpa/agtpa_applications.csv");
        let in_years =
            |h: &csv::StringRecord, r: &csv::StringRecord| YEARS.contains(&field(h, r, "year"));
        let intl = |h: &csv::StringRecord, r: &csv::StringRecord| {
            in_years(h, r) && field(h, r, "exporter") != field(h, r, "importer")
        };
        let all = read_csv(&path, in_years);
        let international = read_csv(&path, intl);
        let positive = read_csv(&path, |h, r| {
            intl(h, r) && field(h, r, "trade").parse::<f64>().is_ok_and(|t| t > 0.0)
        });
        (all, international, positive)
    })
}

/// Fits and compares with pyfixest's `(name, estimate, std_error)`.
fn check(
    frame: &Frame,
    formula: &str,
    options: FitOptions,
    nobs: usize,
    expect: &[(&str, f64, f64)],
) -> Fit {
    let f = fit(&Formula::parse(formula).unwrap(), frame, &options).unwrap();
    assert!(f.converged, "{}", f.to_text());
    assert_eq!(f.nobs, nobs, "{}", f.to_text());
    assert_eq!(f.coefficients.len(), expect.len());
    for (c, (name, est, se)) in f.coefficients.iter().zip(expect) {
        assert_eq!(c.name, *name);
        assert!(
            rel(c.estimate, *est) < 1e-6,
            "{name}: estimate {} vs pyfixest {est}",
            c.estimate
        );
        assert!(
            rel(c.std_error, *se) < 1e-4,
            "{name}: se {} vs pyfixest {se}",
            c.std_error
        );
    }
    f
}

const GRAVITY: &str = "trade ~ log(dist) + cntg + lang + clny | exporter^year + importer^year";
const GRAVITY_EST: [f64; 4] = [
    -0.8409273130922935,
    0.43744324271998436,
    0.2474765050573114,
    -0.22248986158186082,
];

fn gravity(vcov: Vcov, se: [f64; 4]) -> Fit {
    let names = ["log(dist)", "cntg", "lang", "clny"];
    let expect: Vec<(&str, f64, f64)> = (0..4).map(|i| (names[i], GRAVITY_EST[i], se[i])).collect();
    check(
        &frames().1,
        GRAVITY,
        FitOptions::poisson().with_vcov(vcov),
        28152,
        &expect,
    )
}

#[test]
fn ppml_gravity_clustered_by_pair() {
    let f = gravity(
        Vcov::Cluster(vec!["pair_id".into()]),
        [
            0.03213479110132564,
            0.08441356152635537,
            0.07769266986318635,
            0.11799667759775208,
        ],
    );
    assert!(
        rel(f.deviance, 4265228.571549081) < 1e-8,
        "deviance {}",
        f.deviance
    );
    assert!(rel(f.pseudo_r2.unwrap(), 0.9634048793884283) < 1e-8);
    assert_eq!(f.vcov_type, "cluster:pair_id");
    // p-values (normal) where pyfixest's 1 − cdf has not underflowed or lost digits.
    for (name, p) in [
        ("cntg", 2.1934960070524312e-07),
        ("lang", 0.0014459087281553096),
        ("clny", 0.05935421914434835),
    ] {
        let got = f.coefficient(name).unwrap().p_value;
        assert!(rel(got, p) < 1e-4, "{name}: p {got} vs pyfixest {p}");
    }
}

#[test]
fn ppml_gravity_iid_hetero_and_two_way() {
    gravity(
        Vcov::Iid,
        [
            0.0003667929408000482,
            0.0008780943874105364,
            0.000853527929540023,
            0.0010072253535653038,
        ],
    );
    gravity(
        Vcov::Hetero,
        [
            0.01347122892792133,
            0.034118503322350426,
            0.03243665529595347,
            0.045657075565821326,
        ],
    );
    gravity(
        Vcov::Cluster(vec!["exporter+importer".into()]),
        [
            0.0540000399950129,
            0.12334636548690732,
            0.09599277808153077,
            0.12068810787324222,
        ],
    );
}

#[test]
fn ppml_rta_three_way() {
    let f = check(
        &frames().0,
        "trade ~ rta | pair_id + exporter^year + importer^year",
        FitOptions::poisson().cluster_by(&["pair_id"]),
        28482,
        &[("rta", 0.557185335590332, 0.1037527387264414)],
    );
    // pyfixest's fe check drops the same 84 observations (all-zero pairs).
    assert_eq!(f.dropped.separated, 84);
    assert!(
        rel(f.deviance, 2630486.7216219585) < 1e-8,
        "deviance {}",
        f.deviance
    );
}

#[test]
fn ppml_rta_lags_three_way() {
    let f = check(
        &frames().0,
        "trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12 | pair_id + exporter^year + importer^year",
        FitOptions::poisson().cluster_by(&["pair_id"]),
        28482,
        &[
            ("rta", 0.29144490318832805, 0.09050997167757575),
            ("rta_lag4", 0.41354946069721, 0.06824791686401953),
            ("rta_lag8", 0.16873080414811337, 0.04377760861611557),
            ("rta_lag12", 0.11889370143426375, 0.030507959090854027),
        ],
    );
    assert!(
        rel(f.deviance, 2463253.021363672) < 1e-8,
        "deviance {}",
        f.deviance
    );
}

#[test]
fn ols_log_gravity() {
    let formula = "log(trade) ~ log(dist) + cntg + lang + clny | exporter^year + importer^year";
    let est = [
        -1.2155728279112248,
        0.22315858276779174,
        0.6609120437440551,
        0.6704512459140731,
    ];
    let names = ["log(dist)", "cntg", "lang", "clny"];
    let cases: [(Vcov, [f64; 4]); 3] = [
        (
            Vcov::Cluster(vec!["pair_id".into()]),
            [
                0.038175988480325204,
                0.20278907349768235,
                0.08207383382753676,
                0.14941755504141233,
            ],
        ),
        (
            Vcov::Iid,
            [
                0.0157729866962806,
                0.06459045035299155,
                0.033132464932776697,
                0.06406007601773306,
            ],
        ),
        (
            Vcov::Hetero,
            [
                0.015793567066730584,
                0.06956586618182553,
                0.03595349784517666,
                0.05274818578158479,
            ],
        ),
    ];
    for (k, (vcov, se)) in cases.into_iter().enumerate() {
        let expect: Vec<(&str, f64, f64)> = (0..4).map(|i| (names[i], est[i], se[i])).collect();
        let f = check(
            &frames().2,
            formula,
            FitOptions::gaussian().with_vcov(vcov),
            25689,
            &expect,
        );
        if k == 0 {
            // Student t with G − 1 = 2,338 degrees of freedom (pairs with trade > 0), as pyfixest.
            assert_eq!(f.df_t, 2338);
            let (cntg, clny) = (
                f.coefficient("cntg").unwrap(),
                f.coefficient("clny").unwrap(),
            );
            assert!(
                rel(cntg.p_value, 0.27125079294972965) < 1e-4,
                "{}",
                cntg.p_value
            );
            assert!(
                rel(clny.p_value, 7.569773043947237e-06) < 1e-4,
                "{}",
                clny.p_value
            );
        }
    }
}
