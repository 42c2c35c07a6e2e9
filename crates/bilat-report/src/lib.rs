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
//! [`render_gravity_potential`] and [`Format`].
#![deny(missing_docs)]

mod indicators;
mod numbers;
mod potential;
mod profile;

pub use indicators::render_indicators;
pub use numbers::{change, pct, usd};
pub use potential::{render_gravity_potential, render_product_potential};
pub use profile::render_profile;

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
