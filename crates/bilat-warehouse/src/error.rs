//! Errors of the warehouse.
//!
//! | variant | fault |
//! | --- | --- |
//! | `Sql` | input: a query the engine rejects (bad SQL, unknown column) |
//! | `ReadOnly` | input: SQL that is not one read-only query over the warehouse tables |
//! | `Schema` | input: batches that do not match the table schema |
//! | `Locked` | environment: another import holds the warehouse lock |
//! | `Commit` | environment: a step of a commit failed (disk full, I/O error); rolled back |
//! | `Io` | environment: a file could not be read or written |
//! | `Damaged` | data: a catalogued file is missing, truncated or altered |
//! | `Catalog` | data: `catalog.json` is unreadable or inconsistent |
//! | `Internal` | our bug: Parquet/Arrow failures that valid input cannot cause |

use std::path::{Path, PathBuf};

use crate::CommitStep;

/// An error from the warehouse.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query engine rejected a query.
    #[error("query failed: {message}")]
    Sql {
        /// The engine's message.
        message: String,
    },
    /// A statement that could change something or read beyond the warehouse tables: the SQL
    /// entry points run only one `SELECT`, `WITH … SELECT`, `VALUES` or `EXPLAIN` of one.
    #[error(
        "refused {statement:?}: {reason}; bilat runs only one SELECT, WITH … SELECT, VALUES or EXPLAIN over the warehouse tables"
    )]
    ReadOnly {
        /// The refused SQL text.
        statement: String,
        /// Why it was refused.
        reason: String,
    },
    /// Batches given to [`crate::Warehouse::commit`] do not match the table's schema.
    #[error("batch for table {table} does not match its schema: {detail}")]
    Schema {
        /// Table name.
        table: String,
        /// What differs.
        detail: String,
    },
    /// Another import held the warehouse lock for longer than the commit was willing to wait.
    #[error(
        "gave up waiting for the warehouse lock {path}, held by another import (pid {pid}); try again when it has finished"
    )]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// The pid of the holder as recorded in the lock file, or `unknown`.
        pid: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A step of a commit failed (a full disk, an I/O error); the commit was rolled back unless
    /// the step is [`CommitStep::SyncRoot`], the only one after the catalog swap.
    #[error("{path}: {step} failed: {source}; {}", .step.outcome())]
    Commit {
        /// The step that failed.
        step: CommitStep,
        /// The file or directory it worked on.
        path: PathBuf,
        /// The OS error (e.g. `StorageFull` for a full disk).
        source: std::io::Error,
    },
    /// A file the catalog names is missing, truncated or otherwise not what the catalog says.
    #[error("warehouse file {path} is damaged ({detail}); `bilat verify` lists every damaged file")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The catalog cannot be read or refers to missing files.
    #[error("catalog {path}: {detail}")]
    Catalog {
        /// The catalog file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Arrow or Parquet failed on data we produced ourselves.
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

impl From<datafusion::error::DataFusionError> for Error {
    fn from(e: datafusion::error::DataFusionError) -> Self {
        Error::Sql {
            message: e.to_string(),
        }
    }
}

impl From<parquet::errors::ParquetError> for Error {
    fn from(e: parquet::errors::ParquetError) -> Self {
        Error::Internal(format!("parquet: {e}"))
    }
}

impl From<arrow::error::ArrowError> for Error {
    fn from(e: arrow::error::ArrowError) -> Self {
        Error::Internal(format!("arrow: {e}"))
    }
}

/// Result with the warehouse [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
