//! In-process record locks. Transactions that touch the same record (a product's
//! stock, a credit balance) are queued inside this process: SurrealDB would run them
//! optimistically and make all but one retry, which under a rush (hundreds of buyers,
//! one product) turns into a retry storm. The transaction's own guards and its retry
//! on conflicts still keep things correct across processes.

use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use surrealdb::types::RecordId;
use tokio::sync::{Mutex, MutexGuard};

static STRIPES: LazyLock<Vec<Mutex<()>>> =
    LazyLock::new(|| (0..64).map(|_| Mutex::new(())).collect());

/// Holds the locks of `records` (striped by hash) until the guards drop; always taken
/// in the same order, so two callers cannot wait on each other.
pub async fn lock_records(records: &[RecordId]) -> Vec<MutexGuard<'static, ()>> {
    let mut stripes: Vec<usize> = records
        .iter()
        .map(|r| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            r.table.as_str().hash(&mut h);
            super::key_of(r).hash(&mut h);
            (h.finish() % STRIPES.len() as u64) as usize
        })
        .collect();
    stripes.sort_unstable();
    stripes.dedup();
    let mut guards = Vec::with_capacity(stripes.len());
    for i in stripes {
        guards.push(STRIPES[i].lock().await);
    }
    guards
}
