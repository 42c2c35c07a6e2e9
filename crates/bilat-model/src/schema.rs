//! The canonical `flows` table (DESIGN §2) and the `series` table, as Arrow schemas.
//!
//! One row of `flows` is one reported (or reconciled) value of goods moving from `exporter` to
//! `importer` in a period, for one product code at one HS level. Importers convert every source into
//! this shape; analytics only ever read this shape.
//!
//! ```text
//! source vintage period_year period_month exporter importer reported_by trade_flow
//! hs_revision product product_level value_usd value_fob_usd value_cif_usd quantity quantity_unit net_weight_kg
//! ```

use std::sync::{Arc, LazyLock};

use arrow_schema::{DataType, Field, Schema, SchemaRef};

/// Column names of the `flows` and `series` tables, so no crate spells them twice.
pub mod col {
    /// Dataset family: `baci`, `comtrade`, `ots`, `demo`.
    pub const SOURCE: &str = "source";
    /// Release of the source, e.g. `V202201`; for files without one, the import date.
    pub const VINTAGE: &str = "vintage";
    /// Calendar year of the period.
    pub const PERIOD_YEAR: &str = "period_year";
    /// Month 1..=12 for monthly data; null for annual rows.
    pub const PERIOD_MONTH: &str = "period_month";
    /// Exporting country, ISO 3166-1 numeric (0 = World, other UN area codes as Comtrade has them).
    pub const EXPORTER: &str = "exporter";
    /// Importing country, ISO 3166-1 numeric (0 = World).
    pub const IMPORTER: &str = "importer";
    /// Who reported the value: `exporter` (FOB), `importer` (CIF) or `reconciled` (BACI).
    pub const REPORTED_BY: &str = "reported_by";
    /// The reporter's flow: `X` export, `M` import, `RX` re-export, `RM` re-import; `X` for reconciled.
    pub const TRADE_FLOW: &str = "trade_flow";
    /// HS revision of `product`: `HS92`, `HS96`, `HS02`, `HS07`, `HS12`, `HS17`, `HS22`, or `HS` if unknown.
    pub const HS_REVISION: &str = "hs_revision";
    /// Product code as text with leading zeros (`0401`, `870130`), or `TOTAL` for all goods.
    pub const PRODUCT: &str = "product";
    /// Digits in `product`: 2, 4 or 6; 0 for `TOTAL`. Never sum rows of different levels.
    pub const PRODUCT_LEVEL: &str = "product_level";
    /// Value in current US dollars (not thousands), as the source's primary value.
    pub const VALUE_USD: &str = "value_usd";
    /// FOB value in USD where the source gives it separately.
    pub const VALUE_FOB_USD: &str = "value_fob_usd";
    /// CIF value in USD where the source gives it separately.
    pub const VALUE_CIF_USD: &str = "value_cif_usd";
    /// Quantity in `quantity_unit`; null when the source has none.
    pub const QUANTITY: &str = "quantity";
    /// Unit of `quantity`, e.g. `t` (BACI tonnes) or a Comtrade unit abbreviation.
    pub const QUANTITY_UNIT: &str = "quantity_unit";
    /// Net weight in kilograms where reported.
    pub const NET_WEIGHT_KG: &str = "net_weight_kg";

    /// Series: the country the indicator is about (ISO numeric).
    pub const COUNTRY: &str = "country";
    /// Series: the partner country (ISO numeric; 0 = World).
    pub const PARTNER: &str = "partner";
    /// Series: indicator name, e.g. `services_trade`, `fdi_inflow`, `joint_ventures`.
    pub const INDICATOR: &str = "indicator";
    /// Series: the value, in `unit`.
    pub const VALUE: &str = "value";
    /// Series: unit of `value`, e.g. `usd`, `count`.
    pub const UNIT: &str = "unit";

    /// Products: the product code (as in `flows.product`).
    pub const CODE: &str = "code";
    /// Products: the source's own name of the code.
    pub const NAME: &str = "name";
    /// Products: name language, `en` or `ru`.
    pub const LANG: &str = "lang";

