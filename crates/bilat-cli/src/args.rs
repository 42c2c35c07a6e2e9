//! Command-line arguments (clap derive): one `Command` enum, one `…Args` per command, and the
//! pieces every bilateral command shares ([`PairArgs`], [`ReportsArgs`]), flattened into each.
//!
//! Typed values (`HsLevel`, `MonthRange`) are parsed by the model's `FromStr`, the same parser
//! the server and the Python package use, so a flag is validated one way everywhere. Country
//! names stay strings here and are resolved in [`PairArgs::places`], where the error can say
//! which of the two was not found.

use std::path::PathBuf;

use anyhow::Context;
use bilat_model::{HsLevel, MonthRange, Place, View};
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
    /// Run SQL on the warehouse tables (flows, series, products, pairs); read-only.
    Sql(SqlArgs),
    /// Build the generated demo world into the warehouse.
    Demo(DemoArgs),
    /// Structural gravity: PPML or OLS with high-dimensional fixed effects (fixest formulas).
    Gravity(GravityArgs),
    /// Check every numeric trade claim of a news text (EN/RU) against the text and the data.
    Check(CheckArgs),
    /// Trade indicators of A and B: RCA, intensity, complementarity, Grubel–Lloyd, HHI.
    Indicators(IndicatorsArgs),
    /// Export potential of A and B: by product (supply × demand × ease) or gravity benchmark.
    Potential(PotentialArgs),
    /// News-style brief of A with B (English or Russian) with charts: text, md, html or json.
    Brief(BriefArgs),
    /// Check every warehouse file against the catalog: size, checksum, rows, schema.
    Verify(VerifyArgs),
    /// A's partners ranked by exports, imports or turnover, with shares and growth.
    Partners(PartnersArgs),
    /// The pair's exports, imports, turnover and balance year by year.
    History(HistoryArgs),
    /// Serve the API and the dashboard over HTTP.
    Serve(ServeArgs),
}

/// `bilat partners`.
#[derive(Debug, Args)]
pub struct PartnersArgs {
    /// Country or group A.
    pub a: String,
    /// Year.
    #[arg(long)]
    pub year: i32,
    /// Flow to rank by: exports, imports or turnover.
    #[arg(long, default_value = "exports")]
    pub flow: bilat_analytics::FlowChoice,
    /// Partners to list.
    #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
    pub top: usize,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
    /// View and vintage.
    #[command(flatten)]
    pub reports: ReportsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The pair.
    #[command(flatten)]
    pub pair: PairArgs,
    /// First year (default: the first loaded).
    #[arg(long)]
    pub from: Option<i32>,
    /// Last year (default: the last loaded).
    #[arg(long)]
    pub to: Option<i32>,
    /// View and vintage.
    #[command(flatten)]
    pub reports: ReportsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; put a TLS proxy in front for other hosts).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Accept `POST /api/v1/import/{kind}` (needs --token-file).
    #[arg(long, requires = "token_file")]
    pub allow_import: bool,
    /// File holding the bearer token imports must send (one line; keep it private).
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// Allow browsers on this origin to call the API (e.g. `https://desk.example.org`).
    #[arg(long)]
    pub cors: Vec<String>,
    /// Seconds an analysis may run before the request fails with 503.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Requests served at once; more wait briefly, then get 503 with Retry-After.
    #[arg(long, default_value_t = 64)]
    pub max_in_flight: usize,
}

/// The two countries of every bilateral command, and the source to read them from.
#[derive(Debug, Clone, Args)]
pub struct PairArgs {
    /// Country A: name (EN/RU), alpha-2/3, numeric code, or a group (EU27, EAEU, CIS).
    pub a: String,
    /// Country B (or World).
    pub b: String,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
}

impl PairArgs {
    /// Resolves both countries, naming the one that is unknown.
    pub fn places(&self) -> anyhow::Result<(Place, Place)> {
        let a = self.a.parse::<Place>().context("country A")?;
        let b = self.b.parse::<Place>().context("country B")?;
        Ok((a, b))
    }
}

