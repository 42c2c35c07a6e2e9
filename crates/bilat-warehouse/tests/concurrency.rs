//! Concurrent commits serialize on the warehouse lock and none is lost; readers never block and
//! always see a whole catalog (issue 11).

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use bilat_warehouse::{CommitOptions, CommitOutcome, Error, Warehouse};

/// Import `k` has 2^(k+1) rows, so any sum of imports (plus the 1-row seed) names exactly which
/// imports it contains.
fn rows_of(k: usize) -> usize {
    1 << (k + 1)
}

#[test]
fn concurrent_commits_are_all_kept_and_readers_see_prefixes() {
    const WRITERS: usize = 6;
    const READERS: usize = 3;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    Warehouse::open(&root)
        .unwrap()
        .commit(common::import("seed", 2019, 1))
        .unwrap();

    let start = Arc::new(Barrier::new(WRITERS + READERS));
    let done = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::<i64>::new()));
    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let (root, start, done, seen) =
                (root.clone(), start.clone(), done.clone(), seen.clone());
            std::thread::spawn(move || {
                start.wait();
                while !done.load(Ordering::SeqCst) {
                    let n = common::count(&root, "flows");
                    seen.lock().unwrap().push(n);
                }
            })
        })
        .collect();
    let writers: Vec<_> = (0..WRITERS)
        .map(|k| {
            let (root, start) = (root.clone(), start.clone());
            std::thread::spawn(move || {
                let mut wh = Warehouse::open(&root).unwrap();
                start.wait();
                wh.commit(common::import(
                    &format!("w{k}"),
                    2010 + k as i32,
                    rows_of(k),
                ))
                .unwrap()
            })
        })
        .collect();
    for w in writers {
        assert!(matches!(w.join().unwrap(), CommitOutcome::Committed(_)));
    }
    done.store(true, Ordering::SeqCst);
    for r in readers {
        r.join().unwrap();
    }

    let wh = Warehouse::open(&root).unwrap();
    let imports = &wh.catalog().imports;
    assert_eq!(imports.len(), WRITERS + 1, "every import is in the catalog");
    let mut ids: Vec<&str> = imports.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), WRITERS + 1, "each import exactly once");
    assert_eq!(wh.catalog().generation, WRITERS as u64 + 1);
    let total: usize = 1 + (0..WRITERS).map(rows_of).sum::<usize>();
    assert_eq!(common::count(&root, "flows"), total as i64);
    assert_eq!(common::count(&root, "pairs"), WRITERS as i64 + 1);

    // Every count a reader saw is the seed plus a prefix of the commit order.
    let mut prefix = vec![];
    let mut sum = 0u64;
    for i in imports {
        sum += i.flow_rows;
        prefix.push(sum as i64);
    }
    let seen = seen.lock().unwrap();
    assert!(!seen.is_empty());
    for n in seen.iter() {
        assert!(
            prefix.contains(n),
            "a reader saw {n} rows, not a prefix of {prefix:?}"
        );
    }
    // Nothing is left behind: staging is gone and data/ holds exactly the catalog's files.
    assert!(!root.join("staging").exists());
    let mut on_disk = vec![];
    let mut stack = vec![root.join("data")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                on_disk.push(e.path());
            }
        }
    }
    let listed: usize = imports.iter().map(|i| i.files.len()).sum();
    assert_eq!(on_disk.len(), listed);
}

#[test]
fn a_held_lock_makes_the_commit_wait_then_fail_with_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let mut wh = Warehouse::open(dir.path()).unwrap();
    wh.commit(common::import("first", 2019, 1)).unwrap();
    let before = std::fs::read(dir.path().join("catalog.json")).unwrap();

    // Hold the lock the way a running import does: an OS lock on `.lock` with a pid in it.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(".lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(dir.path().join(".lock"), "4242").unwrap();

    let waited = Mutex::new(vec![]);
    let on_wait = |pid: Option<u32>| waited.lock().unwrap().push(pid);
    let opts = CommitOptions {
        lock_timeout: Duration::from_millis(300),
        on_lock_wait: Some(&on_wait),
    };
    let err = wh
        .commit_with(common::import("second", 2018, 2), &opts)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Locked { pid, .. } if pid == "4242"),
        "{err}"
    );
    assert_eq!(*waited.lock().unwrap(), vec![Some(4242)]);
    assert_eq!(
        before,
        std::fs::read(dir.path().join("catalog.json")).unwrap()
    );

    // Released (as when the holder exits, however it dies): the same commit goes through, and
    // the lock file stays in place for the next one.
    lock.unlock().unwrap();
    drop(lock);
    let out = wh
        .commit_with(common::import("second", 2018, 2), &opts)
        .unwrap();
    assert!(matches!(out, CommitOutcome::Committed(_)));
    assert!(dir.path().join(".lock").exists());
    assert_eq!(common::count(dir.path(), "flows"), 3);
}
