//! Whose fault an error is, and what to type instead: the CLI's reading of library errors.
//!
//! Each library error knows its [`Fault`]; this module finds the first library error in an
//! `anyhow` chain and asks it. Hints name CLI flags, which the libraries never do (the same
//! error reaches the server and Python, where the flags do not exist).

use bilat_model::Fault;

/// The fault of the first library error in the chain; data when none is found (an I/O error of
/// the CLI itself, e.g. writing `--out`).
pub fn fault(err: &anyhow::Error) -> Fault {
    err.chain().find_map(fault_of).unwrap_or(Fault::Data)
}

fn fault_of(cause: &(dyn std::error::Error + 'static)) -> Option<Fault> {
    if cause.is::<crate::commands::UserError>() {
        return Some(Fault::User);
    }
    // One reading of every library error, shared with the server and the Python package.
    bilat_fault::fault_of(cause)
}

/// A `hint:` line for errors whose fix is a flag or command of this CLI.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(e) = cause.downcast_ref::<bilat_analytics::Error>() {
            return analytics_hint(e);
        }
        if let Some(bilat_ingest::Error::Header {
            looks_like: Some(kind),
            ..
        }) = cause.downcast_ref::<bilat_ingest::Error>()
        {
            return Some(format!(
                "import it with `bilat import {} PATH`",
                kind.as_str()
            ));
        }
        match cause.downcast_ref::<bilat_warehouse::Error>()? {
            bilat_warehouse::Error::Locked { .. } => Some(
                "another `bilat import` is writing this warehouse; run yours after it (or set BILAT_LOCK_TIMEOUT, seconds)"
                    .into(),
            ),
            bilat_warehouse::Error::Damaged { .. } => {
                Some("run `bilat verify` to list every damaged file".into())
            }
            _ => None,
        }
    })
}

fn analytics_hint(e: &bilat_analytics::Error) -> Option<String> {
    use bilat_analytics::{Error, Remedy};
    match e {
        Error::NoData {
            remedy: Some(remedy),
            ..
        } => Some(match remedy {
            Remedy::SeeCatalog => "run `bilat catalog` to see what is loaded".into(),
            Remedy::OtherView(v) => format!("try --view {}", v.as_str()),
            Remedy::GravityDataset => {
                "give a gravity dataset with --data FILE (one row per ordered pair)".into()
            }
            _ => return None,
        }),
        Error::MissingColumn { role, .. } => {
            let flag = match *role {
                "exporter" => "--exporter-col",
                "importer" => "--importer-col",
                "flow" => "--flow-col",
                "distance" => "--dist-col",
                "year" => "--year-col",
                _ => return None,
            };
            Some(format!("name the {role} column with {flag} NAME"))
        }
        _ => None,
    }
}
