//! Payment queries (server only): webhook deliveries, card fingerprints, payment
//! intents, sellers' transfers and Connect accounts.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{is_already_exists, key_of, Db};

const RECORD_DELIVERY: &str = "CREATE $id SET kind = $kind, received_at = $now";

/// Records a webhook delivery by its event id; a delivery seen before is no error.
pub async fn record_delivery(
    db: &Db,
    event: RecordId,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let mut res = db
        .query(RECORD_DELIVERY)
        .bind(("id", event))
        .bind(("kind", kind.to_string()))
        .bind(("now", now))
        .await?;
    ignore_existing(&mut res)
}

const EXISTS: &str = "RETURN record::exists($id)";

/// Whether the record exists.
pub async fn exists(db: &Db, id: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = db.query(EXISTS).bind(("id", id.clone())).await?.check()?;
    let v: Option<bool> = res.take(0)?;
    Ok(v.unwrap_or(false))
}

const SET_CARD_FINGERPRINT: &str =
    "UPDATE payment SET fingerprint = $fp WHERE checkout = $checkout";

/// Stores the paying card's fingerprint on the checkout's payments.
pub async fn set_card_fingerprint(
    db: &Db,
    checkout: &RecordId,
    fingerprint: &str,
) -> Result<(), surrealdb::Error> {
    db.query(SET_CARD_FINGERPRINT)
        .bind(("fp", fingerprint.to_string()))
        .bind(("checkout", checkout.clone()))
        .await?
        .check()?;
    Ok(())
}

const MARK_CHECKOUT_PAID: &str =
    "UPDATE payment SET external_id = $pi WHERE checkout = $checkout AND external_id = NONE; \
         UPDATE $checkout SET status = 'paid' WHERE status = 'awaiting_payment'";

/// The checkout is paid through `payment_intent`.
pub async fn mark_checkout_paid(
    db: &Db,
    checkout: &RecordId,
    payment_intent: Option<&str>,
) -> Result<(), surrealdb::Error> {
    db.query(MARK_CHECKOUT_PAID)
        .bind(("pi", payment_intent.map(str::to_string)))
        .bind(("checkout", checkout.clone()))
        .await?
        .check()?;
    Ok(())
}

const SET_CHECKOUT_SESSION: &str =
    "UPDATE $id SET external_session = $stripe_session, reservation_expires_at = $expires";

