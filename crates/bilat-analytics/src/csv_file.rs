//! The one reader of the CSV files analytics takes with `--data` (gravity datasets, country ×
//! product tables): columns found by any of their usual names, whatever the case, and every
//! error at `file:line:column`. One place, so every file reader recognises headers alike.

use std::fs::File;
use std::path::Path;

use crate::{Error, Result};

/// An open CSV file with its header read.
pub(crate) struct CsvFile {
    /// The path as errors show it.
    pub(crate) shown: String,
    /// The header, a byte-order mark and surrounding spaces removed, case kept (errors quote it).
    pub(crate) head: Vec<String>,
    reader: csv::Reader<File>,
}

/// The error at `line` (1 = the header; 0 = before any line) and `column` (1-based; 0 = the
/// whole line) of the file shown as `shown`.
pub(crate) fn bad_file(shown: &str, line: u64, column: usize, message: String) -> Error {
    Error::BadFile {
        path: shown.to_string(),
        line,
        column,
        message,
    }
}

impl CsvFile {
    /// Opens `path` and reads its header.
    pub(crate) fn open(path: &Path) -> Result<CsvFile> {
        let shown = path.display().to_string();
        let mut reader = csv::ReaderBuilder::new()
            .from_path(path)
            .map_err(|e| bad_file(&shown, 0, 0, e.to_string()))?;
        let head = reader
            .headers()
            .map_err(|e| bad_file(&shown, 1, 0, e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(CsvFile {
            shown,
            head,
            reader,
        })
    }

    /// The first of `names` the header has (ASCII case ignored), as a column index.
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.head.iter().position(|h| h.eq_ignore_ascii_case(n)))
    }

    /// Like [`CsvFile::find`], or the error "no `what` column (one of …)" at the header.
    pub(crate) fn need(&self, names: &[&str], what: &str) -> Result<usize> {
        self.find(names).ok_or_else(|| {
            self.bad(
                1,
                1,
                format!("no {what} column (one of {})", names.join(", ")),
            )
        })
    }

    /// An error in this file (see [`bad_file`]).
    pub(crate) fn bad(&self, line: u64, column: usize, message: String) -> Error {
        bad_file(&self.shown, line, column, message)
    }

    /// The data records with their line numbers; a malformed record is an error at its line.
    pub(crate) fn records(
        &mut self,
    ) -> impl Iterator<Item = Result<(u64, csv::StringRecord)>> + '_ {
        let shown = &self.shown;
        self.reader.records().map(move |rec| {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad_file(shown, line, 0, e.to_string())
            })?;
            Ok((rec.position().map_or(0, |p| p.line()), rec))
        })
    }
}
