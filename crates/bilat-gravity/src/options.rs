//! Estimation options and why each default is what it is.
//!
//! | option | default | why |
//! | --- | --- | --- |
//! | `family` | [`Family::Poisson`] | PPML is the workhorse of structural gravity (Santos Silva & Tenreyro 2006): consistent under heteroskedasticity and with zero flows |
//! | `vcov` | [`Vcov::Hetero`] | PPML needs no equidispersion, so iid Poisson SEs are wrong by construction; heteroskedasticity-robust (HC1) is the least one should report |
//! | `tol` | `1e-8` | deviance criterion \|dev − dev₋₁\| / (0.1 + \|dev\|) of fixest/ppmlhdfe |
//! | `max_iter` | `100` | IRLS usually needs 5–15 iterations; 100 leaves room for step-halving before reporting `converged: false` |
//! | `fe_tol` | `1e-8` | final tolerance of the fixed-effect absorption (fixest uses 1e-6; tighter keeps coefficients within 1e-6 of the exact solution) |
//! | `fe_max_iter` | `10_000` | sweeps per column before the absorption reports non-convergence (fixest's default) |
//! | `solver` | [`Solver::Auto`] | alternating projections with Irons–Tuck acceleration (fewest sweeps on gravity panels); a column not converged after 1,000 sweeps (a badly connected graph) is redone by conjugate gradients |
//! | `drop_singletons` | `true` | singletons are fitted perfectly and bias the small-sample corrections (Correia 2015) |
//! | `separation` | `fe` and `relu` | the `fe` check is cheap and exact for fixed effects alone; `relu` (Correia, Guimarães & Zylkin 2021) also finds separation caused by regressors |
//! | `collin_tol` | `1e-9` | fixest's `collin.tol`, applied to pivots relative to the column's raw sum of squares |
//! | `weights` | none | prior (analytic) weights from a column, as pyfixest's `weights=` (`aweights`): they scale each observation's contribution to the likelihood and the scores; `nobs` stays the number of rows; rows with weight 0 are dropped, negative weights are an error |
//! | `offset` | none | a column added to the linear predictor with coefficient 1 (pyfixest's `offset=`), e.g. log exposure |
//! | `deadline` | none | a server gives each request a time limit; the fit checks it before every IRLS iteration and stops with [`Error::Deadline`] instead of running on after its caller gave up |

use crate::error::{Error, Result};

/// Distribution of the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Poisson pseudo-maximum likelihood (PPML) by IRLS.
    #[default]
    Poisson,
    /// Least squares (OLS).
    Gaussian,
}

/// Variance–covariance estimator; small-sample corrections follow fixest's defaults
/// (`ssc(adj = TRUE, cluster.adj = TRUE, fixef.K = "nested", cluster.df = "min")`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Vcov {
    /// Classical: inverse Hessian (Poisson) or σ̂²(X̃'X̃)⁻¹ (OLS).
    Iid,
    /// Heteroskedasticity-robust sandwich (HC1).
    #[default]
    Hetero,
    /// Cluster-robust (CRV1). One name, or several for multi-way clustering (Cameron,
    /// Gelbach & Miller 2011); each entry may be `a+b` (two-way) or `a^b` (interacted).
    Cluster(Vec<String>),
}

impl std::str::FromStr for Vcov {
    type Err = crate::Error;

