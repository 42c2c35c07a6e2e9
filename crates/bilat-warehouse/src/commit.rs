//! Atomic commit of an import: staging, fsync, move, catalog swap.
//!
//! ```text
//! lock ─▶ reload catalog ─▶ same inputs? ─yes─▶ no-op
//!                               │no
//!                               ▼
//! staging/<id>/*.parquet (clustered, fsynced) ─▶ rename into data/ ─▶ catalog.json.tmp ─▶ rename
//! ```
//! Until the final rename the old catalog is in force and the new files are invisible; stray
//! files of a killed import are removed by the next commit while it holds the lock.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{Int32Array, RecordBatch};
use arrow::compute::{
    SortColumn, concat_batches, filter_record_batch, lexsort_to_indices, take_record_batch,
};
use arrow::datatypes::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use sha2::{Digest, Sha256};

use crate::catalog::{CatalogFile, ImportEntry, InputRecord, TableName, sync_dir};
use crate::{Catalog, Error, Result, Warehouse};

/// Rows per Parquet row group in flow files: small enough that one pair touches one or two
/// groups of a BACI-size year, large enough that per-group overhead stays negligible.
const ROW_GROUP_ROWS: usize = 32 * 1024;
/// Rows per data page, so the page index can prune inside a row group.
const PAGE_ROWS: usize = 4 * 1024;
/// Split a year's flows into parallel part files once it exceeds this many rows.
const PART_MIN_ROWS: usize = 1 << 20;

/// What an importer hands to the warehouse.
#[derive(Debug, Clone, Default)]
pub struct NewImport {
    /// Source family (`baci`, `comtrade`, …).
    pub source: String,
    /// Release of the source.
    pub vintage: String,
    /// Fingerprints of the files read; their checksums make the import id.
    pub inputs: Vec<InputRecord>,
    /// Rows for `flows`, schema `bilat_model::flow_schema()`.
    pub flows: Vec<RecordBatch>,
    /// Rows for `series`, schema `bilat_model::series_schema()`.
    pub series: Vec<RecordBatch>,
    /// Rows for `products`, schema `bilat_model::product_schema()`.
    pub products: Vec<RecordBatch>,
    /// Rows rejected by a lenient read (recorded in the catalog).
    pub rejected_rows: u64,
}

/// Result of [`Warehouse::commit`].
#[derive(Debug, Clone, PartialEq)]
pub enum CommitOutcome {
    /// The import was written.
    Committed(ImportEntry),
    /// The same inputs were imported before; nothing changed.
    AlreadyImported(ImportEntry),
}

/// How a commit waits for another one that holds the warehouse lock.
///
/// | field | default | why |
/// | --- | --- | --- |
/// | `lock_timeout` | 10 minutes | a BACI release imports in a few minutes on a small machine; waiting longer than that means something is stuck |
/// | `on_lock_wait` | none | the library never prints; the CLI passes a closure that tells the user whom it waits for |
#[derive(Clone, Copy)]
pub struct CommitOptions<'a> {
    /// Give up with [`Error::Locked`] after waiting this long for the lock.
    pub lock_timeout: std::time::Duration,
    /// Called when the commit has to wait, with the pid of the process holding the lock (`None`
    /// when it cannot be read), and again if the holder changes.
    pub on_lock_wait: Option<&'a dyn Fn(Option<u32>)>,
}

impl Default for CommitOptions<'_> {
    fn default() -> Self {
        CommitOptions {
            lock_timeout: std::time::Duration::from_secs(600),
            on_lock_wait: None,
        }
    }
}

impl std::fmt::Debug for CommitOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommitOptions")
            .field("lock_timeout", &self.lock_timeout)
            .field("on_lock_wait", &self.on_lock_wait.is_some())
            .finish()
    }
}

impl Warehouse {
    /// Commits an import atomically (see the module doc). Re-importing the same inputs is a no-op.
    /// Waits up to 10 minutes, silently, for a concurrent commit (see [`CommitOptions`]).
    pub fn commit(&mut self, import: NewImport) -> Result<CommitOutcome> {
        self.commit_with(import, &CommitOptions::default())
    }

    /// [`Warehouse::commit`] with explicit waiting behaviour.
    ///
    /// Concurrent commits to one warehouse (threads or processes) serialize on the lock, which
    /// is held from before the catalog is read until after the new catalog is in place, so each
    /// commit builds on the one before and none is lost. Readers never take the lock.
    pub fn commit_with(
        &mut self,
        import: NewImport,
        opts: &CommitOptions<'_>,
    ) -> Result<CommitOutcome> {
        let _lock = Lock::acquire(&self.root, opts)?;
        let mut catalog = Catalog::load(&self.root)?;
        let sums: Vec<String> = import.inputs.iter().map(|i| i.sha256.clone()).collect();
        if !sums.is_empty()
            && let Some(found) = catalog.find_by_inputs(&sums)
        {
            let found = found.clone();
            self.catalog = catalog;
            return Ok(CommitOutcome::AlreadyImported(found));
        }
        collect_garbage(&self.root, &catalog)?;
        let id = import_id(&import);
        let mut moved: Vec<PathBuf> = Vec::new();
        match self.write_and_swap(&mut catalog, &import, &id, &mut moved) {
            Ok(entry) => {
                let _ = std::fs::remove_dir_all(self.root.join("staging").join(&id));
                // Only if empty: another commit's leftovers are the next commit's to collect.
                let _ = std::fs::remove_dir(self.root.join("staging"));
                self.catalog = catalog;
                Ok(CommitOutcome::Committed(entry))
            }
            Err(e) => {
                self.roll_back(&id, &moved);
                Err(e)
            }
        }
    }

