//! Creating, editing and copying listings.

use domain::listing::{validate, ListingForm, ListingStatus};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::publish::place;
use super::{at, is_locked, new_key, own};
use crate::accounts::session::SessionUser;
use crate::ctx::open_shop_of;
use crate::error::AppError;
use crate::sellers::listings_store::{self as store, ListingCopy, ListingWrite};
use crate::state::{key_of, AppState};

/// Creates (`id` empty) or updates the caller's listing; returns its id. A live
/// listing that is edited is screened again before the change is visible.
pub async fn save(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    form: ListingForm,
) -> Result<String, AppError> {
    let db = &state.db;
    let shop = open_shop_of(db, user).await?;
    let listing = validate(&form, shop.currency()).map_err(AppError::Invalid)?;
    let category = RecordId::new("category", listing.category.as_str());
    let known = store::leaf_category(db, category.clone()).await?;
    if known.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            "category",
            FieldErrorCode::InvalidChoice,
        )]));
    }
    let existing = if id.is_empty() {
        None
    } else {
        Some(own(db, &shop, id).await?)
    };
    if let Some(r) = &existing {
        if listing.stock < r.reserved.unwrap_or(0) {
            // units already promised to buyers cannot be taken away here
            return Err(AppError::Invalid(vec![FieldError::new(
                "stock",
                FieldErrorCode::InvalidNumber,
            )]));
        }
    }
    let rates = crate::fx::imp::rate_table(db).await?;
    let price_ref = crate::catalog::store::to_reference(
        listing.price.amount_minor,
        listing.price.currency,
        &rates,
    )
    .unwrap_or(0);
    let (title_en, title_zh) = listing.titles();
    let slug = domain::slug::Slug::from_text(&title_en)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "item".into());
    let now = state.now();
    let key = existing
        .as_ref()
        .map(|r| key_of(&r.id))
        .unwrap_or_else(new_key);
    let pid = RecordId::new("product", key.as_str());
    let before = existing.as_ref().and_then(|r| r.on_hand).unwrap_or(0);
    let delta = listing.stock - before;
    let write = ListingWrite {
        id: pid.clone(),
        stock: RecordId::new("stock", key.as_str()),
        shop: shop.id.clone(),
        category,
        slug,
        title_en,
        title_zh,
        description_en: listing.description_en.clone(),
        description_zh: listing.description_zh.clone(),
        brand: listing.brand.clone(),
        condition: listing.condition.as_str().to_string(),
        price: listing.price.amount_minor,
        compare_at: listing.compare_at.map(|m| m.amount_minor),
        floor: listing.floor.map(|m| m.amount_minor),
        currency: shop.currency.clone(),
        sku: listing.sku.clone(),
        weight: listing.weight_g,
        publish_at: at(listing.publish_at),
        delist_at: at(listing.delist_at),
        price_ref,
        placeholder: format!("/media/gen/{}/{key}-0.svg", listing.category),
        on_hand: listing.stock,
        low: listing.low_stock,
        delta,
        user: user.id.clone(),
        now,
    };
    if existing.is_some() {
        store::update_listing(db, write).await?;
    } else {
        store::create_listing(db, write).await?;
    }
    if let Some(r) = existing {
        let status = ListingStatus::parse(&r.status).unwrap_or(ListingStatus::Draft);
        // a locked listing keeps the seller's changes but stays down, its case as it is
        if !is_locked(&r) && status.screened_on_edit() {
            // screened as it now reads
            let updated = own(db, &shop, &key).await?;
            place(state, &shop, &updated, now).await?;
        }
    }
    Ok(key)
}

/// A draft copy of the caller's listing (same fields and photos, no stock).
pub async fn duplicate(state: &AppState, user: &SessionUser, id: &str) -> Result<String, AppError> {
    let db = &state.db;
    let shop = open_shop_of(db, user).await?;
    let row = own(db, &shop, id).await?;
    // a copy would put what a moderator or a rights notice took down back on sale
    if is_locked(&row) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "status",
            FieldErrorCode::Locked,
        )]));
    }
    let key = new_key();
    let pid = RecordId::new("product", key.as_str());
    let now = state.now();
    let suffix = |t: &str, s: &str| format!("{t} {s}").chars().take(140).collect::<String>();
    store::copy_listing(
        db,
        ListingCopy {
            new: pid,
            stock: RecordId::new("stock", key.as_str()),
            src: row.id.clone(),
            title_en: suffix(&row.title_en, "(copy)"),
            title_zh: suffix(&row.title_zh, "（複本）"),
            user: user.id.clone(),
            now,
        },
    )
    .await?;
    Ok(key)
}
