//! `bilat._bilat.Warehouse`: the warehouse's analyses for Python, through the same request
//! builders as the HTTP API (`bilat_params::requests`) and the same renderers as the CLI, so
//! `Warehouse.profile(...)` is the document `bilat profile --format json` prints.
//!
//! Parameters arrive as a dict of the API's query names (`reporter`, `partner`, `year`, …);
//! each value is read as the text the CLI or a URL would carry, so `year=2018` and
//! `year="2018"` are one request, and an unknown name is refused as the API refuses it.
//! The engine is opened once per catalog state (like the server's snapshot): an import
//! committed by another process is seen by the next call, never half-written.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Context;
use bilat_ingest::{Mode, ReadOptions};
use bilat_load::{LoadOutcome, SourceKind};
use bilat_params::requests::{self, PotentialJob};
use bilat_params::{
    BriefQuery, HistoryQuery, IndicatorsQuery, PartnersQuery, PotentialQuery, ProfileQuery,
};
use bilat_warehouse::{CommitOptions, QueryEngine, Warehouse};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::to_py;

/// The runtime every warehouse call runs its DataFusion work on (two workers: the calls are
/// small; a Python process may hold several `Warehouse`s, they share it).
fn runtime() -> PyResult<&'static tokio::runtime::Runtime> {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    if let Some(rt) = RT.get() {
        return Ok(rt);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("bilat-py")
        .enable_all()
        .build()
        .map_err(|e| to_py(anyhow::Error::new(e).context("starting bilat's query runtime")))?;
    Ok(RT.get_or_init(|| rt))
}

/// How `catalog.json` looked when an engine was opened: (size, mtime ns, inode).
type CatalogStamp = (u64, i128, u64);

/// The current [`CatalogStamp`] of the warehouse at `root`.
fn stamp(root: &Path) -> CatalogStamp {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(root.join("catalog.json")).map_or((0, 0, 0), |m| {
        (
            m.len(),
            i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
            m.ino(),
        )
    })
}

/// A warehouse directory, its demo world when nothing is imported, and its engine.
#[pyclass(name = "Warehouse", module = "bilat._bilat", frozen)]
pub struct PyWarehouse {
    root: PathBuf,
    /// The engine of the catalog state last seen, with that state's stamp.
    engine: Mutex<Option<(CatalogStamp, QueryEngine)>>,
}

impl PyWarehouse {
    /// The engine over the catalog as it is now (reopened when an import changed it).
    fn engine(&self) -> anyhow::Result<QueryEngine> {
        let now = stamp(&self.root);
        let mut slot = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((seen, engine)) = slot.as_ref()
            && *seen == now
        {
            return Ok(engine.clone());
        }
        let wh = Warehouse::open(&self.root)?;
        let engine = runtime()
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .block_on(wh.engine())?;
        *slot = Some((now, engine.clone()));
        Ok(engine)
    }

    /// Runs `f` on the engine without the GIL, blocking on the shared runtime.
    fn with_engine<T, F, Fut>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(QueryEngine) -> Fut + Send,
        Fut: std::future::Future<Output = anyhow::Result<T>>,
    {
        let rt = runtime()?;
        py.detach(|| {
            let engine = self.engine()?;
            rt.block_on(f(engine))
        })
        .map_err(to_py)
    }
}

/// The dict of parameters as the API's query: every value as its text, `None` left out.
fn query<T: serde::de::DeserializeOwned>(params: Option<&Bound<'_, PyDict>>) -> PyResult<T> {
    let mut map = serde_json::Map::new();
    if let Some(params) = params {
        for (k, v) in params.iter() {
            if v.is_none() {
                continue;
            }
            let key: String = k.extract()?;
            let text = if v.is_instance_of::<pyo3::types::PyBool>() {
                return Err(crate::errors::UserError::new_err(format!(
                    "{key}: a yes/no value is not a valid {key}"
                )));
            } else {
                v.str()?.to_string()
            };
            map.insert(key, serde_json::Value::String(text));
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        crate::errors::UserError::new_err(format!("{e} (the parameters are the CLI's flags)"))
    })
}

/// A parameter error as the API words it.
fn bad(e: bilat_params::ParamError) -> PyErr {
    to_py(anyhow::Error::new(e))
}

