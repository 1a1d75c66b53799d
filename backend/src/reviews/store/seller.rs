//! The seller centre's reviews: the shop's list, the count awaiting a reply, and the
//! seller's public reply.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::{Db, Stmts};
use crate::notify::Rendered;

/// A published review of the shop as the seller centre lists it.
#[derive(SurrealValue)]
pub struct ShopReviewRow {
    pub id: RecordId,
    pub product: RecordId,
    pub product_title: Option<String>,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub photos: Vec<String>,
    pub reply: Option<String>,
}

/// Reads up to `limit` of the shop's published reviews, newest first; `filter`
/// `needs_reply` keeps those without a reply, `negative` those of one or two stars.
pub async fn shop_reviews(
    db: &Db,
    shop: RecordId,
    filter: &str,
    limit: i64,
) -> Result<Vec<ShopReviewRow>, surrealdb::Error> {
    let extra = match filter {
        "needs_reply" => " AND reply = NONE",
        "negative" => " AND rating <= 2",
        _ => "",
    };
    let mut res = db
        .query(format!(
            "SELECT id, product, product.title_en AS product_title, rating, title, body, author_name, created_at, photos, reply \
             FROM review WHERE shop = $shop AND status = 'published'{extra} ORDER BY created_at DESC LIMIT $limit;"
        ))
        .bind(("shop", shop))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The shop's published reviews without a reply (binds `$shop`).
pub const AWAITING_REPLY: &str =
    "SELECT id FROM review WHERE shop = $shop AND status = 'published' AND reply = NONE";

/// Counts the shop's published reviews without a reply.
pub async fn count_awaiting_reply(
    db: &Db,
    shop: &RecordId,
) -> Result<Option<i64>, surrealdb::Error> {
    let mut res = db
        .query(format!("RETURN count({AWAITING_REPLY})"))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

const REPLY: &str = "LET $first = $r.reply = NONE;\n\
         UPDATE $r SET reply = $text, reply_at = $now;\n\
         IF $first { CREATE outbox SET recipient = $author, kind = $mail.kind, subject = $mail.subject, \
           body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now }";

/// Sets (or replaces) the seller's reply to `review`; the first reply is sent to the
/// review's `author` (`mail`).
pub fn reply_to_review(review: RecordId, text: String, author: RecordId, mail: Rendered) -> Stmts {
    let mut v = Variables::new();
    v.insert("r", review);
    v.insert("text", text);
    v.insert("author", author);
    v.insert("mail", mail);
    let mut s = Stmts::new();
    s.bind_all(v).sql(REPLY);
    s
}
