//! The structural system and its solvers, in exact-hat form (Dekle, Eaton & Kortum 2007, as
//! in Baier, Yotov & Zylkin's `ge_gravity`): unknowns are ratios x̂ = x′/x of the
//! counterfactual to the baseline, so only baseline flows X_ij and the cost shock
//! θ_ij = t̂_ij^(1−σ) are needed.
//!
//! ```text
//! baseline   X_ij = (Y_i E_j / Y) · t_ij^(1−σ) / (Π_i^(1−σ) P_j^(1−σ))        (AvW 2003 eq. 9)
//!            Π_i^(1−σ) = Σ_j t_ij^(1−σ) P_j^(σ−1) E_j/Y,  P_j^(1−σ) = Σ_i t_ij^(1−σ) Π_i^(σ−1) Y_i/Y
//!
//! conditional (Y, E fixed):  X′_ij = X_ij θ_ij â_i b̂_j  with  Σ_j X′_ij = Y_i,  Σ_i X′_ij = E_j,
//!            â_i = Π̂_i^(σ−1), b̂_j = P̂_j^(σ−1), b̂_R = 1          (Yotov et al. 2016, eq. 2-31–2-32)
//!            solved by alternating scaling (Sinkhorn 1964): â_i = Y_i / Σ_j X_ij θ_ij b̂_j, …
//!
//! full endowment (q_i fixed, Y_i = p_i q_i, E_i = φ_i Y_i):           (Yotov et al. 2016, eq. 2-33–2-36)
//!            P̂_j^(1−σ) = Σ_i λ_ij θ_ij p̂_i^(1−σ),   λ_ij = X_ij / E_j
//!            p̂_i Y_i  = Σ_j X_ij θ_ij p̂_i^(1−σ) P̂_j^(σ−1) p̂_j E_j/E_j          (market clearing)
//!            iterated as p̂_i ← (Σ_j X_ij θ_ij P̂_j^(σ−1) p̂_j / Y_i)^(1/σ), with P̂_R = 1 (the
//!            book's numéraire) in place of R's price-index equation.
//!            With φ_i = E_i/Y_i fixed, Walras' law Σ_i Y′_i = Σ_j E′_j fails unless every
//!            p̂ is equal, so the N market-clearing and N−1 price-index equations cannot all
//!            hold with R's as well; as in the book's GEPPML (and a levels solve of eq.
//!            2-33–2-36), the gap is left in R's expenditure: Σ_i X′_iR ≠ E′_R, reported as
//!            `reference_expenditure_gap`.
//!
//! one step (gegravity 0.3):  conditional MRs, then p̂_i = Π̂_i^(−1) (its factory-gate equation
//!            with output shares held at baseline), Y′ = p̂ Y, E′ = p̂ E,
//!            X′_ij = X_ij θ_ij â_i b̂_j p̂_i p̂_j / Ŷ.
//! ```
//! The exponent 1/σ damps the price update, as in Alvarez & Lucas (2007), whose gross-
//! substitutes argument gives a unique fixed point; no step size is tuned. Iteration stops
//! when the largest relative residual of the equations it solves is ≤ `tol`.

/// A world in matrix form: `n` countries, row-major `n × n` baseline flows and cost shocks.
pub(crate) struct System<'a> {
    pub n: usize,
    /// Baseline flows X_ij at `i * n + j` (0 where the pair is absent).
    pub x: &'a [f64],
    /// Cost shock θ_ij = t′^(1−σ)/t^(1−σ) at `i * n + j` (1 where unchanged).
    pub theta: &'a [f64],
    /// Baseline output Y_i = Σ_j X_ij.
    pub y: &'a [f64],
    /// Baseline expenditure E_j = Σ_i X_ij.
    pub e: &'a [f64],
    /// Index of the reference importer (P̂_R = 1).
    pub reference: usize,
    /// Elasticity of substitution σ > 1.
    pub sigma: f64,
    /// Largest relative residual accepted.
    pub tol: f64,
    /// Iteration limit.
    pub max_iter: usize,
}

/// The hat values at a solution (or at the last iterate when not converged).
#[derive(Debug, Clone)]
pub(crate) struct Hats {
    /// p̂_i: factory-gate price (= output, = expenditure) change; 1 in conditional GE.
    pub p: Vec<f64>,
    /// â_i = Π̂_i^(σ−1) (OMR change, power σ−1).
    pub a: Vec<f64>,
    /// b̂_j = P̂_j^(σ−1) (IMR change, power σ−1).
    pub b: Vec<f64>,
    /// Counterfactual flows X′_ij, row-major.
    pub flows: Vec<f64>,
    /// Iterations used.
    pub iterations: usize,
    /// Whether the residual reached `tol`.
    pub converged: bool,
    /// Largest relative residual of the solved equations at the returned point.
    pub residual: f64,
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { (a - b).abs() / b.abs() }
}