    /// The steps of a commit after the no-op check, in the order a crash needs (see
    /// ARCHITECTURE.md, "Commit and power loss"): every file written to staging and fsynced;
    /// moved into `data/`; the directories that now name them fsynced; only then the new catalog
    /// written, fsynced, renamed over the old one, and the root fsynced. `moved` collects the
    /// files renamed into `data/`, for [`Warehouse::roll_back`].
    fn write_and_swap(
        &self,
        catalog: &mut Catalog,
        import: &NewImport,
        id: &str,
        moved: &mut Vec<PathBuf>,
    ) -> Result<ImportEntry> {
        let staging = self.root.join("staging").join(id);
        step(CommitStep::CreateStaging, &staging, || {
            std::fs::create_dir_all(&staging)
        })?;

        let (mut files, years, coverage) = stage_flows(&staging, import, id)?;
        files.extend(stage_tables(&staging, import, id)?);
        step(CommitStep::SyncStaging, &staging, || sync_dir(&staging))?;
        self.move_into_data(&files, moved)?;
        if std::env::var_os("BILAT_FAULT_BEFORE_CATALOG").is_some() {
            // Test hook of the release binary (built without failpoints): die the hardest way
            // between moving files and swapping the catalog.
            std::process::abort();
        }

        let count = |t: TableName| {
            files
                .iter()
                .filter(|(_, f)| f.table == t)
                .map(|(_, f)| f.rows)
                .sum()
        };
        let entry = ImportEntry {
            id: id.to_string(),
            source: import.source.clone(),
            vintage: import.vintage.clone(),
            imported_at: now_rfc3339(),
            inputs: import.inputs.clone(),
            flow_rows: count(TableName::Flows),
            series_rows: count(TableName::Series),
            product_rows: count(TableName::Products),
            rejected_rows: import.rejected_rows,
            years,
            coverage,
            files: files.into_iter().map(|(_, f)| f).collect(),
        };
        catalog.imports.push(entry.clone());
        catalog.format = if catalog.pairs_complete() {
            crate::catalog::FORMAT
        } else {
            1
        };
        catalog.generation += 1;
        catalog.store(&self.root)?;
        Ok(entry)
    }

    /// Moves the staged files into `data/` — still invisible, the catalog does not name them
    /// yet — and fsyncs every directory that now names them, deepest first.
    fn move_into_data(&self, files: &[Staged], moved: &mut Vec<PathBuf>) -> Result<()> {
        let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
        for (tmp, file) in files {
            let dest = self.root.join(&file.path);
            let dir = dest
                .parent()
                .expect("catalog paths have a parent")
                .to_path_buf();
            std::fs::create_dir_all(&dir).map_err(|source| Error::Commit {
                step: CommitStep::MoveIntoData,
                path: dir.clone(),
                source,
            })?;
            step(CommitStep::MoveIntoData, &dest, || {
                std::fs::rename(tmp, &dest)
            })?;
            moved.push(dest);
            // The new name must survive a crash: fsync its directory and, since `create_dir_all`
            // may have just made them, every directory up to the root.
            for d in dir.ancestors() {
                dirs.insert(d.to_path_buf());
                if d == self.root {
                    break;
                }
            }
        }
        // Deepest first, so each directory is durable before the entry naming it.
        for dir in dirs.iter().rev() {
            step(CommitStep::SyncDataDirs, dir, || sync_dir(dir))?;
        }
        Ok(())
    }

    /// Undoes a failed commit: removes its staging directory and the files it moved into
    /// `data/`, so the warehouse is as before, file for file — unless the catalog on disk
    /// already names the import (the swap happened and only the final fsync failed), in which
    /// case the files are in force and stay. Best effort: whatever cannot be removed now is
    /// unlisted, hence invisible, and the next commit's garbage collection removes it.
    fn roll_back(&self, id: &str, moved: &[PathBuf]) {
        let swapped = Catalog::load(&self.root).is_ok_and(|c| c.imports.iter().any(|i| i.id == id));
        if swapped {
            return;
        }
        for path in moved {
            let _ = std::fs::remove_file(path);
        }
        let _ = std::fs::remove_dir_all(self.root.join("staging").join(id));
        let _ = std::fs::remove_dir(self.root.join("staging"));
    }
}

