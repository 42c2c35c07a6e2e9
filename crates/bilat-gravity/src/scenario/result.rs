//! A solved scenario as data: per country and per pair changes, the baseline fit, the
//! solver's account (converged, iterations, residual), serialisable to the JSON of issue 16.
//!
//! ```text
//! levels      Y′_i = p̂_i Y_i,  E′_j = p̂_j E_j,  P′_j^(1−σ) = P_j^(1−σ) / b̂_j
//!             Π′_i^(1−σ) = Σ_j t′_ij^(1−σ) E′_j / (Y′ P′_j^(1−σ))   (full; Π_i^(1−σ)/â_i otherwise)
//! real GDP    Y_i / P_i   (Yotov et al. 2016, ch. 2 replication files; gegravity's "GDP")
//! residuals   max over the equations of |lhs/rhs − 1|: Σ_j X′_ij = Y′_i, Σ_i X′_ij = E′_j (j ≠ R),
//!             X′_ij = (Y′_i E′_j / Y′) t′_ij^(1−σ) / (Π′_i P′_j)^(1−σ), and the IMR equation (j ≠ R)
//! ```

use serde::Serialize;

use super::solve::Hats;
use super::{CostChange, Mode, Scenario};
use crate::fit::Coefficient;

/// The baseline estimation, as the scenario used it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    /// The formula in canonical form.
    pub formula: String,
    /// Estimated coefficients (log-cost elasticities: t^(1−σ) = exp(x′β)).
    pub coefficients: Vec<Coefficient>,
    /// Observations in the fit.
    pub nobs: usize,
    /// Whether the PPML fit converged.
    pub converged: bool,
    /// Countries in the model.
    pub countries: usize,
    /// Ordered pairs in the model (cells with a baseline flow).
    pub pairs: usize,
    /// Frame rows left out of the model (no prediction, or a country lacking output or
    /// expenditure).
    pub rows_dropped: usize,
    /// Reference importer (P = 1 in baseline and counterfactual).
    pub reference: String,
    /// World output Y = Σ_i Y_i in the data's units (fitted, = observed).
    pub world_output: f64,
}

/// One country's effects; `*_change_pct` = 100 · (counterfactual / baseline − 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryEffect {
    /// Label as in the data.
    pub country: String,
    /// Foreign exports Σ_{j≠i} X_ij (None without any in the baseline).
    pub exports_change_pct: Option<f64>,
    /// Foreign imports Σ_{i≠j} X_ij.
    pub imports_change_pct: Option<f64>,
    /// Intranational trade X_ii (None when the data has no X_ii).
    pub intranational_change_pct: Option<f64>,
    /// Output (value) Y_i = p_i q_i.
    pub output_change_pct: f64,
    /// Expenditure E_i = φ_i Y_i.
    pub expenditure_change_pct: f64,
    /// Real GDP Y_i / P_i: the welfare measure.
    pub real_gdp_change_pct: f64,
    /// Factory-gate price p_i (0 in conditional GE).
    pub factory_gate_price_change_pct: f64,
    /// Outward multilateral resistance Π_i.
    pub omr_change_pct: f64,
    /// Inward multilateral resistance P_i (the consumer price index).
    pub imr_change_pct: f64,
    /// Baseline output Y_i, data units.
    pub output_baseline: f64,
    /// Counterfactual output Y′_i.
    pub output_counterfactual: f64,
    /// Baseline expenditure E_i.
    pub expenditure_baseline: f64,
    /// Counterfactual expenditure E′_i.
    pub expenditure_counterfactual: f64,
    /// Baseline Π_i (level, power 1).
    pub omr_baseline: f64,
    /// Counterfactual Π′_i.
    pub omr_counterfactual: f64,
    /// Baseline P_i.
    pub imr_baseline: f64,
    /// Counterfactual P′_i.
    pub imr_counterfactual: f64,
}

/// One ordered pair's flows (data units) and cost terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairEffect {
    /// Exporter label.
    pub exporter: String,
    /// Importer label.
    pub importer: String,
    /// Baseline flow X̂_ij (the fit's prediction).
    pub baseline: f64,
    /// Counterfactual flow X′_ij.
    pub counterfactual: f64,
    /// 100 · (X′/X̂ − 1).
    pub change_pct: f64,
    /// Baseline t_ij^(1−σ) = exp(x′β).
    pub cost_baseline: f64,
    /// Counterfactual t′_ij^(1−σ).
    pub cost_counterfactual: f64,
}