/// The checkout's Stripe Checkout Session, and its reservation running until the
/// session expires.
pub async fn set_checkout_session(
    db: &Db,
    checkout: &RecordId,
    session: &str,
    expires: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(SET_CHECKOUT_SESSION)
        .bind(("id", checkout.clone()))
        .bind(("stripe_session", session.to_string()))
        .bind(("expires", expires))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
pub struct PendingTransfer {
    pub id: RecordId,
    pub amount_minor: i64,
    pub currency: String,
    pub transfer_group: String,
    pub account: Option<String>,
}

const PENDING_TRANSFERS: &str =
    "SELECT id, amount_minor, currency, transfer_group, shop.stripe_account AS account \
             FROM transfer WHERE transfer_group = $group AND status = 'pending'";

/// The checkout's transfers not sent yet, with the shops' Connect accounts.
pub async fn pending_transfers(
    db: &Db,
    checkout: &RecordId,
) -> Result<Vec<PendingTransfer>, surrealdb::Error> {
    let mut res = db
        .query(PENDING_TRANSFERS)
        .bind(("group", key_of(checkout)))
        .await?
        .check()?;
    res.take(0)
}

const CLAIM_TRANSFER: &str =
    "UPDATE $id SET status = 'sending' WHERE status = 'pending' RETURN VALUE id";

/// Claims a pending transfer for sending (`pending` → `sending`); false if another
/// request claimed it first.
pub async fn claim_transfer(db: &Db, id: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut claim = db
        .query(CLAIM_TRANSFER)
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let claimed: Vec<RecordId> = claim.take(0)?;
    Ok(!claimed.is_empty())
}

const FINISH_TRANSFER: &str = "UPDATE $id SET status = $status, external_id = $external";

/// How sending a claimed transfer ended.
pub async fn finish_transfer(
    db: &Db,
    id: RecordId,
    status: &str,
    external: Option<String>,
) -> Result<(), surrealdb::Error> {
    db.query(FINISH_TRANSFER)
        .bind(("id", id))
        .bind(("status", status.to_string()))
        .bind(("external", external))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
pub struct ConnectAccount {
    pub stripe_account: Option<String>,
    pub country: Option<String>,
}

const CONNECT_ACCOUNT: &str = "SELECT stripe_account, seller.country AS country FROM $shop";

/// The shop's Connect account and its seller's country.
pub async fn connect_account(
    db: &Db,
    shop: &RecordId,
) -> Result<Option<ConnectAccount>, surrealdb::Error> {
    let mut res = db
        .query(CONNECT_ACCOUNT)
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let rows: Vec<ConnectAccount> = res.take(0)?;
    Ok(rows.into_iter().next())
}

const KEEP_CONNECT_ACCOUNT: &str = "UPDATE $shop SET stripe_account = $acct WHERE stripe_account = NONE RETURN VALUE stripe_account;\n\
             SELECT VALUE stripe_account FROM $shop;";

/// Saves a new Connect account unless the shop got one meanwhile; returns the one
/// the shop keeps.
pub async fn keep_connect_account(
    db: &Db,
    shop: &RecordId,
    account: &str,
) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query(KEEP_CONNECT_ACCOUNT)
        .bind(("shop", shop.clone()))
        .bind(("acct", account.to_string()))
        .await?
        .check()?;
    let current: Vec<Option<String>> = res.take(1)?;
    Ok(current.into_iter().flatten().next())
}

const PAYMENT_INTENT_OF: &str = "SELECT VALUE external_id FROM payment WHERE checkout = $checkout AND external_id != NONE LIMIT 1";

/// The payment intent that paid the checkout, if one did.
pub async fn payment_intent_of(
    db: &Db,
    checkout: &RecordId,
) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query(PAYMENT_INTENT_OF)
        .bind(("checkout", checkout.clone()))
        .await?
        .check()?;
    let pis: Vec<String> = res.take(0)?;
    Ok(pis.into_iter().next())
}

/// A statement's "already exists" is expected (replays); any other error is not.
fn ignore_existing(res: &mut surrealdb::IndexedResults) -> Result<(), surrealdb::Error> {
    match res.take_errors().into_values().next() {
        Some(e) if !is_already_exists(&e) => Err(e),
        _ => Ok(()),
    }
}

// ----------------------------------------------------------------------------
// Card refunds (queued with the ledger's refund, see `sellers::money_store::refund_write`)

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
}

const CLAIM_CARD_REFUNDS: &str =
    "UPDATE card_refund SET status = 'sending', attempts += 1, updated_at = $now \
       WHERE status = 'pending' OR (status = 'sending' AND updated_at < $stale) \
       RETURN id, shop_order, checkout, amount_minor, reverse_minor, currency, external_id";

