//! What every request shares: the warehouse snapshot it reads, and the answers already given.
//!
//! *Snapshots.* A [`Snapshot`] is one catalog and the query engine over exactly the files it
//! names (an engine never sees a later commit; commits never delete a file a catalog named —
//! ARCHITECTURE "Concurrency"). Each request first `stat`s `catalog.json`: a commit replaces it
//! by rename, so a new inode, size or mtime means a new catalog, and the next request builds a
//! new snapshot (one at a time, under a lock) while requests already running finish on theirs.
//! A request therefore sees the old catalog or the new one, never a mix, and no restart is
//! needed. The stamp is taken *before* the catalog is read, so a commit racing the read can
//! only cause one extra reload, never a stale snapshot.
//!
//! *Answers.* Answers are immutable for a catalog state, so they are cached by (catalog tag,
//! method, path, query, body digest), bounded in bytes (oldest out first), and the catalog
//! tag is the strong `ETag` every answer carries.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use bilat_warehouse::{Catalog, QueryEngine, Warehouse};
use sha2::{Digest, Sha256};

/// The query-result memo of one snapshot's engine (`QueryEngine::with_result_cache`).
const RESULT_CACHE_BYTES: usize = 256 << 20;

/// How `catalog.json` looked when a snapshot was built: (device, inode, size, mtime ns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(u64, u64, u64, i128);

fn stamp(root: &Path) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(root.join("catalog.json")) {
        Ok(m) => Stamp(
            m.dev(),
            m.ino(),
            m.len(),
            i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
        ),
        Err(_) => Stamp(0, 0, 0, 0),
    }
}

/// One catalog state and its engine.
pub struct Snapshot {
    stamp: Stamp,
    /// The strong entity tag of every answer from this state, quoted.
    pub etag: String,
    /// The catalog the engine reads.
    pub catalog: Arc<Catalog>,
    /// The engine over the catalog's files, with a bounded result memo.
    pub engine: QueryEngine,
}

/// A finished answer: status 200, its media type and bytes, and a download name for files.
#[derive(Debug, Clone)]
pub struct Answer {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: axum::body::Bytes,
    /// `Content-Disposition: attachment; filename=…` when set.
    pub filename: Option<String>,
}

/// Recent answers by key, at most `budget` bytes of bodies, oldest evicted first.
pub struct AnswerCache {
    inner: Mutex<CacheInner>,
    budget: usize,
}

#[derive(Default)]
struct CacheInner {
    map: HashMap<String, Arc<Answer>>,
    order: VecDeque<String>,
    bytes: usize,
}

impl AnswerCache {
    /// An empty cache of at most `budget` bytes.
    pub fn new(budget: usize) -> Self {
        AnswerCache {
            inner: Mutex::new(CacheInner::default()),
            budget,
        }
    }

    /// The answer stored under `key`.
    pub fn get(&self, key: &str) -> Option<Arc<Answer>> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.map.get(key).cloned()
    }

    /// Stores an answer; one larger than a quarter of the budget is not kept.
    pub fn put(&self, key: String, answer: Arc<Answer>) {
        let size = answer.body.len() + key.len();
        if size > self.budget / 4 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.map.contains_key(&key) {
            return;
        }
        while inner.bytes + size > self.budget {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(a) = inner.map.remove(&old) {
                inner.bytes -= a.body.len() + old.len();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.map.insert(key, answer);
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).bytes
    }

    /// Drops every answer (a new catalog makes them unreachable anyway: keys carry the tag).
    pub fn clear(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner = CacheInner::default();
    }
}

/// The server's shared state.
pub struct AppState {
    /// The warehouse directory.
    pub root: PathBuf,
    /// Limits and switches.
    pub config: crate::ServeConfig,
    current: RwLock<Option<Arc<Snapshot>>>,
    reload: tokio::sync::Mutex<()>,
    /// Recent answers.
    pub answers: AnswerCache,
    /// Permits of the in-flight limit.
    pub in_flight: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State over the warehouse at `root`; nothing is read until the first request.
    pub fn new(root: PathBuf, config: crate::ServeConfig) -> Self {
        AppState {
            in_flight: Arc::new(tokio::sync::Semaphore::new(config.max_in_flight)),
            answers: AnswerCache::new(config.answer_cache_bytes),
            root,
            config,
            current: RwLock::new(None),
            reload: tokio::sync::Mutex::new(()),
        }
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The snapshot of the catalog as it is now (see the module doc).
    pub async fn snapshot(&self) -> anyhow::Result<Arc<Snapshot>> {
        let now = stamp(&self.root);
        if let Some(s) = self.current().filter(|s| s.stamp == now) {
            return Ok(s);
        }
        let _one_at_a_time = self.reload.lock().await;
        let now = stamp(&self.root);
        if let Some(s) = self.current().filter(|s| s.stamp == now) {
            return Ok(s);
        }
        let wh = Warehouse::open(&self.root)?;
        // One partition per statement: the server's parallelism is across requests (see
        // `QueryEngine::with_target_partitions`).
        let engine = wh
            .engine()
            .await?
            .with_target_partitions(1)
            .with_result_cache(RESULT_CACHE_BYTES);
        let catalog = Arc::new(wh.catalog().clone());
        let snap = Arc::new(Snapshot {
            stamp: now,
            etag: etag_of(&catalog),
            catalog,
            engine,
        });
        let old = self
            .current
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .replace(snap.clone());
        if old.is_some() {
            self.answers.clear();
        }
        Ok(snap)
    }
}

/// `"<sha256 of the catalog, 16 hex>-<server version>"`: every import, vintage and file the
/// answers are computed from, and the code that computes them.
fn etag_of(catalog: &Catalog) -> String {
    let bytes = serde_json::to_vec(catalog).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}-{}\"", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(n: usize) -> Arc<Answer> {
        Arc::new(Answer {
            content_type: "text/plain",
            body: vec![b'x'; n].into(),
            filename: None,
        })
    }

    #[test]
    fn the_answer_cache_stays_in_its_budget() {
        let c = AnswerCache::new(1000);
        for i in 0..50 {
            c.put(format!("k{i:02}"), answer(100));
            assert!(c.bytes() <= 1000, "{}", c.bytes());
        }
        assert!(c.get("k49").is_some(), "the newest is kept");
        assert!(c.get("k00").is_none(), "the oldest is evicted");
        c.put("big".into(), answer(600));
        assert!(
            c.get("big").is_none(),
            "over a quarter of the budget is not kept"
        );
    }
}
