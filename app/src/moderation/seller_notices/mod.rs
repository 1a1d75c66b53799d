//! `/seller/notices`: what moderation decided about the seller's listings, with the
//! statement of reasons, the ground, any strike and until when an appeal is possible;
//! the shop's active strikes and sanction on top. Moderation owns this page: it shows
//! moderation's records, inside the seller centre's navigation.

mod api;
mod views;

pub use self::api::*;
pub use self::views::*;

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::notices::views::{CounterNoticeForm, ItemCard};
use super::queue::views::{sanction_key, DecisionCard};
use super::queue::DecisionView;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{EmptyState, LoadingBlock};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerNotices {
    pub active_strikes: i64,
    pub sanction: String,
    pub decisions: Vec<DecisionView>,
    /// Rights owners' notices against the shop's listings.
    pub items: Vec<super::notices::ItemView>,
}
