//! The baseline world implied by a fit: countries, the n × n matrix of fitted flows, the cost
//! terms t_ij^(1−σ) and the multilateral resistances recovered from the fixed effects
//! (Yotov et al. 2016, eq. 2-38, 2-39), normalised on the reference importer.

use std::collections::{BTreeSet, HashMap};

use super::{CostChange, PairSet, ScenarioOptions};
use crate::error::{Error, Result};
use crate::fit::Fit;
use crate::frame::{Frame, MISSING_CODE};

/// Countries and baseline matrices (row-major, exporter i by importer j).
#[derive(Debug, Clone)]
pub(crate) struct World {
    /// Sorted country labels.
    pub countries: Vec<String>,
    pub n: usize,
    /// Fitted baseline flows X̂_ij (0 for a pair absent from the data).
    pub x: Vec<f64>,
    /// Baseline cost term t_ij^(1−σ) = X̂_ij / (e^π_i e^χ_j) (0 where absent).
    pub cost: Vec<f64>,
    /// Frame row of each cell.
    pub row: Vec<Option<usize>>,
    /// Y_i = Σ_j X̂_ij.
    pub y: Vec<f64>,
    /// E_j = Σ_i X̂_ij.
    pub e: Vec<f64>,
    /// Index of the reference importer.
    pub reference: usize,
    /// Π_i^(1−σ) (AvW, shares of world output Y).
    pub omr_pow: Vec<f64>,
    /// P_j^(1−σ), P_R = 1.
    pub imr_pow: Vec<f64>,
    /// Fitted predictions on the baseline frame, one per row (NaN outside the model).
    pub mu: Vec<f64>,
    /// Rows of the frame left out (no prediction, or a country without both output and
    /// expenditure).
    pub rows_dropped: usize,
}

fn bad(what: &'static str, message: String) -> Error {
    Error::InvalidScenario { what, message }
}

/// Value of each level of the fixed effect named `var`, by label.
fn fe_lookup<'a>(fit: &'a Fit, var: &str) -> Result<HashMap<&'a str, f64>> {
    let fe = fit
        .fixed_effects
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(var))
        .ok_or_else(|| Error::Internal(format!("fit has no fixed effect `{var}`")))?;
    Ok(fe
        .levels
        .iter()
        .map(String::as_str)
        .zip(fe.values.iter().copied())
        .collect())
}

impl World {
    /// Builds the world from the fit's predictions on `frame`.
    pub fn build(fit: &Fit, frame: &Frame, options: &ScenarioOptions) -> Result<World> {
        let (ex_codes, ex_levels) = frame.factor(&options.exporter)?;
        let (im_codes, im_levels) = frame.factor(&options.importer)?;
        let mu = fit.predict_or_nan(frame)?;
        let pi = fe_lookup(fit, &options.exporter)?;
        let chi = fe_lookup(fit, &options.importer)?;
        let label = |codes: &[u32], levels: &[String], r: usize| -> Option<String> {
            (codes[r] != MISSING_CODE).then(|| levels[codes[r] as usize].clone())
        };
        // Candidate rows: predicted, both labels known.
        let mut rows: Vec<(usize, String, String)> = (0..frame.nrows())
            .filter(|&r| mu[r].is_finite() && mu[r] > 0.0)
            .filter_map(|r| {
                Some((
                    r,
                    label(&ex_codes, &ex_levels, r)?,
                    label(&im_codes, &im_levels, r)?,
                ))
            })
            .filter(|(_, a, b)| pi.contains_key(a.as_str()) && chi.contains_key(b.as_str()))
            .collect();
        // Keep countries that both export and import, until stable.
        let countries: Vec<String> = loop {
            let ex: BTreeSet<&str> = rows.iter().map(|(_, a, _)| a.as_str()).collect();
            let im: BTreeSet<&str> = rows.iter().map(|(_, _, b)| b.as_str()).collect();
            let both: BTreeSet<String> = ex.intersection(&im).map(|s| (*s).to_owned()).collect();
            let before = rows.len();
            rows.retain(|(_, a, b)| both.contains(a) && both.contains(b));
            if rows.len() == before {
                break both.into_iter().collect();
            }
        };
        if countries.len() < 2 {
            return Err(bad(
                "data",
                format!(
                    "{} countries both export and import in the fitted sample; a scenario needs at least 2",
                    countries.len()
                ),
            ));
        }
        let n = countries.len();
        let index: HashMap<&str, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let reference = match &options.reference {
            None => n - 1,
            Some(r) => *index.get(r.as_str()).ok_or_else(|| {
                bad(
                    "reference",
                    format!("reference importer `{r}` is not a country of the model"),
                )
            })?,
        };
        let chi_r = chi[countries[reference].as_str()];
        let mut world = World {
            n,
            x: vec![0.0; n * n],
            cost: vec![0.0; n * n],
            row: vec![None; n * n],
            y: vec![0.0; n],
            e: vec![0.0; n],
            reference,
            omr_pow: vec![0.0; n],
            imr_pow: vec![0.0; n],
            rows_dropped: frame.nrows() - rows.len(),
            mu,
            countries: Vec::new(),
        };
        for (r, a, b) in &rows {
            let (i, j) = (index[a.as_str()], index[b.as_str()]);
            let k = i * n + j;
            if world.row[k].is_some() {
                return Err(bad(
                    "data",
                    format!(
                        "pair {a}→{b} appears in more than one row; a scenario needs one row per ordered pair (filter a panel to one year)"
                    ),
                ));
            }
            world.row[k] = Some(*r);
            world.x[k] = world.mu[*r];
            world.cost[k] = (world.mu[*r].ln() - pi[a.as_str()] - chi[b.as_str()]).exp();
            world.y[i] += world.mu[*r];
            world.e[j] += world.mu[*r];
        }
        let total: f64 = world.y.iter().sum();
        let e_r = world.e[reference];
        for (i, c) in countries.iter().enumerate() {
            // Normalised so that χ_R = 0: π_i + χ_R and χ_j − χ_R.
            let (pi_i, chi_i) = (pi[c.as_str()] + chi_r, chi[c.as_str()] - chi_r);
            world.omr_pow[i] = world.y[i] * e_r / (total * pi_i.exp());
            world.imr_pow[i] = world.e[i] / (e_r * chi_i.exp());
        }
        world.countries = countries;
        Ok(world)
    }

