//! Runs the Python package's pytest suite (`tests/*.py`) as part of `cargo test --workspace`,
//! so the README's one test command covers the Python front end too.
//!
//! The interpreter is `$BILAT_PYTHON` (default `python3`) with `bilat` installed from this
//! checkout (`maturin develop` in `crates/bilat-py`) and pyfixest, the reference, beside it;
//! `.ci/run` builds exactly that venv. Without one the test says so and passes, unless
//! `BILAT_REQUIRE_PYTHON` is set (CI), where a missing environment is a failure.

use std::path::Path;
use std::process::Command;

#[test]
// The skip notice and pytest's summary line are for the person running the tests.
#[allow(clippy::print_stderr)]
fn pytest_suite_passes() {
    let python = std::env::var("BILAT_PYTHON").unwrap_or_else(|_| "python3".into());
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let probe = Command::new(&python)
        .args(["-c", "import bilat, pyfixest, pytest"])
        .current_dir(crate_dir)
        .output();
    let ready = matches!(&probe, Ok(o) if o.status.success());
    if !ready {
        let why = match &probe {
            Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
            Err(e) => e.to_string(),
        };
        assert!(
            std::env::var_os("BILAT_REQUIRE_PYTHON").is_none(),
            "{python} cannot import bilat, pyfixest and pytest ({why}); build the venv as .ci/run does"
        );
        eprintln!("skipping the Python tests: {python} lacks bilat/pyfixest/pytest ({why})");
        return;
    }
    let out = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        .current_dir(crate_dir)
        .output()
        .expect("pytest starts");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "pytest failed:\n{stdout}\n{stderr}");
    eprintln!("{}", stdout.lines().last().unwrap_or_default());
}
