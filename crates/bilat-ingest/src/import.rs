//! What a read returns ([`Import`]), how it treats bad rows ([`Mode`], [`ReadOptions`]) and the
//! record of a rejected row ([`Reject`]).
//!
//! Every reader funnels row faults through one [`Faults`] collector, so strict and lenient mode
//! behave the same in all of them: strict turns the first fault into [`Error::Row`] (or
//! [`Error::DuplicateRow`], [`Error::Encoding`]); lenient records a [`Reject`] and goes on.

use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;

use crate::{Error, InputFile, Result};

/// How a reader treats a row that fails validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The first bad row aborts the read with a located error (DESIGN §2 `--strict`, the default).
    #[default]
    Strict,
    /// Bad rows are recorded in [`Import::rejects`] with the same location and reason; good rows
    /// are kept (`--lenient`).
    Lenient,
}

/// Options of every `read_*` function.
///
/// | field | default | why |
/// | --- | --- | --- |
/// | `mode` | [`Mode::Strict`] | nothing is dropped silently unless the user asks |
/// | `progress` | `None` | libraries print nothing; the CLI passes a progress bar |
#[derive(Default, Clone, Copy)]
pub struct ReadOptions<'a> {
    /// Strict (abort on the first bad row) or lenient (collect rejects).
    pub mode: Mode,
    /// Called with `(bytes_done, bytes_total)` of the data files as parsing advances; may be called
    /// from several threads. Bytes are of the uncompressed data (zip members are counted inflated).
    pub progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
}

impl std::fmt::Debug for ReadOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOptions")
            .field("mode", &self.mode)
            .field("progress", &self.progress.map(|_| "Fn"))
            .finish()
    }
}

/// A row that failed validation in [`Mode::Lenient`], with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// File (for zip members: `archive.zip/member.csv`).
    pub path: PathBuf,
    /// 1-based line of the row (the header is line 1; for JSON: 1-based index of the record).
    pub line: u64,
    /// 1-based column of the first bad field; 0 when the fault is the whole row (duplicate,
    /// encoding, wrong number of fields).
    pub column: usize,
    /// Header name of that column; empty when `column` is 0.
    pub column_name: String,
    /// What is wrong, in words (the same text strict mode puts in [`Error::Row`]).
    pub reason: String,
    /// The row as found (lossily decoded as UTF-8, line terminator removed).
    pub raw: String,
}

/// The result of reading one input (a file, a folder of files or a release zip).
#[derive(Debug, Clone)]
pub struct Import {
    /// Dataset family: `baci`, `comtrade`, `ots` or `series`.
    pub source: String,
    /// Release of the data. BACI: the `V` release of the file name (e.g. `V202201`); Comtrade: the
    /// latest `last_modified`/`lastModified` date in the rows if the layout has one; otherwise
    /// `unversioned`. Also written in the `vintage` column of every batch.
    pub vintage: String,
    /// The files consumed, with checksums (the same list [`crate::fingerprint`] returns).
    pub files: Vec<InputFile>,
    /// Trade flows; schema [`bilat_model::flow_schema`].
    pub flows: Vec<RecordBatch>,
    /// Other indicators; schema [`bilat_model::series_schema`].
    pub series: Vec<RecordBatch>,
    /// Product names from the source's own dictionary; schema [`bilat_model::product_schema`].
    pub products: Vec<RecordBatch>,
    /// Data rows read: every non-blank line (or JSON record) after the header, including rejected
    /// and skipped rows.
    pub rows_read: u64,
    /// Rows left out by a documented rule, not because they are bad: Comtrade breakdown rows
    /// (partner2, mode of transport, customs procedure, mode of supply other than the total) and
    /// flows other than X, M, RX, RM; OTS zero or missing values. Counted here so nothing
    /// disappears silently.
    pub skipped: u64,
    /// Rows rejected in [`Mode::Lenient`] (always empty in strict mode).
    pub rejects: Vec<Reject>,
}

impl Import {
    /// Total rows in `flows`.
    pub fn flow_rows(&self) -> usize {
        self.flows.iter().map(RecordBatch::num_rows).sum()
    }

    /// Total rows in `series`.
    pub fn series_rows(&self) -> usize {
        self.series.iter().map(RecordBatch::num_rows).sum()
    }

