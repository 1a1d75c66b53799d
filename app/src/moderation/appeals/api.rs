//! The server functions: check who is asking, call `imp`, answer.

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::keys::DecisionKey;
#[cfg(feature = "ssr")]
use domain::Role;

/// The seller's appeal of a decision (by the decision's key).
#[server(endpoint = "file_appeal")]
pub async fn file_appeal(
    key: DecisionKey,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        imp::file(&state, &user, &key, &text).await
    }
    .await
}

#[server(endpoint = "open_appeals")]
pub async fn get_open_appeals() -> Result<Vec<AppealView>, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Moderator).await?;
        imp::open(&state, &user).await
    }
    .await
}

#[server(endpoint = "decide_appeal")]
pub async fn decide_appeal(
    key: DecisionKey,
    decision: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&key)).await?;
        let grant = crate::error::choice("decision", &decision, "grant", "deny")?;
        imp::decide(&state, &user, &key, grant, &statement).await
    }
    .await
}
