//! The server functions: check who is asking, call `imp`, answer.
// The settings form posts every tunable as its own field.
#![allow(clippy::too_many_arguments)]

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;

#[server(endpoint = "moderation_policy")]
pub async fn get_moderation_policy() -> Result<Policy, AppError> {
    imp::load(&Ctx::role(Role::Admin).await?.state).await
}

#[server(endpoint = "set_moderation_policy")]
pub async fn set_moderation_policy(#[server(default)] value: Vec<String>) -> Result<(), AppError> {
    imp::save(&Ctx::role(Role::Admin).await?, value).await
}
