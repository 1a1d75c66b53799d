//! Shops as the storefront shows them: the seller filter and a shop's own page.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// Shops open for business (for the seller filter), by name.
#[derive(Clone, Debug, SurrealValue)]
pub struct ShopRow {
    pub slug: String,
    pub name: String,
}

const OPEN_SHOPS: &str = "SELECT slug, name FROM shop WHERE status = 'approved' ORDER BY name";

pub async fn open_shops(db: &Db) -> Result<Vec<ShopRow>, surrealdb::Error> {
    let mut res = db.query(OPEN_SHOPS).await?.check()?;
    res.take(0)
}

/// What a shop's page shows about the shop itself.
#[derive(Clone, Debug, SurrealValue)]
pub struct ShopPageRow {
    pub name: String,
    pub ships_from: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

const APPROVED_SHOP: &str =
    "SELECT name, ships_from, rating_avg, rating_count, created_at FROM ONLY $s WHERE status = 'approved'";

/// The shop's name, origin, rating and opening date; `None` unless it is approved.
pub async fn approved_shop(
    db: &Db,
    shop: RecordId,
) -> Result<Option<ShopPageRow>, surrealdb::Error> {
    let mut res = db.query(APPROVED_SHOP).bind(("s", shop)).await?.check()?;
    res.take(0)
}
