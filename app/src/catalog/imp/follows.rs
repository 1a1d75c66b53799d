//! Following shops: the follow itself (an approved shop only), a shop's follower count
//! with whether the caller follows it, and the follower's page.

use domain::keys::ShopSlug;
use surrealdb::types::RecordId;

use super::Shopper;
use crate::catalog::follows::{FollowState, FollowedShop, FollowingPage};
use crate::catalog::store;
use crate::ctx::{Ctx, Storefront, Visitor};
use crate::error::AppError;
use crate::state::{record, AppState};

/// Newest listings shown per followed shop, and shops read for them.
const PER_SHOP: i64 = 6;
const SHOPS_READ: usize = 30;

async fn approved(state: &AppState, shop: &ShopSlug) -> Result<(), AppError> {
    store::approved_shop(&state.db, record(shop))
        .await?
        .map(|_| ())
        .ok_or(AppError::NotFound)
}

/// `shop`'s follower count, and whether `user` follows it.
async fn state_of(
    state: &AppState,
    shop: &ShopSlug,
    user: Option<&RecordId>,
) -> Result<FollowState, AppError> {
    let (following, followers) = store::follow_state(&state.db, &record(shop), user).await?;
    Ok(FollowState {
        following,
        followers,
    })
}

pub async fn state(v: &Visitor, shop: &ShopSlug) -> Result<FollowState, AppError> {
    state_of(&v.state, shop, v.user.as_ref().map(|u| &u.id)).await
}

pub async fn set(ctx: &Ctx, shop: &ShopSlug, follow: bool) -> Result<FollowState, AppError> {
    approved(&ctx.state, shop).await?;
    let id = record(shop);
    store::set_follow(&ctx.state.db, &id, &ctx.user.id, follow, ctx.state.now()).await?;
    state_of(&ctx.state, shop, Some(&ctx.user.id)).await
}

pub async fn following(ctx: &Ctx) -> Result<FollowingPage, AppError> {
    let db = &ctx.state.db;
    let ids = store::followed_shops(db, &ctx.user.id).await?;
    let named = store::shops_named(db, ids.clone()).await?;
    // in the order followed, latest first
    let shops: Vec<FollowedShop> = ids
        .iter()
        .filter_map(|id| {
            let slug = crate::state::key_of(id);
            named.iter().find(|s| s.slug == slug).map(|s| FollowedShop {
                slug: s.slug.clone(),
                name: s.name.clone(),
                followers: s.followers,
            })
        })
        .collect();
    let read: Vec<_> = ids.into_iter().take(SHOPS_READ).collect();
    let rows = store::newest_of_shops(db, &read, PER_SHOP).await?;
    let shopper = Shopper::load(&Storefront {
        state: ctx.state.clone(),
        prefs: ctx.prefs,
    })
    .await?;
    Ok(FollowingPage {
        shops,
        new: shopper.cards(rows).into_iter().take(48).collect(),
    })
}
