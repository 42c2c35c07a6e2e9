//! `bilat indicators A B --year Y`: RCA, trade intensity, complementarity, Grubel–Lloyd, HHI and
//! diversification of a pair, from the warehouse or from a country × product exports file.

use std::path::Path;
use std::process::ExitCode;

use crate::args::IndicatorsArgs;
use crate::printer;

pub fn run(root: &Path, args: IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let ind = match (&args.data, args.year) {
        (Some(path), _) => {
            let t = bilat_analytics::CountryProductTable::read_csv(path)?;
            t.pair_indicators(path, &a, &b)?
        }
        (None, Some(year)) => {
            super::ensure_data(root)?;
            let wh = bilat_warehouse::Warehouse::open(root)?;
            let mut req = bilat_analytics::IndicatorsRequest::new(a, b, year);
            req.level = args.level;
            req.source = args.pair.source.clone();
            super::runtime()?.block_on(async {
                let engine = wh.engine().await?;
                anyhow::Ok(req.run(&engine).await?)
            })?
        }
        (None, None) => return Err(super::UserError("give --year or --data FILE".into()).into()),
    };
    printer::out(&bilat_report::render_indicators(
        &ind,
        args.format.report(),
        args.top,
    ))?;
    Ok(ExitCode::SUCCESS)
}
