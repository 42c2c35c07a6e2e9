//! `bilat profile A B --year Y`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use bilat_analytics::ProfileRequest;
use bilat_model::{MonthRange, View, resolve_place};

use crate::args::{ProfileArgs, ViewArg};
use crate::printer;

pub fn run(root: &Path, args: ProfileArgs) -> anyhow::Result<ExitCode> {
    let a = resolve_place(&args.a).context("country A")?;
    let b = resolve_place(&args.b).context("country B")?;
    let mut req = ProfileRequest::new(a, b, args.year);
    req.months = args.months.as_deref().map(MonthRange::parse).transpose()?;
    req.view = args.view.map(|v| match v {
        ViewArg::Reporter => View::Reporter,
        ViewArg::Mirror => View::Mirror,
        ViewArg::Reconciled => View::Reconciled,
    });
    req.level = args.level;
    req.top = args.top;
    req.source = args.source;
    req.vintage = args.vintage;
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let profile = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        anyhow::Ok(bilat_analytics::profile(&engine, &req).await?)
    })?;
    printer::out(&bilat_report::render_profile(
        &profile,
        super::report_format(args.format),
    ))?;
    Ok(ExitCode::SUCCESS)
}
