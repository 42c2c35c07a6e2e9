//! The result of an estimation: coefficients, inference, sample accounting, fixed effects,
//! and prediction.

use std::collections::HashMap;

use serde::Serialize;

use crate::design::{self, ColumnSpec};
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::options::Family;

/// One estimated coefficient with its inference.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Coefficient {
    /// Regressor name as in the formula, e.g. `log(dist)`, `region::EU`, `x1:x2`.
    pub name: String,
    /// Point estimate (semi-elasticity for levels, elasticity for `log(..)` regressors).
    pub estimate: f64,
    /// Standard error under the requested vcov with fixest's small-sample corrections.
    pub std_error: f64,
    /// Test statistic estimate / std_error: a z value (Poisson) or t value (Gaussian).
    #[serde(rename = "z")]
    pub statistic: f64,
    /// Two-sided p-value (normal for Poisson, Student t with `df_t` for Gaussian).
    #[serde(rename = "p")]
    pub p_value: f64,
    /// Lower end of the 95% confidence interval.
    pub conf_low: f64,
    /// Upper end of the 95% confidence interval.
    pub conf_high: f64,
}

/// Observations removed before estimation, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct Dropped {
    /// Missing or non-finite values in a model variable (e.g. `log(0)`).
    pub missing: usize,
    /// Singletons in some fixed effect, removed iteratively.
    pub singletons: usize,
    /// Separated observations (Poisson), both checks together.
    pub separated: usize,
    /// … of which found by the fixed-effect check.
    pub separated_fe: usize,
    /// … of which found by the iterative rectifier.
    pub separated_relu: usize,
}

/// Estimated values of one fixed effect, normalised so that the first level of every fixed
/// effect but the first is 0 (only differences within a connected set are identified).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FixedEffectValues {
    /// Name, e.g. `exporter^year`.
    pub name: String,
    /// Level labels (components joined by `_`).
    pub levels: Vec<String>,
    /// Estimates on the linear-index scale, one per level.
    pub values: Vec<f64>,
}

/// Wall-clock seconds spent in each stage of [`fit`](crate::fit).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, utoipa::ToSchema)]
pub struct Timings {
    /// Evaluating the formula on the frame (columns, factors).
    pub design: f64,
    /// Missing rows, singletons and separation checks.
    pub prune: f64,
    /// IRLS or OLS with absorption.
    pub estimate: f64,
    /// Variance–covariance matrix.
    pub vcov: f64,
    /// Recovering the fixed effects.
    pub fixed_effects: f64,
}

/// A fitted model. Non-convergence is data: check `converged` and `warnings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Outcome family.
    pub family: Family,
    /// The formula in canonical form.
    pub formula: String,
    /// Outcome name (`log(trade)` for a logged outcome).
    pub outcome: String,
    /// Estimated coefficients (collinear regressors excluded, see `collinear`).
    pub coefficients: Vec<Coefficient>,
    /// Variance–covariance matrix of the coefficients, row-major, same order.
    pub vcov: Vec<Vec<f64>>,
    /// Variance type label: `iid`, `hetero`, `cluster:pair_id`, …
    pub vcov_type: String,
    /// Observations used.
    pub nobs: usize,
    /// Rows in the input frame.
    pub nrows_input: usize,
    /// Observations removed, by reason.
    pub dropped: Dropped,
    /// Regressors dropped as collinear with the fixed effects or other regressors.
    pub collinear: Vec<String>,
    /// Number of levels of each fixed effect in the estimation sample.
    pub fixed_effect_sizes: Vec<(String, usize)>,
    /// Number of clusters per clustering variable.
    pub cluster_sizes: Vec<(String, usize)>,
    /// IRLS iterations (1 for OLS).
    pub iterations: usize,
    /// Fixed-effect sweeps (or conjugate-gradient steps) of the slowest column, summed over
    /// iterations: the cost driver.
    pub absorb_sweeps: usize,
    /// Wall-clock seconds per stage (not rendered: output stays deterministic).
    pub timings: Timings,
    /// Whether IRLS and every fixed-effect absorption met their tolerances.
    pub converged: bool,
    /// Human-readable warnings (non-convergence, drops).
    pub warnings: Vec<String>,
    /// Deviance: Poisson 2 Σ [y log(y/μ) − (y − μ)]; Gaussian residual sum of squares.
    pub deviance: f64,
    /// Log-likelihood (Poisson only).
    pub loglik: Option<f64>,
    /// McFadden pseudo-R² 1 − ℓ/ℓ₀ against the constant-only model (Poisson only, as pyfixest).
    pub pseudo_r2: Option<f64>,
    /// R² (Gaussian only).
    pub r2: Option<f64>,
    /// Within R² (Gaussian only).
    pub r2_within: Option<f64>,
    /// Degrees of freedom used in the small-sample correction (coefficients + non-nested FE).
    pub df_k: usize,
    /// Degrees of freedom of t tests (Gaussian).
    pub df_t: usize,
    /// Recovered fixed effects.
    pub fixed_effects: Vec<FixedEffectValues>,
    /// Input row index of every estimation observation.
    pub rows: Vec<usize>,
    /// Input row index of every observation dropped as separated.
    pub separated_rows: Vec<usize>,
    /// Fitted values (μ for Poisson, ŷ for Gaussian), one per entry of `rows`.
    pub fitted: Vec<f64>,
    pub(crate) specs: Vec<ColumnSpec>,
    pub(crate) all_coefficients: Vec<f64>,
    pub(crate) fe_vars: Vec<Vec<String>>,
    /// The prior-weights column of the fit, if any.
    pub weights_var: Option<String>,
    /// The offset column of the fit, if any (prediction adds it from the new data).
    pub offset_var: Option<String>,
}

