//! The server functions: check who is asking, call `imp`, answer.
// The zone form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;

#[server(endpoint = "shipping_setup")]
pub async fn get_shipping_setup() -> Result<ShippingSetup, AppError> {
    imp::setup(&Ctx::seller().await?).await
}

/// Adds a zone, or replaces the one with the same English name.
#[server(endpoint = "save_zone")]
pub async fn save_zone(
    #[server(default)] name_en: String,
    #[server(default)] name_zh: String,
    #[server(default)] countries: Vec<String>,
    #[server(default)] price: String,
    #[server(default)] free_over: String,
    #[server(default)] days_min: String,
    #[server(default)] days_max: String,
) -> Result<(), AppError> {
    imp::save(
        &Ctx::open_seller().await?,
        imp::ZoneForm {
            name_en,
            name_zh,
            countries,
            price,
            free_over,
            days_min,
            days_max,
        },
    )
    .await
}

#[server(endpoint = "remove_zone")]
pub async fn remove_zone(#[server(default)] code: String) -> Result<(), AppError> {
    imp::remove(&Ctx::open_seller().await?, &code).await
}