/// Whose reports and which release: for the commands that show reported figures.
#[derive(Debug, Clone, Args)]
pub struct ReportsArgs {
    /// Whose reports to use (default: A's if loaded, else B's, else reconciled).
    #[arg(long, value_enum)]
    pub view: Option<ViewArg>,
    /// Use only this vintage.
    #[arg(long)]
    pub vintage: Option<String>,
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
    /// Where lenient mode writes rejected rows (default: WAREHOUSE/rejects/FILE.rejects.csv).
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

impl FormatArg {
    /// The report crate's format of the same name.
    pub fn report(self) -> bilat_report::Format {
        match self {
            FormatArg::Text => bilat_report::Format::Text,
            FormatArg::Md => bilat_report::Format::Md,
            FormatArg::Json => bilat_report::Format::Json,
            FormatArg::Csv => bilat_report::Format::Csv,
        }
    }
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

impl From<ViewArg> for View {
    fn from(v: ViewArg) -> View {
        match v {
            ViewArg::Reporter => View::Reporter,
            ViewArg::Mirror => View::Mirror,
            ViewArg::Reconciled => View::Reconciled,
        }
    }
}

/// `bilat profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The pair.
    #[command(flatten)]
    pub pair: PairArgs,
    /// Year of the profile.
    #[arg(long)]
    pub year: i32,
    /// Year the changes compare with (default: the year before, else the latest earlier year
    /// loaded).
    #[arg(long)]
    pub compare: Option<i32>,
    /// Months for a period-to-date comparison, e.g. 1-6 (monthly data only).
    #[arg(long)]
    pub months: Option<MonthRange>,
    /// View and vintage.
    #[command(flatten)]
    pub reports: ReportsArgs,
    /// HS level of the product tables: 2, 4 or 6.
    #[arg(long, default_value_t = HsLevel::Hs4)]
    pub level: HsLevel,
    /// Products to list each way.
    #[arg(long, default_value_t = 10, allow_negative_numbers = true)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL statement (one read-only query).
    pub query: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// `bilat demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// `bilat brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The pair.
    #[command(flatten)]
    pub pair: PairArgs,
    /// Year of the brief.
    #[arg(long)]
    pub year: i32,
    /// Year the changes compare with (default: the year before, else the latest earlier year
    /// loaded).
    #[arg(long)]
    pub compare: Option<i32>,
    /// Months for the period-to-date paragraph, e.g. 1-6: of the year after --year when loaded,
    /// else of --year (default: the latest partial year after --year, if any).
    #[arg(long)]
    pub months: Option<MonthRange>,
    /// View and vintage.
    #[command(flatten)]
    pub reports: ReportsArgs,
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BriefFormatArg::Text)]
    pub format: BriefFormatArg,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Language of the brief.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    /// English.
    En,
    /// Russian.
    Ru,
}

/// Output formats of the brief.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BriefFormatArg {
    /// Plain text.
    Text,
    /// Markdown with inline SVG charts.
    Md,
    /// A self-contained HTML page.
    Html,
    /// JSON: text, figures with provenance, chart data.
    Json,
}

/// `bilat check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The text to check (UTF-8), or `-` for standard input. Several files or a directory (its
    /// files, recursively, in name order) check every article and print a summary table.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = CheckLangArg::Auto)]
    pub lang: CheckLangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Language of the checked text.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckLangArg {
    /// Detect from the script (Cyrillic → Russian).
    Auto,
    /// English.
    En,
    /// Russian.
    Ru,
}

/// Output formats of `bilat check`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// The text with claims marked and a table of verdicts.
    Text,
    /// Markdown.
    Md,
    /// JSON: claims[] {start, end, text, measure, value, unit, period, subject, verdict, evidence};
    /// for many articles, one line per article (JSON lines).
    Json,
    /// A standalone HTML page.
    Html,
    /// CSV: one row per claim; for many articles, one row per article.
    Csv,
}

