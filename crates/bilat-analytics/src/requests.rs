//! One validated request per analysis, with one `run`: what every front end builds.
//!
//! The CLI builds these from flags, the server from query strings, the Python package from
//! keyword arguments; each part parses with the model's `FromStr` (`Place`, `HsLevel`,
//! `MonthRange`, `View`), so the three accept the same spellings and fail the same way. Running
//! a request is the same call everywhere, so no front end composes analyses of its own.

use std::path::PathBuf;
use std::str::FromStr;

use bilat_model::{HsLevel, Place};
use bilat_warehouse::QueryEngine;

use crate::{
    BriefData, Error, GravityColumns, GravityFile, GravityPotential, GravitySpec, PairIndicators,
    ProductPotentialReport, Profile, ProfileRequest, PtdChoice, Remedy, Result,
    gravity_potential_from_file, gravity_potential_from_warehouse,
};

impl ProfileRequest {
    /// The profile (same as [`crate::profile`]).
    pub async fn run(&self, engine: &QueryEngine) -> Result<Profile> {
        crate::profile(engine, self).await
    }
}

/// What a brief needs: the pair's profile over every product, the period to date, and the
/// potential summary of its last paragraph.
#[derive(Debug, Clone)]
pub struct BriefRequest {
    /// The profile; `top` is every product, so plain-name groups sum all their codes (the
    /// brief picks the main ones).
    pub profile: ProfileRequest,
    /// Which months the period-to-date paragraph reports.
    pub period_to_date: PtdChoice,
}

impl BriefRequest {
    /// A brief of `a` with `b` in `year`, the latest partial year as period to date.
    pub fn new(a: Place, b: Place, year: i32) -> Self {
        let mut profile = ProfileRequest::new(a, b, year);
        profile.top = usize::MAX;
        BriefRequest {
            profile,
            period_to_date: PtdChoice::Latest,
        }
    }

    /// Profile, brief data and potential summary, in that order (each needs the one before).
    pub async fn run(&self, engine: &QueryEngine) -> Result<BriefInputs> {
        let profile = crate::profile(engine, &self.profile).await?;
        let data = crate::brief_data(engine, &profile, self.period_to_date).await?;
        let p = &self.profile;
        let potential = crate::potential_summary(engine, &p.a, &p.b, p.year).await?;
        Ok(BriefInputs {
            profile,
            data,
            potential,
        })
    }
}

/// The figures of a brief, before any sentence is written (`bilat_report::build_brief`).
#[derive(Debug, Clone)]
pub struct BriefInputs {
    /// The pair's profile.
    pub profile: Profile,
    /// History, period to date, services and investment, partner position.
    pub data: BriefData,
    /// The product-level export potential at HS4, when the data hold a world matrix.
    pub potential: Option<ProductPotentialReport>,
}

/// Trade indicators of a pair from the warehouse.
#[derive(Debug, Clone)]
pub struct IndicatorsRequest {
    /// Country A.
    pub a: Place,
    /// Country B.
    pub b: Place,
    /// Year.
    pub year: i32,
    /// HS level of the product figures.
    pub level: HsLevel,
    /// Restrict to one source.
    pub source: Option<String>,
}

impl IndicatorsRequest {
    /// Defaults: HS4, automatic source.
    pub fn new(a: Place, b: Place, year: i32) -> Self {
        IndicatorsRequest {
            a,
            b,
            year,
            level: HsLevel::Hs4,
            source: None,
        }
    }

    /// The indicators (same as [`crate::pair_indicators`]).
    pub async fn run(&self, engine: &QueryEngine) -> Result<PairIndicators> {
        crate::pair_indicators(
            engine,
            &self.a,
            &self.b,
            self.year,
            self.level,
            self.source.as_deref(),
        )
        .await
    }
}

/// Where the gravity benchmark's data come from when it is not the warehouse: a gravity
/// dataset file (one row per ordered pair, e.g. Head–Mayer–Ries `gravity_zeros.csv`).
#[derive(Debug, Clone)]
pub struct GravityDataFile {
    /// CSV path.
    pub path: PathBuf,
    /// Unit of the file's flow column.
    pub unit: ValueUnit,
    /// Column names; `None` = recognise the usual names.
    pub columns: GravityColumns,
    /// Covariates of the model.
    pub spec: GravitySpec,
}

/// Unit of a gravity file's flow column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueUnit {
    /// US dollars.
    #[default]
    Usd,
    /// Thousands of US dollars (BACI).
    Thousands,
    /// Millions of US dollars (CEPII gravity, Head–Mayer).
    Millions,
}

impl ValueUnit {
    /// US dollars per unit.
    pub fn usd_per_unit(self) -> f64 {
        match self {
            ValueUnit::Usd => 1.0,
            ValueUnit::Thousands => 1e3,
            ValueUnit::Millions => 1e6,
        }
    }
}

impl FromStr for ValueUnit {
    type Err = String;

    /// `usd`, `thousands` or `millions` (the CLI's `--value-unit` spellings).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "usd" => Ok(ValueUnit::Usd),
            "thousands" => Ok(ValueUnit::Thousands),
            "millions" => Ok(ValueUnit::Millions),
            _ => Err(format!(
                "{s:?} is not a value unit; use usd, thousands or millions"
            )),
        }
    }
}

/// The pair's potential against a PPML gravity benchmark: actual, predicted, ratio and untapped
/// both ways, fitted on the warehouse's world matrix of the year or on a gravity file.
#[derive(Debug, Clone)]
pub struct GravityPotentialRequest {
    /// Country A.
    pub a: Place,
    /// Country B.
    pub b: Place,
    /// Year.
    pub year: i32,
    /// A gravity dataset instead of the warehouse.
    pub data: Option<GravityDataFile>,
    /// Only this warehouse source (`baci`, `comtrade`, `ots`).
    pub source: Option<String>,
    /// Stop the fit once this instant has passed (a server's per-request time limit): the
    /// estimation is synchronous work that no dropped future interrupts.
    pub deadline: Option<std::time::Instant>,
}

impl GravityPotentialRequest {
    /// A request on the warehouse's world matrix, every source.
    pub fn new(a: Place, b: Place, year: i32) -> Self {
        Self {
            a,
            b,
            year,
            data: None,
            source: None,
            deadline: None,
        }
    }

    /// The potential: from the file when one is given (no warehouse is needed, `engine` may be
    /// `None`), else from the warehouse through `engine`.
    pub async fn run(&self, engine: Option<&QueryEngine>) -> Result<GravityPotential> {
        match (&self.data, engine) {
            (Some(d), _) => {
                let file = GravityFile {
                    path: &d.path,
                    usd_per_unit: d.unit.usd_per_unit(),
                    columns: d.columns.clone(),
                };
                gravity_potential_from_file(
                    &file,
                    &self.a,
                    &self.b,
                    self.year,
                    d.spec,
                    self.deadline,
                )
            }
            (None, Some(engine)) => {
                gravity_potential_from_warehouse(
                    engine,
                    &self.a,
                    &self.b,
                    self.year,
                    self.source.as_deref(),
                    self.deadline,
                )
                .await
            }
            (None, None) => Err(Error::no_data(
                Some(Remedy::GravityDataset),
                "the gravity benchmark needs a warehouse or a gravity dataset",
            )),
        }
    }
}
