//! The server functions of sharing rewards: each checks its input's shape and calls
//! the area's logic in `imp`.
// The campaign form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use domain::keys::{CampaignKey, RewardKey};
use leptos::prelude::*;

use super::{CampaignDashboard, CampaignRow, HeldReward, MyRewards, SharedLink};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::imp,
    crate::{ctx::Ctx, state::app_state},
    domain::Role,
};

/// The link to share for `path` (a page of this site): with the signed-in user's code.
#[server(endpoint = "share_link")]
pub async fn share_link(path: String) -> Result<SharedLink, AppError> {
    imp::share_link(&Ctx::visitor().await?, &path).await
}

/// Counts a share (the user copied the link or picked a network).
#[server(endpoint = "record_share")]
pub async fn record_share(#[server(default)] network: String) -> Result<(), AppError> {
    imp::record_share(&Ctx::visitor().await?, &network).await
}

#[server(endpoint = "my_rewards")]
pub async fn get_my_rewards() -> Result<MyRewards, AppError> {
    imp::my_rewards(&Ctx::user().await?).await
}

#[server(endpoint = "campaign_dashboard")]
pub async fn get_campaign_dashboard() -> Result<CampaignDashboard, AppError> {
    Ctx::role(Role::Admin).await?;
    imp::dashboard(&app_state()?).await
}

/// Creates (empty `key`) or changes a campaign. Admins only.
#[server(endpoint = "save_campaign")]
pub async fn save_campaign(
    #[server(default)] key: String,
    #[server(default)] name: String,
    #[server(default)] shop: String,
    #[server(default)] currency: String,
    #[server(default)] kind: String,
    #[server(default)] rate: String,
    #[server(default)] fixed: String,
    #[server(default)] cap: String,
    #[server(default)] welcome: String,
    #[server(default)] welcome_cap: String,
    #[server(default)] active: Option<String>,
) -> Result<(), AppError> {
    let admin = Ctx::role(Role::Admin).await?;
    imp::save_campaign(
        &admin,
        imp::CampaignForm {
            key,
            name,
            shop,
            currency,
            kind,
            rate,
            fixed,
            cap,
            welcome,
            welcome_cap,
            active: active.is_some(),
        },
    )
    .await
}

/// A seller creates a sharing campaign funded by their own shop (in its currency).
#[server(endpoint = "save_shop_campaign")]
pub async fn save_shop_campaign(
    #[server(default)] name: String,
    #[server(default)] kind: String,
    #[server(default)] rate: String,
    #[server(default)] fixed: String,
    #[server(default)] cap: String,
    #[server(default)] welcome: String,
    #[server(default)] welcome_cap: String,
    #[server(default)] active: Option<String>,
) -> Result<(), AppError> {
    let seller = Ctx::open_seller().await?;
    imp::save_shop_campaign(
        &seller,
        imp::CampaignForm {
            key: String::new(),
            name,
            shop: String::new(),
            currency: String::new(),
            kind,
            rate,
            fixed,
            cap,
            welcome,
            welcome_cap,
            active: active.is_some(),
        },
    )
    .await
}

#[server(endpoint = "shop_campaigns")]
pub async fn get_shop_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    imp::shop_campaigns(&Ctx::seller().await?).await
}

#[server(endpoint = "held_rewards")]
pub async fn get_held_rewards() -> Result<Vec<HeldReward>, AppError> {
    let ctx = Ctx::role(Role::Moderator).await?;
    imp::held_rewards(&ctx.state).await
}

/// A moderator approves or rejects a held reward (a reason is needed to reject).
#[server(endpoint = "decide_reward")]
pub async fn decide_reward(
    key: RewardKey,
    #[server(default)] decision: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let ctx = Ctx::judge(crate::state::record(&key)).await?;
    imp::decide(&ctx, &key, &decision, &note).await
}

/// Pauses or resumes a campaign (admins any, sellers their own shop's).
#[server(endpoint = "set_campaign_active")]
pub async fn set_campaign_active(
    key: CampaignKey,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    imp::set_active(&Ctx::user().await?, &key, active == "true").await
}
