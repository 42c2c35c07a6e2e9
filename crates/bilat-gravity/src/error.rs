//! Errors of the gravity estimator.
//!
//! | variant | fault | raised when |
//! | --- | --- | --- |
//! | [`Error::Formula`] | input | the formula does not parse; carries the character position |
//! | [`Error::MissingColumn`] | input | a formula or cluster variable is not a column of the frame |
//! | [`Error::NotNumeric`] | input | a categorical column is used where numbers are needed |
//! | [`Error::LengthMismatch`] | input | a column's length differs from the frame's |
//! | [`Error::InvalidColumn`] | input | a categorical column has out-of-range codes or repeated levels |
//! | [`Error::DuplicateColumn`] | input | two columns share a (case-insensitive) name |
//! | [`Error::InvalidOutcome`] | input | Poisson outcome negative |
//! | [`Error::InvalidWeights`] | input | a weight is negative |
//! | [`Error::AllZeroOutcome`] | input | Poisson outcome is zero on the whole sample |
//! | [`Error::EmptySample`] | input | nothing is left after dropping missing, singleton and separated rows |
//! | [`Error::AllCollinear`] | input | every regressor is collinear with the fixed effects or others |
//! | [`Error::UnknownLevel`] | input | prediction meets a fixed-effect level not seen in estimation |
//! | [`Error::InvalidOption`] | input | an option is out of range |
//! | [`Error::InvalidScenario`] | input | a what-if scenario (cost change, pair, reference country, target) does not fit the data |
//! | [`Error::Internal`] | our bug | an invariant of the estimator broke |

/// Everything that can go wrong while building a frame, parsing a formula or fitting.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The formula is malformed at `position` (0-based character index).
    #[error("malformed formula at character {}: {message}\n  {formula}\n  {caret}^", position + 1, caret = " ".repeat(*position))]
    Formula {
        /// What the parser expected or found.
        message: String,
        /// 0-based character index of the offending character.
        position: usize,
        /// The formula text as given.
        formula: String,
    },
    /// A variable is not a column of the frame (names compare case-insensitively).
    #[error("column `{name}` not found (available: {available})")]
    MissingColumn {
        /// The requested name.
        name: String,
        /// Comma-separated list of the frame's columns.
        available: String,
    },
    /// A categorical (text) column is used as a number.
    #[error("column `{column}` is categorical, but `{context}` needs numbers")]
    NotNumeric {
        /// The column.
        column: String,
        /// Where it was used.
        context: String,
    },
    /// A column's length differs from the frame's number of rows.
    #[error("column `{column}` has {got} rows, expected {expected}")]
    LengthMismatch {
        /// The column.
        column: String,
        /// Rows in the frame.
        expected: usize,
        /// Rows in the column.
        got: usize,
    },
    /// A categorical column whose codes or levels are inconsistent.
    #[error("column `{column}`: {message}")]
    InvalidColumn {
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// Two columns have the same name (case-insensitively).
    #[error("duplicate column `{column}`")]
    DuplicateColumn {
        /// The repeated name.
        column: String,
    },
    /// Poisson outcome must be non-negative.
    #[error(
        "outcome `{column}` has {count} negative values (first at row {first_row}); Poisson needs y >= 0"
    )]
    InvalidOutcome {
        /// Outcome name.
        column: String,
        /// Number of negative values.
        count: usize,
        /// 0-based row of the first one.
        first_row: usize,
    },
    /// Prior weights must be non-negative.
    #[error(
        "weights `{column}` have {count} negative values (first at row {first_row}); weights must be >= 0"
    )]
    InvalidWeights {
        /// Weights column.
        column: String,
        /// Number of negative values.
        count: usize,
        /// 0-based row of the first one.
        first_row: usize,
    },
    /// Poisson outcome is zero everywhere, so the likelihood has no maximum.
    #[error("outcome `{column}` is zero for every observation in the sample")]
    AllZeroOutcome {
        /// Outcome name.
        column: String,
    },
    /// No observation is left for estimation.
    #[error(
        "empty estimation sample: {rows} rows, {missing} with missing values, {singletons} singletons, {separated} separated"
    )]
    EmptySample {
        /// Rows in the input.
        rows: usize,
        /// Dropped for missing or non-finite values.
        missing: usize,
        /// Dropped as singletons.
        singletons: usize,
        /// Dropped as separated.
        separated: usize,
    },
    /// Every regressor was dropped as collinear.
    #[error("all regressors are collinear with the fixed effects or each other: {names}")]
    AllCollinear {
        /// The dropped regressors.
        names: String,
    },
    /// Prediction met a fixed-effect level not present in the estimation sample.
    #[error("fixed effect `{fixed_effect}` has no estimate for level `{level}` (row {row})")]
    UnknownLevel {
        /// Fixed-effect name, e.g. `exporter^year`.
        fixed_effect: String,
        /// The level label.
        level: String,
        /// 0-based row in the prediction frame.
        row: usize,
    },
    /// An option is out of range.
    #[error("invalid option `{option}`: {message}")]
    InvalidOption {
        /// Option name.
        option: &'static str,
        /// Why.
        message: String,
    },
    /// A general-equilibrium scenario cannot be built from the formula, the data or the
    /// requested changes (an unknown country, a duplicated pair, a malformed `VAR=EXPR`).
    #[error("invalid scenario ({what}): {message}")]
    InvalidScenario {
        /// Which part: `formula`, `change`, `pair`, `reference`, `data`, `target`, `option`.
        what: &'static str,
        /// Why, naming the offending value.
        message: String,
    },
    /// The fit's deadline ([`crate::FitOptions::deadline`]) passed before it finished.
    #[error("the fit ran past its time limit after {iterations} IRLS iterations")]
    Deadline {
        /// IRLS iterations completed.
        iterations: usize,
    },
    /// A broken invariant: a bug in bilat-gravity.
    #[error("internal error (please report): {0}")]
    Internal(String),
}

impl Error {
    /// True for a broken invariant (a bug in bilat-gravity); every other variant is a problem
    /// with the formula, the options or the data given.
    ///
    /// The crate stands alone (no workspace dependency), so it does not know `bilat_model::Fault`;
    /// callers classify: internal → `Fault::Internal`, anything else → `Fault::User`, since the
    /// caller chose the formula, the options and the sample.
    pub fn is_internal(&self) -> bool {
        matches!(self, Error::Internal(_))
    }
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