/// `bilat indicators`.
#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// The pair (`--source` does not combine with `--data`).
    #[command(flatten)]
    pub pair: PairArgs,
    /// Year (required unless --data is given).
    #[arg(long, required_unless_present = "data")]
    pub year: Option<i32>,
    /// HS level of the product figures: 2, 4 or 6.
    #[arg(long, default_value_t = HsLevel::Hs4)]
    pub level: HsLevel,
    /// Instead of the warehouse: a CSV of exports to the world by country and product
    /// (columns country, product, value), e.g. the economiccomplexity world_trade file; gives RCA,
    /// HHI and the number of products.
    #[arg(long, conflicts_with = "source")]
    pub data: Option<PathBuf>,
    /// Products listed per table in text and Markdown (JSON and CSV list all).
    #[arg(long, default_value_t = 15, allow_negative_numbers = true)]
    pub top: usize,
    /// Output format (md prints the formulas).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

/// How to estimate the potential.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum MethodArg {
    /// Product by product: supply × demand × ease (Decreux & Spies 2016).
    Products,
    /// Pair totals: PPML structural gravity, predicted against actual.
    Gravity,
}

/// Unit of the flow column of a gravity file.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ValueUnitArg {
    /// US dollars.
    Usd,
    /// Thousands of US dollars (BACI).
    Thousands,
    /// Millions of US dollars (CEPII gravity, Head–Mayer).
    Millions,
}

/// Ease factor of the product potential.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EaseArg {
    /// The pair's trade intensity.
    Intensity,
    /// 1 (supply × demand only).
    One,
}

/// Covariates of the gravity benchmark.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SpecArg {
    /// Exporter and importer fixed effects plus bilateral covariates.
    Fe,
    /// Log GDPs plus bilateral covariates (no fixed effects).
    Gdp,
}

/// `bilat potential`.
#[derive(Debug, Args)]
pub struct PotentialArgs {
    /// The pair.
    #[command(flatten)]
    pub pair: PairArgs,
    /// Year.
    #[arg(long)]
    pub year: i32,
    /// Products (export potential map) or gravity (pair benchmark).
    #[arg(long, value_enum, default_value_t = MethodArg::Products)]
    pub method: MethodArg,
    /// Gravity: a gravity dataset CSV (one row per ordered pair) instead of the warehouse.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Gravity: unit of the file's flow column.
    #[arg(long, value_enum, default_value_t = ValueUnitArg::Usd, requires = "data")]
    pub value_unit: ValueUnitArg,
    /// Gravity: covariates (fixed effects, or log GDPs from gdp_o/gdp_d).
    #[arg(long, value_enum, default_value_t = SpecArg::Fe, requires = "data")]
    pub spec: SpecArg,
    /// Gravity file: exporter column (default: iso_o, exporter, i, exp, origin).
    #[arg(long, requires = "data")]
    pub exporter_col: Option<String>,
    /// Gravity file: importer column (default: iso_d, importer, j, imp, destination).
    #[arg(long, requires = "data")]
    pub importer_col: Option<String>,
    /// Gravity file: flow column (default: flow, trade, v, value).
    #[arg(long, requires = "data")]
    pub flow_col: Option<String>,
    /// Gravity file: distance column (default: distw, dist).
    #[arg(long, requires = "data")]
    pub dist_col: Option<String>,
    /// Gravity file: year column (default: year, t).
    #[arg(long, requires = "data")]
    pub year_col: Option<String>,
    /// Products: HS level 2, 4 or 6.
    #[arg(long, default_value_t = HsLevel::Hs6)]
    pub level: HsLevel,
    /// Products: the ease factor.
    #[arg(long, value_enum, default_value_t = EaseArg::Intensity)]
    pub ease: EaseArg,
    /// Products: how many to list per direction (totals cover all).
    #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
    pub top: usize,
    /// Products: leave out products A exports less than this (USD) of.
    #[arg(long, default_value_t = 0.0)]
    pub min_supply_usd: f64,
    /// Output format (md prints the formulas).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
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
