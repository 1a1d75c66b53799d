//! A listing's variants: what it is a variant of, its option values, its variants,
//! and creating a variant as a copy of the listing.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

pub use crate::catalog::store::OptionRow;
use crate::db::Db;

#[derive(SurrealValue)]
pub struct VariantInfo {
    pub variant_of: Option<RecordId>,
    pub options: Option<Vec<OptionRow>>,
    pub variants: Option<Vec<RecordId>>,
}

const VARIANT_INFO: &str = "SELECT variant_of, options, variants FROM $id";

/// What the listing `id` is a variant of, its own option values and its variants.
pub async fn variant_info(db: &Db, id: &RecordId) -> Result<Vec<VariantInfo>, surrealdb::Error> {
    let mut res = db
        .query(VARIANT_INFO)
        .bind(("id", id.clone()))
        .await?
        .check()?;
    res.take(0)
}

#[derive(SurrealValue)]
pub struct VariantRow {
    pub id: RecordId,
    pub sku: Option<String>,
    pub price_minor: i64,
    pub status: String,
    pub options: Option<Vec<OptionRow>>,
    pub on_hand: Option<i64>,
}

const VARIANTS: &str = "SELECT id, sku, price_minor, status, options, \
       type::record('stock', record::id(id)).on_hand AS on_hand FROM $ids";

/// The variants `ids` with their stock on hand.
pub async fn variants(db: &Db, ids: Vec<RecordId>) -> Result<Vec<VariantRow>, surrealdb::Error> {
    let mut res = db.query(VARIANTS).bind(("ids", ids)).await?.check()?;
    res.take(0)
}

/// A new variant of `src`: its option values (`opts`), the listing's own (`own_opts`),
/// title suffixes, price, SKU and stock.
pub struct NewVariant {
    pub src: RecordId,
    pub new: RecordId,
    pub stock: RecordId,
    pub own_opts: Vec<serde_json::Value>,
    pub opts: Vec<serde_json::Value>,
    pub suffix_en: String,
    pub suffix_zh: String,
    pub price: i64,
    pub price_ref: i64,
    pub sku: Option<String>,
    pub on_hand: i64,
    pub user: RecordId,
    pub now: DateTime<Utc>,
}

const CREATE_VARIANT: &str = "BEGIN TRANSACTION;\n\
     UPDATE $src SET options = $own_opts, variants = array::append(variants ?? [], $new), updated_at = $now;\n\
     CREATE $new SET shop = $src.shop, category = $src.category, slug = $src.slug, \
       title_en = string::concat($src.title_en, ' – ', $suffix_en), title_zh = string::concat($src.title_zh, '（', $suffix_zh, '）'), \
       description_en = $src.description_en, description_zh = $src.description_zh, brand = $src.brand, \
       condition = $src.condition, price_minor = $price, currency = $src.currency, sku = $sku, status = 'draft', \
       image_url = $src.image_url, weight_g = $src.weight_g, price_ref_minor = $price_ref, variant_of = $src, \
       options = $opts, created_by = $user, created_at = $now, updated_at = $now;\n\
     CREATE $stock SET product = $new, shop = $src.shop, on_hand = $on_hand, reserved = 0, low_stock_threshold = 5, updated_at = $now;\n\
     CREATE stock_event SET product = $new, shop = $src.shop, delta = $on_hand, on_hand = $on_hand, reason = 'created', actor = $user, at = $now;\n\
     FOR $img IN (SELECT * FROM product_image WHERE product = $src ORDER BY position) {\n\
       CREATE product_image SET product = $new, url = $img.url, thumb_url = $img.thumb_url, position = $img.position, \
         alt = $img.alt, width = $img.width, height = $img.height, phash = $img.phash;\n\
     };\n\
     COMMIT TRANSACTION;";

/// In one transaction: records the listing's own values and its new variant, creates
/// the variant as a draft copy (photos included) with its stock and first stock event.
pub async fn create_variant(db: &Db, v: NewVariant) -> Result<(), surrealdb::Error> {
    db.query(CREATE_VARIANT)
        .bind(("src", v.src))
        .bind(("new", v.new))
        .bind(("stock", v.stock))
        .bind(("own_opts", v.own_opts))
        .bind(("opts", v.opts))
        .bind(("suffix_en", v.suffix_en))
        .bind(("suffix_zh", v.suffix_zh))
        .bind(("price", v.price))
        .bind(("price_ref", v.price_ref))
        .bind(("sku", v.sku))
        .bind(("on_hand", v.on_hand))
        .bind(("user", v.user))
        .bind(("now", v.now))
        .await?
        .check()?;
    Ok(())
}
