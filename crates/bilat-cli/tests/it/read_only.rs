//! `bilat sql` and `bilat gravity --where` are read-only: a refused statement exits 1 and
//! writes nothing (issue 11).

use crate::common::{bilat, demo_warehouse};

#[test]
fn sql_refuses_writes_and_file_reads_with_exit_1() {
    let wh = demo_warehouse();
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("x.csv");
    let copy = format!("COPY flows TO '{}'", out_file.display());
    for sql in [
        copy.as_str(),
        "DROP TABLE flows",
        "CREATE VIEW v AS SELECT 1",
        "SET datafusion.execution.batch_size = 1",
        "SELECT 1; SELECT 2",
        "SELECT * FROM '/etc/passwd'",
    ] {
        let out = bilat(wh, &["sql", sql]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{sql}: {err}");
        assert!(err.contains("refused"), "{sql}: {err}");
        assert!(out.stdout.is_empty(), "{sql}");
    }
    assert!(!out_file.exists(), "COPY wrote {}", out_file.display());
    // The tables are intact.
    let out = bilat(
        wh,
        &[
            "sql",
            "SELECT count(*) > 0 AS ok FROM flows",
            "--format",
            "csv",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\ntrue\n");
}

#[test]
fn gravity_where_is_one_expression() {
    let wh = demo_warehouse();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.csv");
    std::fs::write(&data, "trade,exp,imp,year\n1,a,b,1\n2,b,a,1\n3,a,c,1\n").unwrap();
    let out = bilat(
        wh,
        &[
            "gravity",
            "--data",
            data.to_str().unwrap(),
            "--formula",
            "trade ~ 1 | exp",
            "--where",
            "1 = 1; DROP TABLE data",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("refused"), "{err}");
}
