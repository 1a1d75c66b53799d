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
}

impl CatalogCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            version: AtomicU64::new(0),
            ttl,
            entries: RwLock::new(HashMap::new()),
            keyed: RwLock::new((HashMap::new(), VecDeque::new())),
            max_keyed: 4096,
        }
    }

    /// Like [`get_or_load`](Self::get_or_load) for keys made at run time, such as a
    /// listing query; at most `max_keyed` of them are kept.
    pub async fn get_or_load_keyed<T, E, F>(&self, key: String, load: F) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, E>>,
    {
        let version = self.version.load(Ordering::Acquire);
        if let Ok(keyed) = self.keyed.read() {
            if let Some((v, at, value)) = keyed.0.get(&key) {
                if *v == version && at.elapsed() < self.ttl {
                    if let Some(hit) = value.downcast_ref::<T>() {
                        return Ok(hit.clone());
                    }
                }
            }
        }
        let value = load.await?;
        if let Ok(mut keyed) = self.keyed.write() {
            let (map, order) = &mut *keyed;
            if map
                .insert(
                    key.clone(),
                    (version, Instant::now(), Arc::new(value.clone())),
                )
                .is_none()
            {
                order.push_back(key);
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
        Ok(value)
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
