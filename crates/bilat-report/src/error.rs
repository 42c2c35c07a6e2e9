//! Errors of the report crate.
//!
//! | variant | fault |
//! | --- | --- |
//! | `Template` | ours: a template file is malformed or uses a value the program does not give it |

/// An error rendering a report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A template file is malformed, lacks a key, or uses an unknown placeholder.
    #[error("template {file}:{line}: {message}")]
    Template {
        /// Template file name, e.g. `ru.txt`.
        file: String,
        /// Line in the file (0 when the problem is found while filling, not parsing).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// Whose fault: templates ship with the program, so a bad one is ours.
    pub fn fault(&self) -> bilat_model::Fault {
        bilat_model::Fault::Internal
    }
}

/// Result with the report [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
