//! Analytics over the warehouse: the bilateral profile (DESIGN §3) and, later, indicators and
//! export potential.
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
//! [`profile`] and [`Profile`]; the level rules are in `levels.rs`; [`brief_data`] adds what a
//! brief needs beyond the profile (history, period to date, services and investment).
#![deny(missing_docs)]

mod brief_data;
mod error;
mod figures;
mod levels;
mod profile;
mod query;

pub use brief_data::{
    BRIEF_INDICATORS, BriefData, PtdChoice, SeriesFigure, YearPoint, YearPtd, brief_data,
};
pub use error::{Error, Result};
pub use figures::{Figure, growth_pct, hhi};
pub use profile::{
    Balance, MirrorGap, PartnerPosition, PeriodToDate, ProductLine, Profile, ProfileRequest,
    Provenance, SectionLine, Side, profile,
};
