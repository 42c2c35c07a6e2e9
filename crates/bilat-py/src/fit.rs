//! `bilat._bilat.fit`: a PPML or OLS fit with absorbed fixed effects by `bilat-gravity`, and
//! its result object. The Python wrappers `bilat.fepois` / `bilat.feols` give it pyfixest's
//! signature and defaults; this layer only moves data and options across.

use bilat_gravity::{
    Atom, Column, Family, Fit, FitOptions, Formula, Frame, SeparationChecks, Vcov,
};
use numpy::PyArray1;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::gravity;
use crate::frame::frame;

/// Fits `fml` on `data`: `family` is `poisson` or `gaussian`, `vcov` a label `iid`, `hetero`
/// or `cluster:VAR[+VAR]`, `weights` / `offset` column names; `separation` the checks to run
/// (`fe`, `relu`). The GIL is released while the estimator runs.
#[pyfunction]
#[pyo3(signature = (family, fml, data, vcov, weights=None, offset=None, tol=None, fe_tol=None, max_iter=None, separation=None, drop_singletons=true))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, named at every call
pub(crate) fn fit(
    py: Python<'_>,
    family: &str,
    fml: &str,
    data: &Bound<'_, PyAny>,
    vcov: &str,
    weights: Option<String>,
    offset: Option<String>,
    tol: Option<f64>,
    fe_tol: Option<f64>,
    max_iter: Option<usize>,
    separation: Option<Vec<String>>,
    drop_singletons: bool,
) -> PyResult<PyFit> {
    let formula = Formula::parse(fml).map_err(gravity)?;
    let mut options = match family {
        "poisson" => FitOptions::poisson(),
        "gaussian" => FitOptions::gaussian(),
        other => {
            return Err(PyValueError::new_err(format!(
                "family {other:?}: use poisson or gaussian"
            )));
        }
    };
    options.vcov = vcov.parse::<Vcov>().map_err(gravity)?;
    options.weights = weights;
    options.offset = offset;
    options.drop_singletons = drop_singletons;
    if let Some(t) = tol {
        options.tol = t;
    }
    if let Some(t) = fe_tol {
        options.fe_tol = t;
    }
    if let Some(m) = max_iter {
        options.max_iter = m;
    }
    if let Some(checks) = separation {
        options.separation = separation_checks(&checks)?;
    }
    let wanted = columns_used(&formula, &options);
    let frame = frame(py, data, &wanted)?;
    let fitted = py
        .detach(|| bilat_gravity::fit(&formula, &frame, &options))
        .map_err(gravity)?;
    Ok(PyFit {
        fit: fitted,
        formula,
        frame,
    })
}

/// `["fe", "relu"]` → the checks; an unknown name is an error.
fn separation_checks(names: &[String]) -> PyResult<SeparationChecks> {
    let mut checks = SeparationChecks {
        fe: false,
        relu: false,
    };
    for n in names {
        match n.trim() {
            "fe" => checks.fe = true,
            "relu" | "ir" => checks.relu = true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "separation check {other:?}: use \"fe\" and/or \"relu\""
                )));
            }
        }
    }
    Ok(checks)
}

