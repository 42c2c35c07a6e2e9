//! Exit codes and hints: usage errors exit 1 (not clap's 2, which the README gives data errors),
//! help exits 0, and each library fault maps to its code with a `hint:` line naming the flag.

use crate::common::{bilat, demo_warehouse, empty_warehouse};

fn code_and_stderr(args: &[&str]) -> (Option<i32>, String) {
    let wh = empty_warehouse();
    let out = bilat(wh.path(), args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn usage_errors_exit_1_and_help_exits_0() {
    for args in [
        &["profile", "BLR"][..],
        &["profile", "BLR", "KAZ", "--year", "2018", "--level", "5"],
        &["profile", "BLR", "KAZ", "--year", "2018", "--months", "7-3"],
        &["profile", "BLR", "KAZ", "--year", "twenty"],
        &["indicators", "BLR", "KAZ", "--year", "2018", "--level", "3"],
        &["no-such-command"],
    ] {
        let (code, err) = code_and_stderr(args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} says why");
    }
    let (code, _) = code_and_stderr(&["--help"]);
    assert_eq!(code, Some(0));
    let (code, err) = code_and_stderr(&["profile", "BLR", "KAZ", "--year", "2018", "--level", "5"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not an HS level; use 2, 4 or 6"), "{err}");
}

#[test]
fn faults_map_to_exit_codes_with_hints() {
    let wh = demo_warehouse();
    // An unknown country is the user's: 1, with a suggestion.
    let out = bilat(wh, &["profile", "Belarsu", "KAZ", "--year", "2018"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("country A") && err.contains("did you mean"),
        "{err}"
    );
    // A year the warehouse does not hold is the data's: 2, and the CLI says where to look.
    let out = bilat(wh, &["profile", "BLR", "KAZ", "--year", "1990"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no data: no goods flows between BLR and KAZ in 1990"),
        "{err}"
    );
    assert!(
        err.contains("hint: run `bilat catalog` to see what is loaded"),
        "{err}"
    );
    // SQL the engine rejects is the user's: 1, and its cause is printed.
    let out = bilat(wh, &["sql", "SELECT nosuchcolumn FROM flows"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("query failed") && err.contains("nosuchcolumn"),
        "{err}"
    );
}
