//! Confirming an account's email address: the link mailed at sign-up (and again on
//! request, a few times an hour), used once before it expires; and the one check the
//! areas that need a confirmed address call ([`require`]): opening a shop and writing
//! reviews. Everything else (browsing, buying, asking) works before.

use backend::accounts::recovery_store as store;
use backend::db::{Audit, AuditAction, Refusal, Tx};
use backend::notify::Notice;
use chrono::Duration;
use domain::recovery::{VERIFY_LINK_HOURS, VERIFY_PER_ACCOUNT};
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::imp::count_attempts;
use super::session::{self, SessionUser};
use crate::error::{internal, invalid, AppError};
use crate::state::{key_of, AppState};

/// Mails `user` a new link (their older ones stop working); at most
/// [`VERIFY_PER_ACCOUNT`] an hour.
pub async fn send_link(state: &AppState, user: &RecordId) -> Result<(), AppError> {
    count_attempts(state, &[("verify", &key_of(user), VERIFY_PER_ACCOUNT)]).await?;
    let (token, hash) = session::new_token();
    let now = state.now();
    let mail = Notice::VerifyEmail {
        token,
        hours: VERIFY_LINK_HOURS,
    }
    .render();
    store::create_link(
        &state.db,
        "verify",
        user,
        &hash,
        (now, now + Duration::hours(VERIFY_LINK_HOURS)),
        mail,
    )
    .await?;
    Ok(())
}

/// The signed-in owner asks for the link again (nothing is sent once confirmed).
pub async fn resend(state: &AppState, user: &SessionUser) -> Result<(), AppError> {
    if user.verified {
        return Ok(());
    }
    send_link(state, &user.id).await
}

/// Confirms the address whose link carries `token`: once, before it expires.
pub async fn verify(state: &AppState, token: &str) -> Result<(), AppError> {
    let bad_link = || invalid("token", FieldErrorCode::InvalidLink);
    if !session::is_token(token) {
        return Err(bad_link());
    }
    let hash = session::hash_token(token);
    let now = state.now();
    let user = store::link_user(&state.db, "verify", &hash, now)
        .await?
        .ok_or_else(bad_link)?;
    let mut tx = Tx::new();
    tx.bind("now", now)
        .add(store::use_link("verify", &hash, &user))
        .add(store::mark_verified(
            &user,
            Audit::on(Some(&user), AuditAction::AccountEmailVerified, &user, now),
        ));
    match tx.run(&state.db).await? {
        Ok(()) => Ok(()),
        Err(Refusal::NotFound) => Err(bad_link()),
        Err(e) => Err(internal("email verification", e)),
    }
}

/// Refuses (on the form's `field`) an account whose address is not confirmed yet.
pub fn require(user: &SessionUser, field: &str) -> Result<(), AppError> {
    if user.verified {
        Ok(())
    } else {
        Err(invalid(field, FieldErrorCode::EmailNotVerified))
    }
}