/// A solved scenario. Non-convergence is data: check `converged` and `max_residual`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// Equilibrium concept.
    pub mode: Mode,
    /// Elasticity of substitution used.
    pub sigma: f64,
    /// Whether the solver met `tolerance`.
    pub converged: bool,
    /// Solver iterations.
    pub iterations: usize,
    /// The tolerance asked for.
    pub tolerance: f64,
    /// Largest relative residual of the structural equations at the reported solution
    /// (module doc); ≤ `tolerance` at a converged conditional or full solution. The one-step
    /// mode is not an equilibrium of the full system, so its residual is not small.
    pub max_residual: f64,
    /// Σ_i X′_iR / E′_R − 1 for the reference importer R: with expenditure shares of output
    /// fixed, world expenditure drifts from world output, and the normalisation P_R = 1 leaves
    /// the difference here (0 in conditional GE; see the solver's module doc).
    pub reference_expenditure_gap: f64,
    /// Largest relative residual of the equations the solver iterates on (market clearing
    /// in full GE, the row sums in conditional GE) at its last iterate.
    pub solver_residual: f64,
    /// The changes, as typed (`VAR=EXPR@PAIRS`).
    pub changes: Vec<String>,
    /// Ordered pairs whose cost term changed.
    pub pairs_changed: usize,
    /// World output Σ_i Y′_i in the reference importer's prices, % change.
    pub world_output_change_pct: f64,
    /// The baseline estimation.
    pub baseline: Baseline,
    /// One entry per country, sorted by label.
    pub countries: Vec<CountryEffect>,
    /// One entry per ordered pair in the model, sorted by exporter then importer.
    pub pairs: Vec<PairEffect>,
}

impl ScenarioResult {
    /// A country's effects by label.
    pub fn country(&self, label: &str) -> Option<&CountryEffect> {
        self.countries
            .iter()
            .find(|c| c.country.eq_ignore_ascii_case(label))
    }

    /// A pair's flows by labels.
    pub fn pair(&self, exporter: &str, importer: &str) -> Option<&PairEffect> {
        self.pairs.iter().find(|p| {
            p.exporter.eq_ignore_ascii_case(exporter) && p.importer.eq_ignore_ascii_case(importer)
        })
    }

    /// Pretty JSON (the stable API of `bilat scenario --format json`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

fn pct(new: f64, old: f64) -> f64 {
    100.0 * (new / old - 1.0)
}

fn pct_opt(new: f64, old: f64) -> Option<f64> {
    (old > 0.0).then(|| pct(new, old))
}

/// Counterfactual levels of one solution: (Y′, E′, Π′^(1−σ), P′^(1−σ), t′^(1−σ)).
struct Levels {
    y: Vec<f64>,
    e: Vec<f64>,
    omr_pow: Vec<f64>,
    imr_pow: Vec<f64>,
    cost: Vec<f64>,
}

fn levels(s: &Scenario, theta: &[f64], h: &Hats) -> Levels {
    let w = &s.world;
    let n = w.n;
    let y: Vec<f64> = (0..n).map(|i| h.p[i] * w.y[i]).collect();
    let e: Vec<f64> = (0..n).map(|j| h.p[j] * w.e[j]).collect();
    let imr_pow: Vec<f64> = (0..n).map(|j| w.imr_pow[j] / h.b[j]).collect();
    let cost: Vec<f64> = w.cost.iter().zip(theta).map(|(c, t)| c * t).collect();
    let omr_pow = match s.options.mode {
        Mode::Full => {
            let total: f64 = y.iter().sum();
            (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| cost[i * n + j] * e[j] / (total * imr_pow[j]))
                        .sum()
                })
                .collect()
        }
        Mode::Conditional | Mode::OneStep => (0..n).map(|i| w.omr_pow[i] / h.a[i]).collect(),
    };
    Levels {
        y,
        e,
        omr_pow,
        imr_pow,
        cost,
    }
}

/// |a/b − 1|, 0 for a = b (both 0 included).
fn gap(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { ((a - b) / b).abs() }
}

