//! The server functions of the marketing area: each checks its input's shape and calls
//! the area's logic in `imp`.
// The promotion form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use domain::keys::PromotionKey;
use leptos::prelude::*;

use super::{MarketingData, PromotionReport, VoucherView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {super::imp, crate::ctx::Ctx, domain::promotion::PromotionForm};

/// The seller's promotions, with what the form offers.
#[server(endpoint = "marketing")]
pub async fn get_marketing() -> Result<MarketingData, AppError> {
    imp::marketing(&Ctx::seller().await?).await
}

/// A seller creates a promotion of their own shop (amounts in its currency).
#[server(endpoint = "save_promotion")]
pub async fn save_promotion(
    #[server(default)] title_en: String,
    #[server(default)] title_zh: String,
    #[server(default)] kind: String,
    #[server(default)] target: String,
    #[server(default)] category: String,
    #[server(default)] products: String,
    #[server(default)] percent: String,
    #[server(default)] amount: String,
    #[server(default)] spend_0: String,
    #[server(default)] save_0: String,
    #[server(default)] spend_1: String,
    #[server(default)] save_1: String,
    #[server(default)] spend_2: String,
    #[server(default)] save_2: String,
    #[server(default)] min_quantity: String,
    #[server(default)] price: String,
    #[server(default)] units: String,
    #[server(default)] per_buyer: String,
    #[server(default)] min_spend: String,
    #[server(default)] cap: String,
    #[server(default)] code: String,
    #[server(default)] total: String,
    #[server(default)] new_buyers: String,
    #[server(default)] members: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] budget: String,
) -> Result<(), AppError> {
    let seller = Ctx::open_seller().await?;
    imp::save(
        &seller,
        PromotionForm {
            title_en,
            title_zh,
            kind,
            target,
            category,
            products,
            percent,
            amount,
            spend: [spend_0, spend_1, spend_2],
            save: [save_0, save_1, save_2],
            min_quantity,
            price,
            units,
            per_buyer,
            min_spend,
            cap,
            code,
            total,
            new_buyers,
            members,
            starts_at,
            ends_at,
            budget,
        },
    )
    .await
}

/// Pauses, resumes or ends one of the seller's promotions (`to`: `pause`, `resume`,
/// `end`).
#[server(endpoint = "move_promotion")]
pub async fn move_promotion(
    key: PromotionKey,
    #[server(default)] to: String,
) -> Result<(), AppError> {
    imp::move_to(&Ctx::seller().await?, &key, &to).await
}

/// One of the seller's promotions with its results before, during and after it.
#[server(endpoint = "promotion_report")]
pub async fn get_promotion_report(key: PromotionKey) -> Result<PromotionReport, AppError> {
    let seller = Ctx::seller().await?;
    super::report::report(&seller.state, &seller.shop.id, &key, seller.prefs.lang).await
}

/// Puts a voucher into the signed-in shopper's wallet (again: nothing changes).
#[server(endpoint = "claim_voucher")]
pub async fn claim_voucher(key: PromotionKey) -> Result<(), AppError> {
    imp::claim(&Ctx::user().await?, &key).await
}

/// Puts the voucher a code names into the signed-in shopper's wallet.
#[server(endpoint = "add_voucher_code")]
pub async fn add_voucher_code(#[server(default)] code: String) -> Result<(), AppError> {
    imp::claim_code(&Ctx::user().await?, &code).await
}

/// The signed-in shopper's vouchers.
#[server(endpoint = "my_vouchers")]
pub async fn my_vouchers() -> Result<Vec<VoucherView>, AppError> {
    imp::wallet(&Ctx::user().await?).await
}
