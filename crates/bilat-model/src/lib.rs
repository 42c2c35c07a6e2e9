//! The vocabulary of bilat: countries, country groups, HS products, periods, views and the
//! canonical `flows` schema every importer writes and every query reads.
//!
//! This crate does no I/O. Reference dictionaries (ISO 3166 countries with English and Russian
//! names, HS sections and chapters) are compiled in, so every other crate can resolve what a user
//! typed without touching the disk.
//!
//! ```
//! use bilat_model::{resolve_place, Place};
//! let by = resolve_place("Беларусь").unwrap();
//! assert!(matches!(by, Place::Country(c) if c.alpha3 == "BLR"));
//! ```
//!
//! # Where to start
//! - [`resolve_place`] turns "Belarus", "BY", "112", "Казахстан" or "EAEU" into a [`Place`].
//! - [`flow_schema`] is the one table of the warehouse (DESIGN §2 "Canonical model").
//! - [`country_by_code`] and [`baci_to_iso`] are the per-row fast path for importers.
//! - [`hs`] has section and chapter names in both languages; [`HsLevel`] the levels tables use.
//! - [`Fault`] classifies every library error of the workspace for the front ends.
//! - Request parts parse with [`std::str::FromStr`]: [`Place`], [`MonthRange`], [`View`],
//!   [`Lang`], [`HsLevel`], so the CLI, the server and Python accept the same spellings.
//!
//! The reference tables are generated: `scripts/gen_countries.py` writes `country_data.rs` from
//! the hand-written `scripts/countries.txt`, `scripts/gen_hs.py` writes `hs_data.rs` from the
//! public HS and ТН ВЭД ЕАЭС nomenclatures (see each script for provenance).
#![deny(missing_docs)]

mod country;
mod error;
mod fault;
pub mod hs;
mod level;
mod markup;
mod period;
mod ru_cases;
mod schema;

pub use country::{
    Country, CountryKind, Group, Place, baci_to_iso, countries, country_by_alpha3, country_by_code,
    group_by_id, groups, lookup_place, resolve_country, resolve_place, search_places,
};
pub use error::{Error, Result};
pub use fault::{Fault, error_chain};
pub use level::HsLevel;
pub use markup::{csv_field, escape_html};
pub use period::{Lang, MonthRange, ReportedBy, TradeFlow, View};
pub use ru_cases::{RuCases, ru_cases, ru_cases_of};
pub use schema::{col, flow_schema, pair_schema, product_schema, series_schema};
