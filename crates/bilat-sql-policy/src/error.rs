//! Why a statement or condition is refused.
//!
//! | variant | raised when |
//! | --- | --- |
//! | [`Refusal::Syntax`] | sqlparser cannot parse the text (the caller decides how to report it) |
//! | [`Refusal::Statements`] | the text holds zero or several statements |
//! | [`Refusal::NotAQuery`] | the statement is not a query or an `EXPLAIN` of one |
//! | [`Refusal::Construct`] | a query contains something that writes or defines (`SELECT INTO`, a data-modifying CTE) |
//! | [`Refusal::Table`] | a relation is not one of the admitted tables (a file path, a table function, another catalog) |
//! | [`Refusal::Condition`] | a `WHERE` condition is not exactly one SQL expression |
//!
//! Every refusal is the user's: the text they typed is not admitted. The messages are the
//! reasons the warehouse shows in its `Error::ReadOnly`.

/// A statement or condition the read-only policy does not admit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// sqlparser could not parse the text.
    #[error("the statement does not parse: {message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// Zero or several statements.
    #[error("{count} statements given; run one at a time")]
    Statements {
        /// Statements found.
        count: usize,
    },
    /// A statement that is not a query.
    #[error("{kind} is not a query")]
    NotAQuery {
        /// Its leading keywords, upper case (`DROP TABLE`, `SET`).
        kind: String,
    },
    /// A query containing a part that writes or defines something.
    #[error("{what} is not admitted in a read-only query")]
    Construct {
        /// The construct, e.g. `SELECT INTO`.
        what: String,
    },
    /// A relation that is not an admitted table.
    #[error("{name} is not a table of the warehouse (files and table functions cannot be read)")]
    Table {
        /// The relation as written.
        name: String,
    },
    /// A `WHERE` condition that is not one expression.
    #[error("the condition is not a single SQL expression ({message})")]
    Condition {
        /// What the parser found instead.
        message: String,
    },
}
