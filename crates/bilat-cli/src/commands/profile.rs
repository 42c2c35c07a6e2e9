//! `bilat profile A B --year Y`.

use std::path::Path;
use std::process::ExitCode;

use bilat_analytics::ProfileRequest;

use crate::args::ProfileArgs;
use crate::printer;

pub fn run(root: &Path, args: ProfileArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let mut req = ProfileRequest::new(a, b, args.year);
    req.months = args.months;
    req.view = args.reports.view.map(Into::into);
    req.level = args.level;
    req.top = args.top;
    req.source = args.pair.source;
    req.vintage = args.reports.vintage;
    req.compare = args.compare;
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let profile = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        anyhow::Ok(bilat_analytics::profile(&engine, &req).await?)
    })?;
    printer::out(&bilat_report::render_profile(
        &profile,
        args.format.report(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
