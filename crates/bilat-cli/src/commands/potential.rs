//! `bilat potential A B --year Y --method products|gravity`: how much more A and B could trade,
//! product by product (after ITC's Export Potential Map) or as a pair (PPML gravity benchmark).

use std::path::Path;
use std::process::ExitCode;

use bilat_analytics::{
    Ease, GravityColumns, GravityDataFile, GravityPotentialRequest, GravitySpec, PotentialRequest,
    ValueUnit,
};

use crate::args::{EaseArg, MethodArg, PotentialArgs, SpecArg, ValueUnitArg};
use crate::printer;

pub fn run(root: &Path, args: PotentialArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let format = args.format.report();
    let mut gravity = GravityPotentialRequest::new(a.clone(), b.clone(), args.year);
    gravity.source = args.pair.source.clone();
    gravity.data = args.data.as_ref().map(|path| GravityDataFile {
        path: path.clone(),
        unit: match args.value_unit {
            ValueUnitArg::Usd => ValueUnit::Usd,
            ValueUnitArg::Thousands => ValueUnit::Thousands,
            ValueUnitArg::Millions => ValueUnit::Millions,
        },
        columns: GravityColumns {
            exporter: args.exporter_col.clone(),
            importer: args.importer_col.clone(),
            flow: args.flow_col.clone(),
            dist: args.dist_col.clone(),
            year: args.year_col.clone(),
        },
        spec: match args.spec {
            SpecArg::Fe => GravitySpec::FixedEffects,
            SpecArg::Gdp => GravitySpec::Gdp,
        },
    });
    let out = match (args.method, gravity.data.is_some()) {
        (MethodArg::Gravity, true) => {
            // A gravity file needs no warehouse.
            let g = super::runtime()?.block_on(gravity.run(None))?;
            bilat_report::render_gravity_potential(&g, format)
        }
        (MethodArg::Products, true) => {
            return Err(super::UserError(
                "--data is a gravity dataset: use it with --method gravity".into(),
            )
            .into());
        }
        (method, false) => {
            super::ensure_data(root)?;
            let wh = bilat_warehouse::Warehouse::open(root)?;
            let rt = super::runtime()?;
            rt.block_on(async {
                let engine = wh.engine().await?;
                anyhow::Ok(match method {
                    MethodArg::Gravity => {
                        let g = gravity.run(Some(&engine)).await?;
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
