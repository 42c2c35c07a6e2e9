//! The estimator core: sample preparation, IRLS (Poisson) or OLS with absorbed fixed effects,
//! and variance estimation. Written by hand, following fixest and ppmlhdfe.
//!
//! ```text
//! PPML by IRLS (Correia, Guimarães & Zylkin 2020, eq. 5–9; Santos Silva & Tenreyro 2006):
//!   μ⁰ = (y + ȳ)/2,  η⁰ = log μ⁰
//!   repeat: w = μ,  z = η + (y − μ)/μ                                   (working outcome)
//!           z̃, X̃ = within transforms of z, X under weights w            (absorb.rs)
//!           β = (X̃'WX̃)⁻¹ X̃'Wz̃,  η = z − (z̃ − X̃β),  μ = exp(η)
//!           halve the step while the deviance rises
//!   until |dev − dev₋₁| / (0.1 + |dev|) < tol
//! ```
//!
//! Accelerations from ppmlhdfe: X̃ from the previous iteration is absorbed again instead
//! of X (exact, because X − X̃ lies in the span of the fixed effects, which any weighted
//! projection removes), and likewise z − z₋₁ + z̃₋₁ instead of z; and the absorption
//! tolerance starts loose (1e-1) and tightens with the deviance change down to `fe_tol`
//! (convergence is only declared at `fe_tol`).

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use statrs::function::gamma::ln_gamma;

use crate::absorb::{Demeaner, Factor, drop_singletons};
use crate::design::{Design, Extras, cluster_terms};
use crate::error::{Error, Result};
use crate::fit::{Coefficient, Dropped, Fit, FixedEffectValues, Timings};
use crate::formula::Formula;
use crate::frame::Frame;
use crate::linalg;
use crate::options::{Family, FitOptions, Vcov};
use crate::separation::{drop_fe_separated, relu_separated};
use std::time::Instant;

