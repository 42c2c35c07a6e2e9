//! Errors of the warehouse.
//!
//! | variant | fault ([`Error::fault`]) |
//! | --- | --- |
//! | `Sql` | user: a query the engine rejects (bad SQL, unknown column); data when the engine failed reading a file; internal for the engine's own bugs — decided from the root DataFusion error |
//! | `Schema` | internal: batches built by an importer do not match the table schema |
//! | `Locked` | data: another import holds the warehouse lock |
//! | `Io` | data: a file could not be read or written |
//! | `Catalog` | data: `catalog.json` is unreadable or inconsistent |
//! | `Parquet`, `Arrow` | internal: failures on data we produced ourselves |
//! | `Internal` | internal: a broken invariant |
//!
//! Errors of DataFusion, Parquet and Arrow are kept as `#[source]`, not flattened to strings, so
//! a front end can walk the chain; their text is printed by the chain (`{:#}` in anyhow), not
//! repeated in our own message.

use std::path::{Path, PathBuf};

use bilat_model::Fault;
use datafusion::error::DataFusionError;

/// An error from the warehouse.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query engine rejected or failed a query.
    #[error("query failed")]
    Sql {
        /// The engine's error.
        #[source]
        source: Box<datafusion::error::DataFusionError>,
    },
    /// Batches given to [`crate::Warehouse::commit`] do not match the table's schema.
    #[error("batch for table {table} does not match its schema: {detail}")]
    Schema {
        /// Table name.
        table: String,
        /// What differs.
        detail: String,
    },
    /// Another process holds the warehouse lock.
    #[error(
        "warehouse {path} is locked by another import (pid {pid}); wait for it or remove the stale lock file"
    )]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// The pid recorded in it.
        pid: String,
    },
    /// Reading or writing a file failed.
    #[error("{}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The catalog cannot be read or refers to missing files.
    #[error("catalog {path}: {detail}")]
    Catalog {
        /// The catalog file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Parquet failed on data we produced ourselves.
    #[error("parquet")]
    Parquet {
        /// The Parquet library's error.
        #[source]
        source: parquet::errors::ParquetError,
    },
    /// Arrow failed on data we produced ourselves.
    #[error("arrow")]
    Arrow {
        /// The Arrow library's error.
        #[source]
        source: arrow::error::ArrowError,
    },
    /// A broken invariant: a bug in bilat-warehouse.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl Error {
    /// Whose fault (see the module doc).
    pub fn fault(&self) -> Fault {
        match self {
            Error::Sql { source } => query_fault(source),
            Error::Locked { .. } | Error::Io { .. } | Error::Catalog { .. } => Fault::Data,
            Error::Schema { .. }
            | Error::Parquet { .. }
            | Error::Arrow { .. }
            | Error::Internal(_) => Fault::Internal,
        }
    }
}

/// A DataFusion error by its root cause: planning and SQL errors are the query's (the user's),
/// failures reading files are the data's, DataFusion's own `Internal` is a bug.
fn query_fault(e: &DataFusionError) -> Fault {
    match e.find_root() {
        DataFusionError::Internal(_) => Fault::Internal,
        DataFusionError::ParquetError(_)
        | DataFusionError::IoError(_)
        | DataFusionError::ObjectStore(_)
        | DataFusionError::ArrowError(..)
        | DataFusionError::External(_) => Fault::Data,
        _ => Fault::User,
    }
}

impl From<DataFusionError> for Error {
    fn from(e: DataFusionError) -> Self {
        Error::Sql {
            source: Box::new(e),
        }
    }
}

impl From<parquet::errors::ParquetError> for Error {
    fn from(source: parquet::errors::ParquetError) -> Self {
        Error::Parquet { source }
    }
}

impl From<arrow::error::ArrowError> for Error {
    fn from(source: arrow::error::ArrowError) -> Self {
        Error::Arrow { source }
    }
}

/// Result with the warehouse [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
