//! Helpers shared by the integration tests: where the shared reference data lives.

use std::path::PathBuf;

/// The shared data directory: `$BILAT_DATA`, else `<workspace>/../shared/data`.
///
/// Returns `None` when the directory does not exist (a checkout without the shared data), so the
/// data tests pass vacuously there instead of failing.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("BILAT_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    };
    dir.is_dir().then_some(dir)
}
