//! Command-line arguments (clap derive): one `Command` enum, one `…Args` per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// bilat — bilateral trade intelligence: figures, potential and fact checks for any pair of countries.
#[derive(Debug, Parser)]
#[command(name = "bilat", version, about, long_about = None)]
pub struct Cli {
    /// Warehouse directory (default: ~/.local/share/bilat).
    #[arg(long, global = true, env = "BILAT_WAREHOUSE")]
    pub warehouse: Option<PathBuf>,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Every `bilat` command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load trade statistics into the warehouse.
    Import(ImportArgs),
    /// List what the warehouse holds.
    Catalog(CatalogArgs),
    /// Bilateral profile of A with B: totals, growth, products, partner position, mirror gap.
    Profile(ProfileArgs),
    /// Run SQL on the warehouse tables (flows, series, products).
    Sql(SqlArgs),
    /// Build the generated demo world into the warehouse.
    Demo(DemoArgs),
    /// Structural gravity: PPML or OLS with high-dimensional fixed effects (fixest formulas).
    Gravity(GravityArgs),
    /// Check every numeric trade claim of a news text (EN/RU) against the text and the data.
    Check(crate::commands::check::CheckArgs),
    /// Benchmark import and profile against DuckDB on a generated BACI-size year.
    Bench(BenchArgs),
    /// Trade indicators of A and B: RCA, intensity, complementarity, Grubel–Lloyd, HHI.
    Indicators(crate::commands::indicators::IndicatorsArgs),
    /// Export potential of A and B: by product (supply × demand × ease) or gravity benchmark.
    Potential(crate::commands::potential::PotentialArgs),
    /// News-style brief of A with B (English or Russian) with charts: text, md, html or json.
    Brief(crate::commands::brief::BriefArgs),
    /// Check every warehouse file against the catalog: size, checksum, rows, schema.
    Verify(VerifyArgs),
}

/// `bilat gravity`.
#[derive(Debug, Args)]
pub struct GravityArgs {
    /// Data file (.csv or .parquet).
    #[arg(long, required_unless_present = "sql", conflicts_with = "sql")]
    pub data: Option<PathBuf>,
    /// Instead of a file: a SQL query over the warehouse tables whose result is the estimation
    /// data, e.g. "SELECT exporter, importer, period_year AS year, sum(value_usd) AS trade FROM flows …".
    #[arg(long)]
    pub sql: Option<String>,
    /// fixest formula, e.g. "trade ~ rta + log(dist) | exp^year + imp^year + pair".
    #[arg(long)]
    pub formula: String,
    /// Poisson (PPML) or Gaussian (OLS).
    #[arg(long, value_enum, default_value_t = FamilyArg::Poisson)]
    pub family: FamilyArg,
    /// Variance: iid, hetero, cluster:VAR or cluster:VAR1+VAR2.
    #[arg(long, default_value = "hetero")]
    pub vcov: String,
    /// SQL condition on the data's columns, e.g. "year IN (1986, 1990) AND exporter <> importer".
    #[arg(long = "where")]
    pub condition: Option<String>,
    /// Fixed-effect solver.
    #[arg(long, value_enum, default_value_t = SolverArg::Auto)]
    pub solver: SolverArg,
    /// Write the data with a `fitted` column (fixed effects included) to this Parquet file.
    #[arg(long)]
    pub predict: Option<PathBuf>,
    /// Output format (text, md or json).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// Estimator family.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FamilyArg {
    /// PPML.
    Poisson,
    /// OLS.
    Gaussian,
}

/// Fixed-effect solver.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SolverArg {
    /// Alternating projections, switching to conjugate gradients on slow graphs.
    Auto,
    /// Alternating projections with Irons–Tuck acceleration (as fixest).
    Ap,
    /// Preconditioned Krylov (conjugate gradients).
    Krylov,
}

/// The data families `bilat import` reads.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ImportKind {
    /// CEPII BACI release zip, folder or year CSV (t,i,j,k,v,q; v in thousands of USD).
    Baci,
    /// UN Comtrade Plus/bulk CSV or API JSON.
    Comtrade,
    /// Open Trade Statistics yrpc/yrp tables (CSV or JSON).
    Ots,
    /// Tidy CSV of other indicators: period,country,partner,indicator,value,unit,source.
    Series,
}

/// `bilat import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What kind of data PATH holds.
    pub kind: ImportKind,
    /// File, zip or folder to import.
    pub path: PathBuf,
    /// Write bad rows to a rejects file and import the rest (default: stop at the first bad row).
    #[arg(long)]
    pub lenient: bool,
    /// Stop at the first bad row with file:line:column (the default).
    #[arg(long, conflicts_with = "lenient")]
    pub strict: bool,
    /// Where lenient mode writes rejected rows (default: <warehouse>/rejects/<file>.rejects.csv).
    #[arg(long, requires = "lenient")]
    pub rejects: Option<PathBuf>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum FormatArg {
    /// Aligned text.
    #[default]
    Text,
    /// Markdown.
    Md,
    /// JSON (stable field names).
    Json,
    /// CSV.
    Csv,
}

/// `bilat catalog`.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// Views of the data.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ViewArg {
    /// A's own reports.
    Reporter,
    /// B's reports about A.
    Mirror,
    /// Reconciled flows (BACI).
    Reconciled,
}

/// `bilat profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Country A: name, alpha-2/3, numeric code, or a group (EU27, EAEU, CIS).
    pub a: String,
    /// Country B (or World).
    pub b: String,
    /// Year of the profile.
    #[arg(long)]
    pub year: i32,
    /// Months for a period-to-date comparison, e.g. 1-6 (monthly data only).
    #[arg(long)]
    pub months: Option<String>,
    /// Whose reports to use (default: A's if loaded, else B's, else reconciled).
    #[arg(long, value_enum)]
    pub view: Option<ViewArg>,
    /// HS level of the product tables.
    #[arg(long, default_value_t = 4, value_parser = clap::builder::ValueParser::new(parse_level))]
    pub level: u8,
    /// Products to list each way.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
    /// Use only this vintage.
    #[arg(long)]
    pub vintage: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL statement.
    pub query: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// `bilat bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Rows of the generated BACI year.
    #[arg(long, default_value_t = 11_000_000)]
    pub rows: usize,
    /// Working directory for generated files (default: a temporary directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Python with the `duckdb` module, for the side-by-side run.
    #[arg(long, default_value = "python3", env = "BILAT_BENCH_PYTHON")]
    pub python: String,
}

/// `--level` accepts exactly the HS levels the warehouse can aggregate to.
fn parse_level(s: &str) -> Result<u8, String> {
    match s {
        "2" => Ok(2),
        "4" => Ok(4),
        "6" => Ok(6),
        _ => Err(format!("{s:?} is not an HS level; use 2, 4 or 6")),
    }
}

/// `bilat verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: VerifyFormat,
}

/// Output formats of `bilat verify`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum VerifyFormat {
    /// One summary line, or one line per damaged file.
    #[default]
    Text,
    /// The report as JSON (stable field names).
    Json,
}
