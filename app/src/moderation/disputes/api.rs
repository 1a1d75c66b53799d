//! The claims queue's server functions (moderators; no one decides their own claim).

use leptos::prelude::*;

use super::{DisputeCase, DisputeQueue};
#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use crate::error::AppError;
use domain::keys::DisputeKey;
#[cfg(feature = "ssr")]
use domain::Role;

/// The claims waiting for a moderator or the seller, and the latest decided.
#[server(endpoint = "disputes")]
pub async fn get_disputes() -> Result<DisputeQueue, AppError> {
    async {
        let ctx = Ctx::role(Role::Moderator).await?;
        super::imp::queue(&ctx).await
    }
    .await
}

/// One claim with everything needed to decide it.
#[server(endpoint = "dispute")]
pub async fn get_dispute(key: DisputeKey) -> Result<DisputeCase, AppError> {
    async {
        let ctx = Ctx::role(Role::Moderator).await?;
        super::imp::case(&ctx, &key).await
    }
    .await
}

/// Decides a claim: `refund` (everything left), `partial_refund` (`amount`, in the
/// order's currency) or `close`, with a statement of reasons both sides read.
#[server(endpoint = "decide_dispute")]
pub async fn decide_dispute(
    key: DisputeKey,
    #[server(default)] outcome: String,
    #[server(default)] amount: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    async {
        let ctx = Ctx::judge(crate::state::record(&key)).await?;
        super::imp::decide(&ctx, &key, &outcome, &amount, &statement).await
    }
    .await
}
