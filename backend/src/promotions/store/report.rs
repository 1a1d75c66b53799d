//! What a promotion's report reads: the shop's orders (not cancelled) in a time range,
//! with their goods after discounts and units, and which of their buyers had ordered
//! from the shop before it (by the `shop_order_shop_created` index).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// The most orders one report reads.
pub const MAX_ORDERS: i64 = 50_000;

#[derive(Clone, Debug, SurrealValue)]
pub struct ReportOrder {
    pub buyer: RecordId,
    pub created_at: DateTime<Utc>,
    pub goods: i64,
    pub units: i64,
}

/// A shop's orders in a time range (binds `$shop`, `$from`, `$to`, `$limit`).
pub const ORDERS: &str = "SELECT buyer, created_at, \
     subtotal_minor - (discount_minor ?? 0) - (platform_discount_minor ?? 0) AS goods, \
     math::sum((SELECT VALUE quantity FROM order_line WHERE shop_order = $parent.id)) AS units \
     FROM shop_order WHERE shop = $shop AND created_at >= $from AND created_at < $to \
     AND status != 'cancelled' LIMIT $limit";

const KNOWN: &str = "array::distinct(SELECT VALUE buyer FROM shop_order WHERE shop = $shop \
     AND created_at < $from AND buyer IN $buyers AND status != 'cancelled' LIMIT $limit)";

/// `shop`'s orders placed in [`from`, `to`) that were not cancelled, and those of their
/// buyers who had ordered from the shop before `from`.
pub async fn orders_between(
    db: &Db,
    shop: &RecordId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<ReportOrder>, Vec<RecordId>), surrealdb::Error> {
    let mut res = db
        .query(ORDERS)
        .bind(("shop", shop.clone()))
        .bind(("from", from))
        .bind(("to", to))
        .bind(("limit", MAX_ORDERS))
        .await?
        .check()?;
    let orders: Vec<ReportOrder> = res.take(0)?;
    let mut buyers: Vec<RecordId> = orders.iter().map(|o| o.buyer.clone()).collect();
    buyers.sort_by_key(crate::db::key_of);
    buyers.dedup();
    let mut res = db
        .query(format!("RETURN {KNOWN}"))
        .bind(("shop", shop.clone()))
        .bind(("from", from))
        .bind(("buyers", buyers))
        .bind(("limit", MAX_ORDERS))
        .await?
        .check()?;
    let known: Vec<RecordId> = res.take(0)?;
    Ok((orders, known))
}
