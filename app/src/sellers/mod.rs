//! Sellers: the seller centre at `/seller`.

pub mod api;
pub mod bulk;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::sellers::bulk_store;
pub mod dashboard;
pub mod listings;
#[cfg(feature = "ssr")]
pub use backend::sellers::listings_store;
pub mod money;
#[cfg(feature = "ssr")]
pub use backend::sellers::money_store;
pub mod onboarding;
#[cfg(feature = "ssr")]
pub use backend::sellers::onboarding_store;
pub mod shipping;
#[cfg(feature = "ssr")]
pub mod stats;
#[cfg(feature = "ssr")]
pub use backend::sellers::store;
pub mod views;

use domain::{Currency, Money};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopStatus {
    Pending,
    Approved,
    Suspended,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSummary {
    pub name: String,
    pub slug: String,
    pub status: ShopStatus,
    pub total_listings: i64,
    pub active_listings: i64,
    pub low_stock: i64,
    pub open_orders: i64,
}

/// What the seller centre's first page shows; `shop` is `None` for a seller
/// account whose shop has not been created yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerOverview {
    pub shop: Option<ShopSummary>,
}

/// An amount in the currency with this code, formatted (`NT$1,280`).
pub fn price(minor: i64, currency: &str) -> String {
    Money::new(minor, Currency::parse(currency).unwrap_or_default()).format()
}
