//! Payment providers (server only). Offline payments are marked received by the
//! seller (see `imp::mark_paid`); Stripe payments arrive as signed webhooks,
//! handled here idempotently.

use domain::{Currency, Money};
use stripe::StripeRequest;
use surrealdb::types::RecordId;

mod refunds;

pub use self::refunds::send_card_refunds;
use super::imp::{mark_paid_row, release_checkout};
use super::{payment_store, store};
use crate::error::{internal, AppError};
use crate::state::{key_of, AppState, StripeSettings};

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
    if payment_store::exists(&state.db, &event_id).await? {
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
        "charge.succeeded" => record_card_fingerprint(state, object).await?,
        _ => WebhookOutcome::Ignored,
    };
    // Recorded after the work: every step above is conditional on state, so a
    // concurrent duplicate delivery is harmless, and a failed one can be retried.
    payment_store::record_delivery(&state.db, event_id, kind, state.now()).await?;
    Ok(outcome)
}

/// The card's fingerprint (the same card gives the same value across accounts) on the
/// checkout's payment, for the review checks' linked-account rule. The charge names our
/// checkout through its transfer group.
async fn record_card_fingerprint(
    state: &AppState,
    charge: &serde_json::Value,
) -> Result<WebhookOutcome, WebhookError> {
    let key = charge["transfer_group"]
        .as_str()
        .filter(|k| crate::state::is_record_key(k));
    let fp = charge["payment_method_details"]["card"]["fingerprint"]
        .as_str()
        .filter(|f| !f.is_empty() && f.len() <= 64);
    let (Some(key), Some(fp)) = (key, fp) else {
        return Ok(WebhookOutcome::Ignored);
    };
    payment_store::set_card_fingerprint(&state.db, &RecordId::new("checkout", key), fp).await?;
    // other areas react (a sharing reward whose sharer paid with the same card is held)
    state
        .listeners
        .card_seen(state, &RecordId::new("checkout", key))
        .await?;
    Ok(WebhookOutcome::Processed)
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

/// Payment for a whole checkout arrived: every order is paid (stock leaves the shelf;
/// the shop's ledger posts the sale and, with it, the shop's transfer in the checkout's
/// transfer group), then the pending transfers are sent.
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
    payment_store::mark_checkout_paid(&state.db, checkout, payment_intent).await?;
    // an order cancelled before the payment arrived (its reservation ran out) gives
    // the money back (marking the others paid left these as they were)
    for row in &orders {
        if row.status == "cancelled" && row.payment_status == "cancelled" {
            payment_store::refund_late_payment(
                &state.db,
                &row.id,
                checkout,
                row.to_pay_minor(),
                &row.currency,
                state.now(),
            )
            .await?;
        }
    }
    send_transfers(state, checkout).await?;
    send_card_refunds(state).await;
    Ok(())
}

/// A charge refunded at Stripe (from its dashboard, or the echo of our own refunds).
/// Refunded in full: each order paid through it is marked refunded and the order
/// listeners run — the shop's ledger gives back what is left of the sale (nothing is
/// sent back to Stripe; the shop's transfer share is taken back), rewards are
/// reversed, credit returned. Then, in full or in part, what Stripe has refunded is
/// compared with what the orders' refunds hold: a refund we did not record (part of a
/// several-shop payment refunded in the dashboard) raises an alert for an admin to
/// attribute (see [`payment_store::reconcile_refunds`]).
async fn refund_payment(state: &AppState, charge: &serde_json::Value) -> Result<(), AppError> {
    let Some(pi) = charge["payment_intent"].as_str() else {
        return Err(internal("charge.refunded", "no payment_intent"));
    };
    let amount = charge["amount"].as_i64().unwrap_or(0);
    let refunded = charge["amount_refunded"].as_i64().unwrap_or(0).max(0);
    let fully = charge["refunded"].as_bool().unwrap_or(false) || (amount > 0 && refunded >= amount);
    if fully {
        for order in payment_store::orders_of_payment_intent(&state.db, pi).await? {
            let now = state.now();
            let mut tx = backend::db::Tx::new();
            tx.bind("now", now).bind("order", order.clone());
            tx.add(payment_store::charge_refunded_entry(
                domain::order::OrderEvent::ChargeRefunded.as_str(),
            ));
            let change = crate::events::OrderChange {
                order,
                event: domain::order::OrderEvent::ChargeRefunded,
                now,
            };
            state
                .listeners
                .order_changed(&state.db, &change, &mut tx)
                .await?;
            // a refusal means a refund of it was recorded meanwhile: the next delivery sees it
            let _ = tx.run(&state.db).await?;
        }
    }
    if let Some(currency) = payment_store::intent_currency(&state.db, pi).await? {
        let currency = Currency::parse(&currency).unwrap_or_default();
        let provider = from_stripe_amount(refunded, currency);
        payment_store::reconcile_refunds(&state.db, pi, provider, state.now()).await?;
    }
    send_card_refunds(state).await;
    Ok(())
}

