//! The SQL entry points are read-only: one query over the warehouse tables, nothing that writes,
//! defines, sets or reads files (issue 11).

mod common;

use std::path::Path;

use bilat_warehouse::{Error, Warehouse, query_file};

fn warehouse(dir: &Path) -> Warehouse {
    let mut wh = Warehouse::open(dir).unwrap();
    wh.commit(common::full_import("a", 2019, 3)).unwrap();
    wh
}

/// Runs `sql` through `Warehouse::sql` and `QueryEngine::sql`; both must refuse it as read-only.
async fn check_refused(wh: &Warehouse, sql: &str) -> String {
    let err = wh.sql(sql).await.unwrap_err();
    assert!(
        matches!(err, Error::ReadOnly { .. }),
        "{sql}: expected ReadOnly, got {err}"
    );
    let engine = wh.engine().await.unwrap();
    let again = engine.sql(sql).await.unwrap_err();
    assert!(matches!(again, Error::ReadOnly { .. }), "{sql}: {again}");
    err.to_string()
}

#[tokio::test]
async fn queries_are_admitted() {
    let dir = tempfile::tempdir().unwrap();
    let wh = warehouse(dir.path());
    for sql in [
        "SELECT count(*) FROM flows",
        "select count(*) from flows;",
        "WITH t AS (SELECT exporter FROM flows) SELECT count(*) FROM t",
        "VALUES (1, 2)",
        "SELECT 1",
        "EXPLAIN SELECT * FROM pairs",
        "SELECT * FROM flows f JOIN products p ON f.product = p.code",
        "SELECT * FROM series WHERE value > (SELECT min(value) FROM series)",
        "SELECT table_name FROM information_schema.tables",
    ] {
        wh.sql(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql} was refused: {e}"));
    }
}

#[tokio::test]
async fn writes_definitions_and_settings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wh = warehouse(dir.path());
    let out = dir.path().join("copied.csv");
    let copy = format!("COPY flows TO '{}'", out.display());
    let copy_query = format!(
        "COPY (SELECT * FROM flows) TO '{}' STORED AS CSV",
        out.display()
    );
    let external = format!(
        "CREATE EXTERNAL TABLE x STORED AS CSV LOCATION '{}'",
        dir.path().display()
    );
    for sql in [
        copy.as_str(),
        copy_query.as_str(),
        external.as_str(),
        "DROP TABLE flows",
        "DROP VIEW flows",
        "CREATE TABLE t AS SELECT * FROM flows",
        "CREATE VIEW v AS SELECT * FROM flows",
        "INSERT INTO flows SELECT * FROM flows",
        "DELETE FROM flows",
        "UPDATE flows SET value_usd = 0",
        "SET datafusion.execution.batch_size = 1",
        "RESET datafusion.execution.batch_size",
        "SHOW TABLES",
        "SELECT * INTO t2 FROM flows",
        "EXPLAIN DROP TABLE flows",
        "PREPARE p AS SELECT 1",
    ] {
        let msg = check_refused(&wh, sql).await;
        assert!(msg.contains("refused"), "{msg}");
    }
    assert!(!out.exists(), "COPY wrote a file");
    // The tables are all still there.
    let n = wh.sql("SELECT count(*) AS n FROM flows").await.unwrap();
    assert_eq!(n[0].num_rows(), 1);
    assert_eq!(
        arrow::util::pretty::pretty_format_batches(&n)
            .unwrap()
            .to_string()
            .lines()
            .nth(3)
            .unwrap(),
        "| 3 |"
    );
}

#[tokio::test]
async fn several_statements_are_refused_even_if_each_is_a_query() {
    let dir = tempfile::tempdir().unwrap();
    let wh = warehouse(dir.path());
    let msg = check_refused(&wh, "SELECT 1; SELECT 2").await;
    assert!(msg.contains("2 statements"), "{msg}");
    check_refused(&wh, "SELECT 1; DROP TABLE flows").await;
}

#[tokio::test]
async fn files_and_table_functions_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let wh = warehouse(dir.path());
    let secret = dir.path().join("secret.csv");
    std::fs::write(&secret, "a,b\n1,2\n").unwrap();
    let quoted = format!("SELECT * FROM '{}'", secret.display());
    let parquet = wh.catalog().imports[0].files[0].path.clone();
    let parquet = format!("SELECT * FROM '{}'", dir.path().join(parquet).display());
    let read_csv = format!("SELECT * FROM read_csv('{}')", secret.display());
    let scan = format!("SELECT * FROM parquet_scan('{}')", secret.display());
    let nested = format!(
        "SELECT * FROM flows WHERE exporter IN (SELECT a FROM '{}')",
        secret.display()
    );
    for sql in [
        quoted.as_str(),
        parquet.as_str(),
        read_csv.as_str(),
        scan.as_str(),
        nested.as_str(),
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM generate_series(1, 3)",
        "SELECT * FROM other_catalog.public.flows",
    ] {
        let msg = check_refused(&wh, sql).await;
        assert!(msg.contains("not a table of the warehouse"), "{msg}");
    }
}

/// The guard is not the only wall: the session itself does not resolve file paths as tables
/// (DataFusion's `enable_url_table` is off), so even a plan built past the guard cannot read one.
#[tokio::test]
async fn the_session_does_not_resolve_url_tables() {
    let dir = tempfile::tempdir().unwrap();
    let wh = warehouse(dir.path());
    let secret = dir.path().join("secret.csv");
    std::fs::write(&secret, "a,b\n1,2\n").unwrap();
    let engine = wh.engine().await.unwrap();
    let raw = engine
        .context()
        .sql(&format!("SELECT * FROM '{}'", secret.display()))
        .await;
    let err = match raw {
        Ok(_) => panic!("a file path was resolved as a table"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("not found"), "{err}");
}

#[tokio::test]
async fn a_where_condition_is_one_expression() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.csv");
    std::fs::write(&data, "year,trade\n1990,1.5\n2000,2.5\n").unwrap();
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "x\n1\n").unwrap();
    let rows = |b: &[arrow::array::RecordBatch]| b.iter().map(|b| b.num_rows()).sum::<usize>();
    assert_eq!(
        rows(&query_file(&data, Some("year > 1995")).await.unwrap()),
        1
    );
    assert_eq!(
        rows(
            &query_file(&data, Some("year IN (SELECT max(year) FROM data)"))
                .await
                .unwrap()
        ),
        1
    );
    let sub = format!("year IN (SELECT x FROM '{}')", other.display());
    for condition in [
        "1 = 1; DROP TABLE data",
        "1 = 1; SELECT 1",
        "1 = 1) UNION (SELECT 1, 2",
        "true UNION SELECT 1, 2",
        sub.as_str(),
        "year IN (SELECT * FROM read_csv('/etc/passwd'))",
    ] {
        let err = query_file(&data, Some(condition)).await.unwrap_err();
        assert!(
            matches!(err, Error::ReadOnly { .. }),
            "{condition}: expected ReadOnly, got {err}"
        );
    }
}
