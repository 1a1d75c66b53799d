//! Promotions' queries: the running ones (home page, checkout), a shop's list, creating
//! one, pausing, resuming and ending it, and counting what each checkout gave away.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{key_of, Db};

mod audience;
pub mod report;
mod uses;

pub use audience::ordered_from_linked;

pub use uses::{
    claim_id, claims, release_stmts, spend_stmts, take_flash_stmts, take_voucher_stmts, ClaimRow,
    Claims, PromotionUse,
};

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
    /// A flash sale's promo stock, its limit per buyer and the units sold.
    pub flash_units: Option<i64>,
    pub flash_per_buyer: Option<i64>,
    pub flash_sold: i64,
    /// A voucher's terms and its uses so far.
    pub voucher: bool,
    pub voucher_code: Option<String>,
    pub voucher_total: Option<i64>,
    pub voucher_per_buyer: Option<i64>,
    pub voucher_new_buyers: bool,
    pub voucher_used: i64,
    /// A member price: only the shop's followers get it.
    pub members_only: bool,
}

impl PromotionRow {
    /// A voucher's terms (none for other promotions).
    pub fn voucher(&self) -> Option<domain::promotion::VoucherTerms> {
        self.voucher.then(|| domain::promotion::VoucherTerms {
            code: self.voucher_code.clone(),
            total: self.voucher_total,
            per_buyer: self.voucher_per_buyer.unwrap_or(1),
            new_buyers: self.voucher_new_buyers,
        })
    }

    pub fn kind(&self) -> Option<domain::pricing::Kind> {
        serde_json::from_str(&self.rule).ok()
    }

    /// The promotion as the pricing engine runs it (`None`: a rule it cannot read): a
    /// shop's is the shop's to fund, one without a shop the platform's.
    pub fn engine(&self) -> Option<domain::pricing::Promotion> {
        use domain::pricing::Funding;
        Some(domain::pricing::Promotion {
            id: key_of(&self.id),
            shop: self.shop.as_ref().map(key_of),
            kind: self.kind()?,
            funding: if self.shop.is_some() {
                Funding::Seller
            } else {
                Funding::Platform
            },
        })
    }

    /// A flash sale's promo stock (none for other promotions).
    pub fn flash(&self) -> Option<domain::promotion::FlashStock> {
        Some(domain::promotion::FlashStock {
            units: self.flash_units?,
            per_buyer: self.flash_per_buyer?,
        })
    }
}

const PROMOTION_FIELDS: &str =
    "id, shop, shop.name AS shop_name, shop.slug AS shop_slug, title_en, title_zh, rule, \
     currency, browse, starts_at, ends_at, paused ?? false AS paused, budget_minor, \
     spent_minor ?? 0 AS spent_minor, orders ?? 0 AS orders, revenue_minor ?? 0 AS revenue_minor, \
     flash_units, flash_per_buyer, flash_sold ?? 0 AS flash_sold, voucher ?? false AS voucher, \
     voucher_code, voucher_total, voucher_per_buyer, voucher_new_buyers ?? false AS voucher_new_buyers, \
     voucher_used ?? 0 AS voucher_used, members_only ?? false AS members_only";

/// Live: not ended, not paused, budget not given away, its shop selling (running once
/// it has started too).
const LIVE: &str = "ends_at > $now AND (paused ?? false) = false \
     AND (budget_minor IS NONE OR (spent_minor ?? 0) < budget_minor) AND shop.status = 'approved'";

/// The text [`running_promotions`] runs (binds `$now`, `$limit`).
pub fn running_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE starts_at <= $now AND {LIVE} \
         ORDER BY ends_at LIMIT $limit"
    )
}

/// The text [`upcoming_promotions`] runs (binds `$now`, `$limit`): live ones, started
/// or not (whether each has started is the reader's to check, so a cached list stays
/// right as promotions start).
pub fn upcoming_promotions_query() -> String {
    format!("SELECT {PROMOTION_FIELDS} FROM promotion WHERE {LIVE} ORDER BY ends_at LIMIT $limit")
}

/// Promotions that have not ended (started or not), ending soonest first.
pub async fn upcoming_promotions(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    rows_at(db, upcoming_promotions_query(), now, limit).await
}

/// The promotions `sql` picks at `now` (binds `$now`, `$limit`).
async fn rows_at(
    db: &Db,
    sql: String,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(sql)
        .bind(("now", now))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The text [`shop_promotions`] runs (binds `$shops`, `$now`).
pub fn shop_promotions_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop IN $shops AND starts_at <= $now AND {LIVE}"
    )
}

/// The text [`promotions_of_shop`] runs (binds `$shop`, `$limit`).
pub fn promotions_of_shop_query() -> String {
    format!(
        "SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop = $shop ORDER BY ends_key LIMIT $limit"
    )
}

