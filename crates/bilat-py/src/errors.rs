//! Errors as Python exceptions: the workspace's one `Fault` picks the class (user → `UserError`,
//! data → `DataError`, internal → `InternalError`, all `BilatError`s), the message is the CLI's
//! (the whole cause chain), and a located input error carries `file`, `line` and `column`.

use bilat_model::Fault;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

pyo3::create_exception!(
    _bilat,
    BilatError,
    PyException,
    "Any error of bilat; `hint` says what to do, when known."
);
pyo3::create_exception!(
    _bilat,
    UserError,
    BilatError,
    "A mistake in what was asked: an unknown country, a bad year, a formula that does not parse, a column that is not there."
);
pyo3::create_exception!(
    _bilat,
    DataError,
    BilatError,
    "The data cannot answer: a malformed input file (with file, line, column), nothing loaded for the period, a damaged warehouse."
);
pyo3::create_exception!(
    _bilat,
    InternalError,
    BilatError,
    "A bug in bilat: please report it with the message."
);

/// The Python exception for an error of the workspace's libraries.
pub(crate) fn to_py(e: anyhow::Error) -> PyErr {
    let fault = e
        .chain()
        .find_map(bilat_server::error::fault_of)
        .unwrap_or(Fault::Internal);
    let message = format!("{e:#}");
    let err = match fault {
        Fault::User => UserError::new_err(message),
        Fault::Data => DataError::new_err(message),
        Fault::Internal => InternalError::new_err(message),
    };
    Python::attach(|py| {
        let value = err.value(py);
        let (file, line, column) = location(&e);
        // Attributes on a fresh exception object cannot fail; ignore the impossible error.
        let _ = value.setattr("fault", fault_name(fault));
        let _ = value.setattr("file", file);
        let _ = value.setattr("line", line);
        let _ = value.setattr("column", column);
        let _ = value.setattr("hint", hint(&e));
    });
    err
}

/// A gravity error: the estimator's complaints are the caller's to fix, unless an invariant broke.
pub(crate) fn gravity(e: bilat_gravity::Error) -> PyErr {
    to_py(anyhow::Error::new(e))
}

fn fault_name(f: Fault) -> &'static str {
    match f {
        Fault::User => "user",
        Fault::Data => "data",
        Fault::Internal => "internal",
    }
}

/// File, 1-based line and column of the first located input error in the chain.
fn location(e: &anyhow::Error) -> (Option<String>, Option<u64>, Option<usize>) {
    e.chain()
        .find_map(|c| c.downcast_ref::<bilat_ingest::Error>())
        .map(|ie| {
            let (path, line, column) = ie.location();
            (path.map(|p| p.display().to_string()), line, column)
        })
        .unwrap_or((None, None, None))
}

/// The server's hint for the error, if it has one (the same words the API sends).
fn hint(e: &anyhow::Error) -> Option<String> {
    bilat_server::error::ApiError::from_anyhow(e).hint
}
