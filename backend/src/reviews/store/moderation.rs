//! Moderators' reviews: the held and reported ones, their open reports, and the
//! decision (with its rating delta, audit entry and the author's notice).

use chrono::{DateTime, Utc};
use domain::review::Aggregate;
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::{bind_delta, APPLY_DELTA};
use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::Rendered;

/// A review as the moderation page lists it.
#[derive(SurrealValue)]
pub struct ModRow {
    pub id: RecordId,
    pub product: RecordId,
    pub product_title: Option<String>,
    pub shop_name: Option<String>,
    pub status: String,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub author_name: String,
    pub flags: Vec<String>,
    pub photos: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// The oldest held reviews.
pub const HELD_REVIEWS: &str = "SELECT id, product, product.title_en AS product_title, shop.name AS shop_name, status, rating, title, body, \
               author_name, flags, photos, created_at \
             FROM review WHERE status = 'held' ORDER BY created_at LIMIT 100";
/// The oldest published reviews with reports.
pub const REPORTED_REVIEWS: &str = "SELECT id, product, product.title_en AS product_title, shop.name AS shop_name, status, rating, title, body, \
               author_name, flags, photos, created_at \
             FROM review WHERE reports > 0 AND status = 'published' ORDER BY created_at LIMIT 100";

/// Reads the oldest 100 held reviews and the oldest 100 published reviews with
/// reports: (held, reported).
pub async fn held_and_reported(db: &Db) -> Result<(Vec<ModRow>, Vec<ModRow>), surrealdb::Error> {
    let mut res = db
        .query(format!("{HELD_REVIEWS};\n{REPORTED_REVIEWS};"))
        .await?
        .check()?;
    let held: Vec<ModRow> = res.take(0)?;
    let reported: Vec<ModRow> = res.take(1)?;
    Ok((held, reported))
}

/// One open report of a review.
#[derive(SurrealValue)]
pub struct OpenReportRow {
    pub review: RecordId,
    pub reason: String,
}

/// The open reports of the reviews `$ids`.
pub const OPEN_REPORTS: &str =
    "SELECT review, reason FROM review_report WHERE review IN $ids AND status = 'open'";

/// Reads the open reports of these reviews.
pub async fn open_reports_of(
    db: &Db,
    reviews: Vec<RecordId>,
) -> Result<Vec<OpenReportRow>, surrealdb::Error> {
    let mut res = db
        .query(OPEN_REPORTS)
        .bind(("ids", reviews))
        .await?
        .check()?;
    res.take(0)
}

/// A review as a moderator's decision needs it.
#[derive(SurrealValue)]
pub struct DecisionRow {
    pub id: RecordId,
    pub status: String,
    pub rating: i64,
    pub has_photos: bool,
    pub reports: i64,
    pub product: RecordId,
    pub shop: RecordId,
    pub author: RecordId,
}

const DECISION_ROW: &str =
    "SELECT id, status, rating, has_photos, reports, product, shop, author FROM $r";

/// Reads the review a moderator decides on (`None`: no such review).
pub async fn review_to_decide(
    db: &Db,
    review: RecordId,
) -> Result<Option<DecisionRow>, surrealdb::Error> {
    let mut res = db.query(DECISION_ROW).bind(("r", review)).await?.check()?;
    let rows: Vec<DecisionRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A moderator's decision on a review.
pub struct Decision {
    /// Added to the product's and the shop's ratings.
    pub delta: Aggregate,
    pub review: RecordId,
    /// The status the decision was made on.
    pub was: String,
    pub status: String,
    pub reason: String,
    pub actor: RecordId,
    pub author: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub keep: bool,
    /// The author's removal notice (sent unless the review is kept).
    pub mail: Rendered,
    pub audit: Audit,
}

const DECIDE: &str = "UPDATE $r SET status = $status, reports = 0, decided_by = $actor, decided_reason = IF $keep { NONE } ELSE { $reason };\n\
             UPDATE review_report SET status = 'closed' WHERE review = $r AND status = 'open'";

const REMOVAL_NOTICE: &str = "IF !$keep { CREATE outbox SET recipient = $author, kind = $mail.kind, subject = $mail.subject, \
             body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now }";

/// Sets the review's status and closes its open reports, refused
/// ([`Refusal::AlreadyDecided`]) if its status changed since it was read; applies the
/// rating delta, writes the audit entry and, on removal, notifies the author.
pub fn decide_review(d: Decision) -> Stmts {
    let mut v = Variables::new();
    bind_delta(&mut v, d.delta);
    v.insert("r", d.review);
    v.insert("was", d.was);
    v.insert("status", d.status);
    v.insert("reason", d.reason);
    v.insert("actor", d.actor);
    v.insert("author", d.author);
    v.insert("product", d.product);
    v.insert("shop", d.shop);
    v.insert("keep", d.keep);
    v.insert("mail", d.mail);
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("$r.status != $was", Refusal::AlreadyDecided)
        .sql(DECIDE)
        .sql(APPLY_DELTA)
        .audit(d.audit)
        .sql(REMOVAL_NOTICE);
    s
}
