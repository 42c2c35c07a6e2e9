//! Acceptance of issue 16 (what-if scenarios): the book's chapter 2 applications on
//! `gravity/agtpa` (under `$BILAT_DATA`) and the Head–Mayer 2006 matrix.
//!
//! - First stages equal the Stata logs of Yotov et al. (2016), copied from the issue.
//! - Removing the Canada–US border (σ = 7, reference ZZZ) equals the fixture made by
//!   `scripts/gegravity_reference.py` (statsmodels PPML, gegravity 0.3, scipy's root finder on
//!   the full system in levels), to 1e-4 relative on every country's % changes.
//! - Trade without borders converges, raises every country's real GDP, and satisfies the
//!   structural equations, recomputed here from the reported solution.

#![allow(clippy::print_stderr)]

mod common;

use std::sync::OnceLock;

use bilat_gravity::{
    Column, CostChange, CountryEffect, Formula, Frame, Mode, Scenario, ScenarioOptions,
    ScenarioResult, Target,
};
use common::{data_dir, read_csv, rel};

const BORDER_FORMULA: &str = "trade ~ ln_DIST + CNTG + INTL_BRDR | exporter + importer";
const AB_FORMULA: &str = "trade ~ ln_DIST + CNTG + INTL_BRDR + INTL_BRDR_AB | exporter + importer";

fn without_border() -> &'static Frame {
    static F: OnceLock<Frame> = OnceLock::new();
    F.get_or_init(|| {
        read_csv(
            &data_dir().join("gravity/agtpa/trade_without_border_2006.csv"),
            |_, _| true,
        )
    })
}

/// The specific-border file in the book's coding: its Canada–US rows carry INTL_BRDR = 1 as
/// well as INTL_BRDR_AB = 1; the book's INTL_BRDR_AB (−1.987681) is the coefficient when
/// INTL_BRDR_AB replaces INTL_BRDR there (INTL_BRDR −= INTL_BRDR_AB), so that setting
/// INTL_BRDR_AB = 0 removes the border. The same model, reparametrised.
fn specific_border() -> &'static Frame {
    static F: OnceLock<Frame> = OnceLock::new();
    F.get_or_init(|| {
        let raw = read_csv(
            &data_dir().join("gravity/agtpa/removing_specific_border_2006.csv"),
            |_, _| true,
        );
        let num = |name: &str| match raw.column(name) {
            Some(Column::Numeric(v)) => v.clone(),
            _ => panic!("{name} is not numeric"),
        };
        let recoded: Vec<f64> = num("INTL_BRDR")
            .iter()
            .zip(num("INTL_BRDR_AB"))
            .map(|(b, ab)| b - ab)
            .collect();
        let mut out = Frame::new();
        for name in raw.names() {
            let col = if name == "INTL_BRDR" {
                Column::Numeric(recoded.clone())
            } else {
                raw.column(name).unwrap().clone()
            };
            out.push(name.clone(), col).unwrap();
        }
        out
    })
}

fn scenario(frame: &Frame, formula: &str, mode: Mode) -> Scenario {
    // A tight IRLS tolerance: the references solve at the exact optimum (statsmodels, 1e-14).
    let options = ScenarioOptions {
        mode,
        fit: bilat_gravity::FitOptions {
            tol: 1e-12,
            ..bilat_gravity::FitOptions::poisson()
        },
        tol: 1e-13,
        ..ScenarioOptions::default()
    };
    Scenario::new(&Formula::parse(formula).unwrap(), frame, options).unwrap()
}

fn changes(list: &[&str]) -> Vec<CostChange> {
    list.iter().map(|c| c.parse().unwrap()).collect()
}

/// Stata prints 7 significant digits (−2.47445 is 6): 3e-6 relative covers the rounding.
fn check_first_stage(s: &Scenario, expect: &[(&str, f64)]) {
    let fit = s.fit();
    assert!(fit.converged);
    for (name, b) in expect {
        let c = fit.coefficient(name).unwrap();
        assert!(
            rel(c.estimate, *b) < 3e-6,
            "{name}: {} vs book {b}",
            c.estimate
        );
    }
}

