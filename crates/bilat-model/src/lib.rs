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
//! - [`hs`] has section and chapter names in both languages.
#![deny(missing_docs)]

mod country;
mod error;
pub mod hs;
mod period;
mod schema;

pub use country::{
    Country, Group, Place, baci_to_iso, country_by_code, country_by_alpha3, countries,
    resolve_country, resolve_place,
};
pub use error::{Error, Result};
pub use period::{Lang, MonthRange, ReportedBy, TradeFlow, View};
pub use schema::{col, flow_schema, product_schema, series_schema};