/// Fits `formula` on `frame`.
///
/// ```
/// use bilat_gravity::{fit, FitOptions, Formula, Frame};
/// let frame = Frame::new()
///     .with_f64("y", vec![1.0, 3.0, 2.0, 6.0, 0.0, 4.0])?
///     .with_f64("x", vec![0.1, 0.9, 0.4, 1.2, 0.2, 0.7])?
///     .with_strings("g", ["a", "a", "b", "b", "c", "c"].map(String::from).to_vec())?;
/// let fit = fit(&Formula::parse("y ~ x | g")?, &frame, &FitOptions::poisson())?;
/// assert!(fit.converged);
/// assert_eq!(fit.nobs, 6);
/// # Ok::<(), bilat_gravity::Error>(())
/// ```
pub fn fit(formula: &Formula, frame: &Frame, options: &FitOptions) -> Result<Fit> {
    options.validate()?;
    let cluster = match &options.vcov {
        Vcov::Cluster(v) => cluster_terms(v),
        _ => Vec::new(),
    };
    let clock = Instant::now();
    let mut timings = Timings::default();
    let design = Design::build(formula, frame, &cluster, extras(options))?;
    timings.design = clock.elapsed().as_secs_f64();
    let nrows = frame.nrows();
    let poisson = options.family == Family::Poisson;
    let Sample {
        keep,
        dropped,
        mut warnings,
        separated_rows,
    } = prune(&design, options)?;
    timings.prune = clock.elapsed().as_secs_f64() - timings.design;
    let rows: Vec<usize> = (0..nrows).filter(|&i| keep[i]).collect();
    if rows.is_empty() {
        return Err(Error::EmptySample {
            rows: nrows,
            missing: dropped.missing,
            singletons: dropped.singletons,
            separated: dropped.separated,
        });
    }
    if design.zero_weight > 0 {
        warnings.push(format!(
            "{} observations with zero weight dropped",
            design.zero_weight
        ));
    }
    if dropped.singletons > 0 {
        warnings.push(format!(
            "{} singleton observations dropped",
            dropped.singletons
        ));
    }
    if dropped.separated > 0 {
        warnings.push(format!(
            "{} observations dropped because of separation ({} fe, {} relu)",
            dropped.separated, dropped.separated_fe, dropped.separated_relu
        ));
    }
    let y: Vec<f64> = rows.iter().map(|&i| design.y[i]).collect();
    if poisson && y.iter().all(|v| *v == 0.0) {
        return Err(Error::AllZeroOutcome {
            column: design.y_name.clone(),
        });
    }
    let x: Vec<Vec<f64>> = design
        .x
        .iter()
        .map(|c| rows.iter().map(|&i| c[i]).collect())
        .collect();
    let factors: Vec<Factor> = design.factors.iter().map(|f| f.subset(&rows)).collect();
    let clusters: Vec<Factor> = design.clusters.iter().map(|f| f.subset(&rows)).collect();
    let names: Vec<String> = design.specs.iter().map(|s| s.name.clone()).collect();
    let prior = Prior {
        weights: subset_or(&design.weights, &rows, 1.0),
        offset: subset_or(&design.offset, &rows, 0.0),
    };

    let mark = clock.elapsed().as_secs_f64();
    let core = if poisson {
        irls(&y, x, &factors, &prior, options)?
    } else {
        ols(&y, x, &factors, &prior, options)?
    };
    let (kept_names, collinear) = split_collinear(&names, &core.included, &mut warnings)?;
    if !core.converged {
        warnings.push(format!(
            "did not converge after {} iterations (last relative deviance change {:.3e})",
            core.iterations, core.last_crit
        ));
    }
    timings.estimate = clock.elapsed().as_secs_f64() - mark;
    let mark = clock.elapsed().as_secs_f64();
    let inference = vcov(&core, &factors, &clusters, options)?;
    timings.vcov = clock.elapsed().as_secs_f64() - mark;
    let mark = clock.elapsed().as_secs_f64();
    let p = kept_names.len();
    let coefficients = coefficient_table(&core, &inference, &kept_names, poisson)?;
    let vcov_rows = (0..p)
        .map(|i| inference.matrix[i * p..(i + 1) * p].to_vec())
        .collect();

    let all_coefficients = all_coefficients(&core, names.len());
    let (fixed_effects, fe_converged) = recover_fixed_effects(
        &design,
        &rows,
        &factors,
        &core,
        &prior.offset,
        &all_coefficients,
        options,
    );
    if !fe_converged {
        warnings.push("fixed-effect recovery did not converge".into());
    }
    timings.fixed_effects = clock.elapsed().as_secs_f64() - mark;
    let (loglik, pseudo_r2, r2, r2_within) = fit_statistics(&y, &prior.weights, &core, poisson);
    Ok(Fit {
        family: options.family,
        formula: formula.to_string(),
        outcome: design.y_name.clone(),
        coefficients,
        vcov: vcov_rows,
        vcov_type: options.vcov.label(),
        nobs: rows.len(),
        nrows_input: nrows,
        dropped,
        collinear,
        fixed_effect_sizes: factors
            .iter()
            .map(|f| (f.name.clone(), f.n_levels()))
            .collect(),
        cluster_sizes: clusters
            .iter()
            .map(|f| (f.name.clone(), f.n_levels()))
            .collect(),
        iterations: core.iterations,
        absorb_sweeps: core.sweeps,
        timings,
        converged: core.converged,
        warnings,
        deviance: core.deviance,
        loglik,
        pseudo_r2,
        r2,
        r2_within,
        df_k: inference.df_k,
        df_t: inference.df_t,
        fixed_effects,
        rows,
        separated_rows,
        fitted: core.fitted,
        specs: design.specs.clone(),
        all_coefficients,
        fe_vars: formula
            .fixed_effects
            .iter()
            .map(|f| f.vars.clone())
            .collect(),
        weights_var: options.weights.clone(),
        offset_var: options.offset.clone(),
    })
}

/// The design's extras (weights, offset) as named in the options.
fn extras(options: &FitOptions) -> Extras<'_> {
    Extras {
        weights: options.weights.as_deref(),
        offset: options.offset.as_deref(),
    }
}

/// Prior weights and offset on the estimation sample (1 and 0 when the model has none).
struct Prior {
    weights: Vec<f64>,
    offset: Vec<f64>,
}

