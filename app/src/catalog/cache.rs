//! An in-process cache for hot storefront reads (category tree, exchange rates, home
//! page lists). Entries are language- and currency-independent rows; each page view
//! localises and converts them, which costs microseconds instead of database queries.
//!
//! Freshness: every entry carries the catalog version it was loaded at; a write that
//! changes the catalog calls [`CatalogCache::invalidate`], which bumps the version.
//! Entries also expire after `ttl`, which bounds staleness when several app servers
//! share one database (each has its own cache).

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

type Entry = (u64, Instant, Arc<dyn Any + Send + Sync>);

pub struct CatalogCache {
    version: AtomicU64,
    ttl: Duration,
    entries: RwLock<HashMap<&'static str, Entry>>,
    /// Per-query entries (listing pages by category/search, filters, sort and
    /// cursor), bounded: the oldest inserted go first when it is full.
    keyed: RwLock<(HashMap<String, Entry>, VecDeque<String>)>,
    max_keyed: usize,
    /// One loader per missing key: concurrent requests for it wait for that load
    /// instead of all querying the database at once (a cold cache under load).
    inflight: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl CatalogCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            version: AtomicU64::new(0),
            ttl,
            entries: RwLock::new(HashMap::new()),
            keyed: RwLock::new((HashMap::new(), VecDeque::new())),
            max_keyed: 4096,
            inflight: std::sync::Mutex::new(HashMap::new()),
        }
    }

    fn lookup<T: Clone + 'static>(&self, key: &str, version: u64) -> Option<T> {
        let fresh = |(v, at, value): &Entry| {
            (*v == version && at.elapsed() < self.ttl)
                .then(|| value.downcast_ref::<T>().cloned())
                .flatten()
        };
        if let Some(hit) = self
            .entries
            .read()
            .ok()
            .and_then(|e| e.get(key).and_then(fresh))
        {
            return Some(hit);
        }
        self.keyed
            .read()
            .ok()
            .and_then(|k| k.0.get(key).and_then(fresh))
    }

    /// The per-key lock that makes concurrent misses wait for one load.
    fn loader(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        inflight.entry(key.to_string()).or_default().clone()
    }

    fn loaded(&self, key: &str) {
        let mut inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        inflight.remove(key);
    }

    /// Drops every cached read; call after any write that changes what shoppers see.
    pub fn invalidate(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// Drops one fixed-key entry, for a background job that has just rebuilt its source.
    pub fn forget(&self, key: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(key);
        }
    }

    /// The cached value for `key`, or the result of `load` (cached when it succeeds).
    pub async fn get_or_load<T, E, F>(&self, key: &'static str, load: F) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, E>>,
    {
        let version = self.version.load(Ordering::Acquire);
        if let Some(hit) = self.lookup(key, version) {
            return Ok(hit);
        }
        let lock = self.loader(key);
        let _turn = lock.lock().await;
        if let Some(hit) = self.lookup(key, version) {
            return Ok(hit);
        }
        let result = load.await;
        if let (Ok(value), Ok(mut entries)) = (&result, self.entries.write()) {
            entries.insert(key, (version, Instant::now(), Arc::new(value.clone())));
        }
        self.loaded(key);
        result
    }

    /// Like [`get_or_load`](Self::get_or_load) for keys made at run time, such as a
    /// listing query; at most `max_keyed` of them are kept.
    pub async fn get_or_load_keyed<T, E, F>(&self, key: String, load: F) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, E>>,
    {
        let version = self.version.load(Ordering::Acquire);
        if let Some(hit) = self.lookup(&key, version) {
            return Ok(hit);
        }
        let lock = self.loader(&key);
        let _turn = lock.lock().await;
        if let Some(hit) = self.lookup(&key, version) {
            return Ok(hit);
        }
        let result = load.await;
        if let (Ok(value), Ok(mut keyed)) = (&result, self.keyed.write()) {
            let (map, order) = &mut *keyed;
            if map
                .insert(
                    key.clone(),
                    (version, Instant::now(), Arc::new(value.clone())),
                )
                .is_none()
            {
                order.push_back(key.clone());
            }
            while map.len() > self.max_keyed {
                match order.pop_front() {
                    Some(old) => {
                        map.remove(&old);
                    }
                    None => break,
                }
            }
        }
        self.loaded(&key);
        result
    }
}

/// Exchange rates from USD (×10^9), which every priced page needs, through the cache.
pub async fn usd_rates(
    state: &crate::state::AppState,
) -> Result<domain::fx::RateTable, surrealdb::Error> {
    state
        .catalog_cache
        .get_or_load("usd_rates", backend::fx::store::rate_table(&state.db))
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
    async fn keyed_entries_are_bounded_and_invalidated() {
        let mut cache = CatalogCache::new(Duration::from_secs(60));
        cache.max_keyed = 3;
        let loads = AtomicUsize::new(0);
        let load = |n: u32| {
            loads.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<_, ()>(n) }
        };
        for n in 0..5 {
            assert_eq!(
                cache.get_or_load_keyed(format!("q{n}"), load(n)).await,
                Ok(n)
            );
        }
        assert_eq!(cache.keyed.read().unwrap().0.len(), 3, "bounded");
        assert_eq!(
            cache.get_or_load_keyed("q4".into(), load(99)).await,
            Ok(4),
            "recent kept"
        );
        assert_eq!(
            cache.get_or_load_keyed("q0".into(), load(7)).await,
            Ok(7),
            "oldest evicted"
        );
        cache.invalidate();
        assert_eq!(
            cache.get_or_load_keyed("q4".into(), load(8)).await,
            Ok(8),
            "invalidated"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_misses_load_once() {
        let cache = Arc::new(CatalogCache::new(Duration::from_secs(60)));
        let loads = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let (cache, loads) = (cache.clone(), loads.clone());
                tokio::spawn(async move {
                    cache
                        .get_or_load_keyed("hot".to_string(), async {
                            loads.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Ok::<_, ()>(42)
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Ok(42));
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
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