#[test]
fn first_stage_trade_without_border_equals_the_book() {
    let s = scenario(without_border(), BORDER_FORMULA, Mode::Full);
    check_first_stage(
        &s,
        &[
            ("INTL_BRDR", -2.47445),
            ("ln_DIST", -0.7912879),
            ("CNTG", 0.6736456),
        ],
    );
    assert_eq!(s.countries().last().map(String::as_str), Some("ZZZ"));
}

#[test]
fn first_stage_removing_specific_border_equals_the_book() {
    let s = scenario(specific_border(), AB_FORMULA, Mode::Full);
    check_first_stage(
        &s,
        &[
            ("INTL_BRDR_AB", -1.987681),
            ("INTL_BRDR", -2.533003),
            ("ln_DIST", -0.7672372),
            ("CNTG", 0.6284654),
        ],
    );
}

fn fixture() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ge_can_usa_border.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const PCT_FIELDS: [&str; 8] = [
    "factory_gate_price_change_pct",
    "omr_change_pct",
    "imr_change_pct",
    "real_gdp_change_pct",
    "output_change_pct",
    "exports_change_pct",
    "imports_change_pct",
    "intranational_change_pct",
];

fn field(c: &CountryEffect, name: &str) -> f64 {
    match name {
        "factory_gate_price_change_pct" => c.factory_gate_price_change_pct,
        "omr_change_pct" => c.omr_change_pct,
        "imr_change_pct" => c.imr_change_pct,
        "real_gdp_change_pct" => c.real_gdp_change_pct,
        "output_change_pct" => c.output_change_pct,
        "exports_change_pct" => c.exports_change_pct.unwrap(),
        "imports_change_pct" => c.imports_change_pct.unwrap(),
        "intranational_change_pct" => c.intranational_change_pct.unwrap(),
        "omr_baseline" => c.omr_baseline,
        "imr_baseline" => c.imr_baseline,
        "omr_conditional" => c.omr_counterfactual,
        "imr_conditional" => c.imr_counterfactual,
        other => panic!("{other}"),
    }
}

/// Compares every country's `fields` with the fixture's `key`; returns the largest relative
/// difference. Exact zeros (the reference's IMR) are compared absolutely (1e-9 points).
fn compare(r: &ScenarioResult, expect: &serde_json::Value, fields: &[&str]) -> f64 {
    let expect = expect.as_object().unwrap();
    assert_eq!(r.countries.len(), expect.len());
    let mut worst: f64 = 0.0;
    for c in &r.countries {
        let e = &expect[&c.country];
        for f in fields {
            let (got, want) = (field(c, f), e[*f].as_f64().unwrap());
            let d = if want.abs() < 1e-9 {
                (got - want).abs()
            } else {
                rel(got, want)
            };
            assert!(
                d < 1e-4,
                "{} {f}: bilat {got} vs reference {want}",
                c.country
            );
            worst = worst.max(d);
        }
    }
    worst
}

#[test]
fn removing_the_canada_us_border_equals_gegravity() {
    let fx = fixture();
    let set = changes(&["INTL_BRDR_AB=0"]);
    // gegravity's "full GE" is the one-step variant (see Mode::OneStep).
    let one = scenario(specific_border(), AB_FORMULA, Mode::OneStep);
    let r = one.run(&set).unwrap();
    assert!(r.converged);
    assert_eq!(r.pairs_changed, 2);
    let w1 = compare(&r, &fx["gegravity_one_step"], &PCT_FIELDS);
    // Its baseline and conditional resistances are bilat's conditional GE.
    let cond = scenario(specific_border(), AB_FORMULA, Mode::Conditional);
    let rc = cond.run(&set).unwrap();
    assert!(
        rc.converged && rc.max_residual <= 1e-9,
        "{}",
        rc.max_residual
    );
    let mr = [
        "omr_baseline",
        "imr_baseline",
        "omr_conditional",
        "imr_conditional",
    ];
    let w2 = compare(&rc, &fx["gegravity_one_step"], &mr);
    // The full-endowment fixed point equals scipy's solution of the system in levels.
    let full = scenario(specific_border(), AB_FORMULA, Mode::Full);
    let rf = full.run(&set).unwrap();
    assert!(
        rf.converged && rf.max_residual <= 1e-9,
        "{}",
        rf.max_residual
    );
    let w3 = compare(&rf, &fx["full_levels_scipy"], &PCT_FIELDS);
    eprintln!(
        "max rel. diff: one-step vs gegravity {w1:.2e}, MRs {w2:.2e}, full vs levels {w3:.2e}; \
         iterations cond {} full {}",
        rc.iterations, rf.iterations
    );
}

