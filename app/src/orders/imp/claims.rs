//! Claims: a buyer whose return was refused (or whose seller let a deadline pass) asks
//! the platform to decide; the seller answers, or their time runs out. A moderator
//! decides it (in the moderation area).

use backend::notify::Notice;
use chrono::{DateTime, Utc};
use domain::dispute::{self, ReturnState, ANSWER_WORKING_DAYS};
use domain::keys::OrderKey;
use domain::order::{OrderEvent, OrderStatus, ReturnStatus};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::fulfilment::seller_order;
use super::{load_order, order_err, Viewer};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{self, OrderPatch, OrderRow, Transition};
use crate::state::{key_of, AppState};

/// A side's statement, trimmed, or why it is refused.
fn statement(text: &str) -> Result<String, AppError> {
    let text = text.trim().to_string();
    if dispute::statement_ok(&text) {
        return Ok(text);
    }
    let code = if text.chars().count() > dispute::MAX_STATEMENT {
        FieldErrorCode::TooLong
    } else if text.is_empty() {
        FieldErrorCode::Required
    } else {
        FieldErrorCode::TooShort
    };
    Err(AppError::Invalid(vec![FieldError::new("statement", code)]))
}

fn unix(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

/// Whether the order's buyer may claim now (the claim rule on its return).
pub(super) fn claimable(ret: &store::ReturnRow, now: DateTime<Utc>) -> bool {
    ReturnStatus::parse(&ret.status).is_some_and(|status| {
        dispute::may_claim(
            ReturnState {
                status,
                respond_by: unix(ret.respond_by),
                receive_by: unix(ret.receive_by),
                claim_until: unix(ret.claim_until),
            },
            now.timestamp(),
        )
        .is_ok()
    })
}

/// The order's change for a claim step: its event, by whom, with these statements.
fn claim_transition(
    row: &OrderRow,
    event: OrderEvent,
    actor: Option<RecordId>,
    mails: Vec<backend::notify::Mail>,
    extra: backend::db::Stmts,
    now: DateTime<Utc>,
) -> Transition {
    Transition {
        order: row.id.clone(),
        event,
        from: vec![OrderStatus::Delivered, OrderStatus::Completed],
        to: None,
        patch: OrderPatch::new(),
        stock: Vec::new(),
        note: None,
        actor,
        mails,
        extra,
        now,
    }
}

/// The buyer asks the platform to decide: after a refusal (within the claim window)
/// or a missed deadline of the seller's. Once per order.
pub async fn open_claim(ctx: &Ctx, id: OrderKey, text: String) -> Result<(), AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    let text = statement(&text)?;
    let now = state.now();
    let ret = store::return_request(&state.db, &row.id).await?;
    if !ret.is_some_and(|r| claimable(&r, now)) {
        return Err(order_err(domain::order::OrderError::WrongState));
    }
    let answer_by = DateTime::from_timestamp(
        domain::notice::add_working_days(now.timestamp(), ANSWER_WORKING_DAYS),
        0,
    )
    .unwrap_or(now);
    let mails = row
        .shop_owner
        .iter()
        .map(|o| {
            Notice::ClaimOpened {
                order: key_of(&row.id),
                number: row.number.clone(),
                statement: text.clone(),
            }
            .mail(o, now)
        })
        .collect();
    let extra = store::open_dispute(
        &row.id,
        row.buyer.clone(),
        row.shop.clone(),
        text,
        answer_by,
    );
    let opened = Transition {
        // not once the shop was paid out (settlement completes the order)
        from: vec![OrderStatus::Delivered],
        ..claim_transition(
            &row,
            OrderEvent::ClaimOpened,
            Some(user.id.clone()),
            mails,
            extra,
            now,
        )
    };
    store::transition(&state.db, &state.listeners, opened)
        .await?
        .map_err(order_err)
}

/// The seller's side of a claim, before its deadline: it then goes to a moderator.
pub async fn answer_claim(ctx: &Ctx, id: OrderKey, text: String) -> Result<(), AppError> {
    let row = seller_order(ctx, &id).await?;
    let text = statement(&text)?;
    let now = ctx.state.now();
    let extra = store::answer_dispute(&row.id, text);
    store::transition(
        &ctx.state.db,
        &ctx.state.listeners,
        claim_transition(
            &row,
            OrderEvent::ClaimAnswered,
            Some(ctx.user.id.clone()),
            Vec::new(),
            extra,
            now,
        ),
    )
    .await?
    .map_err(order_err)
}

/// Claims whose seller did not answer in time go to a moderator, marked silent. Run
/// by a background job; returns how many it moved.
pub async fn run_claim_deadlines(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut moved = 0;
    for order in store::claims_due(&state.db, now).await? {
        let Some(row) = store::order(&state.db, order).await? else {
            continue;
        };
        let extra = store::seller_silent(&row.id);
        let t = claim_transition(
            &row,
            OrderEvent::ClaimUnanswered,
            None,
            Vec::new(),
            extra,
            now,
        );
        match store::transition(&state.db, &state.listeners, t).await {
            Ok(Ok(())) => moved += 1,
            // answered meanwhile
            Ok(Err(_)) => {}
            // one order's trouble does not hold up the others
            Err(e) => tracing::warn!(order = %key_of(&row.id), "claim deadline: {e:?}"),
        }
    }
    Ok(moved)
}
