//! The server side of reviews. Every change that moves a review in or out of
//! "published" applies its `domain::review::Aggregate::delta` to the product's and the
//! shop's ratings in the same transaction, guarded by the state it read, so the
//! ratings never need a scan (and [`recompute_all`] — used by the seed and to check
//! the deltas — always agrees with them). The queries are in [`super::store`].

use domain::review::{Aggregate, Counted};
use surrealdb::types::RecordId;

use super::*;
use crate::accounts::session::SessionUser;
use crate::state::{record, AppState, Db};
use domain::keys::{OrderKey, OrderLineKey, ProductKey, ReviewKey};

mod moderation;
mod product;
mod seller;
mod writing;

pub use super::store::recompute_all;
pub use moderation::{decide, for_moderation};
pub use product::{product_page, report, vote};
pub use seller::{awaiting_reply, reply, seller_list};
pub use writing::{form, order_lines, submit, Submission, Written};

/// The public URL of a stored review photo (`reviews/…`).
pub fn photo_url(key: &str) -> String {
    format!("/media/{key}")
}

fn photo_pair(key: &str) -> (String, String) {
    let full = photo_url(key);
    let thumb = full.replacen(".jpg", "-t.jpg", 1);
    (thumb, full)
}

fn summary_of(a: &Aggregate) -> RatingSummary {
    RatingSummary {
        avg_x10: (a.average() * 10.0).round() as u16,
        count: a.count,
        dist: a.dist,
        with_photos: a.photos,
    }
}

fn aspect(v: Option<i64>) -> Option<u8> {
    v.filter(|n| (1..=5).contains(n)).map(|n| n as u8)
}

/// A product's stored ratings.
pub async fn product_aggregate(db: &Db, product: &RecordId) -> Result<Aggregate, AppError> {
    Ok(store::product_ratings(db, product)
        .await?
        .unwrap_or_default())
}

/// A shop's stored ratings (no photo count).
pub async fn shop_aggregate(db: &Db, shop: &RecordId) -> Result<Aggregate, AppError> {
    Ok(store::shop_ratings(db, shop).await?.unwrap_or_default())
}

/// The ratings recomputed from the published reviews themselves (a scan: for the seed,
/// for repairs and for tests that check the deltas).
pub async fn recomputed(db: &Db, product: &RecordId) -> Result<Aggregate, AppError> {
    let rows = store::published_ratings(db, product).await?;
    let counted: Vec<Counted> = rows
        .iter()
        .map(|r| Counted {
            rating: r.rating.clamp(1, 5) as u8,
            photos: r.has_photos,
        })
        .collect();
    Ok(Aggregate::of(&counted))
}

/// A review that votes, reports and replies are about ("not found" for a bad key).
async fn target(db: &Db, key: &ReviewKey) -> Result<store::ReviewTarget, AppError> {
    store::review_target(db, record(key))
        .await?
        .ok_or(AppError::NotFound)
}