/// A step of [`Warehouse::commit`], named in [`Error::Commit`]. With the cargo feature
/// `failpoints` each step is a failpoint (the `fail` crate) named [`CommitStep::failpoint`], so
/// tests can make it fail, e.g. `fail::cfg("commit.write_flows", "return(enospc)")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommitStep {
    /// Creating `staging/<id>/`.
    CreateStaging,
    /// Summing the flows into the `pairs` table.
    BuildPairs,
    /// Writing a flows part file into staging.
    WriteFlows,
    /// Writing a pairs file into staging.
    WritePairs,
    /// Writing the series file into staging.
    WriteSeries,
    /// Writing the products file into staging.
    WriteProducts,
    /// Fsync of a file just written.
    SyncFile,
    /// Fsync of the staging directory.
    SyncStaging,
    /// Renaming a file from staging into `data/`.
    MoveIntoData,
    /// Fsync of the `data/` directories that name the moved files, up to the root.
    SyncDataDirs,
    /// Writing `catalog.json.tmp-<pid>`.
    WriteCatalog,
    /// Fsync of the catalog temp file.
    SyncCatalog,
    /// Renaming the temp file over `catalog.json`: the commit point.
    RenameCatalog,
    /// Fsync of the root, making the rename durable. The only step after the commit point.
    SyncRoot,
}

impl CommitStep {
    /// Every step, in the order a commit runs them.
    pub const ALL: [CommitStep; 14] = [
        CommitStep::CreateStaging,
        CommitStep::BuildPairs,
        CommitStep::WriteFlows,
        CommitStep::WritePairs,
        CommitStep::WriteSeries,
        CommitStep::WriteProducts,
        CommitStep::SyncFile,
        CommitStep::SyncStaging,
        CommitStep::MoveIntoData,
        CommitStep::SyncDataDirs,
        CommitStep::WriteCatalog,
        CommitStep::SyncCatalog,
        CommitStep::RenameCatalog,
        CommitStep::SyncRoot,
    ];

    /// The failpoint's name: `commit.` and the step in snake case.
    pub fn failpoint(self) -> &'static str {
        match self {
            CommitStep::CreateStaging => "commit.create_staging",
            CommitStep::BuildPairs => "commit.build_pairs",
            CommitStep::WriteFlows => "commit.write_flows",
            CommitStep::WritePairs => "commit.write_pairs",
            CommitStep::WriteSeries => "commit.write_series",
            CommitStep::WriteProducts => "commit.write_products",
            CommitStep::SyncFile => "commit.sync_file",
            CommitStep::SyncStaging => "commit.sync_staging",
            CommitStep::MoveIntoData => "commit.move_into_data",
            CommitStep::SyncDataDirs => "commit.sync_data_dirs",
            CommitStep::WriteCatalog => "commit.write_catalog",
            CommitStep::SyncCatalog => "commit.sync_catalog",
            CommitStep::RenameCatalog => "commit.rename_catalog",
            CommitStep::SyncRoot => "commit.sync_root",
        }
    }

    /// What a failure at this step means for the warehouse, for the error message.
    pub fn outcome(self) -> &'static str {
        match self {
            CommitStep::SyncRoot => {
                "the import is committed but may not survive a power loss until the next commit"
            }
            _ => "nothing was committed and the warehouse is as before",
        }
    }
}

impl std::fmt::Display for CommitStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CommitStep::CreateStaging => "creating the staging directory",
            CommitStep::BuildPairs => "building the pairs table",
            CommitStep::WriteFlows => "writing a flows file",
            CommitStep::WritePairs => "writing a pairs file",
            CommitStep::WriteSeries => "writing the series file",
            CommitStep::WriteProducts => "writing the products file",
            CommitStep::SyncFile => "syncing a written file to disk",
            CommitStep::SyncStaging => "syncing the staging directory",
            CommitStep::MoveIntoData => "moving a file into data/",
            CommitStep::SyncDataDirs => "syncing a data directory",
            CommitStep::WriteCatalog => "writing the new catalog",
            CommitStep::SyncCatalog => "syncing the new catalog",
            CommitStep::RenameCatalog => "replacing catalog.json",
            CommitStep::SyncRoot => "syncing the warehouse directory",
        })
    }
}

/// Runs `op` as `step`: its failpoint first (feature `failpoints`), then the operation; an I/O
/// error becomes [`Error::Commit`] naming the step and `path`.
pub(crate) fn step<T>(
    step: CommitStep,
    path: &Path,
    op: impl FnOnce() -> std::io::Result<T>,
) -> Result<T> {
    failpoint(step)
        .and_then(|()| op())
        .map_err(|source| Error::Commit {
            step,
            path: path.to_path_buf(),
            source,
        })
}

/// The failpoint of `step`. Configured as `return(enospc)` or `return(eio)` it fails like a full
/// or broken disk; `return` alone gives a generic error; `panic` dies mid-commit. Without the
/// feature it compiles to nothing.
pub(crate) fn failpoint(step: CommitStep) -> std::io::Result<()> {
    #[cfg(feature = "failpoints")]
    if let Some(injected) = fail::eval(step.failpoint(), |arg| {
        Err(match arg.as_deref() {
            // Linux errno values; `std::io::ErrorKind` classifies them (StorageFull, Other).
            Some("enospc") => std::io::Error::from_raw_os_error(28),
            Some("eio") => std::io::Error::from_raw_os_error(5),
            other => std::io::Error::other(format!(
                "failpoint {}{}",
                step.failpoint(),
                other.map(|a| format!(" ({a})")).unwrap_or_default()
            )),
        })
    }) {
        return injected;
    }
    let _ = step;
    Ok(())
}

