//! Helpers shared by the CLI tests: run `bilat`, find real data, a shared demo warehouse.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Root of the shared real datasets.
pub fn data_dir() -> PathBuf {
    std::env::var_os("BILAT_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// Runs `bilat --warehouse WH args…`.
pub fn bilat(wh: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilat"))
        .arg("--warehouse")
        .arg(wh)
        .args(args)
        .env_remove("BILAT_WAREHOUSE")
        .output()
        .expect("bilat runs")
}

/// Runs `bilat` and returns stdout, panicking with stderr when it fails.
pub fn ok(wh: &Path, args: &[&str]) -> String {
    let out = bilat(wh, args);
    assert!(
        out.status.success(),
        "bilat {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

/// Runs `bilat … --format json` and parses stdout.
pub fn json(wh: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&ok(wh, &a)).expect("json output")
}

/// One demo warehouse for all tests of this binary (built once, read-only afterwards).
pub fn demo_warehouse() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("tempdir");
        ok(d.path(), &["demo"]);
        d
    })
    .path()
}

/// A fresh empty warehouse directory.
pub fn empty_warehouse() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Asserts `a ≈ b` to `rel` relative tolerance.
#[track_caller]
pub fn close(a: f64, b: f64, rel: f64) {
    assert!(
        (a - b).abs() <= rel * b.abs().max(1.0),
        "{a} != {b} (rel {rel})"
    );
}

/// A field of a JSON object as f64.
#[track_caller]
pub fn num(v: &serde_json::Value, path: &str) -> f64 {
    let mut cur = v;
    for p in path.split('.') {
        cur = &cur[p];
    }
    cur.as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number: {cur}"))
}

/// The rows of a CSV file as column → text maps (a UTF-8 BOM before the first name dropped),
/// for tests that compute expected figures straight from the source files.
pub fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let head: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    r.records()
        .map(|rec| {
            head.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}
