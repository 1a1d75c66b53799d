//! The claims queue: reading a case from the order, return, conversation and shop
//! record, and deciding it (the refund through the shop's ledger, the decision and any
//! strike in the same transaction).

use backend::db::{Audit, AuditAction, Tx};
use backend::moderation::store::disputes::{self as store, DisputeDecision};
use backend::notify::Notice;
use backend::sellers::money_store::RefundEntry;
use chrono::Duration;
use domain::dispute::{self, DisputeStatus, Outcome, LOSS_WINDOW_DAYS};
use domain::keys::DisputeKey;
use domain::order::OrderEvent;
use domain::{Currency, FieldErrorCode, Money};
use surrealdb::types::RecordId;

use super::{CaseMessage, DisputeCase, DisputeQueue, DisputeSummary};
use crate::ctx::Ctx;
use crate::error::{invalid, AppError};
use crate::moderation::queue::imp::{active_strikes, policy, strike_statements};
use crate::orders::stamp;
use crate::orders::store::{self as orders, DisputeRow, OrderRow};
use crate::sellers::money::imp::{issue_refund, IssuedRefund, RefundAsk};
use crate::state::key_of;

fn summary(r: &DisputeRow, lang: domain::Lang) -> DisputeSummary {
    DisputeSummary {
        key: key_of(&r.id),
        number: r.number.clone(),
        shop_name: r.shop_name.clone().unwrap_or_default(),
        buyer_name: r.buyer_name.clone().unwrap_or_default(),
        status: DisputeStatus::parse(&r.status).unwrap_or(DisputeStatus::UnderReview),
        seller_silent: r.seller_silent,
        opened_at: stamp(lang, r.created_at),
        outcome: r.outcome.as_deref().and_then(Outcome::parse),
    }
}

pub async fn queue(ctx: &Ctx) -> Result<DisputeQueue, AppError> {
    let lang = ctx.prefs.lang;
    let db = &ctx.state.db;
    let list = |rows: Vec<DisputeRow>| rows.iter().map(|r| summary(r, lang)).collect();
    Ok(DisputeQueue {
        open: list(store::disputes(db, false, 100).await?),
        decided: list(store::disputes(db, true, 20).await?),
    })
}

/// The claim and its order, or "not found".
async fn claim_of(ctx: &Ctx, key: &DisputeKey) -> Result<(DisputeRow, OrderRow), AppError> {
    let order = RecordId::new("shop_order", key.as_str());
    let claim = orders::dispute_of(&ctx.state.db, &order)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = orders::order(&ctx.state.db, order)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((claim, row))
}

/// The buyer's conversation with the shop (the last 200 messages), those about this
/// order marked.
async fn messages(ctx: &Ctx, row: &OrderRow) -> Result<Vec<CaseMessage>, AppError> {
    let db = &ctx.state.db;
    let Some(thread) =
        backend::chat::store::thread_between(db, row.buyer.clone(), row.shop.clone()).await?
    else {
        return Ok(Vec::new());
    };
    Ok(backend::chat::store::messages(db, thread.id, 200)
        .await?
        .into_iter()
        .map(|m| CaseMessage {
            from_buyer: m.side == "buyer",
            about_order: m.shop_order.is_some_and(|o| o.id == row.id),
            body: m.body,
            photos: m
                .photos
                .iter()
                .map(|k| crate::chat::photos::pair(k))
                .collect(),
            at: stamp(ctx.prefs.lang, m.created_at),
        })
        .collect())
}

pub async fn case(ctx: &Ctx, key: &DisputeKey) -> Result<DisputeCase, AppError> {
    let (claim, row) = claim_of(ctx, key).await?;
    let db = &ctx.state.db;
    let lang = ctx.prefs.lang;
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    let money = |m: i64| Money::new(m, currency);
    let lines = orders::lines(db, &row.id).await?;
    let ret = orders::return_request(db, &row.id)
        .await?
        .map(|r| crate::orders::imp::return_view(r, &lines, currency, lang));
    let now = ctx.state.now();
    let shop_lost =
        store::lost_disputes(db, &row.shop, now - Duration::days(LOSS_WINDOW_DAYS)).await?;
    Ok(DisputeCase {
        summary: summary(&claim, lang),
        buyer_statement: claim.statement,
        seller_statement: claim.seller_statement,
        answer_by: stamp(lang, claim.answer_by),
        lines: lines
            .iter()
            .map(|l| {
                let n = l.quantity.clamp(0, 999) as u32;
                (
                    l.title.clone(),
                    n,
                    money(l.unit_price_minor.saturating_mul(l.quantity)),
                )
            })
            .collect(),
        paid: money(row.to_pay_minor()),
        refunded: money(row.refunded_minor),
        refund_left: money((row.to_pay_minor() - row.refunded_minor).max(0)),
        timeline: orders::events(db, &row.id)
            .await?
            .into_iter()
            .map(|e| (e.kind, stamp(lang, e.at), e.note))
            .collect(),
        ret,
        messages: messages(ctx, &row).await?,
        shop_lost,
        shop_strikes: active_strikes(db, &row.shop, now).await?,
        decision_statement: claim.decision_statement,
        amount: claim.amount_minor.map(money),
    })
}