/// `data/<table>/source=S/vintage=V`: the partition directory of an import's files.
fn part_dir(import: &NewImport, table: TableName) -> String {
    format!(
        "data/{}/source={}/vintage={}",
        table.as_str(),
        sanitize(&import.source),
        sanitize(&import.vintage)
    )
}

/// A staged file: its temporary path and its catalog entry.
type Staged = (PathBuf, CatalogFile);

/// Writes the flow files of every year into `staging`, clustered for pair queries, and the
/// year's `pairs` file summed and its product coverage recorded while they are written; returns
/// the staged files, the years and the coverage records.
fn stage_flows(
    staging: &Path,
    import: &NewImport,
    id: &str,
) -> Result<(Vec<Staged>, Vec<i32>, Vec<crate::FlowCoverage>)> {
    let mut files: Vec<Staged> = Vec::new();
    let flow_schema = bilat_model::flow_schema();
    let flows = checked(&flow_schema, TableName::Flows, &import.flows)?;
    let mut years: Vec<i32> = Vec::new();
    let mut coverage = Vec::new();
    if !flows.is_empty() {
        for (year, chunks) in split_by_year(&flows)? {
            years.push(year);
            let chunks = cluster_for_pairs(&flow_schema, chunks)?;
            let parts = part_slices(&chunks);
            // The pair totals are summed, and the coverage recorded, while the flow files are
            // being written.
            let (written, pairs) = std::thread::scope(|s| {
                let totals = s.spawn(|| {
                    step(CommitStep::BuildPairs, staging, || Ok(()))?;
                    let pairs = crate::pairs::pair_totals(&chunks)?;
                    Ok::<_, Error>((pairs, crate::coverage::of_year(year, &chunks)?))
                });
                let written = write_parts(staging, id, year, &parts);
                let pairs = totals
                    .join()
                    .map_err(|_| Error::Internal("pair totals thread panicked".into()));
                (written, pairs)
            });
            let (written, (pairs, covered)) = (written?, pairs??);
            coverage.extend(covered);
            let name = format!("{id}.parquet");
            let tmp = staging.join(format!("pairs-{year}-{name}"));
            let (rows, bytes, sha) = write_parquet(
                &tmp,
                std::slice::from_ref(&pairs),
                ROW_GROUP_ROWS,
                CommitStep::WritePairs,
            )?;
            files.push((
                tmp,
                CatalogFile {
                    table: TableName::Pairs,
                    path: format!("{}/year={year}/{name}", part_dir(import, TableName::Pairs)),
                    rows,
                    bytes,
                    sha256: sha,
                    year: Some(year),
                },
            ));
            for (tmp, name, rows, bytes, sha) in written {
                let rel = format!("{}/year={year}/{name}", part_dir(import, TableName::Flows));
                files.push((
                    tmp,
                    CatalogFile {
                        table: TableName::Flows,
                        path: rel,
                        rows,
                        bytes,
                        sha256: sha,
                        year: Some(year),
                    },
                ));
            }
        }
    }
    Ok((files, years, coverage))
}

/// Writes the series and product-name tables of the import into `staging`.
fn stage_tables(staging: &Path, import: &NewImport, id: &str) -> Result<Vec<Staged>> {
    let mut files: Vec<Staged> = Vec::new();
    for (table, schema, batches, write_step) in [
        (
            TableName::Series,
            bilat_model::series_schema(),
            &import.series,
            CommitStep::WriteSeries,
        ),
        (
            TableName::Products,
            bilat_model::product_schema(),
            &import.products,
            CommitStep::WriteProducts,
        ),
    ] {
        let batches = checked(&schema, table, batches)?;
        if !batches.is_empty() {
            let batch = concat_batches(&schema, &batches)?;
            let name = format!("{id}.parquet");
            let tmp = staging.join(format!("{}-{name}", table.as_str()));
            let (rows, bytes, sha) =
                write_parquet(&tmp, std::slice::from_ref(&batch), usize::MAX, write_step)?;
            let rel = format!("{}/{name}", part_dir(import, table));
            files.push((
                tmp,
                CatalogFile {
                    table,
                    path: rel,
                    rows,
                    bytes,
                    sha256: sha,
                    year: None,
                },
            ));
        }
    }
    Ok(files)
}

