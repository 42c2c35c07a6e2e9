//! Errors of the analytics crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `BadFile` | data: a file given to an analysis is malformed (file:line:column) |
//! | `MissingColumn` | data: a file lacks a column the analysis needs (which role, what was looked for) |
//! | `NoData` | data: the warehouse holds nothing for the request (what is missing, and a [`Remedy`]) |
//! | `BadRequest` | user: a request that cannot be answered as asked (which [`RequestField`]) |
//! | `Gravity` | data: the estimator rejected the benchmark model this crate built from the data (internal when the estimator broke) |
//! | `Warehouse` | the warehouse's own fault (see `bilat_warehouse::Error::fault`) |
//!
//! Messages never name a command-line flag: the same error reaches the HTTP server and the
//! Python package. The structured fields (`remedy`, `field`, `role`) let each front end say
//! what to type in its own terms (the CLI's `hint:` lines).

use bilat_model::{Fault, View};

/// What would let the warehouse answer a request that found no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Remedy {
    /// Look at what is loaded (the catalog) and ask for a loaded period or source.
    SeeCatalog,
    /// The same source holds the pair in this other view.
    OtherView(View),
    /// The warehouse lacks a world matrix; a gravity dataset file would do.
    GravityDataset,
}

/// The part of a request that cannot be answered as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestField {
    /// The two countries (the same twice, overlapping groups, the World first, a group where
    /// a country is needed).
    Pair,
    /// The model specification (e.g. GDPs asked for but not in the file).
    Spec,
    /// A product code.
    Product,
    /// A year or a range of years.
    Year,
}

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
    /// A file lacks a column the analysis needs.
    #[error("{path}:1:1: {}", missing_column(role, given.as_deref(), looked_for))]
    MissingColumn {
        /// The file.
        path: String,
        /// What the column holds: `exporter`, `importer`, `flow`, `distance`, `year`.
        role: &'static str,
        /// The name the caller gave, if any.
        given: Option<String>,
        /// The usual names looked for when none was given.
        looked_for: Vec<&'static str>,
    },
    /// The warehouse has no rows for what was asked.
    #[error("no data: {what}")]
    NoData {
        /// What is missing, in words.
        what: String,
        /// What would answer it, if anything.
        remedy: Option<Remedy>,
    },
    /// The request cannot be answered as asked.
    #[error("{message}")]
    BadRequest {
        /// Which part of the request.
        field: RequestField,
        /// Why, in words.
        message: String,
    },
    /// The gravity estimator failed (no convergence possible, too few rows, collinear data).
    #[error("gravity")]
    Gravity(#[from] bilat_gravity::Error),
    /// The query engine failed.
    #[error(transparent)]
    Warehouse(#[from] bilat_warehouse::Error),
}

fn missing_column(role: &str, given: Option<&str>, looked_for: &[&str]) -> String {
    match given {
        Some(g) => format!("no column {g:?} (given as the {role} column)"),
        None => format!("no {role} column (one of {})", looked_for.join(", ")),
    }
}

impl Error {
    /// No data, with what would help.
    pub(crate) fn no_data(remedy: Option<Remedy>, what: impl Into<String>) -> Self {
        Error::NoData {
            what: what.into(),
            remedy,
        }
    }

    /// A request about the wrong pair of countries.
    pub(crate) fn bad_pair(message: impl Into<String>) -> Self {
        Error::BadRequest {
            field: RequestField::Pair,
            message: message.into(),
        }
    }

    /// Whose fault. A gravity failure here is the data's: the formula of a benchmark is built by
    /// this crate from the columns present, so the user did not choose what failed.
    pub fn fault(&self) -> Fault {
        match self {
            Error::BadRequest { .. } => Fault::User,
            Error::BadFile { .. } | Error::MissingColumn { .. } | Error::NoData { .. } => {
                Fault::Data
            }
            Error::Gravity(e) if e.is_internal() => Fault::Internal,
            Error::Gravity(_) => Fault::Data,
            Error::Warehouse(e) => e.fault(),
        }
    }
}

/// Result with the analytics [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
