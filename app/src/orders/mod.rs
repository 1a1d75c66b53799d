//! Checkout and orders: the address book, shipping per seller, one checkout that
//! becomes one order per seller with stock reserved atomically, offline and Stripe
//! payment, the order timeline, cancellation, address changes, returns, and the
//! notification outbox.

pub mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub mod payments;
pub mod views;

/// The orders area's store (`backend::orders::store`), with the app's side of its
/// transactions at their old paths: changing an order's status with the listeners'
/// statements ([`imp::transition`]), placing a checkout ([`imp::place`]) and the
/// shopper-facing error for a refusal.
#[cfg(feature = "ssr")]
pub mod store {
    pub use super::imp::{order_refusal, place, transition};
    pub use backend::orders::store::*;
}

/// The payment queries, at their old path (`orders::payment_store::…`).
#[cfg(feature = "ssr")]
pub use store::payments as payment_store;

use domain::order::{Address, OrderStatus, ReturnKind, ReturnStatus};
use domain::Money;
use serde::{Deserialize, Serialize};

use crate::catalog::PriceView;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingOption {
    pub code: String,
    pub name: String,
    pub fee: Money,
    pub days_min: i64,
    pub days_max: i64,
    /// The countries this option delivers to.
    pub countries: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutLine {
    pub product_id: String,
    pub title: String,
    pub image: String,
    pub quantity: u32,
    pub unit_price: PriceView,
    pub line_total: Money,
    /// What the promotions take off this line.
    pub discount: Option<Money>,
}

/// One seller's parcel on the checkout page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutGroup {
    pub shop_id: String,
    pub shop_name: String,
    pub lines: Vec<CheckoutLine>,
    pub subtotal: PriceView,
    /// The promotions taken off this order, in the order they stack.
    pub promotions: Vec<AppliedPromotion>,
    /// A referred buyer's welcome discount on their first order.
    pub welcome: Option<Money>,
    /// The goods after every discount (before shipping).
    pub after_discounts: Money,
    pub methods: Vec<ShippingOption>,
}

/// A promotion on an order: its title and what it saves (in the order's currency).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedPromotion {
    pub title: String,
    /// What it does, in words ("滿 NT$1,000 減 NT$100").
    pub detail: String,
    pub saving: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAddress {
    pub id: String,
    pub address: Address,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutData {
    pub groups: Vec<CheckoutGroup>,
    pub addresses: Vec<SavedAddress>,
    /// Digest of the lines and prices shown; sent back with the order.
    pub fingerprint: String,
    /// Lines that cannot be bought now (sold out, delisted, fewer left than wanted).
    pub blocked: Vec<String>,
    /// Stripe when configured, else the offline provider.
    pub provider: String,
    /// Store credit the buyer can spend, in the currencies of this checkout.
    pub credit: Vec<Money>,
}

/// What placing an order returns: where the shopper goes next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub checkout_id: String,
    pub redirect: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: String,
    pub number: String,
    pub shop_name: String,
    pub status: OrderStatus,
    pub total: Money,
    pub placed_at: String,
    pub item_count: u32,
    pub image: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    /// The order line's key (a return names the lines coming back).
    pub key: String,
    pub product_id: String,
    pub title: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub line_total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: String,
    pub at: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnView {
    pub kind: ReturnKind,
    pub reason: String,
    pub body: String,
    pub photos: Vec<String>,
    pub status: ReturnStatus,
    pub requested_at: String,
    /// What comes back: (title, quantity).
    pub items: Vec<(String, u32)>,
    pub seller_pays_postage: bool,
    /// By when the seller answers (while requested).
    pub respond_by: Option<String>,
    /// The seller's reason for refusing it.
    pub refusal: Option<String>,
    pub return_carrier: Option<String>,
    pub return_tracking: Option<String>,
    /// By when the seller confirms it arrived (while on its way back).
    pub receive_by: Option<String>,
    /// What receiving it gave back.
    pub refund: Option<Money>,
}

/// The buyer's claim about the order, as both sides see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub status: domain::dispute::DisputeStatus,
    pub statement: String,
    pub seller_statement: Option<String>,
    /// By when the seller gives their side.
    pub answer_by: String,
    pub outcome: Option<domain::dispute::Outcome>,
    pub decision_statement: Option<String>,
    /// A partial refund's amount.
    pub amount: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: String,
    pub number: String,
    pub checkout_id: String,
    pub shop_name: String,
    /// The shop's address, for the buyer's "chat with the seller" (`None` for the seller).
    pub shop_slug: Option<String>,
    pub status: OrderStatus,
    pub payment_status: String,
    pub provider: String,
    pub lines: Vec<OrderLineView>,
    pub subtotal: Money,
    pub shipping: Money,
    /// The shop's promotion taken off this order.
    pub discount: Option<AppliedPromotion>,
    pub total: Money,
    /// Store credit and a referred buyer's welcome discount applied, and what is left to pay.
    pub credit: Option<Money>,
    pub welcome: Option<Money>,
    pub to_pay: Money,
    /// The money given back to the buyer so far, and what a seller can still refund.
    pub refunded: Option<Money>,
    pub refund_left: Money,
    pub shipping_method: String,
    pub address: Option<Address>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub cancel_reason: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    pub return_request: Option<ReturnView>,
    pub claim: Option<ClaimView>,
    /// The buyer may ask the platform to decide about the return now.
    pub can_claim: bool,
    pub can_cancel: bool,
    pub can_change_address: bool,
    pub can_return: bool,
    pub can_confirm: bool,
    /// A shipped order counts as delivered at this time unless the buyer confirms sooner.
    pub confirm_by: Option<String>,
    /// The seller reported it delivered (the buyer is asked to confirm).
    pub delivery_reported: bool,
    /// Set when the viewer is the order's seller (or an admin): which actions they have.
    pub seller_view: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub at: String,
}

/// Formats a timestamp for pages in the shopper's language (UTC, minutes).
#[cfg(feature = "ssr")]
pub fn stamp(lang: domain::Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    domain::locale::format_datetime(lang, at.timestamp())
}
