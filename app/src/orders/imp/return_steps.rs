//! A return after its request: the seller accepts or refuses it (with a reason), the
//! buyer sends the items back with tracking, and the seller confirms they arrived,
//! which refunds the buyer (their goods, or the whole order when everything comes back
//! and the seller was at fault) and may put them back in stock.

use backend::notify::Notice;
use chrono::Duration;
use domain::keys::OrderKey;
use domain::order::returns::{
    self, BoughtLine, PostagePayer, ReturnLine, ReturnStatus, ReturnStep, MIN_REFUSAL_CHARS,
    RECEIVE_DAYS,
};
use domain::order::{OrderEvent, OrderStatus};
use domain::{FieldError, FieldErrorCode, Money};
use surrealdb::types::RecordId;

use super::fulfilment::{check_parcel, seller_order};
use super::{load_order, order_err, Viewer};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{
    self, LineRow, OrderPatch, OrderRow, ReturnPatch, ReturnRow, StockChange, Transition,
};
use crate::state::{key_of, AppState, Db};

/// What receiving a return gives back: everything the buyer has left to get back,
/// shipping included (`rest`), or `amount` of it for the goods; `whole` when every item
/// came back (the sale ends: sharing rewards are reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReturnRefund {
    pub whole: bool,
    pub rest: bool,
    pub amount: i64,
}

/// The refund rule ([`returns::refund_due`]) applied to an order, its return and its
/// lines, capped by what the buyer has left to get back.
fn refund_of(row: &OrderRow, ret: &ReturnRow, lines: &[LineRow]) -> ReturnRefund {
    let bought: Vec<BoughtLine> = lines
        .iter()
        .map(|l| BoughtLine {
            line: key_of(&l.id),
            amount_minor: l.unit_price_minor.saturating_mul(l.quantity),
            quantity: l.quantity,
            discount_minor: l.discount_minor,
        })
        .collect();
    let back: Vec<ReturnLine> = ret
        .lines
        .iter()
        .map(|l| ReturnLine {
            line: l.line.clone(),
            quantity: l.quantity,
        })
        .collect();
    let payer = PostagePayer::parse(&ret.postage_payer).unwrap_or(PostagePayer::Seller);
    let left = (row.to_pay_minor() - row.refunded_minor).max(0);
    let counts: Vec<(String, i64)> = bought
        .iter()
        .map(|l| (l.line.clone(), l.quantity))
        .collect();
    let whole = returns::is_whole(&back, &counts);
    // store credit and a welcome discount were never the buyer's money: the goods'
    // refund is capped by what the buyer has left to get back, and only the goods'
    // part leaves the shop's sale (the ledger's `RefundAsk::Part`)
    match returns::refund_due(&bought, &back, row.promotions_minor(), payer) {
        None => ReturnRefund {
            whole,
            rest: true,
            amount: left,
        },
        Some(due) => ReturnRefund {
            whole,
            rest: false,
            amount: due.min(left),
        },
    }
}

/// What receiving `order`'s return gives back, as it stands (`None` without a return).
/// The shop's ledger reads it for a partial refund; the order area for the event.
pub async fn return_refund(db: &Db, order: &RecordId) -> Result<Option<ReturnRefund>, AppError> {
    let Some(row) = store::order(db, order.clone()).await? else {
        return Ok(None);
    };
    let Some(ret) = store::return_request(db, order).await? else {
        return Ok(None);
    };
    Ok(Some(refund_of(&row, &ret, &store::lines(db, order).await?)))
}

/// The order's return, or "wrong state" when it has none.
async fn return_of(state: &AppState, row: &OrderRow) -> Result<ReturnRow, AppError> {
    store::return_request(&state.db, &row.id)
        .await?
        .ok_or_else(|| order_err(domain::order::OrderError::WrongState))
}

/// A return's step as the order's transition: the return's guarded change, the
/// timeline's event and mails, and whatever else the step sets.
struct Step {
    step: ReturnStep,
    event: OrderEvent,
    patch: ReturnPatch,
    order_patch: OrderPatch,
    stock: Vec<(RecordId, i64, StockChange)>,
    note: Option<String>,
    mails: Vec<backend::notify::Mail>,
}

async fn apply_step(
    state: &AppState,
    row: &OrderRow,
    actor: &RecordId,
    s: Step,
) -> Result<(), AppError> {
    let now = state.now();
    let from = s.step.source();
    let to = from
        .apply(s.step)
        .ok_or_else(|| order_err(domain::order::OrderError::WrongState))?;
    store::transition(
        &state.db,
        &state.listeners,
        Transition {
            order: row.id.clone(),
            event: s.event,
            from: vec![OrderStatus::Delivered, OrderStatus::Completed],
            to: None,
            patch: s.order_patch,
            stock: s.stock,
            note: s.note,
            actor: Some(actor.clone()),
            mails: s.mails,
            extra: store::return_step(&row.id, from.as_str(), to.as_str(), s.patch, now),
            now,
        },
    )
    .await?
    .map_err(order_err)
}