    /// Total rows in `products`.
    pub fn product_rows(&self) -> usize {
        self.products.iter().map(RecordBatch::num_rows).sum()
    }
}

/// A fault in one field of a row, before it is given a file and line (what the row parsers return).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// 1-based column of the bad field; 0 for the whole row (e.g. wrong number of fields).
    pub column: usize,
    /// What is wrong, in words.
    pub reason: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "column {}: {}", self.column, self.reason)
    }
}

impl FieldError {
    /// A fault in 1-based `column` (0 = the whole row).
    pub fn new(column: usize, reason: impl Into<String>) -> Self {
        FieldError {
            column,
            reason: reason.into(),
        }
    }
}

/// Collects row faults of one file, strict or lenient.
pub(crate) struct Faults {
    pub path: PathBuf,
    pub mode: Mode,
    pub header: Vec<String>,
    pub rejects: Vec<Reject>,
}

impl Faults {
    pub(crate) fn new(path: &Path, mode: Mode, header: &[String]) -> Self {
        Faults {
            path: path.to_path_buf(),
            mode,
            header: header.to_vec(),
            rejects: Vec::new(),
        }
    }

    /// Records a fault at `line`: an error in strict mode, a reject in lenient mode.
    pub(crate) fn row(
        &mut self,
        line: u64,
        fault: FieldError,
        raw: impl FnOnce() -> String,
    ) -> Result<()> {
        let column_name = self.column_name(fault.column);
        match self.mode {
            Mode::Strict => Err(Error::Row {
                path: self.path.clone(),
                line,
                column: fault.column,
                column_name,
                reason: fault.reason,
            }),
            Mode::Lenient => {
                self.rejects.push(Reject {
                    path: self.path.clone(),
                    line,
                    column: fault.column,
                    column_name,
                    reason: fault.reason,
                    raw: raw(),
                });
                Ok(())
            }
        }
    }

    /// Records a duplicate key.
    pub(crate) fn duplicate(
        &mut self,
        line: u64,
        first_line: u64,
        raw: impl FnOnce() -> String,
    ) -> Result<()> {
        match self.mode {
            Mode::Strict => Err(Error::DuplicateRow {
                path: self.path.clone(),
                line,
                first_line,
            }),
            Mode::Lenient => {
                self.rejects.push(Reject {
                    path: self.path.clone(),
                    line,
                    column: 0,
                    column_name: String::new(),
                    reason: format!("duplicate row: same key as line {first_line}"),
                    raw: raw(),
                });
                Ok(())
            }
        }
    }

    /// Records a row with bytes that are not UTF-8.
    pub(crate) fn encoding(&mut self, line: u64, raw: impl FnOnce() -> String) -> Result<()> {
        match self.mode {
            Mode::Strict => Err(Error::Encoding {
                path: self.path.clone(),
                line,
            }),
            Mode::Lenient => {
                self.rejects.push(Reject {
                    path: self.path.clone(),
                    line,
                    column: 0,
                    column_name: String::new(),
                    reason: "invalid UTF-8".to_string(),
                    raw: raw(),
                });
                Ok(())
            }
        }
    }

    fn column_name(&self, column: usize) -> String {
        if column == 0 {
            String::new()
        } else {
            self.header.get(column - 1).cloned().unwrap_or_default()
        }
    }
}

/// A field quoted for a message: the text in `{:?}` form, cut after 40 characters with its size
/// (`"1111…" (10485760 bytes)`), so a 10 MB field gives a one-line error, not a 10 MB one.
pub(crate) fn shown(field: impl AsRef<[u8]>) -> String {
    const KEEP: usize = 40;
    let bytes = field.as_ref();
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text.chars().count() <= KEEP {
        return format!("{text:?}");
    }
    let head: String = text.chars().take(KEEP).collect();
    format!("\"{}…\" ({} bytes)", head.escape_debug(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn shown_cuts_long_fields() {
        assert_eq!(shown(" abc "), "\"abc\"");
        let long = "9".repeat(10_000);
        let s = shown(&long);
        assert!(s.len() < 80 && s.ends_with("(10000 bytes)"), "{s}");
    }
}
