//! Checkout and order queries (server only). Every change that touches stock or an
//! order's status is one transaction ([`Tx`](crate::db::Tx)) whose guards come first
//! (`... WHERE on_hand - reserved >= $n`, `... WHERE status IN $from`), so nothing is
//! half-applied; transactions that lose a write conflict are retried (`backend::db::Tx`).
//! The store builds those transactions ([`transition_tx`], [`place_tx`]); the app adds
//! its listeners' statements, runs them and says what a refusal means to the shopper.

mod checkout;
mod disputes;
mod notifications;
mod orders;
pub mod payments;
mod returns;
mod transition;

pub use self::checkout::*;
pub use self::disputes::*;
pub use self::notifications::*;
pub use self::orders::*;
pub use self::returns::*;
pub use self::transition::*;
