//! Structural gravity for bilat: Poisson pseudo-maximum likelihood (PPML) and OLS with
//! high-dimensional fixed effects, fixest-style formulas, robust and clustered standard
//! errors. Columns in, fit out: this crate depends on no other bilat crate.
//!
//! ```text
//! E[X_ij,t | ·] = exp(x'_ij,t β + π_i,t + χ_j,t + μ_ij)     (PPML, Santos Silva & Tenreyro 2006)
//! ```
//!
//! The fixed effects are absorbed, never expanded into dummies: IRLS (Correia, Guimarães &
//! Zylkin 2020) alternates a weighted least-squares step on within-transformed data with
//! alternating projections accelerated by Irons & Tuck (1969), as fixest (Bergé 2018) does.
//!
//! ```
//! use bilat_gravity::{fit, FitOptions, Formula, Frame};
//!
//! let frame = Frame::new()
//!     .with_f64("trade", vec![10.0, 3.0, 0.0, 7.0, 5.0, 2.0, 8.0, 1.0])?
//!     .with_f64("dist", vec![1.0, 3.0, 4.0, 2.0, 1.5, 3.5, 1.2, 2.8])?
//!     .with_strings("exporter", ["A", "A", "B", "B", "C", "C", "D", "D"].map(String::from).to_vec())?
//!     .with_strings("importer", ["B", "C", "A", "D", "A", "D", "B", "C"].map(String::from).to_vec())?;
//! let formula = Formula::parse("trade ~ log(dist) | exporter + importer")?;
//! let fit = fit(&formula, &frame, &FitOptions::poisson())?;
//! assert!(fit.converged);
//! assert!(fit.coefficient("log(dist)").unwrap().estimate < 0.0);
//! println!("{}", fit.to_text());
//! # Ok::<(), bilat_gravity::Error>(())
//! ```
//!
//! # Module map
//! ```text
//! frame.rs      Frame, Column: named numeric / categorical columns
//! formula.rs    Formula::parse: y ~ x1 + log(x2) + x1:x3 + i(f) | fe1 + fe2^fe3
//! design.rs     formula × frame → outcome, regressor columns, fixed-effect factors
//! absorb.rs     singletons; alternating projections + Irons–Tuck; conjugate gradients
//! separation.rs "fe" and iterative-rectifier (ReLU) separation checks
//! estimate.rs   fit(): sample pruning, IRLS / OLS core, vcov with fixest's corrections
//! linalg.rs     p×p Cholesky, collinearity pivots, sandwich
//! fit.rs        Fit, Coefficient, predict
//! render.rs     to_text / to_markdown / to_json
//! options.rs    FitOptions (defaults and why)
//! scenario/     what-if scenarios: GEPPML baseline, cost changes, conditional and full-endowment
//!               GE solved in exact-hat form, target search (Yotov et al. 2016 ch. 2; AvW 2003)
//! error.rs      Error, Result
//! ```
//!
//! # Where to start
//! [`fit`] in `estimate.rs` reads top to bottom as the algorithm; [`FitOptions`] documents
//! every knob. The estimator core (absorption, IRLS, separation, variance) is written by hand
//! because it is the hot loop and must reproduce fixest's rules exactly; `rayon` parallelises
//! the absorption of columns and `statrs` supplies distribution functions. The cargo feature
//! `within` routes [`Solver::Krylov`] to the `within` crate's Schwarz-preconditioned LSMR.
//!
//! # Verification and speed
//! - `tests/acceptance.rs`: four gravity models on `gravity/agtpa` (under `$BILAT_DATA`)
//!   reproduce pyfixest (`scripts/pyfixest_reference.py`): coefficients to ~1e-13, standard
//!   errors to ~1e-9 relative (the test demands 1e-6 and 1e-4).
//! - `tests/separation.rs`: ppmlhdfe's 18 separation cases, each observation exactly.
//! - `tests/properties.rs`: absorbed fits equal a dense-dummy GLM on random problems.
//! - `tests/ge_scenarios.rs`: GE scenarios (issue 16) — the book's ch. 2 first stages, the
//!   Canada–US border against `scripts/gegravity_reference.py` (gegravity 0.3 and a scipy
//!   levels solve, 1e-4 relative), the no-border world's residuals; `tests/ge_properties.rs`.
//! - `scripts/bench_vs_pyfixest.sh`: timing and memory against pyfixest `fepois` (release
//!   build of `examples/fit_csv.rs`).
//!
//! # References
//! - Santos Silva, J. M. C. & Tenreyro, S. (2006). The log of gravity. *REStat* 88(4),
//!   641–658 (PPML, eq. 9).
//! - Correia, S., Guimarães, P. & Zylkin, T. (2020). Fast Poisson estimation with
//!   high-dimensional fixed effects. *Stata Journal* 20(1), 95–115 (IRLS with HDFE, eq. 5–9).
//! - Correia, S., Guimarães, P. & Zylkin, T. (2021). Verifying the existence of maximum
//!   likelihood estimates for generalized linear models. arXiv:1903.01633 (separation, §3).
//! - Bergé, L. (2018). Efficient estimation of maximum likelihood models with multiple
//!   fixed-effects: the R package FENmlm. CREA DP 2018-13 (fixest's algorithm).
//! - Irons, B. M. & Tuck, R. C. (1969). A version of the Aitken accelerator for computer
//!   iteration. *IJNME* 1(3), 275–277.
//! - Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2011). Robust inference with multiway
//!   clustering. *JBES* 29(2), 238–249 (eq. 2.7).
//! - Correia, S. (2015). Singletons, cluster-robust standard errors and fixed effects.

#![deny(missing_docs)]

mod absorb;
mod design;
mod error;
mod estimate;
mod fit;
mod formula;
mod frame;
mod linalg;
mod options;
mod render;
mod scenario;
mod separation;

pub use error::{Error, Result};
pub use estimate::{fit, separated_rows};
pub use fit::{Coefficient, Dropped, Fit, FixedEffectValues, Timings};
pub use formula::{Atom, FixedEffect, Formula, Term};
pub use frame::{Column, Frame, MISSING_CODE};
pub use options::{Family, FitOptions, SeparationChecks, Solver, Vcov};
pub use scenario::{
    Baseline, CostChange, CountryEffect, Expr, Mode, PairEffect, PairSet, Scenario,
    ScenarioOptions, ScenarioResult, Target, TargetResult,
};
