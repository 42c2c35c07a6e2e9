//! Errors of the import pipeline: the reader's, the warehouse's, or writing the rejects file.
//!
//! | variant | fault |
//! | --- | --- |
//! | `Read` | the reader's (data for a bad file or row, internal for its bugs) |
//! | `Warehouse` | the warehouse's (see `bilat_warehouse::Error::fault`) |
//! | `Rejects` | data: the rejects file could not be written |
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
            Error::Rejects { .. } => Fault::Data,
            Error::UnknownKind { .. } => Fault::User,
        }
    }
}

/// Result with the load [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
