//! Moderation server functions.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::AdminOverview;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::imp;

/// Platform counts and the latest audited decisions. Requires moderator (or admin).
#[server(endpoint = "admin_overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    imp::admin_overview(&Ctx::role(Role::Moderator).await?.state).await
}