/// `column[rows]`, or `default` on every row when there is no column.
fn subset_or(column: &Option<Vec<f64>>, rows: &[usize], default: f64) -> Vec<f64> {
    match column {
        Some(c) => rows.iter().map(|&i| c[i]).collect(),
        None => vec![default; rows.len()],
    }
}

/// The regressors kept and those dropped as collinear (with a warning); an error when every
/// regressor went.
fn split_collinear(
    names: &[String],
    included: &[bool],
    warnings: &mut Vec<String>,
) -> Result<(Vec<String>, Vec<String>)> {
    let pick = |want: bool| -> Vec<String> {
        names
            .iter()
            .zip(included)
            .filter(|(_, k)| **k == want)
            .map(|(n, _)| n.clone())
            .collect()
    };
    let (kept, collinear) = (pick(true), pick(false));
    if !names.is_empty() && kept.is_empty() {
        return Err(Error::AllCollinear {
            names: collinear.join(", "),
        });
    }
    if !collinear.is_empty() {
        warnings.push(format!(
            "collinear regressors dropped: {}",
            collinear.join(", ")
        ));
    }
    Ok((kept, collinear))
}

/// Estimates, standard errors, t (z) statistics, p-values and 95% intervals: normal for
/// Poisson (fixest's `fepois`), Student's t with the inference degrees of freedom for OLS.
fn coefficient_table(
    core: &Core,
    inference: &Inference,
    kept_names: &[String],
    poisson: bool,
) -> Result<Vec<Coefficient>> {
    let p = kept_names.len();
    let (quantile, dist): (f64, Box<dyn Fn(f64) -> f64>) = if poisson {
        let normal = Normal::standard();
        (
            normal.inverse_cdf(0.975),
            Box::new(move |t: f64| 2.0 * normal.sf(t.abs())),
        )
    } else {
        let df = inference.df_t.max(1) as f64;
        let st = StudentsT::new(0.0, 1.0, df).map_err(|e| Error::Internal(e.to_string()))?;
        let q = st.inverse_cdf(0.975);
        (q, Box::new(move |t: f64| 2.0 * st.sf(t.abs())))
    };
    Ok((0..p)
        .map(|j| {
            let estimate = core.beta[j];
            let std_error = inference.matrix[j * p + j].max(0.0).sqrt();
            let statistic = estimate / std_error;
            Coefficient {
                name: kept_names[j].clone(),
                estimate,
                std_error,
                statistic,
                p_value: dist(statistic),
                conf_low: estimate - quantile * std_error,
                conf_high: estimate + quantile * std_error,
            }
        })
        .collect())
}

/// β over every regressor of the design, 0 for those dropped as collinear.
fn all_coefficients(core: &Core, n: usize) -> Vec<f64> {
    let mut all = vec![0.0; n];
    let mut k = 0;
    for (j, inc) in core.included.iter().enumerate() {
        if *inc {
            all[j] = core.beta[k];
            k += 1;
        }
    }
    all
}

/// Fixed effects: Dα = η − offset − Xβ holds exactly at the solution; split it by factor (normalised as
/// fixest does, see `Demeaner::split_normalised`). The flag says whether the split converged.
fn recover_fixed_effects(
    design: &Design,
    rows: &[usize],
    factors: &[Factor],
    core: &Core,
    offset: &[f64],
    all_coefficients: &[f64],
    options: &FitOptions,
) -> (Vec<FixedEffectValues>, bool) {
    let mut fixed_effects = Vec::new();
    if factors.is_empty() {
        return (fixed_effects, true);
    }
    let mut fe_sum: Vec<f64> = core.eta.iter().zip(offset).map(|(e, o)| e - o).collect();
    for (col, b) in design.x.iter().zip(all_coefficients) {
        for (s, &i) in fe_sum.iter_mut().zip(rows) {
            *s -= b * col[i];
        }
    }
    let ones = vec![1.0; rows.len()];
    let demeaner = Demeaner::new(factors, &ones);
    let (alpha, st) = demeaner.absorb_with(
        &mut fe_sum,
        options.fe_tol.min(1e-10),
        options.fe_max_iter,
        options.solver,
    );
    for (f, values) in factors.iter().zip(demeaner.split_normalised(alpha)) {
        fixed_effects.push(FixedEffectValues {
            name: f.name.clone(),
            levels: f.labels.clone(),
            values,
        });
    }
    (fixed_effects, st.converged)
}

