//! Bad input gives a clear error, never a panic: every case goes through one `check` helper
//! comparing the rendered error message.

use bilat_gravity::{Column, FitOptions, Formula, Frame, fit};

fn frame() -> Frame {
    Frame::new()
        .with_f64("y", vec![1.0, 2.0, 0.0, 4.0, 3.0, 5.0])
        .unwrap()
        .with_f64("x", vec![0.5, 1.5, 2.5, 0.2, 0.9, 1.1])
        .unwrap()
        .with_f64("x2", vec![1.0, 3.0, 5.0, 0.4, 1.8, 2.2])
        .unwrap()
        .with_f64("neg", vec![1.0, -2.0, 0.0, 4.0, -3.0, 5.0])
        .unwrap()
        .with_f64("zero", vec![0.0; 6])
        .unwrap()
        .with_f64("nan", vec![f64::NAN; 6])
        .unwrap()
        .with_strings(
            "g",
            ["a", "a", "b", "b", "c", "c"].map(String::from).to_vec(),
        )
        .unwrap()
}

/// Fits `formula` (Poisson unless `gaussian`) and returns the error message, or "ok".
fn check(formula: &str, options: FitOptions, expect: &str) {
    let got = Formula::parse(formula)
        .and_then(|f| fit(&f, &frame(), &options))
        .map_or_else(|e| e.to_string(), |_| "ok".to_owned());
    assert_eq!(got, expect, "formula: {formula}");
}

#[test]
fn input_errors_are_reported_clearly() {
    let p = FitOptions::poisson;
    check("y ~ x | g", p(), "ok");
    check(
        "y ~ x + missing | g",
        p(),
        "column `missing` not found (available: y, x, x2, neg, zero, nan, g)",
    );
    check(
        "y ~ g",
        p(),
        "column `g` is categorical, but `g` needs numbers",
    );
    check(
        "neg ~ x | g",
        p(),
        "outcome `neg` has 2 negative values (first at row 1); Poisson needs y >= 0",
    );
    check(
        "zero ~ x",
        p(),
        "outcome `zero` is zero for every observation in the sample",
    );
    check(
        "y ~ nan | g",
        p(),
        "empty estimation sample: 6 rows, 6 with missing values, 0 singletons, 0 separated",
    );
    check(
        "y ~ x +",
        p(),
        "malformed formula at character 8: expected a variable name\n  y ~ x +\n         ^",
    );
    check(
        "y ~ x",
        FitOptions { tol: 0.0, ..p() },
        "invalid option `tol`: must lie in (0, 1), got 0",
    );
    // A deadline already passed stops the fit before its first IRLS iteration (OLS: before
    // its one absorption); one in the future changes nothing.
    let past = Some(std::time::Instant::now());
    check(
        "y ~ x | g",
        FitOptions {
            deadline: past,
            ..p()
        },
        "the fit ran past its time limit after 0 IRLS iterations",
    );
    check(
        "y ~ x | g",
        FitOptions {
            deadline: past,
            ..FitOptions::gaussian()
        },
        "the fit ran past its time limit after 0 IRLS iterations",
    );
    let later = std::time::Instant::now().checked_add(std::time::Duration::from_secs(3600));
    check(
        "y ~ x | g",
        FitOptions {
            deadline: later,
            ..p()
        },
        "ok",
    );
    check(
        "y ~ x | g",
        p().cluster_by(&["nope"]),
        "column `nope` not found (available: y, x, x2, neg, zero, nan, g)",
    );
}

#[test]
fn collinear_regressors_are_dropped_and_reported() {
    let f = fit(
        &Formula::parse("y ~ x + x2 | g").unwrap(),
        &frame(),
        &FitOptions::poisson(),
    )
    .unwrap();
    // x2 = 2x exactly: fixest keeps the first and drops the later column.
    assert_eq!(f.collinear, vec!["x2".to_owned()]);
    assert_eq!(f.coefficients.len(), 1);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("collinear regressors dropped: x2"))
    );
    // A regressor constant within the fixed effect is absorbed entirely.
    let frame = frame()
        .with_f64("gconst", vec![1.0, 1.0, 2.0, 2.0, 7.0, 7.0])
        .unwrap();
    let e = fit(
        &Formula::parse("y ~ gconst | g").unwrap(),
        &frame,
        &FitOptions::gaussian(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "all regressors are collinear with the fixed effects or each other: gconst"
    );
}

#[test]
fn frames_reject_inconsistent_columns() {
    let e = Frame::new()
        .with_f64("a", vec![1.0])
        .unwrap()
        .with_f64("A", vec![2.0])
        .unwrap_err();
    assert_eq!(e.to_string(), "duplicate column `A`");
    let e = Frame::new()
        .with_f64("a", vec![1.0])
        .unwrap()
        .with_f64("b", vec![1.0, 2.0])
        .unwrap_err();
    assert_eq!(e.to_string(), "column `b` has 2 rows, expected 1");
    let mut f = Frame::new();
    let e = f
        .push(
            "c",
            Column::Categorical {
                codes: vec![0, 2],
                levels: vec!["a".into(), "b".into()],
            },
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `c`: code 2 at row 1 has no level (2 levels)"
    );
    let e = f
        .push(
            "c",
            Column::Categorical {
                codes: vec![0, 1],
                levels: vec!["a".into(), "a".into()],
            },
        )
        .unwrap_err();
    assert_eq!(e.to_string(), "column `c`: level `a` appears twice");
    let f = Frame::from_text_columns(
        &["n".to_owned(), "t".to_owned()],
        vec![vec!["1".into(), "NA".into()], vec!["x".into(), "".into()]],
    )
    .unwrap();
    assert!(matches!(f.column("N"), Some(Column::Numeric(v)) if v[0] == 1.0 && v[1].is_nan()));
    assert!(
        matches!(f.column("t"), Some(Column::Categorical { codes, .. }) if codes[1] == bilat_gravity::MISSING_CODE)
    );
}

#[test]
fn prediction_needs_known_levels() {
    let f = fit(
        &Formula::parse("y ~ x | g").unwrap(),
        &frame(),
        &FitOptions::poisson(),
    )
    .unwrap();
    let new = Frame::new()
        .with_f64("x", vec![1.0, 2.0])
        .unwrap()
        .with_strings("g", vec!["a".into(), "zz".into()])
        .unwrap();
    let e = f.predict(&new).unwrap_err();
    assert_eq!(
        e.to_string(),
        "fixed effect `g` has no estimate for level `zz` (row 1)"
    );
    let ok = Frame::new()
        .with_f64("x", vec![0.5])
        .unwrap()
        .with_strings("g", vec!["a".into()])
        .unwrap();
    let p = f.predict(&ok).unwrap();
    assert!((p[0] - f.fitted[0]).abs() < 1e-9 * f.fitted[0]);
}
