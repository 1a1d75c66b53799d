//! Card refunds, and the alerts raised where Stripe and the ledger disagree. A card
//! order's refund is queued (`card_refund`, [`QUEUE_CARD_REFUND`]) in the same
//! transaction as the ledger's refund, then sent in batches; one Stripe keeps refusing
//! waits longer between attempts and raises an alert. A refund made at Stripe that no
//! order's refunds account for (one in its dashboard, of part of a several-shop
//! payment) raises an alert with the amount no order holds.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Db, Stmts};

/// The card refunds one run sends at most (the rest wait for the next run).
pub const CARD_REFUND_BATCH: i64 = 20;

/// Failed attempts after which a card refund raises an alert (it is still retried).
pub const REFUSALS_BEFORE_ALERT: i64 = 5;

/// Queues the card refund `$rf_card` of `$rf_order` (paid in `$rf_checkout`): the
/// buyer's money to send `$rf_card_amount` (0 when Stripe refunded it itself:
/// `$rf_by_provider` then) and the shop's share `$rf_reverse` to take back from its
/// transfer.
pub const QUEUE_CARD_REFUND: &str = "CREATE $rf_card SET shop_order = $rf_order, checkout = $rf_checkout, amount_minor = $rf_card_amount, \
       by_provider_minor = $rf_by_provider, reverse_minor = $rf_reverse, currency = $rf_currency, status = 'pending', \
       attempts = 0, created_at = $now, updated_at = $now;\n";

/// `$rf_order` and its payments marked refunded: nothing is left for the buyer.
pub const MARK_REFUNDED: &str =
    "UPDATE $rf_order SET payment_status = 'refunded', updated_at = $now;\n\
     UPDATE payment SET status = 'refunded' WHERE shop_order = $rf_order;\n";

