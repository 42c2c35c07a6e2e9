//! What-if scenarios: general-equilibrium counterfactuals of structural gravity ("what if A
//! and B sign a trade agreement?"). Columns in, counterfactual out.
//!
//! The procedure is GEPPML (Yotov, Piermartini, Monteiro & Larch 2016, *An Advanced Guide to
//! Trade Policy Analysis*, ch. 2, eq. 2-30–2-39):
//!
//! 1. **Baseline.** PPML with exporter and importer fixed effects, by the crate's own
//!    [`fit`](crate::fit): X̂_ij = exp(x_ij′β + π_i + χ_j). The cost term is
//!    t_ij^(1−σ) = exp(x_ij′β); output and expenditure are the fitted sums Y_i = Σ_j X̂_ij,
//!    E_j = Σ_i X̂_ij (equal to the observed sums: PPML's first-order conditions), Y = Σ_i Y_i.
//!    With χ_R = 0 for the reference importer R, the resistances are (eq. 2-38, 2-39)
//!    P_j^(1−σ) = E_j / (E_R e^χ_j) and Π_i^(1−σ) = Y_i E_R / (Y e^π_i), so that
//!    X̂_ij = (Y_i E_j / Y) · t_ij^(1−σ) / (Π_i^(1−σ) P_j^(1−σ)) (Anderson & van Wincoop 2003).
//! 2. **Counterfactual costs.** Each [`CostChange`] sets a regressor to an expression on all
//!    pairs or on listed pairs (both directions); the cost shock is
//!    θ_ij = t′_ij^(1−σ) / t_ij^(1−σ) = exp((x′_ij − x_ij)′β), obtained by predicting the fit on
//!    the changed columns, so `log(..)` terms and interactions follow the formula.
//! 3. **Solve** ([`Mode`]) the structural system in exact-hat form (`solve.rs`), as
//!    `ge_gravity` (Baier, Yotov & Zylkin) does, and report every country's and pair's
//!    change (`result.rs`), with the residuals of the equations recomputed at the solution.
//! 4. **Target** (`target.rs`): the uniform change of one pair's costs that brings its turnover
//!    to a value, by a one-dimensional root search over full solves.
//!
//! ```
//! use bilat_gravity::{CostChange, Formula, Frame, Mode, Scenario, ScenarioOptions};
//! let names = ["A", "B", "C"];
//! let (mut ex, mut im, mut trade, mut border) = (vec![], vec![], vec![], vec![]);
//! for (i, a) in names.iter().enumerate() {
//!     for (j, b) in names.iter().enumerate() {
//!         ex.push(a.to_string());
//!         im.push(b.to_string());
//!         border.push(if i == j { 0.0 } else { 1.0 });
//!         trade.push(if i == j { 50.0 } else { 5.0 + (i + 2 * j) as f64 });
//!     }
//! }
//! let frame = Frame::new()
//!     .with_strings("exporter", ex)?
//!     .with_strings("importer", im)?
//!     .with_f64("trade", trade)?
//!     .with_f64("border", border)?;
//! let formula = Formula::parse("trade ~ border | exporter + importer")?;
//! let scenario = Scenario::new(&formula, &frame, ScenarioOptions::default())?;
//! let result = scenario.run(&["border=0@A-B".parse::<CostChange>()?])?;
//! assert!(result.converged);
//! assert_eq!(result.mode, Mode::Full);
//! let a = result.countries.iter().find(|c| c.country == "A").unwrap();
//! assert!(a.real_gdp_change_pct > 0.0);
//! # Ok::<(), bilat_gravity::Error>(())
//! ```
//!
//! # References
//! - Anderson, J. E. & van Wincoop, E. (2003). Gravity with gravitas. *AER* 93(1), 170–192.
//! - Yotov, Y. V., Piermartini, R., Monteiro, J.-A. & Larch, M. (2016). *An Advanced Guide to
//!   Trade Policy Analysis: The Structural Gravity Model*. WTO/UNCTAD, ch. 2.
//! - Baier, S. L., Yotov, Y. V. & Zylkin, T. (2019). On the widely differing effects of free
//!   trade agreements. *JIE* 116, 206–226 (`ge_gravity`, exact hat algebra).
//! - Dekle, R., Eaton, J. & Kortum, S. (2007). Unbalanced trade. *AER* 97(2), 351–355.
//! - Alvarez, F. & Lucas, R. E. (2007). General equilibrium analysis of the Eaton–Kortum
//!   model of international trade. *JME* 54(6), 1726–1768 (uniqueness, the 1/σ update).
//! - Herman, P. (2021). gegravity: general equilibrium gravity modeling in Python. USITC
//!   working paper 2021-04-B (the one-step variant, [`Mode::OneStep`]).

