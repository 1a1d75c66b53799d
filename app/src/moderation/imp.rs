use super::store;
use super::{AdminOverview, AuditEntry};
use crate::error::AppError;
use crate::state::{key_of, AppState};

pub async fn admin_overview(state: &AppState) -> Result<AdminOverview, AppError> {
    let counts = store::platform_counts(&state.db).await?;
    let rows = store::recent_audit(&state.db, 20).await?;
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
        users: counts.users,
        shops: counts.shops,
        pending_shops: counts.pending_shops,
        products: counts.products,
        open_reports: counts.open_reports,
        payment_alerts: counts.payment_alerts,
        recent,
    })
}
