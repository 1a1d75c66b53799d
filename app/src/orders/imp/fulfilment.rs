//! Fulfilment: the seller (or an admin) records payment, ships and reports delivery;
//! the buyer confirms delivery, or the deadline after shipping does.

use backend::notify::Notice;
use chrono::{DateTime, Duration, Utc};
use domain::keys::OrderKey;
use domain::order::{
    tracking_url, OrderAction, OrderError, OrderEvent, OrderStatus, CARRIERS,
    DELIVERY_CONFIRM_DAYS, RETURN_WINDOW_DAYS,
};
use domain::{FieldError, FieldErrorCode};

use super::{action_transition, load_order, order_err, status_of, stock_changes, Viewer};
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{self, OrderPatch, OrderRow, StockChange, Transition};
use crate::state::{key_of, AppState};

/// The order `id` if the caller is its seller (or an admin); anyone else gets "not found".
pub(super) async fn seller_order(ctx: &Ctx, id: &OrderKey) -> Result<OrderRow, AppError> {
    let (row, viewer) = load_order(&ctx.state, &ctx.user, id).await?;
    if viewer != Viewer::Seller {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// Records payment (offline provider, or the Stripe webhook): reserved units leave stock.
pub async fn mark_paid_row(
    state: &AppState,
    row: &OrderRow,
    actor: Option<&SessionUser>,
    note: Option<String>,
) -> Result<(), AppError> {
    status_of(row)
        .apply(OrderAction::MarkPaid)
        .map_err(order_err)?;
    let now = state.now();
    let mails = vec![Notice::PaymentReceived {
        order: key_of(&row.id),
        number: row.number.clone(),
    }
    .mail(&row.buyer, now)];
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            patch: OrderPatch::new().payment_status("paid"),
            stock: stock_changes(state, row, StockChange::Commit).await?,
            note,
            mails,
            extra: store::payment_paid(),
            ..action_transition(row, OrderAction::MarkPaid, actor, now)
        },
    )
    .await?
    .map_err(order_err)
}

/// The seller records an offline payment. A card payment is recorded only by the
/// payment provider's webhook, and a shop that is not open takes no new money (an
/// admin may still record one).
pub async fn mark_paid(ctx: &Ctx, id: OrderKey) -> Result<(), AppError> {
    let row = seller_order(ctx, &id).await?;
    if domain::order::money::Provider::is_card(row.provider.as_deref()) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "payment",
            FieldErrorCode::NotAllowed,
        )]));
    }
    if !ctx.user.roles.satisfies(domain::Role::Admin) {
        crate::ctx::open_shop_of(&ctx.state.db, &ctx.user).await?;
    }
    mark_paid_row(
        &ctx.state,
        &row,
        Some(&ctx.user),
        Some("offline payment received".into()),
    )
    .await
}

/// Checks a parcel's carrier (one of [`CARRIERS`]) and tracking number (letters,
/// digits and dashes); gives the trimmed number.
pub(super) fn check_parcel(carrier: &str, tracking: &str) -> Result<String, AppError> {
    let tracking = tracking.trim().to_string();
    let mut errors = Vec::new();
    if !CARRIERS.iter().any(|(c, _)| *c == carrier) {
        errors.push(FieldError::new("carrier", FieldErrorCode::InvalidChoice));
    }
    if tracking.is_empty() {
        errors.push(FieldError::new("tracking", FieldErrorCode::Required));
    } else if tracking_url(carrier, &tracking).is_none() && tracking.len() > 40 {
        errors.push(FieldError::new("tracking", FieldErrorCode::TooLong));
    } else if !tracking
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        errors.push(FieldError::new("tracking", FieldErrorCode::InvalidChoice));
    }
    if errors.is_empty() {
        Ok(tracking)
    } else {
        Err(AppError::Invalid(errors))
    }
}

pub async fn ship(
    ctx: &Ctx,
    id: OrderKey,
    carrier: String,
    tracking: String,
) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let row = seller_order(ctx, &id).await?;
    let tracking = check_parcel(&carrier, &tracking)?;
    status_of(&row)
        .apply(OrderAction::Ship)
        .map_err(order_err)?;
    let now = state.now();
    let mails = vec![Notice::OrderShipped {
        order: key_of(&row.id),
        number: row.number.clone(),
        carrier: carrier.to_string(),
        tracking: tracking.to_string(),
    }
    .mail(&row.buyer, now)];
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            note: Some(format!("{carrier} {tracking}")),
            patch: OrderPatch::new().shipment(
                carrier,
                tracking,
                now,
                now + Duration::days(DELIVERY_CONFIRM_DAYS),
            ),
            mails,
            ..action_transition(&row, OrderAction::Ship, Some(user), now)
        },
    )
    .await?
    .map_err(order_err)
}

/// The seller reports the parcel delivered: the buyer is asked to confirm it. The order
/// stays shipped, so a seller cannot start the return window (or their payout's clock)
/// on their own word; once per order.
pub async fn mark_delivered(ctx: &Ctx, id: OrderKey) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let row = seller_order(ctx, &id).await?;
    if status_of(&row) != OrderStatus::Shipped || row.delivery_reported_at.is_some() {
        return Err(order_err(OrderError::WrongState));
    }
    let now = state.now();
    let mails = vec![Notice::DeliveryReported {
        order: key_of(&row.id),
        number: row.number.clone(),
        auto_days: DELIVERY_CONFIRM_DAYS,
    }
    .mail(&row.buyer, now)];
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            event: OrderEvent::DeliveryReported,
            to: None,
            patch: OrderPatch::new().delivery_reported(now),
            mails,
            ..action_transition(&row, OrderAction::Deliver, Some(user), now)
        },
    )
    .await?
    .map_err(order_err)
}

/// Makes a shipped order delivered: the return window, reviews and the shop's
/// settlement count from now. `by` is the buyer confirming; `None` is the deadline,
/// and the buyer is told by mail how long they may still return it.
async fn deliver(
    state: &AppState,
    row: &OrderRow,
    by: Option<&SessionUser>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    status_of(row)
        .apply(OrderAction::Deliver)
        .map_err(order_err)?;
    let mails = if by.is_none() {
        vec![Notice::OrderDelivered {
            order: key_of(&row.id),
            number: row.number.clone(),
            return_days: RETURN_WINDOW_DAYS,
        }
        .mail(&row.buyer, now)]
    } else {
        Vec::new()
    };
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            patch: OrderPatch::new().delivered_at(now),
            mails,
            note: by.is_none().then(|| "confirmed automatically".to_string()),
            ..action_transition(row, OrderAction::Deliver, by, now)
        },
    )
    .await?
    .map_err(order_err)
}

/// The buyer confirms the order arrived.
pub async fn confirm_delivery(ctx: &Ctx, id: OrderKey) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    deliver(state, &row, Some(user), state.now()).await
}

/// Shipped orders whose buyer did not confirm by their deadline count as delivered.
/// Run by a background job; returns how many it confirmed.
pub async fn confirm_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut confirmed = 0;
    for id in store::deliveries_due(&state.db, now).await? {
        let Some(row) = store::order(&state.db, id).await? else {
            continue;
        };
        match deliver(state, &row, None, now).await {
            Ok(()) => confirmed += 1,
            // confirmed by the buyer meanwhile
            Err(AppError::Order(OrderError::WrongState)) => {}
            // one order's trouble does not hold up the others
            Err(e) => tracing::warn!(order = %key_of(&row.id), "delivery deadline: {e:?}"),
        }
    }
    Ok(confirmed)
}
