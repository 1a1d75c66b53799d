//! Shoppers following shops: one row per shop and follower
//! (`shop_follow:⟨shop key|user key⟩`), the shop's follower count kept with it in the
//! same transaction, and what a follower reads (the shops they follow, the newest
//! listings of those shops, whether they follow a shop).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::listings::{ListingRow, LISTING_FIELDS};
use super::CardRow;
use crate::db::{key_of, Db, Stmts, Tx};

/// The most shops one shopper may follow.
pub const MAX_FOLLOWED: i64 = 500;

/// `user`'s follow of `shop`.
pub fn follow_id(shop: &RecordId, user: &RecordId) -> RecordId {
    RecordId::new(
        "shop_follow",
        format!("{}|{}", key_of(shop), key_of(user)).as_str(),
    )
}

// following twice, or unfollowing what one does not follow, changes nothing
const FOLLOW: &str = "IF !record::exists($f) {\n\
       CREATE $f SET shop = $shop, user = $user, at = $now;\n\
       UPDATE $shop SET followers = (followers ?? 0) + 1;\n\
     };";
const UNFOLLOW: &str = "IF record::exists($f) {\n\
       DELETE $f;\n\
       UPDATE $shop SET followers = math::max([0, (followers ?? 0) - 1]);\n\
     };";

/// `user` follows `shop` (or stops following it).
pub async fn set_follow(
    db: &Db,
    shop: &RecordId,
    user: &RecordId,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let f = follow_id(shop, user);
    let mut s = Stmts::new();
    s.bind("f", f.clone())
        .bind("shop", shop.clone())
        .bind("user", user.clone())
        .bind("now", now)
        .lock(f)
        .sql(if follow { FOLLOW } else { UNFOLLOW });
    let mut tx = Tx::new();
    tx.add(s);
    // no guard refuses it: following is always allowed
    let _ = tx.run(db).await?;
    Ok(())
}

/// The shops a follower follows (binds `$user`, `$limit`).
pub const FOLLOWED: &str = "SELECT VALUE shop FROM shop_follow WHERE user = $user \
     ORDER BY at_key LIMIT $limit";

/// The shops `user` follows, latest followed first.
pub async fn followed_shops(db: &Db, user: &RecordId) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(FOLLOWED)
        .bind(("user", user.clone()))
        .bind(("limit", MAX_FOLLOWED))
        .await?
        .check()?;
    res.take(0)
}

/// The shops among `shops` that `user` follows.
pub async fn follows_among(
    db: &Db,
    user: &RecordId,
    shops: &[RecordId],
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let ids: Vec<RecordId> = shops.iter().map(|s| follow_id(s, user)).collect();
    let mut res = db
        .query("SELECT VALUE shop FROM $ids")
        .bind(("ids", ids))
        .await?
        .check()?;
    res.take(0)
}

/// A followed shop as the follower's page lists it.
#[derive(Clone, Debug, SurrealValue)]
pub struct FollowedShop {
    pub slug: String,
    pub name: String,
    pub followers: i64,
}

/// Whether `user` follows `shop`, and the shop's follower count.
pub async fn follow_state(
    db: &Db,
    shop: &RecordId,
    user: Option<&RecordId>,
) -> Result<(bool, i64), surrealdb::Error> {
    let f = user.map(|u| follow_id(shop, u));
    let mut res = db
        .query("RETURN $f != NONE AND record::exists($f); RETURN $shop.followers ?? 0;")
        .bind(("f", f))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let following: Option<bool> = res.take(0)?;
    let followers: Option<i64> = res.take(1)?;
    Ok((following.unwrap_or(false), followers.unwrap_or(0)))
}

/// These shops (approved ones), with their follower counts.
pub async fn shops_named(
    db: &Db,
    shops: Vec<RecordId>,
) -> Result<Vec<FollowedShop>, surrealdb::Error> {
    let mut res = db
        .query("SELECT record::id(id) AS slug, name, followers ?? 0 AS followers FROM $shops WHERE status = 'approved'")
        .bind(("shops", shops))
        .await?
        .check()?;
    res.take(0)
}

/// The text that reads shop `$s<i>`'s newest live listings (binds `$per`).
pub fn newest_of_shop_query(i: usize) -> String {
    format!(
        "SELECT {LISTING_FIELDS} FROM product WHERE shop = $s{i} AND status = 'active' \
         AND variant_of = NONE ORDER BY newest_key LIMIT $per"
    )
}

/// The newest live listings of each of `shops` (at most `per_shop` each), by the
/// `product_shop_status_newest` index, newest first over all of them.
pub async fn newest_of_shops(
    db: &Db,
    shops: &[RecordId],
    per_shop: i64,
) -> Result<Vec<CardRow>, surrealdb::Error> {
    if shops.is_empty() {
        return Ok(Vec::new());
    }
    let sql = (0..shops.len())
        .map(newest_of_shop_query)
        .collect::<Vec<_>>()
        .join(";\n");
    let mut q = db.query(sql).bind(("per", per_shop));
    for (i, s) in shops.iter().enumerate() {
        q = q.bind((format!("s{i}"), s.clone()));
    }
    let mut res = q.await?.check()?;
    let mut all: Vec<ListingRow> = Vec::new();
    for i in 0..shops.len() {
        all.extend(res.take::<Vec<ListingRow>>(i)?);
    }
    all.sort_by_key(|r| r.newest_key);
    Ok(all.into_iter().map(ListingRow::card_row).collect())
}
