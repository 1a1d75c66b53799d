//! An in-process cache for hot storefront reads (category tree, exchange rates, home
//! page lists). Entries are language- and currency-independent rows; each page view
//! localises and converts them, which costs microseconds instead of database queries.
//!
//! Freshness: every entry carries the catalog version it was loaded at; a write that
//! changes the catalog calls [`CatalogCache::invalidate`], which bumps the version.
//! Entries also expire after `ttl`, which bounds staleness when several app servers
//! share one database (each has its own cache).

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

type Entry = (u64, Instant, Arc<dyn Any + Send + Sync>);

pub struct CatalogCache {
    version: AtomicU64,
    ttl: Duration,
    entries: RwLock<HashMap<&'static str, Entry>>,
}

impl CatalogCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            version: AtomicU64::new(0),
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    /// Drops every cached read; call after any write that changes what shoppers see.
    pub fn invalidate(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// The cached value for `key`, or the result of `load` (cached when it succeeds).
    pub async fn get_or_load<T, E, F>(&self, key: &'static str, load: F) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, E>>,
    {
        let version = self.version.load(Ordering::Acquire);
        if let Ok(entries) = self.entries.read() {
            if let Some((v, at, value)) = entries.get(key) {
                if *v == version && at.elapsed() < self.ttl {
                    if let Some(hit) = value.downcast_ref::<T>() {
                        return Ok(hit.clone());
                    }
                }
            }
        }
        let value = load.await?;
        if let Ok(mut entries) = self.entries.write() {
            entries.insert(key, (version, Instant::now(), Arc::new(value.clone())));
        }
        Ok(value)
    }
}

/// Exchange rates from USD (×10^9), which every priced page needs, through the cache.
pub async fn usd_rates(
    state: &crate::state::AppState,
) -> Result<Vec<(domain::Currency, i64)>, surrealdb::Error> {
    state
        .catalog_cache
        .get_or_load("usd_rates", super::store::usd_rates(&state.db))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[tokio::test]
    async fn hits_until_invalidated_or_expired() {
        let cache = CatalogCache::new(Duration::from_secs(60));
        let loads = AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(vec![1, 2, 3])
        };
        assert_eq!(cache.get_or_load("k", load()).await, Ok(vec![1, 2, 3]));
        assert_eq!(cache.get_or_load("k", load()).await, Ok(vec![1, 2, 3]));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        cache.invalidate();
        cache.get_or_load("k", load()).await.unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 2);

        let short = CatalogCache::new(Duration::from_millis(0));
        short.get_or_load("k", load()).await.unwrap();
        short.get_or_load("k", load()).await.unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 4, "expired entries reload");
    }

    #[tokio::test]
    async fn failures_are_not_cached() {
        let cache = CatalogCache::new(Duration::from_secs(60));
        assert_eq!(
            cache
                .get_or_load::<u8, _, _>("k", async { Err("down") })
                .await,
            Err("down")
        );
        assert_eq!(
            cache.get_or_load("k", async { Ok::<u8, &str>(7) }).await,
            Ok(7)
        );
    }
}
