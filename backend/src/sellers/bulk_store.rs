//! Bulk listing queries (server only): the CSV export's rows, the import's checks, its
//! job record and batched writes, and the listings page's bulk price and stock edit.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// One listing as the CSV export writes it.
#[derive(SurrealValue)]
pub struct ExportRow {
    pub id: RecordId,
    pub sku: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub category: RecordId,
    pub brand: Option<String>,
    pub condition: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub on_hand: Option<i64>,
    pub low: Option<i64>,
    pub weight_g: Option<i64>,
}

const EXPORT_ROWS: &str = "SELECT id, sku, title_en, title_zh, description_en, description_zh, category, brand, condition, \
       price_minor, compare_at_minor, weight_g, \
       type::record('stock', record::id(id)).on_hand AS on_hand, \
       type::record('stock', record::id(id)).low_stock_threshold AS low \
     FROM product WHERE shop = $shop ORDER BY updated_key LIMIT 50000";

/// Every listing of the shop (variants included) with its stock, at most 50,000.
pub async fn export_rows(db: &Db, shop: &RecordId) -> Result<Vec<ExportRow>, surrealdb::Error> {
    let mut res = db
        .query(EXPORT_ROWS)
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// A listing of the shop and the units buyers have reserved.
#[derive(SurrealValue)]
pub struct OwnReserved {
    pub key: String,
    pub reserved: Option<i64>,
}

const CATEGORIES_AND_OWN: &str =
    "SELECT VALUE slug FROM category WHERE slug IN $cats AND parent != NONE;\n\
     SELECT record::id(id) AS key, type::record('stock', record::id(id)).reserved AS reserved \
       FROM $ids WHERE shop = $shop;";

/// Which of `cats` a product can be in, and which of `ids` are the shop's (with what
/// buyers reserved of each).
pub async fn known_categories_and_own(
    db: &Db,
    cats: Vec<String>,
    ids: Vec<RecordId>,
    shop: &RecordId,
) -> Result<(Vec<String>, Vec<OwnReserved>), surrealdb::Error> {
    let mut res = db
        .query(CATEGORIES_AND_OWN)
        .bind(("cats", cats))
        .bind(("ids", ids))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let known: Vec<String> = res.take(0)?;
    let own: Vec<OwnReserved> = res.take(1)?;
    Ok((known, own))
}

/// An import job as recorded when its file has been checked.
pub struct NewImportJob {
    pub job: RecordId,
    pub shop: RecordId,
    pub user: RecordId,
    pub mode: String,
    pub status: String,
    pub total: i64,
    pub failed: i64,
    pub errors: Vec<String>,
    pub now: DateTime<Utc>,
}

const CREATE_IMPORT_JOB: &str = "CREATE $job SET shop = $shop, user = $user, mode = $mode, status = $status, total = $total, done = 0, \
       created = 0, updated = 0, failed = $failed, errors = $errors, created_at = $now, updated_at = $now";

pub async fn create_import_job(db: &Db, j: NewImportJob) -> Result<(), surrealdb::Error> {
    db.query(CREATE_IMPORT_JOB)
        .bind(("job", j.job))
        .bind(("shop", j.shop))
        .bind(("user", j.user))
        .bind(("mode", j.mode))
        .bind(("status", j.status))
        .bind(("total", j.total))
        .bind(("failed", j.failed))
        .bind(("errors", j.errors))
        .bind(("now", j.now))
        .await?
        .check()?;
    Ok(())
}

/// One batch of imported rows: new listings and updates of the shop's own (each row
/// as built by the import), counted into the job's progress.
pub struct ImportBatch {
    pub creates: Vec<serde_json::Value>,
    pub updates: Vec<serde_json::Value>,
    pub shop: RecordId,
    pub currency: String,
    pub user: RecordId,
    pub job: RecordId,
    pub n: i64,
    pub c: i64,
    pub u: i64,
    pub now: DateTime<Utc>,
}

const IMPORT_BATCH: &str = "FOR $r IN $creates {\n\
       LET $p = type::record('product', $r.key);\n\
       CREATE $p SET shop = $shop, category = type::record('category', $r.category), slug = $r.slug, \
         title_en = $r.title_en, title_zh = $r.title_zh, description_en = $r.description_en, \
         description_zh = $r.description_zh, brand = $r.brand ?? NONE, condition = $r.condition, price_minor = $r.price, \
         compare_at_minor = $r.compare_at ?? NONE, currency = $currency, sku = $r.sku ?? NONE, status = 'draft', \
         image_url = $r.placeholder, weight_g = $r.weight ?? NONE, price_ref_minor = $r.price_ref, created_by = $user, \
         created_at = $now, updated_at = $now;\n\
       CREATE type::record('stock', $r.key) SET product = $p, shop = $shop, on_hand = $r.stock, reserved = 0, \
         low_stock_threshold = $r.low, updated_at = $now;\n\
       CREATE stock_event SET product = $p, shop = $shop, delta = $r.stock, on_hand = $r.stock, reason = 'import', actor = $user, at = $now;\n\
     };\n\
     FOR $r IN $updates {\n\
       LET $p = type::record('product', $r.key);\n\
       LET $before = (SELECT VALUE on_hand FROM type::record('stock', $r.key))[0] ?? 0;\n\
       UPDATE $p SET category = type::record('category', $r.category), slug = $r.slug, title_en = $r.title_en, \
         title_zh = $r.title_zh, description_en = $r.description_en, description_zh = $r.description_zh, \
         brand = $r.brand ?? NONE, condition = $r.condition, price_minor = $r.price, compare_at_minor = $r.compare_at ?? NONE, \
         sku = $r.sku ?? NONE, weight_g = $r.weight ?? NONE, price_ref_minor = $r.price_ref, updated_at = $now \
         WHERE shop = $shop;\n\
       UPDATE type::record('stock', $r.key) SET on_hand = math::max([$r.stock, reserved]), low_stock_threshold = $r.low, updated_at = $now WHERE shop = $shop;\n\
       IF $r.stock != $before { CREATE stock_event SET product = $p, shop = $shop, delta = $r.stock - $before, on_hand = $r.stock, reason = 'import', actor = $user, at = $now };\n\
     };\n\
     UPDATE $job SET done = done + $n, created = created + $c, updated = updated + $u, updated_at = $now;";

/// Writes one batch (creates as drafts with their stock and stock events, updates of
/// the shop's own listings — never below the units reserved — whose screening the
/// caller runs after) and adds it to the job's progress.
pub async fn import_batch(db: &Db, b: ImportBatch) -> Result<(), surrealdb::Error> {
    db.query(IMPORT_BATCH)
        .bind(("creates", b.creates))
        .bind(("updates", b.updates))
        .bind(("shop", b.shop))
        .bind(("currency", b.currency))
        .bind(("user", b.user))
        .bind(("job", b.job))
        .bind(("n", b.n))
        .bind(("c", b.c))
        .bind(("u", b.u))
        .bind(("now", b.now))
        .await?
        .check()?;
    Ok(())
}

const FINISH_IMPORT_JOB: &str = "UPDATE $job SET status = 'done', updated_at = $now";

pub async fn finish_import_job(
    db: &Db,
    job: RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(FINISH_IMPORT_JOB)
        .bind(("job", job))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// An import job's progress; `errors` as `row|field|code`.
#[derive(SurrealValue)]
pub struct ImportJobRow {
    pub shop: RecordId,
    pub status: String,
    pub mode: String,
    pub total: i64,
    pub done: i64,
    pub created: i64,
    pub updated: i64,
    pub failed: i64,
    pub errors: Vec<String>,
}

const IMPORT_JOB: &str =
    "SELECT shop, status, mode, total, done, created, updated, failed, errors FROM $job";

/// The import job (none or one row), whatever shop it belongs to.
pub async fn import_job(db: &Db, job: RecordId) -> Result<Vec<ImportJobRow>, surrealdb::Error> {
    let mut res = db.query(IMPORT_JOB).bind(("job", job)).await?.check()?;
    res.take(0)
}

/// A listing of the shop with its reserved and on-hand stock.
#[derive(SurrealValue)]
pub struct OwnStock {
    pub key: String,
    pub reserved: Option<i64>,
    pub on_hand: Option<i64>,
}

const OWN_STOCK: &str =
    "SELECT record::id(id) AS key, type::record('stock', record::id(id)).reserved AS reserved, \
       type::record('stock', record::id(id)).on_hand AS on_hand FROM $ids WHERE shop = $shop";

/// Which of `ids` are the shop's, with their stock.
pub async fn own_stock(
    db: &Db,
    ids: Vec<RecordId>,
    shop: &RecordId,
) -> Result<Vec<OwnStock>, surrealdb::Error> {
    let mut res = db
        .query(OWN_STOCK)
        .bind(("ids", ids))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

const BULK_UPDATE: &str = "BEGIN TRANSACTION;\n\
     FOR $r IN $rows {\n\
       UPDATE type::record('product', $r.key) SET price_minor = $r.price, price_ref_minor = $r.price_ref, updated_at = $now WHERE shop = $shop;\n\
       UPDATE type::record('stock', $r.key) SET on_hand = $r.stock, updated_at = $now WHERE shop = $shop;\n\
       IF $r.delta != 0 { CREATE stock_event SET product = type::record('product', $r.key), shop = $shop, delta = $r.delta, on_hand = $r.stock, reason = 'bulk', actor = $user, at = $now };\n\
     };\n\
     COMMIT TRANSACTION;";

/// New prices and stock (`rows`: key, price, price_ref, stock, delta) for the shop's
/// listings in one transaction. The response is returned unchecked: the caller reads
/// a statement's failure itself.
pub async fn bulk_update(
    db: &Db,
    rows: Vec<serde_json::Value>,
    shop: &RecordId,
    user: &RecordId,
    now: DateTime<Utc>,
) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    db.query(BULK_UPDATE)
        .bind(("rows", rows))
        .bind(("shop", shop.clone()))
        .bind(("user", user.clone()))
        .bind(("now", now))
        .await
}
