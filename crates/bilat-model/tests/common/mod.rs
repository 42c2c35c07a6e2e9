//! Helpers shared by the integration tests: where the shared reference data lives.

use std::path::PathBuf;

/// The shared data directory: `$BILAT_DATA`, else `<workspace>/../shared/data`.
///
/// Returns `None` when `$BILAT_DATA` is unset and the default directory does not exist (a
/// checkout without the shared data), so the data tests pass vacuously there. A `$BILAT_DATA`
/// that names no directory is a configuration error and fails the test.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("BILAT_DATA") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "BILAT_DATA={} is not a directory",
            dir.display()
        );
        return Some(dir);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    dir.is_dir().then_some(dir)
}
