//! Moderation server functions.

use leptos::prelude::*;

use super::AdminOverview;
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    use chrono::{DateTime, Utc};
    use domain::Role;
    use surrealdb::types::{RecordId, SurrealValue};

    use super::super::{AdminOverview, AuditEntry};
    use crate::accounts::session::require_role;
    use crate::error::AppError;
    use crate::state::{app_state, count_unbound, key_of};

    #[derive(SurrealValue)]
    struct AuditRow {
        at: DateTime<Utc>,
        action: String,
        subject: String,
        actor: Option<RecordId>,
    }

    pub async fn admin_overview() -> Result<AdminOverview, AppError> {
        require_role(Role::Moderator).await?;
        let state = app_state()?;
        let db = &state.db;
        let users = count_unbound(db, "SELECT count() AS n FROM user GROUP ALL").await?;
        let shops = count_unbound(db, "SELECT count() AS n FROM shop GROUP ALL").await?;
        let pending_shops = count_unbound(
            db,
            "SELECT count() AS n FROM shop WHERE status IN ['submitted', 'in_review'] GROUP ALL",
        )
        .await?;
        let products = count_unbound(db, "SELECT count() AS n FROM product GROUP ALL").await?;
        let open_reports = count_unbound(
            db,
            "SELECT count() AS n FROM report WHERE status = 'open' GROUP ALL",
        )
        .await?;
        let mut res = db
            .query("SELECT at, action, subject, actor FROM audit_log ORDER BY at DESC LIMIT 20")
            .await?
            .check()?;
        let rows: Vec<AuditRow> = res.take(0)?;
        let recent = rows
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at.timestamp(),
                action: r.action,
                subject: r.subject,
                actor: r.actor.as_ref().map(key_of),
            })
            .collect();
        Ok(AdminOverview {
            users,
            shops,
            pending_shops,
            products,
            open_reports,
            recent,
        })
    }
}

/// Platform counts and the latest audited decisions. Requires moderator (or admin).
#[server(endpoint = "admin_overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    crate::error::respond(imp::admin_overview().await)
}
