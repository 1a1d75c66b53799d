//! Seller-centre server functions.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::SellerOverview;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::imp;

/// The seller centre's summary of the caller's shop. Requires the seller role.
#[server(endpoint = "seller_overview")]
pub async fn get_seller_overview() -> Result<SellerOverview, AppError> {
    imp::seller_overview(&Ctx::role(Role::Seller).await?).await
}
