//! `bilat potential A B --year Y --method products|gravity`: how much more A and B could trade,
//! product by product (after ITC's Export Potential Map) or as a pair (PPML gravity benchmark).

use std::path::Path;
use std::process::ExitCode;

use bilat_analytics::{Ease, GravityColumns, GravityFile, GravitySpec, PotentialRequest};

use crate::args::{EaseArg, MethodArg, PotentialArgs, SpecArg, ValueUnitArg};
use crate::printer;

pub fn run(root: &Path, args: PotentialArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let format = args.format.report();
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
                            args.pair.source.as_deref(),
                        )
                        .await?;
                        bilat_report::render_gravity_potential(&g, format)
                    }
                    MethodArg::Products => {
                        let mut req = PotentialRequest::new(a, b, args.year);
                        req.level = args.level;
                        req.top = args.top;
                        req.min_supply_usd = args.min_supply_usd;
                        req.source = args.pair.source.clone();
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
