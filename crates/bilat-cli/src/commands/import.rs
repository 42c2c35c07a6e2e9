//! `bilat import KIND PATH`: the shared import pipeline (`bilat-load`) with a progress bar.

use std::path::Path;
use std::process::ExitCode;

use bilat_ingest::{Mode, ReadOptions};
use bilat_load::{LoadOutcome, SourceKind};
use bilat_warehouse::{CommitOptions, Warehouse};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{ImportArgs, ImportKind};
use crate::printer;

pub fn run(root: &Path, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let mut wh = Warehouse::open(root)?;
    // The inputs are hashed while they are parsed (one read of each file); an input imported
    // before is recognised by its checksums in `bilat_load::commit` and nothing is written.
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
    let kind = match args.kind {
        ImportKind::Baci => SourceKind::Baci,
        ImportKind::Comtrade => SourceKind::Comtrade,
        ImportKind::Ots => SourceKind::Ots,
        ImportKind::Series => SourceKind::Series,
    };
    let read = bilat_load::read(kind, &args.path, &opts);
    bar.finish_and_clear();
    let data = read?;
    let rejects = args
        .rejects
        .clone()
        .unwrap_or_else(|| bilat_load::default_rejects_path(root, &args.path));
    let spinner = ProgressBar::new_spinner().with_message("writing warehouse");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
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
    let outcome = bilat_load::commit(&mut wh, data, &rejects, &opts);
    spinner.finish_and_clear();
    match outcome? {
        LoadOutcome::Committed {
            entry: e,
            rows_read,
            rejects,
        } => {
            if let Some(r) = rejects {
                printer::note(&format!(
                    "{} rows rejected; see {}",
                    r.rows,
                    r.path.display()
                ));
            }
            printer::note(&format!(
                "imported {} {} as {}: {} flow rows, {} series rows, {} product names, {} rejected (of {} read)",
                e.source,
                e.vintage,
                e.id,
                e.flow_rows,
                e.series_rows,
                e.product_rows,
                e.rejected_rows,
                rows_read
            ))
        }
        // Recognised by checksum: by `bilat_load::commit` before anything is written, or by the
        // warehouse under its lock when the same file was committed meanwhile.
        LoadOutcome::AlreadyImported { entry: e } => printer::note(&format!(
            "{} is already imported as {} ({} {}); nothing to do",
            args.path.display(),
            e.id,
            e.source,
            e.vintage
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
