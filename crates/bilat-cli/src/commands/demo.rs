//! `bilat demo`: the generated demo world, committed like any import.

use std::path::Path;
use std::process::ExitCode;

use bilat_warehouse::{CommitOutcome, InputRecord, NewImport, Warehouse};

use crate::printer;

pub fn run(root: &Path, verbose: bool) -> anyhow::Result<ExitCode> {
    let mut wh = Warehouse::open(root)?;
    let started = std::time::Instant::now();
    let world = bilat_demo::generate();
    let outcome = wh.commit(NewImport {
        source: bilat_demo::SOURCE.to_string(),
        vintage: bilat_demo::VINTAGE.to_string(),
        // A stable pseudo-input makes `bilat demo` idempotent.
        inputs: vec![InputRecord {
            path: format!("(generated: {})", bilat_demo::LABEL),
            sha256: format!("demo-{}", bilat_demo::VINTAGE),
            bytes: 0,
        }],
        flows: world.flows,
        series: world.series,
        products: world.products,
        rejected_rows: 0,
    })?;
    match outcome {
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