impl System<'_> {
    /// Conditional GE: re-solves the resistances with Y and E fixed (alternating scaling).
    pub fn conditional(&self) -> Hats {
        let n = self.n;
        let (mut a, mut b) = (vec![1.0; n], vec![1.0; n]);
        let (mut iterations, mut residual, mut converged) = (0, f64::INFINITY, false);
        while iterations < self.max_iter {
            iterations += 1;
            for (i, ai) in a.iter_mut().enumerate() {
                let s: f64 = (0..n)
                    .map(|j| self.x[i * n + j] * self.theta[i * n + j] * b[j])
                    .sum();
                *ai = if s > 0.0 { self.y[i] / s } else { 1.0 };
            }
            for (j, bj) in b.iter_mut().enumerate() {
                let s: f64 = (0..n)
                    .map(|i| self.x[i * n + j] * self.theta[i * n + j] * a[i])
                    .sum();
                *bj = if s > 0.0 { self.e[j] / s } else { 1.0 };
            }
            let s = b[self.reference];
            b.iter_mut().for_each(|v| *v /= s);
            a.iter_mut().for_each(|v| *v *= s);
            residual = (0..n)
                .filter(|&i| self.y[i] > 0.0)
                .map(|i| {
                    let s: f64 = (0..n)
                        .map(|j| self.x[i * n + j] * self.theta[i * n + j] * b[j])
                        .sum();
                    rel(a[i] * s, self.y[i])
                })
                .fold(0.0, f64::max);
            if !residual.is_finite() {
                break;
            }
            if residual <= self.tol {
                converged = true;
                break;
            }
        }
        let flows = self.scaled_flows(&a, &b, |_, _| 1.0);
        Hats {
            p: vec![1.0; n],
            a,
            b,
            flows,
            iterations,
            converged,
            residual,
        }
    }

    /// X_ij θ_ij â_i b̂_j · extra(i, j).
    fn scaled_flows(&self, a: &[f64], b: &[f64], extra: impl Fn(usize, usize) -> f64) -> Vec<f64> {
        let n = self.n;
        (0..n * n)
            .map(|k| {
                let (i, j) = (k / n, k % n);
                self.x[k] * self.theta[k] * a[i] * b[j] * extra(i, j)
            })
            .collect()
    }

    /// P̂_j^(1−σ) = Σ_i λ_ij θ_ij p̂_i^(1−σ) for every j but the reference, whose P̂_R = 1.
    fn imr_hat_pow(&self, p: &[f64]) -> Vec<f64> {
        let n = self.n;
        let pw: Vec<f64> = p.iter().map(|v| v.powf(1.0 - self.sigma)).collect();
        (0..n)
            .map(|j| {
                if self.e[j] <= 0.0 || j == self.reference {
                    return 1.0;
                }
                let s: f64 = (0..n)
                    .map(|i| self.x[i * n + j] * self.theta[i * n + j] * pw[i])
                    .sum();
                s / self.e[j]
            })
            .collect()
    }

    /// Full-endowment GE: factory-gate prices, output, expenditure and resistances adjust.
    pub fn full(&self) -> Hats {
        let n = self.n;
        let s1 = 1.0 - self.sigma;
        let mut p = vec![1.0; n];
        let (mut iterations, mut converged) = (0, false);
        let mut residual;
        loop {
            let ph = self.imr_hat_pow(&p);
            // Market clearing at the current p̂: Σ_j X′_ij against p̂_i Y_i.
            let mut next = vec![1.0; n];
            residual = 0.0;
            for i in 0..n {
                if self.y[i] <= 0.0 {
                    continue;
                }
                let s: f64 = (0..n)
                    .map(|j| self.x[i * n + j] * self.theta[i * n + j] * p[j] / ph[j])
                    .sum();
                residual = f64::max(residual, rel(p[i].powf(s1) * s, p[i] * self.y[i]));
                next[i] = (s / self.y[i]).powf(1.0 / self.sigma);
            }
            if !residual.is_finite() || next.iter().any(|v| !v.is_finite() || *v <= 0.0) {
                residual = f64::INFINITY;
                break;
            }
            if residual <= self.tol {
                converged = true;
                break;
            }
            if iterations >= self.max_iter {
                break;
            }
            iterations += 1;
            p = next;
        }
        let ph = self.imr_hat_pow(&p);
        let b: Vec<f64> = ph.iter().map(|v| 1.0 / v).collect();
        let a: Vec<f64> = p.iter().map(|v| v.powf(s1)).collect();
        let flows = self.scaled_flows(&a, &b, |_, j| p[j]);
        // â here is p̂^(1−σ), the exporter's term in X′; the OMR itself is reported from its
        // own equation by the caller.
        Hats {
            p,
            a,
            b,
            flows,
            iterations,
            converged,
            residual,
        }
    }

    /// gegravity's full GE: conditional resistances, then one factory-gate price update.
    pub fn one_step(&self) -> Hats {
        let mut h = self.conditional();
        let s1 = 1.0 - self.sigma;
        h.p = h.a.iter().map(|a| a.powf(1.0 / s1)).collect();
        let world: f64 = self.y.iter().sum();
        let world_hat = h.p.iter().zip(self.y).map(|(p, y)| p * y).sum::<f64>() / world;
        let p = h.p.clone();
        h.flows = self.scaled_flows(&h.a, &h.b, |i, j| p[i] * p[j] / world_hat);
        h
    }
}
