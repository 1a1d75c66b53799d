//! Sharing rewards' queries (server only): the referral settings, the sharers' counters
//! and codes, attribution, store credit, rewards, the fraud checks' evidence, campaigns
//! and the pages' rows. The rules deciding what to write are in
//! the app (`app::referrals::imp`).

mod campaigns;
mod credit;
mod fraud;
mod rewards;
mod sharing;

pub use campaigns::*;
pub use credit::*;
pub use fraud::*;
pub use rewards::*;
pub use sharing::*;

use surrealdb::types::RecordId;

use crate::db::key_of;

/// A sharer's counters (`referral_stat:⟨user key⟩`).
pub fn stat_id(user: &RecordId) -> RecordId {
    RecordId::new("referral_stat", key_of(user).as_str())
}

/// A user's store-credit balance in `currency` (`credit_balance:⟨user key|currency⟩`).
pub fn balance_id(user: &RecordId, currency: &str) -> RecordId {
    RecordId::new(
        "credit_balance",
        format!("{}|{currency}", key_of(user)).as_str(),
    )
}

/// One store-credit posting (`credit_entry:⟨txn|account⟩`, so a transaction is written
/// once).
pub fn entry_id(txn: &str, account: &str) -> RecordId {
    RecordId::new("credit_entry", format!("{txn}|{account}").as_str())
}
