//! Settlement: pending money released once the return window closes, and sharing
//! rewards charged to (or given back to) the shops that fund them.

use backend::db::Tx;
use chrono::{DateTime, Duration, Utc};
use domain::ledger::{self, Account};
use domain::order::{OrderEvent, RETURN_WINDOW_DAYS};

use super::ledger::{posted, sum};
use crate::error::{internal, AppError};
use crate::events::OrderChange;
use crate::sellers::money_store::{self as store, Meta};
use crate::state::{key_of, AppState, Db};

/// Releases the pending money of orders delivered more than the return window ago
/// with no return open, and completes them. Returns how many orders were settled.
pub async fn settle_due(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let db = &state.db;
    let cutoff = now - Duration::days(RETURN_WINDOW_DAYS);
    let due = store::orders_to_settle(db, cutoff).await?;
    let mut settled = 0;
    for d in due {
        let posted = posted(db, &d.id).await?;
        let net = -sum(&posted, Account::ShopPending);
        let mut tx = Tx::new();
        tx.bind("now", now).bind("order", d.id.clone());
        let release = (net > 0).then(|| ledger::release(net));
        let s = store::settle_part(
            crate::orders::store::return_id(&d.id),
            crate::orders::store::dispute_id(&d.id),
            release.as_ref().map(|txn| {
                (
                    txn,
                    Meta {
                        txn_id: format!("release:{}", key_of(&d.id)),
                        shop: &d.shop,
                        currency: &d.currency,
                        order: Some(&d.id),
                        memo: None,
                        actor: None,
                    },
                )
            }),
        );
        // paid out: the order is complete
        tx.add(s).add(crate::orders::store::complete_delivered());
        let change = OrderChange {
            order: d.id.clone(),
            event: OrderEvent::Settled,
            now,
        };
        state.listeners.order_changed(db, &change, &mut tx).await?;
        if tx.run(db).await?.is_ok() {
            settled += 1;
        }
    }
    // rewards that became available (or were reversed) are charged to (or given back
    // to) the shop that funded them
    charge_shop_rewards(db, now).await?;
    Ok(settled)
}

/// Sharing rewards of a shop's own campaign are charged to the shop once they become
/// available (an adjustment on its ledger, "Sharing reward"), and given back if the
/// reward is reversed after that. Each is its own transaction, guarded by the reward's
/// `charged` flag; returns how many were posted.
pub async fn charge_shop_rewards(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = store::rewards_to_charge(db).await?;
    let mut posted = 0;
    for d in due {
        let charge = d.status == "available";
        let (amount, txn_id, from, to) = if charge {
            (
                -d.amount_minor,
                format!("reward:{}", key_of(&d.id)),
                false,
                true,
            )
        } else {
            (
                d.amount_minor,
                format!("reward-back:{}", key_of(&d.id)),
                true,
                false,
            )
        };
        let txn = ledger::adjustment(amount).map_err(|e| internal("reward charge", e))?;
        let s = store::reward_charge_part(
            d.id.clone(),
            from,
            to,
            d.status.clone(),
            &txn,
            Meta {
                txn_id,
                shop: &d.funder,
                currency: &d.currency,
                order: Some(&d.shop_order),
                memo: Some(if charge {
                    "Sharing reward · 分享獎勵"
                } else {
                    "Sharing reward reversed · 分享獎勵撤回"
                }),
                actor: None,
            },
        );
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        if tx.run(db).await?.is_ok() {
            posted += 1;
        }
    }
    Ok(posted)
}