impl Fit {
    /// Coefficient by name.
    pub fn coefficient(&self, name: &str) -> Option<&Coefficient> {
        self.coefficients.iter().find(|c| c.name == name)
    }

    /// Predicts the response (μ = exp(η) for Poisson; η for Gaussian, in the outcome's units,
    /// i.e. log(y) for a `log(y)` outcome) for every row of `frame`: η = offset + x'β + Σ fixed
    /// effects. For the estimation rows this reproduces `fitted`; a pair's potential trade in
    /// a gravity application is `predict − actual`. Every fixed-effect level must have been estimated,
    /// else [`Error::UnknownLevel`]; rows with missing regressors give NaN.
    pub fn predict(&self, frame: &Frame) -> Result<Vec<f64>> {
        self.predict_inner(frame, false)
    }

    /// Like [`Fit::predict`], but a row whose fixed-effect level was not estimated (a dropped
    /// singleton or separated observation, or a new level) gets NaN instead of failing the
    /// whole call. Used by `bilat gravity --predict` on the full input file.
    pub fn predict_or_nan(&self, frame: &Frame) -> Result<Vec<f64>> {
        self.predict_inner(frame, true)
    }

    fn predict_inner(&self, frame: &Frame, nan_for_unknown: bool) -> Result<Vec<f64>> {
        let cols = design::eval_columns(&self.specs, frame)?;
        let mut eta = match &self.offset_var {
            Some(name) => frame.numeric(name, "the offset")?.to_vec(),
            None => vec![0.0; frame.nrows()],
        };
        for (col, b) in cols.iter().zip(&self.all_coefficients) {
            if *b != 0.0 {
                eta.iter_mut().zip(col).for_each(|(e, x)| *e += b * x);
            } else {
                eta.iter_mut()
                    .zip(col)
                    .for_each(|(e, x)| *e += if x.is_finite() { 0.0 } else { f64::NAN });
            }
        }
        for (fe, vars) in self.fixed_effects.iter().zip(&self.fe_vars) {
            let lookup: HashMap<&str, f64> = fe
                .levels
                .iter()
                .map(String::as_str)
                .zip(fe.values.iter().copied())
                .collect();
            for (row, label) in design::row_labels(vars, frame)?.into_iter().enumerate() {
                match label {
                    None => eta[row] = f64::NAN,
                    Some(l) => match lookup.get(l.as_str()) {
                        Some(v) => eta[row] += v,
                        None if nan_for_unknown => eta[row] = f64::NAN,
                        None => {
                            return Err(Error::UnknownLevel {
                                fixed_effect: fe.name.clone(),
                                level: l,
                                row,
                            });
                        }
                    },
                }
            }
        }
        Ok(match self.family {
            Family::Poisson => eta.into_iter().map(f64::exp).collect(),
            Family::Gaussian => eta,
        })
    }
}
