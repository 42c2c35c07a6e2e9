//! `bilat brief A B --year Y`: the news-style bilateral brief (EN or RU) with charts.
//!
//! Period to date: with `--months 1-6` the brief reports those months of the year after `--year`
//! when they are loaded (the news case: last year's results plus this year so far), else of
//! `--year` itself. Without `--months` it reports the latest *partial* year after `--year`, if
//! monthly data for fewer than twelve months of it are loaded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bilat_analytics::{ProfileRequest, PtdChoice};
use bilat_model::{Lang, MonthRange, View, resolve_place};
use clap::{Args, ValueEnum};

use crate::args::ViewArg;
use crate::printer;

/// `bilat brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// Country A: name, alpha-2/3, numeric code, or a group (EU27, EAEU, CIS).
    pub a: String,
    /// Country B.
    pub b: String,
    /// Year of the brief.
    #[arg(long)]
    pub year: i32,
    /// Months for the period-to-date paragraph, e.g. 1-6: of the year after --year when loaded,
    /// else of --year (default: the latest partial year after --year, if any).
    #[arg(long)]
    pub months: Option<String>,
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BriefFormatArg::Text)]
    pub format: BriefFormatArg,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Whose reports to use (default: A's if loaded, else B's, else reconciled).
    #[arg(long, value_enum)]
    pub view: Option<ViewArg>,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
    /// Use only this vintage.
    #[arg(long)]
    pub vintage: Option<String>,
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

pub fn run(root: &Path, args: BriefArgs) -> anyhow::Result<ExitCode> {
    let a = resolve_place(&args.a).context("country A")?;
    let b = resolve_place(&args.b).context("country B")?;
    let mut req = ProfileRequest::new(a, b, args.year);
    req.view = args.view.map(|v| match v {
        ViewArg::Reporter => View::Reporter,
        ViewArg::Mirror => View::Mirror,
        ViewArg::Reconciled => View::Reconciled,
    });
    // Every product, so plain-name groups sum all their codes (the brief picks the main ones).
    req.top = usize::MAX;
    req.source = args.source;
    req.vintage = args.vintage;
    let ptd = match args.months.as_deref() {
        Some(m) => PtdChoice::Months(MonthRange::parse(m)?),
        None => PtdChoice::Latest,
    };
    let opts = bilat_report::BriefOptions {
        lang: match args.lang {
            LangArg::En => Lang::En,
            LangArg::Ru => Lang::Ru,
        },
        ..Default::default()
    };
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let (profile, data, potential) = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        let profile = bilat_analytics::profile(&engine, &req).await?;
        let data = bilat_analytics::brief_data(&engine, &profile, ptd).await?;
        let potential =
            bilat_analytics::potential_summary(&engine, &req.a, &req.b, args.year).await?;
        anyhow::Ok((profile, data, potential))
    })?;
    if let (PtdChoice::Months(m), None) = (ptd, &data.period_to_date) {
        printer::note(&format!(
            "note: no monthly data for months {m} of {} or {}; no period-to-date paragraph",
            args.year + 1,
            args.year
        ));
    }
    let brief = bilat_report::build_brief(&profile, &data, potential.map(note_of), &opts)?;
    let text = bilat_report::render_brief(
        &brief,
        match args.format {
            BriefFormatArg::Text => bilat_report::BriefFormat::Text,
            BriefFormatArg::Md => bilat_report::BriefFormat::Md,
            BriefFormatArg::Html => bilat_report::BriefFormat::Html,
            BriefFormatArg::Json => bilat_report::BriefFormat::Json,
        },
    );
    match &args.out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
            printer::note(&format!("wrote {}", path.display()));
        }
        None => printer::out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The brief's potential paragraph from the product-level export potential (issue 5).
///
/// "Trade could reach" is actual trade plus the untapped potential, Σ_k max(potential_k,
/// actual_k) over both directions: the EPM's untapped potential is summed over the products
/// where actual trade falls short of the benchmark, so total potential alone can sit below
/// actual trade plus untapped. Actual is the potential report's (mean of up to three years).
/// The headings named are those with the most untapped potential in either direction.
fn note_of(report: bilat_analytics::ProductPotentialReport) -> bilat_report::PotentialNote {
    let mut top: Vec<(f64, String, String)> = report
        .directions
        .iter()
        .flat_map(|d| d.products.iter())
        .filter(|p| p.untapped_usd > 0.0)
        .map(|p| (p.untapped_usd, p.code.clone(), p.name.clone()))
        .collect();
    top.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    top.dedup_by(|x, y| x.1 == y.1);
    top.truncate(5);
    let untapped: f64 = report.directions.iter().map(|d| d.untapped_usd).sum();
    let actual: f64 = report.directions.iter().map(|d| d.actual_usd).sum();
    bilat_report::PotentialNote {
        potential_usd: actual + untapped,
        untapped_usd: untapped,
        method_en: "ITC-style export-potential".into(),
        method_ru: "модели экспортного потенциала (по методике ITC)".into(),
        top_products: top.iter().map(|t| t.1.clone()).collect(),
        top_product_names: top.into_iter().map(|t| t.2).collect(),
    }
}
