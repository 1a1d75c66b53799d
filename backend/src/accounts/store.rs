//! Account queries: users, sessions and login failures (server only).

use chrono::{DateTime, Utc};
use domain::Email;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{is_already_exists, Audit, Db};

#[derive(Clone, Debug, SurrealValue)]
pub struct UserRow {
    pub id: RecordId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// Users are keyed by their normalised email, so two concurrent sign-ups with
/// one address cannot both succeed (UNIQUE indexes race in SurrealDB).
pub fn user_id(email: &Email) -> RecordId {
    RecordId::new("user", email.as_str())
}

pub fn session_id(token_hash: &str) -> RecordId {
    RecordId::new("user_session", token_hash)
}

/// Creates a user; `Ok(false)` when the email is already registered.
pub async fn create_user(
    db: &Db,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    roles: &[&str],
    now: DateTime<Utc>,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(
            "CREATE $id SET email = $email, display_name = $name, password_hash = $hash, \
             roles = $roles, created_at = $now",
        )
        .bind(("id", user_id(email)))
        .bind(("email", email.as_str().to_string()))
        .bind(("name", display_name.to_string()))
        .bind(("hash", password_hash.to_string()))
        .bind((
            "roles",
            roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        ))
        .bind(("now", now))
        .await?;
    match res.take_errors().into_values().next() {
        None => Ok(true),
        Some(e) if is_already_exists(&e) => Ok(false),
        Some(e) => Err(e),
    }
}

pub async fn find_user(db: &Db, email: &Email) -> Result<Option<UserRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT * FROM ONLY $id")
        .bind(("id", user_id(email)))
        .await?
        .check()?;
    res.take(0)
}

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    user: &RecordId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    device: Option<String>,
) -> Result<(), surrealdb::Error> {
    db.query("CREATE $id SET user = $user, created_at = $now, expires_at = $exp, device = $device")
        .bind(("device", device))
        .bind(("id", session_id(token_hash)))
        .bind(("user", user.clone()))
        .bind(("now", now))
        .bind(("exp", expires_at))
        .await?
        .check()?;
    Ok(())
}

/// The user behind a live session, or `None` for an unknown or expired one.
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE user.* FROM $id WHERE expires_at > $now")
        .bind(("id", session_id(token_hash)))
        .bind(("now", now))
        .await?
        .check()?;
    let rows: Vec<UserRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), surrealdb::Error> {
    db.query("DELETE $id")
        .bind(("id", session_id(token_hash)))
        .await?
        .check()?;
    Ok(())
}

pub async fn record_login_failure(
    db: &Db,
    scope: &str,
    key: &str,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("CREATE login_failure SET kind = $kind, subject_key = $key, failed_at = $at")
        .bind(("kind", scope.to_string()))
        .bind(("key", key.to_string()))
        .bind(("at", at))
        .await?
        .check()?;
    Ok(())
}

/// The failed log-ins of one kind and subject since `$since` (binds `$kind`, `$key`).
pub const RECENT_LOGIN_FAILURES: &str = "SELECT VALUE failed_at FROM login_failure WHERE kind = $kind AND subject_key = $key AND failed_at > $since";

pub async fn recent_login_failures(
    db: &Db,
    scope: &str,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, surrealdb::Error> {
    let mut res = db
        .query(RECENT_LOGIN_FAILURES)
        .bind(("kind", scope.to_string()))
        .bind(("key", key.to_string()))
        .bind(("since", since))
        .await?
        .check()?;
    res.take(0)
}

pub async fn clear_login_failures(db: &Db, scope: &str, key: &str) -> Result<(), surrealdb::Error> {
    db.query("DELETE login_failure WHERE kind = $kind AND subject_key = $key")
        .bind(("kind", scope.to_string()))
        .bind(("key", key.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// Appends one entry to the audit trail.
pub async fn audit(db: &Db, entry: Audit) -> Result<(), surrealdb::Error> {
    db.query("CREATE audit_log CONTENT $entry")
        .bind(("entry", entry))
        .await?
        .check()?;
    Ok(())
}