/// (log-likelihood, pseudo-R², R², within R²): Poisson's against the constant-only model
/// (fixest's `pr2`), OLS's against the total and the within sums of squares; every sum
/// weighted by the prior weights `pw`.
fn fit_statistics(
    y: &[f64],
    pw: &[f64],
    core: &Core,
    poisson: bool,
) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
    let ybar = weighted_mean(y, pw);
    if poisson {
        let ll = |mu: &dyn Fn(usize) -> f64| -> f64 {
            y.iter()
                .zip(pw)
                .enumerate()
                .map(|(i, (&yi, &wi))| {
                    let m = mu(i);
                    let term = if yi > 0.0 { yi * m.ln() } else { 0.0 };
                    wi * (term - m - ln_gamma(yi + 1.0))
                })
                .sum()
        };
        let l = ll(&|i| core.fitted[i]);
        let l0 = ll(&|_| ybar);
        (Some(l), Some(1.0 - l / l0), None, None)
    } else {
        let tss: f64 = y.iter().zip(pw).map(|(v, w)| w * (v - ybar).powi(2)).sum();
        (
            None,
            None,
            Some(1.0 - core.deviance / tss),
            Some(1.0 - core.deviance / core.tss_within),
        )
    }
}

/// Which input rows a Poisson fit of `formula` would drop as separated (both checks as set
/// in `options`), without fitting. Singletons are dropped first, as in [`fit`].
pub fn separated_rows(
    formula: &Formula,
    frame: &Frame,
    options: &FitOptions,
) -> Result<Vec<usize>> {
    options.validate()?;
    let design = Design::build(formula, frame, &[], extras(options))?;
    let options = FitOptions {
        family: Family::Poisson,
        ..options.clone()
    };
    Ok(prune(&design, &options)?.separated_rows)
}

/// The estimation sample: which rows survive, and why the others do not.
struct Sample {
    keep: Vec<bool>,
    dropped: Dropped,
    warnings: Vec<String>,
    separated_rows: Vec<usize>,
}

/// Drops incomplete rows, then singletons and separated observations until nothing changes
/// (fe-separation and singletons iterated, then the rectifier, then both again; an
/// observation that is both separated and a singleton counts as separated).
fn prune(design: &Design, options: &FitOptions) -> Result<Sample> {
    let nrows = design.y.len();
    let poisson = options.family == Family::Poisson;
    let mut warnings = Vec::new();
    let mut keep = design.complete.clone();
    let mut dropped = Dropped {
        missing: keep.iter().filter(|k| !**k).count(),
        ..Dropped::default()
    };
    if poisson {
        let negative: Vec<usize> = (0..nrows)
            .filter(|&i| keep[i] && design.y[i] < 0.0)
            .collect();
        if let Some(&first_row) = negative.first() {
            return Err(Error::InvalidOutcome {
                column: design.y_name.clone(),
                count: negative.len(),
                first_row,
            });
        }
    }
    let mut separated = vec![false; nrows];
    let prune = |keep: &mut Vec<bool>, dropped: &mut Dropped, separated: &mut Vec<bool>| loop {
        if poisson && options.separation.fe {
            let before = keep.clone();
            let d = drop_fe_separated(&design.factors, &design.y, keep);
            dropped.separated_fe += d;
            for i in 0..keep.len() {
                separated[i] |= before[i] && !keep[i];
            }
        }
        if options.drop_singletons && drop_singletons(&design.factors, keep) > 0 {
            dropped.singletons = design
                .complete
                .iter()
                .zip(keep.iter())
                .zip(separated.iter())
                .filter(|((c, k), s)| **c && !**k && !**s)
                .count();
            continue;
        }
        break;
    };
    prune(&mut keep, &mut dropped, &mut separated);
    if poisson && options.separation.relu {
        let rows: Vec<usize> = (0..nrows).filter(|&i| keep[i]).collect();
        if rows.iter().any(|&i| design.y[i] == 0.0) && rows.iter().any(|&i| design.y[i] > 0.0) {
            let y: Vec<f64> = rows.iter().map(|&i| design.y[i]).collect();
            let x: Vec<Vec<f64>> = design
                .x
                .iter()
                .map(|c| rows.iter().map(|&i| c[i]).collect())
                .collect();
            let factors: Vec<Factor> = design.factors.iter().map(|f| f.subset(&rows)).collect();
            let relu = relu_separated(&y, &x, &factors, 1e-4, 100);
            if !relu.converged {
                warnings.push(format!(
                    "separation check (relu) did not converge in {} iterations; no observation dropped by it",
                    relu.iterations
                ));
            }
            for (k, &i) in rows.iter().enumerate() {
                if relu.separated[k] {
                    keep[i] = false;
                    separated[i] = true;
                    dropped.separated_relu += 1;
                }
            }
            if dropped.separated_relu > 0 {
                prune(&mut keep, &mut dropped, &mut separated);
            }
        }
    }
    dropped.separated = dropped.separated_fe + dropped.separated_relu;
    let separated_rows = (0..nrows).filter(|&i| separated[i]).collect();
    Ok(Sample {
        keep,
        dropped,
        warnings,
        separated_rows,
    })
}

