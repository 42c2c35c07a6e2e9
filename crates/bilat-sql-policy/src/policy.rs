//! The decision: parse with sqlparser, then walk the statement with a visitor that refuses
//! anything outside the allow-list (see the crate doc for the order of the checks).
//!
//! Names compare as DataFusion resolves them: unquoted identifiers in lower case, quoted ones as
//! written. A relation is admitted when it is
//! - `t`, `public.t` or `datafusion.public.t` for a listed table `t` (DataFusion's default
//!   catalog and schema);
//! - `information_schema.x` or `datafusion.information_schema.x` (the session's own metadata);
//! - a one-part name of a CTE declared by the statement.
//!
//! A CTE name is admitted from the `WITH` that declares it on (the visitor meets the `WITH`
//! before the relations of the query it belongs to), which is at least as wide as SQL's scope
//! and never admits a real table that is not listed: the warehouse's second check (DataFusion
//! resolving the references against the session) and planning catch the rest.

use std::ops::ControlFlow;

use sqlparser::ast::{
    Ident, ObjectName, ObjectNamePart, Query, Select, SetExpr, Statement, TableFactor, Visit,
    Visitor,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

use crate::Refusal;

/// The schema of the session's metadata tables, always readable.
pub const INFORMATION_SCHEMA: &str = "information_schema";

/// The most parts a dotted name may have. `catalog.schema.table.column` has four; struct
/// fields add a few. Found by the fuzz target `where_condition`: sqlparser 0.62 backtracks
/// exponentially on a long dotted chain that ends badly (`a.a.….a.` — 16 parts took 1.5 s,
/// each part about doubles it), so such text is refused after the linear tokenizer, before the
/// parser (DataFusion's included) ever sees it.
pub const MAX_NAME_PARTS: usize = 8;

/// DataFusion's default catalog and schema, which may qualify a table name.
const CATALOG: &str = "datafusion";
const SCHEMA: &str = "public";

/// Admits `sql` if it is exactly one read-only query over the tables named in `tables` (lower
/// case, unqualified), CTEs it declares and `information_schema`; else says why not.
///
/// ```
/// use bilat_sql_policy::{check_query, Refusal};
/// assert_eq!(check_query("SELECT count(*) FROM flows", &["flows"]), Ok(()));
/// assert!(matches!(check_query("DROP TABLE flows", &["flows"]), Err(Refusal::NotAQuery { .. })));
/// assert!(matches!(check_query("SELECT * FROM '/etc/passwd'", &["flows"]), Err(Refusal::Table { .. })));
/// ```
pub fn check_query(sql: &str, tables: &[&str]) -> Result<(), Refusal> {
    let dialect = GenericDialect {};
    match unparseable_shape(sql) {
        Err(message) => return Err(Refusal::Syntax { message }),
        Ok(Some(what)) => return Err(Refusal::Construct { what }),
        Ok(None) => {}
    }
    let statements = Parser::parse_sql(&dialect, sql).map_err(|e| Refusal::Syntax {
        message: e.to_string(),
    })?;
    let [statement] = statements.as_slice() else {
        return Err(Refusal::Statements {
            count: statements.len(),
        });
    };
    if let Some(kind) = not_a_query(statement) {
        return Err(Refusal::NotAQuery { kind });
    }
    let mut guard = Guard {
        tables,
        ctes: Vec::new(),
    };
    match statement.visit(&mut guard) {
        ControlFlow::Break(refusal) => Err(refusal),
        ControlFlow::Continue(()) => Ok(()),
    }
}

/// Admits `condition` if it is exactly one SQL expression with nothing after it (no `;`, no `)`
/// closing the `WHERE` it will be put in). What the expression may read is checked when the
/// whole query goes through [`check_query`].
///
/// ```
/// use bilat_sql_policy::check_condition;
/// assert!(check_condition("year > 1995 AND trade > 0").is_ok());
/// assert!(check_condition("1 = 1; DROP TABLE data").is_err());
/// assert!(check_condition("1 = 1) UNION (SELECT 1, 2").is_err());
/// ```
pub fn check_condition(condition: &str) -> Result<(), Refusal> {
    let refuse = |message: String| Refusal::Condition { message };
    if let Some(what) = unparseable_shape(condition).map_err(refuse)? {
        return Err(refuse(format!("{what} is not admitted")));
    }
    let dialect = GenericDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(condition)
        .map_err(|e| refuse(e.to_string()))?;
    parser.parse_expr().map_err(|e| refuse(e.to_string()))?;
    let next = parser.peek_token();
    if next.token != Token::EOF {
        return Err(refuse(format!("found {} after the expression", next.token)));
    }
    Ok(())
}

/// Text the parser would take exponential time over, found by the linear tokenizer before any
/// parser (DataFusion's included) sees it; `Err` when it does not even tokenize. Three shapes:
/// any `[` (see below), and these two,
/// both found by the fuzz target `where_condition` (sqlparser 0.62 backtracks on them):
/// - a dotted chain of over [`MAX_NAME_PARTS`] parts;
/// - a period followed by anything but a name or `*` (`a.b.(c.d.e.a.b.(…`: each such nesting
///   multiplied the parse time by about ten — five levels took 1.4 s, seven over a minute;
///   `.~` and `.[` did the same). No SQL bilat runs has one: a qualified name is `a.b` or
///   `a."b"`, all columns `t.*`, a field `a['b']`, an element `a[1]`.
fn unparseable_shape(sql: &str) -> Result<Option<String>, String> {
    let dialect = GenericDialect {};
    let tokens = Tokenizer::new(&dialect, sql)
        .tokenize()
        .map_err(|e| e.to_string())?;
    let mut solid = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .peekable();
    while let Some(t) = solid.next() {
        if *t != Token::Period {
            continue;
        }
        match solid.peek() {
            Some(Token::Word(_) | Token::Mul) => {}
            Some(next) => return Ok(Some(format!("a '.' followed by '{next}'"))),
            None => return Ok(Some("a '.' at the end".into())),
        }
    }
    // No subscripts or array literals at all: the warehouse tables have no array or struct
    // columns, and sqlparser tries every `[` as an array, an index and a slice, which the
    // fuzzer turned into exponential time four ways (nested, through dotted chains, `[:`
    // slices: `T.O[:vr.PW]. T.O[:…`, 47 s fuzzed).
    if tokens.contains(&Token::LBracket) {
        return Ok(Some(
            "'[' (subscripts and array literals: the warehouse tables have no array columns)"
                .into(),
        ));
    }
    let parts = longest_name(&tokens);
    Ok((parts > MAX_NAME_PARTS)
        .then(|| format!("a name of {parts} dotted parts (at most {MAX_NAME_PARTS})")))
}

/// The most parts of a dotted chain (`a.b.c` has three) among the tokens; white space between
/// the parts counts as nothing.
fn longest_name(tokens: &[Token]) -> usize {
    let (mut longest, mut parts, mut after_period) = (0, 0, false);
    for t in tokens {
        match t {
            Token::Whitespace(_) => continue,
            Token::Period => {
                parts += 1;
                after_period = true;
            }
            // A word continues the chain after a period and starts a new one otherwise.
            Token::Word(_) if after_period => after_period = false,
            Token::Word(_) => parts = 1,
            _ => (parts, after_period) = (0, false),
        }
        longest = longest.max(parts);
    }
    longest
}

/// `None` for a query or an `EXPLAIN` of one; else the kind of statement, for the message.
fn not_a_query(statement: &Statement) -> Option<String> {
    match statement {
        Statement::Query(_) => None,
        Statement::Explain { statement, .. } => not_a_query(statement),
        other => Some(statement_kind(&other.to_string())),
    }
}

/// The leading keywords of a statement's text (`DROP TABLE`, `SET`), upper case.
pub fn statement_kind(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(2).collect();
    let two = matches!(
        words.first().map(|w| w.to_ascii_uppercase()).as_deref(),
        Some("CREATE" | "DROP" | "ALTER" | "SHOW" | "INSERT" | "DELETE")
    );
    words[..if two { words.len() } else { words.len().min(1) }]
        .join(" ")
        .to_ascii_uppercase()
}

/// The visitor: refuses the first construct or relation outside the allow-list.
struct Guard<'a> {
    tables: &'a [&'a str],
    /// CTE names declared so far, normalised.
    ctes: Vec<String>,
}

