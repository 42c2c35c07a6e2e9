//! Renderers: JSON carries the documented keys, text and Markdown are deterministic, and
//! column names match case-insensitively.

use bilat_gravity::{FitOptions, Formula, Frame, fit};

fn frame() -> Frame {
    Frame::new()
        .with_f64("Trade", vec![10.0, 3.0, 0.0, 7.0, 5.0, 2.0, 8.0, 1.0, 4.0])
        .unwrap()
        .with_f64("dist", vec![1.0, 3.0, 4.0, 2.0, 1.5, 3.5, 1.2, 2.8, 2.0])
        .unwrap()
        .with_strings(
            "exporter",
            ["A", "A", "B", "B", "C", "C", "D", "D", "A"]
                .map(String::from)
                .to_vec(),
        )
        .unwrap()
        .with_strings(
            "importer",
            ["B", "C", "A", "D", "A", "D", "B", "C", "D"]
                .map(String::from)
                .to_vec(),
        )
        .unwrap()
        .with_i64("pair", vec![1, 2, 3, 4, 5, 6, 7, 8, 9])
        .unwrap()
}

fn run(formula: &str) -> bilat_gravity::Fit {
    let options = FitOptions::poisson().cluster_by(&["EXPORTER"]);
    fit(&Formula::parse(formula).unwrap(), &frame(), &options).unwrap()
}

#[test]
fn json_has_the_documented_keys() {
    let f = run("trade ~ log(dist) | exporter");
    let v: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
    let c = &v["coefficients"][0];
    assert_eq!(c["name"], "log(dist)");
    for key in ["estimate", "std_error", "z", "p", "conf_low", "conf_high"] {
        assert!(c[key].is_number(), "coefficient key {key}: {c}");
    }
    assert_eq!(v["vcov"], "cluster:EXPORTER");
    assert_eq!(v["nobs"], 9);
    assert!(v["dropped"]["singletons"].is_number() && v["dropped"]["separated"].is_number());
    assert!(v["iterations"].as_u64().unwrap() >= 1);
    assert_eq!(v["converged"], true);
    assert!(v["deviance"].is_number() && v["pseudo_r2"].is_number());
    assert_eq!(v["fixed_effects"][0]["name"], "exporter");
    assert_eq!(v["fixed_effects"][0]["levels"], 4);
}

#[test]
fn renderers_are_deterministic_and_names_case_insensitive() {
    let a = run("trade ~ log(dist) | exporter");
    let b = run("TRADE ~ log(DIST) | Exporter");
    // Everything but the formula as typed is identical.
    assert_eq!(
        a.to_json(),
        b.to_json().replace(
            "TRADE ~ log(DIST) | Exporter",
            "trade ~ log(dist) | exporter"
        )
    );
    assert_eq!(a.to_text(), run("trade ~ log(dist) | exporter").to_text());
    assert_eq!(
        a.to_markdown(),
        run("trade ~ log(dist) | exporter").to_markdown()
    );
    assert!(a.to_text().contains("log(dist)"));
    assert!(
        a.to_markdown()
            .starts_with("### Poisson (PPML) estimation, dep. var.: Trade")
    );
}
