//! The shopping cart: an anonymous cart behind a cookie that merges into the
//! account's cart on sign-in, lines grouped by seller, quantities checked against stock.

pub mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::cart::store;
pub mod views;

use domain::Money;
use leptos::prelude::RwSignal;
use serde::{Deserialize, Serialize};

use crate::catalog::PriceView;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLineView {
    pub product_id: String,
    pub title: String,
    pub image: String,
    pub unit_price: PriceView,
    /// The unit price when the line was added, if it has changed since.
    pub added_price: Option<Money>,
    pub quantity: u32,
    pub available: i64,
    pub line_total: Money,
}

/// One seller's part of the cart: it ships as one parcel and has its own subtotal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartGroup {
    pub shop_name: String,
    pub ships_from: String,
    pub lines: Vec<CartLineView>,
    pub subtotal: PriceView,
    /// The cheapest shipping for this parcel (`None`: the seller has no method yet).
    pub shipping: Option<PriceView>,
    /// For a signed-in shopper: the promotions checkout would take off this shop's
    /// goods (in stacking order), and the goods after them.
    #[serde(default)]
    pub promotions: Vec<crate::orders::AppliedPromotion>,
    #[serde(default)]
    pub after_discounts: Option<Money>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub groups: Vec<CartGroup>,
    pub item_count: u32,
}

/// Bumped after the cart changes so the header count and cart page reload.
#[derive(Clone, Copy, Debug)]
pub struct CartVersion(pub RwSignal<u32>);
