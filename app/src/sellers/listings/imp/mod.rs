//! The seller centre's listings on the server: every change is scoped to the caller's
//! own shop (another shop's listing is `NotFound`). The queries are in
//! [`crate::sellers::listings_store`].

mod edit;
mod pages;
mod photos;
mod publish;
mod schedule;
mod variants;

pub use self::edit::{duplicate, save};
pub use self::pages::{editor, list};
pub use self::photos::{add_photos, arrange_photo};
pub use self::publish::{delist, publish, rescreen_edited, screen_listing};
pub use self::schedule::{run_schedule, set_sold_out_display, sync_sold_out};
pub use self::variants::add_variant;

use chrono::{DateTime, TimeZone, Utc};
use surrealdb::types::RecordId;

use crate::ctx::SellerShop;
use crate::error::AppError;
use crate::sellers::listings_store::{self as store, ListingRow};
use crate::state::{is_record_key, Db};

fn product_id(id: &str) -> Option<RecordId> {
    is_record_key(id).then(|| RecordId::new("product", id))
}

/// The listing `id` if it belongs to `shop`; anything else is `NotFound`.
async fn own(db: &Db, shop: &SellerShop, id: &str) -> Result<ListingRow, AppError> {
    let pid = product_id(id).ok_or(AppError::NotFound)?;
    let rows = store::listing(db, pid).await?;
    rows.into_iter()
        .find(|r| r.shop == shop.id)
        .ok_or(AppError::NotFound)
}

/// Whether moderation's locks keep the listing down (only moderators and the notice
/// workflow lift them; see `backend::moderation::store::locks`).
fn is_locked(row: &ListingRow) -> bool {
    row.locks.as_ref().is_some_and(|l| !l.is_empty())
}

pub fn new_key() -> String {
    use rand::Rng;
    const A: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let tail: String = (0..10)
        .map(|_| A[rng.gen_range(0..A.len())] as char)
        .collect();
    format!("s{tail}")
}

fn at(unix: Option<i64>) -> Option<DateTime<Utc>> {
    unix.and_then(|t| Utc.timestamp_opt(t, 0).single())
}
