//! Claims: when a seller refuses a return (or lets its deadline pass), the buyer may
//! ask the platform to decide. Moderators work the queue on `/admin/disputes`: each
//! case shows the order and its timeline, the return with its photos, both sides'
//! statements and their conversation; a moderator with no stake in it decides (refund
//! from the shop's balance, a partial refund, or close) with a statement of reasons.
//! A shop that loses claims gets strikes under the existing rules.

use domain::dispute::{DisputeStatus, Outcome};
use domain::Money;
use serde::{Deserialize, Serialize};

use crate::orders::ReturnView;

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use api::*;
pub use views::{DisputePage, DisputesPage};

/// A claim in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeSummary {
    /// The claim's key (its order's).
    pub key: String,
    pub number: String,
    pub shop_name: String,
    pub buyer_name: String,
    pub status: DisputeStatus,
    pub seller_silent: bool,
    pub opened_at: String,
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeQueue {
    pub open: Vec<DisputeSummary>,
    pub decided: Vec<DisputeSummary>,
}

/// A message of the buyer's conversation with the shop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMessage {
    pub from_buyer: bool,
    pub body: String,
    /// Its photos' (full size, thumbnail) addresses.
    pub photos: Vec<(String, String)>,
    pub at: String,
    /// Sent about this order.
    pub about_order: bool,
}

/// Everything a moderator reads to decide a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeCase {
    pub summary: DisputeSummary,
    pub buyer_statement: String,
    pub seller_statement: Option<String>,
    pub answer_by: String,
    /// (title, quantity, line total)
    pub lines: Vec<(String, u32, Money)>,
    pub paid: Money,
    pub refunded: Money,
    /// What a refund can still give back.
    pub refund_left: Money,
    /// (event kind, when, note)
    pub timeline: Vec<(String, String, Option<String>)>,
    pub ret: Option<ReturnView>,
    pub messages: Vec<CaseMessage>,
    /// Claims the shop lost in the last 90 days, and its active strikes.
    pub shop_lost: i64,
    pub shop_strikes: i64,
    pub decision_statement: Option<String>,
    pub amount: Option<Money>,
}
