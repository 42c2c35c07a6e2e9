//! Whose fault an error is, read once for every front end.
//!
//! Each library error enum of the workspace knows its [`Fault`] (`bilat_model::fault` has the
//! table). A front end holds an `anyhow` chain whose first library error decides: the CLI maps
//! it to an exit code, the server to an HTTP status, the Python package to an exception class.
//! This crate is the one place that knows the list of library errors, so the three cannot drift
//! apart (before it, the CLI and the Python package borrowed the server's reading and pulled the
//! whole HTTP stack into their builds). Hints stay with the front ends: they name a flag, an
//! endpoint or a method, which differ between the three.

use bilat_model::Fault;

/// The fault of one library error of the workspace, if `cause` is one.
pub fn fault_of(cause: &(dyn std::error::Error + 'static)) -> Option<Fault> {
    if let Some(e) = cause.downcast_ref::<bilat_model::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_analytics::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_warehouse::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_load::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_ingest::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_claims::Error>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_claims::FactsError>() {
        return Some(e.fault());
    }
    if let Some(e) = cause.downcast_ref::<bilat_report::Error>() {
        return Some(e.fault());
    }
    // A gravity fit the user specified: the estimator's complaints are the user's to fix
    // (a formula naming no column, a model that does not converge), unless an invariant broke.
    if let Some(e) = cause.downcast_ref::<bilat_gravity::Error>() {
        return Some(if e.is_internal() {
            Fault::Internal
        } else {
            Fault::User
        });
    }
    if let Some(e) = cause.downcast_ref::<bilat_params::ParamError>() {
        return Some(e.fault());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_country_under_context_is_the_users() {
        let err = "Belarsu"
            .parse::<bilat_model::Place>()
            .map(|_| ())
            .map_err(anyhow::Error::from)
            .expect_err("no such country");
        let err = err.context("reporter");
        assert_eq!(err.chain().find_map(fault_of), Some(Fault::User));
    }

    #[test]
    fn an_error_of_no_library_has_no_fault() {
        let err = anyhow::anyhow!("something odd");
        assert_eq!(err.chain().find_map(fault_of), None);
        let io = std::io::Error::other("disk");
        assert_eq!(fault_of(&io), None);
    }

    #[test]
    fn a_malformed_gravity_formula_is_the_users() {
        let e = bilat_gravity::Formula::parse("trade ~ ").expect_err("no regressors");
        assert_eq!(fault_of(&e), Some(Fault::User));
    }
}
