//! Separation: observations whose Poisson MLE would push the linear index to −∞.
//!
//! Two checks, after ppmlhdfe (Correia, Guimarães & Zylkin 2021):
//!
//! - **fe**: a fixed-effect level whose outcome is zero throughout is separated (its
//!   coefficient diverges); drop its observations.
//! - **relu** (iterative rectifier, §3.3 of the paper): with weights ω_i = K for y_i > 0 and 1
//!   otherwise (K = N₊ / tol², so the fit is forced to zero on the interior sample), regress
//!   U on the regressors and fixed effects, set Û_i = 0 where y_i > 0 or |Û_i| is within
//!   tolerance, stop if Û ≥ 0 (observations with Û_i > 0 are separated), else update
//!   U_i = max(Û_i, 0) on the boundary sample (the ReLU step) and repeat.
//!
//! # References
//! - Correia, S., Guimarães, P. & Zylkin, T. (2021). Verifying the existence of maximum
//!   likelihood estimates for generalized linear models. arXiv:1903.01633.

use crate::absorb::{Demeaner, Factor};
use crate::linalg;
use crate::options::Solver;

/// Drops observations in fixed-effect levels with an all-zero outcome; returns how many.
pub(crate) fn drop_fe_separated(factors: &[Factor], y: &[f64], keep: &mut [bool]) -> usize {
    let mut dropped = 0;
    for f in factors {
        let mut any_positive = vec![false; f.n_levels()];
        for (i, &c) in f.codes.iter().enumerate() {
            if keep[i] && y[i] > 0.0 {
                any_positive[c as usize] = true;
            }
        }
        for (i, &c) in f.codes.iter().enumerate() {
            if keep[i] && !any_positive[c as usize] {
                keep[i] = false;
                dropped += 1;
            }
        }
    }
    dropped
}

/// Outcome of the iterative rectifier.
pub(crate) struct Relu {
    /// Per observation: separated.
    pub separated: Vec<bool>,
    /// Iterations used.
    pub iterations: usize,
    /// False if `max_iter` was reached (then `separated` is all false).
    pub converged: bool,
}

/// Iterative rectifier on the sample given by `y`, `x` (with intercept column if the model
/// has one) and `factors` (already restricted to the sample).
pub(crate) fn relu_separated(
    y: &[f64],
    x: &[Vec<f64>],
    factors: &[Factor],
    tol: f64,
    max_iter: usize,
) -> Relu {
    let n = y.len();
    let n_pos = y.iter().filter(|v| **v > 0.0).count();
    let none = |iterations, converged| Relu {
        separated: vec![false; n],
        iterations,
        converged,
    };
    if n_pos == n {
        return none(0, true);
    }
    let k = n_pos.max(1) as f64 / (tol * tol);
    let omega: Vec<f64> = y.iter().map(|&v| if v > 0.0 { k } else { 1.0 }).collect();
    let demeaner = Demeaner::new(factors, &omega);
    let inner_tol = 1e-12;
    // The regressors' within transform does not change across iterations (fixed weights).
    let mut xt: Vec<Vec<f64>> = x.to_vec();
    demeaner.absorb_columns(&mut xt, inner_tol, 100_000, Solver::Krylov);
    // Collinearity is judged without the weights: K ≫ 1 would make every direction that is
    // constant on the interior sample look collinear, and those are the ones that matter.
    let ones = vec![1.0; n];
    let scale: Vec<f64> = x.iter().map(|c| c.iter().map(|v| v * v).sum()).collect();
    let gram_all = linalg::gram(&xt, &ones);
    let excluded = linalg::collinear_columns(&gram_all, xt.len(), &scale, 1e-9);
    let xt: Vec<Vec<f64>> = xt
        .into_iter()
        .zip(&excluded)
        .filter(|(_, e)| !**e)
        .map(|(c, _)| c)
        .collect();
    let p = xt.len();
    let gram = linalg::gram(&xt, &omega);
    let mut u: Vec<f64> = y.iter().map(|&v| if v > 0.0 { 0.0 } else { 1.0 }).collect();
    for iteration in 1..=max_iter {
        let mut ut = u.clone();
        demeaner.absorb_with(&mut ut, inner_tol, 100_000, Solver::Krylov);
        let beta = if p > 0 {
            match linalg::solve_spd(&gram, p, &linalg::cross(&xt, &omega, &ut)) {
                Some(b) => b,
                None => return none(iteration, false),
            }
        } else {
            Vec::new()
        };
        // Û = U − (Ũ − X̃β)
        let mut uhat: Vec<f64> = (0..n)
            .map(|i| {
                let xb: f64 = (0..p).map(|j| xt[j][i] * beta[j]).sum();
                u[i] - (ut[i] - xb)
            })
            .collect();
        for (i, h) in uhat.iter_mut().enumerate() {
            if y[i] > 0.0 || (*h > -0.1 * tol && *h < tol) {
                *h = 0.0;
            }
        }
        if uhat.iter().all(|h| *h >= 0.0) {
            return Relu {
                separated: uhat.iter().map(|h| *h > 0.0).collect(),
                iterations: iteration,
                converged: true,
            };
        }
        for i in 0..n {
            if y[i] <= 0.0 {
                u[i] = uhat[i].max(0.0);
            }
        }
    }
    none(max_iter, false)
}
