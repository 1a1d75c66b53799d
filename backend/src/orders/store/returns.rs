//! An order's return request: opening it inside the order's transition, each later
//! step (guarded by the status it starts from), and reading it.

use chrono::{DateTime, Utc};
use surrealdb::types::{Object, RecordId, SurrealValue, Variables};

use crate::db::{Refusal, Stmts};

/// One order line coming back, as stored on the return.
#[derive(Clone, Debug, PartialEq, Eq, SurrealValue)]
pub struct ReturnLineRow {
    /// The order line's key.
    pub line: String,
    pub quantity: i64,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ReturnRow {
    pub kind: String,
    pub reason: String,
    pub body: String,
    pub photos: Vec<String>,
    pub status: String,
    pub lines: Vec<ReturnLineRow>,
    pub postage_payer: String,
    pub respond_by: Option<DateTime<Utc>>,
    pub refusal: Option<String>,
    pub return_carrier: Option<String>,
    pub return_tracking: Option<String>,
    pub receive_by: Option<DateTime<Utc>>,
    pub claim_until: Option<DateTime<Utc>>,
    pub refund_minor: Option<i64>,
    pub restocked: Option<bool>,
    pub created_at: DateTime<Utc>,
}

pub fn return_id(order: &RecordId) -> RecordId {
    RecordId::new("return_request", crate::db::key_of(order))
}

const RETURN_REQUEST: &str = "SELECT kind, reason, body, photos, status, lines ?? [] AS lines, \
     postage_payer ?? 'seller' AS postage_payer, respond_by, refusal, return_carrier, return_tracking, \
     receive_by, claim_until, refund_minor, restocked, created_at FROM $id";

pub async fn return_request(
    db: &crate::db::Db,
    order: &RecordId,
) -> Result<Option<ReturnRow>, surrealdb::Error> {
    let mut res = db
        .query(RETURN_REQUEST)
        .bind(("id", return_id(order)))
        .await?
        .check()?;
    let rows: Vec<ReturnRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A new return request: who asks, what comes back, why, and by when the seller answers.
pub struct NewReturn {
    pub buyer: RecordId,
    pub shop: RecordId,
    pub reason: String,
    pub details: String,
    pub photos: Vec<String>,
    pub lines: Vec<ReturnLineRow>,
    pub postage_payer: &'static str,
    pub respond_by: DateTime<Utc>,
}

const OPEN_RETURN: &str =
    "CREATE $ret SET shop_order = $order, buyer = $buyer, shop = $shop, kind = 'return', \
     reason = $reason, body = $details, photos = $photos, lines = $lines, postage_payer = $payer, \
     respond_by = $respond_by, status = 'requested', created_at = $now, updated_at = $now";

/// Opens the order's return request (inside the order's transition); a second one is
/// refused.
pub fn open_return(r: NewReturn, order: &RecordId) -> Stmts {
    let mut s = Stmts::new();
    s.bind("ret", return_id(order))
        .bind("buyer", r.buyer)
        .bind("shop", r.shop)
        .bind("reason", r.reason)
        .bind("details", r.details)
        .bind("photos", r.photos)
        .bind("lines", r.lines)
        .bind("payer", r.postage_payer.to_string())
        .bind("respond_by", r.respond_by)
        // the deterministic id makes a second request fail inside the transaction
        .refuse_if("record::exists($ret)", Refusal::AlreadyExists)
        .sql(OPEN_RETURN);
    s
}

/// What a step of a return sets besides its status (only those given are written).
#[derive(Debug, Default)]
pub struct ReturnPatch(Variables);

impl ReturnPatch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Refused for `reason`; the buyer may claim until `claim_until`.
    pub fn refusal(mut self, reason: String, claim_until: DateTime<Utc>) -> Self {
        self.0.insert("refusal", reason);
        self.0.insert("claim_until", claim_until);
        self
    }

    pub fn shipped_back(
        mut self,
        carrier: String,
        tracking: String,
        at: DateTime<Utc>,
        receive_by: DateTime<Utc>,
    ) -> Self {
        self.0.insert("return_carrier", carrier);
        self.0.insert("return_tracking", tracking);
        self.0.insert("shipped_back_at", at);
        self.0.insert("receive_by", receive_by);
        self
    }

    pub fn received(mut self, at: DateTime<Utc>, refund_minor: i64, restocked: bool) -> Self {
        self.0.insert("received_at", at);
        self.0.insert("refund_minor", refund_minor);
        self.0.insert("restocked", restocked);
        self
    }
}

const STEP: &str = "LET $changed = (UPDATE $ret MERGE $set WHERE status = $from RETURN VALUE id)";

/// Moves the order's return from `from` to `to` at `now` (inside the order's
/// transition); refused when it is no longer at `from` (answered or moved on meanwhile).
pub fn return_step(
    order: &RecordId,
    from: &str,
    to: &str,
    patch: ReturnPatch,
    now: DateTime<Utc>,
) -> Stmts {
    let mut set = patch.0;
    set.insert("status", to.to_string());
    set.insert("updated_at", now);
    let mut s = Stmts::new();
    s.bind("ret", return_id(order))
        .bind("from", from.to_string())
        .bind("set", Object::from(set))
        .sql(STEP)
        .refuse_if("array::len($changed) = 0", Refusal::WrongState);
    s
}
