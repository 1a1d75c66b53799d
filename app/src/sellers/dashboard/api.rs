//! The server functions: check who is asking, call `imp`, answer.

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;

#[server(endpoint = "seller_dashboard")]
pub async fn get_dashboard(#[server(default)] days: i64) -> Result<Dashboard, AppError> {
    imp::dashboard(&Ctx::role(Role::Seller).await?, days).await
}
