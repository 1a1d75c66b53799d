//! The server functions: check who is asking, call `imp`, answer.

use super::*;

/// The seller's appeal of a decision (by the decision's key).
#[server(endpoint = "file_appeal")]
pub async fn file_appeal(key: String, #[server(default)] text: String) -> Result<(), AppError> {
    async {
        let user = crate::accounts::session::require_role(domain::Role::Seller).await?;
        let state = crate::state::app_state()?;
        imp::file(&state, &user, &key, &text).await
    }
    .await
}

#[server(endpoint = "open_appeals")]
pub async fn get_open_appeals() -> Result<Vec<AppealView>, AppError> {
    async {
        let crate::ctx::Ctx { state, user } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        imp::open(&state, &user).await
    }
    .await
}

#[server(endpoint = "decide_appeal")]
pub async fn decide_appeal(
    key: String,
    decision: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    async {
        let crate::ctx::Ctx { state, user } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        let grant = crate::error::choice("decision", &decision, "grant", "deny")?;
        imp::decide(&state, &user, &key, grant, &statement).await
    }
    .await
}