mod expr;
mod result;
mod solve;
mod target;
mod world;

use std::str::FromStr;

use serde::Serialize;

pub use expr::Expr;
pub use result::{Baseline, CountryEffect, PairEffect, ScenarioResult};
pub use target::{Target, TargetResult};

use crate::error::{Error, Result};
use crate::estimate::fit;
use crate::fit::Fit;
use crate::formula::{Atom, Formula};
use crate::frame::Frame;
use crate::options::FitOptions;
use world::World;

/// Which equilibrium to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Conditional GE: the resistances adjust, output and expenditure stay fixed (eq. 2-31).
    Conditional,
    /// Full-endowment GE: factory-gate prices, output, expenditure and the resistances adjust
    /// to the fixed point of the structural system (eq. 2-33–2-36).
    #[default]
    Full,
    /// gegravity 0.3's "full GE": the conditional resistances and one factory-gate price
    /// update (its MR equations keep baseline output and expenditure shares). Not a fixed
    /// point of the full system; kept to compare with that tool.
    OneStep,
}

impl FromStr for Mode {
    type Err = Error;

    /// `conditional`, `full` or `one-step` (also `one_step`).
    fn from_str(s: &str) -> Result<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "conditional" => Ok(Mode::Conditional),
            "full" => Ok(Mode::Full),
            "one-step" | "one_step" => Ok(Mode::OneStep),
            other => Err(Error::InvalidScenario {
                what: "option",
                message: format!("mode `{other}`: expected conditional, full or one-step"),
            }),
        }
    }
}

/// The pairs a [`CostChange`] applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairSet {
    /// Every row of the data (intranational pairs included).
    All,
    /// The listed country pairs, both directions (`A-B` changes A→B and B→A).
    Pairs(Vec<(String, String)>),
    /// Every ordered pair of distinct countries inside the list (a group such as an RTA's
    /// members, expanded by the caller).
    Within(Vec<String>),
}

/// One counterfactual change: `variable` takes the value of `expr` on `pairs`.
#[derive(Debug, Clone, PartialEq)]
pub struct CostChange {
    /// A numeric regressor of the formula (case-insensitive).
    pub variable: String,
    /// Its new value, evaluated on each row (on the data as changed by earlier changes).
    pub expr: Expr,
    /// Where it applies.
    pub pairs: PairSet,
}

impl FromStr for CostChange {
    type Err = Error;

    /// `VAR=EXPR` or `VAR=EXPR@A-B,C-D` (pairs by the data's country labels).
    fn from_str(s: &str) -> Result<CostChange> {
        let bad = |message: String| Error::InvalidScenario {
            what: "change",
            message,
        };
        let (var, rest) = s
            .split_once('=')
            .ok_or_else(|| bad(format!("`{s}`: expected VAR=EXPR[@A-B,...]")))?;
        let variable = var.trim();
        if variable.is_empty() {
            return Err(bad(format!("`{s}`: no variable before `=`")));
        }
        let (expr, pairs) = match rest.split_once('@') {
            None => (rest, PairSet::All),
            Some((expr, list)) => {
                let mut pairs = Vec::new();
                for item in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let (a, b) = item.split_once('-').ok_or_else(|| {
                        bad(format!(
                            "pair `{item}` in `{s}`: expected A-B (e.g. BLR-KAZ)"
                        ))
                    })?;
                    pairs.push((a.trim().to_owned(), b.trim().to_owned()));
                }
                if pairs.is_empty() {
                    return Err(bad(format!("`{s}`: no pair after `@`")));
                }
                (expr, PairSet::Pairs(pairs))
            }
        };
        Ok(CostChange {
            variable: variable.to_owned(),
            expr: Expr::parse(expr)?,
            pairs,
        })
    }
}

