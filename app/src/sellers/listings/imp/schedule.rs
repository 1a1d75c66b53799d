//! The scheduler's sweeps (publish and delist at the times the seller set, hide
//! sold-out listings) and the shop's sold-out display setting.

use chrono::{DateTime, Utc};
use domain::{FieldError, FieldErrorCode};

use crate::accounts::session::SessionUser;
use crate::ctx::open_shop_of;
use crate::error::AppError;
use crate::sellers::listings_store as store;
use crate::state::{AppState, Db};

/// Publishes scheduled listings whose time has come and delists live ones whose
/// delisting time has passed. Returns (published, delisted).
pub async fn run_schedule(db: &Db, now: DateTime<Utc>) -> Result<(i64, i64), surrealdb::Error> {
    let (published, delisted) = store::publish_and_delist_due(db, now).await?;
    Ok((published.len() as i64, delisted.len() as i64))
}

/// Keeps sold-out listings of shops that hide them off the storefront, and puts
/// them back once restocked (or once their shop shows sold-out listings again).
/// Returns (hidden, restored).
pub async fn sync_sold_out(db: &Db) -> Result<(usize, usize), surrealdb::Error> {
    let (hidden, restored) = store::hide_and_restore_sold_out(db).await?;
    Ok((hidden.len(), restored.len()))
}

/// Whether the caller's shop hides (`hide`) or marks (`mark`) sold-out listings.
pub async fn set_sold_out_display(
    state: &AppState,
    user: &SessionUser,
    mode: &str,
) -> Result<(), AppError> {
    if !matches!(mode, "hide" | "mark") {
        return Err(AppError::Invalid(vec![FieldError::new(
            "mode",
            FieldErrorCode::InvalidChoice,
        )]));
    }
    let shop = open_shop_of(&state.db, user).await?;
    store::set_sold_out_display(&state.db, &shop.id, mode.to_string()).await?;
    sync_sold_out(&state.db).await?;
    state.catalog_cache.invalidate();
    Ok(())
}