/// Import id: SHA-256 over the sorted input checksums (or over source/vintage/row counts when
/// the data were generated in-process), 16 hex digits.
fn import_id(import: &NewImport) -> String {
    let mut h = Sha256::new();
    let mut sums: Vec<&str> = import.inputs.iter().map(|i| i.sha256.as_str()).collect();
    sums.sort_unstable();
    for s in sums {
        h.update(s.as_bytes());
    }
    h.update(import.source.as_bytes());
    h.update(import.vintage.as_bytes());
    let rows: usize = import.flows.iter().map(RecordBatch::num_rows).sum();
    h.update(rows.to_le_bytes());
    hex(&h.finalize())[..16].to_string()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The non-empty batches, after checking each has the table's schema.
fn checked(
    schema: &SchemaRef,
    table: TableName,
    batches: &[RecordBatch],
) -> Result<Vec<RecordBatch>> {
    let batches: Vec<RecordBatch> = batches
        .iter()
        .filter(|b| b.num_rows() > 0)
        .cloned()
        .collect();
    for b in &batches {
        if b.schema().fields() != schema.fields() {
            return Err(Error::Schema {
                table: table.as_str().to_string(),
                detail: format!(
                    "expected {:?}, got {:?}",
                    schema.fields(),
                    b.schema().fields()
                ),
            });
        }
    }
    Ok(batches)
}

/// Groups the chunks by `period_year`; a chunk of one year (the usual case: importers read a
/// year file at a time) is kept whole, others are filtered per year.
fn split_by_year(batches: &[RecordBatch]) -> Result<BTreeMap<i32, Vec<RecordBatch>>> {
    let mut out: BTreeMap<i32, Vec<RecordBatch>> = BTreeMap::new();
    for batch in batches {
        let years = batch
            .column_by_name(bilat_model::col::PERIOD_YEAR)
            .and_then(|c| c.as_any().downcast_ref::<Int32Array>())
            .ok_or_else(|| Error::Internal("period_year is not Int32".into()))?;
        let first = years.value(0);
        if years.values().iter().all(|y| *y == first) {
            out.entry(first).or_default().push(batch.clone());
            continue;
        }
        let distinct: std::collections::BTreeSet<i32> = years.values().iter().copied().collect();
        for y in distinct {
            let mask = arrow::compute::kernels::cmp::eq(years, &Int32Array::new_scalar(y))?;
            out.entry(y)
                .or_default()
                .push(filter_record_batch(batch, &mask)?);
        }
    }
    Ok(out)
}

/// Makes one year's rows *clustered for pair pruning*: every exporter's rows contiguous and,
/// within them, every (exporter, importer) pair's rows contiguous. Then a row group holds few
/// exporters and its min/max statistics prune a pair query to a few groups, and
/// `pairs::pair_totals` sees each pair as one run.
///
/// Input already clustered (BACI files are ordered by i, j, k; mapping BACI codes to ISO moves
/// some blocks but keeps them whole) is returned as is, without a copy. Otherwise the chunks are
/// concatenated and sorted by (exporter, importer, product, month).
fn cluster_for_pairs(schema: &SchemaRef, chunks: Vec<RecordBatch>) -> Result<Vec<RecordBatch>> {
    if is_clustered(&chunks)? {
        return Ok(chunks);
    }
    let batch = concat_batches(schema, &chunks)?;
    Ok(vec![sort_for_pairs(&batch)?])
}

/// True when each exporter's rows, and each pair's rows, form one contiguous run.
fn is_clustered(chunks: &[RecordBatch]) -> Result<bool> {
    use arrow::array::AsArray;
    use arrow::datatypes::Int32Type;
    use bilat_model::col;
    let mut seen_exporters: HashSet<i32> = HashSet::new();
    let mut seen_pairs: HashSet<(i32, i32)> = HashSet::new();
    let mut current: Option<(i32, i32)> = None;
    for chunk in chunks {
        let int = |name: &str| {
            chunk
                .column_by_name(name)
                .and_then(|c| c.as_primitive_opt::<Int32Type>())
                .ok_or_else(|| Error::Internal(format!("flows.{name} is not Int32")))
        };
        let (exp, imp) = (int(col::EXPORTER)?.values(), int(col::IMPORTER)?.values());
        for (&e, &i) in exp.iter().zip(imp.iter()) {
            if current == Some((e, i)) {
                continue;
            }
            if current.map(|c| c.0) != Some(e) && !seen_exporters.insert(e) {
                return Ok(false);
            }
            if !seen_pairs.insert((e, i)) {
                return Ok(false);
            }
            current = Some((e, i));
        }
    }
    Ok(true)
}

/// Sorts by (exporter, importer, product, period_month).
///
/// Fast path: the four columns pack into one `u64` key (see [`pack_key`]). Keys that do not fit
/// fall back to Arrow's general `lexsort`.
fn sort_for_pairs(batch: &RecordBatch) -> Result<RecordBatch> {
    use bilat_model::col;
    if let Some(keys) = pack_keys(batch) {
        // Sorted input never gets here: it is clustered (see `cluster_for_pairs`).
        let mut order: Vec<(u64, u32)> = keys.into_iter().zip(0u32..).collect();
        order.sort_unstable();
        let idx = arrow::array::UInt32Array::from_iter_values(order.into_iter().map(|(_, i)| i));
        return Ok(take_record_batch(batch, &idx)?);
    }
    let cols = [
        col::EXPORTER,
        col::IMPORTER,
        col::PRODUCT,
        col::PERIOD_MONTH,
    ];
    let sort: Vec<SortColumn> = cols
        .iter()
        .map(|c| SortColumn {
            values: Arc::clone(batch.column_by_name(c).expect("flow schema")),
            options: None,
        })
        .collect();
    let idx = lexsort_to_indices(&sort, None)?;
    Ok(take_record_batch(batch, &idx)?)
}

/// One sortable key per row, or `None` when a value does not fit the packing.
fn pack_keys(batch: &RecordBatch) -> Option<Vec<u64>> {
    use arrow::array::{Array, AsArray};
    use arrow::datatypes::Int32Type;
    use bilat_model::col;
    let exp = batch
        .column_by_name(col::EXPORTER)?
        .as_primitive_opt::<Int32Type>()?;
    let imp = batch
        .column_by_name(col::IMPORTER)?
        .as_primitive_opt::<Int32Type>()?;
    let month = batch
        .column_by_name(col::PERIOD_MONTH)?
        .as_primitive_opt::<Int32Type>()?;
    let product = batch.column_by_name(col::PRODUCT)?.as_string_opt::<i32>()?;
    let mut keys = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let m = if month.is_valid(i) { month.value(i) } else { 0 };
        keys.push(pack_key(exp.value(i), imp.value(i), product.value(i), m)?);
    }
    Some(keys)
}

