//! Account queries: users, sessions and login failures (server only).

use chrono::{DateTime, Utc};
use domain::Email;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{is_already_exists, Audit, Db, Refusal, Stmts, Tx};

#[derive(Clone, Debug, SurrealValue)]
pub struct UserRow {
    pub id: RecordId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// When the address was confirmed by the mailed link (`None`: not yet).
    pub email_verified_at: Option<DateTime<Utc>>,
    /// The authenticator's secret, once two-step sign-in is on (base32).
    pub totp_secret: Option<String>,
}

/// Users are keyed by their normalised email, so two concurrent sign-ups with
/// one address cannot both succeed (UNIQUE indexes race in SurrealDB).
pub fn user_id(email: &Email) -> RecordId {
    RecordId::new("user", email.as_str())
}

pub fn session_id(token_hash: &str) -> RecordId {
    RecordId::new("user_session", token_hash)
}

/// Creates a user (`verified`: with the address confirmed, for accounts the platform
/// opens itself); `Ok(false)` when the email is already registered.
pub async fn create_user(
    db: &Db,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    roles: &[&str],
    now: DateTime<Utc>,
    verified: bool,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(
            "CREATE $id SET email = $email, display_name = $name, password_hash = $hash, \
             roles = $roles, created_at = $now, email_verified_at = IF $verified { $now } ELSE { NONE }",
        )
        .bind(("verified", verified))
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
    agent: Option<String>,
) -> Result<(), surrealdb::Error> {
    db.query("CREATE $id SET user = $user, created_at = $now, expires_at = $exp, device = $device, agent = $agent")
        .bind(("device", device))
        .bind(("agent", agent))
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

const RESERVE_ATTEMPT: &str = "LET $t_seen = (SELECT VALUE id FROM login_failure WHERE kind = $t_kind AND subject_key = $t_key AND failed_at > $t_since LIMIT $t_max)";
const ATTEMPTS_USED: &str = "array::len($t_seen) >= $t_max";
const COUNT_ATTEMPT: &str =
    "UPSERT type::record('login_throttle', $t_kind + ':' + $t_key) SET at = $now;\n\
     CREATE $t_attempt SET kind = $t_kind, subject_key = $t_key, failed_at = $now;";

/// One attempt counted against a throttle key (an account, an address): the key's
/// kind, the key, its limit and where its window starts.
pub struct Attempt<'a> {
    pub kind: &'a str,
    pub key: &'a str,
    pub max: u32,
    pub since: DateTime<Utc>,
}

/// Counts an attempt before it is made, atomically with the check: refused with
/// [`Refusal::Changed`] when the key already has `max` attempts in its window. Every
/// attempt on a key writes the key's throttle record, so attempts racing on any
/// server conflict and are counted one after another (the in-process lock orders
/// them here). Returns the attempt's id, to take back if it succeeds.
pub async fn reserve_attempts(
    db: &Db,
    attempts: &[Attempt<'_>],
    now: DateTime<Utc>,
) -> Result<Result<Vec<RecordId>, Refusal>, surrealdb::Error> {
    let mut tx = Tx::new();
    tx.bind("now", now);
    let mut ids = Vec::new();
    for (i, a) in attempts.iter().enumerate() {
        let id = RecordId::new(
            "login_failure",
            format!("{:032x}", rand::random::<u128>()).as_str(),
        );
        let p = |n: &str| format!("t{i}_{n}");
        let sql = |s: &str| s.replace("$t_", &format!("$t{i}_"));
        let mut part = Stmts::new();
        part.lock(RecordId::new(
            "login_throttle",
            format!("{}:{}", a.kind, a.key).as_str(),
        ))
        .bind(&p("kind"), a.kind.to_string())
        .bind(&p("key"), a.key.to_string())
        .bind(&p("max"), i64::from(a.max))
        .bind(&p("since"), a.since)
        .bind(&p("attempt"), id.clone())
        .sql(&sql(RESERVE_ATTEMPT))
        .refuse_if(&sql(ATTEMPTS_USED), Refusal::Changed)
        .sql(&sql(COUNT_ATTEMPT));
        tx.add(part);
        ids.push(id);
    }
    Ok(tx.run(db).await?.map(|()| ids))
}

/// Takes back counted attempts (they succeeded).
pub async fn forget_attempts(db: &Db, ids: Vec<RecordId>) -> Result<(), surrealdb::Error> {
    db.query("DELETE $ids").bind(("ids", ids)).await?.check()?;
    Ok(())
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
