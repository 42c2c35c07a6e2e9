//! `bilat history A B [--from Y] [--to Y]`: the pair's figures year by year.

use std::path::Path;
use std::process::ExitCode;

use bilat_analytics::HistoryRequest;

use crate::args::HistoryArgs;
use crate::printer;

pub fn run(root: &Path, args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let mut req = HistoryRequest::new(a, b);
    req.from = args.from;
    req.to = args.to;
    req.view = args.reports.view.map(Into::into);
    req.source = args.pair.source;
    req.vintage = args.reports.vintage;
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let history = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        anyhow::Ok(req.run(&engine).await?)
    })?;
    printer::out(&bilat_report::render_history(
        &history,
        args.format.report(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
