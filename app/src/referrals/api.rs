//! The server functions of sharing rewards: each checks its input's shape and calls
//! the area's logic in `imp`.
// The campaign form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::{CampaignDashboard, CampaignRow, HeldReward, MyRewards, SharedLink};
use crate::error::AppError;

/// The link to share for `path` (a page of this site): with the signed-in user's code.
#[server(endpoint = "share_link")]
pub async fn share_link(path: String) -> Result<SharedLink, AppError> {
    super::imp::share_link(&path).await
}

/// Counts a share (the user copied the link or picked a network).
#[server(endpoint = "record_share")]
pub async fn record_share(#[server(default)] network: String) -> Result<(), AppError> {
    super::imp::record_share(&network).await
}

#[server(endpoint = "my_rewards")]
pub async fn get_my_rewards() -> Result<MyRewards, AppError> {
    super::imp::my_rewards().await
}

#[server(endpoint = "campaign_dashboard")]
pub async fn get_campaign_dashboard() -> Result<CampaignDashboard, AppError> {
    super::imp::dashboard().await
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
    super::imp::save_campaign(super::imp::CampaignForm {
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
    })
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
    super::imp::save_shop_campaign(super::imp::CampaignForm {
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
    })
    .await
}

#[server(endpoint = "shop_campaigns")]
pub async fn get_shop_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    super::imp::shop_campaigns().await
}

#[server(endpoint = "held_rewards")]
pub async fn get_held_rewards() -> Result<Vec<HeldReward>, AppError> {
    super::imp::held_rewards().await
}

/// A moderator approves or rejects a held reward (a reason is needed to reject).
#[server(endpoint = "decide_reward")]
pub async fn decide_reward(
    key: String,
    #[server(default)] decision: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::imp::decide(&key, &decision, &note).await
}

/// Pauses or resumes a campaign (admins any, sellers their own shop's).
#[server(endpoint = "set_campaign_active")]
pub async fn set_campaign_active(
    key: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    super::imp::set_active(&key, active == "true").await
}
