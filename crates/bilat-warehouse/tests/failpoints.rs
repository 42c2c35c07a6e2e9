//! Every commit step, failing, leaves the warehouse as it was, byte for byte; the same import
//! then succeeds (issue 11). Runs in every `cargo test`: the crate's dev-dependency on itself
//! turns on the `failpoints` feature, and each test checks its failpoint actually fired.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bilat_warehouse::{CommitOutcome, CommitStep, Error, Warehouse};

/// Every regular file under the warehouse root with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// A warehouse with one committed import of every table.
fn base() -> (tempfile::TempDir, Warehouse) {
    let dir = tempfile::tempdir().unwrap();
    let mut wh = Warehouse::open(dir.path()).unwrap();
    wh.commit(common::full_import("base", 2019, 3)).unwrap();
    (dir, wh)
}

/// Row counts of every table, as queries see them.
fn counts(root: &Path) -> Vec<i64> {
    ["flows", "pairs", "series", "products"]
        .iter()
        .map(|t| common::count(root, t))
        .collect()
}

/// Commits the `new` import with `actions` on `step`'s failpoint; returns the error.
fn fail_at(wh: &mut Warehouse, step: CommitStep, actions: &str) -> Error {
    fail::cfg(step.failpoint(), actions).unwrap();
    let result = wh.commit(common::full_import("new", 2018, 5));
    fail::remove(step.failpoint());
    result.expect_err(&format!("{step:?} with {actions} did not fail the commit"))
}

/// The failure at `step` named it, changed nothing, and a re-run goes through.
fn check_rolled_back(step: CommitStep, actions: &str, io_check: impl Fn(&std::io::Error)) {
    let (dir, mut wh) = base();
    let before = snapshot(dir.path());
    let counts_before = counts(dir.path());
    let err = fail_at(&mut wh, step, actions);
    match &err {
        Error::Commit {
            step: failed,
            source,
            ..
        } => {
            assert_eq!(*failed, step, "{err}");
            io_check(source);
        }
        other => panic!("{step:?}: expected Error::Commit, got {other}"),
    }
    assert!(err.to_string().contains("nothing was committed"), "{err}");
    assert_eq!(
        before,
        snapshot(dir.path()),
        "{step:?} ({actions}) changed the warehouse"
    );
    assert_eq!(counts_before, counts(dir.path()));
    let again = Warehouse::open(dir.path())
        .unwrap()
        .commit(common::full_import("new", 2018, 5))
        .unwrap();
    assert!(matches!(again, CommitOutcome::Committed(_)), "{step:?}");
    assert_eq!(counts(dir.path()), vec![8, 2, 2, 2]);
}

/// Every step but the last: an I/O error rolls the commit back.
#[test]
fn each_step_failing_changes_nothing_and_a_rerun_succeeds() {
    let _scenario = fail::FailScenario::setup();
    for step in CommitStep::ALL {
        if step == CommitStep::SyncRoot {
            continue;
        }
        check_rolled_back(step, "return", |_| {});
    }
}

/// A later occurrence of a repeated step: the second rename fails after the first file is
/// already in `data/`, the second directory fsync after the first.
#[test]
fn a_later_occurrence_failing_also_rolls_back() {
    let _scenario = fail::FailScenario::setup();
    for step in [
        CommitStep::MoveIntoData,
        CommitStep::SyncDataDirs,
        CommitStep::SyncFile,
    ] {
        check_rolled_back(step, "1*off->return(eio)", |e| {
            assert_eq!(e.raw_os_error(), Some(5))
        });
    }
}

/// A full disk and a failing disk at each step that writes or syncs: a clean error with the OS
/// error inside (through the Parquet writer too), nothing changed.
#[test]
fn disk_full_and_eio_fail_cleanly() {
    let _scenario = fail::FailScenario::setup();
    for step in [
        CommitStep::WriteFlows,
        CommitStep::WritePairs,
        CommitStep::WriteSeries,
        CommitStep::WriteProducts,
        CommitStep::WriteCatalog,
        CommitStep::CreateStaging,
    ] {
        check_rolled_back(step, "return(enospc)", |e| {
            assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
        });
    }
    for step in [
        CommitStep::SyncFile,
        CommitStep::SyncStaging,
        CommitStep::SyncDataDirs,
        CommitStep::SyncCatalog,
        CommitStep::RenameCatalog,
    ] {
        check_rolled_back(step, "return(eio)", |e| {
            assert_eq!(e.raw_os_error(), Some(5), "{e}");
        });
    }
}