/// Packs (exporter, importer, product, month) into a `u64` whose order is the lexicographic
/// order of the four values: 10 + 10 bits of country codes (< 1024), 22 bits for the product
/// (digits right-padded to six, times four, plus the number of digit pairs, so "01" < "0101"
/// < "010110" < "02"; `TOTAL` sorts first), 4 bits of month (0 = annual).
fn pack_key(exporter: i32, importer: i32, product: &str, month: i32) -> Option<u64> {
    if !(0..1024).contains(&exporter) || !(0..1024).contains(&importer) || !(0..16).contains(&month)
    {
        return None;
    }
    let p: u64 = if product == "TOTAL" {
        0
    } else {
        let b = product.as_bytes();
        if b.is_empty() || b.len() > 6 || b.len() % 2 == 1 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut v = 0u64;
        for k in 0..6 {
            v = v * 10 + b.get(k).map_or(0, |d| u64::from(d - b'0'));
        }
        v * 4 + (b.len() / 2) as u64
    };
    Some((exporter as u64) << 36 | (importer as u64) << 26 | p << 4 | month as u64)
}

/// Splits a year's chunks into parallel part files of about equal rows (one per core once
/// the year has at least `2 × PART_MIN_ROWS` rows); slices are zero-copy views.
fn part_slices(chunks: &[RecordBatch]) -> Vec<Vec<RecordBatch>> {
    let rows: usize = chunks.iter().map(RecordBatch::num_rows).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = if rows >= 2 * PART_MIN_ROWS {
        threads.min(rows / PART_MIN_ROWS).max(1)
    } else {
        1
    };
    let per = rows.div_ceil(parts).max(1);
    let mut out: Vec<Vec<RecordBatch>> = vec![Vec::new()];
    let mut room = per;
    for chunk in chunks {
        let mut off = 0;
        while off < chunk.num_rows() {
            if room == 0 {
                out.push(Vec::new());
                room = per;
            }
            let take = room.min(chunk.num_rows() - off);
            out.last_mut()
                .expect("non-empty")
                .push(chunk.slice(off, take));
            off += take;
            room -= take;
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

type Written = (PathBuf, String, u64, u64, String);

fn write_parts(
    staging: &Path,
    id: &str,
    year: i32,
    parts: &[Vec<RecordBatch>],
) -> Result<Vec<Written>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .enumerate()
            .map(|(n, part)| {
                s.spawn(move || {
                    let name = format!("{id}-{n}.parquet");
                    let tmp = staging.join(format!("flows-{year}-{name}"));
                    let (rows, bytes, sha) =
                        write_parquet(&tmp, part, ROW_GROUP_ROWS, CommitStep::WriteFlows)?;
                    Ok((tmp, name, rows, bytes, sha))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| Error::Internal("writer thread panicked".into()))?
            })
            .collect()
    })
}

/// Which statistics a column gets. Page statistics (the page index) where queries select rows —
/// the pair, the product, the month; row-group statistics on the partition-like columns; none on
/// measures and descriptive columns, which no query prunes by (computing min/max of every
/// string value was a measurable part of an import).
fn statistics_of(column: &str) -> EnabledStatistics {
    use bilat_model::col;
    match column {
        col::EXPORTER | col::IMPORTER | col::PRODUCT | col::PERIOD_MONTH | col::CODE => {
            EnabledStatistics::Page
        }
        col::SOURCE
        | col::VINTAGE
        | col::PERIOD_YEAR
        | col::PRODUCT_LEVEL
        | col::COUNTRY
        | col::PARTNER
        | col::INDICATOR
        | col::LANG => EnabledStatistics::Chunk,
        _ => EnabledStatistics::None,
    }
}

/// Writes one Parquet file as `step`, fsyncs it, and returns (rows, bytes, sha256). A failed
/// write (a full disk, say) is [`Error::Commit`] with the OS error, not a Parquet "bug".
fn write_parquet(
    path: &Path,
    batches: &[RecordBatch],
    row_group_rows: usize,
    step: CommitStep,
) -> Result<(u64, u64, String)> {
    let Some(first) = batches.first() else {
        return Err(Error::Internal("nothing to write".into()));
    };
    let at = |source: std::io::Error| Error::Commit {
        step,
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(at)?;
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_data_page_row_count_limit(PAGE_ROWS)
        .set_max_row_group_row_count(Some(row_group_rows.min(1 << 20)));
    for f in first.schema().fields() {
        let name = f.name().as_str();
        let column = || parquet::schema::types::ColumnPath::from(name);
        props = props.set_column_statistics_enabled(column(), statistics_of(name));
        if f.data_type() == &arrow::datatypes::DataType::Float64 {
            // Measured values: dictionaries do not pay, and Snappy barely shrinks them.
            props = props
                .set_column_dictionary_enabled(column(), false)
                .set_column_compression(column(), Compression::UNCOMPRESSED);
        }
    }
    let failed = Arc::new(std::sync::Mutex::new(None));
    let sink = HashingWriter {
        inner: file,
        hasher: Sha256::new(),
        bytes: 0,
        step,
        failed: Arc::clone(&failed),
    };
    // The writer's own error may be a string made from ours (`into_inner` does that): prefer
    // the I/O error the sink saw, so a full disk stays `StorageFull`.
    let writer_err = |e: parquet::errors::ParquetError| {
        let seen = failed.lock().ok().and_then(|mut f| f.take());
        at(seen.unwrap_or_else(|| parquet_io(e)))
    };
    let mut writer =
        ArrowWriter::try_new(sink, first.schema(), Some(props.build())).map_err(writer_err)?;
    for batch in batches {
        writer.write(batch).map_err(writer_err)?;
    }
    let sink = writer.into_inner().map_err(writer_err)?;
    let HashingWriter {
        inner,
        hasher,
        bytes,
        ..
    } = sink;
    step_sync(CommitStep::SyncFile, path, &inner)?;
    let rows = batches.iter().map(RecordBatch::num_rows).sum::<usize>() as u64;
    Ok((rows, bytes, hex(&hasher.finalize())))
}

/// Fsyncs a written file as `step`.
fn step_sync(s: CommitStep, path: &Path, file: &File) -> Result<()> {
    step(s, path, || file.sync_all())
}

/// The I/O error inside a Parquet writer error (so a full disk reads as one), else the error
/// itself as an I/O error of kind `Other`.
fn parquet_io(e: parquet::errors::ParquetError) -> std::io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => *io,
                Err(other) => std::io::Error::other(other),
            }
        }
        other => std::io::Error::other(other),
    }
}

