//! Query execution: the warehouse tables registered in a DataFusion session.
//!
//! Tables are registered from the catalog's file list (never by listing directories), so files
//! of an import in progress are never read. Analytics speak SQL to [`QueryEngine`]; the same
//! plans could be shipped to a Ballista cluster.
//!
//! # Read-only SQL
//! Every SQL entry point ([`Warehouse::sql`], [`QueryEngine::sql`], the condition of
//! [`query_file`]) runs user text, so it admits only what cannot change anything or read
//! anything but the registered tables:
//!
//! ```text
//! bilat_sql_policy::check_query (sqlparser alone; fuzzed in fuzz/where_condition):
//!       exactly one statement? ─▶ a query (SELECT, WITH … SELECT, VALUES) or EXPLAIN of one?
//!       ─▶ nothing inside that writes (SELECT INTO, DELETE in a CTE)?
//!       ─▶ every relation one of this engine's tables, a CTE or information_schema?
//! then, as a second wall, DataFusion's own view of the same text:
//!       parse (DFParser) ─▶ one statement, a query ─▶ every table reference registered
//!       ─▶ plan ─▶ DataFusion's SQLOptions: no DDL, no DML (COPY, INSERT), no SET/statements
//! ```
//! Anything else is [`Error::ReadOnly`]. Text the policy's parser cannot read is never run:
//! if DataFusion's parser cannot read it either it is a syntax error ([`Error::Sql`]), else it
//! is refused (DataFusion-only statements such as `COPY … STORED AS` are not queries). The session never resolves URL-like table names
//! (`SELECT * FROM '/etc/passwd'`): DataFusion does that only after `enable_url_table`, which
//! bilat never calls.

use std::path::Path;
use std::sync::Arc;

use arrow::array::RecordBatch;
use arrow::datatypes::SchemaRef;
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::execution::context::{SQLOptions, SessionContext};
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig};
use datafusion::sql::parser::{DFParser, Statement as DfStatement};
use datafusion::sql::sqlparser::ast::Statement as SqlStatement;

use bilat_sql_policy::{Refusal, statement_kind};

use crate::{Error, Result, TableName, Warehouse};

/// A DataFusion session with `flows`, `series`, `products` and `pairs` registered.
#[derive(Clone)]
pub struct QueryEngine {
    ctx: SessionContext,
    /// The tables SQL text may name (see the module doc).
    tables: &'static [&'static str],
    /// Results by SQL text, when the engine was built [`QueryEngine::with_result_cache`].
    results: Option<Arc<crate::result_cache::ResultCache>>,
    /// The product coverage of the snapshot's imports: (source, vintage, record).
    coverage: Arc<Vec<(String, String, crate::FlowCoverage)>>,
}

/// The tables of a warehouse session, by SQL name (`TableName::as_str`).
const WAREHOUSE_TABLES: &[&str] = &["flows", "series", "products", "pairs"];

/// The one table of a [`query_file`] session.
const FILE_TABLES: &[&str] = &["data"];

impl std::fmt::Debug for QueryEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueryEngine").finish_non_exhaustive()
    }
}

fn session() -> SessionContext {
    let mut config = SessionConfig::new()
        .with_target_partitions(std::thread::available_parallelism().map_or(2, |n| n.get()))
        .with_information_schema(true);
    let opts = config.options_mut();
    opts.execution.parquet.pushdown_filters = true;
    opts.execution.parquet.reorder_filters = true;
    opts.execution.parquet.enable_page_index = true;
    // File statistics (row counts, min/max per column from each footer; DataFusion's default,
    // cached per file by the session): they let a scan skip whole files, e.g. the other
    // years' files of `flows` for a profile's two years. Measured on the demo warehouse (six
    // year files): cold server profiles 140 → 200 req/s; the CLI's whole-process profile
    // unchanged (43 vs 42 ms), as it read every footer before too.
    opts.execution.collect_statistics = true;
    SessionContext::new_with_config(config)
}

/// The Arrow schema of a table.
pub(crate) fn schema_of(table: TableName) -> SchemaRef {
    match table {
        TableName::Flows => bilat_model::flow_schema(),
        TableName::Series => bilat_model::series_schema(),
        TableName::Products => bilat_model::product_schema(),
        TableName::Pairs => bilat_model::pair_schema(),
    }
}

/// `pairs` computed from `flows`, for warehouses written before the table existed; the same
/// definition as `crate::pairs::pair_totals`.
const DERIVED_PAIRS: &str = "SELECT source, vintage, period_year, period_month, exporter, importer, \
     reported_by, trade_flow, product_level, sum(value_usd) AS value_usd, count(*) AS rows \
     FROM flows GROUP BY source, vintage, period_year, period_month, exporter, importer, \
     reported_by, trade_flow, product_level";

