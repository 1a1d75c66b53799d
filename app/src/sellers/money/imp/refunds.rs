//! Refunds, whichever path asks for one: a seller's refund on a paid order, a
//! cancellation after payment, an accepted return, or a charge the payment provider
//! refunded itself. Each goes through [`refund_stmts`], which applies the domain's rule
//! (`domain::order::money::refund`): the buyer never gets back more money than they
//! paid for the order, the shop's ledger gives back what the rule says, and a card
//! order's refund is queued for Stripe in the same transaction.

use backend::db::{Stmts, Tx};
use chrono::{DateTime, Utc};
use domain::ledger;
use domain::order::money::{self as order_money, Provider, Refund, RefundError};
use domain::order::OrderEvent;
use surrealdb::types::{RecordId, Variables};

use super::ledger::{day_of, left_of, posted};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::events::OrderChange;
use crate::sellers::money_store::{self as store, CardRefund, Meta, RefundEntry, RefundWrite};
use crate::state::{key_of, AppState, Db};

/// What a refund is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundAsk {
    /// A seller's amount, in minor units of the order's currency.
    Amount(i64),
    /// Everything left: a cancellation after payment, a whole order returned at the
    /// seller's fault.
    Rest,
    /// Returned goods: up to this much of what the buyer has left to get back, and
    /// only that much of the shop's sale, never the refund that ends the sale.
    Part(i64),
    /// Money the payment provider has already given back (`None`: everything left, a
    /// charge refunded in full from its dashboard): only the shop's transfer share is
    /// taken back.
    ByProvider(Option<i64>),
}

fn invalid_amount() -> AppError {
    AppError::Invalid(vec![domain::FieldError::new(
        "amount",
        domain::FieldErrorCode::InvalidPrice,
    )])
}

/// The statements of one refund of `order` and its plan; `None` when nothing is left
/// to refund (never paid, or refunded already). Refused as an invalid amount when a
/// seller's amount is not above zero or exceeds the money the buyer has left to get back.
pub async fn refund_stmts(
    db: &Db,
    order: &RecordId,
    ask: RefundAsk,
    actor: Option<&RecordId>,
    now: DateTime<Utc>,
) -> Result<Option<(Stmts, Refund)>, AppError> {
    let Some(o) = store::order_totals(db, order).await? else {
        return Ok(None);
    };
    let posted = posted(db, order).await?;
    let Some((left, released, n)) = left_of(&posted) else {
        return Ok(None);
    };
    let money_left = o.amounts().buyer_pays() - o.refunded_minor;
    let amount = match ask {
        RefundAsk::Amount(a) | RefundAsk::ByProvider(Some(a)) => Some(a),
        RefundAsk::Part(a) if a.min(money_left) <= 0 => return Ok(None),
        RefundAsk::Part(a) => Some(a.min(money_left)),
        RefundAsk::Rest | RefundAsk::ByProvider(None) => None,
    };
    let mut plan =
        order_money::refund(amount, money_left, left.total_minor).map_err(|e| match e {
            RefundError::NotPositive | RefundError::ExceedsPaid => invalid_amount(),
        })?;
    if matches!(ask, RefundAsk::Part(_)) {
        // returned goods take from the sale what the buyer gets, even the last of their
        // money: what was bought with credit or a welcome discount stays the shop's
        plan.full = false;
        plan.from_sale_minor = plan.to_buyer_minor.min(left.total_minor.max(0));
    }
    if plan.to_buyer_minor == 0 && plan.from_sale_minor == 0 {
        return Ok(None);
    }
    let mut v = Variables::new();
    store::bind_day(&mut v, &o.shop, day_of(now));
    let (ledger_sql, share) = if plan.from_sale_minor > 0 {
        let txn =
            ledger::refund(plan.from_sale_minor, left, released).map_err(|_| invalid_amount())?;
        let b = ledger::balances(&txn.postings);
        let meta = Meta {
            txn_id: format!("refund:{}:{}", key_of(order), n + 1),
            shop: &o.shop,
            currency: &o.currency,
            order: Some(order),
            memo: None,
            actor,
        };
        (
            store::refund_sql(&txn, meta, &mut v),
            -(b.pending_minor + b.available_minor),
        )
    } else {
        (String::new(), 0)
    };
    let by_provider = matches!(ask, RefundAsk::ByProvider(_));
    let (to_provider, by_provider_minor) = if by_provider {
        (0, plan.to_buyer_minor)
    } else {
        (plan.to_buyer_minor, 0)
    };
    let card = match (Provider::is_card(o.provider.as_deref()), &o.checkout) {
        (true, Some(checkout)) if plan.to_buyer_minor > 0 || share > 0 => Some(CardRefund {
            key: format!("{}-{}", key_of(order), n + 1),
            checkout: checkout.clone(),
            amount_minor: to_provider,
            by_provider_minor,
            reverse_minor: share.max(0),
        }),
        _ => None,
    };
    let write = RefundWrite {
        order: order.clone(),
        currency: o.currency.clone(),
        refunded_before: o.refunded_minor,
        sale_left_before: left.total_minor,
        to_buyer: plan.to_buyer_minor,
        full: plan.full,
        card,
    };
    Ok(Some((store::refund_write(write, &ledger_sql, v), plan)))
}

