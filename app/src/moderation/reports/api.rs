//! The server functions: check who is asking, call `imp`, answer.

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::keys::{ProductKey, ReportKey};
#[cfg(feature = "ssr")]
use domain::Role;

/// A shopper reports a listing (signed in; once per listing).
#[server(endpoint = "report_listing")]
pub async fn report_listing(
    product: ProductKey,
    #[server(default)] reason: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::report(&state, &user, &product, &reason, &text).await
    }
    .await
}

#[server(endpoint = "open_reports")]
pub async fn get_open_reports() -> Result<Vec<ReportView>, AppError> {
    async {
        let Ctx { state, .. } = Ctx::role(Role::Moderator).await?;
        imp::open(&state).await
    }
    .await
}

#[server(endpoint = "decide_report")]
pub async fn decide_report(key: ReportKey, decision: String) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&key)).await?;
        let review = crate::error::choice("decision", &decision, "review", "dismiss")?;
        imp::decide(&state, &user, &key, review).await
    }
    .await
}
