//! Appeals: a seller may appeal a decision against their listing within the appeal
//! window (`domain::strikes::may_appeal`); a different moderator than the one who
//! decided rules on it (`may_decide_appeal`). Granting removes the decision's strike
//! (the shop's sanction is recomputed, a strike-based suspension lifted) and returns the
//! listing to draft so it can be corrected and published again; denying keeps
//! everything. Both outcomes carry a statement the seller reads.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;

pub use self::api::*;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealView {
    pub key: String,
    pub shop_name: String,
    pub text: String,
    pub created_at: i64,
    pub decision_action: String,
    pub decision_statement: String,
    pub product_title: Option<String>,
    /// Whether the caller made the original decision (and so cannot decide this).
    pub own_decision: bool,
}
