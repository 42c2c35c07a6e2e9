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
//! - The request types, one per analysis, each with `run(&engine)`: [`ProfileRequest`],
//!   [`BriefRequest`], [`IndicatorsRequest`], [`PotentialRequest`] (`requests.rs`). Every front
//!   end builds these and nothing else.
//! - [`profile`] and [`Profile`]; the level rules are in `levels.rs`.
//! - Pure formulas, no warehouse, are under `formulas/`; the warehouse-backed code that feeds
//!   them is at the top level. A newcomer can tell them apart by the path.
//! - [`pair_indicators`] ([`PairIndicators`], `indicators.rs`): RCA, trade intensity,
//!   complementarity, Grubel–Lloyd, HHI, diversification; the formulas in
//!   `formulas/indicators.rs`; what the warehouse can give (world matrix or reported world rows)
//!   in `world.rs`.
//! - [`product_potential_report`] (`potential.rs`; formulas and simplifications in
//!   `formulas/potential.rs`), [`gravity_potential_from_file`] /
//!   [`gravity_potential_from_warehouse`] (`gravity_potential.rs`); `--data` files are read by
//!   `csv_file.rs`.
//! - [`potential_summary`]: the potential paragraph of a briefing.
//! - [`frame_from_batches`] / [`batches_with_fitted`]: any Arrow table in and out of the
//!   gravity estimator (the CLI's `gravity`, the Python package).
//! - [`FactBook`] and [`series_value`]: the figures a claim checker looks up, one profile per
//!   pair, period and view.
//! - [`brief_data`]: what a brief needs beyond the profile (history, period to date, services
//!   and investment).
#![deny(missing_docs)]

mod brief_data;
mod coverage;
mod csv_file;
mod error;
mod facts;
mod figures;
mod formulas;
mod gravity_frame;
mod gravity_potential;
mod history;
mod indicators;
mod levels;
mod partners;
mod potential;
mod products;
mod profile;
mod query;
mod requests;
mod world;

pub use brief_data::{
    BRIEF_INDICATORS, BriefData, PtdChoice, SeriesFigure, YearPoint, YearPtd, brief_data,
};
pub use coverage::{Coverage, CoverageStatus, ProductCoverage};
pub use error::{Error, Remedy, RequestField, Result};
pub use facts::{
    FactBook, PairPeriod, ProductTonnes, SeriesQuery, SeriesValue, product_tonnes, series_value,
};
pub use figures::{Figure, growth_pct, hhi};
pub use profile::{
    Balance, MirrorGap, PartnerPosition, PeriodToDate, ProductLine, Profile, ProfileRequest,
    Provenance, SectionLine, Side, profile,
};

/// Coefficients and sample accounting of the gravity benchmark, as `bilat-gravity` reports them.
pub use bilat_gravity::{Coefficient, Dropped, Error as GravityError};
/// The warehouse and its query engine, for callers above analytics (claims, front ends) that
/// open a warehouse and hand its engine to the analyses, without depending on the warehouse.
pub use bilat_warehouse::{QueryEngine, Warehouse};
pub use formulas::indicators::{
    GrubelLloyd, ProductValues, grubel_lloyd, products_exported, rca, rca_matrix,
    trade_complementarity, trade_intensity,
};
pub use formulas::potential::{
    PotentialInputs, ProductPotential, mean_over_years, open_world_imports, product_potential,
};
pub use gravity_frame::{batches_with_fitted, frame_from_batches};
pub use gravity_potential::{
    GravityColumns, GravityDirection, GravityFile, GravityFitSummary, GravityPotential,
    GravityProvenance, GravitySpec, gravity_potential_from_file, gravity_potential_from_warehouse,
};
pub use history::{HistoryRequest, HistoryYear, PairHistory, history};
pub use indicators::{
    Avail, CountryProductTable, GlLine, GlTable, IndicatorProvenance, PairIndicators, RcaLine,
    RcaTable, pair_indicators,
};
pub use partners::{FlowChoice, PartnerLine, PartnerRanking, PartnersRequest, partners};
pub use potential::{
    DirectionPotential, Ease, MarketPotential, PotentialRequest, ProductPotentialReport,
    markets_for_product, potential_summary, product_potential_report,
};
pub use products::{ProductMatch, search_products};
/// Query results as plain values: column `name` of every batch, cast to f64 / i64 (nulls as
/// `None`) or to strings (nulls as empty).
pub use query::{f64s as column_f64s, i64s as column_i64s, strings as column_strings};
pub use requests::{
    BriefInputs, BriefRequest, GravityDataFile, GravityPotentialRequest, IndicatorsRequest,
    ValueUnit,
};
pub use world::{MIN_MATRIX_CHAPTERS, MIN_MATRIX_COUNTRIES, WorldBasis};
