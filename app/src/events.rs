//! Typed events for effects that cross areas. The area that owns a change publishes
//! what happened (an order was paid, an account was created); the areas that react
//! (the shop's ledger, sharing rewards) listen, each adding its statements to the same
//! transaction, so money and state commit together. The publisher knows only these
//! types, never its listeners: which area listens to what is wired once, in
//! `crate::listeners`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use backend::db::{Db, Stmts, Tx};
use chrono::{DateTime, Utc};
use domain::order::OrderEvent;
use surrealdb::types::RecordId;

use crate::error::AppError;

/// A listener's work: statements for the publisher's transaction.
pub type Contribution<'a> = Pin<Box<dyn Future<Output = Result<Stmts, AppError>> + Send + 'a>>;

/// One order event, as listeners see it.
#[derive(Clone, Debug)]
pub struct OrderChange {
    pub order: RecordId,
    pub event: OrderEvent,
    pub now: DateTime<Utc>,
}

/// Reacts to order events inside the order's transaction.
pub trait OrderListener: Send + Sync + 'static {
    /// Statements to run with the change (empty when the event does not concern it).
    /// They may read `$now`; everything else they bind themselves.
    fn on_order<'a>(&'a self, db: &'a Db, change: &'a OrderChange) -> Contribution<'a>;
}

/// Reacts to a new account (after it is created, outside any transaction).
pub trait SignUpListener: Send + Sync + 'static {
    fn on_sign_up<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        user: &'a RecordId,
    ) -> Pin<Box<dyn Future<Output = Result<(), AppError>> + Send + 'a>>;
}

/// Reacts to a card fingerprint arriving for a checkout's payment (after it is stored).
pub trait CardListener: Send + Sync + 'static {
    fn on_card<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        checkout: &'a RecordId,
    ) -> Pin<Box<dyn Future<Output = Result<(), AppError>> + Send + 'a>>;
}

/// Every listener, by event.
#[derive(Clone, Default)]
pub struct Listeners {
    pub order: Vec<Arc<dyn OrderListener>>,
    pub sign_up: Vec<Arc<dyn SignUpListener>>,
    pub card_seen: Vec<Arc<dyn CardListener>>,
}

impl Listeners {
    /// Adds every order listener's statements for `change` to `tx`, which must bind
    /// `$now`.
    pub async fn order_changed(
        &self,
        db: &Db,
        change: &OrderChange,
        tx: &mut Tx,
    ) -> Result<(), AppError> {
        for listener in &self.order {
            tx.add(listener.on_order(db, change).await?);
        }
        Ok(())
    }

    /// Runs every card listener for a checkout whose payment card became known.
    pub async fn card_seen(
        &self,
        state: &crate::state::AppState,
        checkout: &RecordId,
    ) -> Result<(), AppError> {
        for listener in &self.card_seen {
            listener.on_card(state, checkout).await?;
        }
        Ok(())
    }

    /// Runs every sign-up listener for a new account.
    pub async fn signed_up(
        &self,
        state: &crate::state::AppState,
        user: &RecordId,
    ) -> Result<(), AppError> {
        for listener in &self.sign_up {
            listener.on_sign_up(state, user).await?;
        }
        Ok(())
    }
}
