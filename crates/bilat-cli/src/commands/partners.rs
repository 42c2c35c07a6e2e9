//! `bilat partners A --year Y`: A's partners ranked by exports, imports or turnover.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use bilat_analytics::PartnersRequest;
use bilat_model::Place;

use crate::args::PartnersArgs;
use crate::printer;

pub fn run(root: &Path, args: PartnersArgs) -> anyhow::Result<ExitCode> {
    let a = args.a.parse::<Place>().context("country A")?;
    let mut req = PartnersRequest::new(a, args.year);
    req.flow = args.flow;
    req.top = args.top;
    req.view = args.reports.view.map(Into::into);
    req.source = args.source;
    req.vintage = args.reports.vintage;
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let ranking = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        anyhow::Ok(req.run(&engine).await?)
    })?;
    printer::out(&bilat_report::render_partners(
        &ranking,
        args.format.report(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
