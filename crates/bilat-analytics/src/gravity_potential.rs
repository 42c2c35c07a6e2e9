//! Pair potential from structural gravity (DESIGN §3): fit PPML on the world matrix of a year
//! with `bilat-gravity`, predict both directions of the pair, compare with actual trade.
//!
//! ```text
//! E[X_ij] = exp(π_i + χ_j + β₁ ln dist_ij + β₂ contig_ij + β₃ lang_ij + β₄ rta_ij + β₅ cur_ij)   (PPML)
//! predicted_ij = exp(π̂_i + χ̂_j + x'_ij β̂)      ratio = actual / predicted
//! untapped_ij  = max(predicted_ij − actual_ij, 0)
//! ```
//! Exporter and importer fixed effects absorb GDPs and multilateral resistance (Anderson & van
//! Wincoop 2003), so the benchmark is what the pair would trade if it traded like the average
//! pair *with the same distance, border, language, agreement and currency*. The GDP variant
//! (`ln gdp_o + ln gdp_d` instead of the fixed effects) is available for data with GDPs.
//!
//! From the warehouse only country-pair totals exist — no distance, contiguity, language,
//! RTA or currency — so the specification is `trade ~ 1 | exporter + importer` on every ordered
//! pair (zeros included): with these fixed effects alone PPML reproduces each country's
//! exports and imports and predicts the *frictionless* benchmark (close to X_i·M_j / X_w). It
//! cannot tell distance from policy; untapped there means "below the frictionless benchmark",
//! which every distant pair is. Give `--data` with a gravity dataset for the standard model.
//!
//! # References
//! - Santos Silva, J. M. C. & Tenreyro, S. (2006). The log of gravity. *REStat* 88(4), 641–658.
//! - Anderson, J. E. & van Wincoop, E. (2003). Gravity with gravitas. *AER* 93(1), 170–192.
//! - Yotov, Y. V., Piermartini, R., Monteiro, J.-A. & Larch, M. (2016). *An Advanced Guide to
//!   Trade Policy Analysis: The Structural Gravity Model*. WTO/UNCTAD (ch. 1, eq. 1–3).
//! - Head, K., Mayer, T. & Ries, J. (2010). The erosion of colonial trade linkages after
//!   independence. *JIE* 81(1), 1–14 (the `gravity_zeros` dataset).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bilat_gravity::{Coefficient, Dropped, FitOptions, Formula, Frame};
use bilat_model::{HsLevel, Place};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::csv_file::{CsvFile, bad_file};
use crate::levels::{CodeValue, total};
use crate::profile::{Side, side};
use crate::query::{f64s, i64s, lit, strings};
use crate::world::World;
use crate::{Error, Result};

/// Covariates of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GravitySpec {
    /// Exporter and importer fixed effects plus the bilateral covariates present (the default).
    #[default]
    FixedEffects,
    /// ln GDP of exporter and importer plus the bilateral covariates, with an intercept.
    Gdp,
}

impl std::str::FromStr for GravitySpec {
    type Err = String;

    /// `fe` (exporter and importer fixed effects) or `gdp` (log GDPs, no fixed effects).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fe" => Ok(GravitySpec::FixedEffects),
            "gdp" => Ok(GravitySpec::Gdp),
            _ => Err(format!(
                "{s:?} is not a gravity specification; use fe or gdp"
            )),
        }
    }
}

/// Names of the columns of a gravity file; `None` = recognise the usual names.
#[derive(Debug, Clone, Default)]
pub struct GravityColumns {
    /// Exporter code column (default: iso_o, exporter, i, exp, origin).
    pub exporter: Option<String>,
    /// Importer code column (default: iso_d, importer, j, imp, destination).
    pub importer: Option<String>,
    /// Flow column (default: flow, trade, v, value).
    pub flow: Option<String>,
    /// Distance column (default: distw, dist).
    pub dist: Option<String>,
    /// Year column (default: year, t); without one the file is taken as the requested year.
    pub year: Option<String>,
}

