//! `catalog.json`: the manifest that defines what the warehouse holds.
//!
//! Replaced as a whole on each commit (write temp, fsync, rename), so readers always see either
//! the old or the new catalog, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::commit::{CommitStep, step};
use crate::{Error, Result};

/// Current layout version (see [`Catalog::format`]).
pub(crate) const FORMAT: u32 = 2;

/// File name of the manifest inside the warehouse root.
pub(crate) const CATALOG_FILE: &str = "catalog.json";

/// The tables of the warehouse.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum TableName {
    /// Goods flows (`bilat_model::flow_schema`).
    Flows,
    /// Other indicators (`bilat_model::series_schema`).
    Series,
    /// Product names (`bilat_model::product_schema`).
    Products,
    /// Flows summed over products per pair (`bilat_model::pair_schema`), written at import.
    Pairs,
}

impl TableName {
    /// SQL name of the table.
    pub fn as_str(self) -> &'static str {
        match self {
            TableName::Flows => "flows",
            TableName::Series => "series",
            TableName::Products => "products",
            TableName::Pairs => "pairs",
        }
    }

    /// Every table, in registration order.
    pub const ALL: [TableName; 4] = [
        TableName::Flows,
        TableName::Series,
        TableName::Products,
        TableName::Pairs,
    ];
}

/// One input file of an import, as fingerprinted before reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InputRecord {
    /// Path as given by the user (informational).
    pub path: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// One Parquet file owned by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CatalogFile {
    /// Table the file belongs to.
    pub table: TableName,
    /// Path relative to the warehouse root.
    pub path: String,
    /// Rows in the file.
    pub rows: u64,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, hex (lets `bilat catalog --verify` detect damage).
    pub sha256: String,
    /// Year partition for flows/series files.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year: Option<i32>,
}

/// One committed import: a dataset of one source and vintage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ImportEntry {
    /// Stable id derived from the input checksums (same inputs ⇒ same id).
    pub id: String,
    /// Source family (`baci`, `comtrade`, `ots`, `series`, `demo`).
    pub source: String,
    /// Release of the source.
    pub vintage: String,
    /// When the import was committed, RFC 3339 UTC.
    pub imported_at: String,
    /// The files read.
    pub inputs: Vec<InputRecord>,
    /// The Parquet files written.
    pub files: Vec<CatalogFile>,
    /// Rows of `flows` written.
    pub flow_rows: u64,
    /// Rows of `series` written.
    pub series_rows: u64,
    /// Rows of `products` written.
    pub product_rows: u64,
    /// Rows rejected in lenient mode (0 in strict mode).
    pub rejected_rows: u64,
    /// Years covered by the flows.
    pub years: Vec<i32>,
    /// The products the flows hold, per year, reporting side and flow (`coverage.rs`); empty
    /// for imports committed before it was recorded (their coverage is unknown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<crate::FlowCoverage>,
}

/// The manifest of the warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, utoipa::ToSchema)]
pub struct Catalog {
    /// Layout version of the warehouse: 1 without the `pairs` table, 2 with it for every import.
    pub format: u32,
    /// Increases by one with every commit.
    pub generation: u64,
    /// Committed imports, oldest first.
    pub imports: Vec<ImportEntry>,
}

impl Catalog {
    /// Reads `<root>/catalog.json`; a missing file is an empty catalog.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(CATALOG_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Catalog {
                path: path.clone(),
                detail: format!("not a readable catalog ({e})"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Catalog {
                format: FORMAT,
                generation: 0,
                imports: vec![],
            }),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Writes the catalog atomically: temp file, fsync, rename, fsync of the directory. A failure
    /// before the rename removes the temp file and leaves `catalog.json` as it was.
    pub(crate) fn store(&self, root: &Path) -> Result<()> {
        let path = root.join(CATALOG_FILE);
        let tmp = root.join(format!("{CATALOG_FILE}.tmp-{}", std::process::id()));
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        let swapped = (|| {
            let mut f = std::fs::File::create(&tmp).map_err(|source| Error::Commit {
                step: CommitStep::WriteCatalog,
                path: tmp.clone(),
                source,
            })?;
            step(CommitStep::WriteCatalog, &tmp, || f.write_all(&json))?;
            step(CommitStep::SyncCatalog, &tmp, || f.sync_all())?;
            drop(f);
            step(CommitStep::RenameCatalog, &path, || {
                std::fs::rename(&tmp, &path)
            })
        })();
        if swapped.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        swapped?;
        step(CommitStep::SyncRoot, root, || sync_dir(root))
    }

    /// The import with exactly these input checksums, if any.
    pub fn find_by_inputs(&self, sha256s: &[String]) -> Option<&ImportEntry> {
        let mut want: Vec<&str> = sha256s.iter().map(String::as_str).collect();
        want.sort_unstable();
        self.imports.iter().find(|imp| {
            let mut have: Vec<&str> = imp.inputs.iter().map(|i| i.sha256.as_str()).collect();
            have.sort_unstable();
            have == want
        })
    }

    /// Absolute paths of every file of `table`.
    pub fn files_of(&self, root: &Path, table: TableName) -> Vec<PathBuf> {
        self.imports
            .iter()
            .flat_map(|i| i.files.iter())
            .filter(|f| f.table == table)
            .map(|f| root.join(&f.path))
            .collect()
    }

    /// True when every import with flows also has its `pairs` files (imports committed before
    /// layout 2 do not); otherwise the engine derives `pairs` from `flows` on the fly.
    pub fn pairs_complete(&self) -> bool {
        self.imports.iter().all(|i| {
            let has = |t: TableName| i.files.iter().any(|f| f.table == t);
            !has(TableName::Flows) || has(TableName::Pairs)
        })
    }

    /// True when only generated demo data is loaded.
    pub fn is_demo_only(&self) -> bool {
        !self.imports.is_empty() && self.imports.iter().all(|i| i.source == "demo")
    }
}

/// Fsyncs a directory so a rename inside it is durable.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}