    /// Country index of a label, or an error listing a few.
    pub fn country(&self, label: &str) -> Result<usize> {
        self.countries
            .iter()
            .position(|c| c.eq_ignore_ascii_case(label))
            .ok_or_else(|| {
                bad(
                    "pair",
                    format!(
                        "country `{label}` is not in the model ({} countries: {}, …)",
                        self.n,
                        self.countries
                            .iter()
                            .take(8)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }

    /// Frame rows a pair set selects (rows outside the model are changed too, harmlessly).
    pub fn rows_of(&self, pairs: &PairSet) -> Result<Vec<usize>> {
        let cells: Vec<usize> = match pairs {
            PairSet::All => return Ok((0..self.mu.len()).collect()),
            PairSet::Pairs(list) => {
                let mut cells = Vec::new();
                for (a, b) in list {
                    let (i, j) = (self.country(a)?, self.country(b)?);
                    if i == j {
                        return Err(bad(
                            "pair",
                            format!("`{a}-{b}` is not a pair of two countries"),
                        ));
                    }
                    cells.extend([i * self.n + j, j * self.n + i]);
                }
                cells
            }
            PairSet::Within(members) => {
                let idx: Vec<usize> = members
                    .iter()
                    .map(|m| self.country(m))
                    .collect::<Result<_>>()?;
                let mut cells = Vec::new();
                for &i in &idx {
                    cells.extend(idx.iter().filter(|&&j| j != i).map(|&j| i * self.n + j));
                }
                cells
            }
        };
        Ok(cells.into_iter().filter_map(|k| self.row[k]).collect())
    }

    /// θ_ij = μ′/μ per cell (1 where the pair is absent).
    pub fn theta(&self, cf_pred: &[f64], changes: &[CostChange]) -> Result<Vec<f64>> {
        let mut theta = vec![1.0; self.n * self.n];
        for (k, row) in self.row.iter().enumerate() {
            if let Some(r) = *row {
                let t = cf_pred[r] / self.mu[r];
                if !(t.is_finite() && t > 0.0) {
                    let names: Vec<String> = changes.iter().map(ToString::to_string).collect();
                    return Err(bad(
                        "change",
                        format!(
                            "the counterfactual cost of {}→{} (row {r}) is not a positive number after {}",
                            self.countries[k / self.n],
                            self.countries[k % self.n],
                            names.join(" ")
                        ),
                    ));
                }
                theta[k] = t;
            }
        }
        Ok(theta)
    }
}
