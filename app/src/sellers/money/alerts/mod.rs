//! Payments that need a person: where Stripe and the ledger disagree. A card refund
//! Stripe keeps refusing (tried again, waiting longer each time) and a refund made at
//! Stripe that no order's refunds hold (part of a several-shop payment refunded in
//! its dashboard) raise an alert on `/admin/payments`; an admin attributes the second
//! to one of the orders the payment paid, which posts that order's refund by the
//! refund rule, or asks for the first to be tried now. Each closes by itself once
//! the two sides agree.

use serde::{Deserialize, Serialize};

mod api;
#[cfg(feature = "ssr")]
mod imp;
mod views;

pub use api::*;
pub use views::PaymentAlertsPage;

/// What an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertKind {
    /// Stripe refunded more of a payment than its orders' refunds hold.
    ProviderRefund,
    /// Stripe keeps refusing one of our card refunds.
    RefundRefused,
}

/// An order the alert's payment paid, as an admin picks it to attribute a refund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertOrder {
    pub id: String,
    pub number: String,
    pub shop: String,
    pub paid: String,
    /// What the buyer may still get back of this order.
    pub left: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAlert {
    pub id: String,
    pub kind: AlertKind,
    pub payment_intent: Option<String>,
    pub order_number: Option<String>,
    /// Refunded at Stripe, held by our orders' refunds (provider refunds).
    pub provider: String,
    pub ours: String,
    /// What no order holds (provider refunds), or what waits to be refunded.
    pub gap: String,
    pub currency: String,
    pub reason: Option<String>,
    pub attempts: Option<i64>,
    pub next_at: Option<i64>,
    pub updated_at: i64,
    pub orders: Vec<AlertOrder>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAlerts {
    pub open: Vec<PaymentAlert>,
    /// The latest closed ones.
    pub closed: Vec<PaymentAlert>,
}