impl std::fmt::Display for CostChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.variable, self.expr.text())?;
        match &self.pairs {
            PairSet::All => Ok(()),
            PairSet::Pairs(p) => {
                let items: Vec<String> = p.iter().map(|(a, b)| format!("{a}-{b}")).collect();
                write!(f, "@{}", items.join(","))
            }
            PairSet::Within(c) => write!(f, "@within({})", c.join(",")),
        }
    }
}

/// Options of a [`Scenario`].
///
/// | option | default | why |
/// | --- | --- | --- |
/// | `mode` | [`Mode::Full`] | the full-endowment equilibrium is what a policy question asks about |
/// | `sigma` | 7 | the book's value (Yotov et al. 2016, ch. 2, after Head & Mayer 2014) |
/// | `exporter`, `importer` | `exporter`, `importer` | the columns of the formula's two fixed effects |
/// | `reference` | the importer that sorts last | the book codes Germany `ZZZ` to make it the reference |
/// | `tol` | 1e-12 | largest relative residual of the solved equations; at 1e-10 a third country's 0.001% change was only good to ~1e-4 relative (the Canada–US border test) |
/// | `max_iter` | 100,000 | each iteration is O(n²); even the no-border world needs a few hundred |
/// | `fit` | PPML, hetero | the baseline estimation's options |
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioOptions {
    /// Equilibrium concept.
    pub mode: Mode,
    /// Elasticity of substitution σ (> 1); the trade elasticity is 1 − σ.
    pub sigma: f64,
    /// Exporter column (a fixed effect of the formula).
    pub exporter: String,
    /// Importer column (a fixed effect of the formula).
    pub importer: String,
    /// Reference importer (P_R = 1); `None`: the label that sorts last.
    pub reference: Option<String>,
    /// Convergence tolerance on the relative residuals.
    pub tol: f64,
    /// Iteration limit of each solve.
    pub max_iter: usize,
    /// Options of the baseline PPML fit.
    pub fit: FitOptions,
}

impl Default for ScenarioOptions {
    fn default() -> Self {
        ScenarioOptions {
            mode: Mode::Full,
            sigma: 7.0,
            exporter: "exporter".into(),
            importer: "importer".into(),
            reference: None,
            tol: 1e-12,
            max_iter: 100_000,
            fit: FitOptions::poisson(),
        }
    }
}

impl ScenarioOptions {
    fn validate(&self) -> Result<()> {
        let bad = |message: String| Error::InvalidScenario {
            what: "option",
            message,
        };
        if !(self.sigma.is_finite() && self.sigma > 1.0) {
            return Err(bad(format!(
                "sigma must be a number > 1, got {}",
                self.sigma
            )));
        }
        if !(self.tol > 0.0 && self.tol < 1.0) {
            return Err(bad(format!("tol must lie in (0, 1), got {}", self.tol)));
        }
        if self.max_iter == 0 {
            return Err(bad("max_iter must be at least 1".into()));
        }
        Ok(())
    }
}

/// A baseline ready for counterfactuals: the fit and the world it implies. Build once, run
/// many scenarios (the target search runs dozens).
#[derive(Debug, Clone)]
pub struct Scenario {
    formula: Formula,
    frame: Frame,
    fit: Fit,
    world: World,
    options: ScenarioOptions,
}

