//! Helpers shared by the integration tests: where the shared reference data lives.

use std::path::PathBuf;

/// The shared data directory: `$BILAT_DATA`, else `<workspace>/../shared/data`. The data
/// are required: a missing directory fails the test rather than passing it vacuously.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("BILAT_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.is_dir(),
        "shared data not found at {} (set BILAT_DATA)",
        dir.display()
    );
    dir
}