/// What the IRLS/OLS core hands to inference.
struct Core {
    /// Which regressors survived the collinearity check.
    included: Vec<bool>,
    beta: Vec<f64>,
    /// Within-transformed regressors under the final weights (included only).
    xt: Vec<Vec<f64>>,
    /// Final IRLS weights (1 for OLS).
    weights: Vec<f64>,
    /// Working residuals z̃ − X̃β of the final weighted regression.
    resid: Vec<f64>,
    eta: Vec<f64>,
    fitted: Vec<f64>,
    deviance: f64,
    tss_within: f64,
    iterations: usize,
    /// Sweeps of the slowest column, summed over iterations.
    sweeps: usize,
    converged: bool,
    last_crit: f64,
}

/// Poisson deviance 2 Σ pw [y log(y/μ) − (y − μ)].
fn poisson_deviance(y: &[f64], mu: &[f64], pw: &[f64]) -> f64 {
    2.0 * y
        .iter()
        .zip(mu)
        .zip(pw)
        .map(|((&y, &m), &w)| {
            let t = if y > 0.0 { y * (y / m).ln() } else { 0.0 };
            w * (t - (y - m))
        })
        .sum::<f64>()
}

/// Σ w y / Σ w.
fn weighted_mean(y: &[f64], w: &[f64]) -> f64 {
    let (sy, sw) = y
        .iter()
        .zip(w)
        .fold((0.0, 0.0), |(sy, sw), (y, w)| (sy + w * y, sw + w));
    sy / sw
}

/// Drops collinear columns (fixest's pivot rule) after the first absorption.
fn select_columns(x_raw: &[Vec<f64>], xt: &[Vec<f64>], w: &[f64], tol: f64) -> Vec<bool> {
    let p = xt.len();
    let raw: Vec<f64> = x_raw
        .iter()
        .map(|c| c.iter().zip(w).map(|(v, w)| v * v * w).sum())
        .collect();
    let g = linalg::gram(xt, w);
    linalg::collinear_columns(&g, p, &raw, tol)
        .into_iter()
        .map(|e| !e)
        .collect()
}

fn filter<T: Clone>(v: Vec<T>, keep: &[bool]) -> Vec<T> {
    v.into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c)
        .collect()
}

fn solve(xt: &[Vec<f64>], w: &[f64], zt: &[f64]) -> Result<Vec<f64>> {
    let p = xt.len();
    if p == 0 {
        return Ok(Vec::new());
    }
    linalg::solve_spd(&linalg::gram(xt, w), p, &linalg::cross(xt, w, zt)).ok_or_else(|| {
        Error::Internal("normal equations not positive definite after collinearity check".into())
    })
}

