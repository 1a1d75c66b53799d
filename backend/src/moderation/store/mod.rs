//! Moderation's queries (server only), by topic: the overview's counts and the audit log
//! (here), what automatic screening reads, the transparency report's rows, the moderation
//! policy, shoppers' reports, sellers' appeals, the platform settings, the moderation
//! queue's cases, decisions and strikes, notice and action, and who has a stake in a
//! decision.

mod appeals;
pub mod conflict;
pub mod disputes;
pub mod locks;
pub mod notices;
mod policy;
pub mod queue;
mod reports;
mod screening;
mod settings;
mod transparency;

pub use self::appeals::*;
pub use self::policy::*;
pub use self::reports::*;
pub use self::screening::*;
pub use self::settings::*;
pub use self::transparency::*;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{count_unbound, Db};

/// How many of each thing the platform holds.
pub struct PlatformCounts {
    pub users: i64,
    pub shops: i64,
    pub pending_shops: i64,
    pub products: i64,
    pub open_reports: i64,
    /// Where Stripe and the ledger disagree (see `orders::store::payments`).
    pub payment_alerts: i64,
}

pub async fn platform_counts(db: &Db) -> Result<PlatformCounts, surrealdb::Error> {
    Ok(PlatformCounts {
        users: count_unbound(db, "SELECT count() AS n FROM user GROUP ALL").await?,
        shops: count_unbound(db, "SELECT count() AS n FROM shop GROUP ALL").await?,
        pending_shops: count_unbound(
            db,
            "SELECT count() AS n FROM shop WHERE status IN ['submitted', 'in_review'] GROUP ALL",
        )
        .await?,
        products: count_unbound(db, "SELECT count() AS n FROM product GROUP ALL").await?,
        open_reports: count_unbound(
            db,
            "SELECT count() AS n FROM report WHERE status = 'open' GROUP ALL",
        )
        .await?,
        payment_alerts: count_unbound(
            db,
            "SELECT count() AS n FROM payment_alert WHERE status = 'open' GROUP ALL",
        )
        .await?,
    })
}

#[derive(SurrealValue)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub action: String,
    pub subject: String,
    pub actor: Option<RecordId>,
}

/// The latest audit entries, newest first.
pub async fn recent_audit(db: &Db, limit: i64) -> Result<Vec<AuditRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT at, action, subject, actor FROM audit_log ORDER BY at DESC LIMIT $limit")
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}
