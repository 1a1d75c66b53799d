//! Whether a public photo may still be served: a listing's photos stop when a rights
//! notice took the listing down, a review's when a moderator removed the review.

use surrealdb::types::RecordId;

use app::state::Db;

const LISTING_UNDER_NOTICE: &str = "SELECT VALUE 'notice' IN (locks ?? []) FROM $p";
const REVIEW_REMOVED: &str = "SELECT VALUE status = 'removed' FROM $r";

async fn first_true(
    db: &Db,
    sql: &'static str,
    var: &'static str,
    id: RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db.query(sql).bind((var, id)).await?.check()?;
    let v: Vec<bool> = res.take(0)?;
    Ok(v.first().copied().unwrap_or(false))
}

/// Whether the listing `product` is down under a rights notice (its photos are withheld).
pub async fn listing_under_notice(db: &Db, product: &str) -> Result<bool, surrealdb::Error> {
    first_true(
        db,
        LISTING_UNDER_NOTICE,
        "p",
        RecordId::new("product", product),
    )
    .await
}

/// Whether the review of order line `line` was removed by a moderator.
pub async fn review_removed(db: &Db, line: &str) -> Result<bool, surrealdb::Error> {
    first_true(db, REVIEW_REMOVED, "r", RecordId::new("review", line)).await
}