impl Scenario {
    /// Fits the baseline and builds the world. The formula must have exactly the exporter
    /// and importer fixed effects (the structural model's Π and P); each ordered pair may
    /// appear once (filter a panel to one year first).
    pub fn new(formula: &Formula, frame: &Frame, options: ScenarioOptions) -> Result<Scenario> {
        options.validate()?;
        check_fixed_effects(formula, &options)?;
        let fit = fit(formula, frame, &options.fit)?;
        let world = World::build(&fit, frame, &options)?;
        Ok(Scenario {
            formula: formula.clone(),
            frame: frame.clone(),
            fit,
            world,
            options,
        })
    }

    /// The baseline fit.
    pub fn fit(&self) -> &Fit {
        &self.fit
    }

    /// The options.
    pub fn options(&self) -> &ScenarioOptions {
        &self.options
    }

    /// Country labels in the model, sorted.
    pub fn countries(&self) -> &[String] {
        &self.world.countries
    }

    /// Solves the scenario given by `changes` (none: the baseline itself, every effect 0).
    pub fn run(&self, changes: &[CostChange]) -> Result<ScenarioResult> {
        let theta = self.cost_shock(changes)?;
        Ok(self.solve(&theta, changes))
    }

    /// θ_ij for every cell of the world: the fit predicted on the changed data over the fit
    /// predicted on the baseline data.
    fn cost_shock(&self, changes: &[CostChange]) -> Result<Vec<f64>> {
        let regressors: Vec<&str> = self
            .formula
            .rhs
            .iter()
            .flat_map(|t| t.atoms.iter())
            .filter_map(|a| match a {
                Atom::Var(v) | Atom::Log(v) => Some(v.as_str()),
                Atom::Factor { .. } => None,
            })
            .collect();
        let mut cf = self.frame.clone();
        for change in changes {
            if !regressors
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&change.variable))
            {
                return Err(Error::InvalidScenario {
                    what: "change",
                    message: format!(
                        "`{}` is not a numeric regressor of the formula ({})",
                        change.variable,
                        regressors.join(", ")
                    ),
                });
            }
            let rows = self.world.rows_of(&change.pairs)?;
            let new = change.expr.eval(&cf)?;
            let mut values = cf
                .numeric(&change.variable, "a scenario's cost change")?
                .to_vec();
            for r in rows {
                values[r] = new[r];
            }
            cf.replace_numeric(&change.variable, values)?;
        }
        let cf_pred = self.fit.predict_or_nan(&cf)?;
        self.world.theta(&cf_pred, changes)
    }

    /// Solves for a given cost shock (the target search perturbs it directly).
    fn solve(&self, theta: &[f64], changes: &[CostChange]) -> ScenarioResult {
        let w = &self.world;
        let system = solve::System {
            n: w.n,
            x: &w.x,
            theta,
            y: &w.y,
            e: &w.e,
            reference: w.reference,
            sigma: self.options.sigma,
            tol: self.options.tol,
            max_iter: self.options.max_iter,
        };
        let hats = match self.options.mode {
            Mode::Conditional => system.conditional(),
            Mode::Full => system.full(),
            Mode::OneStep => system.one_step(),
        };
        result::summarise(self, theta, &hats, changes)
    }
}

/// The formula must absorb exactly `exporter` and `importer` (one-way, in any order).
fn check_fixed_effects(formula: &Formula, options: &ScenarioOptions) -> Result<()> {
    let is = |k: usize, name: &str| {
        formula.fixed_effects[k].vars.len() == 1
            && formula.fixed_effects[k].vars[0].eq_ignore_ascii_case(name)
    };
    let ok = formula.fixed_effects.len() == 2
        && ((is(0, &options.exporter) && is(1, &options.importer))
            || (is(1, &options.exporter) && is(0, &options.importer)));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidScenario {
            what: "formula",
            message: format!(
                "`{formula}`: a scenario needs exactly the fixed effects `| {} + {}` (the structural model's outward and inward resistances)",
                options.exporter, options.importer
            ),
        })
    }
}
