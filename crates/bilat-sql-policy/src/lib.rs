//! The read-only SQL policy of bilat: which SQL text a user may run, decided on the parsed
//! statement alone, with no query engine.
//!
//! Every SQL surface of bilat (`bilat sql`, analytics queries, `--where` conditions) is
//! read-only (DESIGN §2 "Engine"). The warehouse asks this crate first and DataFusion's own
//! `SQLOptions` second; keeping the first layer free of DataFusion lets a fuzz target check it
//! (the fuzz crate cannot build DataFusion instrumented in reasonable time).
//!
//! ```text
//! check_query(sql, tables)
//!   tokenize; no dotted name over MAX_NAME_PARTS parts,
//!   a name or '*' after every '.', no '[' (the parser backtracks
//!   else; the tables have no arrays)?                         ─ no ─▶ Refusal::Construct
//!   parse (sqlparser, GenericDialect: DataFusion's default)   ─ no ─▶ Refusal::Syntax
//!   exactly one statement?                                     ─ no ─▶ Refusal::Statements
//!   a query (SELECT, WITH … SELECT, VALUES) or EXPLAIN of one? ─ no ─▶ Refusal::NotAQuery
//!   no SELECT INTO, no INSERT/UPDATE/DELETE/MERGE inside?      ─ no ─▶ Refusal::Construct
//!   every relation a listed table, a CTE or information_schema,
//!   and no table function?                                     ─ no ─▶ Refusal::Table
//! check_condition(text)
//!   neither shape; exactly one SQL expression after it?       ─ no ─▶ Refusal::Condition
//! ```
//!
//! The parser is the `sqlparser` DataFusion 55.2.0 itself uses (same version, same features), so
//! the workspace compiles it once. [`Refusal::Syntax`] is not a verdict that the text is unsafe:
//! DataFusion's parser knows a few statements sqlparser does not (`COPY … STORED AS`,
//! `CREATE EXTERNAL TABLE`), and a caller that parses with DataFusion may report a real syntax
//! error as such — but must never run what this policy did not admit.
//!
//! Main items: [`check_query`], [`check_condition`], [`Refusal`], [`INFORMATION_SCHEMA`].
#![deny(missing_docs)]

mod error;
mod policy;

pub use error::Refusal;
pub use policy::{
    INFORMATION_SCHEMA, MAX_NAME_PARTS, check_condition, check_query, statement_kind,
};
