//! Errors of the analytics crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `NoData` | data: the warehouse holds nothing for the request (say what is missing) |
//! | `BadRequest` | input: a request that cannot be answered as asked (e.g. same country twice) |
//! | `Warehouse` | the engine failed |

/// An error computing analytics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The warehouse has no rows for what was asked.
    #[error("no data: {0}")]
    NoData(String),
    /// The request cannot be answered as asked.
    #[error("{0}")]
    BadRequest(String),
    /// The query engine failed.
    #[error(transparent)]
    Warehouse(#[from] bilat_warehouse::Error),
}

/// Result with the analytics [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