/// An identifier as DataFusion resolves it: lower case unless quoted.
fn normalise(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    }
}

impl Guard<'_> {
    fn admits(&self, name: &ObjectName) -> bool {
        let mut parts = Vec::with_capacity(name.0.len());
        for part in &name.0 {
            match part {
                ObjectNamePart::Identifier(ident) => parts.push(normalise(ident)),
                ObjectNamePart::Function(_) => return false,
            }
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let listed = |t: &str| self.tables.contains(&t);
        match parts.as_slice() {
            [t] => listed(t) || self.ctes.iter().any(|c| c == t),
            [SCHEMA, t] | [CATALOG, SCHEMA, t] => listed(t),
            [INFORMATION_SCHEMA, _] | [CATALOG, INFORMATION_SCHEMA, _] => true,
            _ => false,
        }
    }
}

impl Visitor for Guard<'_> {
    type Break = Refusal;

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<Refusal> {
        if let Some(with) = &query.with {
            self.ctes
                .extend(with.cte_tables.iter().map(|c| normalise(&c.alias.name)));
        }
        if let Some(refusal) = refused_body(&query.body) {
            return ControlFlow::Break(refusal);
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_select(&mut self, select: &Select) -> ControlFlow<Refusal> {
        if select.into.is_some() {
            return ControlFlow::Break(Refusal::Construct {
                what: "SELECT INTO".into(),
            });
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<Refusal> {
        // The top statement was checked by `not_a_query`; any statement met inside a query is
        // a data-modifying part (`WITH x AS (DELETE …)`) and is refused.
        match statement {
            Statement::Query(_) | Statement::Explain { .. } => ControlFlow::Continue(()),
            other => ControlFlow::Break(Refusal::Construct {
                what: statement_kind(&other.to_string()),
            }),
        }
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<Refusal> {
        let admitted = match factor {
            TableFactor::Table { name, args, .. } => args.is_none() && self.admits(name),
            TableFactor::Derived { .. }
            | TableFactor::NestedJoin { .. }
            | TableFactor::UNNEST { .. } => true,
            _ => false,
        };
        if admitted {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(Refusal::Table {
                name: factor.to_string(),
            })
        }
    }
}

/// Why a query body is refused: it writes, or reads a table with `TABLE name` (which names
/// its table as raw text, outside the relation check). Searches through set operations;
/// nested queries get their own [`Guard::pre_visit_query`].
fn refused_body(body: &SetExpr) -> Option<Refusal> {
    let construct = |what: &str| {
        Some(Refusal::Construct {
            what: what.to_string(),
        })
    };
    match body {
        SetExpr::Insert(_) => construct("INSERT"),
        SetExpr::Update(_) => construct("UPDATE"),
        SetExpr::Delete(_) => construct("DELETE"),
        SetExpr::Merge(_) => construct("MERGE"),
        // Not `t.to_string()`: sqlparser's Display of a `TABLE` without a name panics.
        SetExpr::Table(t) => Some(Refusal::Table {
            name: format!("TABLE {}", t.table_name.as_deref().unwrap_or("")),
        }),
        SetExpr::SetOperation { left, right, .. } => {
            refused_body(left).or_else(|| refused_body(right))
        }
        SetExpr::Select(_) | SetExpr::Query(_) | SetExpr::Values(_) => None,
    }
}
