//! The home page's "trending" list: rebuilt from a week of sales, read as one record.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

use super::{CardRow, CARD_FIELDS};

/// How far back "trending" looks, and how many products it keeps.
pub const TRENDING_DAYS: i64 = 7;
pub const TRENDING_SIZE: usize = 12;

#[derive(Debug, SurrealValue)]
struct UnitsRow {
    product: RecordId,
    units: i64,
}

/// The orders paid since `$since` (the trending job's one indexed read).
pub const PAID_SINCE: &str =
    "SELECT VALUE shop_order FROM order_event WHERE kind = 'paid' AND at > $since";

fn units_sold_since() -> String {
    format!(
        "LET $paid = ({PAID_SINCE});
             LET $live = (SELECT VALUE id FROM $paid WHERE status != 'cancelled' AND payment_status != 'refunded');
             SELECT product.variant_of ?? product AS product, math::sum(quantity) AS units FROM order_line WHERE shop_order IN $live GROUP BY product;"
    )
}

const SAVE_TRENDING: &str =
    "UPSERT trending:current CONTENT { products: $products, units: $units, since: $since, computed_at: $now }";

/// Rebuilds `trending:current`: units per listed product (variants count for the
/// listed one) over the orders paid in the last
/// [`TRENDING_DAYS`] that were not cancelled or refunded since, most units first (ties:
/// product id, so the list is stable). Returns how many products it kept.
///
/// The cost is bounded by a week of sales, not by the catalogue; it runs from the
/// background job, and the home page reads the one record.
pub async fn refresh_trending(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, surrealdb::Error> {
    let since = now - chrono::Duration::days(TRENDING_DAYS);
    let mut res = db
        .query(units_sold_since())
        .bind(("since", since))
        .await?
        .check()?;
    let mut rows: Vec<UnitsRow> = res.take(2)?;
    rows.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then_with(|| crate::db::key_of(&a.product).cmp(&crate::db::key_of(&b.product)))
    });
    rows.truncate(TRENDING_SIZE);
    let kept = rows.len();
    let (products, units): (Vec<RecordId>, Vec<i64>) =
        rows.into_iter().map(|r| (r.product, r.units)).unzip();
    db.query(SAVE_TRENDING)
        .bind(("products", products))
        .bind(("units", units))
        .bind(("since", since))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(kept)
}

const TRENDING_IDS: &str = "SELECT VALUE products FROM trending:current";

/// The trending products that are still on sale, in trending order.
pub async fn trending(db: &Db) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db.query(TRENDING_IDS).await?.check()?;
    let ids: Vec<Vec<RecordId>> = res.take(0)?;
    let ids = ids.into_iter().next().unwrap_or_default();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {CARD_FIELDS} FROM $ids WHERE status = 'active'");
    let mut res = db.query(sql).bind(("ids", ids.clone())).await?.check()?;
    let mut rows: Vec<CardRow> = res.take(0)?;
    rows.sort_by_key(|r| ids.iter().position(|id| id == &r.id));
    Ok(rows)
}