/// PPML by IRLS with prior weights `pw` (IRLS weights pw·μ) and an offset (η = offset + Xβ +
/// Dα, so the working outcome is η − offset + (y − μ)/μ).
fn irls(
    y: &[f64],
    x: Vec<Vec<f64>>,
    factors: &[Factor],
    prior: &Prior,
    o: &FitOptions,
) -> Result<Core> {
    let n = y.len();
    let (pw, off) = (&prior.weights, &prior.offset);
    let ybar = weighted_mean(y, pw);
    let mut mu: Vec<f64> = y.iter().map(|v| (v + ybar) / 2.0).collect();
    let mut eta: Vec<f64> = mu.iter().map(|m| m.ln()).collect();
    let mut dev_old = poisson_deviance(y, &mu, pw);
    let mut xt = x.clone();
    let mut x_raw = x;
    let mut included: Vec<bool> = vec![true; xt.len()];
    let mut prev: Option<(Vec<f64>, Vec<f64>)> = None;
    // Loose absorption while far from the optimum, then crit/10: starting at 1e-1 needed 36%
    // fewer sweeps than 1e-4 on the three-way RTA model (207 vs 323) and 24% fewer on the
    // two-way gravity model, with identical final estimates; the last iterations always run
    // at `fe_tol`, and step-halving guards the loose early steps.
    let mut inner_tol = if factors.is_empty() {
        o.fe_tol
    } else {
        o.fe_tol.max(1e-1)
    };
    let mut converged = false;
    let mut fe_ok = true;
    let mut crit = f64::INFINITY;
    let mut iterations = 0;
    let mut sweeps = 0;
    let (mut beta, mut resid, mut weights) = (Vec::new(), vec![0.0; n], mu.clone());
    while iterations < o.max_iter {
        past_deadline(o, iterations)?;
        iterations += 1;
        let used_tol = inner_tol;
        weights = mu.iter().zip(pw).map(|(m, w)| m * w).collect();
        let z: Vec<f64> = (0..n)
            .map(|i| eta[i] - off[i] + (y[i] - mu[i]) / mu[i])
            .collect();
        let z_in: Vec<f64> = match &prev {
            Some((zp, ztp)) => (0..n).map(|i| z[i] - zp[i] + ztp[i]).collect(),
            None => z.clone(),
        };
        let mut cols = Vec::with_capacity(xt.len() + 1);
        cols.push(z_in);
        cols.append(&mut xt);
        let demeaner = Demeaner::new(factors, &weights);
        let st = demeaner.absorb_columns(&mut cols, used_tol, o.fe_max_iter, o.solver);
        fe_ok = st.converged;
        sweeps += st.sweeps;
        let zt = cols.remove(0);
        xt = cols;
        if iterations == 1 {
            let keep = select_columns(&x_raw, &xt, &weights, o.collin_tol);
            included = keep.clone();
            xt = filter(xt, &keep);
            x_raw = filter(x_raw, &keep);
        }
        beta = solve(&xt, &weights, &zt)?;
        resid = zt.clone();
        for (c, b) in xt.iter().zip(&beta) {
            resid.iter_mut().zip(c).for_each(|(r, x)| *r -= b * x);
        }
        let mut eta_new: Vec<f64> = (0..n).map(|i| off[i] + z[i] - resid[i]).collect();
        let mut mu_new: Vec<f64> = eta_new.iter().map(|e| e.exp()).collect();
        let mut dev = poisson_deviance(y, &mu_new, pw);
        // Step-halving (fixest, ppmlhdfe): while the deviance is not finite or rises.
        let mut halvings = 0;
        while iterations > 1 && (!dev.is_finite() || dev > dev_old * (1.0 + 1e-12)) && halvings < 30
        {
            halvings += 1;
            for i in 0..n {
                eta_new[i] = 0.5 * (eta_new[i] + eta[i]);
                mu_new[i] = eta_new[i].exp();
            }
            dev = poisson_deviance(y, &mu_new, pw);
        }
        crit = (dev - dev_old).abs() / (0.1 + dev.abs());
        eta = eta_new;
        mu = mu_new;
        dev_old = dev;
        prev = Some((z, zt));
        if crit < o.tol && used_tol <= o.fe_tol {
            converged = fe_ok;
            break;
        }
        inner_tol = (crit / 10.0).min(inner_tol).max(o.fe_tol);
    }
    let deviance = dev_old;
    Ok(Core {
        included,
        beta,
        xt,
        weights,
        resid,
        fitted: mu,
        eta,
        deviance,
        tss_within: f64::NAN,
        iterations,
        sweeps,
        converged: converged && fe_ok,
        last_crit: crit,
    })
}