    /// Pairs: how many `flows` rows a `pairs` row sums.
    pub const ROWS: &str = "rows";
}

static FLOW_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    use DataType::*;
    Arc::new(Schema::new(vec![
        Field::new(col::SOURCE, Utf8, false),
        Field::new(col::VINTAGE, Utf8, false),
        Field::new(col::PERIOD_YEAR, Int32, false),
        Field::new(col::PERIOD_MONTH, Int32, true),
        Field::new(col::EXPORTER, Int32, false),
        Field::new(col::IMPORTER, Int32, false),
        Field::new(col::REPORTED_BY, Utf8, false),
        Field::new(col::TRADE_FLOW, Utf8, false),
        Field::new(col::HS_REVISION, Utf8, false),
        Field::new(col::PRODUCT, Utf8, false),
        Field::new(col::PRODUCT_LEVEL, Int32, false),
        Field::new(col::VALUE_USD, Float64, false),
        Field::new(col::VALUE_FOB_USD, Float64, true),
        Field::new(col::VALUE_CIF_USD, Float64, true),
        Field::new(col::QUANTITY, Float64, true),
        Field::new(col::QUANTITY_UNIT, Utf8, true),
        Field::new(col::NET_WEIGHT_KG, Float64, true),
    ]))
});

/// Arrow schema of the `flows` table (DESIGN §2).
pub fn flow_schema() -> SchemaRef {
    FLOW_SCHEMA.clone()
}

static SERIES_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    use DataType::*;
    Arc::new(Schema::new(vec![
        Field::new(col::SOURCE, Utf8, false),
        Field::new(col::VINTAGE, Utf8, false),
        Field::new(col::PERIOD_YEAR, Int32, false),
        Field::new(col::PERIOD_MONTH, Int32, true),
        Field::new(col::COUNTRY, Int32, false),
        Field::new(col::PARTNER, Int32, false),
        Field::new(col::INDICATOR, Utf8, false),
        Field::new(col::VALUE, Float64, false),
        Field::new(col::UNIT, Utf8, false),
    ]))
});

/// Arrow schema of the `series` table: what goods statistics lack (services, investment, counts).
pub fn series_schema() -> SchemaRef {
    SERIES_SCHEMA.clone()
}

static PRODUCT_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    use DataType::*;
    Arc::new(Schema::new(vec![
        Field::new(col::SOURCE, Utf8, false),
        Field::new(col::HS_REVISION, Utf8, false),
        Field::new(col::CODE, Utf8, false),
        Field::new(col::PRODUCT_LEVEL, Int32, false),
        Field::new(col::LANG, Utf8, false),
        Field::new(col::NAME, Utf8, false),
    ]))
});

/// Arrow schema of the `products` dictionary: names of codes as each source ships them.
pub fn product_schema() -> SchemaRef {
    PRODUCT_SCHEMA.clone()
}

static PAIR_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    use DataType::*;
    Arc::new(Schema::new(vec![
        Field::new(col::SOURCE, Utf8, false),
        Field::new(col::VINTAGE, Utf8, false),
        Field::new(col::PERIOD_YEAR, Int32, false),
        Field::new(col::PERIOD_MONTH, Int32, true),
        Field::new(col::EXPORTER, Int32, false),
        Field::new(col::IMPORTER, Int32, false),
        Field::new(col::REPORTED_BY, Utf8, false),
        Field::new(col::TRADE_FLOW, Utf8, false),
        Field::new(col::PRODUCT_LEVEL, Int32, false),
        Field::new(col::VALUE_USD, Float64, false),
        Field::new(col::ROWS, Int64, false),
    ]))
});

/// Arrow schema of the `pairs` table: `flows` summed over products, one row per (source,
/// vintage, year, month, exporter, importer, reported_by, trade_flow, product_level).
///
/// The warehouse writes it at import so that questions about *all* partners of a country (its
/// share and rank, world totals) read a few thousand rows instead of scanning the year's flows.
/// Rows of different `product_level` are kept apart, as in `flows`: never sum across levels.
pub fn pair_schema() -> SchemaRef {
    PAIR_SCHEMA.clone()
}
