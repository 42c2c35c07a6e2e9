//! [`Warehouse::verify`]: every file the catalog names, checked against what the catalog says
//! about it — present, inside the warehouse, its byte size, its SHA-256, a readable Parquet
//! footer with the catalogued row count, and the table's schema.
//!
//! The catalog is the only truth (a file is in the warehouse iff it is listed), so damage is a
//! listed file that is not what the listing says; files the catalog does not name are not
//! checked (they are leftovers the next commit removes, invisible to queries).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::catalog::CATALOG_FILE;
use crate::{CatalogFile, Result, TableName, Warehouse};

/// What [`Warehouse::verify`] found. Serialized as the JSON of `bilat verify --format json`
/// (stable field names).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReport {
    /// The catalog checked.
    pub catalog: PathBuf,
    /// Its generation.
    pub generation: u64,
    /// One entry per file the catalog names, in catalog order.
    pub files: Vec<FileCheck>,
}

/// One catalogued file and what is wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileCheck {
    /// The import that owns the file.
    pub import: String,
    /// The table it belongs to.
    pub table: TableName,
    /// Path relative to the warehouse root, as catalogued.
    pub path: String,
    /// Rows, as catalogued.
    pub rows: u64,
    /// Bytes, as catalogued.
    pub bytes: u64,
    /// Empty when the file is exactly what the catalog says.
    pub problems: Vec<FileProblem>,
}

/// A way a catalogued file differs from its catalog entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FileProblem {
    /// The catalog path is absolute or leaves the warehouse (`..`): never read.
    OutsideWarehouse,
    /// No file at the path.
    Missing,
    /// The file exists but cannot be read.
    Unreadable {
        /// The OS error.
        detail: String,
    },
    /// A different byte size (e.g. truncated).
    Size {
        /// Bytes in the catalog.
        expected: u64,
        /// Bytes on disk.
        found: u64,
    },
    /// Different bytes (altered in place).
    Checksum {
        /// SHA-256 in the catalog.
        expected: String,
        /// SHA-256 of the file.
        found: String,
    },
    /// The Parquet footer cannot be read.
    NotParquet {
        /// The reader's message.
        detail: String,
    },
    /// The footer counts other rows than the catalog.
    Rows {
        /// Rows in the catalog.
        expected: u64,
        /// Rows in the footer.
        found: u64,
    },
    /// The columns are not the table's.
    Schema {
        /// What differs.
        detail: String,
    },
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileProblem::OutsideWarehouse => f.write_str("the catalog path leaves the warehouse"),
            FileProblem::Missing => f.write_str("missing"),
            FileProblem::Unreadable { detail } => write!(f, "unreadable: {detail}"),
            FileProblem::Size { expected, found } => {
                write!(f, "{found} bytes, catalog says {expected}")
            }
            FileProblem::Checksum { expected, found } => write!(
                f,
                "altered: sha256 {}…, catalog says {}…",
                &found[..found.len().min(12)],
                &expected[..expected.len().min(12)]
            ),
            FileProblem::NotParquet { detail } => {
                write!(f, "not a readable Parquet file: {detail}")
            }
            FileProblem::Rows { expected, found } => {
                write!(f, "{found} rows, catalog says {expected}")
            }
            FileProblem::Schema { detail } => write!(f, "wrong columns: {detail}"),
        }
    }
}

impl VerifyReport {
    /// True when every file is what the catalog says.
    pub fn is_ok(&self) -> bool {
        self.files.iter().all(|f| f.problems.is_empty())
    }

    /// The files with problems.
    pub fn damaged(&self) -> impl Iterator<Item = &FileCheck> {
        self.files.iter().filter(|f| !f.problems.is_empty())
    }

    /// Rows of all files, as catalogued.
    pub fn rows(&self) -> u64 {
        self.files.iter().map(|f| f.rows).sum()
    }

    /// Bytes of all files, as catalogued.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }
}

impl Warehouse {
    /// Checks every file the catalog (as of open time) names; reads each file once. Errors
    /// only for a catalog that cannot be read at all (see [`Warehouse::open`]); damaged files
    /// are reported, not raised.
    pub fn verify(&self) -> Result<VerifyReport> {
        let files = self
            .catalog
            .imports
            .iter()
            .flat_map(|i| i.files.iter().map(move |f| (i.id.as_str(), f)))
            .map(|(import, file)| FileCheck {
                import: import.to_string(),
                table: file.table,
                path: file.path.clone(),
                rows: file.rows,
                bytes: file.bytes,
                problems: check_file(&self.root, file),
            })
            .collect();
        Ok(VerifyReport {
            catalog: self.root.join(CATALOG_FILE),
            generation: self.catalog.generation,
            files,
        })
    }
}

/// True when a catalog path stays inside the warehouse: relative, without `..` or a root.
pub(crate) fn is_inside(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

fn check_file(root: &Path, file: &CatalogFile) -> Vec<FileProblem> {
    if !is_inside(&file.path) {
        return vec![FileProblem::OutsideWarehouse];
    }
    let path = root.join(&file.path);
    let mut problems = vec![];
    let mut f = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return vec![FileProblem::Missing],
        Err(e) => {
            return vec![FileProblem::Unreadable {
                detail: e.to_string(),
            }];
        }
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buf[..n]);
                size += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return vec![FileProblem::Unreadable {
                    detail: e.to_string(),
                }];
            }
        }
    }
    if size != file.bytes {
        problems.push(FileProblem::Size {
            expected: file.bytes,
            found: size,
        });
    }
    let sha = crate::commit::hex(&hasher.finalize());
    if sha != file.sha256 {
        problems.push(FileProblem::Checksum {
            expected: file.sha256.clone(),
            found: sha,
        });
    }
    let builder = match std::fs::File::open(&path)
        .map_err(|e| e.to_string())
        .and_then(|f| ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| e.to_string()))
    {
        Ok(b) => b,
        Err(detail) => {
            problems.push(FileProblem::NotParquet { detail });
            return problems;
        }
    };
    let found = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    if found != file.rows {
        problems.push(FileProblem::Rows {
            expected: file.rows,
            found,
        });
    }
    let want = crate::engine::schema_of(file.table);
    let have = builder.schema();
    let describe = |s: &arrow::datatypes::Schema| -> Vec<String> {
        s.fields()
            .iter()
            .map(|f| {
                let null = if f.is_nullable() { " null" } else { "" };
                format!("{} {}{null}", f.name(), f.data_type())
            })
            .collect()
    };
    let (want, have) = (describe(&want), describe(have));
    if want != have {
        let missing: Vec<&String> = want.iter().filter(|c| !have.contains(c)).collect();
        let extra: Vec<&String> = have.iter().filter(|c| !want.contains(c)).collect();
        problems.push(FileProblem::Schema {
            detail: format!("missing {missing:?}, unexpected {extra:?}"),
        });
    }
    problems
}
