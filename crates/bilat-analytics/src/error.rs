//! Errors of the analytics crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `BadFile` | input: a file given on the command line is malformed (file:line:column) |
//! | `NoData` | data: the warehouse holds nothing for the request (say what is missing) |
//! | `BadRequest` | input: a request that cannot be answered as asked (e.g. same country twice) |
//! | `Gravity` | data: the estimator rejected the benchmark model this crate built from the data (internal when the estimator broke) |
//! | `Warehouse` | the warehouse's own fault (see `bilat_warehouse::Error::fault`) |

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
    /// The gravity estimator failed (no convergence possible, too few rows, collinear data).
    #[error("gravity")]
    Gravity(#[from] bilat_gravity::Error),
    /// The query engine failed.
    #[error(transparent)]
    Warehouse(#[from] bilat_warehouse::Error),
}

impl Error {
    /// Whose fault. A gravity failure here is the data's: the formula of a benchmark is built by
    /// this crate from the columns present, so the user did not choose what failed.
    pub fn fault(&self) -> bilat_model::Fault {
        use bilat_model::Fault;
        match self {
            Error::BadRequest(_) => Fault::User,
            Error::BadFile { .. } | Error::NoData(_) => Fault::Data,
            Error::Gravity(e) if e.is_internal() => Fault::Internal,
            Error::Gravity(_) => Fault::Data,
            Error::Warehouse(e) => e.fault(),
        }
    }
}

/// Result with the analytics [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
