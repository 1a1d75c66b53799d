//! Sharing rewards: share links that carry the sharer's referral code, the
//! attribution cookie, rich previews (Open Graph / Twitter tags and a server-rendered
//! share card), campaign rules, rewards that become store credit once the referred
//! order's return window closes, store credit spent at checkout, the fraud checks that
//! hold suspicious rewards for moderators, and the shopper's and platform's dashboards.
//!
//! Rules are in `domain::referral`; server functions in `api`; server-side logic in
//! [`imp`] and its queries in `store`; the share card and QR code in the server crate
//! (`share.rs`); pages in `views` (share dialog, My rewards; `views::seller`: a shop's own
//! campaigns; `views::admin`: campaigns, the moderation queue's held rewards).

use domain::Money;
use serde::{Deserialize, Serialize};

mod api;
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::referrals::store;

pub use api::*;

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
