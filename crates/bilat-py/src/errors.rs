//! Errors as Python exceptions: the workspace's one `Fault` picks the class (user → `UserError`,
//! data → `DataError`, internal → `InternalError`, all `BilatError`s), the message is the CLI's
//! (the whole cause chain), and a located input error carries `file`, `line` and `column`.
//! The `hint` names this package's methods and arguments, as the CLI's names its flags.

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
        .find_map(bilat_fault::fault_of)
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

/// What to do instead, in this package's words, for the errors whose fix is known.
fn hint(e: &anyhow::Error) -> Option<String> {
    e.chain().find_map(|cause| {
        if let Some(e) = cause.downcast_ref::<bilat_model::Error>() {
            return model_hint(e);
        }
        if let Some(e) = cause.downcast_ref::<bilat_analytics::Error>() {
            return analytics_hint(e);
        }
        if let Some(bilat_params::ParamError::Bad { hint, .. }) =
            cause.downcast_ref::<bilat_params::ParamError>()
        {
            return hint.clone();
        }
        if let Some(bilat_ingest::Error::Header {
            looks_like: Some(kind),
            ..
        }) = cause.downcast_ref::<bilat_ingest::Error>()
        {
            return Some(format!(
                "import it with Warehouse.import_{}(path)",
                kind.as_str()
            ));
        }
        match cause.downcast_ref::<bilat_warehouse::Error>()? {
            bilat_warehouse::Error::Locked { .. } => Some(
                "another import is writing this warehouse; retry after it (or set BILAT_LOCK_TIMEOUT, seconds)"
                    .into(),
            ),
            bilat_warehouse::Error::Damaged { .. } | bilat_warehouse::Error::Catalog { .. } => {
                Some("run `bilat verify` on the warehouse to list every damaged file".into())
            }
            _ => None,
        }
    })
}

fn model_hint(e: &bilat_model::Error) -> Option<String> {
    match e {
        bilat_model::Error::UnknownCountry { suggestions, .. } if !suggestions.is_empty() => {
            Some(format!("did you mean {}?", suggestions.join(", ")))
        }
        bilat_model::Error::UnknownCountry { .. } => Some(
            "give an ISO 3166 code (\"BLR\", \"112\"), an English or Russian name, or a group (\"EU\")"
                .into(),
        ),
        _ => None,
    }
}

fn analytics_hint(e: &bilat_analytics::Error) -> Option<String> {
    use bilat_analytics::{Error, Remedy};
    match e {
        Error::NoData {
            remedy: Some(remedy),
            ..
        } => Some(match remedy {
            Remedy::SeeCatalog => "Warehouse.catalog() shows what is loaded".into(),
            Remedy::OtherView(v) => format!("try view=\"{}\"", v.as_str()),
            Remedy::GravityDataset => {
                "import a world matrix (Warehouse.import_baci), or fit a gravity dataset with bilat.fepois(fml, data)".into()
            }
            _ => return None,
        }),
        _ => None,
    }
}