/// A gravity dataset given as a file.
#[derive(Debug, Clone)]
pub struct GravityFile<'a> {
    /// CSV path.
    pub path: &'a Path,
    /// USD per unit of the flow column (1, 1e3 or 1e6).
    pub usd_per_unit: f64,
    /// Column names.
    pub columns: GravityColumns,
}

/// Fit statistics and coefficients of the benchmark model.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GravityFitSummary {
    /// The formula fitted, canonical form.
    pub formula: String,
    /// Coefficients with heteroskedasticity-robust (HC1) inference.
    pub coefficients: Vec<Coefficient>,
    /// Variance type.
    pub vcov: String,
    /// Observations used.
    pub nobs: usize,
    /// Rows given to the estimator.
    pub nrows_input: usize,
    /// Observations removed, by reason.
    pub dropped: Dropped,
    /// IRLS iterations.
    pub iterations: usize,
    /// Whether IRLS converged.
    pub converged: bool,
    /// McFadden pseudo-R².
    pub pseudo_r2: Option<f64>,
    /// Poisson deviance.
    pub deviance: f64,
}

/// Actual and predicted trade of one direction.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GravityDirection {
    /// Exporter alpha-3.
    pub exporter: String,
    /// Importer alpha-3.
    pub importer: String,
    /// Actual flow, USD.
    pub actual_usd: f64,
    /// Predicted flow, USD.
    pub predicted_usd: f64,
    /// actual / predicted.
    pub ratio: Option<f64>,
    /// max(predicted − actual, 0), USD.
    pub untapped_usd: f64,
}

/// Where the gravity data come from.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GravityProvenance {
    /// Source family, or the file path.
    pub source: String,
    /// Release, or `file`.
    pub vintage: String,
    /// What the rows are: `country-pair totals, exporter reports` or the file's description.
    pub view: String,
    /// Unit of the `*_usd` fields and how the file's unit was converted.
    pub unit: String,
    /// "demo data (generated)" on the demo world.
    pub label: Option<String>,
}

/// Pair potential from gravity. Field names are a stable JSON interface.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GravityPotential {
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Year of the matrix.
    pub year: i32,
    /// Covariates chosen.
    pub spec: GravitySpec,
    /// What the specification can and cannot capture with these data.
    pub spec_notes: Vec<String>,
    /// The fit.
    pub fit: GravityFitSummary,
    /// A → B, then B → A.
    pub directions: Vec<GravityDirection>,
    /// Where the data come from.
    pub provenance: GravityProvenance,
}

