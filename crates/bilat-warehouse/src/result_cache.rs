//! A memo of query results by SQL text, for one engine: what lets a caller that asks the same
//! questions many times (the claim checker of a long text: every month range of a pair reads
//! the same pair detail) pay for each distinct query once.
//!
//! Sound because an engine is a snapshot: its tables are the files the catalog named when it
//! was built ([`crate::Warehouse::engine`]), and a later commit writes new files and a new
//! catalog, never these. The same deterministic SQL over the same files gives the same rows.
//! Only bilat's own queries go through an engine with a cache (`now()` or `random()` would be
//! memoised too), and the memo is bounded: past its byte budget it starts again empty.
//!
//! Concurrent callers of the same SQL share one execution (a `OnceCell` per statement), so the
//! profiles a checker computes side by side do not run a shared query twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use arrow::array::RecordBatch;
use tokio::sync::OnceCell;

use crate::Result;

/// Results by SQL text, within a byte budget.
#[derive(Debug)]
pub(crate) struct ResultCache {
    budget_bytes: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Bytes of the results held (Arrow buffer sizes).
    bytes: usize,
    results: HashMap<String, Arc<OnceCell<Vec<RecordBatch>>>>,
}

impl ResultCache {
    /// An empty memo that holds up to `budget_bytes` of results.
    pub(crate) fn new(budget_bytes: usize) -> Self {
        ResultCache {
            budget_bytes,
            state: Mutex::new(State::default()),
        }
    }

    /// The result of `sql`: memoised, or computed by `run` (once, whoever else asks meanwhile).
    /// A failed run is not memoised; the next caller runs it again.
    pub(crate) async fn get_or_run<F, Fut>(&self, sql: &str, run: F) -> Result<Vec<RecordBatch>>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Vec<RecordBatch>>>,
    {
        let cell = {
            let mut state = self.lock();
            Arc::clone(state.results.entry(sql.to_string()).or_default())
        };
        let mut ran = false;
        let batches = cell
            .get_or_try_init(|| {
                ran = true;
                run()
            })
            .await?
            .clone();
        if ran {
            let size: usize = batches.iter().map(RecordBatch::get_array_memory_size).sum();
            let mut state = self.lock();
            state.bytes += size;
            if state.bytes > self.budget_bytes {
                // Over budget: start again (callers holding a result keep it).
                state.results.clear();
                state.bytes = 0;
            }
        }
        Ok(batches)
    }

    /// Number of statements memoised.
    pub(crate) fn len(&self) -> usize {
        self.lock().results.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Every write leaves the map consistent, so a poisoned lock still guards a valid memo.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Int64Array;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn batch(n: i64) -> Vec<RecordBatch> {
        let a = Arc::new(Int64Array::from(vec![n; 100])) as arrow::array::ArrayRef;
        vec![RecordBatch::try_from_iter([("v", a)]).unwrap()]
    }

    #[tokio::test]
    async fn each_statement_runs_once_and_failures_are_not_kept() {
        let cache = ResultCache::new(1 << 20);
        let runs = AtomicUsize::new(0);
        for _ in 0..3 {
            let b = cache
                .get_or_run("SELECT 1", || async {
                    runs.fetch_add(1, Ordering::SeqCst);
                    Ok(batch(1))
                })
                .await
                .unwrap();
            assert_eq!(b[0].num_rows(), 100);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        let failed = cache
            .get_or_run("SELECT 2", || async {
                Err(crate::Error::ReadOnly {
                    statement: "SELECT 2".into(),
                    reason: "test".into(),
                })
            })
            .await;
        assert!(failed.is_err());
        let ok = cache
            .get_or_run("SELECT 2", || async { Ok(batch(2)) })
            .await
            .unwrap();
        assert_eq!(ok[0].num_rows(), 100);
    }

    #[tokio::test]
    async fn past_the_budget_the_memo_starts_again() {
        let cache = ResultCache::new(1);
        cache
            .get_or_run("SELECT 1", || async { Ok(batch(1)) })
            .await
            .unwrap();
        assert_eq!(
            cache.len(),
            0,
            "one result over a 1-byte budget is not kept"
        );
    }
}
