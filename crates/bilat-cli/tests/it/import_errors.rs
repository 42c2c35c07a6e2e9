//! Bad input never changes the warehouse, and a killed import leaves it as it was (issue 2).

use std::path::Path;

use crate::common::{bilat, empty_warehouse, ok};

fn write(dir: &Path, name: &str, body: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.to_string_lossy().to_string()
}

/// Imports a good file, then a bad one; the bad import fails with a located error and the
/// catalog bytes do not change.
fn assert_rejected(bad: &[u8], expect: &str) {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let good = write(
        files.path(),
        "BACI_HS17_Y2019_V202401.csv",
        b"t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n",
    );
    ok(wh.path(), &["import", "baci", &good]);
    let before = std::fs::read(wh.path().join("catalog.json")).unwrap();
    let bad = write(files.path(), "BACI_HS17_Y2018_V202401.csv", bad);
    let out = bilat(wh.path(), &["import", "baci", &bad]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("BACI_HS17_Y2018_V202401.csv"),
        "error names the file: {err}"
    );
    assert!(err.contains(expect), "expected {expect:?} in: {err}");
    assert_eq!(
        before,
        std::fs::read(wh.path().join("catalog.json")).unwrap(),
        "catalog changed"
    );
}

#[test]
fn bad_number_is_located() {
    assert_rejected(
        b"t,i,j,k,v,q\n2018,112,398,870190,10.5,1\n2018,112,398,040210,abc,1\n",
        ":3:",
    );
}

#[test]
fn wrong_header_is_rejected() {
    assert_rejected(
        b"year,exp,imp,hs,value\n2018,112,398,870190,10.5\n",
        "header",
    );
}

#[test]
fn negative_value_is_rejected() {
    assert_rejected(b"t,i,j,k,v,q\n2018,112,398,870190,-10.5,1\n", ":2:");
}

#[test]
fn unknown_country_is_rejected() {
    assert_rejected(b"t,i,j,k,v,q\n2018,9999,398,870190,10.5,1\n", ":2:");
}

#[test]
fn empty_file_is_rejected() {
    assert_rejected(b"", "empty");
}

#[test]
fn lenient_mode_counts_and_writes_rejects() {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let f = write(
        files.path(),
        "BACI_HS17_Y2018_V202401.csv",
        b"t,i,j,k,v,q\n2018,112,398,870190,10.5,1\n2018,112,398,040210,abc,1\n2018,398,112,271019,3.25,\n",
    );
    let rejects = files.path().join("rejects.csv");
    let out = bilat(
        wh.path(),
        &[
            "import",
            "baci",
            &f,
            "--lenient",
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rej = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(rej.lines().count(), 2, "header + one rejected row: {rej}");
    assert!(rej.contains(",3,"), "line number 3 recorded: {rej}");
    let n = ok(
        wh.path(),
        &[
            "sql",
            "SELECT count(*) AS n, sum(value_usd) AS v FROM flows",
            "--format",
            "csv",
        ],
    );
    assert_eq!(n.lines().nth(1).unwrap(), "2,13750.0");
}

#[test]
fn reimport_is_a_noop() {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let f = write(
        files.path(),
        "BACI_HS17_Y2019_V202401.csv",
        b"t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n",
    );
    ok(wh.path(), &["import", "baci", &f]);
    let before = std::fs::read(wh.path().join("catalog.json")).unwrap();
    let out = bilat(wh.path(), &["import", "baci", &f]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already imported"));
    assert_eq!(
        before,
        std::fs::read(wh.path().join("catalog.json")).unwrap()
    );
}

#[test]
fn import_killed_before_the_catalog_swap_changes_nothing() {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let good = write(
        files.path(),
        "BACI_HS17_Y2019_V202401.csv",
        b"t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n",
    );
    ok(wh.path(), &["import", "baci", &good]);
    let before = std::fs::read(wh.path().join("catalog.json")).unwrap();
    let second = write(
        files.path(),
        "BACI_HS17_Y2018_V202401.csv",
        b"t,i,j,k,v,q\n2018,112,398,870190,99.5,1\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bilat"))
        .arg("--warehouse")
        .arg(wh.path())
        .args(["import", "baci", &second])
        .env("BILAT_FAULT_BEFORE_CATALOG", "1")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the fault hook aborts the process");
    assert_eq!(
        before,
        std::fs::read(wh.path().join("catalog.json")).unwrap()
    );
    let n = ok(
        wh.path(),
        &[
            "sql",
            "SELECT count(*) AS n, sum(value_usd) AS v FROM flows",
            "--format",
            "csv",
        ],
    );
    assert_eq!(n.lines().nth(1).unwrap(), "1,10500.0");
    // The next import cleans up and succeeds.
    ok(wh.path(), &["import", "baci", &second]);
    let n = ok(
        wh.path(),
        &["sql", "SELECT count(*) AS n FROM flows", "--format", "csv"],
    );
    assert_eq!(n.lines().nth(1).unwrap(), "2");
}

#[test]
fn import_killed_at_random_points_leaves_a_readable_warehouse() {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let good = write(
        files.path(),
        "BACI_HS17_Y2019_V202401.csv",
        b"t,i,j,k,v,q\n2019,112,398,870190,10.5,1\n",
    );
    ok(wh.path(), &["import", "baci", &good]);
    // A larger file so the import takes a while.
    let mut big = String::from("t,i,j,k,v,q\n");
    for n in 0..200_000u32 {
        big.push_str(&format!(
            "2018,112,398,{:06},{}.5,1\n",
            10_000 + n % 900_000,
            n % 1000
        ));
    }
    let big = write(files.path(), "BACI_HS17_Y2018_V202401.csv", big.as_bytes());
    for delay_ms in [5u64, 40, 150] {
        let before = std::fs::read(wh.path().join("catalog.json")).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bilat"))
            .arg("--warehouse")
            .arg(wh.path())
            .args(["import", "baci", &big])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let after = std::fs::read(wh.path().join("catalog.json")).unwrap();
        if !status.success() {
            assert_eq!(before, after, "a killed import must not change the catalog");
        }
        // Either way the warehouse answers.
        ok(wh.path(), &["sql", "SELECT count(*) FROM flows"]);
        if status.success() {
            break;
        }
    }
}