impl Warehouse {
    /// A query engine over the committed tables.
    pub async fn engine(&self) -> Result<QueryEngine> {
        let ctx = session();
        for table in TableName::ALL {
            if table == TableName::Pairs && !self.catalog.pairs_complete() {
                // Imports from before layout 2 have no pair files: derive the table (same
                // rows, just slower) rather than answer from a partial one.
                let view = ctx.sql(DERIVED_PAIRS).await?.into_view();
                ctx.register_table(table.as_str(), view)?;
                continue;
            }
            let schema = schema_of(table);
            let files = self.checked_files(table)?;
            if files.is_empty() {
                let empty = MemTable::try_new(schema, vec![vec![]])?;
                ctx.register_table(table.as_str(), Arc::new(empty))?;
                continue;
            }
            let urls = files
                .iter()
                .map(|p| ListingTableUrl::parse(p.to_string_lossy()))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
                .with_file_extension(".parquet");
            let config = ListingTableConfig::new_with_multi_paths(urls)
                .with_listing_options(options)
                .with_schema(schema);
            ctx.register_table(table.as_str(), Arc::new(ListingTable::try_new(config)?))?;
        }
        debug_assert!(
            TableName::ALL
                .iter()
                .all(|t| WAREHOUSE_TABLES.contains(&t.as_str()))
        );
        let coverage = self
            .catalog
            .imports
            .iter()
            .flat_map(|i| {
                i.coverage
                    .iter()
                    .map(|c| (i.source.clone(), i.vintage.clone(), c.clone()))
            })
            .collect();
        Ok(QueryEngine {
            ctx,
            tables: WAREHOUSE_TABLES,
            results: None,
            coverage: Arc::new(coverage),
        })
    }