fn stripe_client(stripe: &StripeSettings) -> Result<stripe::Client, AppError> {
    stripe::ClientBuilder::new(stripe.secret_key.clone())
        .url(stripe.api_base.clone())
        .build()
        .map_err(|e| internal("stripe client", e))
}

/// Stripe's amount for one of ours: Stripe counts TWD in cents although it is
/// shown without decimals (Stripe's "special case" currencies); others match.
pub fn stripe_amount(m: Money) -> i64 {
    match m.currency {
        Currency::TWD => m.amount_minor * 100,
        _ => m.amount_minor,
    }
}

/// One of ours for Stripe's amount (the inverse of [`stripe_amount`]).
pub fn from_stripe_amount(n: i64, c: Currency) -> i64 {
    match c {
        Currency::TWD => n / 100,
        _ => n,
    }
}

fn stripe_currency(c: Currency) -> stripe_types::Currency {
    c.code()
        .to_ascii_lowercase()
        .parse()
        .unwrap_or(stripe_types::Currency::USD)
}

/// The currency every order of a Stripe checkout must share: one Checkout Session
/// charges one currency.
pub fn single_currency(currencies: &[Currency]) -> Option<Currency> {
    let first = *currencies.first()?;
    currencies.iter().all(|c| *c == first).then_some(first)
}

/// The Checkout Session's lines for a checkout's orders: each order's goods (one line
/// at what is left when a promotion, welcome discount or store credit applies, since
/// Stripe has no negative line) and its shipping.
async fn session_line_items(
    state: &AppState,
    orders: &[store::OrderRow],
) -> Result<Vec<stripe_checkout::checkout_session::CreateCheckoutSessionLineItems>, AppError> {
    use stripe_checkout::checkout_session::{
        CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData, ProductData,
    };
    let mut items = Vec::new();
    for order in orders {
        let currency = Currency::parse(&order.currency).unwrap_or_default();
        let price = |name: String, amount: i64| CreateCheckoutSessionLineItemsPriceData {
            product_data: Some(ProductData::new(name)),
            unit_amount: Some(stripe_amount(Money::new(amount, currency))),
            ..CreateCheckoutSessionLineItemsPriceData::new(stripe_currency(currency))
        };
        let off = order.promotions_minor();
        let goods = order.subtotal_minor - off - order.credit_minor - order.welcome_minor;
        if off > 0 || order.credit_minor > 0 || order.welcome_minor > 0 {
            // Stripe has no negative line: a promoted order (or one paid partly with store
            // credit) is one line at what is left of its goods
            if goods > 0 {
                items.push(CreateCheckoutSessionLineItems {
                    price_data: Some(price(
                        format!(
                            "{} · {} ({})",
                            order.number,
                            order.shop_name.clone().unwrap_or_default(),
                            order.promotion_title.clone().unwrap_or_default()
                        ),
                        goods,
                    )),
                    quantity: Some(1),
                    ..Default::default()
                });
            }
        } else {
            for line in store::lines(&state.db, &order.id).await? {
                items.push(CreateCheckoutSessionLineItems {
                    price_data: Some(price(line.title.clone(), line.unit_price_minor)),
                    quantity: Some(line.quantity.max(1) as u64),
                    ..Default::default()
                });
            }
        }
        if order.shipping_minor > 0 {
            items.push(CreateCheckoutSessionLineItems {
                price_data: Some(price(
                    format!(
                        "{} · {}",
                        order.shipping_method,
                        order.shop_name.clone().unwrap_or_default()
                    ),
                    order.shipping_minor,
                )),
                quantity: Some(1),
                ..Default::default()
            });
        }
    }
    Ok(items)
}

/// Creates one Stripe Checkout Session for the whole checkout (every seller's
/// order, shipping included), tied to it by `client_reference_id` and to the
/// sellers' later transfers by `transfer_group`; returns the payment page URL.
pub async fn start_stripe_checkout(
    state: &AppState,
    checkout: &RecordId,
    buyer_email: &str,
) -> Result<String, AppError> {
    use stripe_checkout::checkout_session::{
        CreateCheckoutSession, CreateCheckoutSessionPaymentIntentData,
    };
    let stripe = state
        .settings
        .stripe
        .as_ref()
        .ok_or_else(|| internal("stripe", "not configured"))?;
    let key = key_of(checkout);
    let orders = store::orders_of_checkout(&state.db, checkout).await?;
    let items = session_line_items(state, &orders).await?;
    let origin = &state.settings.public_origin;
    // Stripe's shortest session is 30 minutes; the reservation outlives it a little,
    // and `checkout.session.expired` releases the stock as soon as Stripe gives up.
    let expires = state.now() + chrono::Duration::minutes(31);
    let intent = CreateCheckoutSessionPaymentIntentData {
        transfer_group: Some(key.clone()),
        ..CreateCheckoutSessionPaymentIntentData::new()
    };
    let session = CreateCheckoutSession::new()
        .mode(stripe_checkout::CheckoutSessionMode::Payment)
        .client_reference_id(key.clone())
        .customer_email(buyer_email.to_string())
        .metadata([("checkout".to_string(), key.clone())])
        .line_items(items)
        .payment_intent_data(intent)
        .expires_at(expires.timestamp())
        .success_url(format!("{origin}/checkout/done/{key}"))
        .cancel_url(format!("{origin}/cart"))
        .customize()
        .request_strategy(stripe::RequestStrategy::Idempotent(
            stripe::IdempotencyKey::new(format!("checkout-{key}"))
                .map_err(|e| internal("idempotency key", e))?,
        ))
        .send(&stripe_client(stripe)?)
        .await
        .map_err(|e| internal("stripe checkout session", e))?;
    let url = session
        .url
        .clone()
        .ok_or_else(|| internal("stripe checkout session", "no url"))?;
    payment_store::set_checkout_session(
        &state.db,
        checkout,
        session.id.as_ref(),
        expires + chrono::Duration::minutes(5),
    )
    .await?;
    Ok(url)
}

