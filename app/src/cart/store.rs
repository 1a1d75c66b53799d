//! Cart queries (server only). A cart is one record whose `lines` array is replaced
//! as a whole; only its owner's requests touch it.

use chrono::{DateTime, Utc};
use domain::cart::StoredLine;
use surrealdb::types::{RecordId, SurrealValue};

use crate::state::{key_of, Db};

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
    let mut res = db
        .query("SELECT lines FROM $id")
        .bind(("id", cart.clone()))
        .await?
        .check()?;
    let rows: Vec<CartRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .map(|c| c.lines)
        .unwrap_or_default()
        .into_iter()
        .map(|l| StoredLine {
            product: key_of(&l.product),
            quantity: l.quantity.clamp(1, i64::from(domain::cart::MAX_QUANTITY)) as u32,
            unit_price_minor: l.unit_price_minor,
            currency: l.currency,
        })
        .collect())
}

pub async fn save(
    db: &Db,
    cart: &RecordId,
    owner: Option<RecordId>,
    lines: &[StoredLine],
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let rows: Vec<LineRow> = lines
        .iter()
        .map(|l| LineRow {
            product: RecordId::new("product", l.product.as_str()),
            quantity: i64::from(l.quantity),
            unit_price_minor: l.unit_price_minor,
            currency: l.currency.clone(),
        })
        .collect();
    db.query("UPSERT $id SET owner = $owner, lines = $lines, updated_at = $now")
        .bind(("id", cart.clone()))
        .bind(("owner", owner))
        .bind(("lines", rows))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
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
             shop.name AS shop_name, shop.ships_from AS ships_from FROM $ids",
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
