//! `bilat._bilat`, the extension module of the Python package `bilat`: a thin layer over the
//! workspace's crates. Gravity fits go to `bilat-gravity`, warehouse analyses build the
//! server's request types (`bilat_params::requests`) and render with the CLI's renderers, so a
//! result is the same document `bilat <command> --format json` prints. No analysis is written
//! here; the Python side (`python/bilat/`) shapes results into DataFrames and notebook HTML.
//!
//! ```text
//! frame.rs      Python data (Arrow PyCapsule stream, or a mapping of columns) → gravity Frame
//! fit.rs        fit(): formula, data, vcov, weights, offset → Fit (coefficients, fixef, predict)
//! warehouse.rs  Warehouse: imports, catalog, the analyses, check, SQL → pyarrow
//! errors.rs     the workspace's Fault → bilat.UserError / DataError / InternalError
//! ```
//!
//! The GIL is released while Rust computes (`Python::detach`), so other Python threads run.

use pyo3::prelude::*;

mod errors;
mod fit;
mod frame;
mod warehouse;

/// The module `bilat._bilat`.
#[pymodule]
fn _bilat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("BilatError", py.get_type::<errors::BilatError>())?;
    m.add("UserError", py.get_type::<errors::UserError>())?;
    m.add("DataError", py.get_type::<errors::DataError>())?;
    m.add("InternalError", py.get_type::<errors::InternalError>())?;
    m.add_function(wrap_pyfunction!(fit::fit, m)?)?;
    m.add_class::<fit::PyFit>()?;
    m.add_class::<warehouse::PyWarehouse>()?;
    Ok(())
}
