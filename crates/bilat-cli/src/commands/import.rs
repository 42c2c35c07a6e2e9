//! `bilat import KIND PATH`: read with bilat-ingest, commit with bilat-warehouse.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bilat_ingest::{Mode, ReadOptions};
use bilat_warehouse::{CommitOptions, CommitOutcome, InputRecord, NewImport, Warehouse};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{ImportArgs, ImportKind};
use crate::printer;

pub fn run(root: &Path, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let mut wh = Warehouse::open(root)?;
    // The inputs are hashed while they are parsed (one read of each file); an input imported
    // before is recognised by its checksums after the read and nothing is written.
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("reading {}", args.path.display()));
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let opts = ReadOptions {
        mode: if args.lenient {
            Mode::Lenient
        } else {
            Mode::Strict
        },
        progress: Some(&progress),
    };
    let read = match args.kind {
        ImportKind::Baci => bilat_ingest::read_baci(&args.path, &opts),
        ImportKind::Comtrade => bilat_ingest::read_comtrade(&args.path, &opts),
        ImportKind::Ots => bilat_ingest::read_ots(&args.path, &opts),
        ImportKind::Series => bilat_ingest::read_series(&args.path, &opts),
    };
    bar.finish_and_clear();
    let data = read.with_context(|| format!("importing {}", args.path.display()))?;
    let sums: Vec<String> = data.files.iter().map(|i| i.sha256.clone()).collect();
    if let Some(found) = wh.catalog().find_by_inputs(&sums) {
        printer::note(&format!(
            "{} is already imported as {} ({} {}); nothing to do",
            args.path.display(),
            found.id,
            found.source,
            found.vintage
        ));
        return Ok(ExitCode::SUCCESS);
    }

    if !data.rejects.is_empty() {
        let path = args
            .rejects
            .clone()
            .unwrap_or_else(|| default_rejects_path(root, &args.path));
        write_rejects(&path, &data.rejects)?;
        printer::note(&format!(
            "{} rows rejected; see {}",
            data.rejects.len(),
            path.display()
        ));
    }
    let spinner = ProgressBar::new_spinner().with_message("writing warehouse");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let rows_read = data.rows_read;
    let on_wait = |pid: Option<u32>| {
        let holder = pid.map_or_else(|| "another process".to_string(), |p| format!("pid {p}"));
        spinner.suspend(|| {
            printer::note(&format!(
                "waiting for the warehouse lock held by {holder} (another import into {})",
                root.display()
            ))
        });
    };
    let opts = CommitOptions {
        lock_timeout: lock_timeout(),
        on_lock_wait: Some(&on_wait),
    };
    let outcome = wh.commit_with(to_new_import(data), &opts);
    spinner.finish_and_clear();
    match outcome? {
        CommitOutcome::Committed(e) => printer::note(&format!(
            "imported {} {} as {}: {} flow rows, {} series rows, {} product names, {} rejected (of {} read)",
            e.source,
            e.vintage,
            e.id,
            e.flow_rows,
            e.series_rows,
            e.product_rows,
            e.rejected_rows,
            rows_read
        )),
        CommitOutcome::AlreadyImported(e) => printer::note(&format!(
            "already imported as {} ({} {}); nothing to do",
            e.id, e.source, e.vintage
        )),
    }
    Ok(ExitCode::SUCCESS)
}

/// How long an import waits for another one: `$BILAT_LOCK_TIMEOUT` seconds, else the library's
/// default (10 minutes).
fn lock_timeout() -> std::time::Duration {
    std::env::var("BILAT_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(CommitOptions::default().lock_timeout, |s| {
            std::time::Duration::from_secs_f64(s)
        })
}

fn default_rejects_path(root: &Path, input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map_or_else(|| "input".into(), |n| n.to_string_lossy().to_string());
    root.join("rejects").join(format!("{name}.rejects.csv"))
}

fn write_rejects(path: &Path, rejects: &[bilat_ingest::Reject]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    );
    writeln!(f, "file,line,column,column_name,reason,raw")?;
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for r in rejects {
        writeln!(
            f,
            "{},{},{},{},{},{}",
            q(&r.path.display().to_string()),
            r.line,
            r.column,
            q(&r.column_name),
            q(&r.reason),
            q(&r.raw)
        )?;
    }
    f.flush()?;
    Ok(())
}

/// What the reader produced, as the warehouse takes it (the wiring between the two crates).
pub(super) fn to_new_import(data: bilat_ingest::Import) -> NewImport {
    NewImport {
        inputs: data
            .files
            .iter()
            .map(|f| InputRecord {
                path: f.path.display().to_string(),
                sha256: f.sha256.clone(),
                bytes: f.bytes,
            })
            .collect(),
        rejected_rows: data.rejects.len() as u64,
        source: data.source,
        vintage: data.vintage,
        flows: data.flows,
        series: data.series,
        products: data.products,
    }
}
