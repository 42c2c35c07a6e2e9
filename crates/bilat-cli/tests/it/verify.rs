//! `bilat verify`, and what every command says about a damaged warehouse: the file or catalog
//! named, exit code 2, no panic and no silently wrong number (issue 11).

use std::path::Path;

use crate::common::{bilat, empty_warehouse, ok};

/// A warehouse with one small BACI import.
fn small_warehouse() -> tempfile::TempDir {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let f = files.path().join("BACI_HS17_Y2019_V202401.csv");
    std::fs::write(
        &f,
        "t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n2019,398,112,271019,3.25,2\n",
    )
    .unwrap();
    ok(wh.path(), &["import", "baci", f.to_str().unwrap()]);
    wh
}

/// The catalogued path of the first file of `table`.
fn file_of(wh: &Path, table: &str) -> String {
    let cat: serde_json::Value =
        serde_json::from_slice(&std::fs::read(wh.join("catalog.json")).unwrap()).unwrap();
    cat["imports"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["table"] == table)
        .unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_clean_warehouse_verifies_in_one_line() {
    let wh = small_warehouse();
    let out = ok(wh.path(), &["verify"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("ok: 2 files, "), "{out}");
    let json = crate::common::json(wh.path(), &["verify"]);
    assert_eq!(json["ok"], true);
    assert_eq!(json["files"].as_array().unwrap().len(), 2);
    let rows: u64 = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(json["rows"], rows);
    assert!(json["files"][0]["problems"].as_array().unwrap().is_empty());
}

#[test]
fn missing_truncated_and_altered_files_are_listed_with_exit_2() {
    let wh = small_warehouse();
    let flows = file_of(wh.path(), "flows");
    let pairs = file_of(wh.path(), "pairs");
    let bytes = std::fs::read(wh.path().join(&flows)).unwrap();
    // Altered in place: same size, one byte flipped in the middle.
    let mut altered = bytes.clone();
    let mid = altered.len() / 2;
    altered[mid] ^= 0xff;
    std::fs::write(wh.path().join(&flows), &altered).unwrap();
    let out = bilat(wh.path(), &["verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains(&flows) && stdout.contains("altered"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint:"));

    // Truncated.
    std::fs::write(wh.path().join(&flows), &bytes[..bytes.len() / 2]).unwrap();
    // Missing.
    std::fs::remove_file(wh.path().join(&pairs)).unwrap();
    let out = bilat(wh.path(), &["verify", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let kinds = |path: &str| -> Vec<String> {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap()["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds(&pairs), vec!["missing"]);
    let k = kinds(&flows);
    assert!(
        k.contains(&"size".to_string()) && k.contains(&"not_parquet".to_string()),
        "{k:?}"
    );
}

/// `profile` and `sql` on a truncated file, then a missing one: the file named, exit 2.
#[test]
fn queries_over_a_damaged_file_name_it() {
    let wh = small_warehouse();
    let flows = file_of(wh.path(), "flows");
    let full = wh.path().join(&flows);
    let bytes = std::fs::read(&full).unwrap();
    std::fs::write(&full, &bytes[..bytes.len() - 10]).unwrap();
    for args in [
        &["sql", "SELECT count(*) FROM flows"][..],
        &["profile", "BLR", "KAZ", "--year", "2019"][..],
    ] {
        let out = bilat(wh.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&flows) && err.contains("damaged"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    std::fs::remove_file(&full).unwrap();
    let out = bilat(wh.path(), &["sql", "SELECT count(*) FROM flows"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&flows) && err.contains("missing"), "{err}");
}

/// A garbage or truncated catalog: every command names `catalog.json`, exit 2.
#[test]
fn a_garbage_catalog_is_named() {
    let wh = small_warehouse();
    let catalog = wh.path().join("catalog.json");
    let good = std::fs::read(&catalog).unwrap();
    for garbage in [
        &b"\x00\x01garbage"[..],
        &good[..good.len() / 2],
        b"{\"format\": 2}",
    ] {
        std::fs::write(&catalog, garbage).unwrap();
        for args in [
            &["sql", "SELECT count(*) FROM flows"][..],
            &["profile", "BLR", "KAZ", "--year", "2019"][..],
            &["verify"][..],
            &["catalog"][..],
        ] {
            let out = bilat(wh.path(), args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("catalog.json"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}
