//! Errors of the model crate: all of them are about what a user typed.
//!
//! | variant | fault |
//! | --- | --- |
//! | `UnknownCountry` | input: a name or code we cannot resolve (carries suggestions) |
//! | `InvalidMonths` | input: a month range such as `7-3` or `1-13` |
//! | `InvalidHsCode` | input: not a 2/4/6-digit HS code |
//! | `InvalidHsLevel` | input: an HS level other than 2, 4 or 6 |
//! | `InvalidChoice` | input: a word that is not one of a closed set (view, language) |
//!
//! Every variant is the user's fault ([`crate::Fault::User`]).

/// An error resolving user input into model values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text names no known country or group.
    #[error("unknown country or group {input:?}{}", did_you_mean(.suggestions))]
    UnknownCountry {
        /// What the user typed.
        input: String,
        /// Closest known names, best first (may be empty).
        suggestions: Vec<String>,
    },
    /// A month range that is not `M` or `M1-M2` with 1 ≤ M1 ≤ M2 ≤ 12.
    #[error("invalid month range {input:?}: expected M or M1-M2 with 1 <= M1 <= M2 <= 12")]
    InvalidMonths {
        /// What the user typed.
        input: String,
    },
    /// A product code that is not 2, 4 or 6 digits.
    #[error("invalid HS code {input:?}: expected 2, 4 or 6 digits")]
    InvalidHsCode {
        /// What the user typed.
        input: String,
    },
    /// An HS level that is not 2, 4 or 6.
    #[error("{input:?} is not an HS level; use 2, 4 or 6")]
    InvalidHsLevel {
        /// What the user typed.
        input: String,
    },
    /// A word outside a closed set, e.g. a view or a language.
    #[error("invalid {what} {input:?}: expected one of {expected}")]
    InvalidChoice {
        /// What was being chosen ("view", "language").
        what: &'static str,
        /// What the user typed.
        input: String,
        /// The accepted words, comma-separated.
        expected: &'static str,
    },
}

impl Error {
    /// Whose fault: always the user's, since the model only interprets what was typed.
    pub fn fault(&self) -> crate::Fault {
        crate::Fault::User
    }
}

fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// Result with the model [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
