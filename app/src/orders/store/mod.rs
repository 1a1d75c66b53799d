//! Checkout and order queries (server only). Every change that touches stock or an
//! order's status is one transaction ([`Tx`](backend::db::Tx)) whose guards come first
//! (`... WHERE on_hand - reserved >= $n`, `... WHERE status IN $from`), so nothing is
//! half-applied; transactions that lose a write conflict are retried (DESIGN.md §4).

mod checkout;
mod notifications;
mod orders;
pub mod payments;
mod transition;

use backend::db::Refusal;
use domain::order::OrderError;

pub use self::checkout::*;
pub use self::notifications::*;
pub use self::orders::*;
pub use self::transition::*;

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