/// The fsync of the root comes after the catalog swap: the import is in force (and said to be),
/// its files all there, and a re-run finds it imported.
#[test]
fn a_failed_root_fsync_reports_a_committed_import() {
    let _scenario = fail::FailScenario::setup();
    let (dir, mut wh) = base();
    let err = fail_at(&mut wh, CommitStep::SyncRoot, "return(eio)");
    assert!(
        matches!(
            err,
            Error::Commit {
                step: CommitStep::SyncRoot,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("committed"), "{err}");
    assert_eq!(counts(dir.path()), vec![8, 2, 2, 2]);
    let again = Warehouse::open(dir.path())
        .unwrap()
        .commit(common::full_import("new", 2018, 5))
        .unwrap();
    assert!(matches!(again, CommitOutcome::AlreadyImported(_)));
}

/// A commit that dies mid-way (a panic here, like a kill) leaves unlisted files in `data/` and
/// `staging/`: invisible to queries, and removed by the next import.
#[test]
fn leftovers_of_a_dead_commit_are_invisible_and_cleaned_by_the_next() {
    let _scenario = fail::FailScenario::setup();
    let (dir, mut wh) = base();
    let catalog = std::fs::read(dir.path().join("catalog.json")).unwrap();
    let counts_before = counts(dir.path());
    fail::cfg(CommitStep::WriteCatalog.failpoint(), "panic").unwrap();
    let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wh.commit(common::full_import("new", 2018, 5))
    }));
    fail::remove(CommitStep::WriteCatalog.failpoint());
    assert!(died.is_err(), "the failpoint panics");
    let after = snapshot(dir.path());
    assert!(
        after
            .keys()
            .any(|p| p.starts_with("data") && p.to_string_lossy().contains("year=2018")),
        "the dead commit had moved its files into data/"
    );
    assert!(
        after
            .keys()
            .any(|p| p.to_string_lossy().starts_with("catalog.json.tmp-")),
        "the dead commit had begun its catalog"
    );
    assert_eq!(
        catalog,
        std::fs::read(dir.path().join("catalog.json")).unwrap()
    );
    assert_eq!(counts_before, counts(dir.path()), "leftovers are invisible");

    let mut wh = Warehouse::open(dir.path()).unwrap();
    wh.commit(common::full_import("other", 2017, 7)).unwrap();
    let listed: Vec<PathBuf> = wh
        .catalog()
        .imports
        .iter()
        .flat_map(|i| i.files.iter().map(|f| PathBuf::from(&f.path)))
        .collect();
    let data: Vec<PathBuf> = snapshot(dir.path())
        .into_keys()
        .filter(|p| !p.starts_with("catalog.json") && !p.starts_with(".lock"))
        .collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(data, listed_sorted, "only the catalog's files remain");
    wh.commit(common::full_import("new", 2018, 5)).unwrap();
    assert_eq!(counts(dir.path()), vec![15, 3, 3, 3]);
}

/// Power-loss ordering: files are written and fsynced, then moved, then their directories
/// fsynced, then the catalog temp file written and fsynced, renamed, and the root fsynced.
#[test]
fn steps_run_in_the_order_a_crash_needs() {
    let _scenario = fail::FailScenario::setup();
    let (_dir, mut wh) = base();
    let order = Arc::new(Mutex::new(Vec::<CommitStep>::new()));
    for step in CommitStep::ALL {
        let order = order.clone();
        fail::cfg_callback(step.failpoint(), move || order.lock().unwrap().push(step)).unwrap();
    }
    wh.commit(common::full_import("new", 2018, 5)).unwrap();
    for step in CommitStep::ALL {
        fail::remove(step.failpoint());
    }
    let order = order.lock().unwrap().clone();
    let first = |s: CommitStep| order.iter().position(|x| *x == s).expect("step ran");
    let last = |s: CommitStep| order.iter().rposition(|x| *x == s).expect("step ran");
    for s in CommitStep::ALL {
        first(s);
    }
    let writes = [
        CommitStep::WriteFlows,
        CommitStep::WritePairs,
        CommitStep::WriteSeries,
        CommitStep::WriteProducts,
    ];
    let last_write = writes.iter().map(|s| last(*s)).max().unwrap();
    assert_eq!(first(CommitStep::CreateStaging), 0);
    // Each file is fsynced after it is written, all before anything is moved.
    assert!(
        order.iter().filter(|s| **s == CommitStep::SyncFile).count() >= writes.len(),
        "{order:?}"
    );
    assert!(last_write < last(CommitStep::SyncFile));
    assert!(last(CommitStep::SyncFile) < first(CommitStep::SyncStaging));
    assert!(last(CommitStep::SyncStaging) < first(CommitStep::MoveIntoData));
    assert!(last(CommitStep::MoveIntoData) < first(CommitStep::SyncDataDirs));
    // The catalog is written only once every moved name is durable.
    assert!(last(CommitStep::SyncDataDirs) < first(CommitStep::WriteCatalog));
    assert!(last(CommitStep::WriteCatalog) < first(CommitStep::SyncCatalog));
    assert!(last(CommitStep::SyncCatalog) < first(CommitStep::RenameCatalog));
    assert!(last(CommitStep::RenameCatalog) < first(CommitStep::SyncRoot));
    assert_eq!(last(CommitStep::SyncRoot), order.len() - 1);
}
