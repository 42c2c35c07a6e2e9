//! Read, then commit: the two steps of an import, split so a front end can show progress
//! between them (a progress bar while reading, a spinner while writing).

use std::io::Write;
use std::path::{Path, PathBuf};

use bilat_ingest::{Import, ReadOptions, SourceKind};
use bilat_warehouse::{
    CommitOptions, CommitOutcome, ImportEntry, InputRecord, NewImport, Warehouse,
};

use crate::{Error, Result};

/// The source kind named by `s` (`baci`, `comtrade`, `ots`, `series`, any case), as the CLI's
/// `import KIND`, the server's `/import/{kind}` and Python's `import_*` name it.
pub fn source_kind(s: &str) -> Result<SourceKind> {
    match s.trim().to_ascii_lowercase().as_str() {
        "baci" => Ok(SourceKind::Baci),
        "comtrade" => Ok(SourceKind::Comtrade),
        "ots" => Ok(SourceKind::Ots),
        "series" => Ok(SourceKind::Series),
        _ => Err(Error::UnknownKind {
            input: s.to_string(),
        }),
    }
}

/// Reads `path` with the reader of `kind`; the inputs are hashed while they are parsed.
pub fn read(kind: SourceKind, path: &Path, opts: &ReadOptions<'_>) -> Result<Import> {
    let read = match kind {
        SourceKind::Baci => bilat_ingest::read_baci(path, opts),
        SourceKind::Comtrade => bilat_ingest::read_comtrade(path, opts),
        SourceKind::Ots => bilat_ingest::read_ots(path, opts),
        SourceKind::Series => bilat_ingest::read_series(path, opts),
    };
    read.map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Where the rejected rows of a lenient read were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejects {
    /// The rejects CSV.
    pub path: PathBuf,
    /// Rows in it.
    pub rows: usize,
}

/// What an import did.
#[derive(Debug, Clone)]
pub enum LoadOutcome {
    /// The import was committed.
    Committed {
        /// Its catalog entry.
        entry: ImportEntry,
        /// Data rows read (including rejected and skipped rows).
        rows_read: u64,
        /// The rejects file, when a lenient read rejected rows.
        rejects: Option<Rejects>,
    },
    /// The same inputs (by checksum) were imported before; nothing was written.
    AlreadyImported {
        /// The earlier import.
        entry: ImportEntry,
    },
}

impl LoadOutcome {
    /// The catalog entry of the new or the earlier import.
    pub fn entry(&self) -> &ImportEntry {
        match self {
            LoadOutcome::Committed { entry, .. } | LoadOutcome::AlreadyImported { entry } => entry,
        }
    }
}

/// Commits what [`read`] produced. Rejected rows, if any, go to `rejects_path` (usually
/// [`default_rejects_path`] of the input given) before the commit, so they are kept even if the
/// commit fails. Inputs imported before are recognised by their checksums and nothing is written;
/// an input with no row to store is [`Error::NothingToImport`].
/// Concurrent imports wait for each other as `opts` says (`CommitOptions::default()`: up to 10
/// minutes, silently).
pub fn commit(
    wh: &mut Warehouse,
    data: Import,
    rejects_path: &Path,
    opts: &CommitOptions<'_>,
) -> Result<LoadOutcome> {
    let sums: Vec<String> = data.files.iter().map(|i| i.sha256.clone()).collect();
    if let Some(found) = wh.catalog().find_by_inputs(&sums) {
        return Ok(LoadOutcome::AlreadyImported {
            entry: found.clone(),
        });
    }
    let rejects = if data.rejects.is_empty() {
        None
    } else {
        let path = rejects_path.to_path_buf();
        write_rejects(&path, &data.rejects).map_err(|source| Error::Rejects {
            path: path.clone(),
            source,
        })?;
        Some(Rejects {
            path,
            rows: data.rejects.len(),
        })
    };
    let rows_read = data.rows_read;
    if data.flow_rows() + data.series_rows() + data.product_rows() == 0 {
        return Err(Error::NothingToImport {
            path: data
                .files
                .first()
                .map(|f| f.path.clone())
                .unwrap_or_default(),
            rows_read,
            rejected: data.rejects.len(),
            skipped: data.skipped,
        });
    }
    Ok(match wh.commit_with(to_new_import(data), opts)? {
        CommitOutcome::Committed(entry) => LoadOutcome::Committed {
            entry,
            rows_read,
            rejects,
        },
        CommitOutcome::AlreadyImported(entry) => LoadOutcome::AlreadyImported { entry },
    })
}

/// `<warehouse>/rejects/<input file name>.rejects.csv`.
pub fn default_rejects_path(root: &Path, input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map_or_else(|| "input".into(), |n| n.to_string_lossy().to_string());
    root.join("rejects").join(format!("{name}.rejects.csv"))
}

/// The rejects CSV: `file,line,column,column_name,reason,raw`, every text field quoted.
fn write_rejects(path: &Path, rejects: &[bilat_ingest::Reject]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(f, "file,line,column,column_name,reason,raw")?;
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for r in rejects {
        writeln!(
            f,
            "{},{},{},{},{},{}",
            q(&r.path.display().to_string()),
            r.line,
            r.column,
            q(&r.column_name),
            q(&r.reason),
            q(&r.raw)
        )?;
    }
    f.flush()
}

/// What the reader produced, as the warehouse takes it (the wiring between the two crates).
pub fn to_new_import(data: Import) -> NewImport {
    NewImport {
        inputs: data
            .files
            .iter()
            .map(|f| InputRecord {
                path: f.path.display().to_string(),
                sha256: f.sha256.clone(),
                bytes: f.bytes,
            })
            .collect(),
        rejected_rows: data.rejects.len() as u64,
        source: data.source,
        vintage: data.vintage,
        flows: data.flows,
        series: data.series,
        products: data.products,
    }
}

/// Commits the generated demo world; a stable pseudo-input makes it idempotent.
pub fn load_demo(wh: &mut Warehouse) -> Result<CommitOutcome> {
    let world = bilat_demo::generate();
    Ok(wh.commit(NewImport {
        source: bilat_demo::SOURCE.to_string(),
        vintage: bilat_demo::VINTAGE.to_string(),
        inputs: vec![InputRecord {
            path: format!("(generated: {})", bilat_demo::LABEL),
            sha256: format!("demo-{}", bilat_demo::VINTAGE),
            bytes: 0,
        }],
        flows: world.flows,
        series: world.series,
        products: world.products,
        rejected_rows: 0,
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_kinds_parse_in_any_case_and_name_the_choices() {
        assert_eq!(source_kind("BACI").unwrap(), SourceKind::Baci);
        assert_eq!(source_kind(" ots ").unwrap(), SourceKind::Ots);
        let e = source_kind("wits").unwrap_err();
        assert!(e.to_string().contains("baci, comtrade, ots or series"));
        assert_eq!(e.fault(), bilat_model::Fault::User);
    }

    #[test]
    fn rejects_default_next_to_the_warehouse() {
        let p = default_rejects_path(Path::new("/wh"), Path::new("/data/x.csv"));
        assert_eq!(p, Path::new("/wh/rejects/x.csv.rejects.csv"));
    }
}
