//! The payments page's server functions (admins only).

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::PaymentAlerts;
use crate::error::AppError;

/// The open alerts and the latest closed ones.
#[server(endpoint = "payment_alerts")]
pub async fn get_payment_alerts() -> Result<PaymentAlerts, AppError> {
    async {
        let Ctx { state, .. } = Ctx::role(Role::Admin).await?;
        super::imp::alerts(&state).await
    }
    .await
}

/// Attributes `amount` (major units) of a refund made at Stripe to `order`, one of
/// the orders its payment paid: the order's refund is posted as Stripe made it.
#[server(endpoint = "attribute_refund")]
pub async fn attribute_refund(
    alert: domain::keys::PaymentAlertKey,
    #[server(default)] order: String,
    #[server(default)] amount: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Admin).await?;
        super::imp::attribute(&state, &user, &alert, &order, &amount).await
    }
    .await
}

/// Tries a refused card refund again now.
#[server(endpoint = "retry_card_refund")]
pub async fn retry_card_refund(alert: domain::keys::PaymentAlertKey) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Admin).await?;
        super::imp::retry(&state, &user, &alert).await
    }
    .await
}