/// Largest relative residual of the structural equations at `flows` (module doc), per
/// equation: [market clearing, expenditure, IMR, gravity]. The reference importer's
/// expenditure and IMR equations are replaced by the normalisation P_R = 1 (solve.rs).
fn residuals(lv: &Levels, flows: &[f64], n: usize, reference: usize) -> [f64; 4] {
    let total: f64 = lv.y.iter().sum();
    let mut worst = [0.0f64; 4];
    for i in 0..n {
        worst[0] = worst[0].max(gap((0..n).map(|j| flows[i * n + j]).sum(), lv.y[i]));
        if i != reference {
            worst[1] = worst[1].max(gap((0..n).map(|k| flows[k * n + i]).sum(), lv.e[i]));
            let imr: f64 = (0..n)
                .map(|k| lv.cost[k * n + i] * lv.y[k] / (total * lv.omr_pow[k]))
                .sum();
            worst[2] = worst[2].max(gap(lv.imr_pow[i], imr));
        }
        for j in 0..n {
            let k = i * n + j;
            if lv.cost[k] > 0.0 {
                let g = lv.y[i] * lv.e[j] / total * lv.cost[k] / (lv.omr_pow[i] * lv.imr_pow[j]);
                worst[3] = worst[3].max(gap(flows[k], g));
            }
        }
    }
    worst.map(|w| if w.is_nan() { f64::INFINITY } else { w })
}

/// Assembles the result of one solve.
pub(crate) fn summarise(
    s: &Scenario,
    theta: &[f64],
    h: &Hats,
    changes: &[CostChange],
) -> ScenarioResult {
    let w = &s.world;
    let n = w.n;
    let lv = levels(s, theta, h);
    let inv = 1.0 / (1.0 - s.options.sigma);
    let x1 = &h.flows;
    let countries = (0..n)
        .map(|i| {
            let foreign = |m: &[f64], by_row: bool| -> f64 {
                (0..n)
                    .filter(|&k| k != i)
                    .map(|k| if by_row { m[i * n + k] } else { m[k * n + i] })
                    .sum()
            };
            let imr0 = w.imr_pow[i].powf(inv);
            let imr1 = lv.imr_pow[i].powf(inv);
            let (omr0, omr1) = (w.omr_pow[i].powf(inv), lv.omr_pow[i].powf(inv));
            CountryEffect {
                country: w.countries[i].clone(),
                exports_change_pct: pct_opt(foreign(x1, true), foreign(&w.x, true)),
                imports_change_pct: pct_opt(foreign(x1, false), foreign(&w.x, false)),
                intranational_change_pct: pct_opt(x1[i * n + i], w.x[i * n + i]),
                output_change_pct: pct(lv.y[i], w.y[i]),
                expenditure_change_pct: pct(lv.e[i], w.e[i]),
                real_gdp_change_pct: pct(lv.y[i] / imr1, w.y[i] / imr0),
                factory_gate_price_change_pct: pct(h.p[i], 1.0),
                omr_change_pct: pct(omr1, omr0),
                imr_change_pct: pct(imr1, imr0),
                output_baseline: w.y[i],
                output_counterfactual: lv.y[i],
                expenditure_baseline: w.e[i],
                expenditure_counterfactual: lv.e[i],
                omr_baseline: omr0,
                omr_counterfactual: omr1,
                imr_baseline: imr0,
                imr_counterfactual: imr1,
            }
        })
        .collect();
    let pairs = (0..n * n)
        .filter(|&k| w.row[k].is_some())
        .map(|k| PairEffect {
            exporter: w.countries[k / n].clone(),
            importer: w.countries[k % n].clone(),
            baseline: w.x[k],
            counterfactual: x1[k],
            change_pct: pct(x1[k], w.x[k]),
            cost_baseline: w.cost[k],
            cost_counterfactual: lv.cost[k],
        })
        .collect();
    let fit = &s.fit;
    ScenarioResult {
        mode: s.options.mode,
        sigma: s.options.sigma,
        converged: h.converged,
        iterations: h.iterations,
        tolerance: s.options.tol,
        max_residual: residuals(&lv, x1, n, w.reference)
            .into_iter()
            .fold(0.0, f64::max),
        reference_expenditure_gap: gap(
            (0..n).map(|k| x1[k * n + w.reference]).sum(),
            lv.e[w.reference],
        ),
        solver_residual: h.residual,
        changes: changes.iter().map(ToString::to_string).collect(),
        pairs_changed: theta.iter().filter(|t| **t != 1.0).count(),
        world_output_change_pct: pct(lv.y.iter().sum(), w.y.iter().sum()),
        baseline: Baseline {
            formula: fit.formula.clone(),
            coefficients: fit.coefficients.clone(),
            nobs: fit.nobs,
            converged: fit.converged,
            countries: n,
            pairs: w.row.iter().filter(|r| r.is_some()).count(),
            rows_dropped: w.rows_dropped,
            reference: w.countries[w.reference].clone(),
            world_output: w.y.iter().sum(),
        },
        countries,
        pairs,
    }
}