/// The seller accepts the return (the buyer then sends it back) or refuses it with a
/// reason of at least a few words, which the buyer reads.
pub async fn decide_return(
    ctx: &Ctx,
    id: OrderKey,
    accept: bool,
    reason: String,
) -> Result<(), AppError> {
    let row = seller_order(ctx, &id).await?;
    let reason = reason.trim().to_string();
    if !accept && reason.chars().count() < MIN_REFUSAL_CHARS {
        let code = if reason.is_empty() {
            FieldErrorCode::Required
        } else {
            FieldErrorCode::TooShort
        };
        return Err(AppError::Invalid(vec![FieldError::new("reason", code)]));
    }
    if reason.chars().count() > 1000 {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            FieldErrorCode::TooLong,
        )]));
    }
    let ret = return_of(&ctx.state, &row).await?;
    let mail = Notice::ReturnDecided {
        order: key_of(&row.id),
        number: row.number.clone(),
        accepted: accept,
        seller_pays_postage: ret.postage_payer == PostagePayer::Seller.as_str(),
        refusal: reason.clone(),
    }
    .mail(&row.buyer, ctx.state.now());
    let (step, event, patch) = if accept {
        (
            ReturnStep::Accept,
            OrderEvent::ReturnAccepted,
            ReturnPatch::new(),
        )
    } else {
        (
            ReturnStep::Refuse,
            OrderEvent::ReturnRefused,
            ReturnPatch::new().refusal(
                reason.clone(),
                ctx.state.now() + Duration::days(domain::dispute::CLAIM_DAYS),
            ),
        )
    };
    apply_step(
        &ctx.state,
        &row,
        &ctx.user.id,
        Step {
            step,
            event,
            patch,
            order_patch: OrderPatch::new(),
            stock: Vec::new(),
            note: (!accept).then_some(reason),
            mails: vec![mail],
        },
    )
    .await
}

/// The buyer sends the accepted return back, with the parcel's carrier and tracking;
/// the seller then has [`RECEIVE_DAYS`] to confirm it arrived.
pub async fn ship_return(
    ctx: &Ctx,
    id: OrderKey,
    carrier: String,
    tracking: String,
) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    let tracking = check_parcel(&carrier, &tracking)?;
    let now = state.now();
    let mails = row
        .shop_owner
        .iter()
        .map(|o| {
            Notice::ReturnShippedBack {
                order: key_of(&row.id),
                number: row.number.clone(),
                carrier: carrier.clone(),
                tracking: tracking.clone(),
            }
            .mail(o, now)
        })
        .collect();
    apply_step(
        state,
        &row,
        &user.id,
        Step {
            step: ReturnStep::ShipBack,
            event: OrderEvent::ReturnShippedBack,
            note: Some(format!("{carrier} {tracking}")),
            patch: ReturnPatch::new().shipped_back(
                carrier,
                tracking,
                now,
                now + Duration::days(RECEIVE_DAYS),
            ),
            order_patch: OrderPatch::new(),
            stock: Vec::new(),
            mails,
        },
    )
    .await
}

/// The seller confirms the returned items arrived: the buyer is refunded (to how they
/// paid; a card refund goes to the payment provider) and, with `restock`, the items go
/// back on the shelf.
pub async fn receive_return(ctx: &Ctx, id: OrderKey, restock: bool) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let row = seller_order(ctx, &id).await?;
    let ret = return_of(state, &row).await?;
    if ReturnStatus::parse(&ret.status) != Some(ReturnStatus::ShippedBack) {
        return Err(order_err(domain::order::OrderError::WrongState));
    }
    let lines = store::lines(&state.db, &row.id).await?;
    let refund = refund_of(&row, &ret, &lines);
    let stock = if restock {
        ret.lines
            .iter()
            .filter_map(|b| {
                let l = lines.iter().find(|l| key_of(&l.id) == b.line)?;
                Some((
                    RecordId::new("stock", key_of(&l.product)),
                    b.quantity,
                    StockChange::Restock,
                ))
            })
            .collect()
    } else {
        Vec::new()
    };
    let currency = domain::Currency::parse(&row.currency).unwrap_or_default();
    let amount = Money::new(refund.amount, currency).format();
    let now = state.now();
    let mail = Notice::ReturnRefunded {
        order: key_of(&row.id),
        number: row.number.clone(),
        amount: amount.clone(),
    }
    .mail(&row.buyer, now);
    apply_step(
        state,
        &row,
        &user.id,
        Step {
            step: ReturnStep::Receive,
            event: if refund.whole {
                OrderEvent::ReturnRefunded
            } else {
                OrderEvent::ReturnRefundedPartially
            },
            patch: ReturnPatch::new().received(now, refund.amount, restock),
            order_patch: if refund.rest {
                OrderPatch::new().payment_status("refunded")
            } else {
                OrderPatch::new()
            },
            stock,
            note: Some(amount),
            mails: vec![mail],
        },
    )
    .await?;
    // a card order's refund was queued with the received return
    crate::orders::payments::send_card_refunds(state).await;
    Ok(())
}
