//! Helpers of the analytics integration tests: real data, a demo warehouse, SQL sums.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bilat_warehouse::{InputRecord, NewImport, QueryEngine, Warehouse};

/// Root of the shared real datasets (`$BILAT_DATA`, else `<workspace>/../shared/data`).
pub fn data_dir() -> PathBuf {
    std::env::var_os("BILAT_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// Relative difference.
pub fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

/// The demo world committed once into a temporary warehouse.
pub fn demo_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let mut wh = Warehouse::open(d.path()).unwrap();
        let world = bilat_demo::generate();
        wh.commit(NewImport {
            source: bilat_demo::SOURCE.into(),
            vintage: bilat_demo::VINTAGE.into(),
            inputs: vec![InputRecord {
                path: "(generated)".into(),
                sha256: "demo".into(),
                bytes: 0,
            }],
            flows: world.flows,
            series: world.series,
            products: world.products,
            rejected_rows: 0,
        })
        .unwrap();
        d
    })
    .path()
}

/// Runs `f` with an engine over the demo warehouse.
pub fn with_demo<T>(f: impl AsyncFnOnce(&QueryEngine) -> T) -> T {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let wh = Warehouse::open(demo_dir()).unwrap();
        let engine = wh.engine().await.unwrap();
        f(&engine).await
    })
}

/// A single f64 from a SQL query whose result has one row and a column `v`.
pub async fn scalar(engine: &QueryEngine, sql: &str) -> f64 {
    let b = engine.sql(sql).await.unwrap();
    let c = arrow::compute::cast(
        b[0].column_by_name("v").unwrap(),
        &arrow::datatypes::DataType::Float64,
    )
    .unwrap();
    let a = c
        .as_any()
        .downcast_ref::<arrow::array::Float64Array>()
        .unwrap();
    a.value(0)
}

/// The demo's exporter-reported annual world matrix rows for `year` (the basis the analytics use).
pub fn demo_matrix(year: i32) -> String {
    format!(
        "source = 'demo' AND period_year = {year} AND period_month IS NULL AND reported_by = 'exporter' \
         AND trade_flow = 'X' AND exporter <> 0 AND importer <> 0"
    )
}
