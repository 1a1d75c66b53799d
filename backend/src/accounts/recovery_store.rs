//! Getting back into an account and keeping it safe: the links mailed to reset a
//! password or to confirm the address (kept by the SHA-256 of their secret), setting a
//! password (which ends sessions), and the list of the account's sessions.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::store::queue_mail;
use crate::notify::Rendered;

pub fn token_id(hash: &str) -> RecordId {
    RecordId::new("account_token", hash)
}

/// What a mailed link does: `reset` a password or `verify` an address.
pub type Purpose = &'static str;

const NEW_LINK: &str = "UPDATE account_token SET used_at = $now WHERE user = $user AND purpose = $purpose AND used_at = NONE;\n\
     CREATE $id SET user = $user, purpose = $purpose, created_at = $now, expires_at = $expires;";

/// Keeps a new link's token for `user` (retiring their older ones for the same
/// purpose) and queues the mail with the link, in one transaction.
pub async fn create_link(
    db: &Db,
    purpose: Purpose,
    user: &RecordId,
    hash: &str,
    (now, expires): (DateTime<Utc>, DateTime<Utc>),
    mail: Rendered,
) -> Result<(), surrealdb::Error> {
    let mail_it = queue_mail("$user", "$mail");
    db.query(format!("BEGIN;\n{NEW_LINK}\n{mail_it};\nCOMMIT;"))
        .bind(("id", token_id(hash)))
        .bind(("purpose", purpose.to_string()))
        .bind(("user", user.clone()))
        .bind(("now", now))
        .bind(("expires", expires))
        .bind(("mail", mail))
        .await?
        .check()?;
    Ok(())
}

/// The account a link's token opens, if it is one for `purpose` that still works at
/// `now`.
pub async fn link_user(
    db: &Db,
    purpose: Purpose,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE user FROM $id WHERE purpose = $purpose AND used_at = NONE AND expires_at > $now")
        .bind(("id", token_id(hash)))
        .bind(("purpose", purpose.to_string()))
        .bind(("now", now))
        .await?
        .check()?;
    let v: Vec<RecordId> = res.take(0)?;
    Ok(v.into_iter().next())
}

/// Unused reset links of `$user` stop working (binds `$user`, `$now`).
const RETIRE_LINKS: &str =
    "UPDATE account_token SET used_at = $now WHERE user = $user AND purpose = 'reset' AND used_at = NONE";

/// Ends `$user`'s sessions but `$keep` (the one making a change that needs a
/// password or a code from now on).
pub const END_OTHER_SESSIONS: &str = "DELETE user_session WHERE user = $user AND id != $keep";

/// Sets `user`'s password hash and ends their sessions but `keep` (the session that
/// changed it), with the mail that says so and the audit entry.
pub fn set_password(
    user: &RecordId,
    password_hash: String,
    keep: Option<RecordId>,
    mail: Rendered,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .bind("hash", password_hash)
        .bind("keep", keep)
        .bind("mail", mail)
        .sql("UPDATE $user SET password_hash = $hash")
        .sql(RETIRE_LINKS)
        .sql(END_OTHER_SESSIONS)
        .sql(&queue_mail("$user", "$mail"))
        .audit(audit);
    s
}

/// Uses a link's token: refused with [`Refusal::NotFound`] when it is unknown, used,
/// expired, for another purpose or not `user`'s (a second use racing the first loses
/// here).
pub fn use_link(purpose: Purpose, hash: &str, user: &RecordId) -> Stmts {
    let mut s = Stmts::new();
    s.bind("id", token_id(hash))
        .bind("purpose", purpose.to_string())
        .bind("user", user.clone())
        .lock(token_id(hash))
        .sql("LET $t = $id.*")
        .refuse_if(
            "$t = NONE OR $t.purpose != $purpose OR $t.used_at != NONE OR $t.expires_at <= $now OR $t.user != $user",
            Refusal::NotFound,
        )
        .sql("UPDATE $id SET used_at = $now");
    s
}

/// Marks `user`'s address confirmed (after [`use_link`] with `verify`), audited.
pub fn mark_verified(user: &RecordId, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .sql("UPDATE $user SET email_verified_at = $now")
        .audit(audit);
    s
}

/// One of the account's sessions.
#[derive(Clone, Debug, SurrealValue)]
pub struct SessionRow {
    pub id: RecordId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub agent: Option<String>,
}

/// The account's sessions that are still valid, the newest first.
pub async fn sessions(
    db: &Db,
    user: &RecordId,
    now: DateTime<Utc>,
) -> Result<Vec<SessionRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, created_at, expires_at, agent FROM user_session WHERE user = $user AND expires_at > $now \
             ORDER BY created_at DESC LIMIT 50",
        )
        .bind(("user", user.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

/// Ends one of `user`'s sessions; false when it is not one of theirs.
pub async fn end_session(
    db: &Db,
    user: &RecordId,
    session: RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query("DELETE $s WHERE user = $user RETURN BEFORE")
        .bind(("s", session))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    let gone: Vec<RecordId> = res.take((0, "id"))?;
    Ok(!gone.is_empty())
}

/// Ends every session of `user`.
pub fn end_all_sessions(user: &RecordId, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .sql("DELETE user_session WHERE user = $user")
        .sql(RETIRE_LINKS)
        .audit(audit);
    s
}
