//! Checkout and order logic (server only): what the server functions in `api.rs`, the
//! forms, the Stripe webhook and the jobs call. The checks, messages and events live
//! here; the queries in `store`.

mod before_shipment;
mod cart_pricing;
mod checkout;
mod claims;
mod fulfilment;
mod placing;
mod referral_pricing;
mod return_steps;
mod returns;
mod transition;
mod viewing;

use backend::db::Stmts;
use chrono::Duration;
use domain::order::{OrderAction, OrderError, OrderEvent, OrderStatus, RETURN_WINDOW_DAYS};
use domain::Role;
use surrealdb::types::RecordId;

use super::store::{self, OrderPatch, OrderRow, StockChange, Transition};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::state::{key_of, record, AppState};
use domain::keys::OrderKey;

pub use self::before_shipment::{
    cancel, cancel_order, change_address, release_checkout, release_expired,
};
pub use self::cart_pricing::cart_promotions;
pub use self::checkout::{checkout_data, place_order, AddressInput};
pub use self::claims::{answer_claim, open_claim, run_claim_deadlines};
pub use self::fulfilment::{
    confirm_delivery, confirm_due, mark_delivered, mark_paid, mark_paid_row, ship,
};
pub use self::placing::place;
pub use self::return_steps::{
    decide_return, receive_return, return_refund, ship_return, ReturnRefund,
};
pub use self::returns::{
    private_photo, request_return, request_return_for, return_error_code, ReturnAsk,
};
pub use self::transition::{order_refusal, transition};
pub use self::viewing::{
    checkout_orders, my_orders, notifications, order_detail, return_view, seller_orders, summaries,
};

/// How long an unpaid checkout holds its stock.
pub const OFFLINE_RESERVATION_HOURS: i64 = 72;

pub fn new_key() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

fn order_err(e: OrderError) -> AppError {
    AppError::Order(e)
}

pub fn provider(state: &AppState) -> domain::order::money::Provider {
    use domain::order::money::Provider;
    if state.settings.stripe.is_some() {
        Provider::Stripe
    } else {
        Provider::Offline
    }
}

fn status_of(row: &OrderRow) -> OrderStatus {
    OrderStatus::parse(&row.status).unwrap_or(OrderStatus::Placed)
}

/// Who is looking at an order: its buyer, its seller, or an admin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    Buyer,
    Seller,
}

/// Loads an order the caller may see; anyone else's order is "not found".
pub async fn load_order(
    state: &AppState,
    user: &SessionUser,
    id: &OrderKey,
) -> Result<(OrderRow, Viewer), AppError> {
    let row = store::order(&state.db, record(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if row.buyer == user.id {
        Ok((row, Viewer::Buyer))
    } else if row.shop_owner.as_ref() == Some(&user.id) || user.roles.satisfies(Role::Admin) {
        Ok((row, Viewer::Seller))
    } else {
        Err(AppError::NotFound)
    }
}

fn return_open(row: &OrderRow, now: chrono::DateTime<chrono::Utc>) -> bool {
    status_of(row) == OrderStatus::Delivered
        && row
            .delivered_at
            .is_some_and(|d| now <= d + Duration::days(RETURN_WINDOW_DAYS))
}

/// The status change `action` makes, as the domain's state machine defines it
/// (from its source statuses to the status it reaches), with nothing else set.
fn action_transition(
    row: &OrderRow,
    action: OrderAction,
    actor: Option<&SessionUser>,
    now: chrono::DateTime<chrono::Utc>,
) -> Transition {
    let from = OrderStatus::sources(action).to_vec();
    Transition {
        order: row.id.clone(),
        event: OrderEvent::of(action),
        to: from.first().and_then(|f| f.apply(action).ok()),
        from,
        patch: OrderPatch::new(),
        stock: Vec::new(),
        note: None,
        actor: actor.map(|a| a.id.clone()),
        mails: Vec::new(),
        extra: Stmts::new(),
        now,
    }
}

/// Stock changes for every line of an order.
async fn stock_changes(
    state: &AppState,
    row: &OrderRow,
    change: StockChange,
) -> Result<Vec<(RecordId, i64, StockChange)>, AppError> {
    Ok(store::lines(&state.db, &row.id)
        .await?
        .into_iter()
        .map(|l| {
            (
                RecordId::new("stock", key_of(&l.product)),
                l.quantity,
                change,
            )
        })
        .collect())
}