#[derive(SurrealValue)]
pub struct CardRefundRow {
    pub id: RecordId,
    pub shop_order: RecordId,
    pub checkout: RecordId,
    pub amount_minor: i64,
    pub reverse_minor: i64,
    pub currency: String,
    /// The provider's refund, once the buyer has it (the transfer is next).
    pub external_id: Option<String>,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

const CLAIM_CARD_REFUNDS: &str = "LET $due = (SELECT id, created_at FROM card_refund \
       WHERE (status = 'pending' AND (next_at = NONE OR next_at <= $now)) OR (status = 'sending' AND updated_at < $stale) \
       ORDER BY created_at LIMIT $batch);\n\
     UPDATE $due.id SET status = 'sending', attempts += 1, updated_at = $now \
       WHERE status = 'pending' OR (status = 'sending' AND updated_at < $stale) \
       RETURN id, shop_order, checkout, amount_minor, reverse_minor, currency, external_id, attempts;";

/// Claims the next batch of card refunds to send, oldest first: those due (never
/// tried, or their wait after a refusal over), and those a sender left half-way
/// (claimed before `stale`, by a server that stopped). Each is sent with its id as
/// idempotency key, so a second attempt never refunds twice.
pub async fn claim_card_refunds(
    db: &Db,
    now: DateTime<Utc>,
    stale: DateTime<Utc>,
) -> Result<Vec<CardRefundRow>, surrealdb::Error> {
    let mut res = db
        .query(CLAIM_CARD_REFUNDS)
        .bind(("now", now))
        .bind(("stale", stale))
        .bind(("batch", CARD_REFUND_BATCH))
        .await?
        .check()?;
    res.take(1)
}

const CARD_REFUNDED: &str = "UPDATE $id SET external_id = $external, updated_at = $now";

/// The provider has the buyer's refund (its id).
pub async fn card_refunded(
    db: &Db,
    id: &RecordId,
    external: &str,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(CARD_REFUNDED)
        .bind(("id", id.clone()))
        .bind(("external", external.to_string()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const CARD_REFUND_DONE: &str =
    "UPDATE $id SET status = 'done', reversal_id = $reversal, next_at = NONE, updated_at = $now;\n\
     IF $reversal != NONE {\n\
       LET $t = type::record('transfer', record::id($id.shop_order));\n\
       UPDATE $t SET reversed_minor = (reversed_minor ?? 0) + $id.reverse_minor;\n\
       UPDATE $t SET status = 'reversed' WHERE reversed_minor >= amount_minor;\n\
     };\n\
     UPDATE type::record('payment_alert', 'refund-refused-' + record::id($id)) \
       SET status = 'closed', closed_at = $now, updated_at = $now WHERE status = 'open';";

/// The refund is finished: the buyer has it and the shop's share is taken back (a
/// transfer reversed in whole is marked `reversed`); an alert it raised is closed.
pub async fn card_refund_done(
    db: &Db,
    id: &RecordId,
    reversal: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(CARD_REFUND_DONE)
        .bind(("id", id.clone()))
        .bind(("reversal", reversal))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const CARD_REFUND_AGAIN: &str =
    "UPDATE $id SET status = 'pending', next_at = $next, last_error = $error, updated_at = $now;\n\
     IF $id.attempts >= $alert_after {\n\
       UPSERT type::record('payment_alert', 'refund-refused-' + record::id($id)) SET kind = 'refund_refused', \
         checkout = $id.checkout, card_refund = $id, gap_minor = $id.amount_minor, currency = $id.currency, \
         reason = $error, status = 'open', created_at = created_at ?? $now, updated_at = $now, closed_at = NONE;\n\
     };";

/// How long a refund refused `attempts` times waits before the next attempt: one
/// minute, doubling, at most an hour.
pub fn retry_wait(attempts: i64) -> chrono::Duration {
    chrono::Duration::minutes(1i64 << attempts.clamp(1, 7).saturating_sub(1))
        .min(chrono::Duration::hours(1))
}

/// Sending failed (`error`, as the provider said it): the refund waits for its next
/// attempt, and raises an alert once it has been refused [`REFUSALS_BEFORE_ALERT`]
/// times.
pub async fn card_refund_again(
    db: &Db,
    row: &CardRefundRow,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let error: String = error.chars().take(500).collect();
    db.query(CARD_REFUND_AGAIN)
        .bind(("id", row.id.clone()))
        .bind(("next", now + retry_wait(row.attempts)))
        .bind(("error", error))
        .bind(("alert_after", REFUSALS_BEFORE_ALERT))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const RETRY_NOW: &str =
    "UPDATE $alert.card_refund SET next_at = $now WHERE status = 'pending' RETURN VALUE id";

/// An admin asks for a refused refund to be tried now; false when it is not waiting.
pub async fn retry_now(
    db: &Db,
    alert: &RecordId,
    now: DateTime<Utc>,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(RETRY_NOW)
        .bind(("alert", alert.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    let ids: Vec<RecordId> = res.take(0)?;
    Ok(!ids.is_empty())
}

const LATE_PAYMENT: &str = "IF !record::exists($rf_card) {\n\
       UPDATE $rf_order SET refunded_minor = $rf_card_amount;\n";

/// A card payment arrived for an order already cancelled (its reservation ran out
/// first): the whole of it goes back to the buyer, once.
pub async fn refund_late_payment(
    db: &Db,
    order: &RecordId,
    checkout: &RecordId,
    n: i64,
    currency: &str,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let key = format!("{}-late", crate::db::key_of(order));
    db.query(format!(
        "{LATE_PAYMENT}{MARK_REFUNDED}{QUEUE_CARD_REFUND}}};"
    ))
    .bind(("rf_card", RecordId::new("card_refund", key.as_str())))
    .bind(("rf_order", order.clone()))
    .bind(("rf_checkout", checkout.clone()))
    .bind(("rf_card_amount", n))
    .bind(("rf_reverse", 0i64))
    .bind(("rf_currency", currency.to_string()))
    .bind(("now", now))
    .await?
    .check()?;
    Ok(())
}

const CHARGE_REFUNDED_ENTRY: &str = "IF $order.payment_status != 'refunded' {\n\
       CREATE order_event SET shop_order = $order, kind = $refund_kind, at = $now;\n\
     };\n";

/// The timeline entry of a charge Stripe refunded for `$order` (bound by the
/// transaction), unless the order is refunded already; the ledger's refund, with it,
/// marks it refunded.
pub fn charge_refunded_entry(kind: &str) -> Stmts {
    let mut s = Stmts::new();
    s.bind("refund_kind", kind.to_string())
        .sql(CHARGE_REFUNDED_ENTRY);
    s
}

// ----------------------------------------------------------------------------
// Where Stripe and the ledger disagree

const INTENT_CURRENCY: &str =
    "SELECT VALUE currency FROM payment WHERE external_id = $pi AND shop_order != NONE LIMIT 1";

/// The currency of the orders paid through `payment_intent` (none: not ours).
pub async fn intent_currency(
    db: &Db,
    payment_intent: &str,
) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query(INTENT_CURRENCY)
        .bind(("pi", payment_intent.to_string()))
        .await?
        .check()?;
    let c: Vec<String> = res.take(0)?;
    Ok(c.into_iter().next())
}

const RECONCILE: &str = "LET $pays = (SELECT shop_order, checkout, currency FROM payment WHERE external_id = $pi AND shop_order != NONE);\n\
     LET $ours = math::sum((SELECT VALUE amount_minor FROM card_refund WHERE shop_order IN $pays.shop_order AND external_id != NONE)) \
       + math::sum((SELECT VALUE by_provider_minor ?? 0 FROM card_refund WHERE shop_order IN $pays.shop_order));\n\
     LET $a = type::record('payment_alert', 'provider-refund-' + $pi);\n\
     LET $seen = math::max([$a.provider_minor ?? 0, $provider]);\n\
     IF $seen > $ours AND array::len($pays) > 0 {\n\
       UPSERT $a SET kind = 'provider_refund', checkout = $pays[0].checkout, payment_intent = $pi, \
         provider_minor = $seen, ours_minor = $ours, gap_minor = $seen - $ours, currency = $pays[0].currency, \
         status = 'open', created_at = created_at ?? $now, updated_at = $now, closed_at = NONE;\n\
     } ELSE IF record::exists($a) {\n\
       UPDATE $a SET provider_minor = $seen, ours_minor = $ours, gap_minor = 0, status = 'closed', \
         closed_at = closed_at ?? $now, updated_at = $now;\n\
     };";

/// Compares what Stripe says it refunded of `payment_intent` (`provider_minor`, in
/// our minor units; the highest figure seen counts, so a late or repeated webhook
/// changes nothing, and 0 compares the last figure again) with what it should have
/// of ours: the card refunds it confirmed and its own refunds the ledger recorded
/// (refunds recorded but not sent yet do not count). More at Stripe opens (or
/// updates) an alert with the gap; none closes it.
pub async fn reconcile_refunds(
    db: &Db,
    payment_intent: &str,
    provider_minor: i64,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(RECONCILE)
        .bind(("pi", payment_intent.to_string()))
        .bind(("provider", provider_minor))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// An alert as the admin's payments page lists it.
#[derive(SurrealValue)]
pub struct PaymentAlertRow {
    pub id: RecordId,
    pub kind: String,
    pub checkout: RecordId,
    pub payment_intent: Option<String>,
    pub shop_order: Option<RecordId>,
    pub order_number: Option<String>,
    pub provider_minor: i64,
    pub ours_minor: i64,
    pub gap_minor: i64,
    pub currency: String,
    pub reason: Option<String>,
    pub status: String,
    pub attempts: Option<i64>,
    pub next_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// An alert's fields as [`PaymentAlertRow`] reads them.
const ALERT_FIELDS: &str = "id, kind, checkout, payment_intent, card_refund.shop_order AS shop_order, \
       card_refund.shop_order.number AS order_number, provider_minor, ours_minor, gap_minor, currency, \
       reason, status, card_refund.attempts AS attempts, card_refund.next_at AS next_at, updated_at";

/// Alerts in `status` (`open`, `closed`), latest first, at most `limit`.
pub async fn payment_alerts(
    db: &Db,
    status: &str,
    limit: i64,
) -> Result<Vec<PaymentAlertRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ALERT_FIELDS} FROM payment_alert WHERE status = $status ORDER BY updated_at DESC LIMIT $limit"
        ))
        .bind(("status", status.to_string()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// One alert.
pub async fn payment_alert(
    db: &Db,
    id: &RecordId,
) -> Result<Option<PaymentAlertRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ALERT_FIELDS} FROM ONLY $id"))
        .bind(("id", id.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// An order a payment paid, as an admin attributing a refund at Stripe picks it.
#[derive(SurrealValue)]
pub struct PaidOrder {
    pub id: RecordId,
    pub number: String,
    pub shop: String,
    pub paid_minor: i64,
    pub refunded_minor: i64,
}

const PAID_ORDERS: &str =
    "SELECT shop_order AS id, shop_order.number AS number, shop_order.shop.name AS shop, \
       amount_minor AS paid_minor, shop_order.refunded_minor ?? 0 AS refunded_minor \
     FROM payment WHERE external_id = $pi AND shop_order != NONE ORDER BY number";

/// The orders `payment_intent` paid, with what each buyer paid and got back.
pub async fn paid_orders(
    db: &Db,
    payment_intent: &str,
) -> Result<Vec<PaidOrder>, surrealdb::Error> {
    let mut res = db
        .query(PAID_ORDERS)
        .bind(("pi", payment_intent.to_string()))
        .await?
        .check()?;
    res.take(0)
}

const ATTRIBUTE: &str =
    "UPDATE $pa_alert SET gap_minor -= $pa_amount, ours_minor += $pa_amount, updated_at = $now;";

/// `amount` of an open provider-refund alert's gap attributed to an order (the
/// transaction posts the order's refund with it); refused when the alert is closed
/// or holds less than that.
pub fn attribute_stmts(alert: &RecordId, amount: i64) -> Stmts {
    let mut s = Stmts::new();
    s.lock(alert.clone())
        .bind("pa_alert", alert.clone())
        .bind("pa_amount", amount)
        .refuse_if(
            "$pa_alert.kind != 'provider_refund' OR $pa_alert.status != 'open' OR $pa_alert.gap_minor < $pa_amount",
            crate::db::Refusal::WrongState,
        )
        .sql(ATTRIBUTE);
    s
}