/// A partial (or full) refund the seller issues on a paid order. A card order's
/// refund goes to Stripe right after it is recorded (and is retried until Stripe has
/// it); the order's payment is marked refunded when nothing is left.
pub async fn refund_order(
    state: &AppState,
    user: &SessionUser,
    order_id: &str,
    amount_major: &str,
) -> Result<(), AppError> {
    use crate::orders::imp::{load_order, Viewer};
    let (row, viewer) = load_order(state, user, &order_id.parse()?).await?;
    if viewer != Viewer::Seller {
        return Err(AppError::NotFound);
    }
    let currency = domain::Currency::parse(&row.currency).unwrap_or_default();
    let amount = domain::Money::parse_major(amount_major, currency).ok_or_else(invalid_amount)?;
    let refund = IssuedRefund {
        ask: RefundAsk::Amount(amount.amount_minor),
        actor: &user.id,
        entry: RefundEntry {
            note: format!("refund {}", amount.format()),
            actor: user.id.clone(),
            kind: OrderEvent::RefundedPartially.as_str().to_string(),
        },
        with: Stmts::new(),
    };
    issue_refund(state, &row.id, refund).await
}

/// A refund a person issues: what is asked, who asks, the timeline's entry, and
/// statements that must hold with it (an alert's gap, an audit entry).
pub struct IssuedRefund<'a> {
    pub ask: RefundAsk,
    pub actor: &'a RecordId,
    pub entry: RefundEntry,
    pub with: Stmts,
}

/// Issues a refund of `order` by the refund rule ([`refund_stmts`]) in one
/// transaction; refunded in full, the sharing reward on it is reversed and store
/// credit returned. A card order's refund is sent to Stripe after.
pub async fn issue_refund(
    state: &AppState,
    order: &RecordId,
    refund: IssuedRefund<'_>,
) -> Result<(), AppError> {
    let db = &state.db;
    let now = state.now();
    let Some((stmts, plan)) = refund_stmts(db, order, refund.ask, Some(refund.actor), now).await?
    else {
        return Err(AppError::Order(domain::order::OrderError::WrongState));
    };
    let mut tx = Tx::new();
    tx.bind("now", now).bind("order", order.clone());
    tx.add(refund.with)
        .add(stmts)
        .add(store::refund_entry(refund.entry));
    if plan.full {
        let change = OrderChange {
            order: order.clone(),
            event: OrderEvent::Refunded,
            now,
        };
        state.listeners.order_changed(db, &change, &mut tx).await?;
    }
    match tx.run(db).await? {
        Ok(()) => {
            crate::orders::payments::send_card_refunds(state).await;
            Ok(())
        }
        Err(_) => Err(AppError::Order(domain::order::OrderError::WrongState)),
    }
}