/// Every column the model reads: the formula's, the clusters', the weights and the offset.
fn columns_used(formula: &Formula, options: &FitOptions) -> Vec<String> {
    let mut out: Vec<String> = formula.variables().into_iter().map(str::to_owned).collect();
    if let Vcov::Cluster(specs) = &options.vcov {
        for s in specs {
            out.extend(
                s.split(['+', '^'])
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    out.extend(options.weights.iter().cloned());
    out.extend(options.offset.iter().cloned());
    out
}

/// A fitted model (`bilat._bilat.Fit`); `bilat.Fit` wraps it with pandas-shaped accessors.
#[pyclass(name = "Fit", module = "bilat._bilat", frozen)]
pub(crate) struct PyFit {
    fit: Fit,
    formula: Formula,
    /// The columns the model used, for residuals.
    frame: Frame,
}

#[pymethods]
impl PyFit {
    /// `poisson` or `gaussian`.
    #[getter]
    fn family(&self) -> &'static str {
        match self.fit.family {
            Family::Poisson => "poisson",
            Family::Gaussian => "gaussian",
        }
    }

    /// The formula as bilat prints it.
    #[getter]
    fn formula(&self) -> String {
        self.fit.formula.clone()
    }

    /// Coefficient names, in order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.fit
            .coefficients
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// (estimate, std_error, statistic, p_value, conf_low, conf_high) per coefficient.
    #[getter]
    fn table(&self) -> Vec<(f64, f64, f64, f64, f64, f64)> {
        self.fit
            .coefficients
            .iter()
            .map(|c| {
                (
                    c.estimate,
                    c.std_error,
                    c.statistic,
                    c.p_value,
                    c.conf_low,
                    c.conf_high,
                )
            })
            .collect()
    }

    /// The variance–covariance matrix of the coefficients.
    #[getter]
    fn vcov(&self) -> Vec<Vec<f64>> {
        self.fit.vcov.clone()
    }

    /// `iid`, `hetero` or `cluster:VARS`.
    #[getter]
    fn vcov_type(&self) -> String {
        self.fit.vcov_type.clone()
    }

    /// Observations used.
    #[getter]
    fn nobs(&self) -> usize {
        self.fit.nobs
    }

    /// Rows in the data given.
    #[getter]
    fn nrows_input(&self) -> usize {
        self.fit.nrows_input
    }

    /// Whether IRLS and the absorption converged.
    #[getter]
    fn converged(&self) -> bool {
        self.fit.converged
    }

    /// IRLS iterations (1 for OLS).
    #[getter]
    fn iterations(&self) -> usize {
        self.fit.iterations
    }

    /// Deviance (Poisson) or residual sum of squares (OLS), weighted.
    #[getter]
    fn deviance(&self) -> f64 {
        self.fit.deviance
    }

    /// Log-likelihood (Poisson).
    #[getter]
    fn loglik(&self) -> Option<f64> {
        self.fit.loglik
    }

    /// Pseudo-R² (Poisson).
    #[getter]
    fn pseudo_r2(&self) -> Option<f64> {
        self.fit.pseudo_r2
    }

    /// R² (OLS).
    #[getter]
    fn r2(&self) -> Option<f64> {
        self.fit.r2
    }

    /// Within R² (OLS).
    #[getter]
    fn r2_within(&self) -> Option<f64> {
        self.fit.r2_within
    }

    /// Degrees of freedom of the t statistics.
    #[getter]
    fn df_t(&self) -> usize {
        self.fit.df_t
    }

    /// Warnings (dropped observations, collinear regressors, non-convergence).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.fit.warnings.clone()
    }

    /// Regressors dropped as collinear.
    #[getter]
    fn collinear(&self) -> Vec<String> {
        self.fit.collinear.clone()
    }

    /// Observations dropped, by reason.
    #[getter]
    fn dropped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.fit.dropped;
        let out = PyDict::new(py);
        out.set_item("missing", d.missing)?;
        out.set_item("singletons", d.singletons)?;
        out.set_item("separated", d.separated)?;
        out.set_item("separated_fe", d.separated_fe)?;
        out.set_item("separated_relu", d.separated_relu)?;
        Ok(out)
    }

    /// 0-based rows of the data dropped as separated.
    #[getter]
    fn separated_rows<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        PyArray1::from_vec(
            py,
            self.fit.separated_rows.iter().map(|&r| r as i64).collect(),
        )
    }

    /// 0-based rows of the data in the estimation sample.
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        PyArray1::from_vec(py, self.fit.rows.iter().map(|&r| r as i64).collect())
    }

    /// Fitted values on the estimation sample (μ for Poisson).
    #[getter]
    fn fitted<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.fit.fitted)
    }

    /// The outcome on the estimation sample (log(y) for a `log(y)` outcome).
    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let (name, log) = match &self.formula.lhs {
            Atom::Var(v) => (v, false),
            Atom::Log(v) => (v, true),
            Atom::Factor { var, .. } => (var, false),
        };
        let Some(Column::Numeric(y)) = self.frame.column(name) else {
            return Err(PyValueError::new_err(format!(
                "outcome {name:?} is not numeric"
            )));
        };
        let values = self
            .fit
            .rows
            .iter()
            .map(|&i| if log { y[i].ln() } else { y[i] })
            .collect();
        Ok(PyArray1::from_vec(py, values))
    }

    /// The fixed effects: `(name, levels, values)` per fixed effect.
    fn fixef(&self) -> Vec<(String, Vec<String>, Vec<f64>)> {
        self.fit
            .fixed_effects
            .iter()
            .map(|f| (f.name.clone(), f.levels.clone(), f.values.clone()))
            .collect()
    }

    /// Predictions for every row of `newdata` (NaN where a fixed-effect level was not
    /// estimated or a regressor is missing).
    fn predict<'py>(
        &self,
        py: Python<'py>,
        newdata: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let mut wanted: Vec<String> = self
            .formula
            .variables()
            .into_iter()
            .map(str::to_owned)
            .collect();
        wanted.extend(self.fit.offset_var.iter().cloned());
        let frame = frame(py, newdata, &wanted)?;
        let values = py
            .detach(|| self.fit.predict_or_nan(&frame))
            .map_err(gravity)?;
        Ok(PyArray1::from_vec(py, values))
    }

    /// The regression table as text (bilat's own layout).
    fn to_text(&self) -> String {
        self.fit.to_text()
    }

    /// The regression table as Markdown.
    fn to_markdown(&self) -> String {
        self.fit.to_markdown()
    }

    /// The fit as JSON (`bilat gravity --format json`).
    fn to_json(&self) -> String {
        self.fit.to_json()
    }
}
