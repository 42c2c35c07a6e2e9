//! `bilat brief A B --year Y`: the news-style bilateral brief (EN or RU) with charts.
//!
//! Period to date: with `--months 1-6` the brief reports those months of the year after `--year`
//! when they are loaded (the news case: last year's results plus this year so far), else of
//! `--year` itself. Without `--months` it reports the latest *partial* year after `--year`, if
//! monthly data for fewer than twelve months of it are loaded.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use bilat_analytics::{BriefRequest, PtdChoice};
use bilat_model::Lang;

use crate::args::{BriefArgs, BriefFormatArg, LangArg};
use crate::printer;

pub fn run(root: &Path, args: BriefArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = args.pair.places()?;
    let mut req = BriefRequest::new(a, b, args.year);
    req.profile.view = args.reports.view.map(Into::into);
    req.profile.source = args.pair.source.clone();
    req.profile.vintage = args.reports.vintage.clone();
    req.profile.compare = args.compare;
    if let Some(m) = args.months {
        req.period_to_date = PtdChoice::Months(m);
    }
    let opts = bilat_report::BriefOptions {
        lang: match args.lang {
            LangArg::En => Lang::En,
            LangArg::Ru => Lang::Ru,
        },
        ..Default::default()
    };
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let inputs = super::runtime()?.block_on(async {
        let engine = wh.engine().await?;
        anyhow::Ok(req.run(&engine).await?)
    })?;
    if let (PtdChoice::Months(m), None) = (req.period_to_date, &inputs.data.period_to_date) {
        printer::note(&format!(
            "note: no monthly data for months {m} of {} or {}; no period-to-date paragraph",
            args.year + 1,
            args.year
        ));
    }
    let text = bilat_report::brief_document(
        &inputs,
        &opts,
        match args.format {
            BriefFormatArg::Text => bilat_report::BriefFormat::Text,
            BriefFormatArg::Md => bilat_report::BriefFormat::Md,
            BriefFormatArg::Html => bilat_report::BriefFormat::Html,
            BriefFormatArg::Json => bilat_report::BriefFormat::Json,
        },
    )?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
            printer::note(&format!("wrote {}", path.display()));
        }
        None => printer::out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
