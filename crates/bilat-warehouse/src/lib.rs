//! The bilat warehouse: a directory of Parquet files and a `catalog.json` manifest, queried with
//! DataFusion. This is the only crate that touches Parquet or the query engine.
//!
//! ```text
//! <root>/catalog.json                       manifest: imports, inputs (sha256), files, row counts
//! <root>/data/flows/source=S/vintage=V/year=Y/<import-id>-<n>.parquet   clustered by exporter, importer
//! <root>/data/series/source=S/vintage=V/<import-id>.parquet
//! <root>/data/products/source=S/vintage=V/<import-id>.parquet
//! <root>/data/pairs/source=S/vintage=V/year=Y/<import-id>.parquet      flows summed over products
//! <root>/staging/<import-id>/               an import being written (never read)
//! ```
//!
//! # Invariants
//! - The catalog is the only truth: a file is part of the warehouse iff the catalog lists it.
//! - An import commits whole or not at all: files are written to `staging/`, fsynced, moved into
//!   `data/`, and only then is the catalog replaced by write-temp-fsync-rename. A process killed
//!   at any point leaves the previous catalog and every file it lists untouched.
//! - Importing the same inputs twice (same sha256 set) is a no-op.
//! - Flow files are clustered by exporter and pair (each exporter's and each pair's rows are
//!   contiguous; input that is not gets sorted by exporter, importer, product) with small row
//!   groups and page statistics, so a pair query reads a few row groups, not the year.
//! - `pairs` holds, for every import with flows, the flows summed over products per pair, level,
//!   month, reporter and flow (layout 2); for older catalogs it is derived from `flows`.
//!
//! ```no_run
//! # async fn f() -> bilat_warehouse::Result<()> {
//! let wh = bilat_warehouse::Warehouse::open("/tmp/wh")?;
//! let batches = wh.sql("SELECT count(*) FROM flows").await?;
//! # Ok(()) }
//! ```
//!
//! # Where to start
//! [`Warehouse::open`], [`Warehouse::commit`], [`Warehouse::sql`], [`Warehouse::verify`],
//! [`Catalog`].
#![deny(missing_docs)]

mod catalog;
mod commit;
mod coverage;
mod engine;
mod error;
mod pairs;
mod result_cache;
mod verify;

pub use catalog::{Catalog, CatalogFile, ImportEntry, InputRecord, TableName};
pub use commit::{CommitOptions, CommitOutcome, CommitStep, NewImport};
pub use coverage::{FlowCoverage, PARTIAL_BELOW, Scope};
pub use engine::{QueryEngine, query_file, write_parquet_file};
pub use error::{Error, Result};
pub use verify::{FileCheck, FileProblem, VerifyReport};

use std::path::{Path, PathBuf};

/// An open warehouse directory and its catalog as read at open time.
#[derive(Debug, Clone)]
pub struct Warehouse {
    root: PathBuf,
    catalog: Catalog,
}

impl Warehouse {
    /// Opens (creating if needed) the warehouse at `root`. A missing catalog is an empty warehouse.
    pub fn open(root: impl AsRef<Path>) -> Result<Self> {
        let root = root.as_ref().to_path_buf();
        std::fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
        let catalog = Catalog::load(&root)?;
        Ok(Warehouse { root, catalog })
    }

    /// The warehouse directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The catalog as of open time (or the last commit through this handle).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// True when nothing has been imported yet.
    pub fn is_empty(&self) -> bool {
        self.catalog.imports.is_empty()
    }
}
