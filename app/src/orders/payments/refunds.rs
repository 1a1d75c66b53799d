//! Card refunds: the queue the refund paths write with the ledger's refund
//! (`card_refund`), sent to Stripe after the transaction — the buyer's money, then the
//! shop's share taken back from its transfer.

use domain::{Currency, Money};
use stripe::StripeRequest;

use super::{payment_store, stripe_amount, stripe_client};
use crate::state::{key_of, AppState, StripeSettings};

/// Sends the next batch of card refunds waiting for Stripe (see
/// [`payment_store::claim_card_refunds`]): the buyer's money (idempotency key
/// `refund-<row>`), then the shop's share taken back — off its transfer if that was
/// not sent yet, else reversed at Stripe (`reversal-<row>`). A refusal leaves the row
/// for a later attempt, waiting longer each time, and raises an alert after a few;
/// returns how many finished. Errors are logged, never returned: the refund is
/// recorded already.
pub async fn send_card_refunds(state: &AppState) -> usize {
    let Some(stripe) = state.settings.stripe.as_ref() else {
        return 0;
    };
    let now = state.now();
    let rows = match payment_store::claim_card_refunds(
        &state.db,
        now,
        now - chrono::Duration::minutes(10),
    )
    .await
    {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "card refunds: claim failed");
            return 0;
        }
    };
    let mut done = 0;
    for row in rows {
        match send_card_refund(state, stripe, &row).await {
            Ok(()) => done += 1,
            Err(reason) => {
                tracing::warn!(%reason, refund = %key_of(&row.id), attempts = row.attempts, "card refund not sent; left for a later attempt");
                if let Err(e) =
                    payment_store::card_refund_again(&state.db, &row, &reason, state.now()).await
                {
                    tracing::error!(error = %e, "card refund: could not record the refusal");
                }
            }
        }
    }
    done
}

/// One card refund, to the end; the reason it stopped otherwise.
async fn send_card_refund(
    state: &AppState,
    stripe: &StripeSettings,
    row: &payment_store::CardRefundRow,
) -> Result<(), String> {
    let db_error = |e: surrealdb::Error| format!("database: {e}");
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    let key = key_of(&row.id);
    if row.external_id.is_none() && row.amount_minor > 0 {
        let pi = payment_store::payment_intent_of(&state.db, &row.checkout)
            .await
            .map_err(db_error)?
            .ok_or("no payment intent for the checkout")?;
        let refund =
            stripe_refund(stripe, &pi, &key, Money::new(row.amount_minor, currency)).await?;
        payment_store::card_refunded(&state.db, &row.id, &refund, state.now())
            .await
            .map_err(db_error)?;
        // Stripe may have told us of this refund before we knew its id: compare again
        payment_store::reconcile_refunds(&state.db, &pi, 0, state.now())
            .await
            .map_err(db_error)?;
    }
    let mut reversal = None;
    if row.reverse_minor > 0 {
        let t = payment_store::take_from_transfer(&state.db, &row.shop_order, row.reverse_minor)
            .await
            .map_err(db_error)?;
        if let (Some("sent"), Some(transfer)) = (t.status.as_deref(), t.external_id) {
            reversal = Some(
                reverse_transfer(
                    stripe,
                    &transfer,
                    &key,
                    Money::new(row.reverse_minor, currency),
                )
                .await?,
            );
        }
    }
    payment_store::card_refund_done(&state.db, &row.id, reversal, state.now())
        .await
        .map_err(db_error)
}

/// Takes `amount` of a sent transfer back from the shop's Connect account.
async fn reverse_transfer(
    stripe: &StripeSettings,
    transfer: &str,
    key: &str,
    amount: Money,
) -> Result<String, String> {
    use stripe_connect::transfer_reversal::CreateIdTransferReversal;
    let reversal = CreateIdTransferReversal::new(transfer)
        .amount(stripe_amount(amount))
        .customize()
        .request_strategy(stripe::RequestStrategy::Idempotent(
            stripe::IdempotencyKey::new(format!("reversal-{key}"))
                .map_err(|e| format!("idempotency key: {e}"))?,
        ))
        .send(&stripe_client(stripe).map_err(|_| "Stripe client".to_string())?)
        .await
        .map_err(|e| format!("Stripe transfer reversal: {e}"))?;
    Ok(reversal.id.to_string())
}

/// Refunds `amount` of a card-paid order through Stripe (on the checkout's payment
/// intent). The idempotency key names the queued refund (`<order>-<n>`), so a retry
/// after a failure on our side never refunds twice.
async fn stripe_refund(
    stripe: &StripeSettings,
    payment_intent: &str,
    key: &str,
    amount: Money,
) -> Result<String, String> {
    use stripe_core::refund::CreateRefund;
    let refund = CreateRefund::new()
        .payment_intent(payment_intent)
        .amount(stripe_amount(amount))
        .customize()
        .request_strategy(stripe::RequestStrategy::Idempotent(
            stripe::IdempotencyKey::new(format!("refund-{key}"))
                .map_err(|e| format!("idempotency key: {e}"))?,
        ))
        .send(&stripe_client(stripe).map_err(|_| "Stripe client".to_string())?)
        .await
        .map_err(|e| format!("Stripe refund: {e}"))?;
    Ok(refund.id.to_string())
}
