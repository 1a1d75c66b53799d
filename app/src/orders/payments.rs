//! Payment providers (server only). Offline payments are marked received by the
//! seller (see `api::imp::mark_paid`); Stripe payments arrive as signed webhooks,
//! handled here idempotently.

use surrealdb::types::RecordId;

use super::api::imp::{mark_paid_row, release_checkout};
use super::store;
use crate::error::{internal, AppError};
use crate::state::{key_of, AppState};

/// What a webhook delivery did, for the HTTP response and the logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    Processed,
    /// Already seen this event id: acknowledged, nothing done.
    Duplicate,
    /// A type we do not act on: acknowledged so Stripe stops retrying.
    Ignored,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("webhooks are not configured")]
    NotConfigured,
    #[error("bad signature: {0}")]
    Signature(domain::payment::SignatureError),
    #[error("malformed event")]
    Malformed,
    #[error("internal error")]
    Internal,
}

impl From<AppError> for WebhookError {
    fn from(_: AppError) -> Self {
        WebhookError::Internal
    }
}

impl From<surrealdb::Error> for WebhookError {
    fn from(e: surrealdb::Error) -> Self {
        tracing::error!(%e, "webhook database error");
        WebhookError::Internal
    }
}

/// Verifies and applies one Stripe webhook delivery (raw body, as signed).
pub async fn handle_stripe_webhook(
    state: &AppState,
    signature: Option<&str>,
    body: &[u8],
) -> Result<WebhookOutcome, WebhookError> {
    let stripe = state
        .settings
        .stripe
        .as_ref()
        .ok_or(WebhookError::NotConfigured)?;
    domain::payment::verify(
        signature.ok_or(WebhookError::Signature(
            domain::payment::SignatureError::Malformed,
        ))?,
        body,
        &stripe.webhook_secret,
        state.now().timestamp(),
    )
    .map_err(WebhookError::Signature)?;
    let event: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| WebhookError::Malformed)?;
    let id = event["id"].as_str().ok_or(WebhookError::Malformed)?;
    let kind = event["type"].as_str().ok_or(WebhookError::Malformed)?;
    if id.is_empty() || id.len() > 255 {
        return Err(WebhookError::Malformed);
    }
    let event_id = RecordId::new("stripe_event", id);
    if record_exists(state, &event_id).await? {
        return Ok(WebhookOutcome::Duplicate);
    }
    let object = &event["data"]["object"];
    let outcome = match kind {
        "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
            let checkout = checkout_of(object)?;
            if object["payment_status"].as_str() == Some("unpaid") {
                // async payment methods complete later with async_payment_succeeded
                WebhookOutcome::Ignored
            } else {
                settle_checkout(state, &checkout, object["payment_intent"].as_str()).await?;
                WebhookOutcome::Processed
            }
        }
        "checkout.session.expired" | "checkout.session.async_payment_failed" => {
            let checkout = checkout_of(object)?;
            release_checkout(state, &checkout, "payment_session_expired").await?;
            store::close_checkout(&state.db, &checkout, "expired").await?;
            WebhookOutcome::Processed
        }
        "charge.refunded" => {
            refund_payment(state, object).await?;
            WebhookOutcome::Processed
        }
        _ => WebhookOutcome::Ignored,
    };
    // Recorded after the work: every step above is conditional on state, so a
    // concurrent duplicate delivery is harmless, and a failed one can be retried.
    let mut res = state
        .db
        .query("CREATE $id SET kind = $kind, received_at = $now")
        .bind(("id", event_id))
        .bind(("kind", kind.to_string()))
        .bind(("now", state.now()))
        .await?;
    if let Some(e) = res.take_errors().into_values().next() {
        if !e.to_string().contains("already exists") {
            return Err(e.into());
        }
    }
    Ok(outcome)
}

async fn record_exists(state: &AppState, id: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = state
        .db
        .query("RETURN record::exists($id)")
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let v: Option<bool> = res.take(0)?;
    Ok(v.unwrap_or(false))
}

/// Our checkout id, sent to Stripe as the session's `client_reference_id`.
fn checkout_of(object: &serde_json::Value) -> Result<RecordId, WebhookError> {
    let key = object["client_reference_id"]
        .as_str()
        .or_else(|| object["metadata"]["checkout"].as_str())
        .filter(|k| !k.is_empty() && k.len() <= 64 && k.chars().all(|c| c.is_ascii_alphanumeric()))
        .ok_or(WebhookError::Malformed)?;
    Ok(RecordId::new("checkout", key))
}

/// Payment for a whole checkout arrived: every order is paid (stock leaves the
/// shelf) and each seller gets one transfer record in the checkout's transfer group,
/// less the platform's commission.
pub async fn settle_checkout(
    state: &AppState,
    checkout: &RecordId,
    payment_intent: Option<&str>,
) -> Result<(), AppError> {
    let orders = store::orders_of_checkout(&state.db, checkout).await?;
    for row in &orders {
        if row.status == "placed" {
            match mark_paid_row(state, row, None, Some("paid by card (Stripe)".into())).await {
                Ok(()) | Err(AppError::Order(domain::order::OrderError::WrongState)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    for row in store::orders_of_checkout(&state.db, checkout).await? {
        if row.status != "paid" {
            continue;
        }
        let total = row.subtotal_minor + row.shipping_minor;
        let (commission, amount) =
            domain::order::split_commission(total, domain::order::COMMISSION_BPS);
        // deterministic id: a replayed event cannot create a second transfer
        let mut res = state
            .db
            .query(
                "CREATE $id SET shop_order = $order, shop = $shop, transfer_group = $group, amount_minor = $amount, \
                 commission_minor = $commission, currency = $currency, status = 'pending', created_at = $now",
            )
            .bind(crate::vars! {
                "id" => RecordId::new("transfer", key_of(&row.id)),
                "order" => row.id.clone(), "shop" => row.shop.clone(),
                "group" => key_of(checkout), "amount" => amount, "commission" => commission,
                "currency" => row.currency.clone(), "now" => state.now(),
            })
            .await?;
        if let Some(e) = res.take_errors().into_values().next() {
            if !e.to_string().contains("already exists") {
                return Err(e.into());
            }
        }
    }
    state
        .db
        .query("UPDATE payment SET external_id = $pi WHERE checkout = $checkout AND external_id = NONE; UPDATE $checkout SET status = 'paid' WHERE status = 'awaiting_payment'")
        .bind(("pi", payment_intent.map(str::to_string)))
        .bind(("checkout", checkout.clone()))
        .await?
        .check()?;
    Ok(())
}

async fn refund_payment(state: &AppState, charge: &serde_json::Value) -> Result<(), AppError> {
    let Some(pi) = charge["payment_intent"].as_str() else {
        return Err(internal("charge.refunded", "no payment_intent"));
    };
    state
        .db
        .query(
            "UPDATE payment SET status = 'refunded' WHERE external_id = $pi; \
             UPDATE shop_order SET payment_status = 'refunded' WHERE checkout IN (SELECT VALUE checkout FROM payment WHERE external_id = $pi); \
             UPDATE transfer SET status = 'reversed' WHERE transfer_group IN (SELECT VALUE record::id(checkout) FROM payment WHERE external_id = $pi)",
        )
        .bind(("pi", pi.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// Creates the Stripe Checkout Session for a checkout and returns its payment page URL.
pub async fn start_stripe_checkout(
    state: &AppState,
    checkout: &RecordId,
) -> Result<String, AppError> {
    let _ = (state, checkout);
    Err(internal("stripe", "Stripe Checkout is not wired yet"))
}