/// Hashes bytes on their way to disk so checksums cost no second read. Each write passes the
/// step's failpoint, so an injected error surfaces through the Parquet writer like a real one.
struct HashingWriter {
    inner: File,
    hasher: Sha256,
    bytes: u64,
    step: CommitStep,
    /// The first I/O error returned, kept for the caller (see `write_parquet`).
    failed: Arc<std::sync::Mutex<Option<std::io::Error>>>,
}

impl HashingWriter {
    fn remember(&self, e: std::io::Error) -> std::io::Error {
        let copy = match e.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code),
            None => std::io::Error::new(e.kind(), e.to_string()),
        };
        if let Ok(mut f) = self.failed.lock() {
            f.get_or_insert(copy);
        }
        e
    }
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        failpoint(self.step).map_err(|e| self.remember(e))?;
        let n = self.inner.write(buf).map_err(|e| self.remember(e))?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Removes `staging/`, catalog temp files and any data file the catalog does not list
/// (leftovers of killed imports). Runs under the lock, so no other commit is mid-way.
fn collect_garbage(root: &Path, catalog: &Catalog) -> Result<()> {
    let _ = std::fs::remove_dir_all(root.join("staging"));
    let tmp_prefix = format!("{}.tmp-", crate::catalog::CATALOG_FILE);
    for e in std::fs::read_dir(root).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with(&tmp_prefix) {
            let _ = std::fs::remove_file(e.path());
        }
    }
    let listed: HashSet<PathBuf> = catalog
        .imports
        .iter()
        .flat_map(|i| i.files.iter())
        .map(|f| root.join(&f.path))
        .collect();
    let mut stack = vec![root.join("data")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !listed.contains(&p) {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    Ok(())
}

/// Name of the lock file in the warehouse root. It is created once and never deleted: the lock
/// is the OS advisory lock on it, not its existence, so there is no stale lock to take over.
pub(crate) const LOCK_FILE: &str = ".lock";

/// How often a waiting commit retries the lock.
const LOCK_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// The warehouse write lock: an exclusive OS advisory lock (`flock` on Unix) on [`LOCK_FILE`].
///
/// The OS releases it when the holder exits, however it dies, so a crashed import never blocks
/// the next one. The holder's pid is written into the file after locking, only so that a waiting
/// process can say whom it waits for; nothing decides by it. (The lock used to be the file's
/// existence, created with `create_new` and then filled with the pid: a second import that read
/// the still-empty file took it for stale, deleted it and committed concurrently, and the later
/// catalog swap dropped the other import — issue 11.)
struct Lock {
    file: File,
}

impl Lock {
    fn acquire(root: &Path, opts: &CommitOptions<'_>) -> Result<Lock> {
        let path = root.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let started = std::time::Instant::now();
        // The holder last reported to the callback (`Some(None)`: reported as unknown).
        let mut told: Option<Option<u32>> = None;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let pid = holder_pid(&path);
                    // A holder that has locked but not yet written its pid reads as unknown for
                    // a moment; report "unknown" only once it stays so.
                    let settled = pid.is_some() || started.elapsed() >= 10 * LOCK_POLL;
                    if settled && told != Some(pid) {
                        if let Some(on_wait) = opts.on_lock_wait {
                            on_wait(pid);
                        }
                        told = Some(pid);
                    }
                    if started.elapsed() >= opts.lock_timeout {
                        return Err(Error::Locked {
                            path,
                            pid: pid.map_or_else(|| "unknown".to_string(), |p| p.to_string()),
                        });
                    }
                    std::thread::sleep(LOCK_POLL.min(opts.lock_timeout));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        // Informational only: a failure to record the pid does not make the lock less held.
        let _ = file.set_len(0);
        let _ = (&file).write_all(std::process::id().to_string().as_bytes());
        Ok(Lock { file })
    }
}

/// The pid recorded in the lock file, if it holds one.
fn holder_pid(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Clear the pid before unlocking so a waiter never reports a process that is done;
        // closing the file would release the lock anyway.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// Current UTC time as RFC 3339 (seconds), without a date-time dependency.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs_batch(rows: &[(i32, i32)]) -> RecordBatch {
        use arrow::array::{ArrayRef, Float64Array, StringArray};
        let n = rows.len();
        let e = Int32Array::from_iter_values(rows.iter().map(|r| r.0));
        let i = Int32Array::from_iter_values(rows.iter().map(|r| r.1));
        let s = |v: &str| -> ArrayRef { Arc::new(StringArray::from(vec![v; n])) };
        let int = |v: i32| -> ArrayRef { Arc::new(Int32Array::from(vec![v; n])) };
        let float = || -> ArrayRef { Arc::new(Float64Array::from(vec![1.0; n])) };
        let null_f = || -> ArrayRef { Arc::new(Float64Array::from(vec![None::<f64>; n])) };
        let columns: Vec<ArrayRef> = vec![
            s("s"),
            s("v"),
            int(2019),
            Arc::new(Int32Array::from(vec![None::<i32>; n])),
            Arc::new(e),
            Arc::new(i),
            s("reconciled"),
            s("X"),
            s("HS17"),
            s("010110"),
            int(6),
            float(),
            null_f(),
            null_f(),
            null_f(),
            Arc::new(StringArray::from(vec![None::<&str>; n])),
            null_f(),
        ];
        RecordBatch::try_new(bilat_model::flow_schema(), columns).unwrap()
    }

    #[test]
    fn clustered_means_every_exporter_and_pair_in_one_run_across_chunks() {
        let b = pairs_batch(&[(4, 8), (4, 8), (4, 2), (9, 1), (3, 5)]);
        // Not in numeric order, but each exporter and pair is one run: kept as is.
        assert!(is_clustered(&[b.slice(0, 2), b.slice(2, 3)]).unwrap());
        // Pair (4, 8) comes back after (4, 2).
        let b = pairs_batch(&[(4, 8), (4, 2), (4, 8)]);
        assert!(!is_clustered(&[b]).unwrap());
        // Exporter 4 comes back after 9.
        let b = pairs_batch(&[(4, 8), (9, 2), (4, 1)]);
        assert!(!is_clustered(&[b.slice(0, 1), b.slice(1, 2)]).unwrap());
        let sorted = cluster_for_pairs(&bilat_model::flow_schema(), vec![b]).unwrap();
        assert_eq!(sorted.len(), 1);
        let e = sorted[0]
            .column(4)
            .as_any()
            .downcast_ref::<Int32Array>()
            .unwrap();
        assert_eq!(e.values().to_vec(), vec![4, 4, 9]);
    }

    #[test]
    fn part_slices_cover_every_row_once_in_order() {
        let b = pairs_batch(&[(1, 2); 10]);
        let parts = part_slices(&[b.slice(0, 3), b.slice(3, 7)]);
        let rows: usize = parts.iter().flatten().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, 10);
        assert_eq!(parts.len(), 1, "small years are one file");
    }

    #[test]
    fn packed_keys_follow_lexicographic_order() {
        let rows = [
            (4, 8, "TOTAL", 0),
            (4, 8, "01", 0),
            (4, 8, "0101", 0),
            (4, 8, "010110", 0),
            (4, 8, "010110", 1),
            (4, 8, "010110", 12),
            (4, 8, "02", 0),
            (4, 9, "01", 0),
            (112, 8, "01", 0),
            (1023, 1023, "999999", 15),
        ];
        let keys: Vec<u64> = rows
            .iter()
            .map(|&(e, i, p, m)| pack_key(e, i, p, m).unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert_eq!(pack_key(1024, 1, "01", 0), None);
        assert_eq!(pack_key(1, 1, "0x", 0), None);
        assert_eq!(pack_key(1, 1, "010", 0), None);
    }
}
