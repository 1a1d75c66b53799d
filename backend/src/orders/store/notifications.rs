//! The notification outbox: emails as they would be sent, and the user's feed.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

pub use crate::notify::Mail;

#[derive(Clone, Debug, SurrealValue)]
pub struct OutboxRow {
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The feed leaves out mails whose link is a secret (a password reset's): a stolen
/// session must not find a reset link there.
const FEED: &str = concat!(
    "SELECT subject, body, link, created_at FROM outbox WHERE recipient = $user AND kind NOT IN ",
    crate::secret_mail_kinds!(),
    " ORDER BY created_at DESC LIMIT $limit"
);

pub async fn notifications(
    db: &Db,
    user: &RecordId,
    limit: i64,
) -> Result<Vec<OutboxRow>, surrealdb::Error> {
    let mut res = db
        .query(FEED)
        .bind(("user", user.clone()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

const MARK_READ: &str =
    "UPDATE outbox SET read_at = $now WHERE recipient = $user AND read_at = NONE";

/// Everything in the user's notification feed counts as read.
pub async fn mark_notifications_read(
    db: &Db,
    user: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(MARK_READ)
        .bind(("now", now))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    Ok(())
}
