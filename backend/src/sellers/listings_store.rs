//! The seller centre's listing queries (server only): a listing with its stock, the
//! shop's listings, categories, photos, variants and stock history; creating, editing
//! and copying listings, recording screening results, and the scheduler's and the
//! sold-out display's sweeps. Callers check who owns what and decide; the photo and
//! variant writes are in the child modules, re-exported here.

mod photo_store;
mod variant_store;

pub use self::photo_store::{add_photos, arrange_photos, photos, NewPhotos, PhotoRow};
pub use self::variant_store::{
    create_variant, variant_info, variants, NewVariant, OptionRow, VariantInfo, VariantRow,
};

use chrono::{DateTime, Utc};
use domain::listing::ListingStatus;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;
use crate::notify::Rendered;

/// A listing's fields and its stock.
#[derive(SurrealValue)]
pub struct ListingRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub category: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub condition: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub promo_floor_minor: Option<i64>,
    pub currency: String,
    pub sku: Option<String>,
    pub status: String,
    pub image_url: String,
    pub weight_g: Option<i64>,
    pub publish_at: Option<DateTime<Utc>>,
    pub delist_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub screening: Option<serde_json::Value>,
    pub on_hand: Option<i64>,
    pub reserved: Option<i64>,
    pub low_stock_threshold: Option<i64>,
    /// Moderation's locks (`domain::listing::Lock`): while any is on, it stays down.
    pub locks: Option<Vec<String>>,
}

/// A listing's fields and its stock (stock:⟨product key⟩ has the same key).
const ROW: &str = "id, shop, category, slug, title_en, title_zh, description_en, description_zh, brand, \
    condition, price_minor, compare_at_minor, promo_floor_minor, currency, sku, status, image_url, weight_g, publish_at, \
    delist_at, updated_at, screening, locks, \
    type::record('stock', record::id(id)).on_hand AS on_hand, \
    type::record('stock', record::id(id)).reserved AS reserved, \
    type::record('stock', record::id(id)).low_stock_threshold AS low_stock_threshold";

/// The listing `id` (none or one row), whatever shop it belongs to.
pub async fn listing(db: &Db, id: RecordId) -> Result<Vec<ListingRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ROW} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    res.take(0)
}

/// The text [`shop_listings`] runs for `status` (binds `$shop`).
pub fn shop_listings_query(status: Option<ListingStatus>) -> String {
    let filter = match status {
        None => String::new(),
        Some(st) => format!(" AND status = '{}'", st.as_str()),
    };
    format!(
        "SELECT {ROW} FROM product WHERE shop = $shop AND variant_of = NONE{filter} \
         ORDER BY updated_key LIMIT 500"
    )
}

