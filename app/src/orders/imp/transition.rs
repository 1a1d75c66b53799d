//! Applying an order's change: the store's transaction for it, with every order
//! listener's statements added, run as one; a refusal becomes the shopper-facing error.

use backend::db::Refusal;
use backend::orders::store::{transition_tx, Transition};
use domain::order::OrderError;

use crate::error::AppError;
use crate::events::{Listeners, OrderChange};
use crate::state::Db;

/// The shopper-facing error for a refused order change.
pub fn order_refusal(r: Refusal) -> OrderError {
    match r {
        Refusal::OutOfStock { product } => OrderError::OutOfStock { product },
        Refusal::AlreadyExists => OrderError::ReturnExists,
        Refusal::CreditChanged => OrderError::CreditChanged,
        // the cart changed since it was priced
        Refusal::Changed => OrderError::PricesChanged,
        _ => OrderError::WrongState,
    }
}

/// Applies `t` with every order listener's statements (ledger postings, sharing
/// rewards) in one transaction.
pub async fn transition(
    db: &Db,
    listeners: &Listeners,
    t: Transition,
) -> Result<Result<(), OrderError>, AppError> {
    let change = OrderChange {
        order: t.order.clone(),
        event: t.event,
        now: t.now,
    };
    let mut tx = transition_tx(t);
    listeners.order_changed(db, &change, &mut tx).await?;
    Ok(tx.run(db).await?.map_err(order_refusal))
}
