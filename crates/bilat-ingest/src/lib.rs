//! Readers that turn trade source files into Arrow `RecordBatch`es of the canonical bilat schemas
//! (`bilat_model::flow_schema`, `series_schema`, `product_schema`), with validation and errors
//! that say where: `file:line:column: reason (column 'v')`.
//!
//! This crate reads; it does not write Parquet or know the warehouse (`bilat-warehouse` does; the
//! CLI wires one into the other). Re-imports are made no-ops upstream with [`fingerprint`], which
//! lists the files a read would consume with their SHA-256, before any parsing.
//!
//! ```text
//!   path (zip | folder | file)
//!     │  files::load_with ── InputFile { path, sha256, bytes } (hashed while parsing)
//!     ▼
//!   read_baci ─ parallel byte parser ─┐
//!   read_comtrade ─┐                  ├─► Import { flows, series, products, rejects, … }
//!   read_ots ──────┼─ table (CSV/JSON)┘
//!   read_series ───┘
//! ```
//!
//! | reader | input | vintage | flows | skipped rows (counted in `Import::skipped`) |
//! | --- | --- | --- | --- | --- |
//! | [`read_baci`] | release zip, folder, `BACI_HSxx_Yyyyy_Vxxxxxx.csv` | `V…` of the file name | reconciled, X, v×1000 USD | none |
//! | [`read_comtrade`] | Plus CSV (snake/camel), bulk, compact, API JSON | max `last_modified`, else `unversioned` | exporter- or importer-reported, as the flow | breakdowns, DX/FM/… |
//! | [`read_ots`] | `yrpc`/`yrp`/`yrc`/`yr` CSV or JSON | `unversioned` | both directions of each row, HS12 | zero / NA values |
//! | [`read_series`] | `period,country,partner,indicator,value,unit,source` | `unversioned` | — (series) | none |
//!
//! Main types: [`Import`] (what a read returns), [`ReadOptions`] and [`Mode`] (strict: the first
//! bad row is an [`Error`]; lenient: bad rows become [`Reject`]s), [`InputFile`].
//!
//! ```
//! use bilat_ingest::{read_bytes, Mode, ReadOptions, SourceKind};
//! let csv = b"t,i,j,k,v,q\n2018,4,124,030627,2.281,0.15\n2018,4,124,0306,1,\n";
//! let opts = ReadOptions { mode: Mode::Lenient, ..ReadOptions::default() };
//! let import = read_bytes(SourceKind::Baci, "BACI_HS12_Y2018_V202201.csv", csv, &opts).unwrap();
//! assert_eq!((import.rows_read, import.rejects.len()), (2, 1));
//! assert_eq!(import.rejects[0].line, 3);
//! assert_eq!(import.vintage, "V202201");
//! ```
//!
//! # Modules
//! ```text
//! error     Error (one enum, sorted by fault), Result
//! import    Import, Mode, ReadOptions, Reject, FieldError; the strict/lenient fault collector;
//!           `shown`, the bounded quotation of a field in messages
//! revision  the year each HS revision came into force (rows dated earlier are refused)
//! files     inputs: folders, zips (size limits, safe names), checksums (fingerprint), BOM,
//!           UTF-8, UTF-16 and line-ending checks, which layout a header looks like
//! number    parse_decimal: strict grammar, correctly rounded, no allocation
//! places    source country codes → ISO numeric (plus Comtrade's non-ISO areas)
//! batch     row-wise Arrow builders for flows, series, products; constant columns
//! table     CSV / JSON-array rows with normalised header names (Comtrade, OTS, series)
//! baci      BACI zips / year files: parallel byte-level parser (parse_baci_line)
//! comtrade  Comtrade Plus CSV, bulk, compact and API JSON
//! ots       Open Trade Statistics yrpc / yrp / yrc / yr tables
//! series    tidy period,country,partner,indicator,value,unit,source CSV
//! ```
//!
//! # Where to start
//! - Each reader's module doc is its contract: column mapping, units, skipped rows, vintage rule.
//! - [`Error`]'s module doc tabulates the faults.
//! - Tests: `tests/validation.rs` (the validation catalogue, strict and lenient), `tests/real_data.rs`
//!   (every sample under `$BILAT_DATA`, checked against an independent computation),
//!   `tests/properties.rs` (proptest round-trips of the BACI line parser and number parsing).
#![deny(missing_docs)]

mod baci;
mod batch;
mod comtrade;
mod error;
mod files;
mod import;
mod number;
mod ots;
mod places;
mod revision;
mod series;
mod table;

use std::path::Path;

pub use baci::{BaciRow, parse_baci_line, read_baci};
pub use comtrade::read_comtrade;
pub use error::{Error, Result};
pub use files::{InputFile, fingerprint};
pub use import::{FieldError, Import, Mode, ReadOptions, Reject};
pub use number::{NumberError, parse_decimal};
pub use ots::read_ots;
pub use series::read_series;

/// Which reader [`read_bytes`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// [`read_baci`].
    Baci,
    /// [`read_comtrade`].
    Comtrade,
    /// [`read_ots`].
    Ots,
    /// [`read_series`].
    Series,
}

impl SourceKind {
    /// The kind's name in lower case, as `Import::source` and the importers' names spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Baci => "baci",
            SourceKind::Comtrade => "comtrade",
            SourceKind::Ots => "ots",
            SourceKind::Series => "series",
        }
    }

    /// The name of the source's family for messages: `BACI`, `Comtrade`, `OTS`, `series`.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Baci => "BACI",
            SourceKind::Comtrade => "Comtrade",
            SourceKind::Ots => "OTS",
            SourceKind::Series => "series",
        }
    }
}

/// Reads one in-memory file as if it were a file named `file_name` (the name matters: BACI takes
/// its release and HS revision from it, compact Comtrade extracts their flow). Zip bytes are
/// expanded like a zip on disk. Used by tests and the fuzz target; never panics on any input.
pub fn read_bytes(
    kind: SourceKind,
    file_name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Import> {
    let path = Path::new(file_name).to_path_buf();
    let input = InputFile {
        path: path.clone(),
        sha256: files::sha256_hex(bytes),
        bytes: bytes.len() as u64,
    };
    let loaded = files::expand(path, std::sync::Arc::new(bytes.to_vec()))?;
    let mut import = match kind {
        SourceKind::Baci => baci::read_loaded(loaded, opts),
        SourceKind::Comtrade => comtrade::read_loaded(loaded, opts),
        SourceKind::Ots => ots::read_loaded(loaded, opts),
        SourceKind::Series => series::read_loaded(loaded, opts),
    }?;
    import.files = vec![input];
    Ok(import)
}
