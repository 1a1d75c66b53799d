//! An order's claim (dispute): opening it and the seller's answer inside the order's
//! transition, the deadline for the answer, and reading it. A moderator's decision is
//! written by the moderation store.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Db, Refusal, Stmts};

/// A claim as the order page and the moderator's case show it.
#[derive(Clone, Debug, SurrealValue)]
pub struct DisputeRow {
    pub id: RecordId,
    pub shop_order: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub statement: String,
    pub status: String,
    pub answer_by: DateTime<Utc>,
    pub seller_statement: Option<String>,
    pub seller_silent: bool,
    pub outcome: Option<String>,
    pub amount_minor: Option<i64>,
    pub decision_statement: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub number: String,
    pub shop_name: Option<String>,
    pub buyer_name: Option<String>,
}

pub fn dispute_id(order: &RecordId) -> RecordId {
    RecordId::new("dispute", crate::db::key_of(order))
}

pub const DISPUTE_FIELDS: &str = "id, shop_order, buyer, shop, statement, status, answer_by, \
     seller_statement, seller_silent, outcome, amount_minor, decision.statement AS decision_statement, \
     decided_at, created_at, shop_order.number AS number, shop.name AS shop_name, \
     buyer.display_name AS buyer_name";

/// The order's claim, if it has one.
pub async fn dispute_of(db: &Db, order: &RecordId) -> Result<Option<DisputeRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {DISPUTE_FIELDS} FROM $id"))
        .bind(("id", dispute_id(order)))
        .await?
        .check()?;
    let rows: Vec<DisputeRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

const OPEN_DISPUTE: &str =
    "CREATE $dispute SET shop_order = $order, buyer = $buyer, shop = $shop, \
     statement = $statement, status = 'awaiting_seller', answer_by = $answer_by, \
     created_at = $now, updated_at = $now";

/// Opens the order's claim (inside the order's transition); a second one is refused.
pub fn open_dispute(
    order: &RecordId,
    buyer: RecordId,
    shop: RecordId,
    statement: String,
    answer_by: DateTime<Utc>,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("dispute", dispute_id(order))
        .bind("buyer", buyer)
        .bind("shop", shop)
        .bind("statement", statement)
        .bind("answer_by", answer_by)
        .refuse_if("record::exists($dispute)", Refusal::AlreadyExists)
        // the shop was paid out: nothing is left to claim from
        .refuse_if("$order.settled_at != NONE", Refusal::WrongState)
        .sql(OPEN_DISPUTE);
    s
}

const ANSWER: &str = "LET $answered = (UPDATE $dispute SET seller_statement = $statement, \
     seller_answered_at = $now, status = 'under_review', updated_at = $now \
     WHERE status = 'awaiting_seller' RETURN VALUE id)";

/// The seller's side of the claim (inside the order's transition): it goes to a
/// moderator. Refused once answered (or past its deadline, when it went anyway).
pub fn answer_dispute(order: &RecordId, statement: String) -> Stmts {
    let mut s = Stmts::new();
    s.bind("dispute", dispute_id(order))
        .bind("statement", statement)
        .sql(ANSWER)
        .refuse_if("array::len($answered) = 0", Refusal::WrongState);
    s
}

/// Claims whose seller did not answer by the deadline (binds `$now`).
pub const CLAIMS_DUE: &str =
    "SELECT VALUE shop_order FROM dispute WHERE status = 'awaiting_seller' AND answer_by < $now LIMIT 200";

pub async fn claims_due(db: &Db, now: DateTime<Utc>) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db.query(CLAIMS_DUE).bind(("now", now)).await?.check()?;
    res.take(0)
}

const SILENT: &str =
    "LET $silent = (UPDATE $dispute SET seller_silent = true, status = 'under_review', \
     updated_at = $now WHERE status = 'awaiting_seller' AND answer_by < $now RETURN VALUE id)";

/// A claim whose seller let the deadline pass goes to a moderator, marked silent
/// (inside the order's transition; refused when answered meanwhile).
pub fn seller_silent(order: &RecordId) -> Stmts {
    let mut s = Stmts::new();
    s.bind("dispute", dispute_id(order))
        .sql(SILENT)
        .refuse_if("array::len($silent) = 0", Refusal::WrongState);
    s
}
