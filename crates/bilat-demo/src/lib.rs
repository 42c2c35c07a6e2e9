//! A deterministic demo trade world, so every bilat command works out of the box and tells the
//! story of the seed item (BelTA, 28 August 2019: Belarus–Kazakhstan trade, $896 million in 2018).
//!
//! [`generate`] returns Arrow record batches in bilat-model's `flows`, `series` and `products`
//! schemas; the CLI writes them into the warehouse as source [`SOURCE`], vintage [`VINTAGE`]. No
//! files, no I/O, no clock: the same build produces the same bytes on every run.
//!
//! ```
//! let world = bilat_demo::generate();
//! let rows: usize = world.flows.iter().map(|b| b.num_rows()).sum();
//! assert!(rows > 0);
//! assert_eq!(world.flows[0].schema(), bilat_model::flow_schema());
//! ```
//!
//! # What the world holds
//! ```text
//! flows     every real country of bilat-model's table, 2015–2019, HS 2017 six-digit lines:
//!           exporter's report (FOB, trade_flow X) and importer's mirror (CIF ≈ FOB + 2–8%, M);
//!           monthly rows 2017–2019 for BLR–KAZ, BLR–RUS and DEU–FRA, both directions
//! series    services trade, Kazakh investment in Belarus, counts of ventures and agreements
//! products  names of every heading and subheading used, in English and Russian
//! ```
//! Belarus's own reports on Kazakhstan are calibrated exactly to the seed item ([`seed`]); the rest
//! follows a gravity rule with noise (see `src/world.rs`). All values are whole US dollars, so any
//! sum of them is exact in `f64`.
//!
//! # Size and speed
//! About 1.69 million `flows` rows (7,410 directed pairs × 5–150 products × 5 years × 2 reporters,
//! 52,000 of them monthly), 25 `series` rows and 2,928 product names. Generation takes under a
//! second in a release build and about two seconds in a debug build on a busy two-core machine
//! (`cargo run -p bilat-demo --example summary`).
//!
//! # Modules
//! ```text
//! seed      calibration inputs from the seed item, with their provenance (public)
//! geo       approximate GDP and capital coordinates, trade blocs, distance
//! headings  HS 2017 headings: English and Russian names, world trade, subheadings used
//! products  the product list: six-digit codes, their names and weights
//! rng       SplitMix64 streams keyed by what a draw is about
//! world     partners, values, product lines, years and months (integers, USD)
//! batch     the world as Arrow record batches
//! ```
//!
//! # Where to start
//! - [`generate`] and [`DemoWorld`]: the whole API.
//! - [`seed`]: the calibration inputs and where each comes from.
//! - `src/world.rs`: how pairs, products, years and months are generated.
#![deny(missing_docs)]

mod batch;
mod geo;
mod headings;
mod products;
mod rng;
pub mod seed;
mod world;

use arrow::array::RecordBatch;

/// Value of the `source` column of every demo row.
pub const SOURCE: &str = "demo";
/// Value of the `vintage` column of every demo row.
pub const VINTAGE: &str = "generated-1";
/// How surfaces label figures from the demo world.
pub const LABEL: &str = "demo data (generated)";

/// The generated world as Arrow record batches.
#[derive(Debug, Clone)]
pub struct DemoWorld {
    /// `flows` rows ([`bilat_model::flow_schema`]), one batch per year 2015–2019, sorted by
    /// exporter, importer, product, month (annual first) and reporter. Values are whole USD.
    pub flows: Vec<RecordBatch>,
    /// `series` rows ([`bilat_model::series_schema`]).
    pub series: Vec<RecordBatch>,
    /// `products` rows ([`bilat_model::product_schema`]).
    pub products: Vec<RecordBatch>,
}

/// Generates the demo world. Deterministic: the same bilat build gives identical batches.
pub fn generate() -> DemoWorld {
    let world = world::build();
    DemoWorld {
        flows: batch::flows(&world),
        series: vec![batch::series(&world)],
        products: vec![batch::products(&world)],
    }
}
