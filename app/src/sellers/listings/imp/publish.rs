//! Publishing: screening a listing as it reads now, putting it where the verdict and
//! its times say, and delisting.

use backend::notify::Notice;
use chrono::{DateTime, Utc};
use domain::listing::{status_after_publish, ListingStatus};
use domain::screening::{Reason, Verdict};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::{is_locked, own};
use crate::accounts::session::SessionUser;
use crate::ctx::{open_shop_of, shop_of, SellerShop};
use crate::error::AppError;
use crate::events::ListingDraft;
use crate::sellers::listings_store::{self as store, ListingRow, ScreeningWrite};
use crate::state::{key_of, AppState};

/// Screens the listing (as read by the caller) and puts it where the verdict and its times say: held for
/// review, or live (queued for review when medium risk), scheduled or delisted.
/// Screening of a listing as it reads now: text and brands, price against the
/// category median, the shop's record and its photos' fingerprints.
async fn screen_row(
    state: &AppState,
    shop: &RecordId,
    row: &ListingRow,
    now: DateTime<Utc>,
) -> Result<domain::screening::Screening, AppError> {
    let db = &state.db;
    let pid = &row.id;
    let mut prices =
        store::live_prices_in_category(db, row.category.clone(), row.currency.clone(), pid.clone())
            .await?;
    // a median of a handful of listings says little
    let median = if prices.len() >= 5 {
        domain::screening::median(&mut prices)
    } else {
        None
    };
    let brand = row.brand.clone().unwrap_or_default();
    let texts = [
        row.title_en.as_str(),
        row.title_zh.as_str(),
        row.description_en.as_str(),
        row.description_zh.as_str(),
        brand.as_str(),
    ];
    let draft = ListingDraft {
        product: Some(pid),
        texts: &texts,
        price_minor: row.price_minor,
        median_minor: median,
    };
    let verdicts = state
        .listeners
        .listing
        .screen(db, shop, std::slice::from_ref(&draft), now)
        .await?;
    verdicts
        .into_iter()
        .next()
        .ok_or_else(|| crate::error::internal("screening", "no verdict for the listing"))
}

/// Screens a listing by key without changing anything (the screening benchmark).
pub async fn screen_listing(
    state: &AppState,
    key: &str,
) -> Result<domain::screening::Screening, AppError> {
    let rows = store::listing(&state.db, RecordId::new("product", key)).await?;
    let row = rows.into_iter().next().ok_or(AppError::NotFound)?;
    screen_row(state, &row.shop, &row, state.now()).await
}

pub(super) async fn place(
    state: &AppState,
    shop: &SellerShop,
    row: &ListingRow,
    now: DateTime<Utc>,
) -> Result<ListingStatus, AppError> {
    let db = &state.db;
    let pid = &row.id;
    // a listing a moderator or a rights notice locked stays down until they lift it
    if is_locked(row) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "status",
            FieldErrorCode::Locked,
        )]));
    }
    let result = screen_row(state, &shop.id, row, now).await?;
    // a shop under a listing limit (strikes) cannot have more live listings
    if row.status != "active" && result.verdict != Verdict::Hold {
        let (sanction, limit) = store::sanction_and_listing_limit(db, shop.id.clone()).await?;
        if sanction.first().map(String::as_str) == Some("listing_limit") {
            let live = store::live_listings(db, shop.id.clone()).await?;
            if live >= limit.first().copied().unwrap_or(20) {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "listing_limit",
                    FieldErrorCode::TooMany,
                )]));
            }
        }
    }
    let status = match result.verdict {
        Verdict::Hold => ListingStatus::Held,
        // a sold-out listing stays sold out until the stock sync brings it back
        _ if row.status == ListingStatus::SoldOut.as_str() => ListingStatus::SoldOut,
        _ => status_after_publish(
            now.timestamp(),
            row.publish_at.map(|t| t.timestamp()),
            row.delist_at.map(|t| t.timestamp()),
        ),
    };
    let reasons: Vec<String> = result.reasons.iter().map(Reason::code).collect();
    let mut kinds: Vec<String> = reasons
        .iter()
        .map(|r| r.split(':').next().unwrap_or_default().to_string())
        .collect();
    kinds.dedup();
    let brands: Vec<String> = result
        .reasons
        .iter()
        .filter_map(|r| match r {
            Reason::UnauthorisedBrand { brand, .. } | Reason::ReferenceImage { brand, .. } => {
                Some(brand.clone())
            }
            _ => None,
        })
        .collect();
    let verdict = match result.verdict {
        Verdict::Publish => "publish",
        Verdict::PublishAndQueue => "queue",
        Verdict::Hold => "hold",
    };
    let case = RecordId::new("screening_case", key_of(pid).as_str());
    store::record_screening(
        db,
        ScreeningWrite {
            id: pid.clone(),
            status: status.as_str().to_string(),
            score: result.score,
            verdict: verdict.to_string(),
            reasons,
            kinds,
            brands,
            case,
            shop: shop.id.clone(),
            subject: format!("product:{}", key_of(pid)),
            mail: Notice::ListingSentForReview {
                product: key_of(pid),
                title: row.title_en.clone(),
            }
            .render(),
            now,
        },
    )
    .await?;
    state.catalog_cache.invalidate();
    Ok(status)
}

/// A live listing edited outside the editor (a CSV import) or back on sale after a
/// lock (a rights notice's reinstatement, with whatever the seller changed meanwhile)
/// goes through the same screening as an edit in the editor: text, brand, price and
/// photos, with a case when the verdict asks for one. A draft stays a draft; a locked
/// listing keeps its edits and stays down.
pub async fn rescreen_edited(
    state: &AppState,
    shop: &SellerShop,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let rows = store::listing(&state.db, RecordId::new("product", key)).await?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(());
    };
    // as the editor's save: what is (or will be, or is again once restocked) on sale,
    // or held by screening
    let live = ListingStatus::parse(&row.status).is_some_and(ListingStatus::screened_on_edit);
    if row.shop != shop.id || !live || is_locked(&row) {
        return Ok(());
    }
    place(state, shop, &row, now).await.map(|_| ())
}

/// Sends the caller's listing through screening; it needs at least one photo.
pub async fn publish(state: &AppState, user: &SessionUser, id: &str) -> Result<String, AppError> {
    let db = &state.db;
    let shop = open_shop_of(db, user).await?;
    let row = own(db, &shop, id).await?;
    if store::photos(db, &row.id).await?.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            "photos",
            FieldErrorCode::Required,
        )]));
    }
    Ok(place(state, &shop, &row, state.now())
        .await?
        .as_str()
        .to_string())
}

pub async fn delist(state: &AppState, user: &SessionUser, id: &str) -> Result<(), AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    let row = own(db, &shop, id).await?;
    store::mark_delisted(db, row.id, state.now()).await?;
    state.catalog_cache.invalidate();
    Ok(())
}
