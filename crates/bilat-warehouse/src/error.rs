//! Errors of the warehouse.
//!
//! | variant | fault ([`Error::fault`]) |
//! | --- | --- |
//! | `Sql` | user: a query the engine rejects (bad SQL, unknown column); data when the engine failed reading a file; internal for the engine's own bugs — decided from the root DataFusion error |
//! | `ReadOnly` | user: SQL that is not one read-only query over the warehouse tables |
//! | `Schema` | internal: batches built by an importer do not match the table schema |
//! | `Locked` | data: another import holds the warehouse lock past the timeout |
//! | `Commit` | data: a step of a commit failed (disk full, I/O error); rolled back |
//! | `Io` | data: a file could not be read or written |
//! | `Damaged` | data: a catalogued file is missing, truncated or altered |
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

use crate::CommitStep;

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
    #[error("{}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A step of a commit failed (a full disk, an I/O error); the commit was rolled back unless
    /// the step is [`CommitStep::SyncRoot`], the only one after the catalog swap.
    #[error("{}: {step} failed; {}", path.display(), .step.outcome())]
    Commit {
        /// The step that failed.
        step: CommitStep,
        /// The file or directory it worked on.
        path: PathBuf,
        /// The OS error (e.g. `StorageFull` for a full disk).
        #[source]
        source: std::io::Error,
    },
    /// A file the catalog names is missing, truncated or otherwise not what the catalog says.
    #[error("warehouse file {} is damaged ({detail})", path.display())]
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
            Error::ReadOnly { .. } => Fault::User,
            Error::Locked { .. }
            | Error::Commit { .. }
            | Error::Io { .. }
            | Error::Damaged { .. }
            | Error::Catalog { .. } => Fault::Data,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_error_is_classified_by_its_root_cause() {
        let plan = DataFusionError::Plan("no column x".into());
        let wrapped = DataFusionError::Context("planning".into(), Box::new(plan));
        assert_eq!(Error::from(wrapped).fault(), Fault::User);
        let io = DataFusionError::IoError(std::io::Error::other("truncated"));
        assert_eq!(Error::from(io).fault(), Fault::Data);
        let bug = DataFusionError::Internal("invariant".into());
        assert_eq!(Error::from(bug).fault(), Fault::Internal);
    }

    #[test]
    fn the_chain_keeps_the_engine_message() {
        let e = Error::from(DataFusionError::Plan("no column nosuchcolumn".into()));
        let chain = bilat_model::error_chain(&e);
        assert!(chain.starts_with("query failed: "), "{chain}");
        assert!(chain.contains("nosuchcolumn"), "{chain}");
    }
}
