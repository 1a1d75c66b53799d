//! A shop's money: ledger postings written in the same transaction as the order
//! change that causes them (payment, cancellation after payment, refunds), the
//! release of pending money when the return window closes, payouts, balances and
//! the downloadable statement. The rules are `domain::ledger`.

use serde::{Deserialize, Serialize};

pub mod alerts;
mod api;
#[cfg(feature = "ssr")]
pub mod imp;

pub use api::*;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub at: i64,
    pub kind: String,
    pub account: String,
    /// Positive: the shop is owed more.
    pub amount_minor: i64,
    pub order_id: Option<String>,
    pub order_number: Option<String>,
    pub memo: Option<String>,
}

/// Where manual payouts go, as the seller sees it (the number masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutAccount {
    pub holder: String,
    pub bank_name: String,
    pub bank_code: String,
    /// `•••• 6789`
    pub account_masked: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopMoney {
    pub payout_account: Option<PayoutAccount>,
    /// Whether payouts go through Stripe Connect (an account is connected).
    pub stripe_connected: bool,
    /// Whether the platform has Stripe configured (Connect onboarding is offered).
    pub stripe_available: bool,
    pub currency: String,
    pub balances: domain::ledger::Balances,
    pub lines: Vec<LedgerLine>,
    pub return_window_days: i64,
}
