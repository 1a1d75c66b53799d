//! What changes an order before it ships: cancelling it (by the buyer, or when an unpaid
//! reservation runs out) and changing its address.

use backend::db::Stmts;
use backend::notify::Notice;
use domain::keys::OrderKey;
use domain::order::{
    release_on_cancel, Address, OrderAction, OrderError, OrderEvent, OrderStatus, StockRelease,
};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::{load_order, order_err, status_of, stock_changes, Viewer};
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{self, OrderPatch, OrderRow, StockChange, Transition};
use crate::state::{key_of, AppState};

/// Cancels an order before shipment, releasing or restocking its units.
pub async fn cancel(
    state: &AppState,
    row: &OrderRow,
    actor: Option<&SessionUser>,
    reason: String,
) -> Result<(), AppError> {
    let from = status_of(row);
    from.apply(OrderAction::Cancel).map_err(order_err)?;
    let change = match release_on_cancel(from) {
        Some(StockRelease::Unreserve) => StockChange::Unreserve,
        Some(StockRelease::Restock) => StockChange::Restock,
        None => return Err(order_err(OrderError::WrongState)),
    };
    let now = state.now();
    let refund = from == OrderStatus::Paid;
    let payment = if refund { "refunded" } else { "cancelled" };
    let mut mails = vec![Notice::OrderCancelled {
        order: key_of(&row.id),
        number: row.number.clone(),
        reason: reason.clone(),
        refunded: refund,
    }
    .mail(&row.buyer, now)];
    if let Some(owner) = &row.shop_owner {
        mails.push(
            Notice::OrderCancelledForSeller {
                order: key_of(&row.id),
                number: row.number.clone(),
                reason: reason.clone(),
            }
            .mail(owner, now),
        );
    }
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            order: row.id.clone(),
            event: OrderEvent::of(OrderAction::Cancel),
            // only from the status read: if it moved on meanwhile, the stock rule may differ
            from: vec![from],
            to: Some(OrderStatus::Cancelled),
            patch: OrderPatch::new()
                .cancel_reason(reason.clone())
                .payment_status(payment),
            stock: stock_changes(state, row, change).await?,
            note: Some(reason),
            actor: actor.map(|a| a.id.clone()),
            mails,
            extra: {
                let mut extra = store::payment_status(payment);
                // what its promotions took goes back to them
                extra.add(crate::promotions::store::release_stmts(&row.id));
                extra
            },
            now,
        },
    )
    .await?
    .map_err(order_err)?;
    // a flash sale's units given back show on the storefront from the next view
    state.catalog_cache.forget("promo_book");
    if refund {
        // a card order's refund was queued with the cancellation
        crate::orders::payments::send_card_refunds(state).await;
    }
    Ok(())
}

pub async fn cancel_order(ctx: &Ctx, id: OrderKey, reason: String) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    let reason = reason.trim();
    let reason = if reason.is_empty() {
        "changed_mind"
    } else {
        reason
    };
    if reason.chars().count() > 200 {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            FieldErrorCode::TooLong,
        )]));
    }
    cancel(state, &row, Some(user), reason.to_string()).await
}

pub async fn change_address(ctx: &Ctx, id: OrderKey, raw: Address) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    let address = Address::parse(raw).map_err(AppError::Invalid)?;
    if !status_of(&row).before_shipment() {
        return Err(order_err(OrderError::WrongState));
    }
    let now = state.now();
    let address_json =
        serde_json::to_value(&address).map_err(|e| crate::error::internal("address", e))?;
    let mails = row
        .shop_owner
        .iter()
        .map(|o| {
            Notice::AddressChanged {
                order: key_of(&row.id),
                number: row.number.clone(),
                line1: address.line1.clone(),
                city: address.city.clone(),
            }
            .mail(o, now)
        })
        .collect();
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            order: row.id.clone(),
            event: OrderEvent::AddressChanged,
            from: OrderStatus::ALL
                .into_iter()
                .filter(|s| s.before_shipment())
                .collect(),
            to: None,
            patch: OrderPatch::new().shipping_address(address_json),
            stock: Vec::new(),
            note: None,
            actor: Some(user.id.clone()),
            mails,
            extra: Stmts::new(),
            now,
        },
    )
    .await?
    .map_err(order_err)
}

/// Cancels the unpaid orders of checkouts whose reservation ran out, and those of
/// shops that are no longer open (which take no new money), and frees their stock.
/// Run by a background task; returns how many orders it cancelled.
pub async fn release_expired(state: &AppState) -> Result<usize, AppError> {
    let mut cancelled = 0;
    for checkout in store::expired_checkouts(&state.db, state.now()).await? {
        cancelled += release_checkout(state, &checkout, "payment_not_received").await?;
        store::close_checkout(&state.db, &checkout, "expired").await?;
    }
    for row in store::unpaid_orders_of_closed_shops(&state.db).await? {
        cancelled += cancel_unpaid(state, &row, "shop_closed").await?;
    }
    Ok(cancelled)
}

/// Cancels an order still waiting for its payment: 1, or 0 when it was paid or
/// cancelled meanwhile.
async fn cancel_unpaid(state: &AppState, row: &OrderRow, reason: &str) -> Result<usize, AppError> {
    if status_of(row) != OrderStatus::Placed {
        return Ok(0);
    }
    match cancel(state, row, None, reason.to_string()).await {
        Ok(()) => Ok(1),
        // paid or cancelled meanwhile: nothing to release
        Err(AppError::Order(OrderError::WrongState)) => Ok(0),
        Err(e) => Err(e),
    }
}

/// Cancels the still-unpaid orders of one checkout (reservation expired or the
/// payment session ended without payment).
pub async fn release_checkout(
    state: &AppState,
    checkout: &RecordId,
    reason: &str,
) -> Result<usize, AppError> {
    let mut n = 0;
    for row in store::orders_of_checkout(&state.db, checkout).await? {
        n += cancel_unpaid(state, &row, reason).await?;
    }
    Ok(n)
}
