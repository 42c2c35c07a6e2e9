//! Formula terms agree with their hand-built equivalents: `i(f)` with the fixed effect `| f`
//! (Frisch–Waugh–Lovell: the slope on x is the same), `x1:x2` with a product column,
//! `log(x)` with a logged column; models without fixed effects get an intercept; a fit that
//! runs out of iterations says so instead of failing.

use bilat_gravity::{Family, Fit, FitOptions, Formula, Frame, fit};

fn frame() -> Frame {
    let n = 40;
    let x1: Vec<f64> = (0..n).map(|i| ((i * 7) % 11) as f64 / 5.0 - 1.0).collect();
    let x2: Vec<f64> = (0..n).map(|i| ((i * 5) % 13) as f64 / 6.0).collect();
    let g: Vec<String> = (0..n)
        .map(|i| ["eu", "asia", "am", "af"][i % 4].to_owned())
        .collect();
    let y: Vec<f64> = (0..n)
        .map(|i| {
            (0.4 * x1[i] - 0.3 * x2[i] + 0.2 * (i % 4) as f64 + ((i * 3) % 7) as f64 / 10.0).exp()
        })
        .collect();
    Frame::new()
        .with_f64("y", y)
        .unwrap()
        .with_f64("x1", x1.clone())
        .unwrap()
        .with_f64("x2", x2.clone())
        .unwrap()
        .with_f64("x1x2", x1.iter().zip(&x2).map(|(a, b)| a * b).collect())
        .unwrap()
        .with_f64("ex2", x2.iter().map(|v| v.exp()).collect())
        .unwrap()
        .with_strings("g", g)
        .unwrap()
}

fn run(formula: &str, family: Family) -> Fit {
    let options = FitOptions {
        family,
        ..FitOptions::default()
    };
    fit(&Formula::parse(formula).unwrap(), &frame(), &options).unwrap()
}

fn estimate(f: &Fit, name: &str) -> f64 {
    f.coefficient(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", f.coefficients))
        .estimate
}

fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-7 * b.abs().max(1.0), "{a} vs {b}");
}

#[test]
fn factor_dummies_equal_absorbed_fixed_effects() {
    for family in [Family::Poisson, Family::Gaussian] {
        let absorbed = run("y ~ x1 | g", family);
        let dummies = run("y ~ x1 + i(g)", family);
        assert_close(estimate(&dummies, "x1"), estimate(&absorbed, "x1"));
        // Reference level `af` (first in sorted order) is omitted; the intercept is present.
        assert!(dummies.coefficient("g::af").is_none());
        assert!(dummies.coefficient("g::eu").is_some());
        assert!(dummies.coefficient("(Intercept)").is_some());
        let with_ref = run("y ~ x1 + i(g, ref = eu)", family);
        assert!(with_ref.coefficient("g::eu").is_none());
        assert_close(estimate(&with_ref, "x1"), estimate(&absorbed, "x1"));
    }
}

#[test]
fn interactions_and_logs_equal_precomputed_columns() {
    for family in [Family::Poisson, Family::Gaussian] {
        let a = run("y ~ x1 + x1:x2 + log(ex2) | g", family);
        let b = run("y ~ x1 + x1x2 + x2 | g", family);
        assert_close(estimate(&a, "x1:x2"), estimate(&b, "x1x2"));
        assert_close(estimate(&a, "log(ex2)"), estimate(&b, "x2"));
    }
}

#[test]
fn no_fixed_effects_means_an_intercept_and_ols_matches_closed_form() {
    let f = run("x2 ~ x1", Family::Gaussian);
    let fr = frame();
    let (x, y) = match (fr.column("x1"), fr.column("x2")) {
        (Some(bilat_gravity::Column::Numeric(x)), Some(bilat_gravity::Column::Numeric(y))) => {
            (x.clone(), y.clone())
        }
        _ => unreachable!("numeric columns"),
    };
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(&y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    assert_close(estimate(&f, "x1"), sxy / sxx);
    assert_close(estimate(&f, "(Intercept)"), my - sxy / sxx * mx);
    let no_intercept = run("x2 ~ 0 + x1", Family::Gaussian);
    assert!(no_intercept.coefficient("(Intercept)").is_none());
}

#[test]
fn running_out_of_iterations_is_reported_not_hidden() {
    let options = FitOptions {
        max_iter: 1,
        ..FitOptions::default()
    };
    let f = fit(&Formula::parse("y ~ x1 | g").unwrap(), &frame(), &options).unwrap();
    assert!(!f.converged);
    assert_eq!(f.iterations, 1);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.starts_with("did not converge after 1 iterations")),
        "{:?}",
        f.warnings
    );
    assert!(f.to_text().contains("NOT converged"));
    assert!(f.to_json().contains("\"converged\": false"));
}

#[test]
fn fixed_effects_only_models_fit_and_predict() {
    for family in [Family::Poisson, Family::Gaussian] {
        let f = run("y ~ 1 | g", family);
        assert!(f.converged && f.coefficients.is_empty());
        // With one fixed effect the fit is the group mean, in both families.
        let pred = f.predict(&frame()).unwrap();
        let fr = frame();
        let Some(bilat_gravity::Column::Numeric(y)) = fr.column("y") else {
            unreachable!("numeric outcome")
        };
        let mean_of = |k: usize| -> f64 {
            let v: Vec<f64> = (0..y.len()).filter(|i| i % 4 == k).map(|i| y[i]).collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        for (i, p) in pred.iter().enumerate() {
            assert_close(*p, mean_of(i % 4));
        }
        assert!(f.to_text().contains("Fixed effects: g: 4"));
    }
}
