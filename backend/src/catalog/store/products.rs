//! Products: cards for the home page and related lists, a product page's detail,
//! images, variants and stock.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

use super::{AVAILABLE, CARD_FIELDS};

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
    /// Which promotions may cover it (its shop's, on it or its category).
    pub shop: RecordId,
    pub category: RecordId,
    /// The crossed-out "compare at" price the seller set.
    pub compare_at_minor: Option<i64>,
    /// The lowest price promotions may take a unit to.
    pub promo_floor_minor: Option<i64>,
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
    pub shop_slug: Option<String>,
    pub ships_from: Option<String>,
    /// The shop's country (ISO), for the delivery panel.
    pub shop_country: Option<String>,
    pub image_url: String,
    pub shop: RecordId,
    pub compare_at_minor: Option<i64>,
    pub promo_floor_minor: Option<i64>,
    pub category: RecordId,
    /// The listed product of its variant group, when this is one of the others.
    pub variant_of: Option<RecordId>,
    /// Whether this is the listed product of a variant group.
    pub has_variants: bool,
}

/// The text [`newest`] runs (binds `$limit`).
pub fn newest_query() -> String {
    format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE ORDER BY newest_key LIMIT $limit"
    )
}

pub async fn newest(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db
        .query(newest_query())
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The text [`top_rated`] runs (binds `$limit`).
pub fn top_rated_query() -> String {
    format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE AND rating_count >= 3 \
         ORDER BY rating_key LIMIT $limit"
    )
}

pub async fn top_rated(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db
        .query(top_rated_query())
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The text [`in_categories`] runs (binds `$cats`, `$limit`).
pub fn in_categories_query() -> String {
    format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE AND category IN $cats \
         ORDER BY newest_key LIMIT $limit"
    )
}

pub async fn in_categories(
    db: &Db,
    cats: Vec<RecordId>,
    limit: i64,
) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db
        .query(in_categories_query())
        .bind(("cats", cats))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

const PRODUCT_DETAIL: &str = "SELECT id, slug, brand, title_en, title_zh, description_en, description_zh, price_minor, currency, \
             rating_avg, rating_count, shop.name AS shop_name, shop.slug AS shop_slug, shop.ships_from AS ships_from, shop.country AS shop_country, image_url, \
             shop, compare_at_minor, promo_floor_minor, category, variant_of, variants != NONE AS has_variants FROM $id WHERE status = 'active'";

pub async fn product(db: &Db, id: RecordId) -> Result<Option<DetailRow>, surrealdb::Error> {
    let mut res = db.query(PRODUCT_DETAIL).bind(("id", id)).await?.check()?;
    let rows: Vec<DetailRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// One axis value of a variant, such as Size: M (migration 0010).
#[derive(Clone, Debug, SurrealValue)]
pub struct OptionRow {
    pub axis_en: String,
    pub axis_zh: String,
    pub value_en: String,
    pub value_zh: String,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct VariantRow {
    pub id: RecordId,
    pub slug: String,
    pub options: Option<Vec<OptionRow>>,
    pub available: i64,
}

/// The variants of the group `listed` stands for, on sale, with what can be bought:
/// the listed product first, then its `variants` in order. Empty when it has none.
pub async fn variant_group(db: &Db, listed: RecordId) -> Result<Vec<VariantRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT id, slug, options, {AVAILABLE} AS available \
         FROM array::concat([$listed], (SELECT VALUE variants FROM ONLY $listed) ?? []) \
         WHERE status = 'active' AND options != NONE"
    );
    let mut res = db.query(sql).bind(("listed", listed)).await?.check()?;
    res.take(0)
}

pub const PRODUCT_IMAGES: &str =
    "SELECT VALUE url FROM product_image WHERE product = $id ORDER BY position";

pub async fn product_images(db: &Db, id: RecordId) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db.query(PRODUCT_IMAGES).bind(("id", id)).await?.check()?;
    res.take(0)
}

pub const AVAILABLE_STOCK: &str = "SELECT VALUE on_hand - reserved FROM stock WHERE product = $id";

/// Units on hand minus units reserved by unpaid checkouts.
pub async fn available_stock(db: &Db, product: RecordId) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query(AVAILABLE_STOCK)
        .bind(("id", product))
        .await?
        .check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

const CART_COUNT: &str = "SELECT VALUE math::sum(lines.quantity) FROM $id";

/// Items in the cart of a user or of an anonymous cart token.
pub async fn cart_count(db: &Db, cart: RecordId) -> Result<u32, surrealdb::Error> {
    let mut res = db.query(CART_COUNT).bind(("id", cart)).await?.check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .unwrap_or(0)
        .clamp(0, i64::from(u32::MAX)) as u32)
}
