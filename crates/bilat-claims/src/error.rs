//! Errors of the claims crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `Input` | input: text that cannot be read (e.g. not UTF-8) |
//! | `Facts` | data: the fact source failed (not "no data", which is a verdict) |

/// An error checking claims.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input cannot be read as text.
    #[error("{0}")]
    Input(String),
    /// The fact source failed.
    #[error(transparent)]
    Facts(#[from] crate::verify::FactsError),
}

impl Error {
    /// Whose fault: unreadable text is the user's; a failing fact source is the data's.
    pub fn fault(&self) -> bilat_model::Fault {
        match self {
            Error::Input(_) => bilat_model::Fault::User,
            Error::Facts(e) => e.fault(),
        }
    }
}

/// Result with the claims [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
