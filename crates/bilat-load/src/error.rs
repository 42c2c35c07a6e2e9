//! Errors of the import pipeline: the reader's, the warehouse's, or writing the rejects file.
//!
//! | variant | fault |
//! | --- | --- |
//! | `Read` | the reader's (data for a bad file or row, internal for its bugs) |
//! | `Warehouse` | the warehouse's (see `bilat_warehouse::Error::fault`) |
//! | `Rejects` | data: the rejects file could not be written |
//! | `NothingToImport` | data: the input holds no row to store (header only, empty answer, all rejected) |
//! | `UnknownKind` | user: not one of baci, comtrade, ots, series |

use std::path::PathBuf;

use bilat_model::Fault;

/// An error importing a source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed.
    #[error("importing {}", path.display())]
    Read {
        /// The input given.
        path: PathBuf,
        /// The reader's error (located: file, line, column).
        #[source]
        source: bilat_ingest::Error,
    },
    /// Committing to the warehouse failed.
    #[error(transparent)]
    Warehouse(#[from] bilat_warehouse::Error),
    /// The rejects file could not be written.
    #[error("writing the rejects file {}", path.display())]
    Rejects {
        /// The rejects file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The input was read but holds no row to store: a header-only file, an empty API answer,
    /// or every row rejected or skipped. Nothing is committed (an empty import would still enter
    /// the catalog).
    #[error(
        "{}: nothing to import: no rows to store ({rows_read} data rows read, {rejected} rejected, {skipped} skipped by rule)",
        path.display()
    )]
    NothingToImport {
        /// The input (its first file for a folder).
        path: PathBuf,
        /// Data rows read (header excluded).
        rows_read: u64,
        /// Rows rejected in lenient mode (written to the rejects file).
        rejected: usize,
        /// Rows left out by a documented rule (breakdowns, zero values).
        skipped: u64,
    },
    /// A source kind that is not one of the four.
    #[error("unknown source kind {input:?}: expected baci, comtrade, ots or series")]
    UnknownKind {
        /// What was given.
        input: String,
    },
}

impl Error {
    /// Whose fault.
    pub fn fault(&self) -> Fault {
        match self {
            Error::Read { source, .. } => source.fault(),
            Error::Warehouse(e) => e.fault(),
            Error::Rejects { .. } | Error::NothingToImport { .. } => Fault::Data,
            Error::UnknownKind { .. } => Fault::User,
        }
    }
}

/// Result with the load [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