/// What the moderator asked for: the outcome, the refund (none for close) and the
/// statement, checked.
fn read_decision(
    outcome: &str,
    amount: &str,
    statement: &str,
    currency: Currency,
) -> Result<(Outcome, Option<RefundAsk>, String), AppError> {
    let outcome =
        Outcome::parse(outcome).ok_or_else(|| invalid("outcome", FieldErrorCode::InvalidChoice))?;
    let statement = statement.trim().to_string();
    if !dispute::statement_ok(&statement) {
        let code = if statement.is_empty() {
            FieldErrorCode::Required
        } else if statement.chars().count() > dispute::MAX_STATEMENT {
            FieldErrorCode::TooLong
        } else {
            FieldErrorCode::TooShort
        };
        return Err(invalid("statement", code));
    }
    let ask = match outcome {
        Outcome::Refund => Some(RefundAsk::Rest),
        Outcome::PartialRefund => {
            let m = Money::parse_major(amount, currency)
                .ok_or_else(|| invalid("amount", FieldErrorCode::InvalidPrice))?;
            Some(RefundAsk::Amount(m.amount_minor))
        }
        Outcome::Close => None,
    };
    Ok((outcome, ask, statement))
}

/// Decides a claim once. A refund is the refund rule's (never more than the buyer has
/// left to get back) from the shop's balance, in the same transaction as the decision,
/// the timeline's entry, any strike and the mails to both sides.
pub async fn decide(
    ctx: &Ctx,
    key: &DisputeKey,
    outcome: &str,
    amount: &str,
    statement: &str,
) -> Result<(), AppError> {
    let (claim, row) = claim_of(ctx, key).await?;
    let state = &ctx.state;
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    let (outcome, ask, statement) = read_decision(outcome, amount, statement, currency)?;
    if claim.status == DisputeStatus::Decided.as_str() {
        return Err(invalid("dispute", FieldErrorCode::AlreadyDecided));
    }
    if ask.is_some() && row.to_pay_minor() - row.refunded_minor <= 0 {
        // nothing of the buyer's money is left to give back
        return Err(invalid("outcome", FieldErrorCode::NotAllowed));
    }
    let now = state.now();
    let lost = if outcome.for_buyer() {
        store::lost_disputes(&state.db, &row.shop, now - Duration::days(LOSS_WINDOW_DAYS)).await?
            + 1
    } else {
        0
    };
    let strike = dispute::gives_strike(outcome, claim.seller_silent, lost);
    let refunded = match ask {
        Some(RefundAsk::Amount(m)) => Money::new(m, currency).format(),
        Some(_) => Money::new((row.to_pay_minor() - row.refunded_minor).max(0), currency).format(),
        None => String::new(),
    };
    let tell = |to: &RecordId, for_seller: bool| {
        Notice::ClaimDecided {
            order: key_of(&row.id),
            number: row.number.clone(),
            refunded: refunded.clone(),
            statement: statement.clone(),
            for_seller,
        }
        .mail(to, now)
    };
    let mut mails = vec![tell(&row.buyer, false)];
    mails.extend(row.shop_owner.iter().map(|o| tell(o, true)));
    let audit = Audit::on(
        Some(&ctx.user.id),
        AuditAction::DisputeDecided(outcome.as_str()),
        &claim.id,
        now,
    )
    .detail(serde_json::json!({ "statement": statement, "refunded": refunded }));
    let appeal_days = i64::from(policy(&state.db).await?.appeal_days);
    let mut s = store::decide_dispute(
        DisputeDecision {
            dispute: claim.id.clone(),
            shop: row.shop.clone(),
            outcome: outcome.as_str(),
            amount_minor: match ask {
                Some(RefundAsk::Amount(m)) => Some(m),
                _ => None,
            },
            statement: statement.clone(),
            actor: ctx.user.id.clone(),
            appeal_until: strike.then(|| now + Duration::days(appeal_days)),
            mails,
        },
        audit,
    );
    if strike {
        s.add(strike_statements(&state.db, &row.shop, now).await?.0);
    }
    let entry = RefundEntry {
        note: statement,
        actor: ctx.user.id.clone(),
        kind: OrderEvent::ClaimDecided.as_str().to_string(),
    };
    let decided = match ask {
        Some(ask) => {
            let refund = IssuedRefund {
                ask,
                actor: &ctx.user.id,
                entry,
                with: s,
            };
            issue_refund(state, &row.id, refund).await
        }
        None => {
            let mut tx = Tx::new();
            tx.bind("now", now).bind("order", row.id.clone());
            tx.add(s)
                .add(backend::sellers::money_store::refund_entry(entry));
            match tx.run(&state.db).await? {
                Ok(()) => Ok(()),
                Err(_) => Err(AppError::Order(domain::order::OrderError::WrongState)),
            }
        }
    };
    match decided {
        // decided by someone else meanwhile
        Err(AppError::Order(_)) => Err(invalid("dispute", FieldErrorCode::AlreadyDecided)),
        other => {
            state.catalog_cache.invalidate();
            other
        }
    }
}
