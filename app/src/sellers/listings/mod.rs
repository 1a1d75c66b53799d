//! The seller centre's listings: create, edit, duplicate, photos (uploaded, sniffed,
//! re-encoded, thumbnailed, reordered), publish through automatic screening, delist,
//! and the scheduler that publishes and delists at the times the seller set.
//! Every query is scoped to the caller's own shop: another shop's listing is 404.

// server functions take one argument per form field
#![allow(clippy::too_many_arguments)]

pub mod api;
#[cfg(feature = "ssr")]
pub mod imp;
pub mod views;

pub use self::api::*;

use domain::listing::ListingForm;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingSummary {
    pub id: String,
    pub title: String,
    pub price_minor: i64,
    pub currency: String,
    pub on_hand: i64,
    pub reserved: i64,
    pub low: bool,
    pub status: String,
    /// Moderation's locks keeping it off sale (`domain::listing::Lock` names).
    pub locks: Vec<String>,
    pub image: String,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopListings {
    /// `mark` or `hide`: what sold-out listings do.
    pub sold_out_display: String,
    pub shop_name: String,
    pub currency: String,
    pub items: Vec<ListingSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPhoto {
    pub id: String,
    pub url: String,
    pub thumb: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningView {
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
}

/// One variant of a listing as the editor lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantSummary {
    pub id: String,
    /// "Colour: Red · Size: M"
    pub label: String,
    pub sku: String,
    pub price_minor: i64,
    pub on_hand: i64,
    pub status: String,
}

/// One change to a listing's stock: when, by how much, to what, why and by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMove {
    pub at: i64,
    pub delta: i64,
    pub on_hand: i64,
    pub reason: String,
    pub who: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingEditor {
    /// The latest stock changes, newest first.
    pub stock_history: Vec<StockMove>,
    /// The listed product this one is a variant of (variants are edited on their own page).
    pub variant_of: Option<String>,
    /// This listing's own option values: (axis en, axis zh, value en, value zh).
    pub options: Vec<(String, String, String, String)>,
    pub variants: Vec<VariantSummary>,
    /// `None` for a new listing.
    pub id: Option<String>,
    pub status: String,
    /// Moderation's locks keeping it off sale (`domain::listing::Lock` names).
    pub locks: Vec<String>,
    pub form: ListingForm,
    pub photos: Vec<ListingPhoto>,
    pub screening: Option<ScreeningView>,
    /// (slug, English name, Chinese name) of every category a product can be in.
    pub categories: Vec<(String, String, String)>,
    pub currency: String,
    /// The storefront address once it has been saved.
    pub public_url: Option<String>,
}

/// What a listing action did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionDone {
    /// The listing's new status.
    Status(String),
    /// The id of the new draft copy.
    Duplicated(String),
}