/// Columns of the estimation frame (canonical names used in the formula).
struct Data {
    exporter: Vec<String>,
    importer: Vec<String>,
    trade: Vec<f64>,
    covariates: Vec<(&'static str, Vec<f64>)>,
}

impl Data {
    fn frame(&self, rows: Option<&[usize]>) -> Result<Frame> {
        let pick_s = |v: &Vec<String>| match rows {
            Some(r) => r.iter().map(|i| v[*i].clone()).collect(),
            None => v.clone(),
        };
        let pick_f = |v: &Vec<f64>| match rows {
            Some(r) => r.iter().map(|i| v[*i]).collect(),
            None => v.clone(),
        };
        let mut f = Frame::new()
            .with_strings("exporter", pick_s(&self.exporter))
            .and_then(|f| f.with_strings("importer", pick_s(&self.importer)))
            .and_then(|f| f.with_f64("trade", pick_f(&self.trade)))
            .map_err(gravity_err)?;
        for (n, v) in &self.covariates {
            f = f.with_f64(*n, pick_f(v)).map_err(gravity_err)?;
        }
        Ok(f)
    }
}

fn gravity_err(e: bilat_gravity::Error) -> Error {
    Error::Gravity(e)
}

/// The formula for `spec` with the covariates present.
fn formula_for(spec: GravitySpec, data: &Data, from_file: bool) -> (String, Vec<String>) {
    let mut rhs: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    let has = |n: &str| data.covariates.iter().any(|(c, _)| *c == n);
    for (name, term) in [
        ("dist", "log(dist)"),
        ("contig", "contig"),
        ("lang", "lang"),
        ("rta", "rta"),
        ("comcur", "comcur"),
    ] {
        if has(name) {
            rhs.push(term.to_string());
        } else if from_file {
            notes.push(format!("no {name} column: {term} is not in the model"));
        }
    }
    match spec {
        GravitySpec::FixedEffects => {
            notes.push(
                "exporter and importer fixed effects absorb GDPs and multilateral resistance"
                    .into(),
            );
            let r = if rhs.is_empty() {
                "1".to_string()
            } else {
                rhs.join(" + ")
            };
            (format!("trade ~ {r} | exporter + importer"), notes)
        }
        GravitySpec::Gdp => {
            rhs.insert(0, "log(gdp_d)".into());
            rhs.insert(0, "log(gdp_o)".into());
            notes.push("log GDPs instead of fixed effects: no multilateral resistance terms (biased; Anderson & van Wincoop 2003)".into());
            (format!("trade ~ {}", rhs.join(" + ")), notes)
        }
    }
}

/// Fits, predicts both directions and assembles the result.
#[allow(clippy::too_many_arguments)]
fn estimate(
    data: &Data,
    spec: GravitySpec,
    a: Side,
    b: Side,
    year: i32,
    usd_per_unit: f64,
    mut spec_notes: Vec<String>,
    provenance: GravityProvenance,
    deadline: Option<std::time::Instant>,
) -> Result<GravityPotential> {
    let (formula, notes) = formula_for(spec, data, provenance.vintage == "file");
    spec_notes.extend(notes);
    let frame = data.frame(None)?;
    let f = Formula::parse(&formula).map_err(gravity_err)?;
    let options = FitOptions {
        deadline,
        ..FitOptions::poisson()
    };
    let fit = bilat_gravity::fit(&f, &frame, &options).map_err(gravity_err)?;
    let in_sample: BTreeSet<usize> = fit.rows.iter().copied().collect();
    let mut directions = Vec::new();
    for (i, j) in [(&a, &b), (&b, &a)] {
        let row = (0..data.exporter.len())
            .find(|r| {
                data.exporter[*r].eq_ignore_ascii_case(&i.code)
                    && data.importer[*r].eq_ignore_ascii_case(&j.code)
            })
            .ok_or_else(|| {
                Error::no_data(
                    None,
                    format!(
                        "the gravity data have no row {} → {} in {year}",
                        i.code, j.code
                    ),
                )
            })?;
        if !in_sample.contains(&row) {
            return Err(Error::no_data(
                None,
                format!(
                    "{} → {} is not in the estimation sample (missing covariate, singleton or separated); \
                 both countries must be estimated to predict the pair",
                    i.code, j.code
                ),
            ));
        }
        let pred = fit.predict(&data.frame(Some(&[row]))?).map_err(|e| {
            Error::no_data(None, format!("cannot predict {} → {}: {e}", i.code, j.code))
        })?[0];
        let actual = data.trade[row] * usd_per_unit;
        let predicted = pred * usd_per_unit;
        directions.push(GravityDirection {
            exporter: i.code.clone(),
            importer: j.code.clone(),
            actual_usd: actual,
            predicted_usd: predicted,
            ratio: (predicted > 0.0).then(|| actual / predicted),
            untapped_usd: (predicted - actual).max(0.0),
        });
    }
    if !fit.converged {
        spec_notes.push(format!(
            "warning: PPML did not converge after {} iterations",
            fit.iterations
        ));
    }
    Ok(GravityPotential {
        reporter: a,
        partner: b,
        year,
        spec,
        spec_notes,
        fit: GravityFitSummary {
            formula: fit.formula.clone(),
            coefficients: fit.coefficients.clone(),
            vcov: fit.vcov_type.clone(),
            nobs: fit.nobs,
            nrows_input: fit.nrows_input,
            dropped: fit.dropped,
            iterations: fit.iterations,
            converged: fit.converged,
            pseudo_r2: fit.pseudo_r2,
            deviance: fit.deviance,
        },
        directions,
        provenance,
    })
}

fn countries(a: &Place, b: &Place) -> Result<(Side, Side)> {
    match (a, b) {
        (Place::Country(_), Place::Country(_)) if side(a).code != side(b).code => {
            Ok((side(a), side(b)))
        }
        _ => Err(Error::bad_pair(
            "gravity potential needs two distinct countries (not groups or the World)",
        )),
    }
}

/// Pair potential from a gravity dataset file (e.g. Head–Mayer–Ries `gravity_zeros.csv`).
/// Rows with exporter = importer are left out; rows of other years are left out when the file
/// has a year column. The fit stops with an error once `deadline` has passed.
pub fn gravity_potential_from_file(
    file: &GravityFile<'_>,
    a: &Place,
    b: &Place,
    year: i32,
    spec: GravitySpec,
    deadline: Option<std::time::Instant>,
) -> Result<GravityPotential> {
    let (sa, sb) = countries(a, b)?;
    let mut f = CsvFile::open(file.path)?;
    let cols = FileColumns::find(&f, &file.columns, spec)?;
    let shown = f.shown.clone();
    let (data, years_seen) = cols.read(&mut f, spec, year)?;
    if data.trade.is_empty() {
        return Err(Error::no_data(
            None,
            format!(
                "{shown}: no rows for {year}{}",
                if years_seen.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (years in the file: {})",
                        years_seen
                            .iter()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        ));
    }
    let mut spec_notes = vec![format!(
        "{} ordered pairs (zeros included) from {shown}",
        data.trade.len()
    )];
    if cols.year.is_none() {
        spec_notes.push(format!(
            "the file has no year column; it is taken as {year}"
        ));
    }
    let u = file.usd_per_unit;
    let unit = if u == 1.0 {
        "USD".to_string()
    } else if u == 1e3 {
        "USD (file in thousands, ×1,000)".to_string()
    } else if u == 1e6 {
        "USD (file in millions, ×1,000,000)".to_string()
    } else {
        format!("USD (file ×{u})")
    };
    let prov = GravityProvenance {
        source: shown,
        vintage: "file".into(),
        view: "gravity dataset: one row per ordered pair".into(),
        unit,
        label: None,
    };
    estimate(
        &data,
        spec,
        sa,
        sb,
        year,
        file.usd_per_unit,
        spec_notes,
        prov,
        deadline,
    )
}

/// Where a gravity file keeps each variable: column indices found by the names given
/// (`--exporter-col` …) or else by the usual names of gravity datasets.
struct FileColumns {
    exporter: usize,
    importer: usize,
    flow: usize,
    year: Option<usize>,
    /// Covariates present, by model name (`dist`, `contig`, `lang`, `rta`, `comcur`, `gdp_o`,
    /// `gdp_d`).
    covariates: Vec<(&'static str, usize)>,
}

impl FileColumns {
    fn find(f: &CsvFile, c: &GravityColumns, spec: GravitySpec) -> Result<FileColumns> {
        // A column given by name must exist; otherwise the first usual name present is used.
        let need = |given: &Option<String>, names: &[&'static str], role: &'static str| {
            let found = match given {
                Some(g) => f.find(&[g.as_str()]),
                None => f.find(names),
            };
            found.ok_or_else(|| Error::MissingColumn {
                path: f.shown.clone(),
                role,
                given: given.clone(),
                looked_for: names.to_vec(),
            })
        };
        let exporter = need(
            &c.exporter,
            &["iso_o", "exporter", "i", "exp", "origin"],
            "exporter",
        )?;
        let importer = need(
            &c.importer,
            &["iso_d", "importer", "j", "imp", "destination"],
            "importer",
        )?;
        let flow = need(&c.flow, &["flow", "trade", "v", "value"], "flow")?;
        let dist = match &c.dist {
            Some(_) => Some(need(&c.dist, &[], "distance")?),
            None => f.find(&["distw", "dist"]),
        };
        let year = match &c.year {
            Some(_) => Some(need(&c.year, &[], "year")?),
            None => f.find(&["year", "t"]),
        };
        let mut covariates: Vec<(&'static str, usize)> = Vec::new();
        if let Some(d) = dist {
            covariates.push(("dist", d));
        }
        for (name, alts) in [
            ("contig", &["contig", "cntg"][..]),
            ("lang", &["comlang_off", "lang"][..]),
            ("rta", &["rta"][..]),
            ("comcur", &["comcur"][..]),
            ("gdp_o", &["gdp_o"][..]),
            ("gdp_d", &["gdp_d"][..]),
        ] {
            if let Some(i) = f.find(alts) {
                covariates.push((name, i));
            }
        }
        if spec == GravitySpec::Gdp
            && !(covariates.iter().any(|c| c.0 == "gdp_o")
                && covariates.iter().any(|c| c.0 == "gdp_d"))
        {
            return Err(Error::BadRequest {
                field: crate::error::RequestField::Spec,
                message: format!(
                    "{}: the GDP specification needs gdp_o and gdp_d columns",
                    f.shown
                ),
            });
        }
        Ok(FileColumns {
            exporter,
            importer,
            flow,
            year,
            covariates,
        })
    }

    /// The rows of `year` (all rows without a year column), exporter ≠ importer, with the
    /// covariates of `spec` ("NA" and empty cells as NaN), and the years the file has.
    fn read(&self, f: &mut CsvFile, spec: GravitySpec, year: i32) -> Result<(Data, BTreeSet<i64>)> {
        let (shown, head) = (f.shown.clone(), f.head.clone());
        let bad =
            |line: u64, column: usize, message: String| bad_file(&shown, line, column, message);
        let mut data = Data {
            exporter: vec![],
            importer: vec![],
            trade: vec![],
            covariates: self
                .covariates
                .iter()
                .filter(|(n, _)| spec == GravitySpec::Gdp || !n.starts_with("gdp"))
                .map(|(n, _)| (*n, Vec::new()))
                .collect(),
        };
        let num = |rec: &csv::StringRecord, i: usize, line: u64| -> Result<f64> {
            let s = rec.get(i).unwrap_or("").trim();
            if s.is_empty() || s.eq_ignore_ascii_case("na") {
                return Ok(f64::NAN);
            }
            s.parse::<f64>().map_err(|_| {
                bad(
                    line,
                    i + 1,
                    format!("{:?} in column {} is not a number", s, head[i]),
                )
            })
        };
        let mut years_seen = BTreeSet::new();
        for rec in f.records() {
            let (line, rec) = rec?;
            if let Some(y) = self.year {
                let v = num(&rec, y, line)?;
                years_seen.insert(v as i64);
                if v as i32 != year {
                    continue;
                }
            }
            let (e, i) = (
                rec.get(self.exporter).unwrap_or("").trim(),
                rec.get(self.importer).unwrap_or("").trim(),
            );
            if e.eq_ignore_ascii_case(i) {
                continue;
            }
            let t = num(&rec, self.flow, line)?;
            if t < 0.0 {
                return Err(bad(line, self.flow + 1, format!("negative flow {t}")));
            }
            data.exporter.push(e.to_string());
            data.importer.push(i.to_string());
            data.trade.push(t);
            for (n, col) in data.covariates.iter_mut() {
                let idx = self
                    .covariates
                    .iter()
                    .find(|c| c.0 == *n)
                    .map(|c| c.1)
                    .unwrap_or(0);
                col.push(num(&rec, idx, line)?);
            }
        }
        Ok((data, years_seen))
    }
}

/// Pair potential from the warehouse: country-pair totals of the year's world matrix, every
/// ordered pair of its countries (missing pairs as zero), fitted with exporter and importer
/// fixed effects only (see the module doc for what this can and cannot say).
pub async fn gravity_potential_from_warehouse(
    engine: &QueryEngine,
    a: &Place,
    b: &Place,
    year: i32,
    source: Option<&str>,
    deadline: Option<std::time::Instant>,
) -> Result<GravityPotential> {
    let (sa, sb) = countries(a, b)?;
    let w = World::open(engine, &sa.members, year, HsLevel::Hs2, source).await?;
    let Some(rb) = w.basis.matrix_reported_by.clone() else {
        return Err(Error::no_data(
            Some(crate::Remedy::GravityDataset),
            format!(
                "the gravity benchmark needs the world matrix of {year} (every country pair); {} {} has {}",
                w.basis.source, w.basis.vintage, w.basis.basis
            ),
        ));
    };
    let flow = if rb == "importer" { "M" } else { "X" };
    let rows = engine
        .sql(&format!(
            "SELECT exporter, importer, product, product_level AS lvl, sum(value_usd) AS v FROM flows \
             WHERE source = {} AND vintage = {} AND period_year = {year} AND period_month IS NULL \
             AND reported_by = {} AND trade_flow = {} AND exporter <> 0 AND importer <> 0 AND exporter <> importer \
             GROUP BY 1, 2, 3, 4",
            lit(&w.basis.source),
            lit(&w.basis.vintage),
            lit(&rb),
            lit(flow)
        ))
        .await?;
    let (e, i, p, l, v) = (
        i64s(&rows, "exporter")?,
        i64s(&rows, "importer")?,
        strings(&rows, "product")?,
        i64s(&rows, "lvl")?,
        f64s(&rows, "v")?,
    );
    let mut pairs: BTreeMap<(i64, i64), Vec<CodeValue>> = BTreeMap::new();
    for r in 0..p.len() {
        pairs
            .entry((e[r].unwrap_or(-1), i[r].unwrap_or(-1)))
            .or_default()
            .push(CodeValue {
                code: p[r].clone(),
                level: l[r].unwrap_or(0) as u8,
                value: v[r].unwrap_or(0.0),
            });
    }
    let label = |c: i64| {
        bilat_model::country_by_code(c as u16)
            .map_or_else(|| c.to_string(), |c| c.alpha3.to_string())
    };
    let countries: BTreeSet<i64> = pairs.keys().flat_map(|(a, b)| [*a, *b]).collect();
    let mut data = Data {
        exporter: vec![],
        importer: vec![],
        trade: vec![],
        covariates: vec![],
    };
    for x in &countries {
        for m in &countries {
            if x == m {
                continue;
            }
            data.exporter.push(label(*x));
            data.importer.push(label(*m));
            data.trade
                .push(pairs.get(&(*x, *m)).map_or(0.0, |r| total(r)));
        }
    }
    let spec_notes = vec![
        format!(
            "{} countries, {} ordered pairs ({} with trade) from {} {} ({} reports)",
            countries.len(),
            data.trade.len(),
            pairs.len(),
            w.basis.source,
            w.basis.vintage,
            rb
        ),
        "the warehouse has no distance, contiguity, language, RTA or currency data: the model has exporter and \
         importer fixed effects only, i.e. the frictionless benchmark; it cannot separate distance from policy, so \
         'untapped' here is relative to a world without trade costs (use --data with a gravity dataset for the standard model)"
            .into(),
    ];
    let prov = GravityProvenance {
        label: w.basis.label.clone(),
        source: w.basis.source.clone(),
        vintage: w.basis.vintage.clone(),
        view: format!("country-pair totals, {rb} reports, annual rows"),
        unit: "USD".into(),
    };
    estimate(
        &data,
        GravitySpec::FixedEffects,
        sa,
        sb,
        year,
        1.0,
        spec_notes,
        prov,
        deadline,
    )
}
