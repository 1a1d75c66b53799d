//! Refunds in the ledger's store: whichever path asks for one, one write (the
//! money given back, the ledger's refund, a card order's refund queued for Stripe).

use domain::ledger::Txn;
use surrealdb::types::{RecordId, Variables};

use super::{write_txn, Meta};
use crate::db::{Refusal, Stmts};
use crate::orders::store::payments::{MARK_REFUNDED, QUEUE_CARD_REFUND};

const REFUND_DAY: &str = "UPSERT type::record('shop_day', [$l_shop_key, $l_day_text]) SET shop = $l_shop, day = $l_day_text, sales_minor = (sales_minor ?? 0) + $l_sales;\n";

/// A refund's ledger transaction and the day's shop sales it takes back.
pub fn refund_sql(txn: &Txn, meta: Meta, v: &mut Variables) -> String {
    let mut sql = write_txn(txn, meta, v);
    sql.push_str(REFUND_DAY);
    sql
}

/// A refund the seller (or an admin) issues, as the order's timeline records it.
pub struct RefundEntry {
    pub note: String,
    pub actor: RecordId,
    pub kind: String,
}

const RECORD_REFUND: &str = "CREATE order_event SET shop_order = $order, kind = $kind, note = $note, actor = $actor, at = $now;";

/// The timeline entry of a refund issued on `$order` (bound by the transaction).
pub fn refund_entry(r: RefundEntry) -> Stmts {
    let mut s = Stmts::new();
    s.bind("note", r.note)
        .bind("actor", r.actor)
        .bind("kind", r.kind)
        .sql(RECORD_REFUND);
    s
}

/// A card order's refund for the payment provider: the buyer's money (0 when the
/// provider refunded it itself) and the shop's share to take back from its transfer.
pub struct CardRefund {
    /// Unique per refund of the order (`<order key>-<n>`): the idempotency key's root.
    pub key: String,
    pub checkout: RecordId,
    pub amount_minor: i64,
    /// What the provider refunded itself (recorded here, nothing to send).
    pub by_provider_minor: i64,
    pub reverse_minor: i64,
}

/// One refund of an order as read: what had been given back and what was left of the
/// sale, and what this refund gives back.
pub struct RefundWrite {
    pub order: RecordId,
    pub currency: String,
    pub refunded_before: i64,
    pub sale_left_before: i64,
    pub to_buyer: i64,
    /// Nothing is left for the buyer after it: the order is marked refunded.
    pub full: bool,
    pub card: Option<CardRefund>,
}

const REFUND_READ_AGAIN: &str = "LET $rf_now_left = math::sum((SELECT VALUE amount_minor FROM ledger_entry WHERE shop_order = $rf_order AND account = 'clearing'))";
const REFUND_CHANGED: &str =
    "$rf_now_left != $rf_left OR ($rf_order.refunded_minor ?? 0) != $rf_was";
const REFUND_MONEY: &str =
    "UPDATE $rf_order SET refunded_minor = (refunded_minor ?? 0) + $rf_back;\n";

/// A refund of an order, whichever path asks for it: refused when the order's refunds
/// or what is left of its sale changed since they were read (a concurrent refund); the
/// money given back recorded on the order (marked refunded when nothing is left); the
/// ledger's refund (`ledger`, its variables in `v`); a card order's refund queued for
/// the provider.
pub fn refund_write(r: RefundWrite, ledger: &str, mut v: Variables) -> Stmts {
    v.insert("rf_order", r.order.clone());
    v.insert("rf_was", r.refunded_before);
    v.insert("rf_left", r.sale_left_before);
    v.insert("rf_back", r.to_buyer);
    v.insert("rf_currency", r.currency);
    let mut s = Stmts::new();
    s.lock(r.order)
        .bind_all(v)
        .sql(REFUND_READ_AGAIN)
        .refuse_if(REFUND_CHANGED, Refusal::WrongState)
        .sql(REFUND_MONEY)
        .sql(ledger);
    if r.full {
        s.sql(MARK_REFUNDED);
    }
    if let Some(c) = r.card {
        s.bind("rf_card", RecordId::new("card_refund", c.key.as_str()))
            .bind("rf_checkout", c.checkout)
            .bind("rf_card_amount", c.amount_minor)
            .bind("rf_reverse", c.reverse_minor)
            .bind("rf_by_provider", c.by_provider_minor)
            .sql(QUEUE_CARD_REFUND);
    }
    s
}
