//! The server functions: check who is asking, call `imp`, answer.

use super::*;

#[server(endpoint = "seller_dashboard")]
pub async fn get_dashboard(#[server(default)] days: i64) -> Result<Dashboard, AppError> {
    async {
        let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::role(domain::Role::Seller).await?;
        imp::dashboard(&state, &user, days).await
    }
    .await
}
