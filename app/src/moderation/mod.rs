//! Platform moderation: the `/admin` area for moderators and admins.

pub mod api;
pub mod appeals;
pub mod disputes;
#[cfg(feature = "ssr")]
pub mod imp;
pub mod notices;
pub mod policy_settings;
pub mod queue;
pub mod reports;
pub mod screening;
pub mod seller_notices;
pub mod settings;
#[cfg(feature = "ssr")]
pub use backend::moderation::store;
pub mod transparency;
pub mod views;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Unix seconds.
    pub at: i64,
    pub action: String,
    pub subject: String,
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub users: i64,
    pub shops: i64,
    pub pending_shops: i64,
    pub products: i64,
    pub open_reports: i64,
    /// Payments needing an admin (`/admin/payments`).
    pub payment_alerts: i64,
    pub recent: Vec<AuditEntry>,
}
