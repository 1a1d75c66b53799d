//! What automatic screening reads: the score bands, a shop's brands and strikes, a
//! listing's photo hashes and the stored hashes near them.

use chrono::{DateTime, Utc};
use domain::phash::bands;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// The admin-set screening score bands.
#[derive(SurrealValue)]
pub struct ScreeningBands {
    pub screening_queue_from: i64,
    pub screening_hold_from: i64,
}

/// Reads the screening score bands from the platform settings (`None` when unset).
pub async fn screening_bands(db: &Db) -> Result<Option<ScreeningBands>, surrealdb::Error> {
    let mut res = db
        .query("SELECT screening_queue_from, screening_hold_from FROM platform_setting:main")
        .await?
        .check()?;
    let rows: Vec<ScreeningBands> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A protected brand and its extra search terms.
#[derive(SurrealValue)]
pub struct BrandRow {
    pub name: String,
    pub terms: Vec<String>,
}

/// What screening reads about a shop.
pub struct ShopScreeningRows {
    /// Protected brands the shop is not authorised for.
    pub brands: Vec<BrandRow>,
    /// The shop's unexpired, unremoved strikes.
    pub strikes: i64,
    pub created_at: Option<DateTime<Utc>>,
}

/// Reads the brands a shop is not authorised for, its live strikes at `now` and when it
/// was created.
pub async fn shop_screening_rows(
    db: &Db,
    shop: &RecordId,
    now: DateTime<Utc>,
) -> Result<ShopScreeningRows, surrealdb::Error> {
    #[derive(SurrealValue)]
    struct Count {
        n: i64,
    }
    let mut res = db
        .query(
            "SELECT name, terms FROM brand WHERE $shop NOTINSIDE authorised_shops;\n\
             SELECT count() AS n FROM strike WHERE shop = $shop AND expires_at > $now AND removed_at = NONE GROUP ALL;\n\
             SELECT VALUE created_at FROM ONLY $shop;",
        )
        .bind(("shop", shop.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    let brands: Vec<BrandRow> = res.take(0)?;
    let strikes: Vec<Count> = res.take(1)?;
    let created_at: Option<DateTime<Utc>> = res.take(2)?;
    Ok(ShopScreeningRows {
        brands,
        strikes: strikes.first().map_or(0, |c| c.n),
        created_at,
    })
}

/// Reads the perceptual hashes of a listing's photos, in photo order.
pub async fn listing_phashes(db: &Db, product: &RecordId) -> Result<Vec<i64>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE phash FROM product_image WHERE product = $p AND phash != NONE ORDER BY position")
        .bind(("p", product.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// A stored image hash: a brand owner's reference image or a listing photo.
#[derive(SurrealValue)]
pub struct ImageCandidate {
    pub id: RecordId,
    pub kind: String,
    pub hash: i64,
    pub brand_name: Option<String>,
    pub shop: Option<RecordId>,
    pub product: Option<RecordId>,
    /// When the listing the photo is on was created (none for a reference image).
    pub listed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Reads, for each hash, the stored image hashes sharing one of its four bands (up to
/// 200 per band, band by band); one list per hash, in the order given.
pub async fn image_candidates(
    db: &Db,
    hashes: &[u64],
) -> Result<Vec<Vec<ImageCandidate>>, surrealdb::Error> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::new();
    let mut q_bands = Vec::new();
    for (i, h) in hashes.iter().enumerate() {
        for (b, v) in bands(*h).into_iter().enumerate() {
            sql.push_str(&format!(
                "SELECT id, kind, hash, brand.name AS brand_name, shop, product, product.created_at AS listed_at FROM image_hash WHERE b{b} = $v{i}_{b} LIMIT 200;\n"
            ));
            q_bands.push((format!("v{i}_{b}"), v));
        }
    }
    let mut q = db.query(sql);
    for (name, v) in q_bands {
        q = q.bind((name, v));
    }
    let mut res = q.await?.check()?;
    let mut out = Vec::with_capacity(hashes.len());
    for i in 0..hashes.len() {
        let mut near = Vec::new();
        for b in 0..4 {
            let rows: Vec<ImageCandidate> = res.take(i * 4 + b)?;
            near.extend(rows);
        }
        out.push(near);
    }
    Ok(out)
}
