//! Renderers: turn analytics results into text, Markdown, JSON or CSV.
//!
//! Output is byte-deterministic for the same input (no clocks, no hash-map order), so reports
//! can be golden-tested. Numbers follow DESIGN §6: "$896.0 million", "up 30.0%", "4.8 times".
//!
//! ```
//! assert_eq!(bilat_report::usd(896.0e6), "$896.0 million");
//! assert_eq!(bilat_report::change(Some(30.04)), "up 30.0%");
//! ```
//!
//! # Where to start
//! [`render_profile`], [`render_indicators`], [`render_product_potential`],
//! [`render_gravity_potential`] and [`Format`]; their headings, provenance lines and tables are
//! written by one document writer (`document.rs`). The bilateral brief: [`build_brief`] and
//! [`render_brief`] (`brief/`, one file per part: lead, paragraphs, note, charts, render), with
//! its templates in `templates/{en,ru}.txt`, plain product names in `templates/products.tsv`,
//! numbers and names in words (and the tables' figures) in `words.rs` and SVG charts in
//! `charts.rs`.
#![deny(missing_docs)]

mod brief;
mod charts;
mod document;
mod error;
mod indicators;
mod plain_names;
mod potential;
mod potential_note;
mod profile;
mod tables;
mod templates;
mod words;

pub use brief::{
    Brief, BriefFigures, BriefFormat, BriefOptions, Paragraph, PotentialNote, brief_document,
    build_brief, render_brief,
};
pub use charts::{Chart, ChartSeries};
pub use error::{Error, Result};
pub use indicators::render_indicators;
pub use plain_names::{PlainProduct, plain_name};
pub use potential::{render_gravity_potential, render_product_potential};
pub use profile::render_profile;
pub use tables::{render_history, render_partners};
pub use words::{
    NameForms, change as change_in, forms, growth as change, money, months, ordinal, pct, usd,
};

/// Output formats shared by every command (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned plain text for a terminal.
    #[default]
    Text,
    /// GitHub-flavoured Markdown.
    Md,
    /// JSON: the stable machine interface.
    Json,
    /// CSV: one row per figure.
    Csv,
}
