//! `bilat verify`: every file the catalog names checked against its size, checksum, Parquet
//! footer (row count) and table schema. Exit 0 when all match, 2 when any file is damaged.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use bilat_warehouse::{FileProblem, VerifyReport, Warehouse};

use crate::args::{VerifyArgs, VerifyFormat};
use crate::printer;

pub fn run(root: &Path, args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let wh = Warehouse::open(root)?;
    let report = wh.verify()?;
    match args.format {
        VerifyFormat::Json => {
            let mut v = serde_json::to_value(&report)?;
            v["ok"] = report.is_ok().into();
            v["rows"] = report.rows().into();
            v["bytes"] = report.bytes().into();
            printer::out(&(serde_json::to_string_pretty(&v)? + "\n"))?;
        }
        VerifyFormat::Text => printer::out(&text(root, &report))?,
    }
    if report.is_ok() {
        return Ok(ExitCode::SUCCESS);
    }
    printer::note(&hint(&report));
    Ok(ExitCode::from(2))
}

fn text(root: &Path, report: &VerifyReport) -> String {
    let damaged = report.damaged().count();
    let mut o = String::new();
    if damaged == 0 {
        let _ = writeln!(
            o,
            "ok: {} files, {} rows, {} bytes match catalog generation {} of {}",
            report.files.len(),
            report.rows(),
            report.bytes(),
            report.generation,
            root.display()
        );
        return o;
    }
    let _ = writeln!(
        o,
        "damaged: {damaged} of {} files do not match catalog generation {} of {}",
        report.files.len(),
        report.generation,
        root.display()
    );
    for f in report.damaged() {
        let problems: Vec<String> = f.problems.iter().map(FileProblem::to_string).collect();
        let _ = writeln!(
            o,
            "  {} ({}, import {}): {}",
            f.path,
            f.table.as_str(),
            f.import,
            problems.join("; ")
        );
    }
    o
}

/// What to do: queries over a damaged table fail (or would be wrong), and the catalog still
/// lists the import, so re-importing its inputs into this warehouse is a no-op.
fn hint(report: &VerifyReport) -> String {
    let mut imports: Vec<&str> = report.damaged().map(|f| f.import.as_str()).collect();
    imports.sort_unstable();
    imports.dedup();
    format!(
        "hint: restore the listed files from a backup of the warehouse; or rebuild it: move the \
         warehouse aside, create a new one and re-import every input that `bilat catalog` lists \
         (the damaged files belong to import {})",
        imports.join(", ")
    )
}
