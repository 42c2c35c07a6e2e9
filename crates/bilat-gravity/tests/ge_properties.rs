//! Invariants of general-equilibrium scenarios (issue 16) on random small worlds:
//! - a zero change (`dist=dist`) leaves every figure at its baseline;
//! - in a world symmetric under swapping A and B, a change symmetric in A and B has the same
//!   effects on A as on B, and a third country sees no difference between them.
//!
//! Tolerances: the solver stops at relative residuals of 1e-10; the PPML baseline at a
//! deviance change of 1e-8, which leaves the fitted world symmetric to ~1e-9, so effects are
//! compared to 1e-6 percentage points.

use bilat_gravity::{CostChange, Formula, Frame, Mode, Scenario, ScenarioOptions};
use proptest::prelude::*;

/// A world of `sizes.len()` countries `C0, C1, …`: trade_ij = s_i s_j exp(−d_ij)·(1 + noise),
/// d symmetric with d_ii = 0.
fn world(sizes: &[f64], dist: &[f64], noise: &[f64]) -> Frame {
    let n = sizes.len();
    let (mut ex, mut im, mut trade, mut d) = (vec![], vec![], vec![], vec![]);
    for i in 0..n {
        for j in 0..n {
            let dij = if i == j {
                0.0
            } else {
                dist[i.min(j) * n + i.max(j)]
            };
            ex.push(format!("C{i}"));
            im.push(format!("C{j}"));
            d.push(dij);
            trade.push(sizes[i] * sizes[j] * (-dij).exp() * (1.0 + noise[i * n + j]));
        }
    }
    Frame::new()
        .with_strings("exporter", ex)
        .unwrap()
        .with_strings("importer", im)
        .unwrap()
        .with_f64("trade", trade)
        .unwrap()
        .with_f64("dist", d)
        .unwrap()
}

fn scenario(frame: &Frame, mode: Mode) -> Scenario {
    let options = ScenarioOptions {
        mode,
        ..ScenarioOptions::default()
    };
    let formula = Formula::parse("trade ~ dist | exporter + importer").unwrap();
    Scenario::new(&formula, frame, options).unwrap()
}

fn modes() -> impl Strategy<Value = Mode> {
    prop_oneof![
        Just(Mode::Conditional),
        Just(Mode::Full),
        Just(Mode::OneStep)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_zero_change_has_zero_effects(
        n in 3usize..7,
        seed in prop::collection::vec(0.1f64..3.0, 7 + 49 + 49),
        mode in modes(),
    ) {
        let sizes: Vec<f64> = seed[..n].iter().map(|s| 10.0 * s).collect();
        let frame = world(&sizes, &seed[7..56], &seed[56..].iter().map(|v| v / 6.0).collect::<Vec<_>>());
        let s = scenario(&frame, mode);
        let change: CostChange = "dist=dist".parse().unwrap();
        let r = s.run(&[change]).unwrap();
        prop_assert!(r.converged);
        prop_assert_eq!(r.pairs_changed, 0);
        for c in &r.countries {
            for v in [c.real_gdp_change_pct, c.output_change_pct, c.omr_change_pct,
                      c.imr_change_pct, c.factory_gate_price_change_pct,
                      c.exports_change_pct.unwrap(), c.imports_change_pct.unwrap()] {
                prop_assert!(v.abs() < 1e-7, "{}: {v}", c.country);
            }
        }
        for p in &r.pairs {
            prop_assert!(p.change_pct.abs() < 1e-7);
        }
    }

    #[test]
    fn symmetric_changes_on_a_symmetric_world_have_symmetric_effects(
        n in 3usize..7,
        seed in prop::collection::vec(0.2f64..3.0, 7 + 49),
        cut in 0.1f64..0.9,
        mode in modes(),
    ) {
        // C0 and C1 are twins: same size, same distance to everyone else.
        let mut sizes: Vec<f64> = seed[..n].iter().map(|s| 10.0 * s).collect();
        sizes[1] = sizes[0];
        let mut dist = seed[7..56].to_vec();
        for k in 2..n {
            dist[n + k] = dist[k]; // d(1, k) = d(0, k)
        }
        let frame = world(&sizes, &dist, &[0.0; 49]);
        let s = scenario(&frame, mode);
        let change: CostChange = format!("dist=dist*{cut}@C0-C1").parse().unwrap();
        let r = s.run(&[change]).unwrap();
        prop_assert!(r.converged);
        prop_assert_eq!(r.pairs_changed, 2);
        let (a, b) = (r.country("C0").unwrap(), r.country("C1").unwrap());
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * (1.0 + x.abs());
        for (x, y) in [
            (a.real_gdp_change_pct, b.real_gdp_change_pct),
            (a.output_change_pct, b.output_change_pct),
            (a.omr_change_pct, b.omr_change_pct),
            (a.imr_change_pct, b.imr_change_pct),
            (a.exports_change_pct.unwrap(), b.exports_change_pct.unwrap()),
            (a.imports_change_pct.unwrap(), b.imports_change_pct.unwrap()),
        ] {
            prop_assert!(close(x, y), "C0 {x} vs C1 {y}");
        }
        let (ab, ba) = (r.pair("C0", "C1").unwrap(), r.pair("C1", "C0").unwrap());
        prop_assert!(close(ab.change_pct, ba.change_pct));
        prop_assert!(ab.change_pct > 0.0, "cheaper C0–C1 trade must rise: {}", ab.change_pct);
        for k in 2..n {
            let k = format!("C{k}");
            let (ka, kb) = (r.pair(&k, "C0").unwrap(), r.pair(&k, "C1").unwrap());
            prop_assert!(close(ka.change_pct, kb.change_pct), "{k}: {} vs {}", ka.change_pct, kb.change_pct);
        }
    }
}
