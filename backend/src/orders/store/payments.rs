//! Payment queries (server only): webhook deliveries, card fingerprints, payment
//! intents, sellers' transfers and Connect accounts.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{is_already_exists, key_of, Db};

mod card_refunds;
pub use self::card_refunds::*;

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
