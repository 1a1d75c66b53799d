//! Sharing rewards: share links that carry the sharer's referral code, the
//! attribution cookie, rich previews (Open Graph / Twitter tags and a server-rendered
//! share card), campaign rules, rewards that become store credit once the referred
//! order's return window closes, store credit spent at checkout, the fraud checks that
//! hold suspicious rewards for moderators, and the shopper's and platform's dashboards.
//!
//! Rules are in `domain::referral`; database work in [`imp`]; the share card and QR code
//! in the server crate (`share.rs`); pages in `views` (share dialog, My rewards) and `admin` (campaigns, the
//! moderation queue's held rewards).
// The campaign form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use domain::Money;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub mod admin;
pub mod seller;
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;

/// The networks offered in the share dialog (besides copying the link and the
/// browser's own share sheet).
pub const NETWORKS: [&str; 6] = ["line", "facebook", "x", "whatsapp", "telegram", "wechat"];

/// The link a signed-in user shares (with their code), or the plain link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedLink {
    pub url: String,
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditBalance {
    pub pending: Money,
    pub available: Money,
}

/// One reward as its sharer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewardLine {
    pub key: String,
    pub buyer: String,
    pub amount: Money,
    pub status: String,
    pub campaign: String,
    pub created_at: i64,
}

/// One store-credit posting on the user's own accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    pub at: i64,
    pub kind: String,
    /// "pending" or "available".
    pub account: String,
    /// Positive: the user has more.
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRewards {
    pub code: String,
    pub link: String,
    pub shares: i64,
    pub clicks: i64,
    pub signups: i64,
    pub orders: i64,
    pub balances: Vec<CreditBalance>,
    pub rewards: Vec<RewardLine>,
    pub history: Vec<CreditLine>,
    pub window_days: i64,
}

/// A campaign and what it has done, for the platform's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub key: String,
    pub name: String,
    /// The funding shop's name, or `None` for the platform.
    pub shop: Option<String>,
    pub currency: String,
    pub kind: String,
    pub rate_bps: i64,
    pub fixed: Money,
    pub cap: Money,
    pub welcome_bps: i64,
    pub welcome_cap: Money,
    pub active: bool,
    pub rewards: i64,
    pub flagged: i64,
    pub cost: Money,
    pub revenue: Money,
}

/// One day of the platform's referral traffic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    pub day: String,
    pub shares: i64,
    pub clicks: i64,
    pub signups: i64,
    pub orders: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDashboard {
    pub campaigns: Vec<CampaignRow>,
    /// The last 30 days, oldest first.
    pub days: Vec<DayPoint>,
}

/// A held reward and the evidence behind it, for moderators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldReward {
    pub key: String,
    pub sharer: String,
    pub buyer: String,
    pub order_number: String,
    pub amount: Money,
    pub flags: Vec<String>,
    pub evidence: Vec<String>,
    pub created_at: i64,
}

/// The link to share for `path` (a page of this site): with the signed-in user's code.
#[server(endpoint = "share_link")]
pub async fn share_link(path: String) -> Result<SharedLink, AppError> {
    crate::error::respond(imp::share_link(&path).await)
}

/// Counts a share (the user copied the link or picked a network).
#[server(endpoint = "record_share")]
pub async fn record_share(#[server(default)] network: String) -> Result<(), AppError> {
    crate::error::respond(imp::record_share(&network).await)
}

#[server(endpoint = "my_rewards")]
pub async fn get_my_rewards() -> Result<MyRewards, AppError> {
    crate::error::respond(imp::my_rewards().await)
}

#[server(endpoint = "campaign_dashboard")]
pub async fn get_campaign_dashboard() -> Result<CampaignDashboard, AppError> {
    crate::error::respond(imp::dashboard().await)
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
    crate::error::respond(
        imp::save_campaign(imp::CampaignForm {
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
        .await,
    )
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
    crate::error::respond(
        imp::save_shop_campaign(imp::CampaignForm {
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
        .await,
    )
}

#[server(endpoint = "shop_campaigns")]
pub async fn get_shop_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    crate::error::respond(imp::shop_campaigns().await)
}

#[server(endpoint = "held_rewards")]
pub async fn get_held_rewards() -> Result<Vec<HeldReward>, AppError> {
    crate::error::respond(imp::held_rewards().await)
}

/// A moderator approves or rejects a held reward (a reason is needed to reject).
#[server(endpoint = "decide_reward")]
pub async fn decide_reward(
    key: String,
    #[server(default)] decision: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    crate::error::respond(imp::decide(&key, &decision, &note).await)
}

/// Pauses or resumes a campaign (admins any, sellers their own shop's).
#[server(endpoint = "set_campaign_active")]
pub async fn set_campaign_active(
    key: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    crate::error::respond(imp::set_active(&key, active == "true").await)
}
