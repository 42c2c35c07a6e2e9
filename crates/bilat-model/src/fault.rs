//! Whose fault an error is: the one classification every front end maps to its own codes.
//!
//! Each library error enum of the workspace has `fn fault(&self) -> Fault`. The CLI turns it into
//! an exit code, the HTTP server into a status, the Python package into an exception class, so
//! the three agree on what a user can fix and what is a bug without knowing each other's errors.
//!
//! | fault | meaning | CLI exit | HTTP status |
//! | --- | --- | --- | --- |
//! | [`Fault::User`] | the request is wrong: an unknown country, a bad option, SQL the engine rejects | 1 | 400 |
//! | [`Fault::Data`] | the request is fine but the data cannot answer it: a malformed file, nothing loaded for the period, a locked or damaged warehouse | 2 | 422 |
//! | [`Fault::Internal`] | a broken invariant: a bug in bilat | 2 | 500 |

use serde::Serialize;

/// Who can fix an error: the person asking, the data, or the developers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// What was asked cannot be answered as asked; the user can fix the request.
    User,
    /// The request is valid, but the data (a file, the warehouse) cannot answer it.
    Data,
    /// A bug in bilat: an invariant broke.
    Internal,
}

impl Fault {
    /// Lower-case name, used in JSON error bodies.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::User => "user",
            Fault::Data => "data",
            Fault::Internal => "internal",
        }
    }
}

/// An error and its sources as one line, `outer: inner: root`, for front ends that print or
/// send an error as text (a JSON body, a Python exception) rather than through `anyhow`'s `{:#}`.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !text.is_empty() && !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cur = s.source();
    }
    out
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
