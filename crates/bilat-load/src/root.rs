//! Where the warehouse is when the user names none: the same rule for every front end.

use std::path::PathBuf;

/// `$BILAT_WAREHOUSE`, else `$XDG_DATA_HOME/bilat`, else `~/.local/share/bilat`; `None` when
/// not even `$HOME` is set. (The CLI reads `$BILAT_WAREHOUSE` through its `--warehouse` flag;
/// the Python package's `Warehouse()` through this.)
pub fn default_root() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(w) = set("BILAT_WAREHOUSE") {
        return Some(PathBuf::from(w));
    }
    if let Some(x) = set("XDG_DATA_HOME") {
        return Some(PathBuf::from(x).join("bilat"));
    }
    set("HOME").map(|h| PathBuf::from(h).join(".local/share/bilat"))
}
