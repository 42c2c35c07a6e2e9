//! The one error type of the readers, with the location of every fault.
//!
//! Variants are sorted by fault: first the input's (a bad file or row), then the machine's (I/O),
//! last ours (`Internal`). Every input fault names the file; row faults also name the 1-based line
//! and column, so a user can open the file at the spot.
//!
//! | variant | fault | location |
//! | --- | --- | --- |
//! | [`Error::Row`] | input: a field fails validation (bad number, unknown country, bad HS code, …) | path, line, column, column name |
//! | [`Error::DuplicateRow`] | input: the same key (period, countries, flow, product) twice | path, line, first line |
//! | [`Error::Header`] | input: the header is not a layout this reader knows (says which one it looks like) | path |
//! | [`Error::Empty`] | input: no header (zero bytes or only blank space) | path |
//! | [`Error::NoDataFiles`] | input: a folder or zip with no `.csv`/`.json` data file | path |
//! | [`Error::Encoding`] | input: bytes that are not UTF-8 | path, line |
//! | [`Error::NotText`] | input: UTF-16, gzip or binary bytes where a text file belongs | path |
//! | [`Error::LineEndings`] | input: a CSV whose lines end in CR only (classic Mac) | path |
//! | [`Error::Json`] | input: a JSON file that does not parse or has the wrong shape | path |
//! | [`Error::Zip`] | input: a zip archive that cannot be opened or read (truncated, damaged) | path |
//! | [`Error::ZipMember`] | input: a zip member bilat refuses: unsafe name, nested zip, over the size limit | path, member |
//! | [`Error::Io`] | machine: reading the file failed | path |
//! | [`Error::Internal`] | ours: building an Arrow batch failed (a bug) | — |

use std::path::PathBuf;

/// An error reading a source file. Display form of row faults: `path:line:column: reason (column 'v')`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field of a data row failed validation.
    #[error("{}:{line}:{column}: {reason}{}", path.display(),
        if column_name.is_empty() { String::new() } else { format!(" (column '{column_name}')") })]
    Row {
        /// File (for zip members: `archive.zip/member.csv`).
        path: PathBuf,
        /// 1-based line number in the file (the header is line 1).
        line: u64,
        /// 1-based column (field) number.
        column: usize,
        /// Name of the column as in the header.
        column_name: String,
        /// What is wrong, in words.
        reason: String,
    },
    /// Two rows share the key (period, exporter, importer, flow, revision, product).
    #[error("{}:{line}: duplicate row: same key as line {first_line}", path.display())]
    DuplicateRow {
        /// File holding the duplicate.
        path: PathBuf,
        /// 1-based line of the second occurrence.
        line: u64,
        /// 1-based line of the first occurrence.
        first_line: u64,
    },
    /// The header does not match a layout the reader knows.
    #[error("{}:1: unexpected header: expected {expected}, found {found:?}{}", path.display(),
        looks_like.map(|k| format!("; this looks like a {} file", k.name())).unwrap_or_default())]
    Header {
        /// The file.
        path: PathBuf,
        /// The layout(s) the reader accepts, in words.
        expected: String,
        /// The header line as found (at most 200 bytes).
        found: String,
        /// The reader whose layout the file has, when it is another one's.
        looks_like: Option<crate::SourceKind>,
    },
    /// The file has no header (zero bytes or only blank space).
    #[error("{}: empty input: no header and no rows", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A folder or zip archive without any `.csv` or `.json` file to read.
    #[error("{}: no data file: expected .csv or .json files in this folder or zip archive", path.display())]
    NoDataFiles {
        /// The folder or archive.
        path: PathBuf,
    },
    /// Bytes that are not text at all: UTF-16, compressed or binary data.
    #[error("{}: not a UTF-8 text file: {reason}", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// What the bytes are, and what to do (e.g. "it is UTF-16 …; re-save it as UTF-8").
        reason: String,
    },
    /// A CSV whose lines end in a carriage return only.
    #[error("{}:1: lines end in CR only (classic Mac line endings); re-save the file with LF or CRLF line endings", path.display())]
    LineEndings {
        /// The file.
        path: PathBuf,
    },
    /// Bytes that are not valid UTF-8.
    #[error("{}:{line}: invalid UTF-8 (re-save the file as UTF-8)", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// 1-based line containing the first invalid byte.
        line: u64,
    },
    /// A JSON file that does not parse or is not the expected shape.
    #[error("{}: invalid JSON: {reason}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// Parser message (with its own line and column) or the shape problem.
        reason: String,
    },
    /// A zip archive that cannot be opened or one of its members read.
    #[error("{}: unreadable zip archive (truncated or damaged? fetch it again): {source}", path.display())]
    Zip {
        /// The archive.
        path: PathBuf,
        /// The zip library's error.
        #[source]
        source: zip::result::ZipError,
    },
    /// A member of a zip archive that bilat refuses to read.
    #[error("{}: zip member {member:?}: {reason}", path.display())]
    ZipMember {
        /// The archive.
        path: PathBuf,
        /// The member's name as stored (at most 200 bytes).
        member: String,
        /// Why it is refused, and what to do.
        reason: String,
    },
    /// Reading from disk failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A bug in bilat-ingest (e.g. Arrow rejected a batch we built).
    #[error("internal error in bilat-ingest: {0}")]
    Internal(String),
}

impl Error {
    /// Whose fault: a bad file or row is the data's, a failed Arrow build is ours. An I/O error
    /// is the data's too (a file that cannot be read is not a mistake in the request).
    pub fn fault(&self) -> bilat_model::Fault {
        match self {
            Error::Internal(_) => bilat_model::Fault::Internal,
            _ => bilat_model::Fault::Data,
        }
    }

    /// Where the fault is: the file, and for row faults the 1-based line and column (a front end
    /// shows them as fields, e.g. a Python exception's `file`, `line`, `column`).
    pub fn location(&self) -> (Option<&std::path::Path>, Option<u64>, Option<usize>) {
        match self {
            Error::Row {
                path, line, column, ..
            } => (Some(path), Some(*line), Some(*column)),
            Error::DuplicateRow { path, line, .. } | Error::Encoding { path, line } => {
                (Some(path), Some(*line), None)
            }
            Error::Header { path, .. } | Error::LineEndings { path } => (Some(path), Some(1), None),
            Error::Empty { path }
            | Error::NoDataFiles { path }
            | Error::NotText { path, .. }
            | Error::Json { path, .. }
            | Error::Zip { path, .. }
            | Error::ZipMember { path, .. }
            | Error::Io { path, .. } => (Some(path), None, None),
            Error::Internal(_) => (None, None, None),
        }
    }

    /// Wraps an I/O error with the path it happened on.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<arrow::error::ArrowError> for Error {
    fn from(e: arrow::error::ArrowError) -> Self {
        Error::Internal(e.to_string())
    }
}

/// Result with the ingest [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