/// The shop's listed products (variants left out), with `status` only, oldest change
/// first, at most 500.
pub async fn shop_listings(
    db: &Db,
    shop: &RecordId,
    status: Option<ListingStatus>,
) -> Result<Vec<ListingRow>, surrealdb::Error> {
    let mut res = db
        .query(shop_listings_query(status))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

const SOLD_OUT_DISPLAY: &str = "SELECT VALUE sold_out_display ?? 'mark' FROM $shop";

/// What the shop does with sold-out listings (`mark` or `hide`), as stored.
pub async fn sold_out_display(db: &Db, shop: &RecordId) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db
        .query(SOLD_OUT_DISPLAY)
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

const SET_SOLD_OUT_DISPLAY: &str = "UPDATE $shop SET sold_out_display = $mode";

/// Stores what the shop does with sold-out listings.
pub async fn set_sold_out_display(
    db: &Db,
    shop: &RecordId,
    mode: String,
) -> Result<(), surrealdb::Error> {
    db.query(SET_SOLD_OUT_DISPLAY)
        .bind(("shop", shop.clone()))
        .bind(("mode", mode))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
pub struct CategoryRow {
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
}

const LEAF_CATEGORIES: &str =
    "SELECT slug, name_en, name_zh, position FROM category WHERE parent != NONE ORDER BY name_en";

/// Every category a product can be in (those with a parent), by English name.
pub async fn leaf_categories(db: &Db) -> Result<Vec<CategoryRow>, surrealdb::Error> {
    let mut res = db.query(LEAF_CATEGORIES).await?.check()?;
    res.take(0)
}

const LEAF_CATEGORY: &str = "SELECT VALUE id FROM $c WHERE parent != NONE";

/// The category `c` if a product can be in it (empty otherwise).
pub async fn leaf_category(db: &Db, c: RecordId) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db.query(LEAF_CATEGORY).bind(("c", c)).await?.check()?;
    res.take(0)
}

/// One change to a listing's stock.
#[derive(SurrealValue)]
pub struct StockMoveRow {
    pub at: DateTime<Utc>,
    pub delta: i64,
    pub on_hand: i64,
    pub reason: String,
    pub who: Option<String>,
}

const STOCK_HISTORY: &str =
    "SELECT at, delta, on_hand, reason, actor.display_name AS who FROM stock_event \
     WHERE product = $id ORDER BY at DESC LIMIT 10";

/// The latest stock changes of a listing, newest first.
pub async fn stock_history(
    db: &Db,
    product: &RecordId,
) -> Result<Vec<StockMoveRow>, surrealdb::Error> {
    let mut res = db
        .query(STOCK_HISTORY)
        .bind(("id", product.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// A listing as the seller saves it (one statement creates or updates it, its stock
/// and the stock event).
pub struct ListingWrite {
    pub id: RecordId,
    pub stock: RecordId,
    pub shop: RecordId,
    pub category: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub condition: String,
    pub price: i64,
    pub compare_at: Option<i64>,
    /// The lowest price promotions may take a unit to.
    pub floor: Option<i64>,
    pub currency: String,
    pub sku: Option<String>,
    pub weight: Option<i64>,
    pub publish_at: Option<DateTime<Utc>>,
    pub delist_at: Option<DateTime<Utc>>,
    pub price_ref: i64,
    pub placeholder: String,
    pub on_hand: i64,
    pub low: i64,
    pub delta: i64,
    pub user: RecordId,
    pub now: DateTime<Utc>,
}

const UPDATE_LISTING: &str = "UPDATE $id SET category = $category, slug = $slug, title_en = $title_en, title_zh = $title_zh, \
       description_en = $description_en, description_zh = $description_zh, brand = $brand, \
       condition = $condition, price_minor = $price, compare_at_minor = $compare_at, promo_floor_minor = $floor, \
       sku = $sku, weight_g = $weight, publish_at = $publish_at, delist_at = $delist_at, price_ref_minor = $price_ref, \
       updated_at = $now;\n\
     UPDATE $stock SET on_hand = $on_hand, low_stock_threshold = $low, updated_at = $now;\n\
     IF $delta != 0 { CREATE stock_event SET product = $id, shop = $shop, delta = $delta, on_hand = $on_hand, reason = 'edited', actor = $user, at = $now };";

const CREATE_LISTING: &str = "CREATE $id SET shop = $shop, category = $category, slug = $slug, title_en = $title_en, title_zh = $title_zh, \
       description_en = $description_en, description_zh = $description_zh, brand = $brand, \
       condition = $condition, price_minor = $price, compare_at_minor = $compare_at, promo_floor_minor = $floor, \
       currency = $currency, sku = $sku, status = 'draft', image_url = $placeholder, weight_g = $weight, publish_at = $publish_at, \
       delist_at = $delist_at, price_ref_minor = $price_ref, created_by = $user, created_at = $now, updated_at = $now;\n\
     CREATE $stock SET product = $id, shop = $shop, on_hand = $on_hand, reserved = 0, low_stock_threshold = $low, updated_at = $now;\n\
     CREATE stock_event SET product = $id, shop = $shop, delta = $on_hand, on_hand = $on_hand, reason = 'created', actor = $user, at = $now;";

/// Writes an edited listing, its stock and (when the stock changed) a stock event.
pub async fn update_listing(db: &Db, w: ListingWrite) -> Result<(), surrealdb::Error> {
    write_listing(db, UPDATE_LISTING, w).await
}

/// Creates a draft listing, its stock and its first stock event.
pub async fn create_listing(db: &Db, w: ListingWrite) -> Result<(), surrealdb::Error> {
    write_listing(db, CREATE_LISTING, w).await
}

async fn write_listing(db: &Db, sql: &str, w: ListingWrite) -> Result<(), surrealdb::Error> {
    let q = db
        .query(sql)
        .bind(("id", w.id))
        .bind(("stock", w.stock))
        .bind(("shop", w.shop))
        .bind(("category", w.category))
        .bind(("slug", w.slug))
        .bind(("title_en", w.title_en))
        .bind(("title_zh", w.title_zh))
        .bind(("description_en", w.description_en))
        .bind(("description_zh", w.description_zh))
        .bind(("brand", w.brand))
        .bind(("condition", w.condition))
        .bind(("price", w.price))
        .bind(("compare_at", w.compare_at))
        .bind(("floor", w.floor))
        .bind(("currency", w.currency))
        .bind(("sku", w.sku))
        .bind(("weight", w.weight))
        .bind(("publish_at", w.publish_at))
        .bind(("delist_at", w.delist_at))
        .bind(("price_ref", w.price_ref))
        .bind(("placeholder", w.placeholder))
        .bind(("on_hand", w.on_hand))
        .bind(("low", w.low))
        .bind(("delta", w.delta))
        .bind(("user", w.user))
        .bind(("now", w.now));
    let q = q.await?;
    // one request: SurrealDB runs it as one transaction
    q.check()?;
    Ok(())
}

/// A draft copy of a listing: same fields and photos, no SKU, no stock.
pub struct ListingCopy {
    pub new: RecordId,
    pub stock: RecordId,
    pub src: RecordId,
    pub title_en: String,
    pub title_zh: String,
    pub user: RecordId,
    pub now: DateTime<Utc>,
}

const COPY_LISTING: &str = "CREATE $new SET shop = $src.shop, category = $src.category, slug = $src.slug, title_en = $title_en, \
       title_zh = $title_zh, description_en = $src.description_en, description_zh = $src.description_zh, \
       brand = $src.brand, condition = $src.condition, price_minor = $src.price_minor, \
       compare_at_minor = $src.compare_at_minor, promo_floor_minor = $src.promo_floor_minor, currency = $src.currency, sku = NONE, status = 'draft', \
       image_url = $src.image_url, weight_g = $src.weight_g, price_ref_minor = $src.price_ref_minor, \
       created_by = $user, created_at = $now, updated_at = $now;\n\
     CREATE $stock SET product = $new, shop = $src.shop, on_hand = 0, reserved = 0, low_stock_threshold = 5, updated_at = $now;\n\
     FOR $img IN (SELECT * FROM product_image WHERE product = $src.id ORDER BY position) {\n\
       CREATE product_image SET product = $new, url = $img.url, thumb_url = $img.thumb_url, position = $img.position, \
         alt = $img.alt, width = $img.width, height = $img.height, phash = $img.phash;\n\
     };";

/// Creates the draft copy, its empty stock and its photos (sharing the source's files).
pub async fn copy_listing(db: &Db, c: ListingCopy) -> Result<(), surrealdb::Error> {
    db.query(COPY_LISTING)
        .bind(("new", c.new))
        .bind(("stock", c.stock))
        .bind(("src", c.src))
        .bind(("title_en", c.title_en))
        .bind(("title_zh", c.title_zh))
        .bind(("user", c.user))
        .bind(("now", c.now))
        .await?
        .check()?;
    Ok(())
}

const DELIST: &str = "UPDATE $id SET status = 'delisted', updated_at = $now";

/// Takes the listing off the storefront.
pub async fn mark_delisted(
    db: &Db,
    id: RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(DELIST)
        .bind(("id", id))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const CATEGORY_PRICES: &str = "SELECT VALUE price_minor FROM product WHERE status = 'active' AND category = $c AND currency = $cur AND id != $id LIMIT 201";

/// Prices of up to 201 live listings of the category in the currency, `id` left out
/// (screening's price comparison).
pub async fn live_prices_in_category(
    db: &Db,
    category: RecordId,
    currency: String,
    id: RecordId,
) -> Result<Vec<i64>, surrealdb::Error> {
    let mut res = db
        .query(CATEGORY_PRICES)
        .bind(("c", category))
        .bind(("cur", currency))
        .bind(("id", id))
        .await?
        .check()?;
    res.take(0)
}

const SANCTION_AND_LIMIT: &str = "SELECT VALUE sanction FROM $shop; SELECT VALUE strike_listing_limit FROM platform_setting:main;";

/// The shop's sanction and the platform's live-listing limit for shops under one,
/// as stored (empty when unset).
pub async fn sanction_and_listing_limit(
    db: &Db,
    shop: RecordId,
) -> Result<(Vec<String>, Vec<i64>), surrealdb::Error> {
    let mut res = db
        .query(SANCTION_AND_LIMIT)
        .bind(("shop", shop))
        .await?
        .check()?;
    let sanction: Vec<String> = res.take(0)?;
    let limit: Vec<i64> = res.take(1)?;
    Ok((sanction, limit))
}

pub const LIVE_LISTINGS: &str = "SELECT count() AS n FROM product WHERE shop = $shop AND status = 'active' AND variant_of = NONE GROUP ALL";

/// How many listed products (variants left out) the shop has live.
pub async fn live_listings(db: &Db, shop: RecordId) -> Result<i64, surrealdb::Error> {
    crate::db::count(db, LIVE_LISTINGS, ("shop", shop)).await
}

/// What screening decided about a listing, and where that puts it.
pub struct ScreeningWrite {
    pub id: RecordId,
    pub status: String,
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
    pub kinds: Vec<String>,
    pub brands: Vec<String>,
    pub case: RecordId,
    pub shop: RecordId,
    pub subject: String,
    /// The owner's notice when the listing is not published outright.
    pub mail: Rendered,
    pub now: DateTime<Utc>,
}

const RECORD_SCREENING: &str = "UPDATE $id SET status = $status, screening = { score: $score, verdict: $verdict, reasons: $reasons, at: $now }, updated_at = $now;\n\
     IF $verdict = 'publish' { DELETE $case } ELSE {\n\
       UPSERT $case SET product = $id, shop = $shop, score = $score, verdict = $verdict, reasons = $reasons, \
         kinds = $kinds, brands = array::distinct($brands), status = 'open', decision = NONE, created_at = $now\n\
     };\n\
     CREATE audit_log SET actor = NONE, action = 'listing.screened', subject = $subject, detail = { score: $score, verdict: $verdict, reasons: $reasons, status: $status }, at = $now;\n\
     IF $verdict != 'publish' {\n\
       CREATE outbox SET recipient = $shop.owner, kind = $mail.kind, \
         subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now\n\
     };";

/// Stores the listing's new status and screening, opens (or closes) its review case,
/// audits it and, unless published outright, tells the shop's owner.
pub async fn record_screening(db: &Db, w: ScreeningWrite) -> Result<(), surrealdb::Error> {
    db.query(RECORD_SCREENING)
        .bind(("id", w.id))
        .bind(("status", w.status))
        .bind(("score", w.score))
        .bind(("verdict", w.verdict))
        .bind(("reasons", w.reasons))
        .bind(("kinds", w.kinds))
        .bind(("brands", w.brands))
        .bind(("case", w.case))
        .bind(("shop", w.shop))
        .bind(("subject", w.subject))
        .bind(("mail", w.mail))
        .bind(("now", w.now))
        .await?
        .check()?;
    Ok(())
}

// NONE sorts before every datetime: the lower bound keeps unscheduled
// listings out of the index range (and out of the result)
/// The products the scheduler publishes (binds `$epoch`, `$now`).
pub const DUE_TO_PUBLISH: &str =
    "publish_at >= $epoch AND publish_at <= $now AND status = 'scheduled' \
       AND (delist_at = NONE OR delist_at > $now)";
/// The products the scheduler delists (binds `$epoch`, `$now`).
pub const DUE_TO_DELIST: &str =
    "delist_at >= $epoch AND delist_at <= $now AND status IN ['active', 'scheduled', 'sold_out']";

fn run_schedule() -> String {
    format!(
        "UPDATE product SET status = 'active', updated_at = $now \
       WHERE {DUE_TO_PUBLISH} RETURN VALUE id;\n\
     UPDATE product SET status = 'delisted', updated_at = $now \
       WHERE {DUE_TO_DELIST} RETURN VALUE id;"
    )
}

/// Publishes scheduled listings whose time has come and delists live ones whose
/// delisting time has passed; returns the ids of each.
pub async fn publish_and_delist_due(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<(Vec<RecordId>, Vec<RecordId>), surrealdb::Error> {
    let mut res = db
        .query(run_schedule())
        .bind(("now", now))
        .bind(("epoch", DateTime::<Utc>::UNIX_EPOCH))
        .await?
        .check()?;
    let published: Vec<RecordId> = res.take(0)?;
    let delisted: Vec<RecordId> = res.take(1)?;
    Ok((published, delisted))
}

const SYNC_SOLD_OUT: &str = "LET $hide = (SELECT VALUE id FROM shop WHERE sold_out_display = 'hide');\n\
     LET $out = (SELECT VALUE product FROM stock WHERE shop IN $hide AND on_hand - reserved <= 0);\n\
     UPDATE $out SET status = 'sold_out' WHERE status = 'active' RETURN VALUE id;\n\
     UPDATE product SET status = 'active' WHERE status = 'sold_out' \
       AND (shop NOTINSIDE $hide OR id NOTINSIDE $out) RETURN VALUE id;";

/// Marks sold-out the live listings of shops that hide them, and puts back the ones
/// restocked (or whose shop shows sold-out listings again); returns the ids of each.
pub async fn hide_and_restore_sold_out(
    db: &Db,
) -> Result<(Vec<RecordId>, Vec<RecordId>), surrealdb::Error> {
    let mut res = db.query(SYNC_SOLD_OUT).await?.check()?;
    let hidden: Vec<RecordId> = res.take(2)?;
    let restored: Vec<RecordId> = res.take(3)?;
    Ok((hidden, restored))
}