/// Recomputes the structural equations from the reported solution (levels and costs):
/// market clearing, OMR and gravity for every country and pair, expenditure and IMR for every
/// importer but the reference.
fn structural_residual(r: &ScenarioResult) -> f64 {
    let n = r.countries.len();
    let idx = |c: &str| r.countries.iter().position(|x| x.country == c).unwrap();
    let s1 = 1.0 - r.sigma;
    let y: Vec<f64> = r
        .countries
        .iter()
        .map(|c| c.output_counterfactual)
        .collect();
    let e: Vec<f64> = r
        .countries
        .iter()
        .map(|c| c.expenditure_counterfactual)
        .collect();
    let omr: Vec<f64> = r
        .countries
        .iter()
        .map(|c| c.omr_counterfactual.powf(s1))
        .collect();
    let imr: Vec<f64> = r
        .countries
        .iter()
        .map(|c| c.imr_counterfactual.powf(s1))
        .collect();
    let world: f64 = y.iter().sum();
    let (mut rows, mut cols, mut imr_rhs, mut omr_rhs) =
        (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut worst: f64 = 0.0;
    for p in &r.pairs {
        let (i, j) = (idx(&p.exporter), idx(&p.importer));
        rows[i] += p.counterfactual;
        cols[j] += p.counterfactual;
        imr_rhs[j] += p.cost_counterfactual * y[i] / (world * omr[i]);
        omr_rhs[i] += p.cost_counterfactual * e[j] / (world * imr[j]);
        let gravity = y[i] * e[j] / world * p.cost_counterfactual / (omr[i] * imr[j]);
        worst = worst.max(rel(p.counterfactual, gravity));
    }
    let reference = idx(&r.baseline.reference);
    for i in 0..n {
        worst = worst.max(rel(rows[i], y[i])).max(rel(omr[i], omr_rhs[i]));
        // R's expenditure and IMR equations give way to the normalisation P_R = 1.
        if i != reference {
            worst = worst.max(rel(cols[i], e[i])).max(rel(imr[i], imr_rhs[i]));
        }
    }
    worst
}

#[test]
fn trade_without_borders_converges_and_raises_every_real_gdp() {
    let s = scenario(without_border(), BORDER_FORMULA, Mode::Full);
    let r = s.run(&changes(&["INTL_BRDR=0"])).unwrap();
    assert!(r.converged, "{} iterations", r.iterations);
    // Tolerance 1e-10 on market clearing; the other equations hold to rounding.
    let res = structural_residual(&r);
    assert!(res <= 1e-9, "residual {res}");
    assert!(r.max_residual <= 1e-9);
    assert_eq!(r.pairs_changed, 69 * 68);
    for c in &r.countries {
        assert!(
            c.real_gdp_change_pct > 0.0,
            "{}: {}",
            c.country,
            c.real_gdp_change_pct
        );
    }
    // The reference importer's price index is the numéraire.
    assert_eq!(r.country("ZZZ").unwrap().imr_change_pct, 0.0);
    let (lo, hi) = r
        .countries
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), c| {
            (lo.min(c.real_gdp_change_pct), hi.max(c.real_gdp_change_pct))
        });
    eprintln!(
        "no borders: {} iterations, residual {res:.1e}, real GDP +{lo:.2}% … +{hi:.2}%, \
         world output {:+.2}% in ZZZ's prices",
        r.iterations, r.world_output_change_pct
    );
}

#[test]
fn conditional_without_borders_satisfies_the_mr_system() {
    let s = scenario(without_border(), BORDER_FORMULA, Mode::Conditional);
    let r = s.run(&changes(&["INTL_BRDR=0"])).unwrap();
    assert!(r.converged);
    assert!(structural_residual(&r) <= 1e-9);
    assert!(r.countries.iter().all(|c| c.output_change_pct == 0.0));
}

