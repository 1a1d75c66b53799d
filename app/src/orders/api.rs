//! Checkout, order and notification server functions.
// Address forms post their fields flat (as the inputs are named), so two server
// functions take more than seven arguments.
#![allow(clippy::too_many_arguments)]

use domain::keys::{CheckoutKey, OrderKey};
use leptos::prelude::*;

use super::{CheckoutData, Notification, OrderDetail, OrderSummary, Placed};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::imp;
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;

#[cfg(feature = "ssr")]
fn address_of(
    name: String,
    phone: String,
    line1: String,
    line2: Option<String>,
    city: String,
    postal_code: Option<String>,
    country: String,
) -> domain::order::Address {
    domain::order::Address {
        name,
        phone,
        line1,
        line2: line2.unwrap_or_default(),
        city,
        postal_code: postal_code.unwrap_or_default(),
        country,
    }
}

#[server(endpoint = "checkout_data")]
pub async fn get_checkout_data() -> Result<CheckoutData, AppError> {
    imp::checkout_data(&Ctx::user().await?).await
}

/// Places one order per seller from the caller's cart. `shipping` holds
/// `shop:method` choices; `fingerprint` is the digest the checkout page showed.
#[server(endpoint = "place_order")]
pub async fn place_order(
    address_id: Option<String>,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] line1: String,
    line2: Option<String>,
    #[server(default)] city: String,
    postal_code: Option<String>,
    #[server(default)] country: String,
    save_address: Option<String>,
    #[server(default)] shipping: Vec<String>,
    fingerprint: String,
    use_credit: Option<String>,
) -> Result<Placed, AppError> {
    let ctx = Ctx::user().await?;
    let address = imp::AddressInput {
        address_id,
        raw: address_of(name, phone, line1, line2, city, postal_code, country),
        save: save_address.is_some(),
    };
    let placed =
        imp::place_order(&ctx, address, shipping, fingerprint, use_credit.is_some()).await?;
    crate::accounts::session::redirect_form_post(&placed.redirect);
    Ok(placed)
}

#[server(endpoint = "my_orders")]
pub async fn get_my_orders() -> Result<Vec<OrderSummary>, AppError> {
    imp::my_orders(&Ctx::user().await?).await
}

#[server(endpoint = "checkout_orders")]
pub async fn get_checkout_orders(id: CheckoutKey) -> Result<Vec<OrderSummary>, AppError> {
    imp::checkout_orders(&Ctx::user().await?, id).await
}

#[server(endpoint = "order_detail")]
pub async fn get_order_detail(id: OrderKey) -> Result<OrderDetail, AppError> {
    imp::order_detail(&Ctx::user().await?, id).await
}

#[server(endpoint = "cancel_order")]
pub async fn cancel_order(id: OrderKey, #[server(default)] reason: String) -> Result<(), AppError> {
    imp::cancel_order(&Ctx::user().await?, id, reason).await
}

#[server(endpoint = "change_order_address")]
pub async fn change_order_address(
    id: OrderKey,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] line1: String,
    line2: Option<String>,
    #[server(default)] city: String,
    postal_code: Option<String>,
    #[server(default)] country: String,
) -> Result<(), AppError> {
    let ctx = Ctx::user().await?;
    let raw = address_of(name, phone, line1, line2, city, postal_code, country);
    imp::change_address(&ctx, id, raw).await
}

/// A return of some of the order's items (`lines`: `line:quantity` items separated by
/// commas, none for all).
#[server(endpoint = "request_return")]
pub async fn request_return(
    id: OrderKey,
    #[server(default)] kind: String,
    #[server(default)] reason: String,
    #[server(default)] details: String,
    #[server(default)] lines: String,
) -> Result<(), AppError> {
    let ask = imp::ReturnAsk {
        kind,
        lines: lines
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        reason,
        details,
    };
    imp::request_return(&Ctx::user().await?, id, ask).await
}

/// The buyer sends an accepted return back.
#[server(endpoint = "ship_return")]
pub async fn ship_return(
    id: OrderKey,
    #[server(default)] carrier: String,
    #[server(default)] tracking: String,
) -> Result<(), AppError> {
    imp::ship_return(&Ctx::user().await?, id, carrier, tracking).await
}

/// The seller confirms the returned items arrived (refunding the buyer); `restock`
/// (a checkbox: any value) puts them back in stock.
#[server(endpoint = "receive_return")]
pub async fn receive_return(id: OrderKey, restock: Option<String>) -> Result<(), AppError> {
    imp::receive_return(&Ctx::user().await?, id, restock.is_some()).await
}

#[server(endpoint = "confirm_delivery")]
pub async fn confirm_delivery(id: OrderKey) -> Result<(), AppError> {
    imp::confirm_delivery(&Ctx::user().await?, id).await
}

#[server(endpoint = "seller_orders")]
pub async fn get_seller_orders(status: Option<String>) -> Result<Vec<OrderSummary>, AppError> {
    let seller = Ctx::role(domain::Role::Seller).await?;
    imp::seller_orders(&seller, status).await
}

#[server(endpoint = "mark_paid")]
pub async fn mark_paid(id: OrderKey) -> Result<(), AppError> {
    imp::mark_paid(&Ctx::user().await?, id).await
}

#[server(endpoint = "ship_order")]
pub async fn ship_order(
    id: OrderKey,
    #[server(default)] carrier: String,
    #[server(default)] tracking: String,
) -> Result<(), AppError> {
    imp::ship(&Ctx::user().await?, id, carrier, tracking).await
}

#[server(endpoint = "mark_delivered")]
pub async fn mark_delivered(id: OrderKey) -> Result<(), AppError> {
    imp::mark_delivered(&Ctx::user().await?, id).await
}

/// The buyer asks the platform to decide about a refused (or unanswered) return.
#[server(endpoint = "open_claim")]
pub async fn open_claim(
    id: OrderKey,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    imp::open_claim(&Ctx::user().await?, id, statement).await
}

/// The seller's side of the buyer's claim.
#[server(endpoint = "answer_claim")]
pub async fn answer_claim(
    id: OrderKey,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    imp::answer_claim(&Ctx::user().await?, id, statement).await
}

/// The seller accepts a return, or refuses it with a reason.
#[server(endpoint = "decide_return")]
pub async fn decide_return(
    id: OrderKey,
    accept: bool,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    imp::decide_return(&Ctx::user().await?, id, accept, reason).await
}

#[server(endpoint = "notifications")]
pub async fn get_notifications() -> Result<Vec<Notification>, AppError> {
    imp::notifications(&Ctx::user().await?).await
}
