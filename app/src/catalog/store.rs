//! Catalog queries (server only).

use domain::{Currency, Money};
use surrealdb::types::{RecordId, SurrealValue};

use crate::state::Db;

#[derive(Clone, Debug, SurrealValue)]
pub struct CategoryRow {
    pub id: RecordId,
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
    pub parent: Option<RecordId>,
    pub depth: i64,
    pub position: i64,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct CardRow {
    pub id: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub image_url: String,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct DetailRow {
    pub id: RecordId,
    pub slug: String,
    pub brand: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub ships_from: Option<String>,
    pub image_url: String,
    pub category: RecordId,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct RateRow {
    pub quote: String,
    pub rate_e9: i64,
}

const CARD_FIELDS: &str =
    "id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
                           shop.name AS shop_name, image_url";

pub async fn categories(db: &Db) -> Result<Vec<CategoryRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, slug, name_en, name_zh, parent, depth, position FROM category ORDER BY depth, position")
        .await?
        .check()?;
    res.take(0)
}

pub async fn newest(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' ORDER BY created_at DESC LIMIT $limit"
    );
    let mut res = db.query(sql).bind(("limit", limit)).await?.check()?;
    res.take(0)
}

pub async fn top_rated(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND rating_count >= 3 \
         ORDER BY rating_avg DESC LIMIT $limit"
    );
    let mut res = db.query(sql).bind(("limit", limit)).await?.check()?;
    res.take(0)
}

pub async fn in_categories(
    db: &Db,
    cats: Vec<RecordId>,
    limit: i64,
) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND category IN $cats \
         ORDER BY created_at DESC LIMIT $limit"
    );
    let mut res = db
        .query(sql)
        .bind(("cats", cats))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// Full-text search over both titles (BM25 on the `product_title_*_ft` indexes),
/// best matches first, then the most reviewed.
pub async fn search(db: &Db, needle: &str, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS}, search::score(1) + search::score(2) AS score FROM product \
         WHERE (title_en @1@ $q OR title_zh @2@ $q) AND status = 'active' \
         ORDER BY score DESC, rating_count DESC LIMIT $limit"
    );
    let mut res = db
        .query(sql)
        .bind(("q", needle.to_string()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

pub async fn product(db: &Db, id: RecordId) -> Result<Option<DetailRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, slug, brand, title_en, title_zh, description_en, description_zh, price_minor, currency, \
             rating_avg, rating_count, shop.name AS shop_name, shop.ships_from AS ships_from, image_url, \
             category FROM $id WHERE status = 'active'",
        )
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<DetailRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

pub async fn product_images(db: &Db, id: RecordId) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE url FROM product_image WHERE product = $id ORDER BY position")
        .bind(("id", id))
        .await?
        .check()?;
    res.take(0)
}

/// Units on hand minus units reserved by unpaid checkouts.
pub async fn available_stock(db: &Db, product: RecordId) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE on_hand - reserved FROM stock WHERE product = $id")
        .bind(("id", product))
        .await?
        .check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

/// Exchange rates from USD to each currency, scaled by 10^9.
pub async fn usd_rates(db: &Db) -> Result<Vec<(Currency, i64)>, surrealdb::Error> {
    let mut res = db
        .query("SELECT quote, rate_e9 FROM fx_rate WHERE base = 'USD'")
        .await?
        .check()?;
    let rows: Vec<RateRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Currency::parse(&r.quote).map(|c| (c, r.rate_e9)))
        .collect())
}

/// Items in the cart of a user or of an anonymous cart token.
pub async fn cart_count(db: &Db, cart: RecordId) -> Result<u32, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE math::sum(lines.quantity) FROM $id")
        .bind(("id", cart))
        .await?
        .check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .unwrap_or(0)
        .clamp(0, i64::from(u32::MAX)) as u32)
}

/// Converts a price for display; `None` when it is already in that currency or no rate exists.
fn display_price(price: Money, to: Currency, rates: &[(Currency, i64)]) -> Option<Money> {
    if price.currency == to {
        return None;
    }
    let rate = |c: Currency| {
        if c == Currency::USD {
            Some(domain::money::RATE_SCALE as i64)
        } else {
            rates.iter().find(|(k, _)| *k == c).map(|(_, r)| *r)
        }
    };
    let cross = domain::money::cross_rate_e9(rate(price.currency)?, rate(to)?)?;
    price.convert(to, cross)
}

/// A charged price with its approximation in the shopper's display currency.
pub fn price_view(charged: Money, to: Currency, rates: &[(Currency, i64)]) -> super::PriceView {
    super::PriceView {
        charged,
        display: display_price(charged, to, rates),
    }
}
