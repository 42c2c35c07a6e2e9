//! Errors of the analytics crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `BadFile` | input: a file given on the command line is malformed (file:line:column) |
//! | `NoData` | data: the warehouse holds nothing for the request (say what is missing) |
//! | `BadRequest` | input: a request that cannot be answered as asked (e.g. same country twice) |
//! | `Gravity` | the gravity estimator rejected the model or data |
//! | `Warehouse` | the engine failed |

/// An error computing analytics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed input file (line 0 / column 0 when unknown).
    #[error("{path}:{line}:{column}: {message}")]
    BadFile {
        /// The file.
        path: String,
        /// 1-based line.
        line: u64,
        /// 1-based column (field number).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The warehouse has no rows for what was asked.
    #[error("no data: {0}")]
    NoData(String),
    /// The request cannot be answered as asked.
    #[error("{0}")]
    BadRequest(String),
    /// The gravity estimator failed (bad formula, no convergence possible, too few rows).
    #[error("gravity: {0}")]
    Gravity(String),
    /// The query engine failed.
    #[error(transparent)]
    Warehouse(#[from] bilat_warehouse::Error),
}

/// Result with the analytics [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
