//! The `pairs` table written at import equals its definition over `flows`, and warehouses written
//! before it existed (layout 1) get the same rows derived on the fly.

use arrow::array::RecordBatch;
use arrow::util::pretty::pretty_format_batches;
use bilat_warehouse::{CommitOutcome, NewImport, TableName, Warehouse};

const DEFINITION: &str = "SELECT source, vintage, period_year, period_month, exporter, importer, \
    reported_by, trade_flow, product_level, sum(value_usd) AS value_usd, count(*) AS rows \
    FROM flows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";
const ORDER: &str = "ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9";

fn text(b: &[RecordBatch]) -> String {
    pretty_format_batches(b).unwrap().to_string()
}

#[tokio::test]
async fn stored_pairs_equal_the_sum_of_flows_and_old_layouts_derive_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut wh = Warehouse::open(dir.path()).unwrap();
    let demo = bilat_demo::generate();
    let outcome = wh
        .commit(NewImport {
            source: "demo".into(),
            vintage: "t".into(),
            flows: demo.flows,
            ..NewImport::default()
        })
        .unwrap();
    let CommitOutcome::Committed(entry) = outcome else {
        panic!("expected a commit")
    };
    assert!(entry.files.iter().any(|f| f.table == TableName::Pairs));
    assert_eq!(wh.catalog().format, 2);

    let engine = wh.engine().await.unwrap();
    let stored = engine
        .sql(&format!("SELECT * FROM pairs {ORDER}"))
        .await
        .unwrap();
    let derived = engine.sql(&format!("{DEFINITION} {ORDER}")).await.unwrap();
    let rows: usize = stored.iter().map(RecordBatch::num_rows).sum();
    assert!(rows > 10_000, "{rows} pair rows");
    // Sums are of whole dollars in the demo, so the order of addition cannot change them.
    assert_eq!(text(&stored), text(&derived));

    // A layout-1 catalog (no pair files) answers from `flows` with the same rows.
    let catalog_path = dir.path().join("catalog.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&catalog_path).unwrap()).unwrap();
    json["format"] = 1.into();
    for import in json["imports"].as_array_mut().unwrap() {
        import["files"]
            .as_array_mut()
            .unwrap()
            .retain(|f| f["table"] != "pairs");
    }
    std::fs::write(&catalog_path, serde_json::to_vec(&json).unwrap()).unwrap();
    let old = Warehouse::open(dir.path()).unwrap();
    assert!(!old.catalog().pairs_complete());
    let from_old = old
        .engine()
        .await
        .unwrap()
        .sql(&format!("SELECT * FROM pairs {ORDER}"))
        .await
        .unwrap();
    assert_eq!(text(&stored), text(&from_old));
}
