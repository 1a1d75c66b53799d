//! Two-step sign-in: an account's authenticator secret (pending while it is set up),
//! the step of the last code it accepted, its single-use recovery codes (by SHA-256),
//! and the challenges a password opens for the second step (kept by the SHA-256 of the
//! browser's token).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::recovery_store::END_OTHER_SESSIONS;
use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::store::queue_mail;
use crate::notify::Rendered;

/// An account's authenticator, as the second step and the set-up read it.
#[derive(Clone, Debug, Default, SurrealValue)]
pub struct TotpRow {
    /// Base32; set once the set-up was confirmed with a code.
    pub secret: Option<String>,
    /// Base32; shown during the set-up until a code confirms it.
    pub pending: Option<String>,
    pub last_step: Option<i64>,
    /// Recovery codes not used yet.
    pub recovery_left: i64,
}

const TOTP: &str =
    "SELECT totp_secret AS secret, totp_pending AS pending, totp_last_step AS last_step, \
     array::len(totp_recovery ?? []) AS recovery_left FROM $user";

pub async fn totp_of(db: &Db, user: &RecordId) -> Result<TotpRow, surrealdb::Error> {
    let mut res = db.query(TOTP).bind(("user", user.clone())).await?.check()?;
    let rows: Vec<TotpRow> = res.take(0)?;
    Ok(rows.into_iter().next().unwrap_or_default())
}

/// Starts (or restarts) a set-up with a new secret; an enabled one stays as it is.
pub async fn set_pending(db: &Db, user: &RecordId, secret: &str) -> Result<(), surrealdb::Error> {
    db.query("UPDATE $user SET totp_pending = $secret")
        .bind(("user", user.clone()))
        .bind(("secret", secret.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// Makes the pending secret the account's, with the step of the code that confirmed it
/// and the hashes of its recovery codes; ends the account's other sessions (none of
/// them gave a code), mails the owner and records it. Refused with
/// [`Refusal::Changed`] when the set-up changed meanwhile.
pub fn enable(
    user: &RecordId,
    (secret, step): (&str, i64),
    recovery: Vec<String>,
    keep: Option<RecordId>,
    mail: Rendered,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .bind("secret", secret.to_string())
        .bind("step", step)
        .bind("recovery", recovery)
        .bind("keep", keep)
        .bind("mail", mail)
        .lock(user.clone())
        .refuse_if("$user.totp_pending != $secret", Refusal::Changed)
        .sql("UPDATE $user SET totp_secret = totp_pending, totp_pending = NONE, totp_last_step = $step, totp_recovery = $recovery")
        .sql(END_OTHER_SESSIONS)
        .sql(&queue_mail("$user", "$mail"))
        .audit(audit);
    s
}

/// Replaces the account's recovery codes with new ones (the old ones stop working),
/// mails the owner and records it. Refused with [`Refusal::WrongState`] when two-step
/// sign-in is off.
pub fn replace_recovery(
    user: &RecordId,
    recovery: Vec<String>,
    mail: Rendered,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .bind("recovery", recovery)
        .bind("mail", mail)
        .lock(user.clone())
        .refuse_if("$user.totp_secret = NONE", Refusal::WrongState)
        .sql("UPDATE $user SET totp_recovery = $recovery")
        .sql(&queue_mail("$user", "$mail"))
        .audit(audit);
    s
}

/// Spends one recovery code (by its hash), mailing the owner: refused with
/// [`Refusal::NotFound`] when it is not one of the account's unused codes (so two
/// requests cannot both spend it).
pub fn use_recovery(user: &RecordId, hash: &str, mail: Rendered, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .bind("hash", hash.to_string())
        .bind("mail", mail)
        .lock(user.clone())
        .refuse_if(
            "$user.totp_secret = NONE OR $hash NOTINSIDE ($user.totp_recovery ?? [])",
            Refusal::NotFound,
        )
        .sql("UPDATE $user SET totp_recovery -= $hash")
        .sql(&queue_mail("$user", "$mail"))
        .audit(audit);
    s
}

/// Turns two-step sign-in on with a known secret, without a set-up (the demo's admin,
/// whose key the README gives).
pub async fn set_secret(db: &Db, user: &RecordId, secret: &str) -> Result<(), surrealdb::Error> {
    db.query("UPDATE $user SET totp_secret = $secret, totp_pending = NONE")
        .bind(("user", user.clone()))
        .bind(("secret", secret.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// Turns the second step off, mails the owner and records it.
pub fn disable(user: &RecordId, mail: Rendered, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("user", user.clone())
        .bind("mail", mail)
        .sql("UPDATE $user SET totp_secret = NONE, totp_pending = NONE, totp_last_step = NONE, totp_recovery = NONE")
        .sql(&queue_mail("$user", "$mail"))
        .audit(audit);
    s
}

const USE_STEP: &str = "UPDATE $user SET totp_last_step = $step \
     WHERE totp_last_step = NONE OR totp_last_step < $step RETURN VALUE id";

/// Records the step of an accepted code, once: false when that step (or a later one)
/// was used meanwhile, so two requests cannot both spend one code.
pub async fn use_step(db: &Db, user: &RecordId, step: i64) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(USE_STEP)
        .bind(("user", user.clone()))
        .bind(("step", step))
        .await?
        .check()?;
    let done: Vec<RecordId> = res.take(0)?;
    Ok(!done.is_empty())
}

/// An account by its id (the second step knows the account, not the address typed).
pub async fn user(
    db: &Db,
    id: &RecordId,
) -> Result<Option<super::store::UserRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT * FROM ONLY $id")
        .bind(("id", id.clone()))
        .await?
        .check()?;
    res.take(0)
}

fn challenge_id(hash: &str) -> RecordId {
    RecordId::new("login_challenge", hash)
}

/// Opens the second step for `user` (who gave the right password), until `expires`.
pub async fn create_challenge(
    db: &Db,
    hash: &str,
    user: &RecordId,
    next: Option<String>,
    (now, expires): (DateTime<Utc>, DateTime<Utc>),
) -> Result<(), surrealdb::Error> {
    db.query("DELETE login_challenge WHERE expires_at < $now; CREATE $id SET user = $user, next = $next, created_at = $now, expires_at = $expires")
        .bind(("id", challenge_id(hash)))
        .bind(("user", user.clone()))
        .bind(("next", next))
        .bind(("now", now))
        .bind(("expires", expires))
        .await?
        .check()?;
    Ok(())
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ChallengeRow {
    pub user: RecordId,
    pub next: Option<String>,
}

/// The challenge a token's hash opens, if it is still open at `now`.
pub async fn challenge(
    db: &Db,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ChallengeRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT user, next FROM $id WHERE expires_at > $now")
        .bind(("id", challenge_id(hash)))
        .bind(("now", now))
        .await?
        .check()?;
    let rows: Vec<ChallengeRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

pub async fn end_challenge(db: &Db, hash: &str) -> Result<(), surrealdb::Error> {
    db.query("DELETE $id")
        .bind(("id", challenge_id(hash)))
        .await?
        .check()?;
    Ok(())
}