/// Sends the checkout's pending transfers to sellers with a Connect account. Each
/// row is claimed (`pending` → `sending`) before the API call, and the call carries
/// the row id as idempotency key, so replays and races send each transfer once.
async fn send_transfers(state: &AppState, checkout: &RecordId) -> Result<(), AppError> {
    use stripe_connect::transfer::CreateTransfer;
    let Some(stripe) = state.settings.stripe.as_ref() else {
        return Ok(());
    };
    for t in payment_store::pending_transfers(&state.db, checkout).await? {
        let Some(account) = t.account else { continue };
        if !payment_store::claim_transfer(&state.db, &t.id).await? {
            continue;
        }
        let currency = Currency::parse(&t.currency).unwrap_or_default();
        let sent = CreateTransfer::new(stripe_currency(currency), account)
            .amount(stripe_amount(Money::new(t.amount_minor, currency)))
            .transfer_group(t.transfer_group.clone())
            .customize()
            .request_strategy(stripe::RequestStrategy::Idempotent(
                stripe::IdempotencyKey::new(format!("transfer-{}", key_of(&t.id)))
                    .map_err(|e| internal("idempotency key", e))?,
            ))
            .send(&stripe_client(stripe)?)
            .await;
        let (status, external) = match sent {
            Ok(tr) => ("sent", Some(tr.id.to_string())),
            Err(e) => {
                tracing::warn!(error = %e, transfer = %key_of(&t.id), "stripe transfer failed; left pending");
                ("pending", None)
            }
        };
        payment_store::finish_transfer(&state.db, t.id, status, external).await?;
    }
    Ok(())
}

/// Stripe Connect Express onboarding for the caller's shop: creates its Express
/// account once (requesting transfers, so the shop's per-order transfers go there)
/// and returns a fresh onboarding link (links are short-lived; a new one each time).
pub async fn connect_onboarding(
    state: &AppState,
    user: &crate::accounts::session::SessionUser,
) -> Result<String, AppError> {
    use stripe_connect::account::{
        CreateAccount, CreateAccountCapabilities, CreateAccountCapabilitiesTransfers,
        CreateAccountType,
    };
    use stripe_connect::account_link::{CreateAccountLink, CreateAccountLinkType};
    let Some(stripe) = state.settings.stripe.as_ref() else {
        return Err(AppError::NotFound);
    };
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    if shop.status != "approved" {
        return Err(AppError::Forbidden);
    }
    let row = payment_store::connect_account(&state.db, &shop.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let client = stripe_client(stripe)?;
    let account = match row.stripe_account {
        Some(a) => a,
        None => {
            let mut caps = CreateAccountCapabilities::new();
            caps.transfers = Some(CreateAccountCapabilitiesTransfers {
                requested: Some(true),
            });
            let mut create = CreateAccount::new()
                .type_(CreateAccountType::Express)
                .email(user.email.clone())
                .capabilities(caps);
            if let Some(c) = row
                .country
                .as_deref()
                .and_then(domain::onboarding::parse_country)
            {
                create = create.country(c);
            }
            let created = create
                .customize()
                .request_strategy(stripe::RequestStrategy::Idempotent(
                    stripe::IdempotencyKey::new(format!("connect-{}", key_of(&shop.id)))
                        .map_err(|e| internal("idempotency key", e))?,
                ))
                .send(&client)
                .await
                .map_err(|e| internal("create stripe account", e))?;
            let id = created.id.to_string();
            // keep the first account: a concurrent request must not replace it
            payment_store::keep_connect_account(&state.db, &shop.id, &id)
                .await?
                .unwrap_or(id)
        }
    };
    let back = format!(
        "{}/seller/money",
        state.settings.public_origin.trim_end_matches('/')
    );
    let link = CreateAccountLink::new(account, CreateAccountLinkType::AccountOnboarding)
        .refresh_url(back.clone())
        .return_url(back)
        .send(&client)
        .await
        .map_err(|e| internal("create stripe account link", e))?;
    Ok(link.url)
}
