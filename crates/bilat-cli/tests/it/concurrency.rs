//! Concurrent `bilat import`s into one warehouse all land, and concurrent readers (`sql`,
//! `profile`) always see a whole catalog (issue 11: an import could vanish from the catalog when
//! two started at the same moment).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};

use crate::common::{bilat, empty_warehouse, ok};

const IMPORTS: usize = 6;
const READERS: usize = 3;

/// Import `k` is a BACI year file (2010 + k) of 2^(k+1) rows: any row count seen names exactly
/// the set of imports behind it (the seed adds 1).
fn write_year(dir: &Path, k: usize) -> String {
    let year = 2010 + k;
    let mut body = String::from("t,i,j,k,v,q\n");
    for row in 0..(1usize << (k + 1)) {
        body.push_str(&format!("{year},112,398,{:06},1,1\n", 10_110 + row));
    }
    // HS07: the 2010s years must not predate the revision in the name.
    let p = dir.join(format!("BACI_HS07_Y{year}_V202401.csv"));
    std::fs::write(&p, body).unwrap();
    p.to_string_lossy().to_string()
}

fn flow_count(wh: &Path) -> Result<i64, String> {
    let out = bilat(
        wh,
        &["sql", "SELECT count(*) AS n FROM flows", "--format", "csv"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).to_string());
    }
    stdout
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| format!("unexpected output {stdout:?}"))
}

#[test]
fn concurrent_imports_all_land_and_readers_see_whole_catalogs() {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let seed = files.path().join("BACI_HS17_Y2019_V202401.csv");
    std::fs::write(&seed, "t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n").unwrap();
    ok(wh.path(), &["import", "baci", seed.to_str().unwrap()]);
    let inputs: Vec<String> = (0..IMPORTS).map(|k| write_year(files.path(), k)).collect();

    let root = wh.path().to_path_buf();
    let start = Arc::new(Barrier::new(IMPORTS + READERS));
    let done = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::<i64>::new()));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let readers: Vec<_> = (0..READERS)
        .map(|r| {
            let (root, start, done) = (root.clone(), start.clone(), done.clone());
            let (seen, errors) = (seen.clone(), errors.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut turn = r;
                while !done.load(Ordering::SeqCst) {
                    turn += 1;
                    if turn % 3 == 0 {
                        // The seed year never changes: the profile must always answer the same.
                        let out = bilat(
                            &root,
                            &[
                                "profile", "BLR", "KAZ", "--year", "2019", "--format", "json",
                            ],
                        );
                        if !out.status.success() {
                            errors
                                .lock()
                                .unwrap()
                                .push(String::from_utf8_lossy(&out.stderr).to_string());
                        }
                        continue;
                    }
                    match flow_count(&root) {
                        Ok(n) => seen.lock().unwrap().push(n),
                        Err(e) => errors.lock().unwrap().push(e),
                    }
                }
            })
        })
        .collect();
    let importers: Vec<_> = inputs
        .iter()
        .map(|input| {
            let (root, start, input) = (root.clone(), start.clone(), input.clone());
            std::thread::spawn(move || {
                start.wait();
                bilat(&root, &["import", "baci", &input])
            })
        })
        .collect();
    for (k, h) in importers.into_iter().enumerate() {
        let out = h.join().unwrap();
        assert!(
            out.status.success(),
            "import {k} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    done.store(true, Ordering::SeqCst);
    for r in readers {
        r.join().unwrap();
    }
    let errors = errors.lock().unwrap();
    assert!(errors.is_empty(), "readers failed: {errors:?}");

    let catalog: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("catalog.json")).unwrap()).unwrap();
    let imports = catalog["imports"].as_array().unwrap();
    assert_eq!(imports.len(), IMPORTS + 1, "every import is in the catalog");
    let mut ids: Vec<&str> = imports.iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), IMPORTS + 1, "each import exactly once");
    let mut prefixes = vec![];
    let mut sum = 0;
    for i in imports {
        sum += i["flow_rows"].as_i64().unwrap();
        prefixes.push(sum);
    }
    assert_eq!(sum, 1 + (0..IMPORTS).map(|k| 1i64 << (k + 1)).sum::<i64>());
    assert_eq!(flow_count(&root).unwrap(), sum);
    let seen = seen.lock().unwrap();
    assert!(!seen.is_empty());
    for n in seen.iter() {
        assert!(
            prefixes.contains(n),
            "a reader saw {n} rows, not a prefix of the commit order {prefixes:?}"
        );
    }
    assert!(!root.join("staging").exists(), "no staging left behind");
}
