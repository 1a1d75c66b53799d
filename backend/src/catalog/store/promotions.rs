//! Shops' "spend X, save Y" promotions.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// A running "spend X, save Y" offer (migration 0011).
#[derive(Clone, Debug, SurrealValue)]
pub struct PromotionRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    pub threshold_minor: i64,
    pub discount_minor: i64,
    pub currency: String,
    pub browse: RecordId,
    pub ends_at: chrono::DateTime<chrono::Utc>,
}

impl PromotionRow {
    pub fn offer(&self) -> Option<domain::promotion::SpendSave> {
        domain::promotion::SpendSave::new(self.threshold_minor, self.discount_minor).ok()
    }
}

const PROMOTION_FIELDS: &str =
    "id, shop, shop.name AS shop_name, shop.slug AS shop_slug, title_en, title_zh, \
     threshold_minor, discount_minor, currency, browse, ends_at";

/// The text [`running_promotions`] runs (binds `$now`, `$limit`).
pub fn running_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE ends_at > $now AND starts_at <= $now \
         AND shop.status = 'approved' ORDER BY ends_at LIMIT $limit"
    )
}

/// The text [`shop_promotions`] runs (binds `$shops`, `$now`).
pub fn shop_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop IN $shops AND ends_at > $now AND starts_at <= $now"
    )
}

/// Promotions running at `now`, ending soonest first.
pub async fn running_promotions(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(running_promotions_query())
        .bind(("now", now))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The promotions of these shops running at `now`.
pub async fn shop_promotions(
    db: &Db,
    shops: Vec<RecordId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(shop_promotions_query())
        .bind(("shops", shops))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}
