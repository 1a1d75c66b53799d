//! The server functions: check who is asking, call `imp`, answer.

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::keys::RequirementKey;
#[cfg(feature = "ssr")]
use domain::Role;

#[server(endpoint = "platform_settings")]
pub async fn get_platform_settings() -> Result<PlatformSettings, AppError> {
    imp::load(&Ctx::role(Role::Admin).await?.state).await
}

/// `category` blank: the default rate. `percent` blank: remove the category's rate.
#[server(endpoint = "set_commission")]
pub async fn set_commission(
    #[server(default)] category: String,
    #[server(default)] percent: String,
) -> Result<(), AppError> {
    imp::set_commission(&Ctx::role(Role::Admin).await?, &category, &percent).await
}

#[server(endpoint = "add_requirement")]
pub async fn add_requirement(
    #[server(default)] country: String,
    #[server(default)] business_type: String,
    #[server(default)] document: String,
    #[server(default)] only_with_brand: Option<String>,
) -> Result<(), AppError> {
    imp::add_requirement(
        &Ctx::role(Role::Admin).await?,
        &country,
        &business_type,
        &document,
        only_with_brand.is_some(),
    )
    .await
}

#[server(endpoint = "remove_requirement")]
pub async fn remove_requirement(id: RequirementKey) -> Result<(), AppError> {
    imp::remove_requirement(&Ctx::role(Role::Admin).await?, &id).await
}
