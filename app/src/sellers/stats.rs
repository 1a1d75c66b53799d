//! The seller dashboard's traffic figures: product views, add-to-carts and checkouts
//! are counted in memory on the hot path (a mutex and a map increment) and written
//! in batches (`flush`, every few seconds by the server's job), never one database
//! write per request. Orders and sales are written with the ledger (`money`).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use surrealdb::types::RecordId;

use crate::state::{key_of, Db};

pub use crate::events::ShopperActivity as Event;

/// Counts shoppers' activity for the dashboard (see `record`).
pub struct StatsListener;

impl crate::events::ActivityListener for StatsListener {
    fn on_activity(&self, activity: Event, product_key: &str) {
        record(activity, product_key);
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    views: i64,
    adds: i64,
    checkouts: i64,
}

static PENDING: Mutex<Option<HashMap<String, Counts>>> = Mutex::new(None);

/// Counts one event for a product (by its record key).
pub fn record(event: Event, product_key: &str) {
    let Ok(mut guard) = PENDING.lock() else {
        return;
    };
    let map = guard.get_or_insert_with(HashMap::new);
    // a flood of bogus keys cannot grow the map without bound between flushes
    if map.len() >= 100_000 && !map.contains_key(product_key) {
        return;
    }
    let c = map.entry(product_key.to_string()).or_default();
    match event {
        Event::View => c.views += 1,
        Event::AddToCart => c.adds += 1,
        Event::Checkout => c.checkouts += 1,
    }
}

/// Writes the counted events into `product_day` and `shop_day` for `now`'s day, in
/// one request. Returns how many products had events.
pub async fn flush(db: &Db, now: DateTime<Utc>) -> Result<usize, surrealdb::Error> {
    let batch = PENDING
        .lock()
        .ok()
        .and_then(|mut g| g.take())
        .unwrap_or_default();
    if batch.is_empty() {
        return Ok(0);
    }
    let ids: Vec<RecordId> = batch
        .keys()
        .filter(|k| crate::state::is_record_key(k))
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let owners = crate::sellers::store::shops_of_products(db, ids).await?;
    let day = crate::sellers::money::imp::day_of(now);
    let mut shops: HashMap<String, Counts> = HashMap::new();
    let mut rows = Vec::new();
    for (product, shop) in &owners {
        let Some(c) = batch.get(&key_of(product)) else {
            continue;
        };
        let s = shops.entry(key_of(shop)).or_default();
        s.views += c.views;
        s.adds += c.adds;
        s.checkouts += c.checkouts;
        if c.views > 0 {
            rows.push(serde_json::json!({ "product": key_of(product), "shop": key_of(shop), "views": c.views }));
        }
    }
    let shop_rows: Vec<serde_json::Value> = shops
        .iter()
        .map(|(k, c)| serde_json::json!({ "shop": k, "views": c.views, "adds": c.adds, "checkouts": c.checkouts }))
        .collect();
    crate::sellers::store::add_day_counts(db, rows, shop_rows, day).await?;
    Ok(owners.len())
}
