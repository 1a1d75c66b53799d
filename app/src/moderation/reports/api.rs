//! The server functions: check who is asking, call `imp`, answer.

use super::*;

/// A shopper reports a listing (signed in; once per listing).
#[server(endpoint = "report_listing")]
pub async fn report_listing(
    product: String,
    #[server(default)] reason: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    async {
        let user = crate::accounts::session::require_user().await?;
        let state = crate::state::app_state()?;
        imp::report(&state, &user, &product, &reason, &text).await
    }
    .await
}

#[server(endpoint = "open_reports")]
pub async fn get_open_reports() -> Result<Vec<ReportView>, AppError> {
    async {
        let crate::ctx::Ctx { state, user: _ } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        imp::open(&state).await
    }
    .await
}

#[server(endpoint = "decide_report")]
pub async fn decide_report(key: String, decision: String) -> Result<(), AppError> {
    async {
        let crate::ctx::Ctx { state, user } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        let review = crate::error::choice("decision", &decision, "review", "dismiss")?;
        imp::decide(&state, &user, &key, review).await
    }
    .await
}
