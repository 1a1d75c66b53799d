//! A reward's life with its order (paid, settled, ended), the hold when the sharer paid
//! with the buyer's card, and moderators' decisions on held rewards.

use backend::db::{Audit, AuditAction, Stmts, Tx};
use chrono::{DateTime, Utc};
use domain::keys::RewardKey;
use domain::referral::{self as rf, OrderEvent, RewardStatus};
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::fraud::same_payment_evidence;
use super::store::{self, CreditTxn, OrderRewardRows, RewardRec};
use super::{bad, money};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::referrals::HeldReward;
use crate::state::{key_of, record, AppState, Db};

/// Sharing rewards and store credit listen to order events (see [`order_stmts`]).
pub struct RewardListener;

impl crate::events::OrderListener for RewardListener {
    fn on_order<'a>(
        &'a self,
        db: &'a Db,
        change: &'a crate::events::OrderChange,
    ) -> crate::events::Contribution<'a> {
        Box::pin(order_stmts(db, &change.order, change.event, change.now))
    }
}

/// The reward and credit statements for an order event: paid, settled, and the
/// events that end the sale (cancelled, return refunded, refunded in full).
pub async fn order_stmts(
    db: &Db,
    order: &RecordId,
    event: domain::order::OrderEvent,
    now: DateTime<Utc>,
) -> Result<Stmts, AppError> {
    let event = match event {
        domain::order::OrderEvent::Paid => OrderEvent::Paid,
        domain::order::OrderEvent::Settled => OrderEvent::Settled,
        e if e.ends_sale() => OrderEvent::Ended,
        _ => return Ok(Stmts::new()),
    };
    let OrderRewardRows {
        reward,
        credit,
        restored,
    } = store::order_reward_and_credit(db, order).await?;
    let mut s = Stmts::new();
    if let Some(r) = reward {
        if let Some((next, postings)) = rf::on_event(r.state(), event) {
            let kind = match (event, next.status) {
                (OrderEvent::Paid, RewardStatus::Pending) => "earned",
                (OrderEvent::Settled, RewardStatus::Available) => "released",
                _ => "reversed",
            };
            s.add(store::reward_change(&r, next, postings, kind, now));
        }
    }
    if event == OrderEvent::Ended && restored != Some(true) {
        if let Some(c) = credit.filter(|c| c.credit_minor.unwrap_or(0) > 0) {
            let part = store::credit_part(
                "rs",
                CreditTxn {
                    user: &c.buyer,
                    currency: &c.currency,
                    txn: format!("restore:{}", key_of(order)),
                    kind: "restored",
                    postings: rf::restore(c.credit_minor.unwrap_or(0)),
                    reward: None,
                    order: Some(order),
                    campaign: None,
                    now,
                },
            );
            s.add(part);
        }
    }
    Ok(s)
}

/// Sharing rewards listen to card fingerprints (see [`recheck_payment`]).
pub struct SamePaymentListener;

impl crate::events::CardListener for SamePaymentListener {
    fn on_card<'a>(
        &'a self,
        state: &'a AppState,
        checkout: &'a RecordId,
    ) -> crate::events::Answer<'a, ()> {
        Box::pin(recheck_payment(state, checkout))
    }
}

/// A card fingerprint arrived for a checkout's payment: a reward on it whose sharer paid
/// with the same card is held (and any credit it gave taken back).
pub async fn recheck_payment(state: &AppState, checkout: &RecordId) -> Result<(), AppError> {
    let (cards, rewards) = store::checkout_cards_and_open_rewards(&state.db, checkout).await?;
    for r in rewards {
        let shared = store::sharer_cards_among(&state.db, &r.sharer, cards.clone()).await?;
        let Some(card) = shared.first() else {
            continue;
        };
        let Some((next, postings)) = rf::hold(r.state()) else {
            continue;
        };
        let now = state.now();
        let mut s = store::reward_change(&r, next, postings, "reversed", now);
        store::flag_same_payment(&mut s, same_payment_evidence(card), &r.campaign);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        // refused: the reward moved meanwhile (and is checked again then)
        let _ = tx.run(&state.db).await?;
    }
    Ok(())
}

pub async fn held_rewards(state: &AppState) -> Result<Vec<HeldReward>, AppError> {
    let rows = store::held_rewards(&state.db).await?;
    Ok(rows
        .into_iter()
        .map(|r| HeldReward {
            key: key_of(&r.id),
            sharer: key_of(&r.sharer),
            buyer: key_of(&r.buyer),
            order_number: r.number.unwrap_or_default(),
            amount: money(r.amount_minor, &r.currency),
            flags: r.flags,
            evidence: r.evidence,
            created_at: r.created_at.timestamp(),
        })
        .collect())
}

pub async fn decide(
    ctx: &Ctx,
    key: &RewardKey,
    decision: &str,
    note: &str,
) -> Result<(), AppError> {
    let Ctx {
        state,
        user: moderator,
        ..
    } = ctx;
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(bad("decision", FieldErrorCode::InvalidChoice)),
    };
    let note = note.trim();
    if !approve && note.chars().count() < 10 {
        return Err(bad("note", FieldErrorCode::TooShort));
    }
    if note.chars().count() > 1000 {
        return Err(bad("note", FieldErrorCode::TooLong));
    }
    let id = record(key);
    let Some(r): Option<RewardRec> = store::reward(&state.db, &id).await? else {
        return Err(AppError::NotFound);
    };
    let Some((next, postings)) = rf::decide_held(r.state(), approve) else {
        return Err(bad("decision", FieldErrorCode::AlreadyDecided));
    };
    let now = state.now();
    let mut s = store::reward_change(&r, next, postings, "approved", now);
    store::record_decision(
        &mut s,
        &moderator.id,
        (!note.is_empty()).then(|| note.to_string()),
    );
    s.audit(
        Audit::new(
            Some(&moderator.id),
            if approve {
                AuditAction::ReferralApproved
            } else {
                AuditAction::ReferralRejected
            },
            crate::state::ref_of(&id),
            now,
        )
        .detail(serde_json::json!({ "note": note, "status": next.status.as_str() })),
    );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(&state.db).await? {
        Ok(()) => Ok(()),
        Err(_) => Err(bad("decision", FieldErrorCode::AlreadyDecided)),
    }
}