/// (Weighted) least squares of y − offset on X with absorbed fixed effects.
fn ols(
    y: &[f64],
    x: Vec<Vec<f64>>,
    factors: &[Factor],
    prior: &Prior,
    o: &FitOptions,
) -> Result<Core> {
    let n = y.len();
    let weights = prior.weights.clone();
    let y_net: Vec<f64> = y.iter().zip(&prior.offset).map(|(y, o)| y - o).collect();
    let mut cols = Vec::with_capacity(x.len() + 1);
    cols.push(y_net.clone());
    cols.extend(x.iter().cloned());
    let demeaner = Demeaner::new(factors, &weights);
    past_deadline(o, 0)?;
    let st = demeaner.absorb_columns(&mut cols, o.fe_tol, o.fe_max_iter, o.solver);
    let yt = cols.remove(0);
    let included = select_columns(&x, &cols, &weights, o.collin_tol);
    let xt = filter(cols, &included);
    let beta = solve(&xt, &weights, &yt)?;
    let mut resid = yt.clone();
    for (c, b) in xt.iter().zip(&beta) {
        resid.iter_mut().zip(c).for_each(|(r, x)| *r -= b * x);
    }
    let fitted: Vec<f64> = (0..n).map(|i| y[i] - resid[i]).collect();
    let tss_within = if factors.is_empty() {
        let m = weighted_mean(&y_net, &weights);
        y_net
            .iter()
            .zip(&weights)
            .map(|(v, w)| w * (v - m).powi(2))
            .sum()
    } else {
        yt.iter().zip(&weights).map(|(v, w)| w * v * v).sum()
    };
    let deviance = resid.iter().zip(&weights).map(|(r, w)| w * r * r).sum();
    Ok(Core {
        included,
        beta,
        xt,
        weights,
        deviance,
        resid,
        eta: fitted.clone(),
        fitted,
        tss_within,
        iterations: 1,
        sweeps: st.sweeps,
        converged: st.converged,
        last_crit: 0.0,
    })
}

struct Inference {
    matrix: Vec<f64>,
    df_k: usize,
    df_t: usize,
}

/// Whether every level of `fe` lies within a single cluster.
fn nested_in(fe: &Factor, cluster: &Factor) -> bool {
    let mut owner = vec![u32::MAX; fe.n_levels()];
    for (&f, &c) in fe.codes.iter().zip(&cluster.codes) {
        let o = &mut owner[f as usize];
        if *o == u32::MAX {
            *o = c;
        } else if *o != c {
            return false;
        }
    }
    true
}

/// Intersection factor of several clusters (for the multi-way inclusion–exclusion).
fn intersect(parts: &[&Factor]) -> Factor {
    let n = parts[0].codes.len();
    let mut map = std::collections::HashMap::new();
    let codes: Vec<u32> = (0..n)
        .map(|i| {
            let key: Vec<u32> = parts.iter().map(|f| f.codes[i]).collect();
            let next = map.len() as u32;
            *map.entry(key).or_insert(next)
        })
        .collect();
    Factor {
        name: parts
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join("&"),
        codes,
        labels: vec![String::new(); map.len()],
    }
}