#[test]
fn target_turnover_is_met_and_matches_a_direct_run() {
    let s = scenario(specific_border(), AB_FORMULA, Mode::Full);
    let base = s.run(&[]).unwrap();
    let turnover0 =
        base.pair("CAN", "USA").unwrap().baseline + base.pair("USA", "CAN").unwrap().baseline;
    let target = Target {
        a: "CAN".into(),
        b: "USA".into(),
        turnover: 1.5 * turnover0,
    };
    let t = s.target(&[], &target).unwrap();
    assert!(t.found, "{} evaluations", t.evaluations);
    assert!(rel(t.achieved_turnover, target.turnover) < 1e-8);
    assert!(rel(t.start_turnover, turnover0) < 1e-12);
    assert!(t.cost_change_pct > 0.0 && t.tariff_equivalent_pct < 0.0);
    assert!(
        rel(
            t.tariff_equivalent_pct / 100.0 + 1.0,
            t.cost_factor.powf(-1.0 / 6.0)
        ) < 1e-12
    );
    eprintln!(
        "CAN-USA +50% turnover: t^(1-σ) ×{:.4} (tariff equivalent {:.2}%), {} solves",
        t.cost_factor, t.tariff_equivalent_pct, t.evaluations
    );
}

#[test]
fn belarus_kazakhstan_rta_on_head_mayer_2006() {
    let frame = read_csv(
        &data_dir().join("gravity/headmayer_2006/gravity_zeros.csv"),
        |_, _| true,
    );
    let formula =
        Formula::parse("flow ~ log(distw) + contig + comlang_off + comcur + rta | iso_o + iso_d")
            .unwrap();
    let options = ScenarioOptions {
        exporter: "iso_o".into(),
        importer: "iso_d".into(),
        ..ScenarioOptions::default()
    };
    let s = Scenario::new(&formula, &frame, options).unwrap();
    let b_rta = s.fit().coefficient("rta").unwrap().estimate;
    // BLR–KAZ already have rta = 1 in 2006 (CIS FTA): the scenario removes it, and the zero
    // change (rta=1) must change nothing.
    let same = s.run(&changes(&["rta=1@BLR-KAZ"])).unwrap();
    assert_eq!(same.pairs_changed, 0);
    let off = s.run(&changes(&["rta=0@BLR-KAZ"])).unwrap();
    assert!(off.converged && off.max_residual <= 1e-9);
    let pair = |r: &ScenarioResult| {
        r.pair("BLR", "KAZ").unwrap().counterfactual + r.pair("KAZ", "BLR").unwrap().counterfactual
    };
    let base_turnover = pair(&same);
    let change = 100.0 * (pair(&off) / base_turnover - 1.0);
    assert!(change < 0.0);
    // Target: $2 billion (the file is in millions of USD).
    let t = s
        .target(&[], &"turnover=2000@BLR-KAZ".parse().unwrap())
        .unwrap();
    assert!(t.found);
    let blr = t.scenario.country("BLR").unwrap();
    let kaz = t.scenario.country("KAZ").unwrap();
    eprintln!(
        "HM2006: rta β = {b_rta:.4} (×{:.3}); BLR–KAZ turnover {base_turnover:.1} (fitted, $m); \
         without their RTA {change:+.2}%, real GDP BLR {:+.4}% KAZ {:+.4}%; \
         to reach $2bn: t^(1−σ) ×{:.3} ({:+.1}%), tariff equivalent {:+.2}%, {:.1}× the RTA's log effect, \
         real GDP BLR {:+.3}% KAZ {:+.3}%",
        b_rta.exp(),
        off.country("BLR").unwrap().real_gdp_change_pct,
        off.country("KAZ").unwrap().real_gdp_change_pct,
        t.cost_factor,
        t.cost_change_pct,
        t.tariff_equivalent_pct,
        t.cost_factor.ln() / b_rta,
        blr.real_gdp_change_pct,
        kaz.real_gdp_change_pct,
    );
}
