//! `bilat indicators A B --year Y`: RCA, trade intensity, complementarity, Grubel–Lloyd, HHI and
//! diversification of a pair, from the warehouse or from a country × product exports file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bilat_model::resolve_place;
use clap::Args;

use crate::args::FormatArg;
use crate::printer;

/// `bilat indicators`.
#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// Country A: name, alpha-2/3, numeric code, or a group (EU27, EAEU, CIS).
    pub a: String,
    /// Country B.
    pub b: String,
    /// Year (required unless --data is given).
    #[arg(long, required_unless_present = "data")]
    pub year: Option<i32>,
    /// HS level of the product figures: 2, 4 or 6.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=6))]
    pub level: u8,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
    /// Instead of the warehouse: a CSV of exports to the world by country and product
    /// (columns country, product, value), e.g. the economiccomplexity world_trade file; gives RCA,
    /// HHI and the number of products.
    #[arg(long, conflicts_with = "source")]
    pub data: Option<PathBuf>,
    /// Products listed per table in text and Markdown (JSON and CSV list all).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Output format (md prints the formulas).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

pub fn run(root: &Path, args: IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let a = resolve_place(&args.a).context("country A")?;
    let b = resolve_place(&args.b).context("country B")?;
    let ind = match (&args.data, args.year) {
        (Some(path), _) => {
            let t = bilat_analytics::CountryProductTable::read_csv(path)?;
            t.pair_indicators(path, &a, &b)?
        }
        (None, Some(year)) => {
            super::ensure_data(root)?;
            let wh = bilat_warehouse::Warehouse::open(root)?;
            super::runtime()?.block_on(async {
                let engine = wh.engine().await?;
                anyhow::Ok(
                    bilat_analytics::pair_indicators(
                        &engine,
                        &a,
                        &b,
                        year,
                        args.level,
                        args.source.as_deref(),
                    )
                    .await?,
                )
            })?
        }
        (None, None) => return Err(super::UserError("give --year or --data FILE".into()).into()),
    };
    printer::out(&bilat_report::render_indicators(
        &ind,
        super::report_format(args.format),
        args.top,
    ))?;
    Ok(ExitCode::SUCCESS)
}
