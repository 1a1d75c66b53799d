//! What the share cards show: a live product or an approved shop, and their images.

use surrealdb::types::{RecordId, SurrealValue};

use app::state::Db;

/// A live product, as its card shows it.
#[derive(SurrealValue)]
pub struct ProductCardRow {
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub shop_name: Option<String>,
    pub image_url: String,
    pub rating_avg: f64,
    pub rating_count: i64,
}

/// An approved shop, as its card shows it.
#[derive(SurrealValue)]
pub struct ShopCardRow {
    pub name: String,
    pub ships_from: String,
    pub rating_avg: f64,
    pub rating_count: i64,
}

/// A card query's answer: the page's row (statement 0; `None`: no such live page) and
/// its image addresses (statement 1).
fn row_and_images<R: SurrealValue>(
    res: Result<surrealdb::IndexedResults, surrealdb::Error>,
) -> Result<Option<(R, Vec<String>)>, surrealdb::Error> {
    let mut res = res.and_then(|r| r.check())?;
    let row: Option<R> = res.take(0)?;
    let images: Vec<String> = res.take(1)?;
    Ok(row.map(|r| (r, images)))
}

const PRODUCT_CARD: &str = "SELECT title_en, title_zh, price_minor, currency, shop.name AS shop_name, image_url, rating_avg, rating_count \
               FROM ONLY $p WHERE status = 'active';\n\
             SELECT VALUE thumb_url FROM product_image WHERE product = $p AND thumb_url != NONE ORDER BY position LIMIT 1;";

/// The active product `key` and its first photo's thumbnail (if any); `None` when there
/// is no such live product.
pub async fn live_product_card(
    db: &Db,
    key: &str,
) -> Result<Option<(ProductCardRow, Vec<String>)>, surrealdb::Error> {
    let res = db
        .query(PRODUCT_CARD)
        .bind(("p", RecordId::new("product", key)))
        .await;
    row_and_images(res)
}

const SHOP_CARD: &str =
    "SELECT name, ships_from, rating_avg, rating_count FROM ONLY $s WHERE status = 'approved';\n\
             SELECT VALUE image_url FROM product WHERE shop = $s AND status = 'active' LIMIT 3;";

/// The approved shop `slug` and the images of up to three of its active products;
/// `None` when there is no such approved shop.
pub async fn approved_shop_card(
    db: &Db,
    slug: &str,
) -> Result<Option<(ShopCardRow, Vec<String>)>, surrealdb::Error> {
    let res = db
        .query(SHOP_CARD)
        .bind(("s", RecordId::new("shop", slug)))
        .await;
    row_and_images(res)
}