/// Variance–covariance with fixest's small-sample corrections:
///
/// ```text
/// df_k = K + Σ_q L_q − (Q − 1) − Σ_{q nested in a cluster} L_q + #nested   (fixef.K = "nested")
/// iid:     V = H⁻¹ · (n − 1)/(n − df_k)        (OLS: H⁻¹ σ̂², σ̂² = RSS/(n − 1))
/// hetero:  V = H⁻¹ (Σ s_i s_i') H⁻¹ · n/(n − df_k)                      (HC1)
/// cluster: V = Σ_S (−1)^{|S|+1} G/(G − 1) · (n − 1)/(n − df_k) · H⁻¹ (Σ_g S_g S_g') H⁻¹
///          over non-empty subsets S of the clustering variables (Cameron, Gelbach &
///          Miller 2011), G = min over variables of the cluster count (cluster.df = "min")
/// ```
/// H = X̃'WX̃ and scores s_i = w_i (z̃_i − x̃_i'β) x̃_i (Poisson) or u_i x̃_i (OLS).
fn vcov(core: &Core, factors: &[Factor], clusters: &[Factor], o: &FitOptions) -> Result<Inference> {
    let p = core.beta.len();
    let n = core.resid.len();
    let k_fe: usize = factors.iter().map(Factor::n_levels).sum();
    let n_fe = factors.len();
    let k_fe_adj = if n_fe > 1 { k_fe + 1 - n_fe } else { k_fe };
    let hessian = linalg::gram(&core.xt, &core.weights);
    let bread = if p > 0 {
        linalg::invert_spd(&hessian, p)
            .ok_or_else(|| Error::Internal("Hessian not invertible".into()))?
    } else {
        Vec::new()
    };
    // Scores s_i = w_i r_i x̃_i.
    let score = |i: usize, j: usize| core.weights[i] * core.resid[i] * core.xt[j][i];
    let poisson = o.family == Family::Poisson;
    let df_k_plain = p + k_fe_adj;
    let ratio = |df_k: usize| (n as f64 - 1.0) / (n as f64 - df_k as f64);
    Ok(match &o.vcov {
        Vcov::Iid => {
            let sigma2 = if poisson {
                1.0
            } else {
                core.deviance / (n as f64 - 1.0)
            };
            Inference {
                matrix: bread
                    .iter()
                    .map(|b| b * sigma2 * ratio(df_k_plain))
                    .collect(),
                df_k: df_k_plain,
                df_t: n.saturating_sub(df_k_plain),
            }
        }
        Vcov::Hetero => {
            let mut meat = vec![0.0; p * p];
            for i in 0..n {
                for a in 0..p {
                    let sa = score(i, a);
                    for b in 0..p {
                        meat[a * p + b] += sa * score(i, b);
                    }
                }
            }
            let adj = n as f64 / (n as f64 - df_k_plain as f64);
            Inference {
                matrix: linalg::sandwich(&bread, &meat, p)
                    .into_iter()
                    .map(|v| v * adj)
                    .collect(),
                df_k: df_k_plain,
                df_t: n.saturating_sub(df_k_plain),
            }
        }
        Vcov::Cluster(_) => {
            let nested: Vec<&Factor> = factors
                .iter()
                .filter(|f| {
                    clusters
                        .iter()
                        .any(|c| c.name.eq_ignore_ascii_case(&f.name) || nested_in(f, c))
                })
                .collect();
            let k_nested: usize = nested.iter().map(|f| f.n_levels()).sum();
            let df_k = if n_fe == 0 {
                p
            } else {
                p + k_fe_adj - k_nested + nested.len()
            };
            let g_min = clusters.iter().map(Factor::n_levels).min().unwrap_or(1);
            let g = g_min as f64;
            let adj = g / (g - 1.0) * ratio(df_k);
            let mut total = vec![0.0; p * p];
            let m = clusters.len();
            for mask in 1u32..(1 << m) {
                let parts: Vec<&Factor> = (0..m)
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| &clusters[b])
                    .collect();
                let sign = if parts.len() % 2 == 1 { 1.0 } else { -1.0 };
                let owned;
                let cl: &Factor = if parts.len() == 1 {
                    parts[0]
                } else {
                    owned = intersect(&parts);
                    &owned
                };
                let mut sums = vec![0.0; cl.n_levels() * p];
                for i in 0..n {
                    let c = cl.codes[i] as usize;
                    for j in 0..p {
                        sums[c * p + j] += score(i, j);
                    }
                }
                let mut meat = vec![0.0; p * p];
                for s in sums.chunks(p.max(1)) {
                    for a in 0..p {
                        for b in 0..p {
                            meat[a * p + b] += s[a] * s[b];
                        }
                    }
                }
                for (t, v) in total.iter_mut().zip(linalg::sandwich(&bread, &meat, p)) {
                    *t += sign * adj * v;
                }
            }
            Inference {
                matrix: total,
                df_k,
                df_t: g_min.saturating_sub(1),
            }
        }
    })
}

/// [`Error::Deadline`] when the options' deadline has passed.
fn past_deadline(o: &FitOptions, iterations: usize) -> Result<()> {
    match o.deadline {
        Some(d) if std::time::Instant::now() >= d => Err(Error::Deadline { iterations }),
        _ => Ok(()),
    }
}