    /// `iid`, `hetero` (or `hc1`), `cluster:VAR` or `cluster:VAR1+VAR2` — the labels
    /// [`Vcov::label`] prints, so what is printed can be typed back.
    fn from_str(s: &str) -> crate::Result<Self> {
        let s = s.trim();
        match s {
            "iid" => Ok(Vcov::Iid),
            "hetero" | "hc1" => Ok(Vcov::Hetero),
            _ => {
                let vars: Vec<String> = s
                    .strip_prefix("cluster:")
                    .map(|rest| {
                        rest.split('+')
                            .map(|v| v.trim().to_string())
                            .filter(|v| !v.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                if vars.is_empty() {
                    return Err(crate::Error::InvalidOption {
                        option: "vcov",
                        message: format!("{s:?}: expected iid, hetero or cluster:VAR[+VAR]"),
                    });
                }
                Ok(Vcov::Cluster(vars))
            }
        }
    }
}

impl Vcov {
    /// Label used in output: `iid`, `hetero`, `cluster:pair_id`, `cluster:exporter+importer`.
    pub fn label(&self) -> String {
        match self {
            Vcov::Iid => "iid".into(),
            Vcov::Hetero => "hetero".into(),
            Vcov::Cluster(v) => format!("cluster:{}", v.join("+")),
        }
    }
}

/// How to absorb the fixed effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Solver {
    /// Alternating projections; a column not converged after 1,000 sweeps (a badly connected
    /// fixed-effect graph) is redone by conjugate gradients.
    #[default]
    Auto,
    /// Alternating projections (Gauss–Seidel sweeps) with Irons–Tuck acceleration.
    AlternatingProjections,
    /// Krylov solver on the fixed-effect normal equations D'WD α = D'Wx: hand-written
    /// diagonally preconditioned conjugate gradients, or, with the cargo feature `within`,
    /// the `within` crate's Schwarz-preconditioned LSMR. Far better than alternating
    /// projections when weights span many orders of magnitude, as in the separation
    /// rectifier (which always uses the built-in CG). On the gravity panels measured so far
    /// `within` needs fewer iterations (91 vs 203 sweeps on the three-way RTA model) but more
    /// time (its preconditioner is rebuilt for every IRLS weight vector), so it is opt-in.
    Krylov,
}

/// Which separation checks to run before a Poisson fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeparationChecks {
    /// Drop fixed-effect levels whose outcome is zero throughout.
    pub fe: bool,
    /// Iterative rectifier (ReLU) of Correia, Guimarães & Zylkin (2021).
    pub relu: bool,
}

impl Default for SeparationChecks {
    fn default() -> Self {
        SeparationChecks {
            fe: true,
            relu: true,
        }
    }
}

/// Options of [`fit`](crate::fit); see the module documentation for the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// Outcome distribution.
    pub family: Family,
    /// Standard-error type.
    pub vcov: Vcov,
    /// IRLS deviance tolerance (relative change).
    pub tol: f64,
    /// Maximum IRLS iterations.
    pub max_iter: usize,
    /// Final fixed-effect absorption tolerance.
    pub fe_tol: f64,
    /// Maximum sweeps per absorbed column.
    pub fe_max_iter: usize,
    /// Fixed-effect solver.
    pub solver: Solver,
    /// Drop singleton observations iteratively.
    pub drop_singletons: bool,
    /// Separation checks (Poisson only).
    pub separation: SeparationChecks,
    /// Collinearity tolerance.
    pub collin_tol: f64,
    /// Column of prior weights (`None`: every row weighs 1).
    pub weights: Option<String>,
    /// Column added to the linear predictor with coefficient 1 (`None`: no offset).
    pub offset: Option<String>,
    /// Stop with [`Error::Deadline`] once this instant has passed (checked before every IRLS
    /// iteration and before the final absorption); `None`: no limit.
    pub deadline: Option<std::time::Instant>,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            family: Family::Poisson,
            vcov: Vcov::Hetero,
            tol: 1e-8,
            max_iter: 100,
            fe_tol: 1e-8,
            fe_max_iter: 10_000,
            solver: Solver::Auto,
            drop_singletons: true,
            separation: SeparationChecks::default(),
            collin_tol: 1e-9,
            weights: None,
            offset: None,
            deadline: None,
        }
    }
}

impl FitOptions {
    /// Poisson (PPML) with defaults.
    pub fn poisson() -> FitOptions {
        FitOptions::default()
    }

    /// OLS with defaults.
    pub fn gaussian() -> FitOptions {
        FitOptions {
            family: Family::Gaussian,
            ..FitOptions::default()
        }
    }

    /// Sets the standard-error type.
    pub fn with_vcov(mut self, vcov: Vcov) -> FitOptions {
        self.vcov = vcov;
        self
    }

    /// Weighs every row by the column `name` (builder shortcut).
    pub fn with_weights(mut self, name: impl Into<String>) -> FitOptions {
        self.weights = Some(name.into());
        self
    }

    /// Adds the column `name` to the linear predictor (builder shortcut).
    pub fn with_offset(mut self, name: impl Into<String>) -> FitOptions {
        self.offset = Some(name.into());
        self
    }

    /// Clusters by the given variables (builder shortcut).
    pub fn cluster_by(self, vars: &[&str]) -> FitOptions {
        self.with_vcov(Vcov::Cluster(
            vars.iter().map(|s| (*s).to_owned()).collect(),
        ))
    }

    pub(crate) fn validate(&self) -> Result<()> {
        let unit = |option: &'static str, v: f64| {
            if v > 0.0 && v < 1.0 {
                Ok(())
            } else {
                Err(Error::InvalidOption {
                    option,
                    message: format!("must lie in (0, 1), got {v}"),
                })
            }
        };
        unit("tol", self.tol)?;
        unit("fe_tol", self.fe_tol)?;
        unit("collin_tol", self.collin_tol)?;
        if self.max_iter == 0 || self.fe_max_iter == 0 {
            return Err(Error::InvalidOption {
                option: "max_iter",
                message: "must be at least 1".into(),
            });
        }
        if let Vcov::Cluster(v) = &self.vcov
            && v.iter().all(|s| s.trim().is_empty())
        {
            return Err(Error::InvalidOption {
                option: "vcov",
                message: "cluster needs at least one variable".into(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcov_parses_what_its_label_prints() {
        for v in [
            Vcov::Iid,
            Vcov::Hetero,
            Vcov::Cluster(vec!["pair_id".into()]),
            Vcov::Cluster(vec!["exporter".into(), "importer".into()]),
        ] {
            assert_eq!(v.label().parse::<Vcov>().unwrap(), v);
        }
        assert_eq!("hc1".parse::<Vcov>().unwrap(), Vcov::Hetero);
        for bad in ["", "robust", "cluster:", "cluster: + "] {
            let e = bad.parse::<Vcov>().unwrap_err();
            assert!(
                matches!(e, crate::Error::InvalidOption { option: "vcov", .. }),
                "{bad:?}"
            );
        }
    }
}