#[pymethods]
impl PyWarehouse {
    /// Opens (creating if needed) the warehouse at `path`, else the CLI's default
    /// (`$BILAT_WAREHOUSE`, `$XDG_DATA_HOME/bilat`, `~/.local/share/bilat`). An empty one gets
    /// the demo world, as the CLI's read commands do (`demo=False` leaves it empty).
    #[new]
    #[pyo3(signature = (path=None, demo=true))]
    fn new(py: Python<'_>, path: Option<PathBuf>, demo: bool) -> PyResult<Self> {
        let root = match path {
            Some(p) => p,
            None => bilat_load::default_root()
                .context("cannot find the warehouse: pass a path or set BILAT_WAREHOUSE")
                .map_err(to_py)?,
        };
        let r = root.clone();
        py.detach(move || -> anyhow::Result<()> {
            let mut wh = Warehouse::open(&r)?;
            if demo && wh.is_empty() {
                bilat_load::load_demo(&mut wh)?;
            }
            Ok(())
        })
        .map_err(to_py)?;
        Ok(PyWarehouse {
            root,
            engine: Mutex::new(None),
        })
    }

    /// The warehouse directory.
    #[getter]
    fn path(&self) -> PathBuf {
        self.root.clone()
    }

    /// The catalog (`bilat catalog --format json`) as JSON text.
    fn catalog_json(&self, py: Python<'_>) -> PyResult<String> {
        let root = self.root.clone();
        py.detach(move || -> anyhow::Result<String> {
            let wh = Warehouse::open(&root)?;
            Ok(serde_json::to_string_pretty(wh.catalog())? + "\n")
        })
        .map_err(to_py)
    }

    /// `profile`, `indicators`, `potential`, `partners` or `history` with the API's
    /// parameters (`format`: json, csv, text or md) → the CLI's document.
    #[pyo3(signature = (analysis, params=None))]
    fn analysis(
        &self,
        py: Python<'_>,
        analysis: &str,
        params: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        match analysis {
            "profile" => {
                let p: ProfileQuery = query(params)?;
                let format = requests::table_format(p.format.as_deref()).map_err(bad)?;
                let req = requests::profile(&p).map_err(bad)?;
                self.with_engine(py, move |e| async move {
                    Ok(bilat_report::render_profile(&req.run(&e).await?, format))
                })
            }
            "indicators" => {
                let p: IndicatorsQuery = query(params)?;
                let format = requests::table_format(p.format.as_deref()).map_err(bad)?;
                let (req, top) = requests::indicators(&p).map_err(bad)?;
                self.with_engine(py, move |e| async move {
                    Ok(bilat_report::render_indicators(
                        &req.run(&e).await?,
                        format,
                        top,
                    ))
                })
            }
            "potential" => {
                let p: PotentialQuery = query(params)?;
                let format = requests::table_format(p.format.as_deref()).map_err(bad)?;
                let job = requests::potential(&p, None).map_err(bad)?;
                self.with_engine(py, move |e| async move {
                    Ok(match job {
                        PotentialJob::Products(r) => bilat_report::render_product_potential(
                            &bilat_analytics::product_potential_report(&e, &r).await?,
                            format,
                        ),
                        PotentialJob::Gravity(r) => {
                            bilat_report::render_gravity_potential(&r.run(Some(&e)).await?, format)
                        }
                    })
                })
            }
            "partners" => {
                let p: PartnersQuery = query(params)?;
                let format = requests::table_format(p.format.as_deref()).map_err(bad)?;
                let req = requests::partners(&p).map_err(bad)?;
                self.with_engine(py, move |e| async move {
                    Ok(bilat_report::render_partners(&req.run(&e).await?, format))
                })
            }
            "history" => {
                let p: HistoryQuery = query(params)?;
                let format = requests::table_format(p.format.as_deref()).map_err(bad)?;
                let req = requests::history(&p).map_err(bad)?;
                self.with_engine(py, move |e| async move {
                    Ok(bilat_report::render_history(&req.run(&e).await?, format))
                })
            }
            other => Err(PyValueError::new_err(format!(
                "unknown analysis {other:?}: profile, indicators, potential, partners or history"
            ))),
        }
    }

    /// The brief with the API's parameters (`lang`: en, ru; `format`: json, html, md, text).
    #[pyo3(signature = (params=None))]
    fn brief(&self, py: Python<'_>, params: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        let p: BriefQuery = query(params)?;
        let requests::BriefJob {
            request,
            lang,
            format,
        } = requests::brief(&p).map_err(bad)?;
        self.with_engine(py, move |e| async move {
            let inputs = request.run(&e).await?;
            let opts = bilat_report::BriefOptions {
                lang,
                ..Default::default()
            };
            Ok(bilat_report::brief_document(&inputs, &opts, format)?)
        })
    }

