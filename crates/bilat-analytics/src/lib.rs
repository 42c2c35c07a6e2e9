//! Analytics over the warehouse: the bilateral profile, trade indicators, and export potential
//! (product-level after ITC's Export Potential Map, pair-level from structural gravity), DESIGN §3.
//!
//! Heavy lifting — scanning, filtering and aggregating flows — is done by DataFusion through
//! [`bilat_warehouse::QueryEngine`], so the same SQL can run on a cluster. What comes back is a
//! few thousand pre-aggregated rows per pair; choosing HS levels without double counting,
//! shares, growth and concentration are then computed here, with the formulas cited.
//!
//! ```no_run
//! # async fn f(engine: &bilat_warehouse::QueryEngine) -> bilat_analytics::Result<()> {
//! use bilat_analytics::{ProfileRequest, profile};
//! let by = bilat_model::resolve_place("BLR").unwrap();
//! let kz = bilat_model::resolve_place("KAZ").unwrap();
//! let p = profile(engine, &ProfileRequest::new(by, kz, 2018)).await?;
//! println!("{:.1}", p.turnover.value_usd / 1e6);
//! # Ok(()) }
//! ```
//!
//! # Where to start
//! - [`profile`] and [`Profile`]; the level rules are in `levels.rs`.
//! - [`pair_indicators`] ([`PairIndicators`]): RCA, trade intensity, complementarity,
//!   Grubel–Lloyd, HHI, diversification; pure formulas in `indicators.rs`; what the warehouse
//!   can give (world matrix or reported world rows) in `world.rs`.
//! - [`product_potential_report`] (formulas and simplifications in `potential.rs`),
//!   [`gravity_potential_from_file`] / [`gravity_potential_from_warehouse`] (`gravity_potential.rs`).
//! - [`potential_summary`]: the potential paragraph of a briefing.
//! - [`brief_data`]: what a brief needs beyond the profile (history, period to date, services
//!   and investment).
#![deny(missing_docs)]

mod brief_data;
mod csv_file;
mod error;
mod export_potential;
mod figures;
mod gravity_potential;
mod indicators;
mod levels;
mod pair_indicators;
mod potential;
mod profile;
mod query;
mod world;

pub use brief_data::{
    BRIEF_INDICATORS, BriefData, PtdChoice, SeriesFigure, YearPoint, YearPtd, brief_data,
};
pub use error::{Error, Result};
pub use figures::{Figure, growth_pct, hhi};
pub use profile::{
    Balance, MirrorGap, PartnerPosition, PeriodToDate, ProductLine, Profile, ProfileRequest,
    Provenance, SectionLine, Side, profile,
};

/// Coefficients and sample accounting of the gravity benchmark, as `bilat-gravity` reports them.
pub use bilat_gravity::{Coefficient, Dropped};
pub use export_potential::{
    DirectionPotential, Ease, MarketPotential, PotentialRequest, ProductPotentialReport,
    markets_for_product, potential_summary, product_potential_report,
};
pub use gravity_potential::{
    GravityColumns, GravityDirection, GravityFile, GravityFitSummary, GravityPotential,
    GravityProvenance, GravitySpec, gravity_potential_from_file, gravity_potential_from_warehouse,
};
pub use indicators::{
    GrubelLloyd, ProductValues, grubel_lloyd, products_exported, rca, rca_matrix,
    trade_complementarity, trade_intensity,
};
pub use pair_indicators::{
    Avail, CountryProductTable, GlLine, GlTable, IndicatorProvenance, PairIndicators, RcaLine,
    RcaTable, pair_indicators,
};
pub use potential::{
    PotentialInputs, ProductPotential, mean_over_years, open_world_imports, product_potential,
};
pub use world::{MIN_MATRIX_CHAPTERS, MIN_MATRIX_COUNTRIES, WorldBasis};
