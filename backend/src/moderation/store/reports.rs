//! Shoppers' reports of listings.

use chrono::{DateTime, Utc};
use domain::listing::{ListingStatus, Lock};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Audit, Db, Refusal, Stmts};

/// A listing as a shopper reporting it sees it: its shop, the shop's owner and status.
#[derive(SurrealValue)]
pub struct ListingToReport {
    pub shop: RecordId,
    pub owner: Option<RecordId>,
    pub status: String,
}

/// Reads a listing's shop, shop owner and status (`None` when there is no such listing).
pub async fn listing_to_report(
    db: &Db,
    product: &RecordId,
) -> Result<Option<ListingToReport>, surrealdb::Error> {
    let mut res = db
        .query("SELECT shop, shop.owner AS owner, status FROM $p")
        .bind(("p", product.clone()))
        .await?
        .check()?;
    let rows: Vec<ListingToReport> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Whether the shopper has already reported the listing.
pub async fn already_reported(
    db: &Db,
    product: &RecordId,
    user: &RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE id FROM listing_report WHERE product = $p AND reporter = $user LIMIT 1",
        )
        .bind(("p", product.clone()))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    let already: Vec<RecordId> = res.take(0)?;
    Ok(!already.is_empty())
}

/// Files a shopper's report of a listing.
pub fn file_report(
    product: RecordId,
    shop: RecordId,
    reporter: RecordId,
    reason: &str,
    text: &str,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("p", product)
        .bind("shop", shop)
        .bind("user", reporter)
        .bind("reason", reason.to_string())
        .bind("text", text.to_string())
        .sql("CREATE listing_report SET product = $p, shop = $shop, reporter = $user, reason = $reason, text = $text, status = 'open', created_at = $now")
        .audit(audit);
    s
}

/// An open report with its listing's title and shop name.
#[derive(SurrealValue)]
pub struct OpenReportRow {
    pub id: RecordId,
    pub product: RecordId,
    pub reason: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub title: Option<String>,
    pub shop_name: Option<String>,
}

/// Reads the oldest 100 open reports, oldest first.
pub async fn open_reports(db: &Db) -> Result<Vec<OpenReportRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, product, reason, text, created_at, product.title_en AS title, shop.name AS shop_name \
             FROM listing_report WHERE status = 'open' ORDER BY created_at LIMIT 100",
        )
        .await?
        .check()?;
    res.take(0)
}

/// Reads the listing a report is about (`None` when there is no such report).
pub async fn reported_listing(
    db: &Db,
    report: &RecordId,
) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE product FROM ONLY $r")
        .bind(("r", report.clone()))
        .await?
        .check()?;
    res.take(0)
}

const READ_REPORT: &str = "LET $rep = (SELECT * FROM ONLY $r)";
const REPORT_DECIDED: &str = "$rep = NONE OR $rep.status != 'open'";
const HOLD_FOR_REVIEW: &str = "LET $product = $rep.product;\n\
     UPDATE listing_report SET status = 'actioned' WHERE product = $product AND status = 'open';\n\
     UPSERT type::record('screening_case', record::id($product)) SET product = $product, shop = $rep.shop, \
       score = 100, verdict = 'hold', reasons = [string::concat('shopper_report:', $rep.reason)], kinds = ['shopper_report'], \
       brands = [], status = 'open', decision = NONE, created_at = $now";
const DISMISS: &str = "UPDATE $r SET status = 'dismissed'";

/// Holds the reported listing for moderation (`review`: locked down until a moderator
/// decides its case) or dismisses the report, once.
pub fn decide_report(report: RecordId, review: bool, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("r", report)
        .sql(READ_REPORT)
        .refuse_if(REPORT_DECIDED, Refusal::AlreadyDecided);
    if review {
        s.sql(HOLD_FOR_REVIEW);
        super::locks::apply(
            &mut s,
            super::locks::LockChange::Put {
                lock: Lock::Report,
                replaces: Vec::new(),
                down: ListingStatus::Held,
                force: false,
            },
        );
    } else {
        s.sql(DISMISS);
    }
    s.audit(audit);
    s
}