    /// The files of `table`, each present, inside the warehouse and of its catalogued size — one
    /// `stat` per file, so a truncated or deleted file is named here rather than surfacing as an
    /// anonymous Parquet error (or fewer rows) mid-query. (Altered bytes of the same size need
    /// the checksums of [`Warehouse::verify`].)
    fn checked_files(&self, table: TableName) -> Result<Vec<std::path::PathBuf>> {
        let mut out = vec![];
        for file in self.catalog.imports.iter().flat_map(|i| i.files.iter()) {
            if file.table != table {
                continue;
            }
            let path = self.root.join(&file.path);
            let damaged = |detail: String| Error::Damaged {
                path: path.clone(),
                detail,
            };
            if !crate::verify::is_inside(&file.path) {
                return Err(damaged("the catalog path leaves the warehouse".into()));
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.len() == file.bytes => out.push(path),
                Ok(m) => {
                    return Err(damaged(format!(
                        "{} bytes, catalog says {}",
                        m.len(),
                        file.bytes
                    )));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(damaged("missing".into()));
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Ok(out)
    }

    /// Runs one SQL statement over the warehouse tables.
    pub async fn sql(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        self.engine().await?.sql(sql).await
    }
}

impl QueryEngine {
    /// Runs one read-only SQL statement and collects the result (see the module doc for what is
    /// admitted; anything else is [`Error::ReadOnly`]).
    pub async fn sql(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        let run = || async {
            let plan = read_only_plan(&self.ctx, sql, self.tables).await?;
            let df = self.ctx.execute_logical_plan(plan).await?;
            Ok(df.collect().await?)
        };
        match &self.results {
            Some(cache) => cache.get_or_run(sql, run).await,
            None => run().await,
        }
    }

    /// This engine with a memo of results by SQL text of up to `budget_bytes` (see
    /// `result_cache.rs` for why that is sound on an engine's snapshot): for callers that ask
    /// the same deterministic questions many times, such as the claim checker of a long text.
    /// Clones share the memo.
    pub fn with_result_cache(mut self, budget_bytes: usize) -> Self {
        self.results = Some(Arc::new(crate::result_cache::ResultCache::new(
            budget_bytes,
        )));
        self
    }

    /// This engine planning every statement for `partitions` parallel streams (at least 1;
    /// the default is one per core). A server answering many requests at once has its
    /// parallelism across requests: splitting each small pair query into per-core partitions
    /// then only adds repartitioning and merging (measured with 32 concurrent cold profiles on
    /// 2 cores: 197 → 207–217 req/s with 1).
    pub fn with_target_partitions(self, partitions: usize) -> Self {
        self.ctx
            .state_ref()
            .write()
            .config_mut()
            .options_mut()
            .execution
            .target_partitions = partitions.max(1);
        self
    }

    /// What the goods flows of `source` and `vintage` reported by `reported_by` (`exporter`,
    /// `importer`, `reconciled`) hold in `years`, exports and imports records merged; `None`
    /// when the catalog recorded none (an import from before coverage was recorded, or no rows).
    pub fn scope(
        &self,
        source: &str,
        vintage: &str,
        years: &[i32],
        reported_by: &str,
    ) -> Option<crate::Scope> {
        let mut scope: Option<crate::Scope> = None;
        for (s, v, c) in self.coverage.iter() {
            if s == source
                && v == vintage
                && years.contains(&c.year)
                && c.reported_by == reported_by
                && matches!(c.trade_flow.as_str(), "X" | "M")
            {
                scope.get_or_insert_with(Default::default).merge(c);
            }
        }
        scope
    }

    /// Number of distinct statements the memo holds (0 without one).
    pub fn cached_results(&self) -> usize {
        self.results.as_ref().map_or(0, |c| c.len())
    }

    /// The underlying DataFusion session, for callers that build plans directly.
    pub fn context(&self) -> &SessionContext {
        &self.ctx
    }
}

/// Reads a CSV or Parquet file as table `data`, optionally filtered by a SQL `WHERE` condition.
/// Used by commands that take `--data FILE --where "…"` (e.g. `bilat gravity`).
pub async fn query_file(path: &Path, condition: Option<&str>) -> Result<Vec<RecordBatch>> {
    let ctx = session();
    let p = path.to_string_lossy();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !path.exists() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    match ext.as_str() {
        "parquet" | "pq" => {
            ctx.register_parquet("data", p.as_ref(), ParquetReadOptions::default())
                .await?
        }
        _ => {
            let ext = format!(".{ext}");
            let opts = CsvReadOptions::new()
                .has_header(true)
                .file_extension(&ext)
                .schema_infer_max_records(100_000);
            ctx.register_csv("data", p.as_ref(), opts).await?
        }
    }
    let sql = match condition {
        Some(c) if !c.trim().is_empty() => {
            check_condition(c)?;
            format!("SELECT * FROM data WHERE {c}")
        }
        _ => "SELECT * FROM data".to_string(),
    };
    let plan = read_only_plan(&ctx, &sql, FILE_TABLES).await?;
    Ok(ctx.execute_logical_plan(plan).await?.collect().await?)
}

/// A `--where` condition must be one SQL expression and nothing more: no `;`, no closing
/// parenthesis that ends the `WHERE` and starts something else (`bilat_sql_policy`). What
/// tables a subquery in it may read is checked on the whole query by [`read_only_plan`].
fn check_condition(condition: &str) -> Result<()> {
    bilat_sql_policy::check_condition(condition).map_err(|r| Error::ReadOnly {
        statement: condition.to_string(),
        reason: r.to_string(),
    })?;
    // The second wall: DataFusion's parser must agree that it is one expression.
    DFParser::parse_sql_into_expr(condition).map_err(|e| Error::ReadOnly {
        statement: condition.to_string(),
        reason: format!("the condition is not a single SQL expression ({e})"),
    })?;
    Ok(())
}

/// Parses and plans `sql` if it is a single read-only query over `tables` (see the module
/// doc), else [`Error::ReadOnly`]; syntax errors stay [`Error::Sql`].
async fn read_only_plan(ctx: &SessionContext, sql: &str, tables: &[&str]) -> Result<LogicalPlan> {
    let refuse = |reason: String| Error::ReadOnly {
        statement: sql.trim().to_string(),
        reason,
    };
    let policy = bilat_sql_policy::check_query(sql, tables);
    if let Err(refusal) = &policy
        && !matches!(refusal, Refusal::Syntax { .. })
    {
        return Err(refuse(refusal.to_string()));
    }
    let mut statements = DFParser::parse_sql(sql)?;
    if statements.len() != 1 {
        return Err(refuse(format!(
            "{} statements given; run one at a time",
            statements.len()
        )));
    }
    let statement = statements.pop_front().expect("one statement");
    if let Some(kind) = not_a_query(&statement) {
        return Err(refuse(format!("{kind} is not a query")));
    }
    let state = ctx.state();
    for table in state.resolve_table_references(&statement)? {
        if !ctx.table_exist(table.clone()).unwrap_or(false) {
            return Err(refuse(format!(
                "{table} is not a table of the warehouse (files and table functions cannot be read)"
            )));
        }
    }
    // DataFusion read it as a query over registered tables, but the policy could not parse it:
    // never run what the policy did not admit.
    if let Err(refusal) = policy {
        return Err(refuse(refusal.to_string()));
    }
    let plan = state.statement_to_plan(statement).await?;
    SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
        .verify_plan(&plan)
        .map_err(|e| refuse(e.message().to_string()))?;
    Ok(plan)
}

/// `None` for a query or an `EXPLAIN` of one; else the kind of statement, for the message.
fn not_a_query(statement: &DfStatement) -> Option<String> {
    match statement {
        DfStatement::Statement(s) => match s.as_ref() {
            SqlStatement::Query(_) => None,
            other => Some(statement_kind(&other.to_string())),
        },
        DfStatement::Explain(e) => not_a_query(&e.statement),
        DfStatement::CopyTo(_) => Some("COPY".to_string()),
        DfStatement::CreateExternalTable(_) => Some("CREATE EXTERNAL TABLE".to_string()),
        DfStatement::Reset(_) => Some("RESET".to_string()),
    }
}

/// Writes batches to a standalone Parquet file (e.g. `bilat gravity --predict OUT.parquet`);
/// written to a temporary name and renamed, so a failed write leaves no partial file.
pub fn write_parquet_file(path: &Path, batches: &[RecordBatch]) -> Result<()> {
    let Some(first) = batches.first() else {
        return Err(Error::Internal("nothing to write".into()));
    };
    let tmp = path.with_extension("parquet.tmp");
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut w = parquet::arrow::ArrowWriter::try_new(file, first.schema(), None)?;
    for b in batches {
        w.write(b)?;
    }
    w.close()?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}
