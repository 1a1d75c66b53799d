//! `/seller/shipping`: where a shop ships. Each zone (a `shipping_method` row) lists the
//! countries it delivers to with its rate, free-shipping threshold and delivery time;
//! the shop ships to the union of its zones. Product pages tell shoppers elsewhere that
//! it doesn't ship to them, and checkout refuses such lines (`OrderError::CannotShip`).

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

use domain::{Currency, Money};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::onboarding::country_label;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, FormField, LoadingBlock};

// The zone form posts its fields flat (as the inputs are named).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneView {
    /// The zone's code within the shop (from its English name).
    pub code: String,
    pub name: String,
    pub countries: Vec<String>,
    pub price: Money,
    pub free_over: Option<Money>,
    pub days_min: i64,
    pub days_max: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingSetup {
    pub ships_from: String,
    pub currency: Currency,
    pub zones: Vec<ZoneView>,
    pub ships_to: Vec<String>,
}
