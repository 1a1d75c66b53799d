//! The payments page on the server: the alerts as an admin reads them, attributing a
//! refund made at Stripe to an order, and trying a refused refund again.

use backend::db::{Audit, AuditAction};
use domain::order::OrderEvent;
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::{AlertKind, AlertOrder, PaymentAlert, PaymentAlerts};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::orders::payment_store::{self as store, PaidOrder, PaymentAlertRow};
use crate::sellers::money::imp::{issue_refund, IssuedRefund, RefundAsk};
use crate::sellers::money_store::RefundEntry;
use crate::state::{key_of, AppState};

/// Closed alerts the page shows (the latest).
const CLOSED_SHOWN: i64 = 20;
/// Open alerts the page shows at most (oldest changes last).
const OPEN_SHOWN: i64 = 200;

pub async fn alerts(state: &AppState) -> Result<PaymentAlerts, AppError> {
    let db = &state.db;
    let mut open = Vec::new();
    for row in store::payment_alerts(db, "open", OPEN_SHOWN).await? {
        let orders = match (&row.kind[..], &row.payment_intent) {
            ("provider_refund", Some(pi)) => store::paid_orders(db, pi).await?,
            _ => Vec::new(),
        };
        open.push(alert_of(row, orders));
    }
    let closed = store::payment_alerts(db, "closed", CLOSED_SHOWN)
        .await?
        .into_iter()
        .map(|row| alert_of(row, Vec::new()))
        .collect();
    Ok(PaymentAlerts { open, closed })
}

fn alert_of(row: PaymentAlertRow, orders: Vec<PaidOrder>) -> PaymentAlert {
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    let money = |n: i64| Money::new(n, currency).format();
    PaymentAlert {
        id: key_of(&row.id),
        kind: if row.kind == "provider_refund" {
            AlertKind::ProviderRefund
        } else {
            AlertKind::RefundRefused
        },
        payment_intent: row.payment_intent,
        order_number: row.order_number,
        provider: money(row.provider_minor),
        ours: money(row.ours_minor),
        gap: money(row.gap_minor),
        currency: row.currency,
        reason: row.reason,
        attempts: row.attempts,
        next_at: row.next_at.map(|t| t.timestamp()),
        updated_at: row.updated_at.timestamp(),
        orders: orders
            .into_iter()
            .map(|o| AlertOrder {
                id: key_of(&o.id),
                number: o.number,
                shop: o.shop,
                paid: money(o.paid_minor),
                left: money((o.paid_minor - o.refunded_minor).max(0)),
            })
            .collect(),
    }
}

/// The alert of `kind` the key names.
async fn load(
    state: &AppState,
    alert: &domain::keys::PaymentAlertKey,
    kind: &str,
) -> Result<(RecordId, PaymentAlertRow), AppError> {
    let id = RecordId::new("payment_alert", alert.as_str());
    match store::payment_alert(&state.db, &id).await? {
        Some(a) if a.kind == kind => Ok((id, a)),
        _ => Err(AppError::NotFound),
    }
}

fn field(name: &str, code: domain::FieldErrorCode) -> AppError {
    AppError::Invalid(vec![domain::FieldError::new(name, code)])
}

/// Posts `amount_major` of the alert's gap as a refund Stripe made of `order`: the
/// order's refund by the refund rule (never more than the buyer has left to get
/// back; the shop's transfer share is taken back), the alert's gap reduced in the
/// same transaction (never below nothing), audited; the alert closes once no gap is
/// left.
pub async fn attribute(
    state: &AppState,
    admin: &SessionUser,
    alert: &domain::keys::PaymentAlertKey,
    order: &str,
    amount_major: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    let (id, a) = load(state, alert, "provider_refund").await?;
    let Some(pi) = a.payment_intent else {
        return Err(AppError::NotFound);
    };
    let paid = store::paid_orders(db, &pi).await?;
    let Some(order) = paid.iter().find(|o| key_of(&o.id) == order) else {
        return Err(field("order", domain::FieldErrorCode::InvalidChoice));
    };
    let currency = Currency::parse(&a.currency).unwrap_or_default();
    let amount = Money::parse_major(amount_major, currency)
        .filter(|m| m.amount_minor > 0 && m.amount_minor <= a.gap_minor)
        .ok_or_else(|| field("amount", domain::FieldErrorCode::InvalidPrice))?;
    let now = state.now();
    let mut with = store::attribute_stmts(&id, amount.amount_minor);
    with.audit(
        Audit::new(
            Some(&admin.id),
            AuditAction::PaymentRefundAttributed,
            format!("payment_alert:{}", alert.as_str()),
            now,
        )
        .detail(serde_json::json!({
            "order": key_of(&order.id),
            "amount_minor": amount.amount_minor,
            "currency": a.currency,
        })),
    );
    let refund = IssuedRefund {
        ask: RefundAsk::ByProvider(Some(amount.amount_minor)),
        actor: &admin.id,
        entry: RefundEntry {
            note: format!("refunded at Stripe {}", amount.format()),
            actor: admin.id.clone(),
            kind: OrderEvent::ChargeRefunded.as_str().to_string(),
        },
        with,
    };
    issue_refund(state, &order.id, refund).await?;
    store::reconcile_refunds(db, &pi, 0, now).await?;
    Ok(())
}

/// Asks for a refused card refund to be tried now, and tries it.
pub async fn retry(
    state: &AppState,
    admin: &SessionUser,
    alert: &domain::keys::PaymentAlertKey,
) -> Result<(), AppError> {
    let db = &state.db;
    let (id, a) = load(state, alert, "refund_refused").await?;
    if a.status != "open" || !store::retry_now(db, &id, state.now()).await? {
        return Err(AppError::Order(domain::order::OrderError::WrongState));
    }
    crate::accounts::store::audit(
        db,
        Audit::new(
            Some(&admin.id),
            AuditAction::CardRefundRetried,
            format!("payment_alert:{}", alert.as_str()),
            state.now(),
        ),
    )
    .await?;
    crate::orders::payments::send_card_refunds(state).await;
    Ok(())
}