/// One promotion.
pub async fn promotion(db: &Db, id: &RecordId) -> Result<Option<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {PROMOTION_FIELDS} FROM $id"))
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let rows: Vec<PromotionRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Promotions running at `now`, ending soonest first.
pub async fn running_promotions(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    rows_at(db, running_promotions_query(), now, limit).await
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
    pub flash_product: Option<RecordId>,
    pub flash_units: Option<i64>,
    pub flash_per_buyer: Option<i64>,
    pub flash_sold: i64,
    pub voucher: bool,
    pub voucher_code: Option<String>,
    pub voucher_total: Option<i64>,
    pub voucher_per_buyer: Option<i64>,
    pub voucher_new_buyers: bool,
    pub voucher_used: i64,
    pub members_only: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

// a voucher's code is kept as its own row, so a code taken fails the whole creation
const CREATE: &str = "BEGIN;\n\
     CREATE $id CONTENT $row RETURN NONE;\n\
     IF $code != NONE { CREATE type::record('voucher_code', $code) SET promotion = $id RETURN NONE };\n\
     COMMIT;";

/// Creates a promotion; `Ok(false)` when its voucher code is taken (nothing written).
pub async fn create_promotion(
    db: &Db,
    id: &RecordId,
    row: NewPromotion,
) -> Result<bool, surrealdb::Error> {
    let code = row.voucher_code.clone();
    let mut res = db
        .query(CREATE)
        .bind(("id", id.clone()))
        .bind(("code", code))
        .bind(("row", row))
        .await?;
    // the statements before the failed one report only that the transaction failed
    let errors = res.take_errors();
    if errors.values().any(crate::db::is_already_exists) {
        return Ok(false);
    }
    match errors.into_values().next() {
        Some(e) => Err(e),
        None => Ok(true),
    }
}

/// The shop's products among `keys`, and whether `category` exists.
const OWN_PRODUCTS: &str = "SELECT record::id(id) AS key, price_minor, promo_floor_minor \
     FROM $ids WHERE shop = $shop;\n\
     RETURN $category = NONE OR record::exists($category);";

/// One of a shop's products a promotion targets: its price and its floor.
#[derive(Clone, Debug, SurrealValue)]
pub struct OwnProduct {
    pub key: String,
    pub price_minor: i64,
    pub promo_floor_minor: Option<i64>,
}

pub async fn own_products(
    db: &Db,
    shop: &RecordId,
    keys: &[String],
    category: Option<RecordId>,
) -> Result<(Vec<OwnProduct>, bool), surrealdb::Error> {
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
    let found: Vec<OwnProduct> = res.take(0)?;
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

// a flash sale of `product` whose slot meets [$starts, $ends) and that was not ended
const FLASH_OVERLAP: &str = "SELECT VALUE id FROM promotion WHERE flash_product = $product \
     AND ends_at > $starts AND starts_at < $ends LIMIT 1";

/// Whether another flash sale of `product` runs at some time in [`starts`, `ends`).
pub async fn flash_overlaps(
    db: &Db,
    product: &RecordId,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(FLASH_OVERLAP)
        .bind(("product", product.clone()))
        .bind(("starts", starts))
        .bind(("ends", ends))
        .await?
        .check()?;
    let found: Vec<RecordId> = res.take(0)?;
    Ok(!found.is_empty())
}

// a voucher into the buyer's wallet (claiming it again changes nothing)
const CLAIM_VOUCHER: &str = "UPSERT $c SET promotion = $p, buyer = $b, units = units ?? 0, \
     claimed_at = claimed_at ?? $now RETURN NONE";

/// Puts voucher `p` into `buyer`'s wallet.
pub async fn claim_voucher(
    db: &Db,
    p: &RecordId,
    buyer: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(CLAIM_VOUCHER)
        .bind(("c", claim_id(Claims::Voucher, p, buyer)))
        .bind(("p", p.clone()))
        .bind(("b", buyer.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const VOUCHER_BY_CODE: &str = "SELECT VALUE promotion FROM type::record('voucher_code', $code)";

/// The voucher a code names.
pub async fn voucher_by_code(db: &Db, code: &str) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(VOUCHER_BY_CODE)
        .bind(("code", code.to_string()))
        .await?
        .check()?;
    let found: Vec<RecordId> = res.take(0)?;
    Ok(found.into_iter().next())
}

/// The vouchers in `buyer`'s wallet, with the times they used each.
pub async fn wallet(
    db: &Db,
    buyer: &RecordId,
) -> Result<Vec<(PromotionRow, i64)>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT promotion, units ?? 0 AS units FROM voucher_claim WHERE buyer = $b \
             ORDER BY claimed_at LIMIT 200",
        )
        .bind(("b", buyer.clone()))
        .await?
        .check()?;
    let used: Vec<ClaimRow> = res.take(0)?;
    let ids: Vec<RecordId> = used.iter().map(|c| c.promotion.clone()).collect();
    let mut res = db
        .query(format!(
            "SELECT {PROMOTION_FIELDS} FROM $ids ORDER BY ends_at"
        ))
        .bind(("ids", ids))
        .await?
        .check()?;
    let rows: Vec<PromotionRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let n = used
                .iter()
                .find(|c| c.promotion == r.id)
                .map_or(0, |c| c.units);
            (r, n)
        })
        .collect())
}
