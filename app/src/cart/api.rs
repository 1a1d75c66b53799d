//! Cart server functions.

use domain::keys::ProductKey;
use leptos::prelude::*;

use super::CartView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use {super::imp, crate::ctx::Ctx};

/// The caller's cart, grouped by seller.
#[server(endpoint = "cart")]
pub async fn get_cart() -> Result<CartView, AppError> {
    imp::cart_view(&Ctx::visitor().await?).await
}

/// Adds units of a product; returns the cart's new item count.
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(product_id: ProductKey, quantity: i64) -> Result<u32, AppError> {
    imp::add_to_cart(&Ctx::visitor().await?, product_id, quantity).await
}

/// Sets a line's quantity (0 removes it); returns the cart's new item count.
#[server(endpoint = "set_cart_quantity")]
pub async fn set_cart_quantity(product_id: ProductKey, quantity: i64) -> Result<u32, AppError> {
    imp::set_quantity(&Ctx::visitor().await?, product_id, quantity).await
}