/// Claims the card refunds to send: those waiting, and those a sender left half-way
/// (claimed before `stale`, by a request that failed or a server that stopped). Each
/// is sent with its id as idempotency key, so a second attempt never refunds twice.
pub async fn claim_card_refunds(
    db: &Db,
    now: DateTime<Utc>,
    stale: DateTime<Utc>,
) -> Result<Vec<CardRefundRow>, surrealdb::Error> {
    let mut res = db
        .query(CLAIM_CARD_REFUNDS)
        .bind(("now", now))
        .bind(("stale", stale))
        .await?
        .check()?;
    res.take(0)
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
    "UPDATE $id SET status = 'done', reversal_id = $reversal, updated_at = $now;\n\
     IF $reversal != NONE {\n\
       LET $t = type::record('transfer', record::id($id.shop_order));\n\
       UPDATE $t SET reversed_minor = (reversed_minor ?? 0) + $id.reverse_minor;\n\
       UPDATE $t SET status = 'reversed' WHERE reversed_minor >= amount_minor;\n\
     };";

/// The refund is finished: the buyer has it and the shop's share is taken back (a
/// transfer reversed in whole is marked `reversed`).
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

const CARD_REFUND_AGAIN: &str = "UPDATE $id SET status = 'pending', updated_at = $now";

/// Sending failed: the refund waits for the next attempt.
pub async fn card_refund_again(
    db: &Db,
    id: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(CARD_REFUND_AGAIN)
        .bind(("id", id.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// Where the shop's transfer of an order stands when a refund takes its share back.
#[derive(SurrealValue)]
pub struct TransferState {
    pub status: Option<String>,
    pub external_id: Option<String>,
}

const TAKE_FROM_TRANSFER: &str = "LET $t = type::record('transfer', record::id($order));\n\
     IF $t.status = 'pending' {\n\
       UPDATE $t SET amount_minor = math::max([0, amount_minor - $n]);\n\
       UPDATE $t SET status = 'cancelled' WHERE amount_minor = 0;\n\
     };\n\
     SELECT status, external_id FROM ONLY $t;";

/// Takes `n` off the order's transfer if it has not been sent (a transfer left at
/// nothing is cancelled); returns the transfer as it stands (sent: the share must be
/// reversed at the provider).
pub async fn take_from_transfer(
    db: &Db,
    order: &RecordId,
    n: i64,
) -> Result<TransferState, surrealdb::Error> {
    let mut res = db
        .query(TAKE_FROM_TRANSFER)
        .bind(("order", order.clone()))
        .bind(("n", n))
        .await?
        .check()?;
    let t: Option<TransferState> = res.take(2)?;
    Ok(t.unwrap_or(TransferState {
        status: None,
        external_id: None,
    }))
}

const LATE_PAYMENT: &str = "LET $id = type::record('card_refund', record::id($order) + '-late');\n\
     IF !record::exists($id) {\n\
       CREATE $id SET shop_order = $order, checkout = $checkout, amount_minor = $n, reverse_minor = 0, \
         currency = $currency, status = 'pending', attempts = 0, created_at = $now, updated_at = $now;\n\
       UPDATE $order SET payment_status = 'refunded', refunded_minor = $n, updated_at = $now;\n\
       UPDATE payment SET status = 'refunded' WHERE shop_order = $order;\n\
     };";

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
    db.query(LATE_PAYMENT)
        .bind(("order", order.clone()))
        .bind(("checkout", checkout.clone()))
        .bind(("n", n))
        .bind(("currency", currency.to_string()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const MARK_ORDER_REFUNDED: &str = "IF $order.payment_status != 'refunded' {\n\
       UPDATE $order SET payment_status = 'refunded', updated_at = $now;\n\
       UPDATE payment SET status = 'refunded' WHERE shop_order = $order;\n\
       CREATE order_event SET shop_order = $order, kind = $refund_kind, at = $now;\n\
     };\n";

/// The statements marking `$order` (bound by the transaction) and its payment
/// refunded, with a timeline entry of `kind`, unless it is refunded already.
pub fn mark_order_refunded(kind: &str) -> crate::db::Stmts {
    let mut s = crate::db::Stmts::new();
    s.bind("refund_kind", kind.to_string())
        .sql(MARK_ORDER_REFUNDED);
    s
}

const ORDERS_OF_PAYMENT_INTENT: &str =
    "SELECT VALUE shop_order FROM payment WHERE external_id = $pi AND shop_order != NONE";

/// The orders paid through `payment_intent`.
pub async fn orders_of_payment_intent(
    db: &Db,
    payment_intent: &str,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(ORDERS_OF_PAYMENT_INTENT)
        .bind(("pi", payment_intent.to_string()))
        .await?
        .check()?;
    res.take(0)
}
