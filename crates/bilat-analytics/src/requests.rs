//! One validated request per analysis, with one `run`: what every front end builds.
//!
//! The CLI builds these from flags, the server from query strings, the Python package from
//! keyword arguments; each part parses with the model's `FromStr` (`Place`, `HsLevel`,
//! `MonthRange`, `View`), so the three accept the same spellings and fail the same way. Running
//! a request is the same call everywhere, so no front end composes analyses of its own.

use bilat_model::{HsLevel, Place};
use bilat_warehouse::QueryEngine;

use crate::{
    BriefData, PairIndicators, ProductPotentialReport, Profile, ProfileRequest, PtdChoice, Result,
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
