//! `bilat potential A B --year Y --method products|gravity`: how much more A and B could trade,
//! product by product (after ITC's Export Potential Map) or as a pair (PPML gravity benchmark).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bilat_analytics::{Ease, GravityColumns, GravityFile, GravitySpec, PotentialRequest};
use bilat_model::resolve_place;
use clap::{Args, ValueEnum};

use crate::args::FormatArg;
use crate::printer;

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
    /// Country A.
    pub a: String,
    /// Country B.
    pub b: String,
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
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(2..=6))]
    pub level: u8,
    /// Products: the ease factor.
    #[arg(long, value_enum, default_value_t = EaseArg::Intensity)]
    pub ease: EaseArg,
    /// Products: how many to list per direction (totals cover all).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Products: leave out products A exports less than this (USD) of.
    #[arg(long, default_value_t = 0.0)]
    pub min_supply_usd: f64,
    /// Use only this source (baci, comtrade, ots, demo).
    #[arg(long)]
    pub source: Option<String>,
    /// Output format (md prints the formulas).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
}

pub fn run(root: &Path, args: PotentialArgs) -> anyhow::Result<ExitCode> {
    let a = resolve_place(&args.a).context("country A")?;
    let b = resolve_place(&args.b).context("country B")?;
    let format = super::report_format(args.format);
    let out = match (args.method, &args.data) {
        (MethodArg::Gravity, Some(path)) => {
            let file = GravityFile {
                path,
                usd_per_unit: match args.value_unit {
                    ValueUnitArg::Usd => 1.0,
                    ValueUnitArg::Thousands => 1e3,
                    ValueUnitArg::Millions => 1e6,
                },
                columns: GravityColumns {
                    exporter: args.exporter_col,
                    importer: args.importer_col,
                    flow: args.flow_col,
                    dist: args.dist_col,
                    year: args.year_col,
                },
            };
            let spec = match args.spec {
                SpecArg::Fe => GravitySpec::FixedEffects,
                SpecArg::Gdp => GravitySpec::Gdp,
            };
            let g = bilat_analytics::gravity_potential_from_file(&file, &a, &b, args.year, spec)?;
            bilat_report::render_gravity_potential(&g, format)
        }
        (MethodArg::Products, Some(_)) => {
            return Err(super::UserError(
                "--data is a gravity dataset: use it with --method gravity".into(),
            )
            .into());
        }
        (method, None) => {
            super::ensure_data(root)?;
            let wh = bilat_warehouse::Warehouse::open(root)?;
            let rt = super::runtime()?;
            rt.block_on(async {
                let engine = wh.engine().await?;
                anyhow::Ok(match method {
                    MethodArg::Gravity => {
                        let g = bilat_analytics::gravity_potential_from_warehouse(
                            &engine,
                            &a,
                            &b,
                            args.year,
                            args.source.as_deref(),
                        )
                        .await?;
                        bilat_report::render_gravity_potential(&g, format)
                    }
                    MethodArg::Products => {
                        let mut req = PotentialRequest::new(a, b, args.year);
                        req.level = args.level;
                        req.top = args.top;
                        req.min_supply_usd = args.min_supply_usd;
                        req.source = args.source.clone();
                        req.ease = match args.ease {
                            EaseArg::Intensity => Ease::Intensity,
                            EaseArg::One => Ease::One,
                        };
                        let r = bilat_analytics::product_potential_report(&engine, &req).await?;
                        bilat_report::render_product_potential(&r, format)
                    }
                })
            })?
        }
    };
    printer::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
