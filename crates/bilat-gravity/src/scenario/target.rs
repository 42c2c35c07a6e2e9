//! The seed's question turned around: by how much would a pair's bilateral trade costs have
//! to fall for their turnover to reach a target? A one-dimensional root search over full
//! solves.
//!
//! ```text
//! θ_AB ← c·θ_AB,  θ_BA ← c·θ_BA          (uniform change of the pair's t^(1−σ), both directions)
//! find s = ln c with  g(s) = ln(X′_AB(s) + X′_BA(s)) − ln(target) = 0
//! cost change  = 100 (c − 1)              (of t^(1−σ), comparable with exp(β_rta) − 1)
//! tariff equivalent = 100 (c^(1/(1−σ)) − 1)   (of t itself: an ad-valorem cost change)
//! ```
//! g is increasing in s (a pair's flows rise as its own costs fall), so the root is bracketed
//! by doubling steps from s = 0 and refined by the Illinois variant of false position
//! (Dowell & Jarratt 1971), which keeps the bracket and converges superlinearly.

use std::str::FromStr;

use serde::Serialize;

use super::{CostChange, Scenario, ScenarioResult};
use crate::error::{Error, Result};

/// A turnover target for a pair: `turnover=2e9@BLR-KAZ`.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// First country.
    pub a: String,
    /// Second country.
    pub b: String,
    /// Target turnover X_AB + X_BA, in the data's units.
    pub turnover: f64,
}

impl FromStr for Target {
    type Err = Error;

    /// `turnover=VALUE@A-B`.
    fn from_str(s: &str) -> Result<Target> {
        let bad = || Error::InvalidScenario {
            what: "target",
            message: format!("`{s}`: expected turnover=VALUE@A-B (e.g. turnover=2e9@BLR-KAZ)"),
        };
        let (lhs, rest) = s.split_once('=').ok_or_else(bad)?;
        let (value, pair) = rest.split_once('@').ok_or_else(bad)?;
        let (a, b) = pair.split_once('-').ok_or_else(bad)?;
        let turnover: f64 = value.trim().parse().map_err(|_| bad())?;
        if !(lhs.trim().eq_ignore_ascii_case("turnover") && turnover.is_finite() && turnover > 0.0)
        {
            return Err(bad());
        }
        Ok(Target {
            a: a.trim().to_owned(),
            b: b.trim().to_owned(),
            turnover,
        })
    }
}

/// The cost change that meets a [`Target`], with the scenario solved at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    /// First country.
    pub a: String,
    /// Second country.
    pub b: String,
    /// Target turnover, data units.
    pub target_turnover: f64,
    /// Turnover without the pair's extra change (the other changes applied), data units.
    pub start_turnover: f64,
    /// Turnover at the reported factor.
    pub achieved_turnover: f64,
    /// The factor c on the pair's t^(1−σ).
    pub cost_factor: f64,
    /// 100 (c − 1).
    pub cost_change_pct: f64,
    /// 100 (c^(1/(1−σ)) − 1): the change of the trade cost t itself.
    pub tariff_equivalent_pct: f64,
    /// Whether |g| ≤ 1e-9 was reached with every solve converged.
    pub found: bool,
    /// Full solves run.
    pub evaluations: usize,
    /// The scenario at the reported factor.
    pub scenario: ScenarioResult,
}

struct Search<'a> {
    scenario: &'a Scenario,
    theta: Vec<f64>,
    cells: [usize; 2],
    changes: &'a [CostChange],
    target: f64,
    evaluations: usize,
    all_converged: bool,
}

impl Search<'_> {
    /// g(s) and the result at s.
    fn eval(&mut self, s: f64) -> (f64, ScenarioResult) {
        let mut theta = self.theta.clone();
        for &k in &self.cells {
            theta[k] *= s.exp();
        }
        let r = self.scenario.solve(&theta, self.changes);
        self.evaluations += 1;
        self.all_converged &= r.converged;
        let t = turnover(&r, self.scenario, self.cells);
        ((t / self.target).ln(), r)
    }
}

fn turnover(r: &ScenarioResult, s: &Scenario, cells: [usize; 2]) -> f64 {
    let n = s.world.n;
    cells
        .iter()
        .map(|&k| {
            r.pair(&s.world.countries[k / n], &s.world.countries[k % n])
                .map_or(0.0, |p| p.counterfactual)
        })
        .sum()
}

impl Scenario {
    /// The uniform change of the pair's bilateral costs (on top of `changes`) that brings
    /// their turnover to `target.turnover` in this scenario's mode.
    pub fn target(&self, changes: &[CostChange], target: &Target) -> Result<TargetResult> {
        let w = &self.world;
        let (i, j) = (w.country(&target.a)?, w.country(&target.b)?);
        let cells = [i * w.n + j, j * w.n + i];
        if i == j || cells.iter().any(|&k| w.row[k].is_none()) {
            return Err(Error::InvalidScenario {
                what: "target",
                message: format!(
                    "{}-{} is not a pair with flows both ways in the model",
                    target.a, target.b
                ),
            });
        }
        let mut search = Search {
            scenario: self,
            theta: self.cost_shock(changes)?,
            cells,
            changes,
            target: target.turnover,
            evaluations: 0,
            all_converged: true,
        };
        let (g0, r0) = search.eval(0.0);
        let start_turnover = turnover(&r0, self, cells);
        let (mut best_s, mut best_g, mut best) = (0.0, g0, r0);
        // Bracket: step away from 0 in the direction that reduces |g|, doubling.
        let dir = if g0 < 0.0 { 1.0 } else { -1.0 };
        let (mut lo, mut glo) = (0.0, g0);
        let (mut hi, mut ghi) = (f64::NAN, f64::NAN);
        let mut step: f64 = 0.5;
        while g0 != 0.0 && step <= 64.0 {
            let (g, r) = search.eval(dir * step);
            if g.abs() < best_g.abs() {
                (best_s, best_g, best) = (dir * step, g, r);
            }
            if g.is_nan() {
                break;
            }
            if g.signum() != g0.signum() {
                (hi, ghi) = (dir * step, g);
                break;
            }
            (lo, glo) = (dir * step, g);
            step *= 2.0;
        }
        // Illinois false position on [lo, hi].
        let mut side = 0;
        while hi.is_finite() && best_g.abs() > 1e-9 && search.evaluations < 200 {
            let s = (lo * ghi - hi * glo) / (ghi - glo);
            let (g, r) = search.eval(s);
            if g.abs() < best_g.abs() {
                (best_s, best_g, best) = (s, g, r);
            }
            if !g.is_finite() {
                break;
            }
            if g.signum() == ghi.signum() {
                (hi, ghi) = (s, g);
                if side == 1 {
                    glo /= 2.0;
                }
                side = 1;
            } else {
                (lo, glo) = (s, g);
                if side == -1 {
                    ghi /= 2.0;
                }
                side = -1;
            }
        }
        let c = best_s.exp();
        let sigma = self.options.sigma;
        Ok(TargetResult {
            a: w.countries[i].clone(),
            b: w.countries[j].clone(),
            target_turnover: target.turnover,
            start_turnover,
            achieved_turnover: turnover(&best, self, cells),
            cost_factor: c,
            cost_change_pct: 100.0 * (c - 1.0),
            tariff_equivalent_pct: 100.0 * (c.powf(1.0 / (1.0 - sigma)) - 1.0),
            found: best_g.abs() <= 1e-9 && search.all_converged,
            evaluations: search.evaluations,
            scenario: best,
        })
    }
}
