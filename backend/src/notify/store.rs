//! The mail queue (server only): notices in the outbox waiting to be mailed, claimed
//! in batches, then marked sent, skipped or left for a later attempt; and each
//! person's mail settings (language, kinds turned off, the secret of their
//! unsubscribe links).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::Texts;
use crate::db::Db;

/// The statement that queues the notice bound as `mail` (a [`super::Rendered`]) for the
/// person `recipient` names (a variable or expression), written at `$now`.
pub fn queue_mail(recipient: &str, mail: &str) -> String {
    format!(
        "CREATE outbox SET recipient = {recipient}, kind = {mail}.kind, subject = {mail}.subject, \
         body = {mail}.body, link = {mail}.link, texts = {mail}.texts, created_at = $now"
    )
}

/// The mails one run sends at most (the rest wait for the next run).
pub const MAIL_BATCH: i64 = 20;

/// A mail waiting to be sent, with what its recipient's settings say.
#[derive(SurrealValue)]
pub struct DueMail {
    pub id: RecordId,
    pub recipient: RecordId,
    pub email: Option<String>,
    pub name: Option<String>,
    pub lang: Option<String>,
    pub mail_off: Option<Vec<String>>,
    /// The recipient's address is confirmed (optional mail waits for that).
    pub verified: bool,
    pub kind: String,
    pub texts: Option<Texts>,
    pub link: Option<String>,
    /// Attempts so far, this one included.
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

const CLAIM: &str = "LET $due = (SELECT id, created_at FROM outbox \
       WHERE mail_status IN ['pending', 'sending'] AND (mail_next_at = NONE OR mail_next_at <= $now) \
       ORDER BY created_at LIMIT $batch);\n\
     UPDATE $due.id SET mail_status = 'sending', mail_attempts += 1, mail_next_at = $lease \
       WHERE mail_status IN ['pending', 'sending'] AND (mail_next_at = NONE OR mail_next_at <= $now);\n\
     SELECT id, recipient, recipient.email AS email, recipient.display_name AS name, recipient.lang AS lang, \
       recipient.mail_off AS mail_off, recipient.email_verified_at != NONE AS verified, kind, texts, link, \
       mail_attempts AS attempts, created_at \
       FROM $due.id WHERE mail_status = 'sending' AND mail_next_at = $lease;";

/// Claims the next batch of mails, oldest first: those waiting (never tried, or their
/// wait after a failure over) and those a sender claimed but never finished (its
/// `lease` ran out: a server that stopped). A claimed mail is this sender's until
/// `lease`.
pub async fn claim_mail(
    db: &Db,
    now: DateTime<Utc>,
    lease: DateTime<Utc>,
) -> Result<Vec<DueMail>, surrealdb::Error> {
    let mut res = db
        .query(CLAIM)
        .bind(("now", now))
        .bind(("lease", lease))
        .bind(("batch", MAIL_BATCH))
        .await?
        .check()?;
    res.take(2)
}

/// A mail whose link carries a secret (a password reset's) keeps it only until it is
/// mailed (or skipped).
const FORGET_SECRET: &str = concat!(
    "link = IF kind IN ",
    crate::secret_mail_kinds!(),
    " { NONE } ELSE { link }"
);

const SENT: &str =
    "UPDATE $id SET mail_status = 'sent', sent_at = $now, mail_next_at = NONE, mail_error = NONE";

/// The mail server took the mail.
pub async fn mail_sent(db: &Db, id: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
    db.query(format!("{SENT}, {FORGET_SECRET}"))
        .bind(("id", id.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const SKIPPED: &str =
    "UPDATE $id SET mail_status = 'skipped', mail_next_at = NONE, mail_error = $why";

/// The mail is not sent (`why`: its kind is turned off, no address).
pub async fn mail_skipped(db: &Db, id: &RecordId, why: &str) -> Result<(), surrealdb::Error> {
    db.query(format!("{SKIPPED}, {FORGET_SECRET}"))
        .bind(("id", id.clone()))
        .bind(("why", why.to_string()))
        .await?
        .check()?;
    Ok(())
}

const AGAIN: &str =
    "UPDATE $id SET mail_status = 'pending', mail_next_at = $next, mail_error = $error";

/// Sending failed (`error`): the mail waits until `next`.
pub async fn mail_again(
    db: &Db,
    id: &RecordId,
    error: &str,
    next: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let error: String = error.chars().take(500).collect();
    db.query(AGAIN)
        .bind(("id", id.clone()))
        .bind(("error", error))
        .bind(("next", next))
        .await?
        .check()?;
    Ok(())
}

/// A person's mail settings.
#[derive(SurrealValue)]
pub struct MailSettingsRow {
    pub lang: Option<String>,
    pub mail_off: Option<Vec<String>>,
    pub mail_token: Option<String>,
}

const SETTINGS: &str = "SELECT lang, mail_off, mail_token FROM $user";

pub async fn mail_settings(
    db: &Db,
    user: &RecordId,
) -> Result<Option<MailSettingsRow>, surrealdb::Error> {
    let mut res = db
        .query(SETTINGS)
        .bind(("user", user.clone()))
        .await?
        .check()?;
    let rows: Vec<MailSettingsRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

const SAVE_SETTINGS: &str = "UPDATE $user SET lang = $lang, mail_off = $off";

/// The language of a person's mail and the kinds they turned off.
pub async fn save_mail_settings(
    db: &Db,
    user: &RecordId,
    lang: &str,
    off: Vec<String>,
) -> Result<(), surrealdb::Error> {
    db.query(SAVE_SETTINGS)
        .bind(("user", user.clone()))
        .bind(("lang", lang.to_string()))
        .bind(("off", off))
        .await?
        .check()?;
    Ok(())
}

const SET_LANG: &str = "UPDATE $user SET lang = $lang";

/// The language a new account's mail is written in.
pub async fn set_lang(db: &Db, user: &RecordId, lang: &str) -> Result<(), surrealdb::Error> {
    db.query(SET_LANG)
        .bind(("user", user.clone()))
        .bind(("lang", lang.to_string()))
        .await?
        .check()?;
    Ok(())
}

const KEEP_TOKEN: &str = "UPDATE $user SET mail_token = $secret WHERE mail_token = NONE;\n\
     SELECT VALUE mail_token FROM $user;";

/// The secret a person's unsubscribe links carry: `token` unless they have one.
pub async fn keep_mail_token(
    db: &Db,
    user: &RecordId,
    token: &str,
) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query(KEEP_TOKEN)
        .bind(("user", user.clone()))
        .bind(("secret", token.to_string()))
        .await?
        .check()?;
    let t: Vec<Option<String>> = res.take(1)?;
    Ok(t.into_iter().flatten().next())
}

const TURN_OFF: &str = "UPDATE $user SET mail_off = array::union(mail_off ?? [], [$category])";

/// A person turns one optional kind of mail off.
pub async fn turn_off(db: &Db, user: &RecordId, category: &str) -> Result<(), surrealdb::Error> {
    db.query(TURN_OFF)
        .bind(("user", user.clone()))
        .bind(("category", category.to_string()))
        .await?
        .check()?;
    Ok(())
}

const USER_OF_TOKEN: &str = "SELECT VALUE id FROM user WHERE mail_token = $secret LIMIT 1";

/// Whose unsubscribe links carry `token`.
pub async fn user_of_mail_token(
    db: &Db,
    token: &str,
) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(USER_OF_TOKEN)
        .bind(("secret", token.to_string()))
        .await?
        .check()?;
    let ids: Vec<RecordId> = res.take(0)?;
    Ok(ids.into_iter().next())
}
