//! `bilat demo`: the generated demo world, committed like any import.

use std::path::Path;
use std::process::ExitCode;

use bilat_warehouse::{CommitOutcome, Warehouse};

use crate::printer;

pub fn run(root: &Path, verbose: bool) -> anyhow::Result<ExitCode> {
    let mut wh = Warehouse::open(root)?;
    let started = std::time::Instant::now();
    match bilat_load::load_demo(&mut wh)? {
        CommitOutcome::Committed(e) => printer::note(&format!(
            "built the demo world ({}) as {}: {} flow rows, {} series rows in {:.1}s",
            bilat_demo::LABEL,
            e.id,
            e.flow_rows,
            e.series_rows,
            started.elapsed().as_secs_f64()
        )),
        CommitOutcome::AlreadyImported(e) if verbose => printer::note(&format!(
            "the demo world is already loaded as {}; nothing to do",
            e.id
        )),
        CommitOutcome::AlreadyImported(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}
