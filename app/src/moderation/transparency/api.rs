//! The server functions: check who is asking, call `imp`, answer.

use super::*;

#[server(endpoint = "transparency")]
pub async fn get_transparency() -> Result<Vec<Period>, AppError> {
    async {
        let state = crate::state::app_state()?;
        imp::cached_report(&state, 6).await
    }
    .await
}
