//! The money page's server functions: the shop's money, refunds, payouts, the payout
//! account and Stripe Connect onboarding.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::ShopMoney;
use crate::error::AppError;

#[server(endpoint = "shop_money")]
pub async fn get_shop_money() -> Result<ShopMoney, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::shop_money(&state, &user, 200).await
    }
    .await
}

/// The seller refunds `amount` (major units, the order's currency) of a paid order.
#[server(endpoint = "refund_order")]
pub async fn refund_order(id: String, #[server(default)] amount: String) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::refund_order(&state, &user, &id, &amount).await
    }
    .await
}

/// An admin records a payout sent to a shop.
#[server(endpoint = "record_payout")]
pub async fn record_payout(
    shop: domain::keys::ShopSlug,
    #[server(default)] amount: String,
    #[server(default)] reference: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Admin).await?;
        super::imp::record_payout(&state, &user, &shop, &amount, &reference).await
    }
    .await
}

/// Where the caller's manual payouts go.
#[server(endpoint = "save_payout_account")]
pub async fn save_payout_account(
    #[server(default)] holder: String,
    #[server(default)] bank_name: String,
    #[server(default)] bank_code: String,
    #[server(default)] account_number: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::save_payout_account(
            &state,
            &user,
            &holder,
            &bank_name,
            &bank_code,
            &account_number,
        )
        .await
    }
    .await
}

/// Stripe Connect Express onboarding: returns the link to Stripe's onboarding pages.
#[server(endpoint = "connect_stripe")]
pub async fn connect_stripe() -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        crate::orders::payments::connect_onboarding(&state, &user).await
    }
    .await
}
