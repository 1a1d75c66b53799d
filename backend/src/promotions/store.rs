//! Promotions' queries: the running ones (home page, checkout), a shop's list, creating
//! one, pausing, resuming and ending it, and counting what each checkout gave away.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Db, Refusal, Stmts};

/// A promotion as stored (migrations 0011 and 0038).
#[derive(Clone, Debug, SurrealValue)]
pub struct PromotionRow {
    pub id: RecordId,
    pub shop: Option<RecordId>,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    /// The pricing engine's rule (JSON of `domain::pricing::Kind`).
    pub rule: String,
    pub currency: String,
    pub browse: Option<RecordId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub paused: bool,
    pub budget_minor: Option<i64>,
    pub spent_minor: i64,
    pub orders: i64,
    pub revenue_minor: i64,
}

impl PromotionRow {
    pub fn kind(&self) -> Option<domain::pricing::Kind> {
        serde_json::from_str(&self.rule).ok()
    }
}

const PROMOTION_FIELDS: &str =
    "id, shop, shop.name AS shop_name, shop.slug AS shop_slug, title_en, title_zh, rule, \
     currency, browse, starts_at, ends_at, paused ?? false AS paused, budget_minor, \
     spent_minor ?? 0 AS spent_minor, orders ?? 0 AS orders, revenue_minor ?? 0 AS revenue_minor";

/// Running: started, not ended, not paused, budget not given away, its shop selling.
const RUNNING: &str = "ends_at > $now AND starts_at <= $now AND (paused ?? false) = false \
     AND (budget_minor IS NONE OR (spent_minor ?? 0) < budget_minor) AND shop.status = 'approved'";

/// The text [`running_promotions`] runs (binds `$now`, `$limit`).
pub fn running_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE {RUNNING} ORDER BY ends_at LIMIT $limit"
    )
}

/// The text [`upcoming_promotions`] runs (binds `$now`, `$limit`): not ended, not
/// paused, budget left, the shop selling (whether each has started is the reader's to
/// check, so a cached list stays right as promotions start).
pub fn upcoming_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE ends_at > $now AND (paused ?? false) = false \
         AND (budget_minor IS NONE OR (spent_minor ?? 0) < budget_minor) AND shop.status = 'approved' \
         ORDER BY ends_at LIMIT $limit"
    )
}

/// Promotions that have not ended (started or not), ending soonest first.
pub async fn upcoming_promotions(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(upcoming_promotions_query())
        .bind(("now", now))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The text [`shop_promotions`] runs (binds `$shops`, `$now`).
pub fn shop_promotions_query() -> String {
    format!("SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop IN $shops AND {RUNNING}")
}

/// The text [`promotions_of_shop`] runs (binds `$shop`, `$limit`).
pub fn promotions_of_shop_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop = $shop ORDER BY ends_key LIMIT $limit"
    )
}

/// Promotions running at `now`, ending soonest first.
pub async fn running_promotions(
    db: &Db,
    now: DateTime<Utc>,
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
    now: DateTime<Utc>,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(shop_promotions_query())
        .bind(("shops", shops))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

/// A shop's promotions, latest ending first (at most `limit`).
pub async fn promotions_of_shop(
    db: &Db,
    shop: &RecordId,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(promotions_of_shop_query())
        .bind(("shop", shop.clone()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// A new promotion of a shop.
#[derive(Clone, Debug, SurrealValue)]
pub struct NewPromotion {
    pub shop: RecordId,
    pub title_en: String,
    pub title_zh: String,
    pub rule: String,
    pub currency: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub budget_minor: Option<i64>,
    pub paused: bool,
    pub spent_minor: i64,
    pub orders: i64,
    pub revenue_minor: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const CREATE: &str = "CREATE $id CONTENT $row RETURN NONE";

pub async fn create_promotion(
    db: &Db,
    id: &RecordId,
    row: NewPromotion,
) -> Result<(), surrealdb::Error> {
    db.query(CREATE)
        .bind(("id", id.clone()))
        .bind(("row", row))
        .await?
        .check()?;
    Ok(())
}

/// The shop's products among `keys` (the keys found), and whether `category` exists.
const OWN_PRODUCTS: &str = "SELECT VALUE record::id(id) FROM $ids WHERE shop = $shop;\n\
     RETURN $category = NONE OR record::exists($category);";

pub async fn own_products(
    db: &Db,
    shop: &RecordId,
    keys: &[String],
    category: Option<RecordId>,
) -> Result<(Vec<String>, bool), surrealdb::Error> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let mut res = db
        .query(OWN_PRODUCTS)
        .bind(("ids", ids))
        .bind(("shop", shop.clone()))
        .bind(("category", category))
        .await?
        .check()?;
    let found: Vec<String> = res.take(0)?;
    let exists: Option<bool> = res.take(1)?;
    Ok((found, exists.unwrap_or(false)))
}

/// How a seller moves a promotion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Pause,
    Resume,
    /// Ends it now (a scheduled one never starts).
    End,
}

/// Pauses, resumes or ends one of `shop`'s promotions that has not ended; the ids
/// moved (none: not the shop's, or over).
pub async fn move_promotion(
    db: &Db,
    id: &RecordId,
    shop: &RecordId,
    to: Move,
    now: DateTime<Utc>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let set = match to {
        Move::Pause => "paused = true",
        Move::Resume => "paused = false",
        Move::End => "ends_at = $now, starts_at = IF starts_at > $now THEN $now ELSE starts_at END",
    };
    let sql = format!(
        "UPDATE $id SET {set}, updated_at = $now WHERE shop = $shop AND ends_at > $now RETURN VALUE id"
    );
    let mut res = db
        .query(sql)
        .bind(("id", id.clone()))
        .bind(("shop", shop.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

// A checkout counts what each promotion gave away on its orders; one whose budget would
// be overspent refuses the checkout (another buyer's checkout got there first)
const SPEND: &str = "LET $spent = (UPDATE $p SET spent_minor += $n, orders += $orders, \
     revenue_minor += $revenue WHERE budget_minor IS NONE OR spent_minor + $n <= budget_minor \
     RETURN VALUE id)";

/// The statements of a checkout that count `n` given away by promotion `p` on `orders`
/// orders whose goods came to `revenue` after discounts.
pub fn spend_stmts(p: &RecordId, n: i64, orders: i64, revenue: i64) -> Stmts {
    let mut s = Stmts::new();
    s.bind("p", p.clone())
        .bind("n", n)
        .bind("orders", orders)
        .bind("revenue", revenue)
        .lock(p.clone())
        .sql(SPEND)
        .refuse_if("array::len($spent) = 0", Refusal::Changed);
    s
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ShopCategory {
    pub id: RecordId,
    pub name_en: String,
    pub name_zh: String,
}

// the categories of a shop's listings (its `product_shop` index), named
const SHOP_CATEGORIES: &str = "SELECT id, name_en, name_zh FROM \
     array::distinct((SELECT VALUE category FROM product WHERE shop = $shop AND variant_of = NONE LIMIT 5000)) \
     ORDER BY name_en LIMIT 100";

/// The categories a shop's listings are in (what its promotions may target).
pub async fn shop_categories(
    db: &Db,
    shop: &RecordId,
) -> Result<Vec<ShopCategory>, surrealdb::Error> {
    let mut res = db
        .query(SHOP_CATEGORIES)
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}
