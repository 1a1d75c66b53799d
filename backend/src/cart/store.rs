//! Cart queries (server only). A cart is one record whose `lines` array is replaced
//! as a whole, conditionally on its `version` (see `save_if_unchanged`).

use chrono::{DateTime, Utc};
use domain::cart::StoredLine;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{is_already_exists, is_conflict, key_of, Db};

#[derive(Clone, Debug, SurrealValue)]
struct LineRow {
    product: RecordId,
    quantity: i64,
    unit_price_minor: i64,
    currency: String,
}

#[derive(Clone, Debug, SurrealValue)]
struct CartRow {
    lines: Vec<LineRow>,
    version: i64,
}

/// A cart's lines and the version they were read at (`None`: no cart record yet).
pub struct Loaded {
    pub lines: Vec<StoredLine>,
    pub version: Option<i64>,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ProductRow {
    pub id: RecordId,
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub image_url: String,
    pub status: String,
    pub shop: RecordId,
    pub shop_name: Option<String>,
    pub ships_from: Option<String>,
    pub category: Option<RecordId>,
    /// The lowest price promotions may take a unit to.
    pub promo_floor_minor: Option<i64>,
}

#[derive(Clone, Debug, SurrealValue)]
struct StockRow {
    product: RecordId,
    available: i64,
}

/// The cart of a signed-in user.
pub fn user_cart(email: &str) -> RecordId {
    RecordId::new("cart", format!("user:{email}"))
}

/// The cart behind an anonymous `cart_token` cookie.
pub fn anonymous_cart(token: &str) -> RecordId {
    RecordId::new("cart", format!("anon:{token}"))
}

pub async fn load(db: &Db, cart: &RecordId) -> Result<Vec<StoredLine>, surrealdb::Error> {
    Ok(load_versioned(db, cart).await?.lines)
}

pub async fn load_versioned(db: &Db, cart: &RecordId) -> Result<Loaded, surrealdb::Error> {
    let mut res = db
        .query("SELECT lines, version FROM $id")
        .bind(("id", cart.clone()))
        .await?
        .check()?;
    let rows: Vec<CartRow> = res.take(0)?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(Loaded {
            lines: Vec::new(),
            version: None,
        });
    };
    let lines = row
        .lines
        .into_iter()
        .map(|l| StoredLine {
            product: key_of(&l.product),
            quantity: l.quantity.clamp(1, i64::from(domain::cart::MAX_QUANTITY)) as u32,
            unit_price_minor: l.unit_price_minor,
            currency: l.currency,
        })
        .collect();
    Ok(Loaded {
        lines,
        version: Some(row.version),
    })
}

fn line_rows(lines: &[StoredLine]) -> Vec<LineRow> {
    lines
        .iter()
        .map(|l| LineRow {
            product: RecordId::new("product", l.product.as_str()),
            quantity: i64::from(l.quantity),
            unit_price_minor: l.unit_price_minor,
            currency: l.currency.clone(),
        })
        .collect()
}

/// Writes the lines only if the cart is still at `expected` (the version read);
/// returns `false` when another request changed it first or the write lost a
/// retryable transaction conflict, so the caller re-reads and retries.
pub async fn save_if_unchanged(
    db: &Db,
    cart: &RecordId,
    owner: Option<RecordId>,
    lines: &[StoredLine],
    expected: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, surrealdb::Error> {
    let rows = line_rows(lines);
    let Some(version) = expected else {
        let mut res = db
            .query("CREATE $id SET owner = $owner, lines = $lines, version = 1, updated_at = $now")
            .bind(("id", cart.clone()))
            .bind(("owner", owner))
            .bind(("lines", rows))
            .bind(("now", now))
            .await?;
        return match res.take_errors().into_values().next() {
            None => Ok(true),
            Some(e) if is_already_exists(&e) || is_conflict(&e) => Ok(false),
            Some(e) => Err(e),
        };
    };
    let mut res = db
        .query(
            "UPDATE $id SET owner = $owner, lines = $lines, version = version + 1, updated_at = $now \
             WHERE version = $version RETURN VALUE version",
        )
        .bind(("id", cart.clone()))
        .bind(("owner", owner))
        .bind(("lines", rows))
        .bind(("now", now))
        .bind(("version", version))
        .await?;
    match res.take_errors().into_values().next() {
        Some(e) if is_conflict(&e) => return Ok(false),
        Some(e) => return Err(e),
        None => {}
    }
    let updated: Vec<i64> = res.take(0)?;
    Ok(!updated.is_empty())
}

pub async fn delete(db: &Db, cart: &RecordId) -> Result<(), surrealdb::Error> {
    db.query("DELETE $id")
        .bind(("id", cart.clone()))
        .await?
        .check()?;
    Ok(())
}

/// Current details of the products in a cart (any status, so a delisted line still shows).
pub async fn products(db: &Db, keys: &[String]) -> Result<Vec<ProductRow>, surrealdb::Error> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let mut res = db
        .query(
            "SELECT id, title_en, title_zh, price_minor, currency, image_url, status, shop, \
             shop.name AS shop_name, shop.ships_from AS ships_from, category, \
             promo_floor_minor FROM $ids",
        )
        .bind(("ids", ids))
        .await?
        .check()?;
    res.take(0)
}

/// Units available (on hand minus reserved) per product key.
pub async fn available(db: &Db, keys: &[String]) -> Result<Vec<(String, i64)>, surrealdb::Error> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let mut res = db
        .query("SELECT product, on_hand - reserved AS available FROM stock WHERE product IN $ids")
        .bind(("ids", ids))
        .await?
        .check()?;
    let rows: Vec<StockRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| (key_of(&r.product), r.available))
        .collect())
}
