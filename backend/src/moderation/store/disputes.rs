//! The claims moderators decide: the queue, a shop's record of lost claims, and the
//! decision itself (once, recorded as a moderation decision and told to both sides).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::Mail;
use crate::orders::store::{DisputeRow, DISPUTE_FIELDS};

/// The claims waiting for a moderator (oldest first), then those waiting for the
/// seller; or the latest decided ones.
pub async fn disputes(
    db: &Db,
    decided: bool,
    limit: i64,
) -> Result<Vec<DisputeRow>, surrealdb::Error> {
    let one = |status: &str, order: &str| {
        format!(
            "SELECT {DISPUTE_FIELDS} FROM dispute WHERE status = '{status}' \
             ORDER BY created_at {order} LIMIT $n"
        )
    };
    let sql = if decided {
        one("decided", "DESC")
    } else {
        format!(
            "{};\n{}",
            one("under_review", "ASC"),
            one("awaiting_seller", "ASC")
        )
    };
    let mut res = db.query(sql).bind(("n", limit)).await?.check()?;
    let mut rows: Vec<DisputeRow> = res.take(0)?;
    if !decided {
        rows.extend(res.take::<Vec<DisputeRow>>(1)?);
    }
    Ok(rows)
}

const LOST: &str = "SELECT count() AS n FROM dispute WHERE shop = $shop AND decided_at > $since \
     AND outcome IN ['refund', 'partial_refund'] GROUP ALL";

/// How many claims `shop` lost since `since`.
pub async fn lost_disputes(
    db: &Db,
    shop: &RecordId,
    since: DateTime<Utc>,
) -> Result<i64, surrealdb::Error> {
    #[derive(SurrealValue)]
    struct N {
        n: i64,
    }
    let mut res = db
        .query(LOST)
        .bind(("shop", shop.clone()))
        .bind(("since", since))
        .await?
        .check()?;
    let n: Option<N> = res.take(0)?;
    Ok(n.map_or(0, |n| n.n))
}

/// A moderator's decision on a claim.
pub struct DisputeDecision {
    pub dispute: RecordId,
    pub shop: RecordId,
    /// `refund`, `partial_refund` or `close`.
    pub outcome: &'static str,
    pub amount_minor: Option<i64>,
    pub statement: String,
    pub actor: RecordId,
    /// Set when the decision gives a strike (which may then be appealed).
    pub appeal_until: Option<DateTime<Utc>>,
    /// To the buyer and the seller.
    pub mails: Vec<Mail>,
}

const CLOSE: &str = "LET $closed = (UPDATE $dispute SET status = 'decided', outcome = $outcome, \
     amount_minor = $amount, decided_by = $actor, decided_at = $now, updated_at = $now \
     WHERE status IN ['awaiting_seller', 'under_review'] RETURN VALUE id)";
const RECORD: &str = "LET $d = (CREATE moderation_decision SET subject = $subject, shop = $shop, \
     action = $outcome, statement = $statement, decided_by = $actor, at = $now, \
     appeal_until = $appeal_until)[0].id;\n\
     UPDATE $dispute SET decision = $d;\n\
     UPDATE $ret SET status = $ret_status, updated_at = $now \
       WHERE status IN ['requested', 'accepted', 'shipped_back'];\n\
     INSERT INTO outbox $mails";

/// Decides a claim once (refused as already decided otherwise): the decision is
/// recorded (as `$d`, for a strike added after), a return still under way ends (as
/// refunded when the buyer won, else refused: nothing of it is left to do), audited, and
/// both sides are told. Reads `$now`.
pub fn decide_dispute(d: DisputeDecision, audit: Audit) -> Stmts {
    let key = crate::db::key_of(&d.dispute);
    let ret_status = if d.outcome == "close" {
        "refused"
    } else {
        "refunded"
    };
    let mut s = Stmts::new();
    s.bind("subject", format!("dispute:{key}"))
        .bind("ret", RecordId::new("return_request", key))
        .bind("ret_status", ret_status.to_string())
        .bind("dispute", d.dispute)
        .bind("shop", d.shop)
        .bind("outcome", d.outcome.to_string())
        .bind("amount", d.amount_minor)
        .bind("statement", d.statement)
        .bind("actor", d.actor)
        .bind("appeal_until", d.appeal_until)
        .bind("mails", d.mails)
        .sql(CLOSE)
        .refuse_if("array::len($closed) = 0", Refusal::AlreadyDecided)
        .sql(RECORD)
        .audit(audit);
    s
}
