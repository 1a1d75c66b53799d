//! Shoppers' reports of a listing from the product page (counterfeit, IP infringement,
//! prohibited item, other), once per shopper and listing, and the moderators' list of
//! open reports: a report either sends the listing to the moderation queue (held, as a
//! screening case with the report as its reason) or is dismissed.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const REPORT_REASONS: [&str; 4] = ["counterfeit", "ip", "prohibited", "other"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub key: String,
    pub product_key: String,
    pub product_title: String,
    pub shop_name: String,
    pub reason: String,
    pub text: String,
    pub created_at: i64,
    /// Open reports on the same listing.
    pub reports_on_listing: i64,
}
