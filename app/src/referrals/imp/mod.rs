//! Server-side logic of sharing rewards (see the module doc). Reward and credit changes
//! are written in the same transaction as the order change that causes them: rewards
//! and credit spent with the checkout, a reward's move to pending with the payment, to
//! available with the settlement after the return window, its reversal (and the
//! return of credit spent) with a cancellation or refund. Queries are in `store`.

mod campaigns;
mod checkout;
mod fraud;
mod rewards;
mod sharing;

pub use campaigns::{
    dashboard, save_campaign, save_shop_campaign, set_active, shop_campaigns, CampaignForm,
};
pub use checkout::{
    available_credit, credits, for_checkout, place_sql, CheckoutPricing, CheckoutReferral,
    OrderPart, PartReferral, PlacedPart,
};
pub use fraud::evaluate;
pub use rewards::{
    decide, held_rewards, order_stmts, recheck_payment, RewardListener, SamePaymentListener,
};
pub use sharing::{
    code_of, count_orders, current_referrer, my_rewards, on_sign_up, record_click, record_share,
    share_link, user_by_code, AttributionListener, ATTRIBUTION_COOKIE,
};

use domain::{Currency, FieldError, FieldErrorCode, Money};

use super::store;
use crate::error::AppError;
use crate::state::Db;

fn bad(field: &str, code: FieldErrorCode) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, code)])
}

pub struct Settings {
    pub window_days: i64,
    pub velocity: i64,
}

pub async fn settings(db: &Db) -> Result<Settings, AppError> {
    let v: Vec<i64> = store::window_and_velocity(db).await?;
    Ok(Settings {
        window_days: v.first().copied().unwrap_or(30),
        velocity: v.get(1).copied().unwrap_or(10),
    })
}

fn money(minor: i64, currency: &str) -> Money {
    Money::new(minor, Currency::parse(currency).unwrap_or_default())
}
