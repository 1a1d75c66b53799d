//! Changing an order's status in one transaction: the status guard, stock, the
//! timeline and outbox (the app adds the listeners' statements); and the parts added
//! to it (payment status, return requests).

use chrono::{DateTime, Utc};
use domain::order::{OrderEvent, OrderStatus};
use surrealdb::types::{RecordId, Variables};

use super::{EventInsert, Mail};
use crate::db::{Refusal, Stmts, Tx};

/// How one stock record changes with an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockChange {
    /// Payment arrived: reserved units leave the shelf.
    Commit,
    /// An unpaid order ended: its reservation is freed.
    Unreserve,
    /// A paid, unshipped order was cancelled: its units go back on the shelf.
    Restock,
}

/// Fields an order change sets besides its status (only those given are written).
#[derive(Debug, Default)]
pub struct OrderPatch(Variables);

impl OrderPatch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn payment_status(mut self, status: &str) -> Self {
        self.0.insert("payment_status", status.to_string());
        self
    }

    pub fn cancel_reason(mut self, reason: String) -> Self {
        self.0.insert("cancel_reason", reason);
        self
    }

    pub fn shipping_address(mut self, address: serde_json::Value) -> Self {
        self.0.insert("shipping_address", address);
        self
    }

    /// Shipped at `at` with this parcel: it counts as delivered at `confirm_by` unless
    /// the buyer confirms sooner.
    pub fn shipment(
        mut self,
        carrier: String,
        tracking: String,
        at: DateTime<Utc>,
        confirm_by: DateTime<Utc>,
    ) -> Self {
        self.0.insert("carrier", carrier);
        self.0.insert("tracking_number", tracking);
        self.0.insert("shipped_at", at);
        self.0.insert("confirm_by", confirm_by);
        self
    }

    /// The seller reported the parcel delivered (the order stays shipped).
    pub fn delivery_reported(mut self, at: DateTime<Utc>) -> Self {
        self.0.insert("delivery_reported_at", at);
        self
    }

    pub fn delivered_at(mut self, at: DateTime<Utc>) -> Self {
        self.0.insert("delivered_at", at);
        self
    }
}

/// One change of an order, applied only if the order is still in one of `from`.
pub struct Transition {
    pub order: RecordId,
    pub event: OrderEvent,
    /// The statuses the change may start from (the domain's state machine says which).
    pub from: Vec<OrderStatus>,
    /// The status it moves the order to, if it moves it.
    pub to: Option<OrderStatus>,
    pub patch: OrderPatch,
    pub stock: Vec<(RecordId, i64, StockChange)>,
    pub note: Option<String>,
    pub actor: Option<RecordId>,
    pub mails: Vec<Mail>,
    /// More of the order area's statements in the same transaction (a return's record,
    /// the payment's status).
    pub extra: Stmts,
    pub now: DateTime<Utc>,
}

// a seller's delivery report is written once: a second one (a double click racing the
// first) moves nothing, so the buyer is not mailed twice
const MOVE_ORDER: &str = "LET $moved = (UPDATE $order MERGE $patch WHERE status IN $from \
     AND ($report = false OR delivery_reported_at = NONE) RETURN VALUE id)";

const STOCK_COMMIT: &str = "UPDATE $stock SET on_hand -= $n, reserved -= $n, updated_at = $now";

const STOCK_UNRESERVE: &str = "UPDATE $stock SET reserved -= $n, updated_at = $now";

const STOCK_RESTOCK: &str = "UPDATE $stock SET on_hand += $n, updated_at = $now";

const RECORD_EVENT: &str = "CREATE order_event CONTENT $event; INSERT INTO outbox $mails";

/// The transaction that applies `t`: the status guard, stock, the timeline, outbox and
/// `t.extra`. The app adds every order listener's statements (ledger postings, sharing
/// rewards) to it and runs it.
pub fn transition_tx(t: Transition) -> Tx {
    let mut tx = Tx::new();
    tx.bind("now", t.now).bind("order", t.order.clone());
    let mut patch = t.patch.0;
    let report = patch.get("delivery_reported_at").is_some();
    if let Some(to) = t.to {
        patch.insert("status", to.as_str().to_string());
    }
    patch.insert("updated_at", t.now);
    let mut s = Stmts::new();
    s.bind(
        "from",
        t.from
            .iter()
            .map(|f| f.as_str().to_string())
            .collect::<Vec<_>>(),
    )
    .bind("patch", surrealdb::types::Object::from(patch))
    .bind("report", report)
    .sql(MOVE_ORDER)
    .refuse_if("array::len($moved) = 0", Refusal::WrongState);
    tx.add(s);
    for (stock, n, change) in &t.stock {
        let set = match change {
            StockChange::Commit => STOCK_COMMIT,
            StockChange::Unreserve => STOCK_UNRESERVE,
            StockChange::Restock => STOCK_RESTOCK,
        };
        let mut s = Stmts::new();
        s.bind("stock", stock.clone())
            .bind("n", *n)
            .lock(stock.clone())
            .sql(set);
        tx.add(s);
    }
    let event = EventInsert {
        shop_order: t.order.clone(),
        kind: t.event.as_str().into(),
        note: t.note,
        actor: t.actor,
        at: t.now,
    };
    let mut s = Stmts::new();
    s.bind("event", event)
        .bind("mails", t.mails)
        .sql(RECORD_EVENT);
    tx.add(s).add(t.extra);
    tx
}

const COMPLETE: &str = "LET $completed = (UPDATE $order SET status = 'completed', updated_at = $now \
     WHERE status = 'delivered' RETURN VALUE id); \
     IF array::len($completed) > 0 { CREATE order_event SET shop_order = $order, kind = 'completed', at = $now };";

/// Completes `$order` if it is delivered, with its timeline entry (inside the
/// transaction that settles it: an order is complete once its shop is paid out).
pub fn complete_delivered() -> Stmts {
    Stmts::of(COMPLETE)
}

const SET_PAYMENT_STATUS: &str = "UPDATE payment SET status = $status WHERE shop_order = $order";

/// Sets the status of the order's payment records (inside its transition).
pub fn payment_status(status: &str) -> Stmts {
    let mut s = Stmts::new();
    s.bind("status", status.to_string()).sql(SET_PAYMENT_STATUS);
    s
}

const PAYMENT_PAID: &str =
    "UPDATE payment SET status = 'paid', paid_at = $now WHERE shop_order = $order";

/// Records paid payments (inside the order's transition).
pub fn payment_paid() -> Stmts {
    Stmts::of(PAYMENT_PAID)
}