    /// Checks the numeric claims of `text` (`lang`: auto, en, ru; `format`: json, html, md,
    /// text, csv) → the `bilat check` document.
    #[pyo3(signature = (text, lang=None, format=None))]
    fn check(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        format: Option<&str>,
    ) -> PyResult<String> {
        if text.trim().is_empty() {
            return Err(crate::errors::UserError::new_err(
                "no text to check (the text is empty)",
            ));
        }
        let lang = requests::check_lang(lang).map_err(bad)?;
        let format = requests::check_format(format).map_err(bad)?;
        let rt = runtime()?;
        py.detach(|| -> anyhow::Result<String> {
            let engine = self.engine()?;
            let facts = bilat_claims::WarehouseFacts::from_engine(engine, rt.handle().clone());
            let report = bilat_claims::check(text, lang, &facts)?;
            Ok(bilat_claims::render(text, &report, format))
        })
        .map_err(to_py)
    }

    /// Read-only SQL over the warehouse's tables (`flows`, `series`, `products`, `pairs`) →
    /// a `pyarrow.Table` (or an Arrow stream object without pyarrow).
    fn sql(&self, py: Python<'_>, query: &str) -> PyResult<Py<PyAny>> {
        let q = query.to_string();
        let batches = self.with_engine(py, move |e| async move { Ok(e.sql(&q).await?) })?;
        let schema = batches.first().map_or_else(
            || Arc::new(arrow::datatypes::Schema::empty()),
            arrow::array::RecordBatch::schema,
        );
        crate::frame::table_out(py, batches, schema)
    }

    /// Imports a `baci`, `comtrade`, `ots` or `series` file (or folder, or zip) in one
    /// commit, as `bilat import` does: strict (the first bad row is a `DataError` with file,
    /// line, column) or `lenient` (bad rows go to `rejects`, default `rejects/NAME.rejects.csv`
    /// in the warehouse). `progress(done_bytes, total_bytes)` is called as parsing advances.
    /// Returns a JSON summary `{status, entry, rows_read, rejects}`.
    #[pyo3(signature = (kind, path, lenient=false, rejects=None, progress=None))]
    fn import_file(
        &self,
        py: Python<'_>,
        kind: &str,
        path: PathBuf,
        lenient: bool,
        rejects: Option<PathBuf>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<String> {
        let kind = match kind {
            "baci" => SourceKind::Baci,
            "comtrade" => SourceKind::Comtrade,
            "ots" => SourceKind::Ots,
            "series" => SourceKind::Series,
            other => {
                return Err(crate::errors::UserError::new_err(format!(
                    "unknown source {other:?}: baci, comtrade, ots or series"
                )));
            }
        };
        let root = self.root.clone();
        py.detach(move || import(&root, kind, &path, lenient, rejects, progress))
            .map_err(to_py)
    }

    fn __repr__(&self) -> String {
        format!("bilat.Warehouse({:?})", self.root.display().to_string())
    }
}

/// The import pipeline of `bilat import` (read, then one commit), reporting progress to a
/// Python callable at most every 1/200 of the input.
fn import(
    root: &Path,
    kind: SourceKind,
    path: &Path,
    lenient: bool,
    rejects: Option<PathBuf>,
    progress: Option<Py<PyAny>>,
) -> anyhow::Result<String> {
    let mut wh = Warehouse::open(root)?;
    let last = std::sync::atomic::AtomicU64::new(u64::MAX);
    let report = |done: u64, total: u64| {
        let Some(cb) = progress.as_ref() else { return };
        let step = (total / 200).max(1);
        let bucket = done / step;
        if last.swap(bucket, std::sync::atomic::Ordering::Relaxed) == bucket && done < total {
            return;
        }
        // A failing callback must not stop the import: its error is shown, not raised.
        Python::attach(|py| {
            if let Err(e) = cb.call1(py, (done, total)) {
                e.print(py);
            }
        });
    };
    let opts = ReadOptions {
        mode: if lenient { Mode::Lenient } else { Mode::Strict },
        progress: Some(&report),
    };
    let data = bilat_load::read(kind, path, &opts)?;
    let rejects = rejects.unwrap_or_else(|| bilat_load::default_rejects_path(root, path));
    let outcome = bilat_load::commit(&mut wh, data, &rejects, &CommitOptions::default())?;
    let summary = match &outcome {
        LoadOutcome::Committed {
            entry,
            rows_read,
            rejects,
        } => serde_json::json!({
            "status": "committed",
            "entry": entry,
            "rows_read": rows_read,
            "rejects": rejects.as_ref().map(|r| serde_json::json!({
                "rows": r.rows, "path": r.path.display().to_string(),
            })),
        }),
        LoadOutcome::AlreadyImported { entry } => serde_json::json!({
            "status": "already_imported",
            "entry": entry,
            "rows_read": 0,
            "rejects": null,
        }),
    };
    Ok(serde_json::to_string(&summary)?)
}
